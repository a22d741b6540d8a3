"""Shared pieces of the readers: read options, per-item errors, safe decoding."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

from charset_normalizer import from_bytes

from ..document import Document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # one document larger than this is refused, not loaded


@dataclass
class ReadOptions:
    """How to read inputs: field names for JSON Lines, a forced format, size limits."""

    fields: dict[str, str] = field(default_factory=dict)  # our name -> input's field name
    format: str | None = None  # text | html | jsonl | warc | feed; None = by extension/content
    max_bytes: int = DEFAULT_MAX_BYTES
    published: date | None = None  # --published: the user's publication date for every document
    language: str | None = None  # --language: skip detection

    def field_names(self, ours: str) -> tuple[str, ...]:
        """The input field(s) to look in: the configured one, else the usual candidates."""
        if ours in self.fields:
            return (self.fields[ours],)
        return FIELD_CANDIDATES[ours]

    def pick(self, obj: dict, ours: str) -> object:
        """The value of our field ``ours`` in a JSON object (first candidate present)."""
        for name in self.field_names(ours):
            if obj.get(name) not in (None, ""):
                return obj[name]
        return None


# Our field -> input field names tried in order when the user configured none.
FIELD_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article"),
    "doc_id": ("doc_id", "id", "uuid"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "date_publish", "pubDate", "published_at"),
    "author": ("author", "authors", "byline"),
    "language": ("lang", "language"),
}
DEFAULT_FIELDS = {k: v[0] for k, v in FIELD_CANDIDATES.items()}


@dataclass
class IngestError:
    """One input item that could not be read, and why; the batch goes on without it."""

    source: str
    reason: str
    record: str | None = None
    stage: str = "read"

    def __str__(self) -> str:
        where = f"{self.source}#{self.record}" if self.record else self.source
        return f"{where}: {self.reason}"


class InputError(Exception):
    """Raised inside a reader for a problem with one item; turned into an IngestError."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a large share of control characters mean this is not text."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(sample) > 0 and ctrl / len(sample) > 0.05


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text of unknown encoding; returns (text, encoding). Raises InputError."""
    if not data.strip():
        raise InputError("empty input")
    if looks_binary(data):
        raise InputError("binary content (not text)")
    try:
        return data.decode("utf-8").lstrip("\ufeff"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError("undecodable bytes: no text encoding fits")
    text = str(best)
    bad = text.count("\ufffd")
    if bad > max(5, len(text) // 100):
        raise InputError(f"undecodable bytes: {bad} replacement characters after decoding")
    if readable_share(text) < 0.8:
        raise InputError(
            f"undecodable bytes: the best guess ({best.encoding}) gives no readable text in a supported script"
        )
    return text, best.encoding


def readable_share(text: str) -> float:
    """Share of characters that are spaces, digits, punctuation or letters of the scripts we
    handle (Latin, Greek, Cyrillic, Arabic, Hebrew); low for mis-decoded bytes."""
    sample = text[:20000]
    if not sample:
        return 0.0
    ok = 0
    for ch in sample:
        o = ord(ch)
        if o < 0x250 or 0x370 <= o < 0x530 or 0x590 <= o < 0x700 or 0x2000 <= o < 0x2070 or ch.isspace():
            ok += 1
    return ok / len(sample)


def outlet_from_url(url: str | None) -> str | None:
    """The site name of a URL, without a leading www."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def parse_date(value: object) -> date | None:
    """A date from an ISO string, a datetime, or a looser string (dateutil); None if unknown."""
    from datetime import datetime

    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser as du

        return du.parse(text, dayfirst=True, fuzzy=False).date()
    except (ValueError, OverflowError, ImportError):
        return None


def new_document(text: str, *, source: str, input_format: str, **kw: object) -> Document:
    """A Document for freshly read text, with the outlet derived from its URL."""
    doc = Document.from_text(text, source=source, input_format=input_format, **kw)  # type: ignore[arg-type]
    if doc.outlet is None:
        doc.outlet = outlet_from_url(doc.url)
    return doc
