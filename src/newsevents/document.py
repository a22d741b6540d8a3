"""The data that flows through the pipeline: documents and what later stages attach to them.

Every span is a pair of character offsets into ``Document.text`` (the clean text); the
``OffsetMap`` carries them back to ``Document.raw_text`` (the text as it was read), so any
finding can be pointed at in the original input.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

_WS = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """Canonical form used for the content hash: NFC, collapsed whitespace, stripped."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_id(text: str) -> str:
    """Stable document id: first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Span:
    """A stretch of clean text, [start, end)."""

    start: int
    end: int
    label: str = ""


@dataclass
class Segment:
    """One piece of the clean text and where it came from in the input.

    ``inserted`` pieces (a space or comma added by a repair) have no input counterpart; they
    map to the input position ``input_start`` with zero width.
    """

    clean_start: int
    input_start: int
    length: int
    inserted: bool = False


@dataclass
class OffsetMap:
    """Maps clean-text offsets back to input offsets (piecewise linear over segments)."""

    segments: list[Segment] = field(default_factory=list)

    def to_input(self, offset: int) -> int:
        if not self.segments:
            return offset
        starts = [s.clean_start for s in self.segments]
        i = max(0, bisect_right(starts, offset) - 1)
        seg = self.segments[i]
        if seg.inserted:
            return seg.input_start
        return seg.input_start + min(max(offset - seg.clean_start, 0), seg.length)

    def to_list(self) -> list[list[int]]:
        return [[s.clean_start, s.input_start, s.length, int(s.inserted)] for s in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[int]] | None) -> OffsetMap:
        return cls([Segment(a, b, c, bool(d)) for a, b, c, d in rows or []])


@dataclass
class Change:
    """One change the cleaner made, kept so a user can audit it.

    kind: removed_line | duplicate | caption | credit | attribution | glued_word |
    quote_spacing | whitespace. ``input_start``/``input_end`` point into the raw text.
    """

    kind: str
    before: str
    after: str
    input_start: int
    input_end: int
    reason: str


@dataclass
class Token:
    """A token with its linguistic analysis; ``head`` is a document-level token index."""

    i: int
    start: int
    end: int
    text: str
    lemma: str = ""
    pos: str = ""
    tag: str = ""
    morph: str = ""
    head: int = -1
    dep: str = ""


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    is_caption: bool = False


@dataclass
class Entity:
    """A mention: an NER entity or a coded actor (code + sector) over a span of clean text."""

    start: int
    end: int
    text: str
    label: str = ""  # PER, ORG, LOC (NER) or ACTOR
    code: str | None = None  # ISO3 or UNO/EUR/IGO/NGO/ISM/IMG/MNC
    sector: str | None = None
    name: str | None = None
    kb_id: str | None = None
    confidence: float = 0.0
    rule: str = ""


@dataclass
class ActorRef:
    """An actor as it takes part in an event."""

    text: str
    code: str | None
    sector: str | None
    start: int
    end: int


@dataclass
class Event:
    event: str
    mode: str | None
    source: list[ActorRef]
    target: list[ActorRef]
    trigger: Span
    trigger_text: str
    sentence: Span
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    historical: bool = False
    alleged: bool = False
    context: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_span: Span | None = None
    location: dict[str, Any] | None = None
    asserted_by: dict[str, Any] | None = None
    confidence: float = 0.0
    rule: str = ""


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | source_phrase
    cue: str | None = None
    speaker: Entity | None = None
    addressee: str | None = None
    confidence: float = 0.0


@dataclass
class Document:
    """A news article and everything the pipeline finds in it."""

    id: str
    raw_text: str
    text: str = ""
    doc_id: str | None = None  # the input's own id (JSON Lines field, or the file name)
    source: str = ""  # input path or URL; with ``record`` it locates the raw input
    record: str | None = None  # line number, WARC record id or feed item id inside ``source``
    input_format: str = "text"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    published_source: str | None = None  # metadata | field | warc | feed | text | url | user
    language: str | None = None
    language_confidence: float | None = None
    paragraphs: list[Span] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_text(cls, raw_text: str, **kwargs: Any) -> Document:
        """A document whose id is the hash of its normalised input text."""
        return cls(id=content_id(raw_text), raw_text=raw_text, text=raw_text, **kwargs)

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def to_input(self, offset: int) -> int:
        """Offset in the text as read for an offset in the clean text."""
        return self.offsets.to_input(offset)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        d["offsets"] = self.offsets.to_list()
        return d
