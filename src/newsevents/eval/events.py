"""Event scoring against gold, exactly as CODEBOOK.md "How output is compared with gold" says.

Per annotated sentence (sentences with no events included), micro-averaged:

(a) type: the multiset of event types, system against gold;
(b) triple: type + set of source codes + set of target codes (null codes left out; for CONSULT
    and COOPERATE source and target compared as one union set); each gold event matched once;
(c) triple_sector: the same with sets of (code, sector) pairs;
plus, over the pairs matched under (b), the accuracy of each flag the gold states.

A system event belongs to the gold sentence holding its trigger's first character in INPUT
offsets (``doc.to_input``), in the document with the same ``doc_id``; events outside annotated
sentences are not scored. For sentence-level gold (PLOVER GSR, PETRARCH XML) each sentence is
its own document and all of that document's events belong to it.
"""

from __future__ import annotations

import json
import logging
import tempfile
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..document import ActorRef, Document, Event
from ..events.scales import FUTURE_AGREE_TYPES
from .gold import FLAGS, GoldDoc, GoldEvent, GoldSentence, GoldSet, read_gold

UNION_TYPES = frozenset({"CONSULT", "COOPERATE"})
log = logging.getLogger(__name__)


class EvalDoc(NamedTuple):
    """What a ``run`` function gets for each document: id, text, publication date, language."""

    doc_id: str
    text: str
    published: date | None
    lang: str | None


Runner = Callable[[list[EvalDoc]], list[Document]]


# -- system events in the gold's terms -----------------------------------------------------------


def _actors(refs: Sequence[ActorRef]) -> list[tuple[str | None, str | None]]:
    return [(r.code or None, r.sector or None) for r in refs]


def system_event(ev: Event, doc: Document | None = None, strict: bool = False) -> GoldEvent:
    """A pipeline Event as a GoldEvent (with its evidence in ``meta``), for scoring and errors.

    ``strict`` applies the PLOVER-strict reading: announced CONSULT/SUPPORT/COOPERATE/AID -> AGREE.
    """
    etype = ev.event
    if strict and ev.future and etype in FUTURE_AGREE_TYPES:
        etype = "AGREE"
    meta: dict[str, Any] = {"trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
                            "rule": ev.rule, "confidence": ev.confidence}
    if doc is not None:
        meta["input_start"] = doc.to_input(ev.trigger.start)
        meta["input_end"] = doc.to_input(ev.trigger.end)
    return GoldEvent(
        type=etype, mode=ev.mode, source=_actors(ev.source), target=_actors(ev.target),
        flags={f: bool(getattr(ev, f)) for f in FLAGS}, trigger=ev.trigger_text,
        source_text=[r.text for r in ev.source], target_text=[r.text for r in ev.target],
        original=ev.event if etype != ev.event else None, meta=meta,
    )


def to_dyads(ev: GoldEvent) -> list[GoldEvent]:
    """One event per (source, target) pair, the way PETRARCH writes its codings.

    A meeting of three coded as one PLOVER event (all in ``source``) is six CAMEO codings in
    PETRARCH's gold: for CONSULT/COOPERATE with no target every ordered pair of participants.
    An event with a side missing keeps that side empty. Offsets and flags go with each dyad.
    """
    def by_code(actors):  # one coding per country/organisation code, as PETRARCH writes them
        return list({(a[0] or a): a for a in actors}.values())

    src = by_code(ev.source) or [None]
    tgt = by_code(ev.target)
    if not tgt and ev.type in UNION_TYPES and len(src) > 1:
        pairs = [(a, b) for a in src for b in src if a != b]
    else:
        pairs = [(a, b) for a in src for b in (tgt or [None])]
    if len(pairs) == 1 and len(ev.source) <= 1 and len(ev.target) <= 1:
        return [ev]
    return [replace(ev, source=[a] if a else [], target=[b] if b else []) for a, b in pairs]


# -- keys and matching --------------------------------------------------------------------------


