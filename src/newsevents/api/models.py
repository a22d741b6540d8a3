"""Response models: they document the API in its OpenAPI spec (responses are serialised directly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class ActorRefOut(BaseModel):
    text: str | None = None
    code: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(BaseModel):
    """Words of the clean text that support one field of an event."""

    field: str = Field(description="trigger, source, target, place, date or asserted_by")
    start: int
    end: int
    text: str | None = None
    note: str | None = None


class EventOut(BaseModel):
    id: str
    article_id: str
    idx: int
    event: str
    mode: str | None = None
    context: str | None = None
    source: list[ActorRefOut] = []
    target: list[ActorRefOut] = []
    source_codes: str | None = None
    target_codes: str | None = None
    trigger_text: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    input_start: int | None = None
    input_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    sentence: str | None = Field(None, description="The sentence of clean text the event was found in.")
    negated: bool | None = None
    future: bool | None = None
    hypothetical: bool | None = None
    historical: bool | None = None
    alleged: bool | None = None
    flags: list[str] = []
    date: str | None = None
    date_precision: str | None = None
    date_start: dt.date | None = None
    day: dt.date | None = Field(None, description="The event's own date when known, else the publication date.")
    location: dict[str, Any] | None = None
    place_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    place_country: str | None = None
    score: float | None = Field(None, description="PLOVER conflict-cooperation score (-10..+10).")
    quad: int | None = None
    cameo_root: str | None = None
    asserted_by: dict[str, Any] | None = None
    confidence: float | None = None
    rule: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    outlet: str | None = None
    doc_id: str | None = None
    url: str | None = None
    agencies: list[str] | None = None
    evidence: list[Evidence] = []


class PageMeta(BaseModel):
    total: int
    limit: int
    offset: int


class EventPage(PageMeta):
    items: list[EventOut]


class ArticleSummary(BaseModel):
    id: str
    doc_id: str | None = None
    published: dt.date | None = None
    published_source: str | None = None
    language: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None
    input_format: str | None = None
    agencies: list[str] | None = None
    ingested_at: dt.datetime | None = None
    n_chars: int | None = None
    n_events: int = 0
    n_quotes: int = 0


class ArticlePage(PageMeta):
    items: list[ArticleSummary]


class ChangeOut(BaseModel):
    kind: str
    before: str
    after: str
    input_start: int
    input_end: int
    reason: str
    in_text: bool = Field(
        description="A repair inside the kept text (glued word, quote spacing) rather than a removal."
    )
    clean_start: int | None = None
    clean_end: int | None = None


class ArticleFull(BaseModel):
    """An article with every annotation."""

    id: str
    doc_id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    text: str = Field(description="The clean text; every offset below points into it.")
    raw_text: str | None = Field(None, description="The text as read; change offsets point into it.")
    paragraphs: list[list[int]] | None = None
    captions: list[str] | None = None
    credits: list[str] | None = None
    attribution: list[str] | None = None
    agencies: list[str] | None = None
    removed: list[str] | None = None
    changes: list[ChangeOut] | None = None
    sentences: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    events: list[EventOut] = []
    quotes: list[dict[str, Any]] = []
    dates: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []

    model_config = {"extra": "allow"}


class QuoteOut(BaseModel):
    article_id: str
    idx: int
    start_char: int
    end_char: int
    text: str
    kind: str | None = None
    cue: str | None = None
    speaker: dict[str, Any] | None = None
    speaker_code: str | None = None
    speaker_sector: str | None = None
    speaker_name: str | None = None
    addressee: str | None = None
    confidence: float | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None
    doc_id: str | None = None


class QuotePage(PageMeta):
    items: list[QuoteOut]


class ActorOut(BaseModel):
    code: str
    events: int
    as_source: int
    as_target: int
    mean_score: float | None = None
    sectors: list[str] = []
    mentions: list[str | None] = Field([], description="The words that most often named this actor.")


class ActorPage(PageMeta):
    items: list[ActorOut]


class FacetValue(BaseModel):
    value: Any
    n: int


class Facets(BaseModel):
    total: int
    type: list[FacetValue]
    quad: list[FacetValue]
    mode: list[FacetValue]
    actor: list[FacetValue]
    recipient: list[FacetValue]
    place_country: list[FacetValue]
    agency: list[FacetValue]
    language: list[FacetValue]
    year: list[FacetValue]
    flags: list[FacetValue]


class TimelinePoint(BaseModel):
    period: dt.date
    events: int
    mean_score: float | None = None
    min_score: float | None = None
    max_score: float | None = None
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


class Timeline(BaseModel):
    pair: list[str] | None = None
    interval: str
    points: list[TimelinePoint]


class Node(BaseModel):
    id: str
    out: int
    weight: int
    in_: int = Field(alias="in")


class Edge(BaseModel):
    source: str
    target: str
    weight: int
    mean_score: float | None = None
    cooperation: int
    conflict: int


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class MapStats(BaseModel):
    places: list[dict[str, Any]]
    countries: list[dict[str, Any]]


class IngestResult(BaseModel):
    run_id: str | None = None
    read: int
    stored: int
    duplicate: int
    failed: int
    failures: list[str]
    articles: list[str]


class ErrorOut(BaseModel):
    error: str
    detail: list[dict[str, Any]] | str | None = None
