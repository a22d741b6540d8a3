"""Run readers -> pipeline -> store, in batches, and account for every input item.

Shared by the CLI and the Python API so both behave the same: per-item errors are recorded and
the batch goes on; each batch is one transaction; the summary says what was read, stored,
skipped as duplicate and failed (with reasons).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .ingest import IngestError, ReadOptions, read_inputs
from .pipeline import Pipeline, available_stages

INGEST_STAGES = ["clean", "langid"]
ANALYSIS_STAGES = ["nlp", "actors", "events", "dates", "places", "quotes", "sources"]


def default_stages(analyse: bool) -> list[str]:
    """The stage names a run uses: ingest stages, plus every analysis stage that exists."""
    known = set(available_stages())
    wanted = INGEST_STAGES + (ANALYSIS_STAGES if analyse else [])
    return [s for s in wanted if s in known]


@dataclass
class Failure:
    source: str
    record: str | None
    stage: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}#{self.record}" if self.record else self.source
        return f"{where} [{self.stage}]: {self.reason}"


@dataclass
class RunSummary:
    run_id: str | None = None
    read: int = 0
    stored: int = 0
    duplicate: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "stored": self.stored, "duplicate": self.duplicate, "failed": self.failed}


def _split_errors(items: Iterable[Document | IngestError], errors: list[IngestError]) -> Iterator[Document]:
    for item in items:
        if isinstance(item, IngestError):
            errors.append(item)
        else:
            yield item


def run_pipeline(
    paths: Sequence[str],
    *,
    db: str | Path | None = None,
    stages: Sequence[str] | None = None,
    analyse: bool = True,
    options: ReadOptions | None = None,
    workers: int = 1,
    batch_size: int = 50,
    keep_documents: bool = False,
    replace: bool = False,
    command: str = "run",
    on_progress: Callable[[RunSummary], None] | None = None,
    stage_settings: dict[str, dict] | None = None,
) -> RunSummary:
    """Read ``paths``, run the stages, store the results in ``db`` (if given); return the summary.

    ``stage_settings``: per stage name, keyword settings for its factory
    (e.g. ``{"actors": {"extra": ("my.actors.txt",)}}``).
    """
    from .store import Store

    options = options or ReadOptions()
    names = list(stages) if stages is not None else default_stages(analyse)
    pipeline = Pipeline.from_names(names, stage_settings)
    summary = RunSummary()
    store = Store(db) if db is not None else None
    if store is not None:
        summary.run_id = store.start_run(
            command,
            {"paths": list(paths), "workers": workers, "fields": options.fields, "published": options.published},
            names,
        )
    read_errors: list[IngestError] = []
    batch: list[Document] = []
    batch_failures: list[Failure] = []

    def flush() -> None:
        nonlocal batch, batch_failures
        for e in read_errors:
            batch_failures.append(Failure(e.source, e.record, e.stage, e.reason))
        summary.read += len(read_errors)
        read_errors.clear()
        if store is not None:
            rows = [(f.source, f.record, f.stage, f.reason) for f in batch_failures]
            stored, dupes = store.write_batch(batch, rows, summary.run_id or "", replace=replace)
        else:
            stored, dupes = batch, []
        summary.stored += len(stored)
        summary.duplicate += len(dupes)
        summary.failed += len(batch_failures)
        summary.failures += batch_failures
        if keep_documents:
            summary.documents += stored if store is not None else batch
        batch, batch_failures = [], []
        if on_progress:
            on_progress(summary)

    status = "failed"
    try:
        docs = _split_errors(read_inputs(paths, options), read_errors)
        for result in pipeline.pipe(docs, workers=workers):
            summary.read += 1
            if result.error:
                d = result.doc
                batch_failures.append(Failure(d.source, d.record, result.stage or "?", result.error))
                # keep what the earlier stages produced; a later run completes the article
                d.meta["incomplete_stage"], d.meta["error"] = result.stage, result.error
                batch.append(d)
            else:
                batch.append(result.doc)
            if len(batch) + len(batch_failures) >= batch_size:
                flush()
            elif on_progress:
                on_progress(summary)
        flush()
        status = "ok" if summary.ok else "partial"
    finally:
        if store is not None:
            store.finish_run(summary.run_id or "", summary.counts(), status)
            store.close()
    return summary
