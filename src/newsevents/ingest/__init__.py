"""Readers: turn files, directories, globs and stdin into Documents (or per-item errors).

Every reader streams; a problem with one file or record becomes an ``IngestError`` and the
batch goes on.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..document import Document
from .base import IngestError, InputError, ReadOptions, decode_bytes
from .feeds import read_feed
from .html import html_document, read_html
from .jsonl import iter_json_lines, read_jsonl
from .text import read_text, text_document
from .warc import read_warc

__all__ = ["IngestError", "ReadOptions", "read_inputs", "expand_inputs", "detect_format"]

Reader = Callable[[Path, ReadOptions], Iterator["Document | IngestError"]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
}

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


def detect_format(path: Path) -> str:
    """Format by extension (``.warc.gz``, ``.jsonl.gz`` understood), else by sniffing content."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl"
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt:
        return fmt
    return sniff_format(_head(path))


def _head(path: Path, n: int = 2048) -> bytes:
    try:
        with path.open("rb") as f:
            head = f.read(n)
        if head[:2] == b"\x1f\x8b":
            with gzip.open(path, "rb") as f:
                head = f.read(n)
    except (OSError, EOFError):
        return b""
    return head


def sniff_format(head: bytes) -> str:
    start = head.lstrip()[:512].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "html"
    return "text"


def expand_inputs(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Each input as (name, path); directories recurse (sorted), globs expand, "-" is stdin.

    A name that matches nothing is yielded with path None, so the caller can report it.
    """
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        p = Path(raw)
        if p.is_dir():
            for child in sorted(q for q in p.rglob("*") if q.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(p).parts):
                    if child.name.lower() not in ("readme.md", "readme.txt"):
                        yield str(child), child
        elif p.exists():
            yield raw, p
        elif any(c in raw for c in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield raw, None
            for m in matches:
                if Path(m).is_file():
                    yield m, Path(m)
        else:
            yield raw, None


def read_stdin(options: ReadOptions) -> Iterator[Document | IngestError]:
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield IngestError("-", "stdin exceeds the per-document limit (--max-bytes)")
        return
    fmt = options.format or sniff_format(data[:2048])
    try:
        if fmt == "jsonl":
            yield from iter_json_lines(io.BytesIO(data), "-", options)
        elif fmt == "html":
            yield html_document(decode_bytes(data)[0], "-", options)
        else:
            yield text_document(data, "-", options)
    except InputError as exc:
        yield IngestError("-", str(exc))


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Document | IngestError]:
    """Documents from every input, in order; unreadable items come out as IngestError."""
    options = options or ReadOptions()
    for name, path in expand_inputs(paths):
        if path is None:
            if name == "-":
                yield from read_stdin(options)
            else:
                yield IngestError(name, "no such file or directory")
            continue
        fmt = options.format or detect_format(path)
        try:
            for item in READERS[fmt](path, options):
                if isinstance(item, Document) and options.published:
                    item.published, item.published_source = options.published, "user"
                yield item
        except InputError as exc:
            yield IngestError(name, str(exc))
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield IngestError(name, f"unreadable: {type(exc).__name__}: {exc}")
        except Exception as exc:  # a reader bug on odd input must not stop the batch
            yield IngestError(name, f"{fmt} reader failed: {type(exc).__name__}: {exc}")