def _code_set(actors: Iterable[tuple[str | None, str | None]], sector: bool) -> frozenset:
    """Codes (or (code, sector) pairs) of the actors whose code is not null."""
    return frozenset((c, s) if sector else c for c, s in actors if c)


def triple_key(ev: GoldEvent, sector: bool = False) -> tuple:
    """What two events must share to match under (b) (or (c) with ``sector``)."""
    if ev.type in UNION_TYPES:
        return ev.type, _code_set([*ev.source, *ev.target], sector)
    return ev.type, _code_set(ev.source, sector), _code_set(ev.target, sector)


def _flag_agreement(g: GoldEvent, s: GoldEvent) -> int:
    return sum(g.flags[f] == s.flags.get(f, False) for f in g.flags)


def match_events(
    gold: Sequence[GoldEvent], system: Sequence[GoldEvent], sector: bool = False,
) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of gold to system events with equal keys, as index pairs.

    Matching is equality of keys, so grouping by key and pairing min(|gold|, |system|) per
    group IS a maximum matching; inside a group, pairs that agree on more flags go first.
    """
    groups: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, g in enumerate(gold):
        groups[triple_key(g, sector)][0].append(i)
    for j, s in enumerate(system):
        groups[triple_key(s, sector)][1].append(j)
    pairs: list[tuple[int, int]] = []
    for gi, sj in groups.values():
        ranked = sorted(((i, j) for i in gi for j in sj),
                        key=lambda p: (-_flag_agreement(gold[p[0]], system[p[1]]), p))
        used_g: set[int] = set()
        used_s: set[int] = set()
        for i, j in ranked:
            if i not in used_g and j not in used_s:
                pairs.append((i, j))
                used_g.add(i)
                used_s.add(j)
    return sorted(pairs)


# -- counting -----------------------------------------------------------------------------------


@dataclass
class Counts:
    """True positives, false positives and false negatives, and P/R/F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, n_system: int, n_gold: int) -> None:
        self.tp += tp
        self.fp += n_system - tp
        self.fn += n_gold - tp

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass
class Scorer:
    """Accumulates the codebook's metrics sentence by sentence; ``errors`` collects fp/fn rows."""

    keep_errors: bool = False
    n_sentences: int = 0
    n_gold: int = 0
    n_system: int = 0
    type: Counts = field(default_factory=Counts)
    triple: Counts = field(default_factory=Counts)
    triple_sector: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    flag_right: Counter = field(default_factory=Counter)
    flag_total: Counter = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, sent: GoldSentence, system: Sequence[GoldEvent]) -> None:
        """Score one annotated sentence against the system events assigned to it."""
        gold = sent.events
        self.n_sentences += 1
        self.n_gold += len(gold)
        self.n_system += len(system)
        gt, st = Counter(e.type for e in gold), Counter(e.type for e in system)
        for t in gt.keys() | st.keys():
            tp = min(gt[t], st[t])
            self.per_type[t].add(tp, st[t], gt[t])
            self.type.add(tp, st[t], gt[t])
        pairs = match_events(gold, system)
        self.triple.add(len(pairs), len(system), len(gold))
        self.triple_sector.add(len(match_events(gold, system, sector=True)), len(system), len(gold))
        for i, j in pairs:
            for f, value in gold[i].flags.items():
                self.flag_total[f] += 1
                self.flag_right[f] += value == system[j].flags.get(f, False)
        if self.keep_errors:
            self._errors(sent, gold, system, pairs, gt, st)

    def _errors(self, sent: GoldSentence, gold: Sequence[GoldEvent], system: Sequence[GoldEvent],
                pairs: list[tuple[int, int]], gt: Counter, st: Counter) -> None:
        """Record unmatched events under (b); ``type_matched`` says whether (a) found its type."""
        matched_g, matched_s = {i for i, _ in pairs}, {j for _, j in pairs}
        pair_types = Counter(gold[i].type for i, _ in pairs)
        spare = {t: min(gt[t], st[t]) - pair_types[t] for t in gt.keys() | st.keys()}
        for kind, events, matched in (("fn", gold, matched_g), ("fp", system, matched_s)):
            left = dict(spare)
            for k, ev in enumerate(events):
                if k in matched:
                    continue
                type_ok = left.get(ev.type, 0) > 0
                left[ev.type] = left.get(ev.type, 0) - type_ok
                self.errors.append({
                    "kind": kind, "doc_id": sent.doc_id, "sent_id": sent.sent_id, "text": sent.text,
                    "type_matched": type_ok, "event": ev.to_dict(),
                })

    def result(self) -> dict[str, Any]:
        """The summary object of ``newsevents eval --json``."""
        right, total = self.flag_right, self.flag_total
        flags = {f: round(right[f] / total[f], 4) if total[f] else None for f in FLAGS}
        per_type = {t: {**c.prf(), "support": c.tp + c.fn}
                    for t, c in sorted(self.per_type.items())}
        return {
            "n_sentences": self.n_sentences,
            "n_gold_events": self.n_gold,
            "n_system_events": self.n_system,
            "type": self.type.prf(),
            "triple": self.triple.prf(),
            "triple_sector": self.triple_sector.prf(),
            "flags": flags,
            "per_type": per_type,
        }


