"""Score quotation extraction against the hand-annotated gold set (tests/data/quotes_gold.jsonl).

Matching. Gold and system quotations of one article are paired one-to-one: every pair whose
character spans overlap is a candidate, and pairs are taken greedily by overlap size (ties by
Jaccard). A paired gold quotation is found (true positive); unpaired system quotations are false
positives, unpaired gold ones false negatives. ``f1`` is this overlap F1 (the headline figure);
``f1_jaccard`` counts only pairs whose Jaccard overlap (intersection / union of characters) is at
least 0.5, and ``f1_exact`` only pairs whose boundaries agree within two characters, so how well
the spans fit can be read off as well.

Speaker accuracy, on found quotations only. The system's speaker is right when any of these holds:

1. the gold speaker is null (impersonal "hieß es") and so is the system's;
2. it is the same mention: the system speaker's span overlaps the gold speaker span;
3. it is the same person or organisation by name: the system's name or mention text and the gold
   ``speaker_resolved`` or ``speaker`` agree after normalisation (case, articles, punctuation),
   or the words of one are a subset of the other's ("Lawrow" ~ "Sergej Lawrow");
4. at least the same actor code: the gold speaker has a code and the system's code and sector equal
   the gold code and sector (a null sector matches a null sector).

``speaker_accuracy_strict`` counts rules 1-3 only (same mention or same name), to separate the
speaker found from a speaker merely coded alike.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..document import Entity, Quote

ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "the", "a",
            "an"}
_WORD = re.compile(r"[\w]+", re.UNICODE)


@dataclass
class GoldQuote:
    doc_id: str
    start: int
    end: int
    quote: str
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_resolved: str | None
    speaker_code: str | None
    speaker_sector: str | None
    cue: str | None
    addressee: str | None

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> GoldQuote:
        return cls(r["doc_id"], r["quote_start"], r["quote_end"], r["quote"], r["kind"], r.get("speaker"),
                   r.get("speaker_start"), r.get("speaker_end"), r.get("speaker_resolved"), r.get("speaker_code"),
                   r.get("speaker_sector"), r.get("cue"), r.get("addressee"))


def load_gold(path: str | Path) -> dict[str, list[GoldQuote]]:
    """Gold quotations by document id."""
    out: dict[str, list[GoldQuote]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                g = GoldQuote.from_record(json.loads(line))
                out.setdefault(g.doc_id, []).append(g)
    return out


def load_texts(news_path: str | Path, ids: Iterable[str]) -> dict[str, str]:
    """Article texts (field ``text``) of the wanted documents from a JSON Lines corpus."""
    wanted = set(ids)
    texts: dict[str, str] = {}
    with open(news_path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("doc_id") in wanted:
                texts[d["doc_id"]] = d["text"]
    return texts


# -- matching ----------------------------------------------------------------------------
def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match(gold: list[GoldQuote], system: list[Quote]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) by largest character overlap."""
    cands = []
    for gi, g in enumerate(gold):
        for si, q in enumerate(system):
            ov = _overlap(g.start, g.end, q.start, q.end)
            if ov > 0:
                union = max(g.end, q.end) - min(g.start, q.start)
                cands.append((ov, ov / union, gi, si))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, gi, si in cands:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si))
    return pairs


# -- speakers ----------------------------------------------------------------------------
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def _words(s: str | None) -> set[str]:
    if not s:
        return set()
    return {w for w in _WORD.findall(_fold(s)) if w not in ARTICLES}


def _degenitive(ws: set[str], other: set[str]) -> set[str]:
    """"Zschäpes" counts as "Zschäpe" when the other name has the bare form (genitive -s)."""
    return {w[:-1] if w.endswith("s") and w[:-1] in other else w for w in ws}


def same_name(a: str | None, b: str | None) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    wa, wb = _degenitive(wa, wb), _degenitive(wb, wa)
    return wa <= wb or wb <= wa


def speaker_correct(g: GoldQuote, sp: Entity | None, *, strict: bool = False) -> bool:
    """Is the system speaker ``sp`` the gold speaker of ``g``? (rules in the module docstring)"""
    if g.speaker is None and g.speaker_resolved is None:
        return sp is None
    if sp is None:
        return False
    if g.speaker_start is not None and g.speaker_end is not None and \
            _overlap(sp.start, sp.end, g.speaker_start, g.speaker_end) > 0:
        return True
    for gname in (g.speaker_resolved, g.speaker):
        for sname in (sp.name, sp.text):
            if same_name(gname, sname):
                return True
    if strict:
        return False
    return bool(g.speaker_code) and sp.code == g.speaker_code and (sp.sector or None) == (g.speaker_sector or None)


