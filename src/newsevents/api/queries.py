"""The API's reads: pages, facets, statistics and downloads, as SQL with bound parameters only.

Each function takes a DuckDB cursor and typed filters (``filters.py``). SQL text is assembled
from fixed fragments; request values travel as parameters. Sort orders are looked up in fixed
tables, never pasted from input.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any

import duckdb

from ..store.queries import date_evidence, decode_json_columns
from .filters import (
    ACTOR_SORTS,
    ARTICLE_SORTS,
    DAY,
    EVENT_SORTS,
    EVENTS_FROM,
    FLAGS,
    QUOTE_SORTS,
    ArticleFilters,
    EventFilters,
    QuoteFilters,
)

EVENT_COLUMNS = (
    "e.id, e.article_id, e.idx, e.event, e.mode, e.context, e.source, e.target, e.source_codes, e.target_codes, "
    "e.trigger_text, e.trigger_start, e.trigger_end, e.input_start, e.input_end, e.sentence_start, e.sentence_end, "
    "e.negated, e.future, e.hypothetical, e.historical, e.alleged, e.date, e.date_precision, e.date_start, "
    "e.date_text, e.date_text_start, e.date_text_end, "
    f"{DAY} AS day, e.location, e.place_name, e.latitude, e.longitude, e.place_country, e.score, e.quad, "
    "e.cameo_root, e.asserted_by, e.confidence, e.rule, a.title, a.published, a.language, a.outlet, a.doc_id, "
    "a.url, a.agencies"
)
SENTENCE_SQL = "substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence"
ARTICLE_COLUMNS = (
    "a.id, a.doc_id, a.published, a.published_source, a.language, a.outlet, a.title, a.author, a.url, a.source, "
    "a.input_format, a.agencies, a.ingested_at, length(a.text) AS n_chars"
)
ARTICLES_FROM = (
    "(SELECT a.*, coalesce(ev.n, 0) AS n_events, coalesce(qu.n, 0) AS n_quotes FROM articles a "
    "LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY article_id) ev ON ev.article_id = a.id "
    "LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) qu ON qu.article_id = a.id) a"
)
QUOTE_COLUMNS = (
    "q.article_id, q.idx, q.start_char, q.end_char, q.text, q.kind, q.cue, q.speaker, q.speaker_code, "
    "q.speaker_sector, q.speaker_name, q.addressee, q.confidence, a.title, a.published, a.language, a.doc_id"
)
QUOTES_FROM = "quotes q JOIN articles a ON a.id = q.article_id"


def dicts(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows as dicts with JSON columns decoded."""
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [decode_json_columns(dict(zip(names, row, strict=True))) for row in res.fetchall()]


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
    return cur.execute(sql, list(params)).fetchone()[0]


# -- events ---------------------------------------------------------------------------------------


def events_sql(f: EventFilters, sort: str, with_sentence: bool = True) -> tuple[str, list[Any]]:
    """SELECT of the filtered events (no LIMIT) and its parameters."""
    w = f.where()
    cols = EVENT_COLUMNS + (", " + SENTENCE_SQL if with_sentence else "")
    return f"SELECT {cols} FROM {EVENTS_FROM}{w.sql()} ORDER BY {EVENT_SORTS[sort]}", w.params


