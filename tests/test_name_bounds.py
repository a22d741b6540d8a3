"""Name boundaries after the NER (newsevents.nlp.name_bounds): titles, descriptors and trailing
junk are cut off entity spans, by label, from the data files."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.nlp.name_bounds import titles, trim_names


def _trim(lang: str, words: list[str], ents: list[str]) -> list[tuple[str, str]]:
    doc = Doc(spacy.blank(lang).vocab, words=words, ents=ents)
    return [(e.text, e.label_) for e in trim_names(doc).ents]


@pytest.mark.parametrize(
    "words,ents,expected",
    [
        ("Mit Herzog Przemysław schloss er Frieden".split(), ["O", "B-PER", "I-PER", "O", "O", "O"],
         [("Przemysław", "PER")]),
        ("der Parteichefs Hu Jintao".split(), ["O", "B-PER", "I-PER", "I-PER"], [("Hu Jintao", "PER")]),
        ("mit Landesstudioleiterin Anne Reidt".split(), ["O", "B-PER", "I-PER", "I-PER"],
         [("Anne Reidt", "PER")]),
        ("im Kanton Thurgau".split(), ["O", "B-LOC", "I-LOC"], [("Thurgau", "LOC")]),
        # forms of address from other languages ("Miss Parker"); "Madame Tussauds" (ORG) keeps it
        ("obwohl Miss Parker ihn".split(), ["O", "B-PER", "I-PER", "O"], [("Parker", "PER")]),
        ("im Madame Tussauds".split(), ["O", "B-ORG", "I-ORG"], [("Madame Tussauds", "ORG")]),
        ("Zinsen der PBoC 2009".split(), ["O", "O", "B-ORG", "I-ORG"], [("PBoC", "ORG")]),
        ("die IG Metall von heute".split(), ["O", "B-ORG", "I-ORG", "I-ORG", "O"], [("IG Metall", "ORG")]),
        # not cut: a PER title on an ORG, a lone title, a lower-case word after a title
        ("bei General Motors".split(), ["O", "B-ORG", "I-ORG"], [("General Motors", "ORG")]),
        ("der Herzog kam".split(), ["O", "B-PER", "O"], [("Herzog", "PER")]),
        ("Herzog von Burgund".split(), ["B-PER", "I-PER", "I-PER"], [("Herzog von Burgund", "PER")]),
        ("Gerhard Richter malt".split(), ["B-PER", "I-PER", "O"], [("Gerhard Richter", "PER")]),
        # numbers that are part of a name stay; only a year is cut
        ("gegen Hannover 96".split(), ["O", "B-ORG", "I-ORG"], [("Hannover 96", "ORG")]),
        ("FC Schalke 04 siegt".split(), ["B-ORG", "I-ORG", "I-ORG", "O"], [("FC Schalke 04", "ORG")]),
        ("beim TSV 1860".split(), ["O", "B-ORG", "I-ORG"], [("TSV 1860", "ORG")]),
        ("Bündnis 90 stimmt".split(), ["B-ORG", "I-ORG", "O"], [("Bündnis 90", "ORG")]),
    ],
)
def test_german_names_lose_titles_and_tails(words, ents, expected):
    assert _trim("de", words, ents) == expected


def test_english_titles_are_cut_from_persons_only():
    words = "President Joe Biden met Gen. Milley at General Electric".split()
    ents = ["B-PER", "I-PER", "I-PER", "O", "B-PER", "I-PER", "O", "B-ORG", "I-ORG"]
    assert _trim("en", words, ents) == [("Joe Biden", "PER"), ("Milley", "PER"), ("General Electric", "ORG")]


def test_title_lists_have_sections_and_no_name_starters():
    de, en = titles("de"), titles("en")
    assert {"PER", "LOC"} <= set(de) and "herzog" in de["PER"] and "kanton" in de["LOC"]
    assert "president" in en["PER"]
    for starter in ("sankt", "bad", "republik"):
        assert all(starter not in words for words in de.values())
    assert all("general" not in words for words in en.values())


def test_other_pipelines_labels_are_read_as_ours():
    words = "President Joe Biden spoke".split()
    doc = Doc(spacy.blank("en").vocab, words=words, ents=["B-PERSON", "I-PERSON", "I-PERSON", "O"])
    assert [(e.text, e.label_) for e in trim_names(doc).ents] == [("Joe Biden", "PERSON")]


def test_shipped_pipeline_runs_name_bounds_then_known_names_after_ner():
    from newsevents.nlp import load_pipeline

    nlp = load_pipeline("de")
    names = nlp.pipe_names
    assert names.index("newsevents_name_bounds") == names.index("ner") + 1
    assert names.index("newsevents_known_names") == names.index("ner") + 2
