"""Plain text files: encoding detected with charset-normalizer, size bounded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..document import Document
from .base import InputError, ReadOptions, decode_bytes, new_document


def read_bytes_bounded(path: Path, max_bytes: int) -> bytes:
    """Read a whole file unless it is larger than ``max_bytes`` (then refuse, load nothing)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"too large: {size / 2**20:.1f} MB exceeds the {max_bytes / 2**20:.0f} MB per-document "
            "limit (split it, or raise --max-bytes)"
        )
    if size == 0:
        raise InputError("empty file")
    return path.read_bytes()


def text_document(data: bytes, source: str, options: ReadOptions) -> Document:
    text, encoding = decode_bytes(data)
    doc = new_document(text, source=source, input_format="text", doc_id=Path(source).name)
    doc.meta["encoding"] = encoding
    return doc


def read_text(path: Path, options: ReadOptions) -> Iterator[Document]:
    yield text_document(read_bytes_bounded(path, options.max_bytes), str(path), options)
