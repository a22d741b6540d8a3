"""Ingest benchmark: documents per second per core for read + clean (+ langid) + store.

    python bench/ingest.py [--shared ../shared] [--workers 1] [--limit N] [--stages clean,langid]

Runs on ../shared/data/news/*.jsonl into a fresh temporary DuckDB file and prints one JSON line:
documents, seconds, docs/s, docs/s per core (docs/s divided by worker processes), peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from newsevents.runner import run_pipeline


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(max(own, kids), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None, help="read only the first N files' worth (for a quick run)")
    ap.add_argument("--stages", default="clean,langid")
    args = ap.parse_args()
    news = sorted((args.shared / "data" / "news").glob("*.jsonl"))
    if not news:
        sys.exit(f"no news corpus under {args.shared}/data/news")
    paths = [str(p) for p in news]
    stages = [s for s in args.stages.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        summary = run_pipeline(paths, db=db, stages=stages, workers=args.workers, batch_size=100)
        elapsed = time.perf_counter() - t0
        db_mb = round(db.stat().st_size / 2**20, 1)
    n = summary.stored + summary.duplicate
    result = {
        "bench": "ingest", "stages": stages, "workers": args.workers, "documents": n,
        "failed": summary.failed, "seconds": round(elapsed, 2), "docs_per_s": round(n / elapsed, 1),
        "docs_per_s_per_core": round(n / elapsed / max(1, args.workers), 1),
        "peak_rss_mb": peak_rss_mb(), "db_mb": db_mb,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
