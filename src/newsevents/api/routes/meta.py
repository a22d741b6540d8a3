"""/api/health and /api/meta: what is served and the vocabularies the filters accept."""

from __future__ import annotations

from fastapi import APIRouter, Response

from .. import queries as Q
from ..filters import ACTOR_SORTS, ARTICLE_SORTS, EVENT_SORTS, FLAGS, QUOTE_SORTS
from ..output import json_response
from ..params import MAX_PAGE, event_types
from .deps import DB, Config

router = APIRouter(tags=["meta"])
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@router.get("/api/health")
def health(db: DB, config: Config) -> Response:
    """Row counts of the served database, and whether it is read-only and ingest is on."""
    with db.cursor() as cur:
        counts = Q.counts(cur)
    return json_response(
        {
            "status": "ok",
            "db": config.db_path,
            "read_only": config.read_only,
            "ingest": bool(config.token),
            "counts": counts,
        }
    )


@router.get("/api/meta")
def meta() -> Response:
    """Event types, quad classes, flags, sort keys and the maximum page size."""
    return json_response(
        {
            "event_types": list(event_types()),
            "quads": QUADS,
            "flags": list(FLAGS),
            "max_page_size": MAX_PAGE,
            "sorts": {
                "events": list(EVENT_SORTS),
                "articles": list(ARTICLE_SORTS),
                "quotes": list(QUOTE_SORTS),
                "actors": list(ACTOR_SORTS),
            },
            "formats": ["json", "csv", "jsonl", "parquet"],
        }
    )
