"""The cleaner's word lists and patterns, read once from ``newsevents/data/clean/*.yaml``.

Keeping them in data files lets a user extend boilerplate patterns or agency spellings
without touching code; everything is compiled once per process and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "clean"


@dataclass(frozen=True)
class LinePattern:
    """A whole-line pattern with the longest line it may remove and the reason to record."""

    regex: re.Pattern[str]
    max_len: int
    why: str


@dataclass(frozen=True)
class GlueLists:
    """Per-language word lists for the glued-word repair (see glue.yaml)."""

    continuation: frozenset[str]
    sentence_start: frozenset[str]
    left_function: frozenset[str]
    verb_prefixes: frozenset[str]
    max_continuation: int


@dataclass(frozen=True)
class Resources:
    """Everything the cleaner reads from its data files, compiled."""

    separators: tuple[LinePattern, ...]
    boilerplate: tuple[LinePattern, ...]
    agency_alias: dict[str, str]  # casefolded spelling -> normalised agency name
    credit_words: frozenset[str]  # casefolded
    credit_prefix: re.Pattern[str]  # "Foto:", "©" ... at the start of a string
    credit_hint: re.Pattern[str]  # any agency spelling, credit word or prefix
    attribution_intro: re.Pattern[str]
    house_marks: frozenset[str]  # casefolded
    glue: dict[str, GlueLists]
    name_prefixes: frozenset[str]
    protected: frozenset[str]


def _load(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _line_patterns(rows: list[dict[str, Any]], default_max: int = 200) -> tuple[LinePattern, ...]:
    out = []
    for row in rows or []:
        flags = 0 if row.get("case") else re.IGNORECASE
        out.append(
            LinePattern(re.compile(row["pattern"], flags), int(row.get("max_len", default_max)),
                        row.get("why", "boilerplate"))
        )
    return tuple(out)


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first so the longest spelling wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _words(values: list[Any] | None) -> list[str]:
    """List entries as strings; YAML turns bare on/off/yes/no into booleans, so refuse those."""
    out = []
    for v in values or []:
        if not isinstance(v, str):
            raise ValueError(f"quote {v!r} in the cleaner's YAML word lists")
        out.append(v)
    return out


def _glue_lists(d: dict[str, Any]) -> GlueLists:
    cont = frozenset(w.casefold() for w in _words(d.get("continuation")))
    return GlueLists(
        continuation=cont,
        sentence_start=frozenset(_words(d.get("sentence_start"))),
        left_function=frozenset(w.casefold() for w in _words(d.get("left_function"))),
        verb_prefixes=frozenset(w.casefold() for w in _words(d.get("verb_prefixes"))),
        max_continuation=max((len(w) for w in cont), default=0),
    )


@lru_cache(maxsize=1)
def resources() -> Resources:
    """Load and compile the data files (once per process)."""
    bp = _load("boilerplate.yaml")
    ag = _load("agencies.yaml")
    gl = _load("glue.yaml")

    alias: dict[str, str] = {}
    for name, spellings in (ag.get("agencies") or {}).items():
        for s in [name, *(spellings or [])]:
            alias[str(s).casefold()] = str(name)
    credit_words = frozenset(str(w).casefold() for w in ag.get("credit_words") or [])
    prefixes = [str(p) for p in ag.get("credit_prefixes") or []]
    credit_prefix = re.compile(
        rf"(?:(?:{_alternation(prefixes)})\s*:\s*|©\s*|\(c\)\s*)", re.IGNORECASE
    )
    hint_words = list(alias) + list(credit_words)
    credit_hint = re.compile(
        rf"(?<!\w)(?:{_alternation(hint_words)})(?!\w)|©|\b(?:{_alternation(prefixes)})\s*:",
        re.IGNORECASE,
    )
    intros = [str(p) for p in ag.get("attribution_intros") or []]
    attribution_intro = re.compile(rf"(?:{_alternation(intros)})\s*:?\s+", re.IGNORECASE)

    langs = {
        k: _glue_lists(v) for k, v in gl.items() if isinstance(v, dict) and "continuation" in v
    }
    return Resources(
        separators=_line_patterns(bp.get("separators"), default_max=40),
        boilerplate=_line_patterns(bp.get("lines")),
        agency_alias=alias,
        credit_words=credit_words,
        credit_prefix=credit_prefix,
        credit_hint=credit_hint,
        attribution_intro=attribution_intro,
        house_marks=frozenset(str(w).casefold() for w in ag.get("house_marks") or []),
        glue=langs,
        name_prefixes=frozenset(_words(gl.get("name_prefixes"))),
        protected=frozenset(_words(gl.get("protected"))),
    )
