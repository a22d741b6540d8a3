"""Scraped-text repair: drop navigation and boilerplate, set captions, photo credits and
agency attributions apart, collapse repeats, and mend glued words and quote spacing, with an
exact map from clean offsets back to the raw text.

Patterns and word lists live in ``newsevents/data/clean/`` (YAML).
"""

from .core import CleanResult, clean_text, guess_lang
from .stage import CleanStage

__all__ = ["CleanResult", "CleanStage", "clean_text", "guess_lang"]
