"""Photo credits, captions and agency attributions.

A credit is a short run of units joined by "/", "|", "," or " via ": agency names, pool and
stock words, photographer names ("Sputnik/Alexander Kazakov/Pool via REUTERS"). A caption is
a short line that ends with a credit. An attribution names the agencies or authors a story
comes from: "(mit Informationen von AP)", "(dpa/AFP)", "(APA, 17.6.2024)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .resources import Resources

MAX_CREDIT = 130  # characters
MAX_UNITS = 7

_UNIT_SPLIT = re.compile(r"\s*(?:/|\||\\)\s*|\s+via\s+|\s*,\s*|\s+[-–]\s+", re.IGNORECASE)
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĘĚĞŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
# a name word: "Kazakov", "METZEL", "Ennis-Hill", "O'Neill", or an initial "J." / "Ch."
_NAME_WORD = rf"[{_UPPER}](?:[\w'’\-]*|[a-z]?\.)"
_PARTICLE = (
    r"(?:von|van|vom|de|der|den|du|da|di|del|della|dos|das|do|la|le|al|el|bin|ibn|zu|ten|ter|y)"
)
# photographer in a credit: "Alexander Kazakov", "MIKHAIL METZEL", "Maria von Usslar"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE}))*")
# author in an attribution may add a place or outlet: "André Ballin aus Moskau", "Bild am Sonntag"
_AUTHOR = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE}|am|im|an|auf|aus|in))*")
_DATE = re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}")
_INITIALS = re.compile(r"[a-zäöü]{2,5}\.?(?:-[a-zäöü]{1,5})?")
_SHORT_INITIALS = re.compile(r"[a-zäöü]{2,3}")  # "(est)", "(red)": enough alone at the very end
_ITEM_SPLIT = re.compile(r"\s*(?:[,;/&+]|\s[–—-]\s|\bund\b|\band\b)\s*")
_ITEM_LABEL = re.compile(
    r"(?:text|video|mitarbeit|recherche|autor|autorin)\s*:\s*", re.IGNORECASE
)
_BARE_WORD = re.compile(rf"[{_UPPER}][a-zß-ÿ]+")  # one capitalised word, no acronym
_ITEM_DATE_TAIL = re.compile(r"(.+?)\s+(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})$")
# where a credit may start inside a line: after a sentence end, or after a separator (where
# a lone agency name is more likely a site name: "Krieg in der Ukraine - Reuters")
_SENTENCE_END = re.compile(r"(?<=[.!?…:;)\]“”\"»«])\s+")
_TRAILING_SEPARATOR = re.compile(r"(?:\s|[|•·/]|\s[–—-])+$")
_SEPARATOR = re.compile(r"\s+[|•·]\s+|\s+[–—-]\s+")
_REPORTING_LINE = re.compile(
    r"\(?\s*(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing|compiled|research|"
    r"mitarbeit|recherche)\s*(?:by|von|:)\s+\S.*",
    re.IGNORECASE,
)
# "... sagte er. (dpa)", also with Deutsche Welle style editor marks: "... heute. qu/sti (dpa, afp)"
_TRAILING_PAREN = re.compile(
    r"(?:(?<=[.!?…\"“”»«])\s+[A-Za-z]{1,4}(?:/[A-Za-z]{1,4})+)?\s*\(([^()\n]{1,100})\)$"
)
_DATELINE = re.compile(
    rf"[{_UPPER}][^()\n]{{0,60}}?\s*\(([^()\n]{{2,60}})\)\s*[-–—:]+\s"
)


@dataclass
class Credit:
    """A credit found at the end of a line: its text, its raw-relative position and agencies."""

    text: str
    start: int  # offset in the line where the credit text starts (after any prefix)
    caption_end: int  # offset in the line where the caption text ends
    agencies: tuple[str, ...]
    has_names: bool
    has_prefix: bool


def agency_of(unit: str, res: Resources) -> str | None:
    """Normalised agency name for a whole unit ("dpa", "AP Photo", "EPA-EFE" -> EPA), if any."""
    key = unit.casefold()
    name = res.agency_alias.get(key)
    if name is None and "-" in key:
        name = res.agency_alias.get(key.split("-", 1)[0])
    return name


def _unit_agencies(unit: str, res: Resources) -> tuple[list[str], bool] | None:
    """Agencies named by a credit unit and whether it is a credit word; None if it is neither.

    Handles multi-word units such as "KREMLIN POOL" or "AFP Photo": every word must then be an
    agency spelling or a credit word.
    """
    name = agency_of(unit, res)
    if name:
        return [name], True
    if unit.casefold() in res.credit_words:
        return [], True
    words = unit.split()
    if len(words) > 1:
        found: list[str] = []
        for w in words:
            a = agency_of(w, res)
            if a:
                found.append(a)
            elif w.casefold() not in res.credit_words:
                return None
        return found, True
    return None


def parse_credit(
    s: str, res: Resources, *, lone_agency: bool = True
) -> tuple[str, int, tuple[str, ...], bool, bool] | None:
    """If ``s`` (stripped) is a credit: (credit text, its offset in s, agencies, has_names,
    has_prefix); else None. Parenthesised credits need a prefix or a photographer name, since
    "(dpa)" alone is an attribution, not a photo credit; ``lone_agency=False`` refuses a bare
    single agency name too."""
    lead = len(s) - len(s.lstrip())
    body = s.strip()
    off = lead
    paren = body[:1] in "([" and body[-1:] in ")]"
    if paren:
        body = body[1:-1]
        off += 1
    m = res.credit_prefix.match(body)
    has_prefix = m is not None
    if m:
        body = body[m.end():]
        off += m.end()
    core = body.rstrip(" /|\\")
    if not core or len(core) > MAX_CREDIT:
        return None
    units = [u for u in _UNIT_SPLIT.split(core) if u]
    if not units or len(units) > MAX_UNITS:
        return None
    agencies: list[str] = []
    creditish = 0
    names = 0
    for u in units:
        got = _unit_agencies(u, res)
        if got is not None:
            agencies.extend(got[0])
            creditish += 1
        elif len(u) <= 40 and _NAME.fullmatch(u):
            names += 1
        else:
            return None
    if creditish == 0 and not (has_prefix and names):
        return None
    if not has_prefix and len(units) == 1 and (paren or not agencies or not lone_agency):
        return None
    if paren and not has_prefix and names == 0:
        return None
    return body.rstrip(), off, tuple(dict.fromkeys(agencies)), names > 0, has_prefix


def find_credit(line: str, res: Resources) -> Credit | None:
    """The credit a line ends with (the longest that parses), or None."""
    tail_from = max(0, len(line) - MAX_CREDIT - 20)
    if not res.credit_hint.search(line, tail_from):
        return None
    starts = {0: True}
    starts.update((m.end(), True) for m in _SENTENCE_END.finditer(line, tail_from))
    starts.update((m.start(), True) for m in res.credit_prefix.finditer(line, tail_from))
    for m in _SEPARATOR.finditer(line, tail_from):
        starts.setdefault(m.end(), False)
    for p in sorted(starts):
        if len(line) - p > MAX_CREDIT + 10:
            continue
        got = parse_credit(line[p:], res, lone_agency=starts[p])
        if got is None:
            continue
        text, off, agencies, names, prefix = got
        caption_end = len(_TRAILING_SEPARATOR.sub("", line[:p]))
        return Credit(text, p + off, caption_end, agencies, names, prefix)
    return None


def parse_attribution(
    s: str, res: Resources, *, allow_marks_only: bool = False
) -> tuple[str, ...] | None:
    """Agencies named by an attribution such as "mit Informationen von AP", "dpa/AFP" or
    "APA, 17.6.2024"; None if ``s`` is not an attribution.

    Author names or initials count only together with an agency or a date ("Renate Graber,
    10.5.2016"); initials alone ("est") only where ``allow_marks_only`` (end of an article).
    """
    body = s.strip()
    if res.credit_prefix.match(body):
        return None  # "(Foto: picture alliance/Kyodo)" is a photo credit
    m = res.attribution_intro.match(body)
    intro = m is not None
    byline = intro and body[:4].casefold() == "von "
    if m:
        body = body[m.end():]
    if not body:
        return None
    items: list[str] = []
    for it in _ITEM_SPLIT.split(body):
        it = _ITEM_LABEL.sub("", it, count=1)
        m2 = _ITEM_DATE_TAIL.fullmatch(it)
        items.extend(m2.groups() if m2 else [it] if it else [])
    if not items:
        return None
    agencies: list[str] = []
    dated = marks = names = 0
    initials_only = all(_INITIALS.fullmatch(it) for it in items) and (
        len(items) > 1 or _SHORT_INITIALS.fullmatch(items[0]) is not None
    )
    for it in items:
        a = agency_of(it, res)
        if a:
            agencies.append(a)
        elif _DATE.fullmatch(it):
            dated += 1
        elif it.casefold() in res.house_marks or _INITIALS.fullmatch(it):
            marks += 1
        elif len(it) <= 60 and _AUTHOR.fullmatch(it) and not (byline and _BARE_WORD.fullmatch(it)):
            names += 1  # a byline names people or outlets ("Von Jan Kupitz, NDR"), not "Risiken"

        else:
            return None
    if agencies:
        return tuple(dict.fromkeys(agencies))
    if dated and (marks or names):
        return ()
    if intro and names:
        return ()
    if allow_marks_only and initials_only:
        return ()
    return None


def attribution_line(text: str, res: Resources) -> tuple[str, ...] | None:
    """Agencies if a whole line is an attribution: "(Reuters)", "(mit Informationen von AP)",
    "Mit Material von dpa", "Reporting by Jane Doe; Editing by John Smith"."""
    if text[:1] == "(" and text[-1:] == ")":
        got = parse_attribution(text[1:-1], res)
        if got is not None:
            return got
    if len(text) <= 300 and _REPORTING_LINE.fullmatch(text):
        return ()
    m = res.attribution_intro.match(text)
    if m and len(text) <= 120:
        return parse_attribution(text, res)
    return None


def trailing_attribution(
    text: str, res: Resources, *, last: bool
) -> tuple[int, str, tuple[str, ...]] | None:
    """An attribution in parentheses ending a body paragraph ("... sagte er. (dpa)"):
    (offset where the attribution starts, the attribution, agencies), or None."""
    m = _TRAILING_PAREN.search(text)
    if not m:
        return None
    before = text[: m.start()]
    sentence_end = not before or re.search(r"[.!?…\"“”»«]$", before) is not None
    agencies = parse_attribution(m.group(1), res, allow_marks_only=last and sentence_end)
    if agencies is None:
        return None
    if not sentence_end and not agencies and not _DATE.search(m.group(1)):
        return None  # mid-sentence "(Reuters)" needs an agency or a date to count
    tail = text[m.start():]
    return m.start() + len(tail) - len(tail.lstrip()), tail.strip(), agencies


def dateline_agencies(text: str, res: Resources) -> tuple[str, ...]:
    """Agencies of a dateline opening a paragraph: "Berlin (dpa) -", "WASHINGTON (Reuters) -"."""
    m = _DATELINE.match(text)
    if not m:
        return ()
    inner = parse_attribution(m.group(1), res)
    return inner or ()
