"""Actors: the knowledge base and the resolver stage that codes mentions as country + sector."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..pipeline import register
from .kb import ActorKB, default_kb, load_kb
from .resolver import ActorResolver

__all__ = ["ActorKB", "ActorResolver", "ActorStage", "default_kb", "load_kb"]


@register("actors")
@dataclass
class ActorStage:
    """Adds ACTOR (and PLACE) entities to ``doc.entities``; extra dictionaries via ``extra``."""

    name: str = "actors"
    extra: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        self._resolver: ActorResolver | None = None

    def __getstate__(self) -> dict:
        return {"name": self.name, "extra": self.extra}

    def __setstate__(self, state: dict) -> None:
        self.name, self.extra = state["name"], tuple(state["extra"])
        self._resolver = None

    def __call__(self, doc: Document) -> Document:
        if self._resolver is None:
            self._resolver = ActorResolver(default_kb(("de", "en"), tuple(self.extra)))
        doc.entities = [e for e in doc.entities if e.label not in ("ACTOR", "PLACE")]
        doc.entities += self._resolver.resolve(doc)
        return doc
