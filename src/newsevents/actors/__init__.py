"""Actors: the knowledge base and the resolver stage that codes mentions as country + sector.

The stage adds ``Entity`` objects to ``doc.entities``: label ``ACTOR`` (an actor mention) or
``PLACE`` (a state, capital or region named as the place of an event), each with ``code``
(ISO3 or UNO/EUR/IGO/NGO/ISM/IMG/MNC), ``sector`` (PLOVER), ``name``, ``kb_id``, ``confidence``
and the ``rule`` that produced it.

User dictionaries (PETRARCH/Phoenix actor or agent files) are added with
``ActorStage(extra=("my.actors.txt",))`` - the plumbing behind ``newsevents run --actors FILE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Document
from ..pipeline import register
from .kb import ActorKB, default_kb, load_kb, load_kb_cached
from .resolver import ActorResolver

__all__ = ["ActorKB", "ActorResolver", "ActorStage", "default_kb", "load_kb", "load_kb_cached"]


def _paths(extra: str | Iterable[str] | None) -> tuple[str, ...]:
    if not extra:
        return ()
    if isinstance(extra, str):
        return (extra,)
    return tuple(str(p) for p in extra)


@register("actors")
@dataclass
class ActorStage:
    """Adds ACTOR (and PLACE) entities to ``doc.entities``.

    ``extra``: paths of PETRARCH/Phoenix actor or agent dictionaries to add to the shipped
    knowledge base (``--actors FILE``); ``langs``: the knowledge-base languages to load.
    The knowledge base loads lazily, once per process (from the compiled cache when it can).
    """

    name: str = "actors"
    extra: tuple[str, ...] = field(default_factory=tuple)
    langs: tuple[str, ...] = ("de", "en")

    def __post_init__(self) -> None:
        self.extra = _paths(self.extra)
        self.langs = tuple(self.langs)
        self._resolver: ActorResolver | None = None

    def __getstate__(self) -> dict:
        return {"name": self.name, "extra": self.extra, "langs": self.langs}

    def __setstate__(self, state: dict) -> None:
        self.name = state["name"]
        self.extra = _paths(state.get("extra"))
        self.langs = tuple(state.get("langs") or ("de", "en"))
        self._resolver = None

    @property
    def resolver(self) -> ActorResolver:
        if self._resolver is None:
            self._resolver = ActorResolver(default_kb(self.langs, self.extra))
        return self._resolver

    def __call__(self, doc: Document) -> Document:
        doc.entities = [e for e in doc.entities if e.label not in ("ACTOR", "PLACE")]
        doc.entities += self.resolver.resolve(doc)
        return doc
