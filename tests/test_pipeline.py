"""Pipeline: ordered stages, per-document failures, identical results whatever the worker count."""

from __future__ import annotations

import json
import pickle
from dataclasses import asdict
from pathlib import Path

from newsevents.document import Document
from newsevents.pipeline import Pipeline, available_stages, make_stage
from newsevents.runner import default_stages, run_pipeline


class Upper:
    name = "upper"

    def __call__(self, doc: Document) -> Document:
        doc.text = doc.text.upper()
        return doc


class Boom:
    name = "boom"

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.text.lower():
            raise ValueError("exploded")
        return doc


def test_stages_run_in_order_and_failures_are_isolated():
    p = Pipeline([Upper(), Boom()])
    docs = [Document.from_text(t) for t in ("eins", "boom", "drei")]
    results = list(p.pipe(docs))
    assert [r.doc.text for r in results] == ["EINS", "BOOM", "DREI"]
    assert [r.error for r in results] == [None, "ValueError: exploded", None]
    assert results[1].stage == "boom"


def test_builtin_stages_are_registered_and_picklable():
    names = available_stages()
    assert "langid" in names
    for n in default_stages(analyse=False):
        stage = make_stage(n)
        assert pickle.loads(pickle.dumps(stage)).name == n


def test_results_identical_whatever_the_worker_count(tmp_path: Path):
    corpus = tmp_path / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(24):
            lang_text = (
                f"Die Regierung in Berlin kündigte am Montag {i} neue Gespräche mit Paris an."
                if i % 2
                else f"The government in London announced new talks with Paris on Monday {i}."
            )
            fh.write(json.dumps({"doc_id": str(i), "text": lang_text}) + "\n")
    one = run_pipeline([str(corpus)], analyse=False, workers=1, keep_documents=True)
    two = run_pipeline([str(corpus)], analyse=False, workers=2, keep_documents=True)
    assert [asdict(d) for d in one.documents] == [asdict(d) for d in two.documents]
    assert {d.language for d in one.documents} == {"de", "en"}


def test_full_analysis_identical_with_two_workers(tmp_path: Path):
    corpus = tmp_path / "c.jsonl"
    texts = [
        "Die EU verhängte am Montag neue Sanktionen gegen den Iran.",
        "Putin wird am Dienstag in Pjöngjang eintreffen.",
        "Russland hat die Ukraine nicht angegriffen.",
        "Die Polizei nahm in Tiflis 37 Demonstranten fest.",
    ]
    with corpus.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"doc_id": str(i), "text": t, "lang": "de"}) + "\n")
    one = run_pipeline([str(corpus)], analyse=True, workers=1, keep_documents=True)
    two = run_pipeline([str(corpus)], analyse=True, workers=2, keep_documents=True)
    assert one.failed == 0 and two.failed == 0
    assert [asdict(d) for d in one.documents] == [asdict(d) for d in two.documents]
    assert sum(len(d.events) for d in one.documents) >= 3
