"""A second opinion from the sentence classifier: veto weak lexicon hits, propose a type where
two actors meet with no trigger.

Runs on candidate sentences only (weak triggers; two coded actors and no event), so the cost of
embedding stays small.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import ActorRef, Document, Entity, Event, Span
from .classifier import NONE, EventClassifier

STATES = {"UNO", "EUR", "IGO", "NGO", "IMG", "MNC", "ISM"}


@dataclass
class Thresholds:
    # chosen on the German dev gold (type F1 0.548 -> 0.563, triple F1 0.297 -> 0.300)
    veto_none: float = 0.8  # drop a weak hit when the classifier says "no event" this surely ...
    veto_type: float = 0.02  # ... or gives its type less than this
    propose: float = 0.6  # add an event of the classifier's best type above this

    @classmethod
    def from_env(cls) -> Thresholds:
        """Defaults, overridable for experiments: NEWSEVENTS_SO="veto_none,veto_type,propose"."""
        import os

        raw = os.environ.get("NEWSEVENTS_SO")
        if not raw:
            return cls()
        a, b, c = (float(x) for x in raw.split(","))
        return cls(a, b, c)


def _ref(e: Entity) -> ActorRef:
    return ActorRef(e.text, e.code, e.sector, e.start, e.end)


def apply_second_opinion(
    doc: Document, clf: EventClassifier, th: Thresholds | None = None, triggered: set[int] | None = None
) -> None:
    """Filter ``doc.events`` and add proposed ones in place; ``triggered``: starts of sentences in
    which the lexicon matched something (no proposal there)."""
    th = th or Thresholds.from_env()
    if not doc.sentences or not clf.available():
        return
    triggered = triggered or set()
    weak = [e for e in doc.events if e.rule.endswith(":weak")]
    by_sent: dict[int, list[Event]] = {}
    for e in doc.events:
        by_sent.setdefault(e.sentence.start, []).append(e)
    actors = [e for e in doc.entities if e.label == "ACTOR" and e.code]
    candidates = []
    for s in doc.sentences:
        if s.is_caption or s.start in by_sent or s.start in triggered:
            continue
        inside = [a for a in actors if s.start <= a.start < s.end]
        if len({a.code for a in inside}) >= 2:
            candidates.append((s, inside))
    texts = [doc.text[e.sentence.start : e.sentence.end] for e in weak] + [
        doc.text[s.start : s.end] for s, _ in candidates
    ]
    if not texts:
        return
    probs = clf.predict(texts)
    vetoed = set()
    for e, p in zip(weak, probs[: len(weak)], strict=True):
        if p.get(NONE, 0.0) >= th.veto_none or p.get(e.event, 0.0) < th.veto_type:
            vetoed.add(id(e))
    doc.events = [e for e in doc.events if id(e) not in vetoed]
    for (s, inside), p in zip(candidates, probs[len(weak) :], strict=True):
        typ, prob = max(((k, v) for k, v in p.items() if k != NONE), key=lambda kv: kv[1])
        if prob < th.propose or p.get(NONE, 0.0) > prob:
            continue
        first = inside[0]
        second = next((a for a in inside if a.code != first.code), None)
        verb = next((t for t in s.tokens if t.dep in ("root", "ROOT") and t.pos in ("VERB", "AUX", "NOUN")), None)
        anchor = verb or s.tokens[0]
        doc.events.append(
            Event(
                event=typ,
                mode=None,
                source=[_ref(first)],
                target=[_ref(second)] if second else [],
                trigger=Span(anchor.start, anchor.end),
                trigger_text=anchor.text,
                sentence=Span(s.start, s.end),
                confidence=round(0.5 * prob, 2),
                rule=f"{doc.language or 'de'}:classifier:{typ}:{prob:.2f}",
            )
        )
    doc.events.sort(key=lambda e: (e.sentence.start, e.trigger.start))