def page_events(
    cur: duckdb.DuckDBPyConnection, f: EventFilters, sort: str, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """One page of events and the number matching.

    Two steps: sort and cut (and count, in the same pass) using only the narrow columns the
    filter and the order need, then read the wide columns (JSON actors, the sentence cut from
    the article text) of that page's rows only, by row id, within the same read lock.
    """
    w = f.where()
    hits = cur.execute(
        f"SELECT e.rowid, count(*) OVER () FROM {EVENTS_FROM}{w.sql()} ORDER BY {EVENT_SORTS[sort]} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    ).fetchall()
    if not hits:
        return (scalar(cur, f"SELECT count(*) FROM {EVENTS_FROM}{w.sql()}", w.params) if offset else 0), []
    total = hits[0][1]
    return total, [shape_event(r) for r in fetch_events(cur, [h[0] for h in hits])]


EVENT_ONLY_COLUMNS = ", ".join(
    c.strip() for c in EVENT_COLUMNS.split(",") if c.strip().startswith("e.") and " AS " not in c
)
ARTICLE_FIELDS = ("title", "published", "language", "outlet", "doc_id", "url", "agencies")


def fetch_events(cur: duckdb.DuckDBPyConnection, rowids: list[int]) -> list[dict[str, Any]]:
    """Full rows of the events at ``rowids`` (in that order), with their article's fields and sentence.

    Two point reads instead of a join: a join would build a hash table over every article's text.
    """
    rows = dicts(
        cur,
        f"SELECT e.rowid AS _rowid, {EVENT_ONLY_COLUMNS} FROM events e WHERE e.rowid IN (SELECT unnest(?))",
        [rowids],
    )
    ids = sorted({r["article_id"] for r in rows})
    arts = {
        a["id"]: a
        for a in dicts(
            cur, f"SELECT id, text, {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id IN (SELECT unnest(?))", [ids]
        )
    }
    order = {rowid: k for k, rowid in enumerate(rowids)}
    rows.sort(key=lambda r: order[r.pop("_rowid")])
    for r in rows:
        art = arts.get(r["article_id"], {})
        text = art.get("text") or ""
        r["day"] = r["date_start"] or art.get("published")
        for k in ARTICLE_FIELDS:
            r[k] = art.get(k)
        start, end = r.get("sentence_start"), r.get("sentence_end")
        r["sentence"] = text[start:end] if start is not None and end is not None else None
    return rows


def shape_event(r: dict[str, Any]) -> dict[str, Any]:
    """An event row with its flags listed and the words supporting each field (``evidence``)."""
    r["flags"] = [f for f in FLAGS if r.get(f)]
    r["evidence"] = event_evidence(r)
    return r


def event_evidence(r: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans of clean text that support the event's fields: trigger, actors, place, date, source."""
    ev: list[dict[str, Any]] = []
    if r.get("trigger_start") is not None:
        ev.append(
            {
                "field": "trigger",
                "start": r["trigger_start"],
                "end": r["trigger_end"],
                "text": r.get("trigger_text"),
                "note": f"{r['event']}{' / ' + r['mode'] if r.get('mode') else ''} ({r.get('rule') or 'rule?'})",
            }
        )
    for role, key in (("source", "source"), ("target", "target")):
        for actor in r.get(key) or []:
            if isinstance(actor, dict) and actor.get("start") is not None:
                code = (actor.get("code") or "?") + (f"/{actor['sector']}" if actor.get("sector") else "")
                ev.append(
                    {
                        "field": role,
                        "start": actor["start"],
                        "end": actor["end"],
                        "text": actor.get("text"),
                        "note": code,
                    }
                )
    loc = r.get("location")
    if isinstance(loc, dict) and loc.get("start") is not None and loc.get("end") is not None:
        ev.append(
            {
                "field": "place",
                "start": loc["start"],
                "end": loc["end"],
                "text": loc.get("text") or loc.get("name"),
                "note": ", ".join(str(x) for x in (loc.get("name"), loc.get("country")) if x),
            }
        )
    for key in ("date_span", "date_evidence"):
        span = (loc or {}).get(key) if isinstance(loc, dict) else None
        if not span and key == "date_evidence" and not any(x["field"] == "date" for x in ev):
            span = r.get(key) or date_evidence(r)  # the stored date words
        span = span or r.get(key)
        if isinstance(span, dict) and span.get("start") is not None:
            ev.append(
                {
                    "field": "date",
                    "start": span["start"],
                    "end": span["end"],
                    "text": span.get("text"),
                    "note": f"{r.get('date')} ({r.get('date_precision')})",
                }
            )
    by = r.get("asserted_by")
    if isinstance(by, dict) and by.get("start") is not None and by.get("end") is not None:
        ev.append(
            {
                "field": "asserted_by",
                "start": by["start"],
                "end": by["end"],
                "text": by.get("text"),
                "note": by.get("code") or by.get("name") or "",
            }
        )
    return ev


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = dicts(cur, f"SELECT {EVENT_COLUMNS}, {SENTENCE_SQL} FROM {EVENTS_FROM} WHERE e.id = ?", [event_id])
    return shape_event(rows[0]) if rows else None


FACET_LIMITS = {"actor": 40, "recipient": 40, "place_country": 40, "agency": 30}
FACET_SQL = """
WITH f AS MATERIALIZED (
    SELECT e.event, e.quad, e.mode, e.source_codes, e.target_codes, e.place_country, a.agencies, a.language,
           year({day}) AS y, e.negated, e.future, e.hypothetical, e.historical, e.alleged
    FROM {src}
)
SELECT 'type' AS facet, event AS value, count(*) AS n FROM f GROUP BY 2
UNION ALL SELECT 'quad', CAST(quad AS VARCHAR), count(*) FROM f GROUP BY 2
UNION ALL SELECT 'mode', mode, count(*) FROM f WHERE mode IS NOT NULL GROUP BY 2
UNION ALL SELECT 'actor', code, count(*) FROM (SELECT unnest(string_split(source_codes, ';')) AS code FROM f
    WHERE source_codes <> '') GROUP BY 2
UNION ALL SELECT 'recipient', code, count(*) FROM (SELECT unnest(string_split(target_codes, ';')) AS code FROM f
    WHERE target_codes <> '') GROUP BY 2
UNION ALL SELECT 'place_country', place_country, count(*) FROM f WHERE place_country IS NOT NULL GROUP BY 2
UNION ALL SELECT 'agency', ag, count(*) FROM (SELECT unnest(CAST(agencies AS VARCHAR[])) AS ag FROM f) GROUP BY 2
UNION ALL SELECT 'language', language, count(*) FROM f GROUP BY 2
UNION ALL SELECT 'year', CAST(y AS VARCHAR), count(*) FROM f GROUP BY 2
UNION ALL SELECT 'flags', unnest(['negated', 'future', 'hypothetical', 'historical', 'alleged']),
    unnest([count(*) FILTER (WHERE negated), count(*) FILTER (WHERE future), count(*) FILTER (WHERE hypothetical),
            count(*) FILTER (WHERE historical), count(*) FILTER (WHERE alleged)]) FROM f
UNION ALL SELECT 'total', NULL, count(*) FROM f
"""


def event_facets(cur: duckdb.DuckDBPyConnection, f: EventFilters) -> dict[str, Any]:
    """Counts of the filtered events by type, quad class, mode, actors, place, agency, language, year, flags.

    One query: the filtered rows are materialised once and grouped ten ways.
    """
    w = f.where()
    sql = FACET_SQL.format(day=DAY, src=f"{EVENTS_FROM}{w.sql()}")
    out: dict[str, Any] = {
        name: []
        for name in (
            "type",
            "quad",
            "mode",
            "actor",
            "recipient",
            "place_country",
            "agency",
            "language",
            "year",
            "flags",
        )
    }
    out["total"] = 0
    for facet, value, n in cur.execute(sql, w.params).fetchall():
        if facet == "total":
            out["total"] = n
            continue
        if facet in ("quad", "year") and value is not None:
            value = int(value)
        out[facet].append({"value": value, "n": n})
    for name, values in out.items():
        if name in ("total", "flags"):
            continue
        if name in ("quad", "year"):
            values.sort(key=lambda x: (x["value"] is None, x["value"] or 0))
        else:
            values.sort(key=lambda x: (-x["n"], str(x["value"])))
        if name in FACET_LIMITS:
            del values[FACET_LIMITS[name] :]
    order = {name: k for k, name in enumerate(FLAGS)}
    out["flags"].sort(key=lambda x: order.get(x["value"], 99))
    return out


# -- statistics -----------------------------------------------------------------------------------


def timeline(cur: duckdb.DuckDBPyConnection, f: EventFilters, interval: str) -> list[dict[str, Any]]:
    """Per day/week/month: event count, mean/min/max PLOVER score, counts per quad class.

    Periods without events are absent; ``interval`` is one of day, week, month (checked by the caller).
    """
    assert interval in ("day", "week", "month")
    w = f.where()
    sql = (
        f"SELECT CAST(date_trunc('{interval}', {DAY}) AS DATE) AS period, count(*) AS events, "
        "avg(e.score) AS mean_score, min(e.score) AS min_score, max(e.score) AS max_score, "
        "count(*) FILTER (WHERE e.quad = 1) AS verbal_cooperation, count(*) FILTER (WHERE e.quad = 2) AS "
        "material_cooperation, count(*) FILTER (WHERE e.quad = 3) AS verbal_conflict, "
        "count(*) FILTER (WHERE e.quad = 4) AS material_conflict "
        f"FROM {EVENTS_FROM}{w.sql() or ' WHERE true'} AND {DAY} IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
    rows = dicts(cur, sql, w.params)
    for r in rows:
        if r["mean_score"] is not None:
            r["mean_score"] = round(r["mean_score"], 3)
    return rows


def network(cur: duckdb.DuckDBPyConnection, f: EventFilters, min_weight: int, max_edges: int) -> dict[str, Any]:
    """Directed actor-pair network: an edge per (source code, target code) with weight = events."""
    w = f.where()
    sql = (
        "SELECT src AS source, tgt AS target, count(*) AS weight, avg(score) AS mean_score, "
        "count(*) FILTER (WHERE quad <= 2) AS cooperation, count(*) FILTER (WHERE quad >= 3) AS conflict "
        "FROM (SELECT src, unnest(string_split(target_codes, ';')) AS tgt, score, quad FROM ("
        "SELECT unnest(string_split(e.source_codes, ';')) AS src, e.target_codes, e.score, e.quad "
        f"FROM {EVENTS_FROM}{w.sql() or ' WHERE true'} AND e.source_codes <> '' AND e.target_codes <> '')) "
        "WHERE src <> tgt GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY weight DESC, 1, 2 LIMIT ?"
    )
    edges = dicts(cur, sql, [*w.params, min_weight, max_edges])
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        e["mean_score"] = None if e["mean_score"] is None else round(e["mean_score"], 3)
        for code, role in ((e["source"], "out"), (e["target"], "in")):
            n = nodes.setdefault(code, {"id": code, "out": 0, "in": 0, "weight": 0})
            n[role] += e["weight"]
            n["weight"] += e["weight"]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"])), "edges": edges}


def map_stats(cur: duckdb.DuckDBPyConnection, f: EventFilters, max_places: int) -> dict[str, Any]:
    """Event places (with coordinates) and per-country counts: events a country takes part in, as an
    actor (source or target) and as the place."""
    w = f.where()
    src = f"{EVENTS_FROM}{w.sql() or ' WHERE true'}"
    places = dicts(
        cur,
        "SELECT e.place_name AS name, round(e.latitude, 4) AS lat, round(e.longitude, 4) AS lon, "
        "any_value(e.place_country) AS country, count(*) AS events, avg(e.score) AS mean_score "
        f"FROM {src} AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL GROUP BY 1, 2, 3 "
        "ORDER BY events DESC, name LIMIT ?",
        [*w.params, max_places],
    )
    for p in places:
        p["mean_score"] = None if p["mean_score"] is None else round(p["mean_score"], 3)
    countries = dicts(
        cur,
        "SELECT code, count(*) AS events, count(*) FILTER (WHERE list_contains(codes, code)) AS as_actor, "
        "count(*) FILTER (WHERE code = place_country) AS as_place, avg(score) AS mean_score FROM ("
        "SELECT unnest(list_distinct(list_concat(codes, [coalesce(place_country, '')]))) AS code, codes, "
        "place_country, score FROM (SELECT string_split(e.source_codes || ';' || e.target_codes, ';') AS codes, "
        f"e.place_country, e.score FROM {src})) WHERE code <> '' GROUP BY 1 ORDER BY events DESC, code",
        w.params,
    )
    for c in countries:
        c["mean_score"] = None if c["mean_score"] is None else round(c["mean_score"], 3)
    return {"places": places, "countries": countries}


def actors(
    cur: duckdb.DuckDBPyConnection,
    f: EventFilters,
    *,
    q: str | None,
    sector: str | None,
    role: str,
    sort: str,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    """Actor codes with event counts (as source, as target), sectors and the words that named them."""
    w = f.where()
    roles = {"source": ["source"], "target": ["target"], "any": ["source", "target"]}[role]
    parts = [
        f'SELECT unnest(from_json(e.{r}, \'[{{"code":"VARCHAR","sector":"VARCHAR","text":"VARCHAR"}}]\')) '
        f"AS x, '{r}' AS role, e.id AS event_id, e.score FROM {EVENTS_FROM}{w.sql()}"
        for r in roles
    ]
    inner = " UNION ALL ".join(parts)
    cond, params = ["x.code IS NOT NULL"], []
    if q:
        cond.append("(contains(lower(x.code), lower(?)) OR contains(lower(coalesce(x.text, '')), lower(?)))")
        params += [q, q]
    if sector:
        cond.append("x.sector = ?")
        params.append(sector)
    agg = (
        "SELECT x.code AS code, count(DISTINCT event_id) AS events, "
        "count(DISTINCT event_id) FILTER (WHERE role = 'source') AS as_source, "
        "count(DISTINCT event_id) FILTER (WHERE role = 'target') AS as_target, avg(score) AS mean_score, "
        "list_distinct(list(x.sector) FILTER (WHERE x.sector IS NOT NULL)) AS sectors, "
        "approx_top_k(x.text, 3) AS mentions "
        f"FROM ({inner}) WHERE {' AND '.join(cond)} GROUP BY 1"
    )
    all_params = [*(w.params * len(roles)), *params]
    rows = dicts(
        cur,
        f"SELECT *, count(*) OVER () AS _total FROM ({agg}) ORDER BY {ACTOR_SORTS[sort]} LIMIT ? OFFSET ?",
        [*all_params, limit, offset],
    )
    if rows:
        total = rows[0]["_total"]
    else:
        total = scalar(cur, f"SELECT count(*) FROM ({agg})", all_params) if offset else 0
    for r in rows:
        r["mean_score"] = None if r["mean_score"] is None else round(r["mean_score"], 3)
        r["sectors"] = sorted(s for s in r["sectors"] or [] if s)
        r.pop("_total", None)
    return total, rows


# -- articles and quotes --------------------------------------------------------------------------


def page_articles(
    cur: duckdb.DuckDBPyConnection, f: ArticleFilters, sort: str, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    w = f.where()
    total = scalar(cur, f"SELECT count(*) FROM {ARTICLES_FROM}{w.sql()}", w.params)
    rows = dicts(
        cur,
        f"SELECT {ARTICLE_COLUMNS}, a.n_events, a.n_quotes FROM {ARTICLES_FROM}{w.sql()} "
        f"ORDER BY {ARTICLE_SORTS[sort]} LIMIT ? OFFSET ?",
        [*w.params, limit, offset],
    )
    return total, rows


def articles_sql(f: ArticleFilters, sort: str) -> tuple[str, list[Any]]:
    w = f.where()
    sql = (
        f"SELECT {ARTICLE_COLUMNS}, a.n_events, a.n_quotes, a.text FROM {ARTICLES_FROM}{w.sql()} "
        f"ORDER BY {ARTICLE_SORTS[sort]}"
    )
    return sql, w.params


def page_quotes(
    cur: duckdb.DuckDBPyConnection, f: QuoteFilters, sort: str, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    w = f.where()
    total = scalar(cur, f"SELECT count(*) FROM {QUOTES_FROM}{w.sql()}", w.params)
    sql, params = quotes_sql(f, sort)
    return total, dicts(cur, sql + " LIMIT ? OFFSET ?", [*params, limit, offset])


def quotes_sql(f: QuoteFilters, sort: str) -> tuple[str, list[Any]]:
    w = f.where()
    return f"SELECT {QUOTE_COLUMNS} FROM {QUOTES_FROM}{w.sql()} ORDER BY {QUOTE_SORTS[sort]}", w.params


def resolve_article(cur: duckdb.DuckDBPyConnection, ref: str) -> str | None:
    """An article id from a full id, the input's doc_id, or a unique id prefix (no wildcards)."""
    rows = cur.execute(
        "SELECT id FROM articles WHERE id = ? OR doc_id = ? OR starts_with(id, ?) LIMIT 3", [ref, ref, ref]
    ).fetchall()
    ids = [r[0] for r in rows]
    if ref in ids:
        return ref
    if len(ids) == 1:
        return ids[0]
    by_doc = cur.execute("SELECT id FROM articles WHERE doc_id = ? LIMIT 1", [ref]).fetchall()
    return by_doc[0][0] if by_doc else None


def clean_offset(segments: list[list[int]], input_pos: int) -> int | None:
    """Offset in the clean text of an input offset (inverse of the stored OffsetMap), if kept."""
    if not segments:
        return input_pos
    real = [s for s in segments if not s[3]]
    starts = [s[1] for s in real]
    i = bisect_right(starts, input_pos) - 1
    if i < 0:
        return None
    clean_start, in_start, length, _ = real[i]
    if input_pos > in_start + length:
        return None
    return clean_start + (input_pos - in_start)


IN_TEXT_REPAIRS = {"glued_word", "quote_spacing", "whitespace"}


def get_article(cur: duckdb.DuckDBPyConnection, article_id: str, tokens: bool = False) -> dict[str, Any] | None:
    """An article with every annotation: text, repairs, captions, credits, sentences, entities,
    events (with evidence), quotes, dates and places."""
    arts = dicts(cur, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not arts:
        return None
    art = arts[0]
    segments = art.get("offsets") or []
    for ch in art.get("changes") or []:
        ch["in_text"] = ch.get("kind") in IN_TEXT_REPAIRS
        ch["clean_start"] = ch["clean_end"] = None
        if ch["in_text"]:
            s = clean_offset(segments, ch["input_start"])
            if s is not None:
                ch["clean_start"], ch["clean_end"] = s, s + len(ch.get("after") or "")
    cols = "article_id, idx, start_char, end_char, is_caption" + (", tokens" if tokens else "")
    art["sentences"] = dicts(cur, f"SELECT {cols} FROM sentences WHERE article_id = ? ORDER BY idx", [article_id])
    art["entities"] = dicts(cur, "SELECT * FROM entities WHERE article_id = ? ORDER BY idx", [article_id])
    events = dicts(
        cur,
        f"SELECT {EVENT_COLUMNS}, {SENTENCE_SQL} FROM {EVENTS_FROM} WHERE e.article_id = ? ORDER BY e.idx",
        [article_id],
    )
    art["events"] = [shape_event(e) for e in events]
    art["quotes"] = dicts(cur, "SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", [article_id])
    _link_assertions(art["events"], art["quotes"])
    art["dates"] = article_dates(art)
    art["places"] = article_places(art)
    return art


def _link_assertions(events: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> None:
    """Evidence for "according to": the speaker's words of the quote an event was reported in."""
    by_idx = {q["idx"]: q for q in quotes}
    for ev in events:
        by = ev.get("asserted_by")
        if not isinstance(by, dict) or by.get("quote_index") is None or by.get("start") is not None:
            continue
        q = by_idx.get(by["quote_index"])
        speaker = (q or {}).get("speaker") or {}
        if isinstance(speaker, dict) and speaker.get("start") is not None:
            ev["evidence"].append(
                {
                    "field": "asserted_by",
                    "start": speaker["start"],
                    "end": speaker["end"],
                    "text": speaker.get("text"),
                    "note": by.get("code") or by.get("name") or "",
                }
            )


DATE_LABELS = {"DATE", "TIME", "TIMEX", "TIMEX3"}
PLACE_LABELS = {"PLACE", "LOC", "GPE"}


def article_dates(art: dict[str, Any]) -> list[dict[str, Any]]:
    """Date mentions (DATE entities) and the dates the coder gave events, with supporting spans."""
    out = [
        {
            "text": e["text"],
            "start": e["start_char"],
            "end": e["end_char"],
            "value": e.get("name"),
            "source": "entity",
            "rule": e.get("rule"),
        }
        for e in art["entities"]
        if (e.get("label") or "").upper() in DATE_LABELS
    ]
    for ev in art["events"]:
        if ev.get("date"):
            spans = [x for x in ev["evidence"] if x["field"] == "date"]
            out.append(
                {
                    "text": spans[0]["text"] if spans else None,
                    "start": spans[0]["start"] if spans else None,
                    "end": spans[0]["end"] if spans else None,
                    "value": ev["date"],
                    "precision": ev.get("date_precision"),
                    "source": "event",
                    "event_id": ev["id"],
                }
            )
    return out


def article_places(art: dict[str, Any]) -> list[dict[str, Any]]:
    """Place mentions (PLACE/LOC entities) and the places the coder gave events."""
    out = [
        {
            "text": e["text"],
            "start": e["start_char"],
            "end": e["end_char"],
            "name": e.get("name"),
            "code": e.get("code"),
            "label": e.get("label"),
            "source": "entity",
            "rule": e.get("rule"),
        }
        for e in art["entities"]
        if (e.get("label") or "").upper() in PLACE_LABELS
    ]
    for ev in art["events"]:
        loc = ev.get("location")
        if isinstance(loc, dict) and (loc.get("name") or ev.get("latitude") is not None):
            out.append(
                {
                    "text": loc.get("text") or loc.get("name"),
                    "start": loc.get("start"),
                    "end": loc.get("end"),
                    "name": loc.get("name"),
                    "code": loc.get("country"),
                    "lat": ev.get("latitude"),
                    "lon": ev.get("longitude"),
                    "source": "event",
                    "event_id": ev["id"],
                }
            )
    return out


def counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = ("articles", "events", "entities", "quotes", "sentences", "ingest_errors", "runs")
    return {t: scalar(cur, f"SELECT count(*) FROM {t}") for t in tables}


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
