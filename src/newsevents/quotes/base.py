"""Shared pieces of the quotation rules: cue sites, found quotations and tuning constants."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Entity
from .lexicon import Lexicon

CONF = {
    "marked_cue": 0.9,
    "pre": 0.85,
    "post": 0.8,
    "colon": 0.8,
    "source": 0.75,
    "split": 0.75,
    "marked_headline": 0.7,
    "cont_subj": 0.7,
    "cont_first": 0.6,
    "cont_marked": 0.6,
    "marked_nocue": 0.4,
}
CONTINUATION_WINDOW = 4  # sentences a Konjunktiv I continuation may reach back to its speaker
RARE_ZIPF = 3.5  # words rarer than this (wordfreq Zipf scale) are taken for names
NON_SPEAKER = {"demnach", "dabei", "damit", "zudem", "außerdem", "dann", "jedoch", "allerdings", "so", "dies",
               "man", "es", "das"}
EPISTEMIC = {"dürfte", "dürften", "könnte", "könnten", "möchte", "möchten"}
GENERIC_REPORTS = {"angaben", "berichte", "bericht", "berichten", "informationen", "meldungen", "gerüchte",
                   "spekulationen", "aussagen", "vorwürfe", "darstellungen", "hinweise", "medienberichte"}


@dataclass
class CueSite:
    """A speech verb (or impersonal/source cue) and the clause around it."""

    k: int  # cue token
    cls: str
    cue: str
    a: int  # chunk [a, b)
    b: int
    mode: str = ""  # pre | colon | post | marked | none
    content: tuple[int, int] | None = None  # token range
    after: tuple[int, int] | None = None  # split quote after a post-posed cue clause
    speaker: tuple[int, int] | None = None  # token range
    addressee: str | None = None
    source: bool = False  # a "wie X mitteilte" clause: content is a source_phrase
    kind: str = "direct"


@dataclass
class Found:
    """A quotation before conversion to ``Quote``."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: Entity | None
    addressee: str | None
    confidence: float
    rule: str
    sentence: int


class RuleBase:
    """What every rule mixin may use: the language's lexicon and the agency spellings."""

    lex: Lexicon
    agency_alias: dict[str, str]

