"""Filtered reads shared by the CLI, the Python API and (later) the HTTP API.

Filters become SQL with bound parameters only; no text from the user is pasted into SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import Store

ARTICLE_LIST_COLUMNS = (
    "id",
    "doc_id",
    "published",
    "language",
    "outlet",
    "title",
    "source",
    "input_format",
)
EVENT_LIST_COLUMNS = (
    "id",
    "article_id",
    "event",
    "mode",
    "source_codes",
    "target_codes",
    "trigger_text",
    "negated",
    "future",
    "hypothetical",
    "historical",
    "alleged",
    "date",
    "date_precision",
    "place_name",
    "confidence",
)
JSON_COLUMNS = {
    "paragraphs",
    "captions",
    "credits",
    "attribution",
    "agencies",
    "removed",
    "changes",
    "offsets",
    "meta",
    "source",
    "target",
    "location",
    "asserted_by",
    "speaker",
    "tokens",
}


@dataclass
class Where:
    """Accumulates SQL conditions and their parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def decode_json_columns(row: dict[str, Any]) -> dict[str, Any]:
    for k, v in row.items():
        if k in JSON_COLUMNS and isinstance(v, str):
            try:
                row[k] = json.loads(v)
            except ValueError:
                pass
    return row


def list_articles(
    store: Store,
    *,
    language: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    search: str | None = None,
    agency: str | None = None,
    full: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    w = Where()
    if language:
        w.add("language = ?", language)
    if outlet:
        w.add("outlet ILIKE ?", f"%{outlet}%")
    if since:
        w.add("published >= ?", since)
    if until:
        w.add("published <= ?", until)
    if search:
        w.add("(title ILIKE ? OR text ILIKE ?)", f"%{search}%", f"%{search}%")
    if agency:
        w.add("list_contains(CAST(agencies AS VARCHAR[]), ?)", agency.upper())
    cols = "*" if full else ", ".join(ARTICLE_LIST_COLUMNS)
    sql = f"SELECT {cols} FROM articles{w.sql()} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?"
    rows = store._dicts(sql, [*w.params, limit, offset])
    return [decode_json_columns(r) for r in rows]


def list_events(
    store: Store,
    *,
    event_type: str | None = None,
    actor: str | None = None,
    recipient: str | None = None,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    article: str | None = None,
    near: tuple[float, float, float] | None = None,
    full: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    w = Where()
    if event_type:
        w.add("event = ?", event_type.upper())
    if actor:
        w.add("list_contains(string_split(source_codes, ';'), ?)", actor.upper())
    if recipient:
        w.add("list_contains(string_split(target_codes, ';'), ?)", recipient.upper())
    if country:
        c = country.upper()
        w.add(
            "(list_contains(string_split(source_codes, ';'), ?) OR "
            "list_contains(string_split(target_codes, ';'), ?) OR place_country = ?)",
            c,
            c,
            c,
        )
    if since:
        w.add("coalesce(date_start, (SELECT published FROM articles a WHERE a.id = article_id)) >= ?", since)
    if until:
        w.add("coalesce(date_start, (SELECT published FROM articles a WHERE a.id = article_id)) <= ?", until)
    if article:
        w.add("article_id = ?", article)
    if near:
        lat, lon, km = near
        w.add(
            "latitude IS NOT NULL AND 2 * 6371 * asin(sqrt(pow(sin(radians(latitude - ?) / 2), 2) + "
            "cos(radians(?)) * cos(radians(latitude)) * pow(sin(radians(longitude - ?) / 2), 2))) <= ?",
            lat,
            lat,
            lon,
            km,
        )
    cols = "*" if full else ", ".join(EVENT_LIST_COLUMNS)
    sql = f"SELECT {cols} FROM events{w.sql()} ORDER BY article_id, idx LIMIT ? OFFSET ?"
    rows = store._dicts(sql, [*w.params, limit, offset])
    return [decode_json_columns(r) for r in rows]


QUOTE_LIST_COLUMNS = (
    "q.article_id",
    "q.idx",
    "q.start_char",
    "q.end_char",
    "q.text",
    "q.kind",
    "q.cue",
    "q.speaker_code",
    "q.speaker_sector",
    "q.speaker_name",
    "q.addressee",
    "q.confidence",
    "a.published",
    "a.outlet",
    "a.title",
)


def list_quotes(
    store: Store,
    *,
    speaker_code: str | None = None,
    sector: str | None = None,
    name: str | None = None,
    search: str | None = None,
    since: date | None = None,
    until: date | None = None,
    article: str | None = None,
    kind: str | None = None,
    full: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotations with their article's date, outlet and title.

    ``speaker_code`` and ``sector`` match exactly (case-insensitive); ``name`` matches the speaker's
    resolved name or mention text and ``search`` the quotation text (substring, case-insensitive);
    ``since``/``until`` bound the article's publication date; ``kind`` is direct, indirect or
    source_phrase; ``full`` adds the speaker entity as JSON.
    """
    w = Where()
    if speaker_code:
        w.add("upper(q.speaker_code) = ?", speaker_code.upper())
    if sector:
        w.add("upper(q.speaker_sector) = ?", sector.upper())
    if name:
        w.add("(q.speaker_name ILIKE ? OR json_extract_string(q.speaker, '$.text') ILIKE ?)", f"%{name}%",
              f"%{name}%")
    if search:
        w.add("q.text ILIKE ?", f"%{search}%")
    if since:
        w.add("a.published >= ?", since)
    if until:
        w.add("a.published <= ?", until)
    if article:
        w.add("q.article_id = ?", article)
    if kind:
        w.add("q.kind = ?", kind.lower())
    cols = ", ".join(QUOTE_LIST_COLUMNS) + (", q.speaker" if full else "")
    sql = (
        f"SELECT {cols} FROM quotes q LEFT JOIN articles a ON a.id = q.article_id{w.sql()} "
        "ORDER BY a.published DESC NULLS LAST, q.article_id, q.idx LIMIT ? OFFSET ?"
    )
    rows = store._dicts(sql, [*w.params, limit, offset])
    return [decode_json_columns(r) for r in rows]


def date_evidence(row: dict[str, Any]) -> dict[str, Any] | None:
    """The words an event's date was read from, as {text, start, end} (clean-text offsets), from
    the ``date_text*`` columns of an events row; None when the date is the report's."""
    if row.get("date_text") is None:
        return None
    return {"text": row["date_text"], "start": row.get("date_text_start"), "end": row.get("date_text_end")}