def score(
    items: Iterable[tuple[GoldSentence, Sequence[GoldEvent]]], errors: list | None = None,
) -> dict[str, Any]:
    """Score (gold sentence, its system events) pairs; fp/fn rows are appended to ``errors``."""
    scorer = Scorer(keep_errors=errors is not None)
    for sent, system in items:
        scorer.add(sent, system)
    if errors is not None:
        errors.extend(scorer.errors)
    return scorer.result()


# -- assigning system events to gold sentences --------------------------------------------------


def assign_events(
    gold: GoldSet, docs: Sequence[Document], strict: bool = False, dyads: bool = False,
) -> list[tuple[GoldSentence, list[GoldEvent]]]:
    """Each gold sentence with the system events whose trigger starts inside it (input offsets).

    ``dyads`` splits every system event into one event per (source, target) pair (``to_dyads``),
    for gold that is written that way (PETRARCH)."""
    by_doc: dict[str, list[GoldSentence]] = defaultdict(list)
    for s in gold.sentences:
        by_doc[s.doc_id].append(s)
    assigned: dict[int, list[GoldEvent]] = {id(s): [] for s in gold.sentences}
    sentence_level = gold.fmt != "codebook"
    for doc in docs:
        sents = sorted(by_doc.get(str(doc.doc_id), []), key=lambda s: s.start)
        if not sents:
            continue
        starts = [s.start for s in sents]
        for ev in doc.events:
            sys_ev = system_event(ev, doc, strict=strict)
            found = to_dyads(sys_ev) if dyads else [sys_ev]
            if sentence_level:
                assigned[id(sents[0])].extend(found)
                continue
            pos = sys_ev.meta["input_start"]
            k = bisect_right(starts, pos) - 1
            if k >= 0 and pos < sents[k].end:
                assigned[id(sents[k])].extend(found)
    return [(s, assigned[id(s)]) for s in gold.sentences]


# -- running the pipeline -----------------------------------------------------------------------


def eval_docs(gold: GoldSet) -> list[EvalDoc]:
    """The documents the system must read for this gold set."""
    return [EvalDoc(d.doc_id, d.text, d.published, d.lang) for d in gold.docs]


def run_pipeline_docs(docs: list[EvalDoc]) -> list[Document]:
    """Default runner: all analysis stages over a temporary JSON Lines file, nothing stored."""
    from ..runner import run_pipeline

    with tempfile.TemporaryDirectory(prefix="newsevents-eval-") as tmp:
        path = Path(tmp) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for d in docs:
                rec: dict[str, Any] = {"doc_id": d.doc_id, "text": d.text}
                if d.published:
                    rec["published"] = d.published.isoformat()
                if d.lang:
                    rec["lang"] = d.lang
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        summary = run_pipeline([str(path)], db=None, analyse=True, keep_documents=True)
    if summary.failures:
        reasons = "; ".join(str(f) for f in summary.failures[:3])
        if not summary.documents:
            raise RuntimeError(f"the pipeline failed on all {len(docs)} documents: {reasons}")
        log.warning("the pipeline failed on %d of %d documents (scored as finding nothing): %s",
                    len(summary.failures), len(docs), reasons)
    return summary.documents


