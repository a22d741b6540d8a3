"""Actor coding evaluation against codebook gold: code accuracy, sector accuracy, coverage.

For every entity in the gold events (source and target lists), find its span in the gold
sentence, then look for a system actor entity overlapping that span (in input offsets): coverage
counts spans with any system entity; code accuracy counts those whose code equals the gold code
(over all gold entities with a code); sector accuracy counts equal (code, sector) pairs over gold
entities with a sector.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document, Entity


@dataclass
class GoldMention:
    doc_id: str
    sent_id: int
    start: int  # input offsets
    end: int
    text: str
    code: str | None
    sector: str | None


@dataclass
class ActorScore:
    n: int = 0
    covered: int = 0
    code_total: int = 0
    code_right: int = 0
    sector_total: int = 0
    sector_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "n_gold_entities": self.n,
            "coverage": ratio(self.covered, self.n),
            "code_accuracy": ratio(self.code_right, self.code_total),
            "sector_accuracy": ratio(self.sector_right, self.sector_total),
            "n_with_code": self.code_total,
            "n_with_sector": self.sector_total,
        }


def gold_mentions(gold_path: Path) -> list[GoldMention]:
    """Every distinct entity of the gold events, located in its sentence (first occurrence)."""
    out: list[GoldMention] = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        seen: set[tuple[int, int]] = set()
        for ev in g.get("events") or []:
            for ent in (ev.get("source") or []) + (ev.get("target") or []):
                text = ent.get("text") or ""
                pos = g["text"].find(text) if text else -1
                if pos < 0:
                    continue
                span = (g["start"] + pos, g["start"] + pos + len(text))
                if span in seen:
                    continue
                seen.add(span)
                out.append(GoldMention(g["doc_id"], g["sent_id"], *span, text, ent.get("code"), ent.get("sector")))
    return out


def _system_spans(doc: Document) -> list[tuple[int, int, Entity]]:
    return [
        (doc.to_input(e.start), doc.to_input(e.end), e)
        for e in doc.entities
        if e.label == "ACTOR" and (e.code or e.sector)
    ]


def score_actors(mentions: Sequence[GoldMention], docs: dict[str, Document]) -> ActorScore:
    sc = ActorScore()
    spans = {d: _system_spans(doc) for d, doc in docs.items()}
    for m in mentions:
        sc.n += 1
        cands = [e for a, b, e in spans.get(m.doc_id, []) if a < m.end and m.start < b]
        # prefer the candidate whose code agrees, then the longest overlap
        best = None
        if cands:
            best = sorted(cands, key=lambda e: (e.code != m.code, e.sector != m.sector, -(e.end - e.start)))[0]
            sc.covered += 1
        if m.code:
            sc.code_total += 1
            ok = best is not None and best.code == m.code
            sc.code_right += ok
        if m.sector:
            sc.sector_total += 1
            sok = best is not None and best.code == m.code and best.sector == m.sector
            sc.sector_right += sok
        if best is None or best.code != m.code or (m.sector and best.sector != m.sector):
            sc.errors.append(
                {
                    "doc_id": m.doc_id,
                    "sent_id": m.sent_id,
                    "text": m.text,
                    "gold": [m.code, m.sector],
                    "system": [best.code, best.sector, best.text, best.rule] if best else None,
                }
            )
    return sc


def run_documents(docs_path: Path, stages: Sequence[str] | None = None) -> dict[str, Document]:
    """Run the pipeline over codebook docs (JSON Lines {doc_id, text, published?})."""
    from ..runner import run_pipeline

    summary = run_pipeline([str(docs_path)], stages=stages, analyse=True, keep_documents=True)
    return {d.doc_id: d for d in summary.documents if d.doc_id}


def evaluate_actors(
    gold_path: Path,
    docs_path: Path,
    run: Callable[[Path], dict[str, Document]] | None = None,
    errors_path: Path | None = None,
) -> dict[str, Any]:
    stages = None
    docs = (run or (lambda p: run_documents(p, stages)))(docs_path)
    sc = score_actors(gold_mentions(gold_path), docs)
    if errors_path:
        with errors_path.open("w", encoding="utf-8") as fh:
            for e in sc.errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return sc.summary()
