"""Builds the clean text piece by piece and records where every piece came from.

Copied pieces map one-to-one onto the raw text; inserted pieces (a separator, a space added
by a repair) are ``inserted`` segments. A removed stretch of raw text is always followed by an
inserted piece or by the end of the text, so ``OffsetMap.to_input`` is exact for both ends of
any copied span (the one exception: invisible characters deleted inside a word).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Change, OffsetMap, Segment


@dataclass
class Edit:
    """Replace ``raw[start:end]`` by ``text``: a deletion if ``text`` is empty, an insertion if
    ``start == end``. ``change`` is the audit record, if the edit deserves one."""

    start: int
    end: int
    text: str
    change: Change | None = None


class TextBuilder:
    """Accumulates clean text and its ``OffsetMap`` segments."""

    def __init__(self, raw: str):
        self.raw = raw
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self.length = 0

    def copy(self, start: int, end: int) -> None:
        """Append ``raw[start:end]`` unchanged."""
        if end <= start:
            return
        last = self._segments[-1] if self._segments else None
        if (
            last is not None
            and not last.inserted
            and last.input_start + last.length == start
            and last.clean_start + last.length == self.length
        ):
            last.length += end - start
        else:
            self._segments.append(Segment(self.length, start, end - start))
        self._parts.append(self.raw[start:end])
        self.length += end - start

    def insert(self, text: str, at: int) -> None:
        """Append ``text`` that has no counterpart in the raw text; it maps to raw ``at``."""
        if not text:
            return
        last = self._segments[-1] if self._segments else None
        if last is not None and last.inserted and last.input_start == at:
            last.length += len(text)
        else:
            self._segments.append(Segment(self.length, at, len(text), inserted=True))
        self._parts.append(text)
        self.length += len(text)

    def copy_with_edits(self, start: int, end: int, edits: list[Edit]) -> None:
        """Append ``raw[start:end]`` with ``edits`` (sorted, non-overlapping, inside the range)."""
        pos = start
        for ed in edits:
            self.copy(pos, ed.start)
            self.insert(ed.text, ed.start)
            pos = max(pos, ed.end)
        self.copy(pos, end)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._segments)
