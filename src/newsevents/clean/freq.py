"""Cached word frequencies (wordfreq Zipf scale, 0 = unknown, 7 = the commonest words).

A plain alphabetic word is looked up directly in wordfreq's frequency table (the same table
``zipf_frequency`` reads, minus its tokenizer, which dominates the cost); anything else goes
through ``zipf_frequency``. wordfreq is imported on first use.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

_SIMPLE = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=8)
def _table(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    try:
        return get_frequency_dict(lang, wordlist="best")
    except (LookupError, ValueError):
        return {}


@lru_cache(maxsize=400_000)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang`` (cached; unsupported languages give 0)."""
    if _SIMPLE.fullmatch(word):
        f = _table(lang).get(word.casefold(), 0.0)
        return round(math.log10(f) + 9, 2) if f > 0 else 0.0
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except (LookupError, ValueError):
        return 0.0
