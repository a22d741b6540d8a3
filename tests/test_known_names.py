"""Known organisation names after the NER (newsevents.nlp.known_names): names from the actor
knowledge base that the NER left unlabelled become ORG; ambiguous words and offices do not."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsevents.nlp.known_names import add_known_organisations, organisation_names


def _run(words: list[str], ents: list[str]) -> list[tuple[str, str]]:
    doc = Doc(spacy.blank("de").vocab, words=words, ents=ents)
    return [(e.text, e.label_) for e in add_known_organisations(doc).ents]


def test_unlabelled_known_organisations_become_org_and_ner_entities_stay():
    words = "Laut Reuters und Der Tagesspiegel kritisierte Merkel die Nato .".split()
    ents = ["O", "O", "O", "O", "O", "O", "B-PER", "O", "O", "O"]
    assert _run(words, ents) == [("Reuters", "ORG"), ("Der Tagesspiegel", "ORG"), ("Merkel", "PER"),
                                 ("Nato", "ORG")]


def test_entities_found_by_the_ner_are_not_relabelled_or_split():
    words = "Die Reuters Group wuchs .".split()
    assert _run(words, ["O", "B-ORG", "I-ORG", "O", "O"]) == [("Reuters Group", "ORG")]


def test_ambiguous_words_and_offices_are_not_names():
    index = organisation_names()
    flat = {" ".join(n) for names in index.values() for n in names}
    assert "Reuters" in flat and "Der Tagesspiegel" in flat
    assert "Bild" not in flat and "Zeit" not in flat  # marked ambiguous in the knowledge base
    assert not any(n.endswith("Generalsekretär") or n.startswith("Generalsekretär") for n in flat)
    assert _run("Das Bild zeigt die Zeit .".split(), ["O"] * 6) == []


def test_an_article_name_counts_inside_a_sentence_not_at_its_start():
    assert _run("Die Zeit drängt .".split(), ["O"] * 4) == []
    assert _run("Die Welt schaut zu .".split(), ["O"] * 5) == []
    assert _run("Laut Die Zeit kam es anders .".split(), ["O"] * 7) == [("Die Zeit", "ORG")]


def test_common_words_the_knowledge_base_marks_ambiguous_are_not_matched():
    flat = {" ".join(n) for names in organisation_names().values() for n in names}
    for word in ("Blick", "Total", "Kurier", "Falter", "The National", "The Australian"):
        assert word not in flat
    assert "General Dynamics" in flat  # "General" is a German title, not an English one
