"""DuckDB store: schema/migrations, idempotent re-ingest, crash safety, round trips."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb

from newsevents.document import ActorRef, Document, Entity, Event, Span
from newsevents.runner import run_pipeline
from newsevents.store import Store
from newsevents.store.schema import LATEST


def _corpus(tmp_path: Path, n: int = 120) -> Path:
    p = tmp_path / "corpus.jsonl"
    with p.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Artikel {i}: Die Regierung in Wien kündigte am Montag {i} neue Gespräche an."
            fh.write(json.dumps({"doc_id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
        fh.write("{broken\n")
    return p


def test_schema_version_and_tables(tmp_path: Path):
    with Store(tmp_path / "x.duckdb") as s:
        assert s.version() == LATEST
        assert set(s.counts()) >= {"articles", "sentences", "entities", "events", "quotes", "ingest_errors", "runs"}
    with Store(tmp_path / "x.duckdb") as s:  # reopening applies nothing twice
        assert s.con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == LATEST


def test_reingest_adds_nothing(tmp_path: Path):
    db = tmp_path / "a.duckdb"
    corpus = _corpus(tmp_path, 30)
    first = run_pipeline([str(corpus)], db=db, analyse=False)
    second = run_pipeline([str(corpus)], db=db, analyse=False)
    assert first.stored == 30 and first.failed == 1
    assert second.stored == 0 and second.duplicate == 30
    with Store(db) as s:
        c = s.counts()
        assert c["articles"] == 30 and c["runs"] == 2 and c["ingest_errors"] == 2
        assert s.con.execute("SELECT count(DISTINCT status) FROM runs WHERE status = 'partial'").fetchone()[0] == 1


KILLER = """
import os, signal, sys
from newsevents.runner import run_pipeline
calls = {"n": 0}
def progress(s):
    if s.stored >= 40:
        os.kill(os.getpid(), signal.SIGKILL)
