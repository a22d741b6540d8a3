"""Acceptance: the seed page through `newsevents run`, checked against seed.expected.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app


@pytest.fixture(scope="module")
def seed_article(shared: Path, tmp_path_factory) -> tuple[dict, dict]:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    seed = shared / "seeds" / "000_0196cf2e184cccf0.txt"
    runner = CliRunner()
    res = runner.invoke(app, ["run", str(seed), "--published", "2024-06-17", "--db", str(db)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["articles", "--db", str(db), "--format", "json"])
    rows = json.loads(res.stdout)
    assert len(rows) == 1, "the seed is stored as one article"
    expected = json.loads((shared / "gold" / "seed.expected.json").read_text(encoding="utf-8"))
    return rows[0], expected


def test_removed_lines_gone_and_kept_for_audit(seed_article):
    art, exp = seed_article
    lines = {ln.strip() for ln in art["text"].splitlines()}
    for removed in exp["cleaning"]["removed_lines"]:
        assert removed not in lines
        assert any(removed in r for r in art["removed"]), removed


def test_captions_once_and_out_of_body(seed_article):
    art, exp = seed_article
    for cap in exp["cleaning"]["captions_once"]:
        assert sum(c.startswith(cap) or c == cap for c in art["captions"]) == 1, cap
        assert cap not in art["text"]


def test_credits_and_attribution(seed_article):
    art, exp = seed_article
    for credit in exp["cleaning"]["credits"]:
        assert credit in art["credits"]
        assert credit not in art["text"]
    assert exp["cleaning"]["attribution"] in art["attribution"]
    assert exp["cleaning"]["attribution"] not in art["text"]
    assert {"REUTERS", "EFE", "EPA", "SPUTNIK", "AP"} <= set(art["agencies"])


def test_glued_words_repaired(seed_article):
    art, exp = seed_article
    text = art["text"]
    for glued, good in exp["cleaning"]["repaired"].items():
        assert glued not in text, glued
        # the two parts of the repair stand separated by a space or punctuation
        cut = next(i for i, (a, b) in enumerate(zip(glued, good, strict=False)) if a != b)
        left, right = glued[:cut], glued[cut:]
        assert re.search(re.escape(left) + r"[\s,.;:]+" + re.escape(right), text), good
    assert art["changes"], "every repair is recorded"


def test_body_sentences_kept(seed_article):
    art, _ = seed_article
    assert "Moskaus Beziehungen zu Nordkorea schwächten sich" in art["text"]
    assert "Andrei Lankov, ein Nordkorea-Experte" in art["text"]


def test_seed_events_against_the_must_list(shared):
    """Every must event of the seed is found (matching rule of seed.expected.json, dates included),
    and none of the must_not events."""
    import newsevents
    from newsevents.eval.events import seed_check

    text = (shared / "seeds" / "000_0196cf2e184cccf0.txt").read_text(encoding="utf-8")
    doc = newsevents.process_text(text, published="2024-06-17")
    res = seed_check(doc, shared / "gold" / "seed.expected.json")
    assert res["n_found"] == res["n_must"] == 10, [m["reason"][:200] for m in res["missing"]]
    assert all(r["status"] in ("ok", "unchecked") for r in res["must_not"]), res["must_not"]
    assert not [e for e in doc.events if e.trigger_text == "sprechen"], "talking to the press is no event"
    visit = [e for e in doc.events if e.trigger_text == "eintreffen"][0]
    assert visit.future and visit.date == "2024-06-18" and visit.date_precision == "day"
