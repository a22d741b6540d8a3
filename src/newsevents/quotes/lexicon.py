"""Cue lexicons for quotations (data in ``newsevents/data/quotes/<lang>.yaml``), loaded once per process.

Speech verbs are matched by lemma and by surface form: weak German and regular English verbs are
inflected by rule, irregular ones are listed in the data file, so a wrong lemma from the tagger
("sprachen" -> "sprachen") does not hide a cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "quotes"
LANGS = ("de", "en")
_DE_INSEPARABLE = ("be", "er", "ver", "zer", "ent", "emp", "ge", "miss", "hinter", "wider")
_DE_PARTICLES = ("mit", "hinzu", "fest", "vor", "an", "zu", "bekannt", "hin", "zurück", "ein", "hervor", "aus",
                 "klar", "voraus", "dar", "nach")


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor needs to know about one language."""

    lang: str
    verb_class: dict[str, str]  # lemma (particle verbs joined: "mitteilen") -> class
    forms: dict[str, str]  # lower-case surface form -> lemma
    base_forms: dict[str, str]  # surface form of a particle verb's base -> base lemma ("teilten" -> "teilen")
    particle_verbs: dict[str, frozenset[str]]  # base lemma -> particles
    statement_nouns: frozenset[str]
    source_before: tuple[tuple[str, ...], ...]
    source_self: tuple[tuple[str, ...], ...]
    source_anaphoric: frozenset[str]
    source_after: frozenset[str]
    source_compound_heads: tuple[str, ...]
    np_stop: frozenset[str]
    addressee_preps: tuple[tuple[str, ...], ...]
    addressee_nouns: frozenset[str]
    listener_preps: frozenset[str]
    addressee_compounds: tuple[str, ...]
    subordinators: frozenset[str]
    wh_words: frozenset[str]
    complementizers: frozenset[str]
    subj_one: frozenset[str]
    subj_two: frozenset[str]
    first_person: frozenset[str]
    speaker_pronouns: dict[str, str]
    not_content_start: frozenset[str]

    def cue_class(self, lemma: str) -> str | None:
        return self.verb_class.get(lemma)

    @cached_property
    def source_starts(self) -> frozenset[str]:
        """First words of the multi-word source phrases: most tokens start none, so most skip the scan."""
        return frozenset(p[0] for p in self.source_self + self.source_before if p)


def _low(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


def _seqs(values: Any) -> tuple[tuple[str, ...], ...]:
    seqs = [tuple(str(w).lower() for w in v) for v in values or []]
    return tuple(sorted(set(seqs), key=len, reverse=True))


def _de_weak_forms(lemma: str) -> list[str]:
    """Inflected forms of a weak German verb ("sagen" -> sagt, sagte, sagten, gesagt, sage ...)."""
    particle = next((p for p in _DE_PARTICLES if lemma.startswith(p) and len(lemma) > len(p) + 3), "")
    base = lemma[len(particle):]
    if base.endswith(("ern", "eln")):
        stem = base[:-1]
    elif base.endswith("en"):
        stem = base[:-2]
    else:
        stem = base[:-1]
    link = "e" if stem.endswith(("t", "d")) or (stem.endswith(("m", "n")) and stem[-2:-1] not in "aeiouhlr") else ""
    finite = [stem + link + "t", stem + "e", stem + link + "te", stem + link + "ten", base, stem + "est"]
    ge = "" if base.startswith(_DE_INSEPARABLE) or base.endswith("ieren") else "ge"
    part = particle + ge + stem + link + "t"
    forms = [part, particle + base]
    if particle:
        forms.append(particle + "zu" + base)
        # the joined forms appear in subordinate clauses ("wie die Polizei mitteilte")
        forms += [particle + f for f in finite]
    else:
        forms += finite
    return forms


def _en_regular_forms(lemma: str) -> list[str]:
    if lemma.endswith("e"):
        return [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    return [lemma + "s", lemma + "ed", lemma + "ing"]


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon for ``lang`` ('de' or 'en'; anything else falls back to 'de')."""
    lang = lang if lang in LANGS else "de"
    d = yaml.safe_load((DATA / f"{lang}.yaml").read_text(encoding="utf-8"))
    verb_class = {str(k).lower(): str(v) for k, v in (d.get("speech_verbs") or {}).items()}
    particle_verbs = {str(k).lower(): _low(v) for k, v in (d.get("particle_verbs") or {}).items() if v}
    forms: dict[str, str] = {}
    irregular = {str(k).lower(): [str(f).lower() for f in v or []] for k, v in (d.get("irregular_forms") or {}).items()}
    for lemma in verb_class:
        listed = irregular.get(lemma)
        generated = listed if listed else (_de_weak_forms(lemma) if lang == "de" else _en_regular_forms(lemma))
        particle = next((p for p in _DE_PARTICLES if lemma.startswith(p) and len(lemma) > len(p) + 3), "") \
            if lang == "de" else ""
        for f in [lemma, *generated]:
            if particle and not f.startswith(particle):
                continue  # split forms ("gab ... an") need their particle: see particle_verbs
            forms.setdefault(f, lemma)
    base_forms: dict[str, str] = {}
    for base in particle_verbs:
        listed = irregular.get(base)
        generated = listed if listed else (_de_weak_forms(base) if lang == "de" else _en_regular_forms(base))
        for f in [base, *generated]:
            base_forms.setdefault(f, base)
    subj = d.get("subjunctive_forms") or {}
    pron = {str(k).lower(): str(v) for k, v in (d.get("speaker_pronouns") or {}).items()}
    return Lexicon(
        lang=lang,
        verb_class=verb_class,
        forms=forms,
        base_forms=base_forms,
        particle_verbs=particle_verbs,
        statement_nouns=_low(d.get("statement_nouns")),
        source_before=_seqs(d.get("source_before")),
        source_self=_seqs(d.get("source_self")),
        source_anaphoric=_low(d.get("source_anaphoric")),
        source_after=_low(d.get("source_after")),
        source_compound_heads=tuple(str(h).lower() for h in d.get("source_compound_heads") or []),
        np_stop=_low(d.get("np_stop")),
        addressee_preps=_seqs(d.get("addressee_preps")),
        addressee_nouns=_low(d.get("addressee_nouns")),
        listener_preps=_low(d.get("listener_preps")),
        addressee_compounds=tuple(str(h).lower() for h in d.get("addressee_compounds") or []),
        subordinators=_low(d.get("subordinators")),
        wh_words=_low(d.get("wh_words")),
        complementizers=_low(d.get("complementizers")),
        subj_one=_low(subj.get("one")),
        subj_two=_low(subj.get("two")),
        first_person=_low(d.get("first_person")),
        speaker_pronouns=pron,
        not_content_start=_low(d.get("not_content_start")),
    )
