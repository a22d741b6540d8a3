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
    second_opinion: bool | None = None  # None: on unless NEWSEVENTS_SECOND_OPINION=0

    def __post_init__(self) -> None:
        self._coders: dict[str, Coder] = {}
        self._clf = None

    def __getstate__(self) -> dict:
        return {"name": self.name, "second_opinion": self.second_opinion}

    def __setstate__(self, state: dict) -> None:
        self.name, self.second_opinion = state["name"], state.get("second_opinion")
        self._coders = {}
        self._clf = None

    def _use_second_opinion(self) -> bool:
        import os

        if self.second_opinion is not None:
            return self.second_opinion
        return os.environ.get("NEWSEVENTS_SECOND_OPINION", "1") != "0"

    def __call__(self, doc: Document) -> Document:
        lang = doc.language if doc.language in ("de", "en") else "de"
        if lang not in self._coders:
            self._coders[lang] = Coder(lang)
        doc.events = self._coders[lang].code(doc)
        triggered = set(doc.meta.pop("_triggered_sentences", []))
        if self._use_second_opinion():
            from .classifier import default_classifier
            from .second_opinion import apply_second_opinion

            apply_second_opinion(doc, default_classifier(), triggered=triggered)
        return doc
