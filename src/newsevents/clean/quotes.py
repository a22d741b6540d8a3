"""Spacing around quotation marks: a closing mark glued to the next word
("Dokumente“einschließlich") or an opening mark glued to the previous one ("sagte„Das").

Marks are paired left to right so the ambiguous “ is read as a German closer after „ and as an
English opener otherwise; straight quotes are handled only when their count is even, and a
straight quote after a digit is an inch or second sign, not a quotation mark.
"""

from __future__ import annotations

import re

from ..document import Change
from .builder import Edit

_LOW9 = "\u201e"  # „
_LEFT_DOUBLE = "\u201c"  # “ (German closer, English opener)
_RIGHT_DOUBLE = "\u201d"  # ”
_GUILLEMETS = "\u00bb\u00ab"  # » «
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_QUOTE_RE = re.compile(f"[{_LOW9}{_LEFT_DOUBLE}{_RIGHT_DOUBLE}{_GUILLEMETS}\"]")


def _roles(text: str) -> list[tuple[int, str]]:
    """(position, 'open'|'close') for each double quotation mark whose role is clear.

    A straight quote right after an open „ closes it (mixed styles: „Bubble"); the other
    straight quotes alternate open/close only if there is an even number of them.
    """
    marks = [(m.start(), m.group()) for m in _QUOTE_RE.finditer(text)]
    out: list[tuple[int, str]] = []
    stack: list[str] = []  # the closers expected, innermost last
    loose: list[int] = []  # straight quotes not closing a „
    german_guillemets: bool | None = None
    for i, c in marks:
        if c == _LOW9:
            out.append((i, "open"))
            stack.append(_LEFT_DOUBLE + _RIGHT_DOUBLE + '"')
        elif c == _LEFT_DOUBLE:
            if stack and _LEFT_DOUBLE in stack[-1]:
                stack.pop()
                out.append((i, "close"))
            else:
                out.append((i, "open"))
                stack.append(_RIGHT_DOUBLE)
        elif c == _RIGHT_DOUBLE:
            if stack and _RIGHT_DOUBLE in stack[-1]:
                stack.pop()
                out.append((i, "close"))
        elif c in _GUILLEMETS:
            if german_guillemets is None:
                german_guillemets = c == "\u00bb"
            opener = "\u00bb" if german_guillemets else "\u00ab"
            out.append((i, "open" if c == opener else "close"))
        elif i and text[i - 1].isdigit():
            continue  # 12" display, 52°31'3"N
        elif stack and '"' in stack[-1]:
            stack.pop()
            out.append((i, "close"))
        else:
            loose.append(i)
    if len(loose) % 2 == 0:
        out.extend((i, "open" if n % 2 == 0 else "close") for n, i in enumerate(loose))
    return out


def _letter_at(text: str, i: int, step: int) -> bool:
    """Is the first visible character from ``i`` (moving by ``step``) a letter? Invisible
    characters (soft hyphen, zero-width space) are dropped by the cleaner, so skip them."""
    while 0 <= i < len(text) and text[i] in _INVISIBLE:
        i += step
    return 0 <= i < len(text) and text[i].isalpha()


def quote_edits(text: str, base: int) -> list[Edit]:
    """Spaces to insert next to quotation marks glued to a word (``text`` starts at ``base``).

    Only a mark with a letter on both sides needs a space ("Dokumente“einschließlich"); its
    role (opening or closing) decides on which side the space goes."""
    glued = [
        m.start() for m in _QUOTE_RE.finditer(text)
        if _letter_at(text, m.start() - 1, -1) and _letter_at(text, m.start() + 1, 1)
    ]
    if not glued:
        return []
    roles = dict(_roles(text))
    edits: list[Edit] = []
    for i in glued:
        role = roles.get(i)
        if role == "open":
            at = i
        elif role == "close":
            if text[i + 1] == "s" and not _letter_at(text, i + 2, 1):
                continue  # plural or possessive of a quoted word: “um”s
            at = i + 1
        else:
            continue
        before = text[i - 1 : i + 2]
        after = text[i - 1 : at] + " " + text[at : i + 2]
        reason = ("opening" if role == "open" else "closing") + " quotation mark glued to a word"
        change = Change("quote_spacing", before, after, base + i - 1, base + i + 2, reason)
        edits.append(Edit(base + at, base + at, " ", change))
    return edits
