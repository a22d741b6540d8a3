"""/api/events: filtered, sorted, paginated events; facets; one event; downloads."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Response

from .. import queries as Q
from ..models import EventOut, EventPage, Facets
from ..output import json_response, query_download
from ..params import Events, Format, Page, event_sort
from .deps import DB, Config

router = APIRouter(prefix="/api/events", tags=["events"])
DOWNLOAD = {200: {"description": "JSON page, or a CSV / JSON Lines / Parquet download with format=..."}}


@router.get("", response_model=EventPage, responses=DOWNLOAD)
def list_events(
    db: DB, config: Config, filters: Events, page: Page, fmt: Format, sort: str = Depends(event_sort)
) -> Response:
    """Events matching every given filter, sorted and paginated (or downloaded whole with ``format``).

    Example: ``/api/events?pair=RUS,PRK&quad=1&quad=2&sort=-date&limit=20``
    """
    with db.cursor() as cur:
        if fmt != "json":
            sql, params = Q.events_sql(filters, sort)
            return query_download(cur, sql, params, fmt, "events", config.max_export_rows)
        limit, offset = page
        total, items = Q.page_events(cur, filters, sort, limit, offset)
    return json_response({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/facets", response_model=Facets)
def event_facets(db: DB, filters: Events) -> Response:
    """Counts of the filtered events by type, quad class, mode, actor, recipient, place country,
    agency, language, year and flag: the explorer's facets."""
    with db.cursor() as cur:
        return json_response(Q.event_facets(cur, filters))


@router.get("/{event_id}", response_model=EventOut)
def get_event(db: DB, event_id: str = Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")) -> Response:
    """One event with its sentence and the words that support each field."""
    with db.cursor() as cur:
        ev = Q.get_event(cur, event_id)
    if ev is None:
        raise HTTPException(404, detail=f"no event with id {event_id!r}")
    return json_response(ev)
