"""Throughput of the quotes and sources stages on ../shared/data/news.

    OMP_NUM_THREADS=1 python bench/quotes.py [--shared ../shared] [--limit N]

The article texts (field "text") of ../shared/data/news/*.jsonl, interleaved so a sample covers
both corpora, go through the stages before quotes (nlp, actors, events) untimed; then the
``quotes`` and ``sources`` stages run alone and are timed. Reports quotes found, quotations per
CPU second of the quotes stage, documents per second, and the same rate over the whole pipeline
(nlp + actors + events + quotes + sources) so the cost can be read against the pipeline
benchmark. Single process; prints one JSON line.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.document import Document  # noqa: E402
from newsevents.pipeline import Pipeline  # noqa: E402

BEFORE = ("nlp", "actors", "events")
TIMED = ("quotes", "sources")


def news_texts(shared: Path, limit: int) -> list[str]:
    per_file: list[list[str]] = []
    for f in sorted((shared / "data" / "news").glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            per_file.append([t for t in (json.loads(line).get("text") for line in fh) if t])
    mixed: list[str] = []  # round robin over the files, so that a --limit sample covers each
    for i in range(max((len(p) for p in per_file), default=0)):
        mixed += [p[i] for p in per_file if i < len(p)]
    return mixed[:limit] if limit else mixed


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run(texts: list[str]) -> dict:
    before = Pipeline.from_names(BEFORE)
    timed = Pipeline.from_names(TIMED)
    warm = before(Document.from_text("Er sagte, das sei gut. „Wir bleiben“, sagte sie.", language="de"))
    timed(warm)  # loads lexicons and word frequencies once
    c_all = cpu()
    docs = [before(Document.from_text(t, language="de")) for t in texts]
    c0, t0 = cpu(), time.perf_counter()
    for d in docs:
        timed(d)
    cpu_s, wall = cpu() - c0, time.perf_counter() - t0
    total_cpu = cpu() - c_all
    kinds = Counter(q.kind for d in docs for q in d.quotes)
    n = sum(kinds.values())
    events = sum(len(d.events) for d in docs)
    with_source = sum(1 for d in docs for e in d.events if (e.asserted_by or {}).get("kind") != "article")
    return {
        "docs": len(docs),
        "quotes": n,
        "by_kind": dict(kinds),
        "with_speaker_code": sum(1 for d in docs for q in d.quotes if q.speaker is not None and q.speaker.code),
        "events": events,
        "events_asserted_by_a_quote": with_source,
        "quotes_stage_cpu_s": round(cpu_s, 3),
        "quotes_stage_wall_s": round(wall, 3),
        "quotes_per_s": round(n / cpu_s) if cpu_s else None,
        "docs_per_s": round(len(docs) / cpu_s, 1) if cpu_s else None,
        "pipeline_cpu_s": round(total_cpu, 2),
        "pipeline_quotes_per_s": round(n / total_cpu, 1) if total_cpu else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=200, help="documents (0 = all)")
    args = ap.parse_args(argv)
    if not (args.shared / "data" / "news").is_dir():
        print(json.dumps({"skipped": f"no {args.shared / 'data' / 'news'}"}))
        return 0
    out = {"omp_threads": os.environ.get("OMP_NUM_THREADS"), "stages": [*BEFORE, *TIMED]}
    out.update(run(news_texts(args.shared, args.limit)))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
