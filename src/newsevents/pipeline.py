"""An ordered list of stages, each a small picklable callable ``Document -> Document``.

Stages are registered by name (spaCy style) so a pipeline can be described by configuration,
and built once per worker process; heavy resources (models, knowledge bases) load lazily inside
the stage the first time it runs, so pickling a stage ships only its settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from .document import Document


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> Document: ...


_REGISTRY: dict[str, Callable[..., Stage]] = {}


def register(name: str) -> Callable[[Callable[..., Stage]], Callable[..., Stage]]:
    """Decorator: make a stage factory available to ``make_stage(name, **settings)``."""

    def deco(factory: Callable[..., Stage]) -> Callable[..., Stage]:
        _REGISTRY[name] = factory
        return factory

    return deco


def make_stage(name: str, **settings: Any) -> Stage:
    _load_builtin_stages()
    if name not in _REGISTRY:
        raise KeyError(f"unknown stage {name!r}; known: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](**settings)


def available_stages() -> list[str]:
    _load_builtin_stages()
    return sorted(_REGISTRY)


def _load_builtin_stages() -> None:
    """Import the modules that register the built-in stages (optional ones may be missing)."""
    import importlib

    for mod in (
        "newsevents.clean",
        "newsevents.langid",
        "newsevents.nlp",
        "newsevents.actors",
        "newsevents.events",
        "newsevents.resolve",
        "newsevents.quotes",
    ):
        try:
            importlib.import_module(mod)
        except ImportError:
            pass


@dataclass
class StageError:
    doc: Document
    stage: str
    error: str


@dataclass
class Result:
    """A processed document, or the stage that failed on it and why."""

    doc: Document
    error: str | None = None
    stage: str | None = None


class Pipeline:
    """Runs stages in order over documents; a failing document does not stop the others."""

    def __init__(self, stages: Iterable[Stage]):
        self.stages = list(stages)

    @classmethod
    def from_names(cls, names: Iterable[str], settings: dict[str, dict[str, Any]] | None = None):
        settings = settings or {}
        return cls(make_stage(n, **settings.get(n, {})) for n in names)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def process(self, doc: Document) -> Result:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:  # one bad document must not cost the batch
                return Result(doc, f"{type(exc).__name__}: {exc}", stage.name)
        return Result(doc)

    def pipe(self, docs: Iterable[Document], workers: int = 1, window: int = 64) -> Iterator[Result]:
        """Process documents in input order; with ``workers > 1`` over that many processes.

        Results come back in input order, so output is identical whatever ``workers`` is; at
        most ``window`` documents are in flight, so memory stays bounded on long streams.
        """
        if workers <= 1:
            for doc in docs:
                yield self.process(doc)
            return
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(self,)) as pool:
            for batch in _windows(docs, window):
                yield from pool.map(_process_in_worker, batch, chunksize=max(1, len(batch) // (workers * 4)))


def _windows(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _WORKER_PIPELINE = pipeline


def _process_in_worker(doc: Document) -> Result:
    assert _WORKER_PIPELINE is not None
    return _WORKER_PIPELINE.process(doc)
