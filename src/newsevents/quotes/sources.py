"""Article sources: news agencies (credits, attribution lines, datelines, agencies named in the
text as sources or listeners) and the outlet (from the URL host).

Agency spellings come from the cleaner's list (``data/clean/agencies.yaml``, read only) plus
``data/quotes/agencies.yaml``. Short spellings (up to four letters: "AP", "dpa") must match
exactly as written; longer ones ignore case. ``doc.meta["agency_sources"]`` says where each
agency was seen: credit | attribution | dateline | text | quote.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import yaml

from ..document import Document
from .assertions import article_voice

DATA = Path(__file__).resolve().parent.parent / "data"
_DATELINE = re.compile(r"^[^\S\n]*(?:[A-ZÄÖÜ][\w .,/'-]{0,60}?[^\S\n]*)?\(([^()\n]{2,60})\)[^\S\n]*[-–—:]+\s")
_SPLIT = re.compile(r"\s*(?:/|,|;|\||\bund\b|\band\b|&|\+)\s*")


def _load(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {}


@lru_cache(maxsize=1)
def spellings() -> dict[str, str]:
    """Spelling as written -> normalised agency name (the normalised name spells itself too)."""
    out: dict[str, str] = {}
    for path in (DATA / "clean" / "agencies.yaml", DATA / "quotes" / "agencies.yaml"):
        for name, spells in (_load(path).get("agencies") or {}).items():
            name = str(name)
            for sp in [name, *(spells or [])]:
                out.setdefault(str(sp), name)
    return out


@lru_cache(maxsize=1)
def agency_alias() -> dict[str, str]:
    """Casefolded spelling -> normalised name (for exact unit look-ups)."""
    return {k.casefold(): v for k, v in spellings().items()}


@lru_cache(maxsize=1)
def _agency_regex() -> re.Pattern[str]:
    names = sorted(spellings(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names if n)
    return re.compile(rf"(?<![\w-])({alt})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _agency_nouns() -> re.Pattern[str]:
    nouns = _load(DATA / "quotes" / "agencies.yaml").get("agency_nouns") or []
    alt = "|".join(re.escape(str(n)) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\s+((?:[A-ZÄÖÜ][\w-]*)(?:\s+[A-ZÄÖÜ][\w-]*){{0,2}})")


def agencies_in(text: str) -> list[str]:
    """Agencies named anywhere in a short text ("The Associated Press", "der APA", "AFP/dpa")."""
    table = spellings()
    folded = agency_alias()
    found: list[str] = []
    for m in _agency_regex().finditer(text):
        got = m.group(1)
        if len(got) <= 4:
            name = table.get(got)
        else:
            name = folded.get(got.casefold())
        if name and name not in found:
            found.append(name)
    return found


def dateline_agencies(text: str) -> list[str]:
    """Agencies of a dateline opening the text or a paragraph: "WASHINGTON (Reuters) -"."""
    found: list[str] = []
    for para in text.split("\n"):
        m = _DATELINE.match(para)
        if not m:
            continue
        for unit in _SPLIT.split(m.group(1)):
            name = spellings().get(unit) or (agency_alias().get(unit.casefold()) if len(unit) > 4 else None)
            if name and name not in found:
                found.append(name)
    return found


def text_agencies(text: str) -> list[str]:
    """Agencies introduced as such in running text: "die Nachrichtenagentur AFP", "news agency Yonhap"."""
    found: list[str] = []
    for m in _agency_nouns().finditer(text):
        for name in agencies_in(m.group(1)) or _acronym(m.group(1)):
            if name not in found:
                found.append(name)
    return found


def _acronym(words: str) -> list[str]:
    first = words.split()[0]
    return [first] if 2 <= len(first) <= 8 and first.isupper() and first.isalpha() else []


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else "//" + url).hostname or ""
    host = host.lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def complete_sources(doc: Document) -> None:
    """Complete ``doc.agencies`` and ``doc.outlet``; refresh the article voice of events."""
    seen: dict[str, set[str]] = {}

    def add(names: list[str] | tuple[str, ...], how: str) -> None:
        for n in names:
            seen.setdefault(n, set()).add(how)

    add(list(doc.agencies), "cleaner")
    for credit in doc.credits:
        add(agencies_in(credit), "credit")
    for line in doc.attribution:
        add(agencies_in(line), "attribution")
    add(dateline_agencies(doc.text), "dateline")
    if doc.raw_text and doc.raw_text is not doc.text:
        add(dateline_agencies(doc.raw_text[:2000]), "dateline")
    add(text_agencies(doc.text), "text")
    for q in doc.quotes:
        if q.speaker is not None:
            add(agencies_in(q.speaker.text), "quote")
        if q.addressee:
            add(agencies_in(q.addressee), "quote")
    doc.agencies = list(dict.fromkeys([*doc.agencies, *seen]))
    doc.meta["agency_sources"] = {n: sorted(h) for n, h in seen.items()}
    if not doc.outlet:
        doc.outlet = outlet_from_url(doc.url)
    voice = article_voice(doc)
    for ev in doc.events:
        if ev.asserted_by and ev.asserted_by.get("kind") == "article":
            ev.asserted_by = voice
