"""A real DuckDB database for the API and dashboard tests: the pipeline run on examples/ and the seed.

Built once per test session (both test modules share it through this module's cache).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_BUILT: dict[str, Path] = {}


def build_demo_db(folder: Path, seed: Path) -> Path:
    """Run the whole pipeline over examples/ and the seed (published 2024-06-17) into folder/demo.duckdb."""
    if "db" in _BUILT:
        return _BUILT["db"]
    from newsevents.ingest import ReadOptions
    from newsevents.runner import run_pipeline

    db = folder / "demo.duckdb"
    first = run_pipeline([str(ROOT / "examples")], db=db)
    second = run_pipeline([str(seed)], db=db, options=ReadOptions(published=date(2024, 6, 17)))
    assert first.stored > 0, f"no example stored: {[str(f) for f in first.failures][:3]}"
    assert second.stored == 1, f"the seed was not stored: {[str(f) for f in second.failures]}"
    _BUILT["db"] = db
    return db
