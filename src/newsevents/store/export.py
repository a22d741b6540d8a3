"""Exports of stored tables (JSON Lines, CSV, Parquet) and of events as PLOVER or GDELT-style."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from . import Store
from .queries import date_evidence, decode_json_columns

TABLES = ("articles", "events", "entities", "quotes", "sentences")
EVENT_FORMATS = ("plover", "gdelt")
FLAG_NAMES = ("negated", "future", "hypothetical", "historical", "alleged")
# PLOVER's non-state actor codes: not countries, so not in GDELT's Actor*CountryCode.
SPECIAL_CODES = {"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"}
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "Actor1Code", "Actor1CountryCode", "Actor2Code", "Actor2CountryCode",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScale", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
    "PLOVER_Event", "PLOVER_Mode", "EventDate", "DatePrecision", "DocID",
)


def export_table(store: Store, table: str, fmt: str, output: Path | None) -> int:
    """Write ``table`` in ``fmt`` to ``output`` (stdout when None for text formats); row count."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    if fmt in EVENT_FORMATS:
        if table != "events":
            raise ValueError(f"--format {fmt} exports events only (got --table {table})")
        return export_events(store, fmt, output)
    n = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if fmt == "parquet":
        if output is None:
            raise ValueError("--format parquet needs --out FILE")
        store.con.execute(f"COPY (SELECT * FROM {table}) TO {_quote(output)} (FORMAT parquet)")
        return n
    if fmt == "csv":
        if output is None:
            cur = store.con.execute(f"SELECT * FROM {table}")
            w = csv.writer(sys.stdout)
            w.writerow([d[0] for d in cur.description])
            for row in cur.fetchall():
                w.writerow(row)
            return n
        store.con.execute(f"COPY (SELECT * FROM {table}) TO {_quote(output)} (FORMAT csv, HEADER)")
        return n
    if fmt == "jsonl":
        cur = store.con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        fh = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            while batch := cur.fetchmany(1000):
                for row in batch:
                    obj = decode_json_columns(dict(zip(names, row, strict=True)))
                    fh.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        finally:
            if output:
                fh.close()
        return n
    raise ValueError(f"unknown export format {fmt!r}; choose jsonl, csv, parquet, plover or gdelt")


def _quote(path: Path) -> str:
    """A file path as a SQL string literal (COPY cannot bind its target as a parameter)."""
    return "'" + str(path).replace("'", "''") + "'"


# -- events as PLOVER JSON Lines and GDELT-style TSV --------------------------------------------

EVENTS_SQL = """
SELECT e.*, a.doc_id AS a_doc_id, a.published AS a_published, a.url AS a_url,
       a.source AS a_source, a.language AS a_language
FROM events e JOIN articles a ON a.id = e.article_id
ORDER BY a.published NULLS LAST, e.article_id, e.idx
"""


def iter_event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Stored events joined with their article's doc_id, date, URL and language."""
    cur = store.con.execute(EVENTS_SQL)
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(1000):
        for row in batch:
            yield decode_json_columns(dict(zip(names, row, strict=True)))


def _scales(row: dict[str, Any]) -> tuple[float | None, int | None, str | None]:
    """Stored score/quad/cameo_root, or computed now for events stored before the tables existed."""
    if row.get("score") is not None and row.get("quad") is not None and row.get("cameo_root"):
        return row["score"], row["quad"], row["cameo_root"]
    from ..events.scales import cameo_root, plover_score, quad_class

    etype, mode = row["event"], row.get("mode")
    return plover_score(etype, mode), quad_class(etype), cameo_root(etype, mode)


def _actor_list(value: Any) -> list[dict[str, Any]]:
    return [{"text": a.get("text"), "code": a.get("code"), "sector": a.get("sector"),
             "start": a.get("start"), "end": a.get("end")} for a in value or []]


