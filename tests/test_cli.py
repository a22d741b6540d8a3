"""The command line end to end on a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsevents.cli import app

runner = CliRunner()


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Berlin – Die Regierung kritisierte die Entscheidung scharf.", encoding="utf-8")
    (d / "b.jsonl").write_text(
        json.dumps({"id": "j1", "body": "Paris and Berlin signed an agreement on Monday.", "date": "2025-01-06"})
        + "\n"
        + "{oops\n",
        encoding="utf-8",
    )
    (d / "c.txt").write_bytes(b"")
    return d


def test_ingest_show_articles_export(tmp_path: Path):
    db = tmp_path / "x.duckdb"
    src = _corpus(tmp_path)
    res = runner.invoke(app, ["ingest", str(src), "--db", str(db), "--field", "text=body", "--field", "doc_id=id"])
    assert res.exit_code == 1, res.output  # two inputs failed
    assert "failed" in res.output and "empty" in res.output and "invalid JSON" in res.output
    res = runner.invoke(app, ["articles", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert sorted(r["doc_id"] for r in rows) == ["a.txt", "j1"]
    assert all(k in rows[0] for k in ("text", "raw_text", "captions", "credits", "changes", "published"))
    res = runner.invoke(app, ["ingest", str(src / "a.txt"), "--db", str(db)])
    assert res.exit_code == 0 and "duplicate" in res.output
    res = runner.invoke(app, ["show", "a.txt", "--db", str(db)])
    assert res.exit_code == 0 and "kritisierte" in res.stdout
    res = runner.invoke(app, ["show", "nope", "--db", str(db)])
    assert res.exit_code == 2
    out = tmp_path / "a.parquet"
    res = runner.invoke(
        app, ["export", "--db", str(db), "--table", "articles", "--format", "parquet", "--out", str(out)]
    )
    assert res.exit_code == 0 and out.stat().st_size > 0
    import duckdb

    assert duckdb.connect().execute(f"SELECT count(*) FROM '{out}'").fetchone()[0] == 2
    res = runner.invoke(app, ["articles", "--db", str(db), "--format", "csv", "--search", "Regierung"])
    assert res.exit_code == 0 and res.stdout.count("\n") == 2


def test_bad_options_are_explained(tmp_path: Path):
    res = runner.invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "y.duckdb"), "--field", "bogus"])
    assert res.exit_code == 2 and "OURS=THEIRS" in res.output
    res = runner.invoke(app, ["articles", "--db", str(tmp_path / "missing.duckdb")])
    assert res.exit_code == 2 and "no database" in res.output
    res = runner.invoke(app, ["ingest", "x.txt", "--db", str(tmp_path / "y.duckdb"), "--published", "17.6.24"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_help_teaches():
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0 and "newsevents run" in res.output
    res = runner.invoke(app, ["run", "--help"])
    assert "--published" in res.output and "--workers" in res.output


def test_quotes_command_filters(tmp_path: Path):
    db = tmp_path / "q.duckdb"
    src = tmp_path / "q.txt"
    src.write_text(
        "Berlin – Die Regierung wies die Vorwürfe zurück.\n\n"
        "„Wir werden nicht nachgeben“, sagte Außenministerin Annalena Baerbock am Montag.",
        encoding="utf-8",
    )
    res = runner.invoke(app, ["run", str(src), "--db", str(db), "--published", "2024-03-04"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["quotes", "--db", str(db), "--format", "json", "--search", "nachgeben"])
    rows = json.loads(res.stdout)
    assert len(rows) == 1 and rows[0]["kind"] == "direct" and rows[0]["speaker_code"] == "DEU"
    res = runner.invoke(app, ["quotes", "--db", str(db), "--format", "json", "--speaker", "FRA"])
    assert json.loads(res.stdout) == []


def test_run_with_a_user_actor_dictionary(tmp_path: Path):
    dic = tmp_path / "mine.actors.txt"
    dic.write_text("# PETRARCH format\nACME_FREEDOM_FRONT_ [XYZREB]\n+AFF_\n", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("Die Acme Freedom Front griff am Montag einen Stützpunkt der Armee an.", encoding="utf-8")
    db = tmp_path / "u.duckdb"
    res = runner.invoke(app, ["run", str(src), "--db", str(db), "--actors", str(dic)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    rows = json.loads(res.stdout)
    assert any(r["event"] == "ASSAULT" and r["source_codes"] == "XYZ" for r in rows), rows
    res = runner.invoke(app, ["run", str(src), "--db", str(db), "--actors", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2 and "no such file" in res.output
