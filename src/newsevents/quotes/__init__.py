"""Who said it: quotations with speakers ("quotes" stage) and article sources ("sources" stage).

The ``quotes`` stage fills ``Document.quotes`` (direct, indirect and source-phrase quotations with
cue, speaker resolved to an actor, addressee and confidence) and records for every event who
asserts it (``Event.asserted_by``). The ``sources`` stage completes ``Document.agencies`` (news
agencies from credits, attribution lines, datelines and agencies quoted in the text) and keeps
``Document.outlet`` (from the URL host when the reader did not set it).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..pipeline import register
from .assertions import assert_events
from .extract import QuoteExtractor
from .lexicon import load_lexicon
from .sources import agency_alias, complete_sources

__all__ = ["QuoteExtractor", "QuoteStage", "SourceStage", "assert_events", "extract_quotes", "load_lexicon"]


def _lang(doc: Document) -> str:
    return doc.language if doc.language in ("de", "en") else "de"


def extract_quotes(doc: Document) -> Document:
    """Fill ``doc.quotes`` and ``asserted_by`` of ``doc.events`` (needs the nlp and actors stages)."""
    extractor = QuoteExtractor(load_lexicon(_lang(doc)), agency_alias())
    doc.quotes = extractor.extract(doc)
    assert_events(doc)
    return doc


@register("quotes")
@dataclass
class QuoteStage:
    """Quotations and the source of every event; lexicons load lazily (cached per process)."""

    name: str = "quotes"

    def __call__(self, doc: Document) -> Document:
        return extract_quotes(doc)


@register("sources")
@dataclass
class SourceStage:
    """News agencies (``doc.agencies``) and the outlet (``doc.outlet``) of an article."""

    name: str = "sources"

    def __call__(self, doc: Document) -> Document:
        complete_sources(doc)
        return doc