def plover_record(row: dict[str, Any], strict: bool = False) -> dict[str, Any]:
    """One event as a PLOVER JSON object (issue 5 item 4 keys first, extra keys after).

    Offsets are into the clean text, except ``trigger.input_start/input_end`` (the text as read).
    ``strict`` writes PLOVER-strict types: announced CONSULT/SUPPORT/COOPERATE/AID become AGREE
    (the codebook type is kept in ``codebook_event``).
    """
    from ..events.scales import strict_type

    score, quad, root = _scales(row)
    event = strict_type(row["event"], bool(row.get("future"))) if strict else row["event"]
    published = row.get("a_published")
    rec: dict[str, Any] = {
        "id": row["id"],
        "doc_id": row.get("a_doc_id"),
        "event": event,
        "mode": row.get("mode"),
        "context": row.get("context"),
        "actor": _actor_list(row.get("source")),
        "recipient": _actor_list(row.get("target")),
        "trigger": {"text": row.get("trigger_text"), "start": row.get("trigger_start"),
                    "end": row.get("trigger_end"), "input_start": row.get("input_start"),
                    "input_end": row.get("input_end")},
        "sentence": {"start": row.get("sentence_start"), "end": row.get("sentence_end")},
        **{f: bool(row.get(f)) for f in FLAG_NAMES},
        "date": row.get("date"),
        "date_precision": row.get("date_precision"),
        "location": row.get("location"),
        "score": score,
        "quad": quad,
        "cameo_root": root,
        "confidence": row.get("confidence"),
        "rule": row.get("rule"),
        # extra keys (the list above must not change; more may follow)
        "article_id": row.get("article_id"),
        "published": published.isoformat() if published else None,
        "url": row.get("a_url"),
        "language": row.get("a_language"),
        "asserted_by": row.get("asserted_by"),
        # the words the date was read from (clean-text offsets); null when the date is the report's
        "date_evidence": date_evidence(row),
    }
    if event != row["event"]:
        rec["codebook_event"] = row["event"]
    return rec


def _actor_code(actor: dict[str, Any] | None) -> tuple[str, str]:
    """(Actor*Code as country+sector, Actor*CountryCode) for a GDELT row; empty when unknown."""
    if not actor:
        return "", ""
    code, sector = actor.get("code") or "", actor.get("sector") or ""
    return code + sector, code if code and code not in SPECIAL_CODES else ""


def _gdelt_day(row: dict[str, Any]) -> str:
    """YYYYMMDD: the event's own date when known to the day, else the publication date."""
    date_text = row.get("date") or ""
    if len(date_text) == 10 and date_text[4] == "-":
        return date_text.replace("-", "")
    published = row.get("a_published")
    return published.strftime("%Y%m%d") if published else ""


def gdelt_rows(row: dict[str, Any]) -> list[list[Any]]:
    """GDELT-style rows of one event: one per (source actor, target actor) pair, as GDELT does."""
    from ..events.scales import cameo_code

    score, quad, root = _scales(row)
    sources = row.get("source") or [None]
    targets = row.get("target") or [None]
    pairs = [(a, b) for a in sources for b in targets]
    url = row.get("a_url") or row.get("a_source") or ""
    out = []
    for k, (a1, a2) in enumerate(pairs):
        code1, country1 = _actor_code(a1)
        code2, country2 = _actor_code(a2)
        event_id = row["id"] if len(pairs) == 1 else f"{row['id']}-{k + 1}"
        out.append([
            event_id, _gdelt_day(row), code1, country1, code2, country2,
            cameo_code(row["event"], row.get("mode")) or "", root or "", quad or "",
            "" if score is None else score, row.get("place_name") or "",
            row.get("place_country") or "",
            "" if row.get("latitude") is None else row["latitude"],
            "" if row.get("longitude") is None else row["longitude"], url,
            row["event"], row.get("mode") or "", row.get("date") or "",
            row.get("date_precision") or "", row.get("a_doc_id") or "",
        ])
    return out


@contextmanager
def _open_out(output: Path | None) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def export_events(
    store: Store, fmt: str, output: Path | None = None, *, strict: bool = False,
    header: bool = True,
) -> int:
    """Write events as ``plover`` JSON Lines or ``gdelt`` TSV to ``output`` (stdout when None).

    Returns the number of events written (GDELT may write more rows: one per actor pair).
    ``strict``: PLOVER-strict event types in the plover format; ``header``: TSV header line.
    """
    if fmt not in EVENT_FORMATS:
        choices = " or ".join(EVENT_FORMATS)
        raise ValueError(f"unknown event export format {fmt!r}; choose {choices}")
    n = 0
    with _open_out(output) as fh:
        if fmt == "plover":
            for row in iter_event_rows(store):
                rec = plover_record(row, strict)
                fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
                n += 1
            return n
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        if header:
            w.writerow(GDELT_COLUMNS)
        for row in iter_event_rows(store):
            w.writerows(gdelt_rows(row))
            n += 1
    return n
