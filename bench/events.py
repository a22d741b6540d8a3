"""Event coding benchmark: the coder alone and the whole pipeline, per core.

    python bench/events.py [--shared ../shared] [--limit 300]

Runs every analysis stage over the first N articles of ../shared/data/news/gnad-test.jsonl (one
process), timing each stage; reports sentences/s for the coder alone, articles/s and sentences/s
for the whole pipeline, and peak RSS. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsevents.document import Document
from newsevents.pipeline import make_stage
from newsevents.runner import default_stages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--limit", type=int, default=300)
    args = ap.parse_args()
    corpus = args.shared / "data" / "news" / "gnad-test.jsonl"
    if not corpus.exists():
        sys.exit(f"no corpus at {corpus}")
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")][: args.limit]
    names = default_stages(analyse=True)
    stages = [make_stage(n) for n in names]
    warm = Document.from_text(texts[0], source="warmup")
    for st in stages:  # load models and knowledge bases outside the timing
        warm = st(warm)
    spent: dict[str, float] = defaultdict(float)
    n_sent = n_events = 0
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        doc = Document.from_text(text, source=f"bench-{i}")
        for st in stages:
            s = time.perf_counter()
            doc = st(doc)
            spent[st.name] += time.perf_counter() - s
        n_sent += len(doc.sentences)
        n_events += len(doc.events)
    total = time.perf_counter() - t0
    print(json.dumps({
        "bench": "events", "articles": len(texts), "sentences": n_sent, "events": n_events,
        "stages": names, "seconds_per_stage": {k: round(v, 2) for k, v in spent.items()},
        "coder_sentences_per_s": round(n_sent / spent["events"], 1) if spent.get("events") else None,
        "pipeline_articles_per_s_per_core": round(len(texts) / total, 2),
        "pipeline_sentences_per_s_per_core": round(n_sent / total, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
