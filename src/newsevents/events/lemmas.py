"""Fallback lemmas from the lookup tables of the spacy-lookups-data package.

Our trained lemmatizer errs on rare forms ("vorgeworfen"); triggers are matched on the model's
lemma, the surface form, and this lookup lemma.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache


@lru_cache(maxsize=4)
def _table(lang: str) -> dict[str, str]:
    try:
        from importlib.resources import files

        path = files("spacy_lookups_data") / "data" / f"{lang}_lemma_lookup.json.gz"
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            return json.load(fh)
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}


@lru_cache(maxsize=200_000)
def lookup_lemma(form: str, lang: str) -> str:
    """The lookup table's lemma of ``form`` (or ``form`` itself when unknown)."""
    table = _table(lang)
    return table.get(form) or table.get(form.lower()) or form
