"""Typed filters of the API's list views, turned into SQL conditions with bound parameters.

Every value from a request reaches SQL as a parameter (``?``); the only SQL text chosen from
input is a column name for sorting, and it is picked from a fixed table (``SORTS``), never
pasted. Codes are checked against a pattern before use, so an unknown code is a clear 4xx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..store.queries import Where

SENTENCE_CACHE = "memory.main.event_sentences"  # built by db.Database

FLAGS = ("negated", "future", "hypothetical", "historical", "alleged")

# The day an event belongs to: its own date when the coder found one, else publication day.
DAY = "coalesce(e.date_start, a.published)"
EVENTS_FROM = "events e JOIN articles a ON a.id = e.article_id"

EVENT_SORTS: dict[str, str] = {
    "date": f"{DAY} ASC NULLS LAST, e.article_id, e.idx",
    "-date": f"{DAY} DESC NULLS LAST, e.article_id, e.idx",
    "published": "a.published ASC NULLS LAST, e.article_id, e.idx",
    "-published": "a.published DESC NULLS LAST, e.article_id, e.idx",
    "score": "e.score ASC NULLS LAST, e.id",
    "-score": "e.score DESC NULLS LAST, e.id",
    "confidence": "e.confidence ASC NULLS LAST, e.id",
    "-confidence": "e.confidence DESC NULLS LAST, e.id",
    "type": "e.event, e.id",
    "-type": "e.event DESC, e.id",
    "quad": "e.quad ASC NULLS LAST, e.id",
    "-quad": "e.quad DESC NULLS LAST, e.id",
    "article": "e.article_id, e.idx",
}
ARTICLE_SORTS: dict[str, str] = {
    "published": "a.published ASC NULLS LAST, a.id",
    "-published": "a.published DESC NULLS LAST, a.id",
    "title": "a.title ASC NULLS LAST, a.id",
    "-title": "a.title DESC NULLS LAST, a.id",
    "events": "n_events ASC, a.id",
    "-events": "n_events DESC, a.id",
    "ingested": "a.ingested_at ASC, a.id",
    "-ingested": "a.ingested_at DESC, a.id",
}
QUOTE_SORTS: dict[str, str] = {
    "published": "a.published ASC NULLS LAST, q.article_id, q.idx",
    "-published": "a.published DESC NULLS LAST, q.article_id, q.idx",
    "confidence": "q.confidence ASC NULLS LAST, q.article_id, q.idx",
    "-confidence": "q.confidence DESC NULLS LAST, q.article_id, q.idx",
    "article": "q.article_id, q.idx",
}
ACTOR_SORTS: dict[str, str] = {
    "events": "events ASC, code",
    "-events": "events DESC, code",
    "code": "code ASC",
    "-code": "code DESC",
    "score": "mean_score ASC NULLS LAST, code",
    "-score": "mean_score DESC NULLS LAST, code",
}


def _codes_contain(column: str, codes: list[str]) -> str:
    """SQL: the ';'-joined code column holds any of ``codes`` (one ``?`` per code)."""
    one = f"contains(';' || {column} || ';', ?)"
    return "(" + " OR ".join([one] * len(codes)) + ")"


def _wrap(codes: list[str]) -> list[str]:
    return [f";{c};" for c in codes]


def _actor_match(column: str, code: str | None, sector: str | None) -> tuple[str, list[object]]:
    """SQL: some actor in the JSON list ``column`` has this code and/or sector.

    A regular expression over the stored JSON text (rows.py writes each actor as
    ``{"text": .., "code": .., "sector": .., ...}``): ten times faster than parsing the JSON of
    every row. Code and sector are validated ([A-Z]) before they reach the pattern, which is
    itself a bound parameter.
    """
    code_re = f'"code":\\s*"{code}"' if code else '"code":\\s*(?:null|"[A-Z]*")'
    sector_re = f'"sector":\\s*"{sector}"' if sector else '"sector":\\s*(?:null|"[A-Z]*")'
    return f"regexp_matches(CAST({column} AS VARCHAR), ?)", [code_re + ",\\s*" + sector_re]


@dataclass
class EventFilters:
    """Every filter of the event views (all optional; lists are OR-ed, filters AND-ed)."""

    since: date | None = None
    until: date | None = None
    types: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    quads: list[int] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    actor_sector: str | None = None
    actor_name: str | None = None
    recipients: list[str] = field(default_factory=list)
    recipient_sector: str | None = None
    countries: list[str] = field(default_factory=list)
    pair: tuple[str, str] | None = None
    pair_mode: str = "any"
    near: tuple[float, float, float] | None = None
    place: str | None = None
    agencies: list[str] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)
    q: str | None = None
    language: str | None = None
    article: str | None = None
    outlet: str | None = None
    min_confidence: float | None = None
    min_score: float | None = None
    max_score: float | None = None
    has_place: bool | None = None

    def where(self) -> Where:
        w = Where()
        if self.since:
            w.add(f"{DAY} >= ?", self.since)
        if self.until:
            w.add(f"{DAY} <= ?", self.until)
        if self.types:
            w.add("e.event IN (SELECT unnest(?))", self.types)
        if self.modes:
            w.add("e.mode IN (SELECT unnest(?))", self.modes)
        if self.quads:
            w.add("e.quad IN (SELECT unnest(?))", self.quads)
        if self.actors and not self.actor_sector:
            w.add(_codes_contain("e.source_codes", self.actors), *_wrap(self.actors))
        if self.actor_sector:
            parts = []
            for code in self.actors or [None]:
                sql, params = _actor_match("e.source", code, self.actor_sector)
                parts.append((sql, params))
            w.add("(" + " OR ".join(p[0] for p in parts) + ")", *[x for p in parts for x in p[1]])
        if self.recipients and not self.recipient_sector:
            w.add(_codes_contain("e.target_codes", self.recipients), *_wrap(self.recipients))
        if self.recipient_sector:
            parts = []
            for code in self.recipients or [None]:
                sql, params = _actor_match("e.target", code, self.recipient_sector)
                parts.append((sql, params))
            w.add("(" + " OR ".join(p[0] for p in parts) + ")", *[x for p in parts for x in p[1]])
        if self.actor_name:
            w.add(
                "(contains(lower(CAST(e.source AS VARCHAR)), lower(?)) OR "
                "contains(lower(CAST(e.target AS VARCHAR)), lower(?)))",
                self.actor_name,
                self.actor_name,
            )
        if self.countries:
            any_src = _codes_contain("e.source_codes", self.countries)
            any_tgt = _codes_contain("e.target_codes", self.countries)
            w.add(
                f"({any_src} OR {any_tgt} OR e.place_country IN (SELECT unnest(?)))",
                *_wrap(self.countries),
                *_wrap(self.countries),
                self.countries,
            )
        if self.pair:
            self._pair(w)
        if self.near:
            lat, lon, km = self.near
            dlat = km / 111.0
            w.add("e.latitude BETWEEN ? AND ?", lat - dlat, lat + dlat)
            w.add(
                "2 * 6371 * asin(sqrt(pow(sin(radians(e.latitude - ?) / 2), 2) + "
                "cos(radians(?)) * cos(radians(e.latitude)) * pow(sin(radians(e.longitude - ?) / 2), 2))) <= ?",
                lat,
                lat,
                lon,
                km,
            )
        if self.place:
            w.add("contains(lower(e.place_name), lower(?))", self.place)
        if self.has_place is not None:
            w.add("e.latitude IS NOT NULL" if self.has_place else "e.latitude IS NULL")
        if self.agencies:
            w.add("len(list_intersect(CAST(a.agencies AS VARCHAR[]), ?)) > 0", self.agencies)
        for flag, value in self.flags.items():
            if flag in FLAGS:  # names come from the fixed FLAGS tuple, never from input
                w.add(f"coalesce(e.{flag}, false) = ?", value)
        if self.q:
            # Sentences are matched in the server's cache of lowercased event sentences (db.py).
            w.add(
                "(contains(lower(e.trigger_text), lower(?)) OR contains(lower(coalesce(e.place_name, '')), lower(?)) "
                "OR contains(lower(CAST(e.source AS VARCHAR) || CAST(e.target AS VARCHAR)), lower(?)) "
                f"OR (e.article_id || ':' || e.sentence_start) IN (SELECT key FROM {SENTENCE_CACHE} "
                "WHERE contains(text, lower(?))))",
                self.q,
                self.q,
                self.q,
                self.q,
            )
        if self.language:
            w.add("a.language = ?", self.language)
        if self.article:
            w.add("e.article_id = ?", self.article)
        if self.outlet:
            w.add("contains(lower(coalesce(a.outlet, '')), lower(?))", self.outlet)
        if self.min_confidence is not None:
            w.add("e.confidence >= ?", self.min_confidence)
        if self.min_score is not None:
            w.add("e.score >= ?", self.min_score)
        if self.max_score is not None:
            w.add("e.score <= ?", self.max_score)
        return w

    def _pair(self, w: Where) -> None:
        a, b = self.pair or ("", "")
        src_a, src_b = "contains(';' || e.source_codes || ';', ?)", "contains(';' || e.source_codes || ';', ?)"
        tgt_a, tgt_b = "contains(';' || e.target_codes || ';', ?)", "contains(';' || e.target_codes || ';', ?)"
        wa, wb = f";{a};", f";{b};"
        if self.pair_mode == "directed":
            w.add(f"({src_a} AND {tgt_b})", wa, wb)
        elif self.pair_mode == "dyad":
            w.add(f"(({src_a} AND {tgt_b}) OR ({src_b} AND {tgt_a}))", wa, wb, wb, wa)
        else:  # any: both take part, on either side (joint actions included)
            both = "contains(';' || e.source_codes || ';' || e.target_codes || ';', ?)"
            w.add(f"({both} AND {both})", wa, wb)


@dataclass
class ArticleFilters:
    since: date | None = None
    until: date | None = None
    language: str | None = None
    outlet: str | None = None
    agencies: list[str] = field(default_factory=list)
    q: str | None = None
    has_events: bool | None = None
    input_format: str | None = None

    def where(self) -> Where:
        w = Where()
        if self.since:
            w.add("a.published >= ?", self.since)
        if self.until:
            w.add("a.published <= ?", self.until)
        if self.language:
            w.add("a.language = ?", self.language)
        if self.outlet:
            w.add("contains(lower(coalesce(a.outlet, '')), lower(?))", self.outlet)
        if self.agencies:
            w.add("len(list_intersect(CAST(a.agencies AS VARCHAR[]), ?)) > 0", self.agencies)
        if self.q:
            w.add(
                "(contains(lower(coalesce(a.title, '')), lower(?)) OR contains(lower(a.text), lower(?)))",
                self.q,
                self.q,
            )
        if self.has_events is not None:
            w.add("n_events > 0" if self.has_events else "n_events = 0")
        if self.input_format:
            w.add("a.input_format = ?", self.input_format)
        return w


@dataclass
class QuoteFilters:
    since: date | None = None
    until: date | None = None
    speakers: list[str] = field(default_factory=list)
    speaker_sector: str | None = None
    speaker_name: str | None = None
    kind: str | None = None
    article: str | None = None
    q: str | None = None
    language: str | None = None
    min_confidence: float | None = None

    def where(self) -> Where:
        w = Where()
        if self.since:
            w.add("a.published >= ?", self.since)
        if self.until:
            w.add("a.published <= ?", self.until)
        if self.speakers:
            w.add("q.speaker_code IN (SELECT unnest(?))", self.speakers)
        if self.speaker_sector:
            w.add("q.speaker_sector = ?", self.speaker_sector)
        if self.speaker_name:
            w.add("contains(lower(coalesce(q.speaker_name, '')), lower(?))", self.speaker_name)
        if self.kind:
            w.add("q.kind = ?", self.kind)
        if self.article:
            w.add("q.article_id = ?", self.article)
        if self.q:
            w.add("contains(lower(q.text), lower(?))", self.q)
        if self.language:
            w.add("a.language = ?", self.language)
        if self.min_confidence is not None:
            w.add("q.confidence >= ?", self.min_confidence)
        return w
