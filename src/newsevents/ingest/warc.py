"""WARC and WARC.gz archives: every HTML response record becomes a document (warcio).

Records are streamed; a record cut short (truncated file) is reported, records before it are
kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..document import Document
from .base import IngestError, InputError, ReadOptions, decode_bytes, parse_date
from .html import html_document


def _drain(stream, chunk: int = 1 << 16) -> None:
    while stream.read(chunk):
        pass


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def _record_document(record, source: str, rec_id: str, options: ReadOptions) -> Document:
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        raise InputError("record too large")
    html, _ = decode_bytes(body)
    url = record.rec_headers.get_header("WARC-Target-URI")
    doc = html_document(html, source, options, url=url, fmt="warc")
    doc.record = rec_id
    if doc.published is None:
        warc_date = parse_date(record.rec_headers.get_header("WARC-Date"))
        if warc_date:
            doc.published, doc.published_source = warc_date, "warc"
    return doc


def read_warc(path: Path, options: ReadOptions) -> Iterator[Document | IngestError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    n = 0
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                n += 1
                rec_id = record.rec_headers.get_header("WARC-Record-ID") or str(n)
                item: Document | IngestError | None = None
                if _is_html_response(record):
                    try:
                        item = _record_document(record, source, rec_id, options)
                    except InputError as exc:
                        item = IngestError(source, str(exc), rec_id)
                _drain(record.raw_stream)
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield IngestError(source, f"truncated WARC: record {n} is cut short", rec_id)
                    return
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield IngestError(source, f"truncated or corrupt WARC after {n} records: {exc}")
