"""Speakers: from a mention in the cue clause to an actor (code, sector, name).

A mention is resolved with the actor stage's ACTOR entities over it (a person's name wins over
a title or an organisation), else a named entity (PER/ORG, uncoded). Pronouns are resolved to
the speaker of the previous quotation when it is recent, else to the most recent person actor
before them; a pronoun followed by a name ("sagte er Juri Uschakow") takes the name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from ..document import Document, Entity
from .lexicon import Lexicon

PERSON_RULES = ("person", "ner:person", "title+name", "name")


@dataclass
class SpeakerState:
    """What coreference needs to know about the quotations found so far."""

    speaker: Entity | None = None
    sentence: int = -10


def is_person(e: Entity) -> bool:
    rule = e.rule or ""
    if e.label == "PER":
        return True
    return any(r in rule for r in PERSON_RULES) and "coref" not in rule


class SpeakerResolver:
    """Resolves speaker mentions of one document."""

    def __init__(self, doc: Document, lex: Lexicon):
        self.doc = doc
        self.lex = lex
        self.actors = sorted((e for e in doc.entities if e.label == "ACTOR"), key=lambda e: (e.start, -e.end))
        self.ner = sorted((e for e in doc.entities if e.label in ("PER", "ORG")), key=lambda e: (e.start, -e.end))
        self.persons = [e for e in self.actors if is_person(e)] + [e for e in self.ner if e.label == "PER"]
        self.persons.sort(key=lambda e: e.start)
        self._person_starts = [e.start for e in self.persons]

    # -- lookups ------------------------------------------------------------------------
    def overlapping(self, start: int, end: int, pool: list[Entity] | None = None) -> list[Entity]:
        pool = self.actors if pool is None else pool
        return [e for e in pool if e.start < end and start < e.end]

    def best_entity(self, start: int, end: int) -> Entity | None:
        """The entity that best names the mention [start, end)."""
        actors = self.overlapping(start, end)
        if actors:
            def score(e: Entity) -> tuple:
                inside = e.start >= start and e.end <= end
                return (is_person(e), bool(e.code), inside, e.end - e.start)

            return max(actors, key=score)
        ner = self.overlapping(start, end, self.ner)
        if ner:
            return max(ner, key=lambda e: (e.label == "PER", e.end - e.start))
        return None

    def recent_person(self, offset: int, window: int = 1500) -> Entity | None:
        i = bisect_left(self._person_starts, offset)
        for e in reversed(self.persons[:i]):
            if e.end <= offset and offset - e.end <= window:
                return self._coded(e)
        return None

    def _coded(self, e: Entity) -> Entity:
        """A PER entity with the code of an ACTOR entity over the same span, when there is one."""
        if e.code:
            return e
        for a in self.overlapping(e.start, e.end):
            if a.code:
                return a
        return e

    # -- resolution ---------------------------------------------------------------------
    def resolve(self, start: int, end: int, state: SpeakerState, sentence: int) -> Entity:
        """An Entity for the mention [start, end) with code, sector and name when known."""
        text = self.doc.text[start:end]
        low = text.lower()
        if low in self.lex.speaker_pronouns:
            named = self._name_after(end)
            if named is not None:
                return self._make(named.start, named.end, named, "quote:name_after_pronoun")
            ante = self.antecedent(start, state, sentence, low)
            if ante is not None:
                return self._make(start, end, ante, "quote:coref")
            return Entity(start, end, text, label="PRON", confidence=0.3, rule="quote:pronoun")
        e = self.best_entity(start, end)
        if e is None:
            return Entity(start, end, text, label="", confidence=0.4, rule="quote:np")
        if "coref:pronoun" in (e.rule or "") and state.speaker is not None and sentence - state.sentence <= 3:
            return self._make(start, end, state.speaker, "quote:coref")
        inside = e.start >= start and e.end <= end
        s, t = (e.start, e.end) if inside and is_person(e) else (start, end)
        return self._make(s, t, e, "quote:actor" if e.label == "ACTOR" else "quote:ner")

    def antecedent(self, offset: int, state: SpeakerState, sentence: int, pronoun: str) -> Entity | None:
        if state.speaker is not None and sentence - state.sentence <= 3 and state.speaker.code is not None:
            return state.speaker
        own = self.overlapping(offset, offset + len(pronoun))
        if own and own[0].code and "coref" in (own[0].rule or ""):
            return own[0]
        person = self.recent_person(offset)
        if person is not None:
            return person
        if state.speaker is not None and sentence - state.sentence <= 6:
            return state.speaker
        return None

    def _name_after(self, end: int) -> Entity | None:
        for e in self.actors + self.ner:
            if 0 <= e.start - end <= 1 and is_person(e):
                return self._coded(e)
        return None

    def _make(self, start: int, end: int, src: Entity, rule: str) -> Entity:
        text = self.doc.text[start:end]
        return replace(src, start=start, end=end, text=text, rule=f"{rule}<{src.rule}" if src.rule else rule,
                       label=src.label or "ACTOR")
