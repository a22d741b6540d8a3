"""Turn Documents into table rows (and back): one place for the field <-> column mapping."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from ..document import (
    ActorRef,
    Change,
    Document,
    Entity,
    Event,
    OffsetMap,
    Quote,
    Sentence,
    Span,
    Token,
)

ARTICLE_JSON = ("paragraphs", "captions", "credits", "attribution", "agencies", "removed", "changes", "offsets", "meta")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def article_row(doc: Document, run_id: str) -> dict[str, Any]:
    return {
        "id": doc.id,
        "doc_id": doc.doc_id,
        "source": doc.source,
        "record": doc.record,
        "input_format": doc.input_format,
        "url": doc.url,
        "outlet": doc.outlet,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "published_source": doc.published_source,
        "language": doc.language,
        "language_confidence": doc.language_confidence,
        "text": doc.text,
        "raw_text": doc.raw_text,
        "paragraphs": _json([[p.start, p.end] for p in doc.paragraphs]),
        "captions": _json(doc.captions),
        "credits": _json(doc.credits),
        "attribution": _json(doc.attribution),
        "agencies": _json(doc.agencies),
        "removed": _json(doc.removed),
        "changes": _json([asdict(c) for c in doc.changes]),
        "offsets": _json(doc.offsets.to_list()),
        "meta": _json(doc.meta),
        "run_id": run_id,
        "ingested_at": datetime.now(),
    }


def sentence_rows(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "article_id": doc.id,
            "idx": i,
            "start_char": s.start,
            "end_char": s.end,
            "is_caption": s.is_caption,
            "tokens": _json(
                [[t.i, t.start, t.end, t.text, t.lemma, t.pos, t.tag, t.morph, t.head, t.dep] for t in s.tokens]
            ),
        }
        for i, s in enumerate(doc.sentences)
    ]


def entity_rows(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "article_id": doc.id,
            "idx": i,
            "start_char": e.start,
            "end_char": e.end,
            "text": e.text,
            "label": e.label,
            "code": e.code,
            "sector": e.sector,
            "name": e.name,
            "kb_id": e.kb_id,
            "confidence": e.confidence,
            "rule": e.rule,
        }
        for i, e in enumerate(doc.entities)
    ]


def event_id(doc: Document, i: int, ev: Event) -> str:
    key = f"{doc.id}:{i}:{ev.event}:{ev.trigger.start}:{ev.trigger.end}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _codes(actors: list[ActorRef]) -> str:
    return ";".join(sorted({a.code for a in actors if a.code}))


def event_scales(ev: Event) -> tuple[float | None, int | None, str | None]:
    """PLOVER score, quad class and CAMEO root, once the event coder provides the tables."""
    try:
        from ..events.scales import cameo_root, plover_score, quad_class
    except ImportError:
        return None, None, None
    return plover_score(ev.event, ev.mode), quad_class(ev.event), cameo_root(ev.event, ev.mode)


def event_rows(doc: Document) -> list[dict[str, Any]]:
    rows = []
    for i, ev in enumerate(doc.events):
        score, quad, cameo = event_scales(ev)
        loc = ev.location or {}
        date_start = None
        if ev.date:
            try:
                date_start = date.fromisoformat(
                    (ev.date + "-01-01")[:10] if len(ev.date) == 4 else (ev.date + "-01")[:10]
                )
            except ValueError:
                date_start = None
        rows.append(
            {
                "id": event_id(doc, i, ev),
                "article_id": doc.id,
                "idx": i,
                "event": ev.event,
                "mode": ev.mode,
                "context": ev.context,
                "source": _json([asdict(a) for a in ev.source]),
                "target": _json([asdict(a) for a in ev.target]),
                "source_codes": _codes(ev.source),
                "target_codes": _codes(ev.target),
                "trigger_text": ev.trigger_text,
                "trigger_start": ev.trigger.start,
                "trigger_end": ev.trigger.end,
                "input_start": doc.to_input(ev.trigger.start),
                "input_end": doc.to_input(ev.trigger.end),
                "sentence_start": ev.sentence.start,
                "sentence_end": ev.sentence.end,
                "negated": ev.negated,
                "future": ev.future,
                "hypothetical": ev.hypothetical,
                "historical": ev.historical,
                "alleged": ev.alleged,
                "date": ev.date,
                "date_precision": ev.date_precision,
                "date_start": date_start,
                "date_text": doc.text[ev.date_span.start:ev.date_span.end] if ev.date_span else None,
                "date_text_start": ev.date_span.start if ev.date_span else None,
                "date_text_end": ev.date_span.end if ev.date_span else None,
                "location": _json(ev.location) if ev.location else None,
                "place_name": loc.get("name"),
                "latitude": loc.get("lat"),
                "longitude": loc.get("lon"),
                "place_country": loc.get("country"),
                "score": score,
                "quad": quad,
                "cameo_root": cameo,
                "asserted_by": _json(ev.asserted_by) if ev.asserted_by else None,
                "confidence": ev.confidence,
                "rule": ev.rule,
            }
        )
    return rows


def quote_rows(doc: Document) -> list[dict[str, Any]]:
    rows = []
    for i, q in enumerate(doc.quotes):
        sp = q.speaker
        rows.append(
            {
                "article_id": doc.id,
                "idx": i,
                "start_char": q.start,
                "end_char": q.end,
                "text": q.text,
                "kind": q.kind,
                "cue": q.cue,
                "speaker": _json(asdict(sp)) if sp else None,
                "speaker_code": sp.code if sp else None,
                "speaker_sector": sp.sector if sp else None,
                "speaker_name": (sp.name or sp.text) if sp else None,
                "addressee": q.addressee,
                "confidence": q.confidence,
            }
        )
    return rows


def _load(value: Any) -> Any:
    if value is None:
        return None
    return json.loads(value) if isinstance(value, str) else value


def document_from_rows(
    art: dict[str, Any],
    sentences: list[dict[str, Any]] = (),
    entities: list[dict[str, Any]] = (),
    events: list[dict[str, Any]] = (),
    quotes: list[dict[str, Any]] = (),
) -> Document:
    """Rebuild a Document from stored rows (for show, export and re-analysis)."""
    doc = Document(
        id=art["id"],
        raw_text=art["raw_text"] or "",
        text=art["text"] or "",
        doc_id=art["doc_id"],
        source=art["source"] or "",
        record=art["record"],
        input_format=art["input_format"] or "text",
        url=art["url"],
        outlet=art["outlet"],
        title=art["title"],
        author=art["author"],
        published=art["published"],
        published_source=art["published_source"],
        language=art["language"],
        language_confidence=art["language_confidence"],
    )
    doc.paragraphs = [Span(a, b) for a, b in _load(art["paragraphs"]) or []]
    for name in ("captions", "credits", "attribution", "agencies", "removed"):
        setattr(doc, name, _load(art[name]) or [])
    doc.changes = [Change(**c) for c in _load(art["changes"]) or []]
    doc.offsets = OffsetMap.from_list(_load(art["offsets"]))
    doc.meta = _load(art["meta"]) or {}
    for s in sentences:
        toks = [Token(*t) for t in _load(s["tokens"]) or []]
        doc.sentences.append(Sentence(s["start_char"], s["end_char"], toks, bool(s["is_caption"])))
    for e in entities:
        doc.entities.append(
            Entity(
                e["start_char"],
                e["end_char"],
                e["text"],
                e["label"] or "",
                e["code"],
                e["sector"],
                e["name"],
                e["kb_id"],
                e["confidence"] or 0.0,
                e["rule"] or "",
            )
        )
    for ev in events:
        doc.events.append(
            Event(
                event=ev["event"],
                mode=ev["mode"],
                source=[ActorRef(**a) for a in _load(ev["source"]) or []],
                target=[ActorRef(**a) for a in _load(ev["target"]) or []],
                trigger=Span(ev["trigger_start"], ev["trigger_end"]),
                trigger_text=ev["trigger_text"],
                sentence=Span(ev["sentence_start"], ev["sentence_end"]),
                negated=ev["negated"],
                future=ev["future"],
                hypothetical=ev["hypothetical"],
                historical=ev["historical"],
                alleged=ev["alleged"],
                context=ev["context"],
                date=ev["date"],
                date_precision=ev["date_precision"],
                location=_load(ev["location"]),
                asserted_by=_load(ev["asserted_by"]),
                confidence=ev["confidence"] or 0.0,
                rule=ev["rule"] or "",
            )
        )
    for q in quotes:
        sp = _load(q["speaker"])
        doc.quotes.append(
            Quote(
                q["start_char"],
                q["end_char"],
                q["text"],
                q["kind"],
                q["cue"],
                Entity(**sp) if sp else None,
                q["addressee"],
                q["confidence"] or 0.0,
            )
        )
    return doc
