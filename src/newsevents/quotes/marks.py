"""Quotation marks: pair openers with closers in every common style.

„…“ and „…” (German), »…« and «…» (German books / Swiss and French), “…” and "…" (English and
sloppy German), ‚…‘ and ‘…’ (single). The span returned is the text between the marks. A mark
opens only before a non-space and closes only after one; a single closing mark followed by a
letter is an apostrophe ("don’t"), not a closer. Quotes do not run across a blank line.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS: dict[str, str] = {
    "„": "“”\"",
    "»": "«",
    "«": "»",
    "“": "”“",
    "\"": "\"",
    "‚": "‘’",
    "‘": "’",
    "‹": "›",
    "›": "‹",
}
SINGLE = set("‚‘’'‹›")
MAX_QUOTE = 3000
OPEN_BEFORE = set(" \t\n([{/–—-:;,.")  # what may stand before an opening mark


@dataclass(frozen=True)
class Marked:
    """Text between a pair of quotation marks: [start, end) excludes the marks."""

    start: int
    end: int
    opener: str


def _can_open(text: str, i: int) -> bool:
    nxt = text[i + 1:i + 2]
    if not nxt or nxt.isspace():
        return False
    prev = text[i - 1:i]
    if text[i] in "“\"‘" and prev and prev not in OPEN_BEFORE and not prev.isspace():
        return False  # glued to a word before: a closer or an apostrophe
    return True


def _can_close(text: str, k: int, mark: str) -> bool:
    prev = text[k - 1:k]
    if not prev or prev.isspace():
        return False
    if mark in SINGLE:
        nxt = text[k + 1:k + 2]
        if nxt.isalpha():
            return False
    return True


def find_marked(text: str, max_len: int = MAX_QUOTE) -> list[Marked]:
    """All outermost quotations in ``text``, in order."""
    found: list[Marked] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        closers = OPENERS.get(c)
        if closers and _can_open(text, i):
            j = _closing(text, i, closers, max_len)
            if j is not None:
                found.append(Marked(i + 1, j, c))
                i = j + 1
                continue
        i += 1
    return found


def _closing(text: str, i: int, closers: str, max_len: int) -> int | None:
    limit = min(len(text), i + 1 + max_len)
    k = i + 1
    while k < limit:
        ch = text[k]
        if ch == "\n" and text[k + 1:k + 2] == "\n":
            return None
        if ch in closers and _can_close(text, k, ch):
            return k if k > i + 1 else None
        k += 1
    return None
