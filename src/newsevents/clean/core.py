"""``clean_text``: raw scraped text in, body text with captions, credits, attributions and an
exact offset map out.

Order of work: split lines; mark repeats, separators, attributions, captions/credits and
boilerplate; group the remaining body lines into paragraphs; rebuild the text with in-line
repairs (whitespace, glued words, quote spacing) through a ``TextBuilder`` so every clean
character can be traced to the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Change, OffsetMap, Span
from .builder import Edit, TextBuilder
from .credits import (
    attribution_line,
    dateline_agencies,
    find_credit,
    trailing_attribution,
)
from .glued import glued_edits
from .lines import Line, is_wrapped, mark_duplicates, match_line, normalise_line, split_lines
from .quotes import quote_edits
from .resources import Resources, resources

MAX_CAPTION = 400  # characters of caption text before a credit
MAX_CAPTION_ABOVE = 250  # a line above a lone credit line is its caption only if this short
PARAGRAPH_SEP = "\n\n"

_INNER_WS = re.compile(r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_WORDS = re.compile(r"[a-zäöüß]+")
_DE_MARKERS = frozenset(
    "der die das und ist nicht mit den von sich auf für dem ein eine wird".split()
)
_EN_MARKERS = frozenset("the and of to is that was for with on by from he said it".split())
_LANG_ALIASES = {"deu": "de", "ger": "de", "eng": "en"}


@dataclass
class CleanResult:
    """What the cleaner found: the body text and everything it set apart or changed."""

    text: str
    paragraphs: list[Span] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)
    lang: str = "de"


def guess_lang(raw: str) -> str:
    """'de' or 'en' from function-word counts in the first few thousand characters."""
    words = _WORDS.findall(raw[:4000].lower())
    de = sum(w in _DE_MARKERS for w in words)
    en = sum(w in _EN_MARKERS for w in words)
    return "en" if en > de else "de"


def _norm_lang(lang: str | None, raw: str) -> str:
    if not lang:
        return guess_lang(raw)
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return _LANG_ALIASES.get(code, code)


def _add_once(items: list[str], value: str) -> None:
    if value and value not in items:
        items.append(value)


def classify_lines(lines: list[Line], res: Resources) -> None:
    """Set ``kind`` on every line: duplicate, separator, attribution, caption, credit,
    boilerplate or body."""
    mark_duplicates(lines)
    for line in lines:
        if line.kind != "body":
            continue
        t = line.text
        sep = match_line(t, res.separators)
        if sep:
            line.kind, line.why = "separator", sep.why
            continue
        agencies = attribution_line(t, res)
        if agencies is not None:
            line.kind, line.agencies = "attribution", agencies
            continue
        cr = find_credit(t, res)
        if cr is not None and cr.caption_end <= MAX_CAPTION:
            line.kind = "caption" if cr.caption_end else "credit"
            line.caption = _caption_text(t[: cr.caption_end], res)
            line.caption_end = line.start + cr.caption_end
            line.credit, line.credit_start = cr.text, line.start + cr.start
            line.agencies = cr.agencies
            line.has_names, line.has_prefix = cr.has_names, cr.has_prefix
            continue
        bp = match_line(t, res.boilerplate)
        if bp:
            line.kind, line.why = "boilerplate", bp.why
    _attach_credit_lines(lines, res)


def _caption_text(text: str, res: Resources) -> str:
    """Caption without a leading "Bild:" / "Foto:" label and with whitespace collapsed."""
    m = res.credit_prefix.match(text)
    if m and m.end() < len(text):
        text = text[m.end():]
    return normalise_line(text)


def _attach_credit_lines(lines: list[Line], res: Resources) -> None:
    """A photo credit alone on its line ("Foto: Michael Kappeler/dpa") captions the short line
    right above it (same block, not the first line of the text, not a wrapped paragraph).
    A bare agency line ("dpa", "dpa/AFP") is an attribution instead."""
    for i, line in enumerate(lines):
        if line.kind != "credit":
            continue
        if not (line.has_prefix or line.has_names):
            if line.agencies:
                line.kind = "attribution"
            continue
        if i < 2 or (line.has_names and not line.agencies):
            continue  # "Foto: Marvin Ruppert" may belong to an author's portrait
        prev, before = lines[i - 1], lines[i - 2]
        if (
            prev.kind == "body"
            and prev.block == line.block
            and len(prev.text) <= MAX_CAPTION_ABOVE
            and (before.block != prev.block or before.kind != "body")
        ):
            prev.kind, prev.caption_end = "caption", prev.end
            prev.caption = _caption_text(prev.text, res)


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Body lines grouped into paragraphs; a hard-wrapped line joins the one before it."""
    out: list[list[Line]] = []
    prev: Line | None = None
    for line in lines:
        if line.kind != "body":
            prev = None
            continue
        if prev is not None and prev.block == line.block and is_wrapped(prev.text, line.text):
            out[-1].append(line)
        else:
            out.append([line])
        prev = line
    return out


