"""When and where: publication dates, event dates and event places.

Two pipeline stages, run after the event coder:

* ``dates``: fills ``doc.published`` from a dateline or closing line when no input gave it
  (``published_source = "text"``), then gives every event a date (``Event.date``,
  ``date_precision`` day|month|year|report, ``date_span``) and makes ``Event.historical`` agree
  with it; photo captions get ``doc.meta["caption_dates"]``.
* ``places``: resolves place mentions against the gazetteer and gives every event the place
  attached to it (``Event.location``); ``doc.meta["places"]`` keeps every resolved mention and
  ``doc.meta["caption_places"]`` the scene of each photo caption (captions are not part of
  ``doc.text``, so events are never coded from them; their places are kept per caption).

Both are picklable: heavy resources (gazetteer, date patterns) load lazily once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..document import Document, Event, Span
from ..pipeline import register
from . import clause
from .dates import DocDate, Resolved, direction_for, document_dates, finder, is_historical, resolve
from .pubdate import text_publication_date

__all__ = ["DatesStage", "PlacesStage", "event_date"]

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _trigger_token(doc: Document, ev: Event):
    sent = clause.sentence_at(doc.sentences, ev.trigger.start) if doc.sentences else None
    if sent is None or not sent.tokens:
        return None, None
    return sent, clause.span_head(sent, clause.tokens_in(sent, ev.trigger.start, ev.trigger.end))


def event_date(doc: Document, ev: Event, dates: list[DocDate]) -> DocDate | None:
    """The date expression of ``ev`` in its sentence, or None.

    In order: an expression the parse attaches to the trigger or to the trigger's verb; one in the
    trigger's clause; one in a clause coordinated with it ("besuchte ... im Juli 2000 ... und
    traf"); the only expression of the sentence when it is not in another subordinate clause.
    Expressions of other clauses ("seit Kim im September ... besuchte" for the main clause's
    event) are not borrowed. Ties go to the closer in the tree, then in characters.
    """
    cands = [d for d in dates if ev.sentence.start <= d.expr.start < ev.sentence.end and d.resolved is not None]
    if not cands:
        return None
    sent, trig = _trigger_token(doc, ev)
    if sent is None or trig is None:
        return min(cands, key=lambda d: abs(d.expr.start - ev.trigger.start))
    window = clause.clause_window(sent, ev.trigger.start, ev.trigger.end)
    w0, w1 = (window[0].start, window[-1].end) if window else (ev.sentence.start, ev.sentence.end)
    verb = clause.governing_verb(sent, trig) or trig
    idx = clause.by_index(sent)

    def tier(d: DocDate) -> int:
        head = clause.span_head(sent, clause.tokens_in(sent, d.expr.start, d.expr.end))
        if head is None:
            return 9
        if _attached(sent, head, trig, verb):
            return 0
        if w0 <= d.expr.start < w1:
            return 1
        other = clause.governing_verb(sent, head)
        if other is not None and _coordinated(other, verb, idx):
            return 2
        own = clause.clause_window(sent, d.expr.start, d.expr.end)
        if len(cands) == 1 and not clause.subordinate(sent, own):
            return 3
        return 9

    ranked = [(tier(d), d) for d in cands]
    ranked = [(t, d) for t, d in ranked if t < 9]
    if not ranked:
        return None

    def key(item: tuple[int, DocDate]) -> tuple[int, int, int]:
        t, d = item
        head = clause.span_head(sent, clause.tokens_in(sent, d.expr.start, d.expr.end))
        dist = _distance(sent, trig, head) if head is not None else 99
        return t, dist, abs(d.expr.start - ev.trigger.start)

    return min(ranked, key=key)[1]


def _attached(sent, head, trig, verb, hops: int = 5) -> bool:
    """The expression hangs from the trigger, or from the trigger's verb with no other verb between."""
    for t in ([head] + clause.ancestors(sent, head))[:hops]:
        if t.i == trig.i:
            return True
        if t.pos in clause.VERBAL_POS and t.i != head.i:
            return t.i == verb.i
    return False


def _coordinated(a, b, idx) -> bool:
    """Two verbs joined by coordination ("besuchte ... und traf")."""
    if a.i == b.i:
        return True
    return (
        (a.dep == "conj" and a.head == b.i)
        or (b.dep == "conj" and b.head == a.i)
        or (a.dep == "conj" and b.dep == "conj" and a.head == b.head)
    )


