"""The ``clean`` pipeline stage: fills a Document's clean text and cleaning findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..document import Document
from ..pipeline import register
from .core import clean_text


@register("clean")
@dataclass
class CleanStage:
    """Cleans ``doc.raw_text`` into ``doc.text`` and records what was set apart or changed.

    Holds only settings, so it pickles cheaply; word lists and word frequencies load lazily on
    first use in each process. ``lang`` is the fallback when the document has no language.
    """

    name: ClassVar[str] = "clean"
    lang: str | None = None
    repair_glued: bool = True

    def __call__(self, doc: Document) -> Document:
        lang = doc.language or self.lang
        r = clean_text(doc.raw_text or "", lang, repair_glued=self.repair_glued)
        doc.text = r.text
        doc.paragraphs = r.paragraphs
        doc.captions = r.captions
        doc.credits = r.credits
        doc.attribution = r.attribution
        doc.agencies = r.agencies
        doc.removed = r.removed
        doc.changes = r.changes
        doc.offsets = r.offsets
        return doc
