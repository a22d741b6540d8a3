"""JSON Lines: one article per line, field names configurable, streamed line by line."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..document import Document
from .base import IngestError, ReadOptions, new_document, parse_date


def open_maybe_gzip(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def jsonl_document(obj: dict, source: str, line_no: int, options: ReadOptions) -> Document:
    """Map one JSON object to a Document using the configured field names."""
    text = options.pick(obj, "text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"no text in field {' / '.join(options.field_names('text'))}")
    ext_id = options.pick(obj, "doc_id")
    author = options.pick(obj, "author")
    if isinstance(author, list):
        author = ", ".join(map(str, author))
    doc = new_document(
        text,
        source=source,
        input_format="jsonl",
        record=str(line_no),
        doc_id=str(ext_id) if ext_id is not None else None,
        title=options.pick(obj, "title"),
        url=options.pick(obj, "url"),
        author=author,
    )
    published = parse_date(options.pick(obj, "published"))
    if published:
        doc.published, doc.published_source = published, "field"
    lang = options.pick(obj, "language")
    if isinstance(lang, str) and lang:
        doc.language, doc.language_confidence = lang.lower()[:2], 1.0
    return doc


def iter_json_lines(stream: IO[bytes], source: str, options: ReadOptions) -> Iterator[Document | IngestError]:
    line_no = 0
    try:
        for raw in stream:
            line_no += 1
            if not raw.strip():
                continue
            if len(raw) > options.max_bytes:
                yield IngestError(source, "line too large", str(line_no))
                continue
            try:
                obj = json.loads(raw)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
                yield jsonl_document(obj, source, line_no, options)
            except (ValueError, UnicodeDecodeError) as exc:
                yield IngestError(source, f"invalid JSON line: {exc}", str(line_no))
    except (EOFError, OSError, gzip.BadGzipFile) as exc:
        yield IngestError(source, f"truncated or corrupt file after line {line_no}: {exc}")


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Document | IngestError]:
    with open_maybe_gzip(path) as stream:
        yield from iter_json_lines(stream, str(path), options)
