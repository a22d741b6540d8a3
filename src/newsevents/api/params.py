"""Query parameters shared by the routers: declared once, validated, turned into filters.

Unknown parameters are refused (``reject_unknown``): a misspelt filter must not silently
return everything. Codes, types and sort keys are checked against patterns or fixed lists, so
a bad value is a 422 that says what is allowed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from .filters import (
    ACTOR_SORTS,
    ARTICLE_SORTS,
    EVENT_SORTS,
    FLAGS,
    QUOTE_SORTS,
    ArticleFilters,
    EventFilters,
    QuoteFilters,
)

MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_TEXT = 200
CODE = re.compile(r"^[A-Z]{3}$")
SECTOR = re.compile(r"^[A-Z]{2,5}$")
WORD = re.compile(r"^[a-z][a-z_-]{0,30}$")
LANG = re.compile(r"^[a-z]{2,3}$")
ID = re.compile(r"^[A-Za-z0-9_.:/-]{1,300}$")
FORMATS = ("json", "csv", "jsonl", "parquet")


def bad(param: str, message: str) -> HTTPException:
    """A 422 naming the parameter, in the same shape as FastAPI's own validation errors."""
    return HTTPException(422, detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}])


@cache
def event_types() -> tuple[str, ...]:
    try:
        from ..events.scales import scales

        return tuple(sorted(scales().types))
    except Exception:  # the coder's tables are optional: then any well-formed type is allowed
        return ()


def split_values(values: list[str] | None) -> list[str]:
    """Repeated and comma-separated values, stripped, empty ones dropped."""
    out: list[str] = []
    for v in values or []:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return out


def codes(param: str, values: list[str] | None) -> list[str]:
    out = [v.upper() for v in split_values(values)]
    for c in out:
        if not CODE.match(c):
            raise bad(param, f"{c!r} is not an actor code: use three letters such as RUS, PRK, EUR, UNO")
    return out


def sector(param: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    s = value.strip().upper()
    if not SECTOR.match(s):
        raise bad(param, f"{value!r} is not a sector code: use letters such as GOV, MIL, REB, BUS")
    return s


def text(param: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise bad(param, f"at most {MAX_TEXT} characters")
    if "\x00" in value:
        raise bad(param, "must not contain NUL characters")
    return value or None


def sort_key(value: str, table: dict[str, str]) -> str:
    if value not in table:
        raise bad("sort", f"unknown sort {value!r}; choose one of {', '.join(table)}")
    return value


def reject_unknown(request: Request) -> None:
    """Refuse query parameters the route does not declare (e.g. a misspelt filter)."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    allowed = _allowed(route)
    unknown = sorted(k for k in request.query_params if k not in allowed)
    if unknown:
        raise HTTPException(
            400,
            detail=[
                {
                    "loc": ["query", k],
                    "msg": f"unknown query parameter {k!r}; this endpoint takes: {', '.join(sorted(allowed))}",
                    "type": "unknown_parameter",
                }
                for k in unknown
            ],
        )


_ALLOWED: dict[int, frozenset[str]] = {}


def _allowed(route: object) -> frozenset[str]:
    key = id(route)
    if key not in _ALLOWED:
        _ALLOWED[key] = frozenset(_query_names(route.dependant))  # type: ignore[attr-defined]
    return _ALLOWED[key]


def _query_names(dependant: object) -> set[str]:
    """The query parameter names a route declares, its dependencies' included."""
    names = {p.alias for p in getattr(dependant, "query_params", [])}
    for sub in getattr(dependant, "dependencies", []):
        names |= _query_names(sub)
    return names


# -- shared parameter groups ------------------------------------------------------------------------


def page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (1-{MAX_PAGE}).")] = DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")] = 0,
) -> tuple[int, int]:
    return limit, offset


Page = Annotated[tuple[int, int], Depends(page)]


