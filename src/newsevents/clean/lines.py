"""Splitting raw text into lines with offsets, and recognising lines that are not body text:
separators, navigation and page furniture, and repeats of earlier lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .resources import LinePattern

# Whitespace the cleaner strips at line ends: Unicode spaces plus invisible format characters
# that scrapers leave behind (zero-width space, BOM, word joiner, soft hyphen).
_EDGE = " \t\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u202f\u205f\u3000\u00ad\u200b\u200c\u200d\u2060\ufeff"

MIN_FAR_DUPLICATE = 20  # shorter lines count as duplicates only when directly repeated


@dataclass
class Line:
    """One non-empty line of the raw text, stripped; ``start``/``end`` are raw offsets."""

    start: int
    end: int
    text: str
    block: int  # index of the blank-line separated block the line is in
    # body | separator | boilerplate | duplicate | caption | credit | attribution
    kind: str = "body"
    why: str = ""
    caption: str = ""  # for kind caption: the caption text
    caption_end: int = 0  # raw offset where the caption text ends
    credit: str = ""  # for kind caption/credit: the credit text
    credit_start: int = 0  # raw offset of the credit
    agencies: tuple[str, ...] = ()
    has_names: bool = False  # the credit names a photographer
    has_prefix: bool = False  # the credit is introduced by "Foto:", "©" ...


def split_lines(raw: str) -> list[Line]:
    """Non-empty lines of ``raw`` with raw offsets; blank lines only advance the block index."""
    lines: list[Line] = []
    block = 0
    pos = 0
    n = len(raw)
    blank_run = False
    while pos <= n:
        nl = raw.find("\n", pos)
        end = n if nl < 0 else nl
        s, e = pos, end
        while s < e and raw[s] in _EDGE:
            s += 1
        while e > s and raw[e - 1] in _EDGE:
            e -= 1
        if s < e:
            if blank_run and lines:
                block += 1
            blank_run = False
            lines.append(Line(s, e, raw[s:e], block))
        else:
            blank_run = True
        if nl < 0:
            break
        pos = nl + 1
    return lines


def normalise_line(text: str) -> str:
    """Key for duplicate detection: whitespace runs collapsed."""
    return " ".join(text.split())


def match_line(text: str, patterns: tuple[LinePattern, ...]) -> LinePattern | None:
    """The first pattern that matches the whole line, if the line is short enough for it."""
    for p in patterns:
        if len(text) <= p.max_len and p.regex.fullmatch(text):
            return p
    return None


def mark_duplicates(lines: list[Line]) -> None:
    """Mark lines that repeat an earlier line (whitespace-normalised).

    Long lines are duplicates wherever the first copy was; short ones ("Ja.", "-") only when
    they directly repeat the previous line, since short lines may legitimately recur.
    """
    seen: dict[str, int] = {}
    prev_key = None
    for i, line in enumerate(lines):
        key = normalise_line(line.text)
        first = seen.get(key)
        if first is not None and (len(key) >= MIN_FAR_DUPLICATE or key == prev_key):
            line.kind = "duplicate"
            line.why = f"repeats the line at raw offset {lines[first].start}"
        elif first is None:
            seen[key] = i
        prev_key = key


_WRAP_END = re.compile(r"[.!?:;\"“”»«)\]…'’]$")


def is_wrapped(prev: str, nxt: str) -> bool:
    """True if ``nxt`` continues the sentence of ``prev`` (a hard-wrapped paragraph)."""
    return not _WRAP_END.search(prev) and nxt[:1].islower()
