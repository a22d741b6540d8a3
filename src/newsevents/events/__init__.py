"""Event coding: the PLOVER coder stage (triggers, roles, flags, modes, evidence)."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Document
from ..pipeline import register
from .coder import Coder

__all__ = ["Coder", "EventStage"]


@register("events")
@dataclass
class EventStage:
    """Fills ``doc.events`` from sentences (nlp stage) and actor entities (actors stage)."""

    name: str = "events"

    def __post_init__(self) -> None:
        self._coders: dict[str, Coder] = {}

    def __getstate__(self) -> dict:
        return {"name": self.name}

    def __setstate__(self, state: dict) -> None:
        self.name = state["name"]
        self._coders = {}

    def __call__(self, doc: Document) -> Document:
        lang = doc.language if doc.language in ("de", "en") else "de"
        if lang not in self._coders:
            self._coders[lang] = Coder(lang)
        doc.events = self._coders[lang].code(doc)
        return doc