run_pipeline([sys.argv[1]], db=sys.argv[2], analyse=False, batch_size=20, on_progress=progress)
"""


def test_killed_run_leaves_consistent_db_and_rerun_completes(tmp_path: Path):
    corpus = _corpus(tmp_path, 120)
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    proc = subprocess.run([sys.executable, "-c", KILLER, str(corpus), str(killed_db)], capture_output=True)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    with Store(killed_db) as s:
        n_partial = s.counts()["articles"]
        # whole batches only: every stored article is complete
        assert 0 < n_partial < 120 and n_partial % 20 == 0
        assert s.con.execute("SELECT count(*) FROM articles WHERE text IS NULL").fetchone()[0] == 0
    rerun = run_pipeline([str(corpus)], db=killed_db, analyse=False)
    assert rerun.duplicate == n_partial and rerun.stored == 120 - n_partial
    run_pipeline([str(corpus)], db=clean_db, analyse=False)
    with Store(killed_db) as a, Store(clean_db) as b:
        ids_a = {r[0] for r in a.con.execute("SELECT id FROM articles").fetchall()}
        ids_b = {r[0] for r in b.con.execute("SELECT id FROM articles").fetchall()}
        assert ids_a == ids_b and len(ids_a) == 120


def test_document_round_trip_with_annotations(tmp_path: Path):
    doc = Document.from_text("Putin besucht Pjöngjang.", source="x.txt", doc_id="x.txt", language="de")
    doc.entities.append(Entity(0, 5, "Putin", "PER", "RUS", "GOV", "Wladimir Putin", "putin", 0.9, "kb"))
    doc.events.append(
        Event(
            "CONSULT",
            "visit",
            [ActorRef("Putin", "RUS", "GOV", 0, 5)],
            [ActorRef("Pjöngjang", "PRK", "GOV", 14, 23)],
            Span(6, 13),
            "besucht",
            Span(0, 24),
            future=True,
            rule="test",
        )
    )
    db = tmp_path / "r.duckdb"
    with Store(db) as s:
        stored, dupes = s.write_batch([doc], [], "run1")
        assert len(stored) == 1 and not dupes
        back = s.load_document(s.resolve_id("x.txt"))
    assert back.text == doc.text and back.entities == doc.entities
    assert back.events[0].source == doc.events[0].source and back.events[0].future
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT source_codes, target_codes FROM events").fetchone() == ("RUS", "PRK")


def test_replace_rewrites_children(tmp_path: Path):
    doc = Document.from_text("Text.", source="x")
    doc.entities.append(Entity(0, 4, "Text", "ORG"))
    with Store(tmp_path / "r.duckdb") as s:
        s.write_batch([doc], [], "r1")
        doc.entities = [Entity(0, 4, "Text", "LOC"), Entity(0, 1, "T", "PER")]
        s.write_batch([doc], [], "r2", replace=True)
        assert s.counts()["entities"] == 2 and s.counts()["articles"] == 1


class _FailOn:
    """A stage that fails on documents containing a word (stands in for a missing model)."""

    name = "fragile"

    def __init__(self, word: str):
        self.word = word

    def __call__(self, doc):
        if self.word in doc.text:
            raise RuntimeError("model missing")
        doc.meta["fragile_done"] = True
        return doc


def test_stage_failure_keeps_the_article_and_a_rerun_completes_it(tmp_path: Path):
    from newsevents.pipeline import Pipeline
    from newsevents.runner import run_pipeline as run

    corpus = _corpus(tmp_path, 10)
    db = tmp_path / "f.duckdb"
    import newsevents.runner as runner_mod

    orig = runner_mod.Pipeline.from_names
    runner_mod.Pipeline.from_names = classmethod(lambda cls, names, settings=None: Pipeline([_FailOn("Artikel 3:")]))
    try:
        first = run([str(corpus)], db=db, stages=["fragile"])
    finally:
        runner_mod.Pipeline.from_names = orig
    assert first.failed == 2 and first.stored == 10  # the broken JSON line, and article 3 kept
    with Store(db) as s:
        meta = s.con.execute("SELECT meta FROM articles WHERE doc_id = 'd3'").fetchone()[0]
        assert "incomplete_stage" in meta
    second = run([str(corpus)], db=db, stages=[])
    assert second.stored == 1 and second.duplicate == 9  # only the incomplete article is redone
    with Store(db) as s:
        assert s.counts()["articles"] == 10


def test_a_version_1_database_is_migrated_and_keeps_its_rows(tmp_path: Path):
    from newsevents.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMP)")
    for sql in MIGRATIONS[0][2]:
        con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', now())")
    con.execute("INSERT INTO events (id, article_id, idx, event) VALUES ('e1', 'a1', 0, 'ASSAULT')")
    con.close()
    with Store(path) as s:
        assert s.version() == LATEST >= 2
        row = s.con.execute("SELECT event, date_text, date_text_start FROM events").fetchall()
        assert row == [("ASSAULT", None, None)]


def test_event_date_words_are_stored_and_exported(tmp_path: Path):
    from newsevents.store.export import export_events

    corpus = tmp_path / "d.jsonl"
    text = "Russland griff am 3. Juni 2024 die Ukraine an. Die Regierung in Moskau kritisierte die Ukraine."
    corpus.write_text(json.dumps({"doc_id": "d1", "text": text, "published": "2024-06-17"},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    run_pipeline([str(corpus)], db=db)
    with Store(db) as s:
        rows = s.con.execute(
            "SELECT event, date, date_precision, date_text, date_text_start, date_text_end FROM events "
            "ORDER BY trigger_start").fetchall()
        clean = s.con.execute("SELECT text FROM articles").fetchone()[0]
        out = tmp_path / "ev.jsonl"
        export_events(s, "plover", out)
    dated = [r for r in rows if r[0] == "ASSAULT"]
    assert dated and dated[0][1] == "2024-06-03" and dated[0][3] and "3. Juni 2024" in dated[0][3]
    assert clean[dated[0][4]:dated[0][5]] == dated[0][3]
    report_dated = [r for r in rows if r[0] == "ACCUSE"]
    assert report_dated and report_dated[0][2] == "report" and report_dated[0][3] is None
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_type = {r["event"]: r for r in recs}
    assert by_type["ASSAULT"]["date_evidence"]["text"] == dated[0][3]
    assert by_type["ACCUSE"]["date_evidence"] is None
    keys = list(by_type["ASSAULT"])
    assert keys.index("rule") == 21 < keys.index("date_evidence")  # the required keys first, unchanged
