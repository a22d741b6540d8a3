"""RSS and Atom feed files (feedparser): each item is a document."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..document import Document
from .base import IngestError, InputError, ReadOptions, new_document
from .text import read_bytes_bounded

_TAG = re.compile(r"<[^>]+>")


def strip_markup(fragment: str) -> str:
    """Feed descriptions carry HTML; keep paragraphs as lines, drop tags and entities."""
    fragment = re.sub(r"(?i)<\s*(br|/p|/div|/li)\s*/?>", "\n", fragment)
    return htmllib.unescape(_TAG.sub("", fragment)).strip()


def item_text(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return strip_markup(content["value"])
    return strip_markup(entry.get("summary") or entry.get("description") or "")


def read_feed(path: Path, options: ReadOptions) -> Iterator[Document | IngestError]:
    import feedparser

    source = str(path)
    parsed = feedparser.parse(read_bytes_bounded(path, options.max_bytes))
    if parsed.bozo and not parsed.entries:
        raise InputError(f"not a readable feed: {parsed.get('bozo_exception')}")
    for i, entry in enumerate(parsed.entries):
        record = entry.get("id") or entry.get("link") or str(i)
        title = (entry.get("title") or "").strip()
        body = item_text(entry)
        if not body and not title:
            yield IngestError(source, "feed item without text", record)
            continue
        text = f"{title}\n\n{body}" if title and body else (body or title)
        doc = new_document(
            text,
            source=source,
            input_format="feed",
            record=record,
            title=title or None,
            url=entry.get("link"),
            author=entry.get("author"),
            doc_id=entry.get("id"),
        )
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            doc.published, doc.published_source = date(*stamp[:3]), "feed"
        yield doc