def write_errors(errors: Sequence[dict[str, Any]], path: str | Path) -> None:
    """One JSON object per false positive / false negative."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for e in errors:
            fh.write(json.dumps(e, ensure_ascii=False, default=str) + "\n")


def evaluate(
    gold_path: str | Path, fmt: str = "codebook", docs_path: str | Path | None = None,
    run: Runner | None = None, errors_path: str | Path | None = None, strict: bool = False,
    dyads: bool | None = None,
) -> dict[str, Any]:
    """Run the system on the gold's documents and score it; the ``newsevents eval`` JSON object.

    ``strict`` scores PLOVER-strict types (announced cooperation -> AGREE), for gold that follows
    the PLOVER manual on this point rather than our codebook. ``dyads`` (default: on for
    PETRARCH XML, whose gold has one coding per source-target pair) scores system events split
    into such pairs; the result says which was used.
    """
    gold = read_gold(gold_path, fmt, docs_path)
    if dyads is None:
        dyads = gold.fmt == "petrarch-xml"
    docs = (run or run_pipeline_docs)(eval_docs(gold))
    errors: list[dict[str, Any]] | None = [] if errors_path else None
    result = score(assign_events(gold, docs, strict=strict, dyads=dyads), errors)
    result["dyads"] = dyads
    if errors_path and errors is not None:
        write_errors(errors, errors_path)
    return result


# -- the seed acceptance check ------------------------------------------------------------------


def _codes(refs: Sequence[ActorRef]) -> set[str]:
    return {r.code for r in refs if r.code}


def _must_fits(ev: Event, must: dict[str, Any], check_date: bool) -> str | None:
    """None if ``ev`` satisfies the must-event, else why not (seed.expected.json ``matching``)."""
    want_src, want_tgt = set(must.get("source") or []), set(must.get("target") or [])
    src, tgt = _codes(ev.source), _codes(ev.target)
    if must["event"] in UNION_TYPES:
        if not (want_src | want_tgt) <= (src | tgt):
            return f"actors {sorted(src | tgt)} lack {sorted((want_src | want_tgt) - (src | tgt))}"
    elif not (want_src <= src and want_tgt <= tgt):
        return (f"source {sorted(src)} / target {sorted(tgt)}, "
                f"want source ⊇ {sorted(want_src)}, target ⊇ {sorted(want_tgt)}")
    for f in FLAGS:
        if f in must and bool(getattr(ev, f)) != bool(must[f]):
            return f"{f}={getattr(ev, f)}, want {must[f]}"
    if check_date and must.get("date") and not str(ev.date or "").startswith(str(must["date"])):
        return f"date {ev.date}, want {must['date']}"
    return None


def _describe(ev: Event) -> str:
    flags = ",".join(f for f in FLAGS if getattr(ev, f))
    actors = f"{sorted(_codes(ev.source))}->{sorted(_codes(ev.target))}"
    return (f"{ev.event} {actors} '{ev.trigger_text}'"
            + (f" [{flags}]" if flags else "") + (f" date={ev.date}" if ev.date else ""))


def _assign_must(fits: list[list[int]]) -> dict[int, int]:
    """Maximum matching must-event -> distinct system event (augmenting paths; lists are small)."""
    owner: dict[int, int] = {}

    def augment(m: int, seen: set[int]) -> bool:
        for e in fits[m]:
            if e in seen:
                continue
            seen.add(e)
            if e not in owner or augment(owner[e], seen):
                owner[e] = m
                return True
        return False

    for m in range(len(fits)):
        augment(m, set())
    return {m: e for e, m in owner.items()}


def _load_expected(expected: dict[str, Any] | str | Path) -> dict[str, Any]:
    if isinstance(expected, dict):
        return expected
    text = str(expected)
    if text.lstrip().startswith("{"):
        return json.loads(text)
    return json.loads(Path(expected).read_text(encoding="utf-8"))


def seed_check(
    doc: Document, expected_json: dict[str, Any] | str | Path, distinct: bool = True,
) -> dict[str, Any]:
    """Check a processed document against the ``must``/``must_not`` lists of seed.expected.json.

    A must-event is found when some system event has its type, source codes including the listed
    ones, target codes including the listed ones (CONSULT/COOPERATE: source and target together
    include all listed codes), each listed flag equal, and the listed date (only when the document
    has a publication date). With ``distinct`` every must-event needs its own system event.
    """
    exp = _load_expected(expected_json)
    musts = exp.get("must") or []
    check_date = doc.published is not None
    fits: list[list[int]] = []
    reasons: list[list[str]] = []
    for must in musts:
        ok, why = [], []
        for k, ev in enumerate(doc.events):
            if ev.event != must["event"]:
                continue
            reason = _must_fits(ev, must, check_date)
            (why.append(f"{_describe(ev)}: {reason}") if reason else ok.append(k))
        fits.append(ok)
        reasons.append(why)
    chosen = _assign_must(fits) if distinct else {m: f[0] for m, f in enumerate(fits) if f}
    found, missing = [], []
    for m, must in enumerate(musts):
        if m in chosen:
            found.append({"must": must, "event": _describe(doc.events[chosen[m]])})
        elif fits[m]:
            taken = "; ".join(_describe(doc.events[k]) for k in fits[m])
            why = f"its matching events serve other must-events: {taken}"
            missing.append({"must": must, "reason": why})
        elif reasons[m]:
            missing.append({"must": must, "reason": "no event fits: " + " | ".join(reasons[m])})
        else:
            missing.append({"must": must, "reason": f"no {must['event']} event at all"})
    must_not = _check_must_not(doc, exp)
    return {
        "ok": not missing and all(r["status"] != "violated" for r in must_not),
        "n_must": len(musts), "n_found": len(found), "found": found, "missing": missing,
        "must_not": must_not,
    }


def _sentence_text(doc: Document, ev: Event) -> str:
    return doc.text[ev.sentence.start:ev.sentence.end].strip()


def _in_removed(sentence: str, removed: Sequence[str]) -> bool:
    """Whether an event's sentence is (part of) a line the cleaner should have removed."""
    return bool(sentence) and any(line in sentence or sentence in line for line in removed)


