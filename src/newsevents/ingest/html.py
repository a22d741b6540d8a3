"""HTML pages: trafilatura for main text, title and author; htmldate for the date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..document import Document
from .base import InputError, ReadOptions, decode_bytes, new_document, parse_date
from .text import read_bytes_bounded

_CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical[\"']?[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)


def canonical_url(html: str) -> str | None:
    """The page's own canonical URL, when it declares one."""
    m = _CANONICAL.search(html[:200_000])
    if not m:
        return None
    href = _HREF.search(m.group(0))
    url = href.group(1).strip() if href else ""
    return url if url.startswith(("http://", "https://")) else None


def publication_date(html: str, url: str | None):
    """Original publication date from the page; None when the page does not say.

    htmldate's metadata date weighed against the byline date the page shows near its headline,
    a date in the URL and UTC timestamps read in local time (``resolve.pubdate``).
    """
    from ..resolve.pubdate import html_publication_date

    try:
        found = html_publication_date(html, url)
    except Exception:  # odd markup must not cost the document; unknown is the honest answer
        return None
    return parse_date(found.value) if found else None


def html_document(html: str, source: str, options: ReadOptions, url: str | None = None, fmt: str = "html") -> Document:
    """Extract the article of one HTML page into a Document (raises InputError if none)."""
    import trafilatura

    page_url = canonical_url(html) or url
    extracted = trafilatura.bare_extraction(html, url=page_url, with_metadata=True)
    if extracted is None:
        raise InputError("no article text found in the HTML page")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in the HTML page")
    doc = new_document(
        text,
        source=source,
        input_format=fmt,
        url=page_url or data.get("url"),
        title=data.get("title"),
        author=data.get("author"),
        doc_id=Path(source).name if fmt == "html" else None,
    )
    published = publication_date(html, page_url)
    if published:
        doc.published, doc.published_source = published, "metadata"
    if data.get("sitename"):
        doc.meta["sitename"] = data["sitename"]
    return doc


def read_html(path: Path, options: ReadOptions) -> Iterator[Document]:
    html, _ = decode_bytes(read_bytes_bounded(path, options.max_bytes))
    yield html_document(html, str(path), options)
