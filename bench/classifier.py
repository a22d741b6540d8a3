"""Throughput of the sentence event classifier (USE-multilingual-v3 embedding + logistic regression).

    OMP_NUM_THREADS=1 python bench/classifier.py [--shared ../shared] [--limit 1000] [--batch 64]

Sentences: the German article texts (field "text") of ../shared/data/news/*.jsonl, split at
sentence punctuation (a rough splitter: the point is realistic lengths), first --limit of them;
without ../shared, the project's own example sentences. Measures, in this one single-threaded
process: model load time, sentences per CPU second for new sentences (embedding + classifier, fed
in batches of --batch, as the coder would feed a document's candidate sentences), and for
repeated sentences (served from the per-process embedding cache). Prints one JSON line.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.events.classifier import EventClassifier  # noqa: E402

SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9\"„])")


def news_sentences(shared: Path, limit: int) -> list[str]:
    out: list[str] = []
    for f in sorted((shared / "data" / "news").glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                for s in SPLIT.split(text):
                    s = " ".join(s.split())
                    if 20 <= len(s) <= 600:
                        out.append(s)
                if len(out) >= limit:
                    return out[:limit]
    return out[:limit]


def own_sentences(limit: int) -> list[str]:
    out: list[str] = []
    for lang in ("de", "en"):
        with open(ROOT / "training" / "event_sentences" / f"{lang}.jsonl", encoding="utf-8") as fh:
            out += [json.loads(line)["text"] for line in fh if line.strip()]
    return out[:limit]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=1000, help="sentences")
    ap.add_argument("--batch", type=int, default=64, help="sentences per predict call")
    args = ap.parse_args(argv)

    source = "news"
    sents = news_sentences(args.shared, args.limit) if (args.shared / "data" / "news").is_dir() else []
    if not sents:
        source, sents = "own examples", own_sentences(args.limit)

    clf = EventClassifier(threads=1)
    if not clf.available():
        print(json.dumps({"error": "classifier unavailable (package or model missing)"}))
        return 1
    t0, c0 = time.perf_counter(), cpu()
    clf.predict(["Warm-up."])
    load_s, load_cpu = time.perf_counter() - t0, cpu() - c0

    t1, c1 = time.perf_counter(), cpu()
    for i in range(0, len(sents), args.batch):
        clf.predict(sents[i : i + args.batch])
    wall, cpu_s = time.perf_counter() - t1, cpu() - c1

    t2, c2 = time.perf_counter(), cpu()
    for i in range(0, len(sents), args.batch):
        clf.predict(sents[i : i + args.batch])
    cached_cpu = cpu() - c2
    cached_wall = time.perf_counter() - t2

    print(
        json.dumps(
            {
                "source": source,
                "omp_threads": os.environ.get("OMP_NUM_THREADS"),
                "sentences": len(sents),
                "mean_chars": round(sum(map(len, sents)) / max(1, len(sents)), 1),
                "batch": args.batch,
                "load_s": round(load_s, 2),
                "load_cpu_s": round(load_cpu, 2),
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu_s, 2),
                "sentences_per_s_per_core": round(len(sents) / cpu_s, 1) if cpu_s else None,
                "sentences_per_s_wall": round(len(sents) / wall, 1) if wall else None,
                "cached_sentences_per_s_per_core": round(len(sents) / cached_cpu) if cached_cpu else None,
                "cached_wall_s": round(cached_wall, 3),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
