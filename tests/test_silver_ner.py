"""training/silver_ner.py: the teacher's entities become BIO tags for the student's corpus."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import spacy
from spacy.tokens import Doc

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "silver_ner.py"


def _silver():
    spec = importlib.util.spec_from_file_location("silver_ner", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bio_tags_keep_our_labels_and_start_every_entity_with_b():
    silver = _silver()
    words = "Laut Reuters traf Angela Merkel in Berlin den iPhone-Chef".split()
    doc = Doc(spacy.blank("de").vocab, words=words,
              ents=["O", "B-ORG", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "B-MISC"])
    assert silver.bio_tags(doc) == ["O", "B-ORG", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "O"]
    # a sentence cut inside an entity: its first token inside the sentence opens the entity
    assert silver.bio_tags(doc[4:7]) == ["B-PER", "O", "B-LOC"]


def test_dev_gold_articles_are_left_out_of_the_silver_text(tmp_path):
    silver = _silver()
    shared = tmp_path / "shared"
    (shared / "data" / "news").mkdir(parents=True)
    (shared / "gold").mkdir()
    # JSON escapes: each text has two paragraphs
    held = "Gold-Artikel: Der Minister traf den Botschafter.\\nZweiter Absatz."
    free = "Freier Artikel.\\nMit zwei Absätzen."
    for name in silver.NEWS:
        (shared / "data" / "news" / name).write_text(
            f'{{"text": "{held}"}}\n{{"text": "{free}"}}\n', encoding="utf-8")
    (shared / "gold" / "dev-de.docs.jsonl").write_text(f'{{"doc_id": "d1", "text": "{held}"}}\n',
                                                       encoding="utf-8")
    paragraphs = silver.news_paragraphs(shared)
    assert sorted(paragraphs) == sorted(["Freier Artikel.", "Mit zwei Absätzen."] * 2)