def _distance(sent, a, b) -> int:
    pa = [a] + clause.ancestors(sent, a)
    pb = {t.i: k for k, t in enumerate([b] + clause.ancestors(sent, b))}
    for k, t in enumerate(pa):
        if t.i in pb:
            return k + pb[t.i]
    return 99


def _event_direction(ev: Event, d: DocDate) -> str | None:
    if ev.future:
        return "future"
    if ev.historical and d.tense != "future":
        return "past"
    return direction_for(d.tense)


@register("dates")
@dataclass
class DatesStage:
    """Publication date from the text when unknown; a date with precision for every event."""

    name: str = "dates"
    historical_days: int = 31  # a date ending this long before the report makes an event historical

    def __call__(self, doc: Document) -> Document:
        if doc.published is None:
            found = text_publication_date(doc)
            if found is not None:
                doc.published, doc.published_source = found.value, "text"
                doc.meta["published_evidence"] = found.evidence
        dates = document_dates(doc)
        for ev in doc.events:
            self._date_event(doc, ev, dates)
        caps = caption_dates(doc)
        if caps:
            doc.meta["caption_dates"] = caps
        return doc

    def _date_event(self, doc: Document, ev: Event, dates: list[DocDate]) -> None:
        d = event_date(doc, ev, dates)
        ref = doc.published
        if d is None:
            ev.date, ev.date_span = (ref.isoformat(), None) if ref else (None, None)
            ev.date_precision = "report" if ref else None
            return
        res = d.resolved
        direction = _event_direction(ev, d)
        if direction != direction_for(d.tense) and d.expr.kind != "anchored":
            res = resolve(d.expr, ref, direction) or res
        assert res is not None
        ev.date, ev.date_precision = res.value, res.precision
        ev.date_span = Span(d.expr.start, d.expr.end, "date")
        if ref is not None:
            ev.historical = is_historical(res, ref, self.historical_days)


def caption_dates(doc: Document) -> list[dict[str, Any]]:
    """The most precise explicit or relative date of each photo caption (captions are past)."""
    out = []
    f = finder(doc.language)
    for i, cap in enumerate(doc.captions):
        best: tuple[Resolved, Any] | None = None
        for expr in f.find(cap):
            res = resolve(expr, doc.published, "past")
            if res and (best is None or PRECISION_RANK[res.precision] < PRECISION_RANK[best[0].precision]):
                best = (res, expr)
        if best:
            res, expr = best
            out.append(
                {
                    "caption": i,
                    "date": res.value,
                    "precision": res.precision,
                    "text": expr.text,
                    "start": expr.start,
                    "end": expr.end,
                }
            )
    return out


@register("places")
@dataclass
class PlacesStage:
    """Resolves place mentions and gives every event the place attached to it."""

    name: str = "places"
    towns: bool = True  # also look up towns of 500-15,000 inhabitants for NER-marked names

    def __post_init__(self) -> None:
        self._resolver = None

    def __getstate__(self) -> dict:
        return {"name": self.name, "towns": self.towns}

    def __setstate__(self, state: dict) -> None:
        self.name, self.towns = state["name"], state["towns"]
        self._resolver = None

    @property
    def resolver(self):
        if self._resolver is None:
            from .places import PlaceResolver

            self._resolver = PlaceResolver(towns=self.towns)
        return self._resolver

    def __call__(self, doc: Document) -> Document:
        from .places import caption_places, event_location, lead_end

        mentions = self.resolver.mentions(doc)
        doc.meta["places"] = [
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "feature": m.feature,
                "name": m.place.name if m.place else None,
                "country": m.place.country if m.place else None,
                "geonameid": m.place.geonameid if m.place else None,
                "adm1": m.place.adm1 if m.place else None,
                "source": m.source,
            }
            for m in mentions
        ]
        end = lead_end(doc)
        for ev in doc.events:
            m = event_location(doc, ev, mentions, self.resolver, end)
            ev.location = m.location() if m is not None else None
        caps = caption_places(doc, self.resolver)
        if caps:
            doc.meta["caption_places"] = caps
        return doc