# -- scores ------------------------------------------------------------------------------
@dataclass
class QuoteScores:
    gold: int = 0
    system: int = 0
    tp: int = 0
    tp_jaccard: int = 0
    tp_exact: int = 0
    speaker_ok: int = 0
    speaker_ok_strict: int = 0
    kind_ok: int = 0
    found_by_kind: dict[str, list[int]] = field(default_factory=dict)  # gold kind -> [found, total]
    addressee_ok: int = 0
    addressee_gold: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, gold: int, system: int) -> tuple[float, float, float]:
        p = tp / system if system else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def precision(self) -> float:
        return self._f1(self.tp, self.gold, self.system)[0]

    @property
    def recall(self) -> float:
        return self._f1(self.tp, self.gold, self.system)[1]

    @property
    def f1(self) -> float:
        return self._f1(self.tp, self.gold, self.system)[2]

    @property
    def f1_jaccard(self) -> float:
        return self._f1(self.tp_jaccard, self.gold, self.system)[2]

    @property
    def f1_exact(self) -> float:
        return self._f1(self.tp_exact, self.gold, self.system)[2]

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.tp if self.tp else 0.0

    @property
    def speaker_accuracy_strict(self) -> float:
        return self.speaker_ok_strict / self.tp if self.tp else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.tp if self.tp else 0.0

    def summary(self) -> dict[str, Any]:
        d = {
            "gold": self.gold, "system": self.system, "found": self.tp,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "f1_jaccard50": round(self.f1_jaccard, 4), "f1_exact": round(self.f1_exact, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_accuracy_strict": round(self.speaker_accuracy_strict, 4),
            "kind_accuracy": round(self.kind_accuracy, 4),
            "recall_by_kind": {k: round(v[0] / v[1], 4) if v[1] else 0.0 for k, v in self.found_by_kind.items()},
            "addressee": f"{self.addressee_ok}/{self.addressee_gold}",
        }
        return d


def _kind(k: str) -> str:
    return "indirect" if k == "source_phrase" else k


def score(gold: dict[str, list[GoldQuote]], system: dict[str, list[Quote]]) -> QuoteScores:
    """Scores over the documents of ``gold`` (a document missing from ``system`` has no quotes)."""
    sc = QuoteScores()
    for doc_id, gs in gold.items():
        qs = system.get(doc_id, [])
        sc.gold += len(gs)
        sc.system += len(qs)
        pairs = match(gs, qs)
        paired_g = {gi for gi, _ in pairs}
        paired_s = {si for _, si in pairs}
        for g in gs:
            sc.found_by_kind.setdefault(g.kind, [0, 0])[1] += 1
        for gi, si in pairs:
            g, q = gs[gi], qs[si]
            sc.tp += 1
            sc.found_by_kind[g.kind][0] += 1
            ov = _overlap(g.start, g.end, q.start, q.end)
            union = max(g.end, q.end) - min(g.start, q.start)
            sc.tp_jaccard += ov / union >= 0.5
            sc.tp_exact += abs(g.start - q.start) <= 2 and abs(g.end - q.end) <= 2
            ok = speaker_correct(g, q.speaker)
            sc.speaker_ok += ok
            sc.speaker_ok_strict += speaker_correct(g, q.speaker, strict=True)
            sc.kind_ok += _kind(q.kind) == g.kind
            if g.addressee:
                sc.addressee_gold += 1
                sc.addressee_ok += bool(q.addressee) and same_name(q.addressee, g.addressee)
            if not ok:
                sc.errors.append({"doc_id": doc_id, "error": "speaker", "gold": g.quote[:80], "gold_speaker":
                                  g.speaker_resolved or g.speaker, "gold_code": f"{g.speaker_code} {g.speaker_sector}",
                                  "system_speaker": asdict(q.speaker) if q.speaker else None})
        for gi, g in enumerate(gs):
            if gi not in paired_g:
                sc.errors.append({"doc_id": doc_id, "error": "missed", "kind": g.kind, "gold": g.quote,
                                  "cue": g.cue, "start": g.start})
        for si, q in enumerate(qs):
            if si not in paired_s:
                sc.errors.append({"doc_id": doc_id, "error": "spurious", "kind": q.kind, "system": q.text,
                                  "cue": q.cue, "start": q.start})
    return sc


def run_gold(news_path: str | Path, gold_path: str | Path,
             stages: tuple[str, ...] = ("nlp", "actors", "quotes")) -> tuple[QuoteScores, dict[str, Any]]:
    """Run ``stages`` over the gold articles (text exactly as stored, language German) and score.

    The cleaner is not run, so offsets stay those of the gold file. Returns the scores and the
    processed documents by id.
    """
    from ..document import Document
    from ..pipeline import Pipeline

    gold = load_gold(gold_path)
    texts = load_texts(news_path, gold)
    pipeline = Pipeline.from_names(stages)
    docs = {}
    for doc_id in sorted(gold):
        doc = Document.from_text(texts[doc_id], doc_id=doc_id, language="de")
        docs[doc_id] = pipeline(doc)
    system = {k: d.quotes for k, d in docs.items()}
    return score(gold, system), docs
