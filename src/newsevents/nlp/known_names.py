"""Organisation names the statistical NER missed, from our own actor knowledge base.

The NER learnt ORG from few examples and misses well-known organisations it never saw ("Reuters",
"Airbus", "Der Tagesspiegel"). The knowledge base (``data/actors/organisations.yaml``, written by
hand for the actor stage) lists them with their abbreviations and marks names that are also
ordinary words (``ambiguous``: "Bild", "Zeit"). This component, after the NER, labels exact
matches of those names ORG wherever the NER found no entity. Only capitalised names count, no
name that starts or ends with a person's title ("UN-Generalsekretär" is an office, not an
organisation), and a name that begins with an article not at the start of a sentence.
"""

from __future__ import annotations

from functools import cache

from .name_bounds import titles

_CONNECTORS = frozenset({"der", "die", "das", "des", "für", "am", "im", "und", "of", "the", "and",
                         "for", "de", "la", "du", "del", "al", "e", "y"})
_ARTICLES = frozenset({"Der", "Die", "Das", "The"})


def _is_name(words: list[str], person_titles: frozenset[str]) -> bool:
    """Capitalised words (connectors aside) that neither start nor end in a person's title."""
    if not words or not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w in _CONNECTORS for w in words):
        return False
    if words[0].lower() in person_titles:  # "Generalsekretär der Vereinten Nationen"
        return False
    return words[-1].lower().rsplit("-", 1)[-1] not in person_titles  # "UN-Generalsekretär"


@cache
def organisation_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the organisation names (as word tuples, longest first) starting with it.

    Names are checked against the person titles of their own language ("General" is a title in
    German, not in "General Assembly"); names the knowledge base marks ambiguous are left out."""
    from ..actors.kb import norm, organisation_entries

    person_titles = {lang: frozenset(w.rstrip(".") for w in titles(lang).get("PER", ())) for lang in ("de", "en")}
    names: set[tuple[str, ...]] = set()
    for org in organisation_entries():
        forms = [(n, person_titles.get(lang, frozenset())) for lang, lst in org.names.items() for n in lst]
        forms += [(a, frozenset()) for a in org.abbreviations if len(a) >= 2]
        for form, lang_titles in forms:
            words = form.split()
            if norm(form) not in org.ambiguous and _is_name(words, lang_titles):
                names.add(tuple(words))
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        index.setdefault(name[0], []).append(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def add_known_organisations(doc):
    """spaCy component (after the NER): known organisation names the NER left unlabelled -> ORG."""
    from spacy.tokens import Span

    index = organisation_names()
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    words = [t.text for t in doc]
    added = []
    i = 0
    while i < len(words):
        hit = 0
        for name in index.get(words[i], ()):
            n = len(name)
            if n > 1 and name[0] in _ARTICLES and (i == 0 or doc[i].is_sent_start):
                continue  # "Die Welt schaut ...", "The National Guard": an article starts the sentence
            if tuple(words[i:i + n]) == name and not any(k in taken for k in range(i, i + n)):
                hit = n
                break
        if hit:
            added.append(Span(doc, i, i + hit, label="ORG"))
            i += hit
        else:
            i += 1
    if added:
        doc.ents = sorted([*doc.ents, *added], key=lambda e: e.start)
    return doc
