"""The user cache of compiled data (actor knowledge base, gazetteer): one directory, atomic writes.

A damaged, foreign or unwritable cache never stops the pipeline: the object is built again and
the run goes on from memory.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """$NEWSEVENTS_CACHE_DIR, else platformdirs' user cache, else $XDG_CACHE_HOME or ~/.cache."""
    env = os.environ.get("NEWSEVENTS_CACHE_DIR")
    if env:
        return Path(env)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("newsevents"))
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "newsevents"


def load_or_build(path: Path, build: Callable[[], T], kind: type, rebuild: bool = False, keep: int = 0) -> T:
    """The ``kind`` object pickled at ``path``, or ``build()`` stored there first.

    ``keep`` > 0 deletes all but the ``keep`` newest files of the same family (name up to the
    first "-") next to it, so caches keyed by a content hash do not pile up."""
    if not rebuild:
        try:
            if path.exists():
                with path.open("rb") as fh:
                    obj = pickle.load(fh)
                if isinstance(obj, kind):
                    return obj
        except Exception:  # a truncated or foreign cache file: build again
            pass
    obj = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        if keep:
            family = path.name.split("-")[0]
            files = sorted(path.parent.glob(f"{family}-*{path.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in files[keep:]:
                stale.unlink(missing_ok=True)
    except OSError:  # a read-only home: work from memory
        pass
    return obj
