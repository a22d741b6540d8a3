"""Trigger lexicons (``data/events/<lang>.yaml``) indexed for fast lookup by lemma and form."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(__file__).resolve().parents[1] / "data" / "events"
TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass
class Trigger:
    """One sense of one trigger word, with the constraints under which it applies."""

    lemma: str
    pos: str
    type: str
    mode: str | None = None
    particle: str | None = None
    object: tuple[str, ...] = ()
    prep: str | None = None
    prep_object: tuple[str, ...] = ()
    target: tuple[str, ...] = ("obj",)
    source_role: str = "subj"
    reflexive: bool = False
    compound_head: bool = False
    strength: str = "strong"
    reciprocal: bool = False

    @property
    def specificity(self) -> int:
        return (
            2 * bool(self.object) + 2 * bool(self.prep_object) + bool(self.prep) + bool(self.particle)
            + bool(self.reflexive)
        )


def _tuple(v) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return tuple(x.strip() for x in v.split("|") if x.strip())
    return tuple(str(x) for x in v)


@dataclass
class Lexicon:
    lang: str
    by_lemma: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    heads: list[tuple[str, Trigger]] = field(default_factory=list)  # compound heads, longest first
    object_nouns: set[str] = field(default_factory=set)  # nouns consumed by verb constraints

    def lookup(self, lemma: str) -> list[Trigger]:
        return self.by_lemma.get(lemma.lower(), [])

    def compound(self, word: str) -> list[Trigger]:
        """Noun triggers whose head ends ``word`` ("Raketenangriff" -> Angriff); the longest head wins."""
        low = word.lower()
        by_head = self._by_head
        for i in range(3, len(low)):  # longest suffix first; at least three letters before the head
            hit = by_head.get(low[i:])
            if hit:
                return list(hit)
        return []

    @cached_property
    def _by_head(self) -> dict[str, list[Trigger]]:
        out: dict[str, list[Trigger]] = {}
        for head, trig in self.heads:
            out.setdefault(head, []).append(trig)
        return out


def load_lexicon(lang: str, path: Path | None = None) -> Lexicon:
    path = path or DATA / f"{lang}.yaml"
    lex = Lexicon(lang)
    if not path.exists():
        return lex
    for e in yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []:
        if not isinstance(e, dict) or not e.get("lemma") or not e.get("type"):
            continue
        typ = str(e["type"]).upper()
        if typ not in TYPES and typ != "NONE":
            continue
        target = _tuple(e.get("target")) or (("none",) if typ == "PROTEST" else ("obj",))
        t = Trigger(
            lemma=str(e["lemma"]),
            pos=str(e.get("pos", "VERB")).upper(),
            type=typ,
            mode=e.get("mode"),
            particle=e.get("particle"),
            object=_tuple(e.get("object")),
            prep=e.get("prep"),
            prep_object=_tuple(e.get("prep_object")),
            target=target,
            source_role=str(e.get("source_role") or "subj"),
            reflexive=bool(e.get("reflexive")),
            compound_head=bool(e.get("compound_head")),
            strength=str(e.get("strength") or "strong"),
            reciprocal=bool(e.get("reciprocal")),
        )
        lex.by_lemma[t.lemma.lower()].append(t)
        if t.compound_head and t.pos == "NOUN":
            lex.heads.append((t.lemma.lower(), t))
        if t.pos == "VERB":
            lex.object_nouns |= {o.lower() for o in t.object + t.prep_object}
    lex.heads.sort(key=lambda x: -len(x[0]))
    return lex


@lru_cache(maxsize=4)
def default_lexicon(lang: str) -> Lexicon:
    return load_lexicon(lang)


@dataclass
class FlagCues:
    negated: set[str] = field(default_factory=set)
    future: set[str] = field(default_factory=set)
    hypothetical: set[str] = field(default_factory=set)
    alleged: set[str] = field(default_factory=set)
    historical: set[str] = field(default_factory=set)
    speech_verbs: set[str] = field(default_factory=set)


@lru_cache(maxsize=4)
def default_flags(lang: str) -> FlagCues:
    path = DATA / f"flags.{lang}.yaml"
    cues = FlagCues()
    if not path.exists():
        return cues
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    for name in ("negated", "future", "hypothetical", "alleged", "historical", "speech_verbs"):
        words = set()
        for item in data.get(name) or []:
            cue = item.get("cue") if isinstance(item, dict) else item
            if cue:
                words.add(str(cue).lower())
        getattr(cues, name).update(words)
    return cues