def _check_must_not(doc: Document, exp: dict[str, Any]) -> list[dict[str, Any]]:
    """Checks for the seed's must_not rules that can be checked mechanically; others 'unchecked'."""
    lines = (exp.get("cleaning") or {}).get("removed_lines", [])
    removed = [line for line in lines if len(line) > 3]
    out = []
    for rule in exp.get("must_not") or []:
        low = rule.lower()
        if "prev/next" in low or "evidence lies in" in low:
            bad = [_describe(e) for e in doc.events if _in_removed(_sentence_text(doc, e), removed)]
            out.append({"rule": rule, "status": "violated" if bad else "ok", "events": bad})
        elif "twice" in low:
            seen: Counter = Counter(
                (e.event, frozenset(_codes(e.source)), frozenset(_codes(e.target)), e.trigger_text,
                 _sentence_text(doc, e)) for e in doc.events)
            bad = [f"{k[0]} '{k[3]}' x{n}" for k, n in seen.items() if n > 1]
            out.append({"rule": rule, "status": "violated" if bad else "ok", "events": bad})
        else:
            out.append({"rule": rule, "status": "unchecked", "events": []})
    return out


__all__ = [
    "EvalDoc", "GoldDoc", "Scorer", "assign_events", "evaluate", "match_events",
    "run_pipeline_docs", "score", "seed_check", "system_event", "triple_key", "write_errors",
]
