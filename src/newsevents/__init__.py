"""newsevents: raw news in, PLOVER-coded political events out, with the words that support them.

Python API (mirrors the CLI)::

    import newsevents
    result = newsevents.run(["article.txt"], db="newsevents.duckdb", published="2024-06-17")
    for doc in result.documents:
        print(doc.title, len(doc.events))
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .document import Document
from .runner import RunSummary

__version__ = "0.1.0"
__all__ = ["Document", "RunSummary", "run", "ingest", "process_text"]


def _options(published: str | date | None, fields: dict[str, str] | None, fmt: str | None):
    from .ingest import ReadOptions
    from .ingest.base import parse_date

    return ReadOptions(fields=fields or {}, format=fmt, published=parse_date(published))


def run(
    paths: Sequence[str | Path] | str | Path,
    db: str | Path | None = None,
    *,
    published: str | date | None = None,
    fields: dict[str, str] | None = None,
    format: str | None = None,
    workers: int = 1,
    stages: Sequence[str] | None = None,
) -> RunSummary:
    """Ingest and analyse ``paths`` with every available stage; store in ``db`` when given.

    Returns the run summary with the processed documents in ``.documents``.
    """
    from .runner import run_pipeline

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return run_pipeline(
        [str(p) for p in paths], db=db, stages=stages, analyse=True,
        options=_options(published, fields, format), workers=workers, keep_documents=True,
    )


def ingest(paths: Sequence[str | Path] | str | Path, db: str | Path | None = None, **kw) -> RunSummary:
    """Read and clean ``paths`` (no linguistic analysis); store in ``db`` when given."""
    from .runner import default_stages

    return run(paths, db, stages=default_stages(analyse=False), **kw)


def process_text(text: str, *, published: str | date | None = None, language: str | None = None) -> Document:
    """Run every available stage over one text in memory and return the Document."""
    from .ingest.base import parse_date
    from .pipeline import Pipeline
    from .runner import default_stages

    doc = Document.from_text(text, source="<text>")
    if published:
        doc.published, doc.published_source = parse_date(published), "user"
    if language:
        doc.language, doc.language_confidence = language, 1.0
    return Pipeline.from_names(default_stages(analyse=True))(doc)
