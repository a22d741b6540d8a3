"""Language identification per document (lingua), restricted to a small set plus a catch-all.

We code German and English; a handful of other frequent news languages are in the detector so
that a French or Russian article is named as such (and skipped by language-specific stages)
instead of being forced into German or English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .document import Document
from .pipeline import register

HANDLED = ("de", "en")
CATCH_ALL = ("fr", "es", "it", "nl", "pl", "ru", "tr", "ar", "pt", "uk")
SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in HANDLED + CATCH_ALL]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and confidence (0..1) of the text's language; (None, 0.0) if unclear."""
    sample = text[:SAMPLE_CHARS]
    if not sample.strip():
        return None, 0.0
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), round(float(top.value), 4)


@register("langid")
@dataclass
class LanguageStage:
    """Sets ``doc.language`` and its confidence unless the input already said."""

    name: str = "langid"

    def __call__(self, doc: Document) -> Document:
        if doc.language is None:
            doc.language, doc.language_confidence = detect_language(doc.text or doc.raw_text)
        return doc
