"""Gazetteer load time and memory, and place resolution speed.

    python bench/places.py [--rebuild] [--repeat N]

* build: seconds to build the gazetteer index from the data packages (only with --rebuild,
  which writes into a temporary cache directory and leaves the user's cache alone);
* load: seconds and resident memory (MB of RSS the loaded index adds to a fresh process that has
  already imported the code) to load the cached index, measured in a child process so nothing
  is warm (Linux: reads /proc/self/status);
* resolution: the 73 documents of tests/data/places_gold.jsonl (rebuilt from their gold
  sentences) are analysed once with the nlp and actors stages; then only the place resolver
  runs over them ``--repeat`` times: mentions per second and documents per second (CPU time of
  this single-threaded process).

Prints one JSON line.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import OrderedDict  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.document import Document  # noqa: E402

LOAD_PROBE = """
import json, sys, time
sys.path.insert(0, {src!r})


def rss_kb():  # current resident set (ru_maxrss would carry the parent's peak over fork/exec)
    with open("/proc/self/status") as fh:
        return int(next(line for line in fh if line.startswith("VmRSS:")).split()[1])


import newsevents.resolve.places  # the code itself, so only the data is measured
before = rss_kb()
t = time.perf_counter()
from newsevents.resolve.gazetteer import load
g = load()
seconds = time.perf_counter() - t
after = rss_kb()
print(json.dumps({{"load_s": round(seconds, 3), "rss_mb": round((after - before) / 1024, 1), "places": len(g),
                  "names": len(g.index) + len(g.inflected) + len(g.alternates)}}))
"""


def measure_load() -> dict:
    """Load the cached gazetteer in a fresh interpreter (the cache is built first if missing)."""
    from newsevents.resolve.gazetteer import load

    load()
    out = subprocess.run(
        [sys.executable, "-c", LOAD_PROBE.format(src=str(ROOT / "src"))], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_build() -> dict:
    """Build time into a throw-away cache directory."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSEVENTS_CACHE_DIR"] = tmp
        try:
            from newsevents.resolve import gazetteer

            t = time.perf_counter()
            gazetteer.load(rebuild=True)
            build = time.perf_counter() - t
            size = gazetteer.cache_path().stat().st_size
            t = time.perf_counter()
            gazetteer.Towns().lookup("Nickelsdorf")
            towns = time.perf_counter() - t
            towns_size = gazetteer.towns_path().stat().st_size
        finally:
            del os.environ["NEWSEVENTS_CACHE_DIR"]
    return {
        "build_s": round(build, 2),
        "cache_mb": round(size / 1e6, 1),
        "towns_build_s": round(towns, 2),
        "towns_mb": round(towns_size / 1e6, 1),
    }


def gold_documents() -> list[Document]:
    from newsevents.pipeline import make_stage

    records: OrderedDict[str, list[str]] = OrderedDict()
    for line in (ROOT / "tests" / "data" / "places_gold.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        records.setdefault(r["doc_id"], [])
        if r["sentence"] not in records[r["doc_id"]]:
            records[r["doc_id"]].append(r["sentence"])
    nlp, actors = make_stage("nlp"), make_stage("actors")
    return [actors(nlp(Document.from_text("\n".join(s), language="de"))) for s in records.values()]


def measure_resolution(repeat: int) -> dict:
    from newsevents.resolve.places import PlaceResolver

    docs = gold_documents()
    resolver = PlaceResolver()
    resolver.mentions(docs[0])  # warm: gazetteer and towns table open
    mentions = 0
    t = time.process_time()
    for _ in range(repeat):
        for doc in docs:
            mentions += len(resolver.mentions(doc))
    cpu = time.process_time() - t
    return {
        "docs": len(docs) * repeat,
        "mentions": mentions,
        "cpu_s": round(cpu, 2),
        "mentions_per_s": round(mentions / cpu),
        "docs_per_s": round(len(docs) * repeat / cpu, 1),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rebuild", action="store_true", help="also time a build from the data packages")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    result: dict = {}
    if args.rebuild:
        result["build"] = measure_build()
    result["load"] = measure_load()
    result["resolution"] = measure_resolution(args.repeat)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
