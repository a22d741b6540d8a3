"""Benchmark the HTTP API over loopback on a database of >= 100,000 events.

1. Run the pipeline over a sample of ../shared/data/news (plus examples/ and the seed), into a
   cached base database (rebuilt with --rebuild).
2. Copy it and replicate the event rows in SQL with shifted dates and new ids until there are at
   least --events events (articles get spread publication dates so every event has a day).
3. Serve it with `newsevents serve` in a subprocess on 127.0.0.1 and a free port, and measure
   requests/s and p50/p95 latency per endpoint with a bounded asyncio + httpx load loop
   (--requests per endpoint, --concurrency in flight, --seconds at most per endpoint).

Target: p95 < 200 ms for filtered event pages and timelines.

    .venv/bin/python bench/api.py                     # 100k events, 60 requests per endpoint
    .venv/bin/python bench/api.py --events 200000 --requests 200 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "data" / "news"
SEED = SHARED / "seeds" / "000_0196cf2e184cccf0.txt"
TARGET_MS = 200.0


def sample_news(out: Path, n_docs: int) -> Path:
    """The first n_docs/2 world-politics articles of GNAD and n_docs/2 XGLUE articles as one JSONL."""
    picked: list[str] = []
    gnad = NEWS / "gnad-test.jsonl"
    xglue = NEWS / "xglue-news-de-dev.jsonl"
    half = n_docs // 2
    with gnad.open(encoding="utf-8") as fh:
        for line in fh:
            if len(picked) >= half:
                break
            if json.loads(line).get("category") == "International":
                picked.append(line)
    with xglue.open(encoding="utf-8") as fh:
        for line in fh:
            if len(picked) >= n_docs:
                break
            picked.append(line)
    out.write_text("".join(picked), encoding="utf-8")
    return out


def build_base(path: Path, n_docs: int, workers: int) -> None:
    from newsevents.ingest import ReadOptions
    from newsevents.runner import run_pipeline

    if path.exists():
        path.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        sample = sample_news(Path(tmp) / "news-sample.jsonl", n_docs)
        t0 = time.perf_counter()
        s = run_pipeline([str(sample)], db=path, workers=workers)
        print(f"pipeline: {s.stored} news articles stored in {time.perf_counter() - t0:.0f} s", flush=True)
    run_pipeline([str(ROOT / "examples")], db=path)
    if SEED.exists():
        run_pipeline([str(SEED)], db=path, options=ReadOptions(published=date(2024, 6, 17)))


def replicate(base: Path, target: Path, n_events: int) -> dict[str, int]:
    """Copy ``base`` to ``target`` and replicate events (new ids, dates shifted by whole weeks)."""
    import duckdb

    from newsevents.store import Store

    shutil.copy(base, target)
    Store(target).close()  # apply any newer migrations (indexes)
    con = duckdb.connect(str(target))
    con.execute(
        "UPDATE articles SET published = DATE '2023-01-02' + CAST(hash(id) % 700 AS INTEGER) WHERE published IS NULL"
    )
    have = con.execute("SELECT count(*) FROM events").fetchone()[0]
    copies = max(0, -(-n_events // max(1, have)) - 1)
    if copies:
        # Replica k of every article (new id, published k weeks later, same text) carries replica k
        # of its events, so each article keeps a realistic number of events.
        con.execute(
            "UPDATE events SET date_start = (SELECT a.published FROM articles a WHERE a.id = events.article_id) "
            "WHERE date_start IS NULL"
        )
        con.execute(
            "INSERT INTO articles SELECT a.* REPLACE (a.id || '-r' || CAST(k AS VARCHAR) AS id, "
            "CAST(a.published + 7 * CAST(k AS INTEGER) AS DATE) AS published) FROM articles a, range(1, ?) r(k)",
            [copies + 1],
        )
        con.execute(
            "INSERT INTO events SELECT e.* REPLACE ("
            "e.id || '-r' || CAST(k AS VARCHAR) AS id, e.article_id || '-r' || CAST(k AS VARCHAR) AS article_id, "
            "CAST(e.date_start + 7 * CAST(k AS INTEGER) AS DATE) AS date_start) "
            "FROM events e, range(1, ?) r(k)",
            [copies + 1],
        )
    con.execute("CHECKPOINT")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "quotes")}
    con.close()
    return counts


def top_pair(db: Path) -> tuple[str, str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    row = con.execute(
        "SELECT s, t FROM (SELECT unnest(string_split(source_codes, ';')) s, target_codes FROM events "
        "WHERE source_codes <> '' AND target_codes <> ''), unnest(string_split(target_codes, ';')) u(t) "
        "WHERE s <> t GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    con.close()
    return (row[0], row[1]) if row else ("RUS", "PRK")


def endpoints(pair: tuple[str, str], article: str) -> list[tuple[str, str, bool]]:
    """(name, path+query, counts toward the p95 target)."""
    a, b = pair
    return [
        ("events page (no filter)", "/api/events?limit=50", True),
        ("events pair RUS,PRK", "/api/events?pair=RUS,PRK&limit=50", True),
        (f"events pair {a},{b} dyad", f"/api/events?pair={a},{b}&pair_mode=dyad&limit=50", True),
        ("events type+dates", "/api/events?type=CONSULT&since=2023-06-01&until=2024-06-01&limit=50", True),
        ("events actor+quad, by score", "/api/events?actor=RUS&quad=1&quad=2&sort=-score&limit=100", True),
        ("events actor+sector", "/api/events?actor=RUS&actor_sector=GOV&limit=50", True),
        ("events text search", "/api/events?q=Regierung&limit=50", True),
        ("events agency+flag", "/api/events?agency=REUTERS&future=false&limit=50", True),
        ("events deep page", "/api/events?limit=50&offset=50000", True),
        ("timeline RUS,PRK week", "/api/stats/timeline?pair=RUS,PRK&interval=week", True),
        (f"timeline {a},{b} day", f"/api/stats/timeline?pair={a},{b}&interval=day", True),
        ("timeline all month", "/api/stats/timeline?interval=month", True),
        ("facets (pair)", f"/api/events/facets?pair={a},{b}", False),
        ("facets (all)", "/api/events/facets", False),
        ("network", "/api/stats/network", False),
        ("actors", "/api/actors?limit=50", False),
        ("map", "/api/stats/map", False),
        ("article", f"/api/articles/{article}", False),
        ("quotes", "/api/quotes?limit=50", False),
    ]


async def load(client, url: str, n: int, concurrency: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors, issued
        while issued < n and time.perf_counter() < deadline:
            issued += 1
            t0 = time.perf_counter()
            r = await client.get(url)
            latencies.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                errors += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - t0
    lat = sorted(latencies)
    return {
        "requests": len(lat),
        "errors": errors,
        "rps": len(lat) / wall if wall else 0.0,
        "p50_ms": statistics.median(lat) if lat else float("nan"),
        "p95_ms": lat[max(0, int(round(0.95 * len(lat))) - 1)] if lat else float("nan"),
        "max_ms": lat[-1] if lat else float("nan"),
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to report server CPU per request."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


async def measure(
    base_url: str, eps: list[tuple[str, str, bool]], n: int, concurrency: int, seconds: float, pid: int
) -> list[dict]:
    import httpx

    out = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        for name, url, _ in eps:  # warm-up: one request each
            r = await client.get(url)
            if r.status_code != 200:
                raise SystemExit(f"{name}: {url} -> {r.status_code} {r.text[:200]}")
        for name, url, target in eps:
            cpu0 = cpu_seconds(pid)
            res = await load(client, url, n, concurrency, seconds)
            res["server_cpu_ms"] = (cpu_seconds(pid) - cpu0) * 1000 / max(1, res["requests"])
            out.append({"endpoint": name, "url": url, "target": target, **res})
            mark = "" if not target else ("  ok" if res["p95_ms"] < TARGET_MS else "  SLOW")
            print(
                f"{name:32s} {res['requests']:5d} req {res['rps']:7.1f} req/s  p50 {res['p50_ms']:7.1f} ms  "
                f"p95 {res['p95_ms']:7.1f} ms  max {res['max_ms']:7.1f} ms  cpu {res['server_cpu_ms']:5.1f} ms/req  "
                f"err {res['errors']}{mark}",
                flush=True,
            )
    return out


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    from newsevents.api.cli import free_port

    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NEWSEVENTS_API_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsevents.api.cli", "--db", str(db), "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start within 60 s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=120, help="news articles to run through the pipeline")
    ap.add_argument("--events", type=int, default=100_000, help="replicate events up to at least this many")
    ap.add_argument("--requests", type=int, default=60, help="requests per endpoint (upper bound)")
    ap.add_argument("--seconds", type=float, default=20.0, help="time limit per endpoint")
    ap.add_argument("--concurrency", type=int, default=2, help="requests in flight (the machine has 2 cores)")
    ap.add_argument("--workers", type=int, default=1, help="pipeline worker processes")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsevents-bench-api-base.duckdb")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached base database")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    if not NEWS.exists():
        raise SystemExit(f"needs {NEWS} (the development data folder)")
    if args.rebuild or not args.cache.exists():
        build_base(args.cache, args.docs, args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        counts = replicate(args.cache, db, args.events)
        print(f"database: {counts} (replicated in {time.perf_counter() - t0:.1f} s)", flush=True)
        pair = top_pair(db)
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        article = con.execute(
            "SELECT article_id FROM events WHERE article_id NOT LIKE '%-r%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        con.close()
        proc, url = serve(db)
        try:
            print(f"server {url}; {args.requests} requests per endpoint, {args.concurrency} in flight", flush=True)
            results = asyncio.run(
                measure(url, endpoints(pair, article), args.requests, args.concurrency, args.seconds, proc.pid)
            )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    slow = [r["endpoint"] for r in results if r["target"] and r["p95_ms"] >= TARGET_MS]
    print(
        f"\nload average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other jobs inflate "
        "latency; cpu ms/req is the server's own CPU time per request)"
    )
    print(
        f"target p95 < {TARGET_MS:.0f} ms for event pages and timelines: "
        + ("met" if not slow else f"MISSED by {', '.join(slow)}")
    )
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "results": results}, indent=1))


if __name__ == "__main__":
    main()
