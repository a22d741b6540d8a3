"""/api/actors and /api/stats: actor counts, the actor-pair timeline, the network and the map."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from .. import queries as Q
from ..models import ActorPage, MapStats, Network, Timeline
from ..output import json_response, rows_download
from ..params import Events, Format, Page, actor_sort, bad, sector, text
from .deps import DB

router = APIRouter()


@router.get("/api/actors", response_model=ActorPage, tags=["actors"])
def list_actors(
    db: DB,
    filters: Events,
    page: Page,
    fmt: Format,
    search: Annotated[str | None, Query(alias="search", description="Code or naming words contain.")] = None,
    sector_: Annotated[str | None, Query(alias="sector", description="Only mentions with this sector.")] = None,
    role: Annotated[str, Query(description="Count actors as source, target or any.")] = "any",
    sort: str = Depends(actor_sort),
) -> Response:
    """Actor codes with event counts (as source and as target), mean PLOVER score, sectors and the
    words that named them, over the events matching the event filters."""
    if role not in ("source", "target", "any"):
        raise bad("role", "choose source, target or any")
    limit, offset = page
    if fmt != "json":
        limit, offset = 100_000, 0
    with db.cursor() as cur:
        total, items = Q.actors(
            cur,
            filters,
            q=text("search", search),
            sector=sector("sector", sector_),
            role=role,
            sort=sort,
            limit=limit,
            offset=offset,
        )
    if fmt != "json":
        return rows_download(items, fmt, "actors")
    return json_response({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/api/stats/timeline", response_model=Timeline, tags=["statistics"])
def stats_timeline(
    db: DB,
    filters: Events,
    fmt: Format,
    interval: Annotated[str, Query(description="day, week or month.")] = "week",
) -> Response:
    """Event counts, mean/min/max PLOVER score and counts per quad class per day, week or month.

    For an actor pair: ``/api/stats/timeline?pair=RUS,PRK&interval=week`` (``pair_mode`` says how
    the two must take part). Periods without events are absent.
    """
    if interval not in ("day", "week", "month"):
        raise bad("interval", "choose day, week or month")
    with db.cursor() as cur:
        points = Q.timeline(cur, filters, interval)
    if fmt != "json":
        return rows_download(points, fmt, "timeline")
    return json_response({"pair": list(filters.pair) if filters.pair else None, "interval": interval, "points": points})


@router.get("/api/stats/network", response_model=Network, tags=["statistics"])
def stats_network(
    db: DB,
    filters: Events,
    fmt: Format,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000, description="Only pairs with at least this many events.")] = 1,
    max_edges: Annotated[int, Query(ge=1, le=2000, description="The heaviest edges, at most this many.")] = 300,
) -> Response:
    """The directed actor-pair network: one edge per (source code, target code), weight = events,
    with mean PLOVER score and cooperation/conflict counts."""
    with db.cursor() as cur:
        net = Q.network(cur, filters, min_weight, max_edges)
    if fmt != "json":
        return rows_download(net["edges"], fmt, "network")
    return json_response(net)


@router.get("/api/stats/map", response_model=MapStats, tags=["statistics"])
def stats_map(
    db: DB,
    filters: Events,
    max_places: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> Response:
    """Event places with coordinates (count, mean score) and per-country counts (as actor, as place)."""
    with db.cursor() as cur:
        return json_response(Q.map_stats(cur, filters, max_places))