def output_format(
    format: Annotated[
        str,
        Query(
            description="json: a page of results; csv, jsonl or parquet: download every matching row "
            "(limit/offset ignored, capped by the server's export limit).",
        ),
    ] = "json",
) -> str:
    if format not in FORMATS:
        raise bad("format", f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return format


Format = Annotated[str, Depends(output_format)]


def event_filters(
    since: Annotated[date | None, Query(description="Event day (own date, else publication) on or after.")] = None,
    until: Annotated[date | None, Query(description="Event day on or before.")] = None,
    type: Annotated[
        list[str] | None, Query(description="PLOVER event type(s), e.g. CONSULT (repeat or comma-separate).")
    ] = None,
    mode: Annotated[list[str] | None, Query(description="Event mode(s), e.g. visit.")] = None,
    quad: Annotated[
        list[int] | None,
        Query(description="Quad class(es): 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."),
    ] = None,
    actor: Annotated[list[str] | None, Query(description="Source actor code(s), e.g. RUS.")] = None,
    actor_sector: Annotated[
        str | None, Query(description="Source actor sector, e.g. GOV (with actor: the same actor).")
    ] = None,
    actor_name: Annotated[
        str | None, Query(description="Words naming any actor (source or target), e.g. Putin.")
    ] = None,
    recipient: Annotated[list[str] | None, Query(description="Target actor code(s), e.g. PRK.")] = None,
    recipient_sector: Annotated[str | None, Query(description="Target actor sector.")] = None,
    country: Annotated[list[str] | None, Query(description="Any actor, or the place, in this country (code).")] = None,
    pair: Annotated[str | None, Query(description="Two actor codes A,B, e.g. RUS,PRK (see pair_mode).")] = None,
    pair_mode: Annotated[
        str,
        Query(description="any: both take part (either side, joint actions too); dyad: A->B or B->A; directed: A->B."),
    ] = "any",
    lat: Annotated[float | None, Query(ge=-90, le=90, description="Place within radius_km of lat/lon.")] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    radius_km: Annotated[float | None, Query(gt=0, le=20_000)] = None,
    place: Annotated[str | None, Query(description="Place name contains.")] = None,
    has_place: Annotated[
        bool | None, Query(description="Only events with (true) or without (false) coordinates.")
    ] = None,
    agency: Annotated[list[str] | None, Query(description="Credited news agency, e.g. REUTERS.")] = None,
    negated: Annotated[bool | None, Query()] = None,
    future: Annotated[bool | None, Query()] = None,
    hypothetical: Annotated[bool | None, Query()] = None,
    historical: Annotated[bool | None, Query()] = None,
    alleged: Annotated[bool | None, Query()] = None,
    q: Annotated[
        str | None, Query(description="Text search: trigger, sentence, actor words, place (case-insensitive).")
    ] = None,
    language: Annotated[str | None, Query(description="Article language, e.g. de.")] = None,
    article: Annotated[str | None, Query(description="Only events of this article id.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet contains.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    min_score: Annotated[float | None, Query(ge=-10, le=10, description="PLOVER score at least.")] = None,
    max_score: Annotated[float | None, Query(ge=-10, le=10, description="PLOVER score at most.")] = None,
) -> EventFilters:
    types = [t.upper() for t in split_values(type)]
    known = event_types()
    for t in types:
        if not re.match(r"^[A-Z_]{2,20}$", t) or (known and t not in known):
            raise bad("type", f"unknown event type {t!r}; known: {', '.join(known)}")
    modes = [m.lower() for m in split_values(mode)]
    for m in modes:
        if not WORD.match(m):
            raise bad("mode", f"{m!r} is not an event mode (lowercase words such as visit, military)")
    for qv in quad or []:
        if qv not in (1, 2, 3, 4):
            raise bad("quad", f"quad class must be 1, 2, 3 or 4 (got {qv})")
    pair_codes = None
    if pair:
        parts = codes("pair", [pair.replace("-", ",")])
        if len(parts) != 2:
            raise bad("pair", "give two actor codes, e.g. pair=RUS,PRK")
        pair_codes = (parts[0], parts[1])
    if pair_mode not in ("any", "dyad", "directed"):
        raise bad("pair_mode", f"unknown pair_mode {pair_mode!r}; choose any, dyad or directed")
    near = None
    given = [x is not None for x in (lat, lon, radius_km)]
    if any(given) and not all(given):
        raise bad("radius_km", "a place filter needs all three of lat, lon and radius_km")
    if all(given):
        near = (float(lat), float(lon), float(radius_km))  # type: ignore[arg-type]
    if language and not LANG.match(language):
        raise bad("language", f"{language!r} is not a language code such as de or en")
    if article and not ID.match(article):
        raise bad("article", "not an article id")
    if min_score is not None and max_score is not None and min_score > max_score:
        raise bad("min_score", "min_score is above max_score")
    if since and until and since > until:
        raise bad("since", "since is after until")
    agencies = [a.upper() for a in split_values(agency)]
    for a in agencies:
        if len(a) > 40:
            raise bad("agency", "agency names are at most 40 characters")
    flags = {
        name: value
        for name, value in zip(FLAGS, (negated, future, hypothetical, historical, alleged), strict=True)
        if value is not None
    }
    return EventFilters(
        since=since,
        until=until,
        types=types,
        modes=modes,
        quads=list(quad or []),
        actors=codes("actor", actor),
        actor_sector=sector("actor_sector", actor_sector),
        actor_name=text("actor_name", actor_name),
        recipients=codes("recipient", recipient),
        recipient_sector=sector("recipient_sector", recipient_sector),
        countries=codes("country", country),
        pair=pair_codes,
        pair_mode=pair_mode,
        near=near,
        place=text("place", place),
        has_place=has_place,
        agencies=agencies,
        flags=flags,
        q=text("q", q),
        language=language,
        article=article,
        outlet=text("outlet", outlet),
        min_confidence=min_confidence,
        min_score=min_score,
        max_score=max_score,
    )


Events = Annotated[EventFilters, Depends(event_filters)]


def event_sort(
    sort: Annotated[
        str, Query(description="One of: " + ", ".join(EVENT_SORTS) + " (leading - = descending).")
    ] = "-date",
) -> str:
    return sort_key(sort, EVENT_SORTS)


def article_sort(
    sort: Annotated[str, Query(description="One of: " + ", ".join(ARTICLE_SORTS) + ".")] = "-published",
) -> str:
    return sort_key(sort, ARTICLE_SORTS)


def quote_sort(
    sort: Annotated[str, Query(description="One of: " + ", ".join(QUOTE_SORTS) + ".")] = "-published",
) -> str:
    return sort_key(sort, QUOTE_SORTS)


def actor_sort(
    sort: Annotated[str, Query(description="One of: " + ", ".join(ACTOR_SORTS) + ".")] = "-events",
) -> str:
    return sort_key(sort, ACTOR_SORTS)


def article_filters(
    since: Annotated[date | None, Query(description="Published on or after.")] = None,
    until: Annotated[date | None, Query(description="Published on or before.")] = None,
    language: Annotated[str | None, Query()] = None,
    outlet: Annotated[str | None, Query(description="Outlet contains.")] = None,
    agency: Annotated[list[str] | None, Query(description="Credited news agency, e.g. REUTERS.")] = None,
    q: Annotated[str | None, Query(description="Title or text contains (case-insensitive).")] = None,
    has_events: Annotated[bool | None, Query()] = None,
    input_format: Annotated[str | None, Query(description="text, html, jsonl, warc or feed.")] = None,
) -> ArticleFilters:
    if language and not LANG.match(language):
        raise bad("language", f"{language!r} is not a language code such as de or en")
    if input_format and input_format not in ("text", "html", "jsonl", "warc", "feed"):
        raise bad("input_format", "choose text, html, jsonl, warc or feed")
    return ArticleFilters(
        since=since,
        until=until,
        language=language,
        outlet=text("outlet", outlet),
        agencies=[a.upper() for a in split_values(agency)],
        q=text("q", q),
        has_events=has_events,
        input_format=input_format,
    )


def quote_filters(
    since: Annotated[date | None, Query(description="Published on or after.")] = None,
    until: Annotated[date | None, Query(description="Published on or before.")] = None,
    speaker: Annotated[list[str] | None, Query(description="Speaker actor code(s).")] = None,
    speaker_sector: Annotated[str | None, Query()] = None,
    speaker_name: Annotated[str | None, Query(description="Speaker name contains.")] = None,
    kind: Annotated[str | None, Query(description="direct, indirect or source_phrase.")] = None,
    article: Annotated[str | None, Query()] = None,
    q: Annotated[str | None, Query(description="Quote text contains.")] = None,
    language: Annotated[str | None, Query()] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> QuoteFilters:
    if kind and not WORD.match(kind):
        raise bad("kind", "a quote kind such as direct, indirect or source_phrase")
    if language and not LANG.match(language):
        raise bad("language", f"{language!r} is not a language code such as de or en")
    if article and not ID.match(article):
        raise bad("article", "not an article id")
    return QuoteFilters(
        since=since,
        until=until,
        speakers=codes("speaker", speaker),
        speaker_sector=sector("speaker_sector", speaker_sector),
        speaker_name=text("speaker_name", speaker_name),
        kind=kind,
        article=article,
        q=text("q", q),
        language=language,
        min_confidence=min_confidence,
    )
