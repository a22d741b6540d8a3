"""Who asserts each event: the quotation its trigger sits in, or the article's own voice."""

from __future__ import annotations

from typing import Any

from ..document import Document, Event, Quote


def containing_quote(quotes: list[Quote], start: int, end: int) -> int | None:
    """Index of the innermost quotation whose span holds [start, end), or None."""
    best: int | None = None
    for i, q in enumerate(quotes):
        if q.start <= start and end <= q.end:
            if best is None or (q.end - q.start) < (quotes[best].end - quotes[best].start):
                best = i
    return best


def event_codes(ev: Event) -> set[str]:
    return {a.code for a in ev.source + ev.target if a.code}


def article_voice(doc: Document) -> dict[str, Any]:
    """The article speaking for itself: its outlet, else its agencies."""
    speaker = doc.outlet or (", ".join(doc.agencies) if doc.agencies else None)
    return {"kind": "article", "speaker": speaker, "code": None, "sector": None, "name": None,
            "quote_index": None, "party_to_event": False}


def asserted_by(doc: Document, ev: Event) -> dict[str, Any]:
    i = containing_quote(doc.quotes, ev.trigger.start, ev.trigger.end)
    if i is None:
        return article_voice(doc)
    q = doc.quotes[i]
    sp = q.speaker
    code = sp.code if sp else None
    return {
        "kind": "source_phrase" if q.kind == "source_phrase" else "quote",
        "speaker": sp.text if sp else None,
        "code": code,
        "sector": sp.sector if sp else None,
        "name": (sp.name or sp.text) if sp else None,
        "quote_index": i,
        "party_to_event": bool(code and code in event_codes(ev)),
    }


def assert_events(doc: Document) -> None:
    """Set ``asserted_by`` on every event of ``doc``."""
    for ev in doc.events:
        ev.asserted_by = asserted_by(doc, ev)