def _whitespace_edits(text: str, base: int) -> list[Edit]:
    """Runs of unusual or repeated whitespace -> one space; invisible characters dropped."""
    edits = []
    for m in _INNER_WS.finditer(text):
        run = m.group()
        if run == " ":
            continue
        s, e = base + m.start(), base + m.end()
        if any(ch.isspace() for ch in run):
            ch = Change("whitespace", run, " ", s, e, "whitespace run collapsed to one space")
            edits.append(Edit(s, e, " ", ch))
        else:
            ch = Change("whitespace", run, "", s, e, "invisible character removed")
            edits.append(Edit(s, e, "", ch))
    return edits


class _Collector:
    """Accumulates the set-apart material, each item once and in order."""

    def __init__(self) -> None:
        self.captions: list[str] = []
        self.credits: list[str] = []
        self.attribution: list[str] = []
        self.agencies: list[str] = []
        self.removed: list[str] = []
        self.changes: list[Change] = []

    def agencies_from(self, names: tuple[str, ...]) -> None:
        for a in names:
            _add_once(self.agencies, a)

    def take(self, line: Line) -> None:
        """Record a non-body line."""
        k, t = line.kind, line.text
        if k == "duplicate":
            self.changes.append(Change("duplicate", t, "", line.start, line.end, line.why))
        elif k in ("separator", "boilerplate"):
            _add_once(self.removed, t)
            self.changes.append(Change("removed_line", t, "", line.start, line.end, line.why))
        elif k == "attribution":
            _add_once(self.attribution, normalise_line(t))
            self.agencies_from(line.agencies)
            why = "agency attribution" if line.agencies else "attribution (author or source)"
            self.changes.append(Change("attribution", t, "", line.start, line.end, why))
        elif k in ("caption", "credit"):
            if k == "caption":
                _add_once(self.captions, line.caption)
                self.changes.append(
                    Change("caption", line.caption, "", line.start, line.caption_end,
                           "photo caption (short line ending with a credit)")
                )
            if line.credit:
                _add_once(self.credits, line.credit)
                self.agencies_from(line.agencies)
                end = line.credit_start + len(line.credit)
                why = "photo credit" + (f": {', '.join(line.agencies)}" if line.agencies else "")
                self.changes.append(Change("credit", line.credit, "", line.credit_start, end, why))


def clean_text(raw: str, lang: str | None = None, *, repair_glued: bool = True) -> CleanResult:
    """Clean scraped news text; ``lang`` ('de', 'en', ...) is guessed when not given."""
    res = resources()
    lang = _norm_lang(lang, raw)
    lines = split_lines(raw)
    classify_lines(lines, res)
    col = _Collector()
    paras = _paragraphs(lines)
    # a trailing "(dpa)" ends a paragraph: decide before building so an emptied paragraph
    # does not leave a separator behind
    cuts: dict[int, int] = {}
    kept: list[list[Line]] = []
    for n, para in enumerate(paras):
        last = para[-1]
        got = trailing_attribution(last.text, res, last=n == len(paras) - 1)
        if got is not None:
            off, attr, agencies = got
            # the cut takes the space before the attribution along
            cuts[id(last)] = last.start + len(last.text[:off].rstrip())
            _add_once(col.attribution, attr)
            col.agencies_from(agencies)
            why = "agency attribution" if agencies else "attribution (author or source)"
            col.changes.append(Change("attribution", attr, "", last.start + off, last.end, why))
            if off == 0 and len(para) == 1:
                continue
        kept.append(para)

    for line in lines:
        if line.kind != "body":
            col.take(line)

    raw_lower = raw.lower()
    b = TextBuilder(raw)
    spans: list[Span] = []
    for n, para in enumerate(kept):
        if n:
            b.insert(PARAGRAPH_SEP, kept[n - 1][-1].end)
        if n < 3:
            col.agencies_from(dateline_agencies(para[0].text, res))
        start = b.length
        for j, line in enumerate(para):
            if j:
                prev = para[j - 1]
                b.insert(" ", prev.end)
                col.changes.append(
                    Change("whitespace", raw[prev.end:line.start], " ", prev.end, line.start,
                           "wrapped line joined")
                )
            edits = _whitespace_edits(line.text, line.start)
            if repair_glued:
                edits += glued_edits(line.text, line.start, lang, res, raw_lower)
            edits += quote_edits(line.text, line.start)
            cut = cuts.get(id(line))
            if cut is not None:
                edits = [e for e in edits if e.end <= cut]
                edits.append(Edit(cut, line.end, ""))
            edits.sort(key=lambda e: (e.start, e.end))
            col.changes.extend(e.change for e in edits if e.change is not None)
            b.copy_with_edits(line.start, line.end, edits)
        spans.append(Span(start, b.length))
    text, offsets = b.build()
    col.changes.sort(key=lambda c: (c.input_start, c.input_end))
    return CleanResult(
        text=text,
        paragraphs=spans,
        captions=col.captions,
        credits=col.credits,
        attribution=col.attribution,
        agencies=col.agencies,
        removed=col.removed,
        changes=col.changes,
        offsets=offsets,
        lang=lang,
    )
