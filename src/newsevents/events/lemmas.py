"""Fallback lemmas from the lookup tables of the spacy-lookups-data package.

Our trained lemmatizer errs on rare forms ("vorgeworfen"); triggers are matched on the model's
lemma, the surface form, and this lookup lemma.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache


@lru_cache(maxsize=4)
def _supplement(lang: str) -> dict[str, str]:
    """Our own corrections to the lookup table (data/events/lemmas.<lang>.yaml)."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[1] / "data" / "events" / f"lemmas.{lang}.yaml"
    if not path.exists():
        return {}
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}


@lru_cache(maxsize=4)
def _table(lang: str) -> dict[str, str]:
    try:
        from importlib.resources import files

        path = files("spacy_lookups_data") / "data" / f"{lang}_lemma_lookup.json.gz"
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            return json.load(fh)
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}


_DE_PREFIXES = ("zurück", "gegenüber", "entgegen", "durch", "über", "unter", "nach", "fest", "frei", "ein", "aus",
                "auf", "ab", "an", "mit", "vor", "zu", "weg", "hin", "her", "um", "ver", "zer", "ent", "emp",
                "er", "be", "miss")


@lru_cache(maxsize=200_000)
def lookup_lemma(form: str, lang: str) -> str:
    """The lookup table's lemma of ``form`` (or ``form`` itself when unknown).

    German verbs with a prefix the table lacks ("erschoss") are looked up without the prefix
    and the prefix put back ("schoss" -> "schießen" -> "erschießen").
    """
    fixed = _supplement(lang).get(form.lower())
    if fixed:
        return fixed
    table = _table(lang)
    hit = table.get(form) or table.get(form.lower())
    if hit:
        return hit
    if lang == "de" and "ss" in form:  # the table keeps pre-1996 spellings ("schoß")
        hit = table.get(form.replace("ss", "ß"))
        if hit:
            return hit
    if lang == "de" and form[:1].islower():
        for p in _DE_PREFIXES:
            if form.startswith(p) and len(form) - len(p) >= 4:
                tail = form[len(p):]
                rest = table.get(tail) or table.get(tail.replace("ss", "ß"))
                if rest and rest[:1].islower():
                    return p + rest
    return form
