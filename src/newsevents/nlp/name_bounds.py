"""Name boundaries after the statistical NER: a name is the name, not its title or its tail.

The NER learnt partly from Wikipedia link anchors, which often take in a title or a
descriptor ("Herzog Przemysław II.", "General Rafael Carrera", "Kanton Thurgau") or run on into
a year or a preposition ("PBoC 2009", "IG Metall von"). Names in news, and the GermEval and
CoNLL guidelines, stop at the name itself. Titles and descriptors are read from
``data/nlp/name_titles_<lang>.txt``; the words before a name stay in the text, so the actor
stage still reads "General" as a role.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def titles(lang: str) -> dict[str, frozenset[str]]:
    """Label ("PER", "LOC", "ANY") -> title words (lower case) of ``name_titles_<lang>.txt``."""
    from . import _read_list

    out: dict[str, set[str]] = {}
    section = "ANY"
    for line in _read_list(f"name_titles_{lang}.txt"):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].upper()
        else:
            out.setdefault(section, set()).add(line.lower())
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _compound_heads(lang: str, label: str) -> tuple[str, ...]:
    """Titles of 5+ letters, which also count as the head of a German compound ("...leiterin")."""
    return tuple(sorted(w for w in titles(lang).get(label, ()) if len(w) >= 5 and w.isalpha()))


def _is_title(text: str, lang: str, label: str) -> bool:
    table = titles(lang)
    words = table.get(label, frozenset()) | table.get("ANY", frozenset())
    low = text.lower()
    if low in words or (low.endswith("s") and low[:-1] in words):  # "Parteichefs"
        return True
    tail = low.rsplit("-", 1)[-1]  # "Round Table-Präsident"
    if tail != low and (tail in words or tail.rstrip("s") in words):
        return True
    return lang == "de" and len(low) > 6 and low.endswith(_compound_heads(lang, label))  # "Landesstudioleiterin"


_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_tail_junk(tok) -> bool:
    """A token a name does not end on: a year ("PBoC 2009"; not "Hannover 96", "Bündnis 90",
    "TSV 1860") or a lower-case word ("IG Metall von", "Staatlichen Komitee für")."""
    text = tok.text
    return bool(_YEAR.fullmatch(text)) or (text[:1].islower() and tok.is_alpha)


def name_span(ent, lang: str) -> tuple[int, int]:
    """(start, end) token indices of the name inside the entity span."""
    from . import _LABEL_MAP  # other pipelines' labels (PERSON, GPE) read as ours

    start, end = ent.start, ent.end
    doc = ent.doc
    label = _LABEL_MAP.get(ent.label_, ent.label_)
    while end - start > 1 and _is_tail_junk(doc[end - 1]):
        end -= 1
    while (
        end - start > 1
        and _is_title(doc[start].text, lang, label)
        and doc[start + 1].text[:1].isupper()
    ):
        start += 1
    return start, end


def trim_names(doc):
    """spaCy component (after the NER): cut titles, descriptors and trailing junk off entities."""
    from spacy.tokens import Span

    lang = doc.lang_ if doc.lang_ in ("de", "en") else "de"
    ents, changed = [], False
    for ent in doc.ents:
        start, end = name_span(ent, lang)
        if (start, end) != (ent.start, ent.end):
            ent, changed = Span(doc, start, end, label=ent.label, kb_id=ent.kb_id), True
        ents.append(ent)
    if changed:
        doc.ents = ents
    return doc
