"""Actor resolver benchmark: knowledge-base load time and resolution throughput.

    OMP_NUM_THREADS=1 python bench/actors.py [--shared ../shared] [--limit N]

Knowledge base: the CPU time to compile the YAML files (``load_kb``) and to load the compiled
tables from the cache (``load_kb_cached``, what a pipeline process does after the first run).
Throughput: the article texts of ../shared/data/news/*.jsonl go through clean, langid and nlp
first (not timed); then only the ``actors`` stage is timed, in this one process:
sentences per second per core = sentences / CPU seconds (user+system) of the stage.
Prints one JSON line.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (after reading)")
    args = ap.parse_args()
    news = sorted((args.shared / "data" / "news").glob("*.jsonl"))
    if not news:
        sys.exit(f"no news corpus under {args.shared}/data/news")

    from newsevents.actors import ActorStage
    from newsevents.actors.kb import load_kb, load_kb_cached
    from newsevents.actors.resolver import ActorResolver
    from newsevents.runner import run_pipeline

    # knowledge base: compile, then the cached pickle (written by the first cached call)
    c0 = cpu()
    kb = load_kb()
    compile_s = cpu() - c0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSEVENTS_CACHE_DIR"] = tmp
        load_kb_cached()
        c0 = cpu()
        load_kb_cached()
        cached_s = cpu() - c0
        del os.environ["NEWSEVENTS_CACHE_DIR"]

    # analysis up to nlp, untimed (on the first --limit articles)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "news.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            n = 0
            for p in news:
                for line in p.read_text(encoding="utf-8").splitlines():
                    if line.strip() and (args.limit is None or n < args.limit):
                        out.write(line + "\n")
                        n += 1
        summary = run_pipeline([str(corpus)], stages=["clean", "langid", "nlp"], keep_documents=True)
    docs = summary.documents
    stage = ActorStage()
    stage._resolver = ActorResolver(kb)
    sentences = sum(len(d.sentences) for d in docs)
    tokens = sum(len(s.tokens) for d in docs for s in d.sentences)
    c0, t0 = cpu(), time.perf_counter()
    n_actors = 0
    for d in docs:
        stage(d)
        n_actors += sum(1 for e in d.entities if e.label == "ACTOR")
    cpu_s, wall_s = cpu() - c0, time.perf_counter() - t0
    result = {
        "bench": "actors", "documents": len(docs), "sentences": sentences, "tokens": tokens,
        "actor_mentions": n_actors,
        "kb_compile_cpu_s": round(compile_s, 3), "kb_cached_load_cpu_s": round(cached_s, 3),
        "kb_surfaces": len(kb.surfaces),
        "cpu_s": round(cpu_s, 2), "wall_s": round(wall_s, 2),
        "sentences_per_s_per_core": round(sentences / cpu_s, 1) if cpu_s else None,
        "docs_per_s_per_core": round(len(docs) / cpu_s, 1) if cpu_s else None,
        "ms_per_doc": round(1000 * cpu_s / max(1, len(docs)), 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
