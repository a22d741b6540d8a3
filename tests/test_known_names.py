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
