"""One DuckDB database shared by the API's request threads.

The server keeps one in-memory DuckDB instance with the database file attached (read-only by
default) as ``db``, and hands each request its own cursor (a DuckDB cursor is a separate
connection to the same instance, safe to use from one thread). The in-memory side holds
caches derived from the file: ``memory.main.event_sentences`` (each event sentence, lowercased)
makes text search one pass over short strings instead of cutting sentences out of every
article's text per query.

Writes (the ingest endpoint) take the database exclusively: readers finish, the file is
detached, a writable connection is opened for that request only, and the file is attached
again (and the caches rebuilt) afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from ..store import Store
from ..store.schema import LATEST
from .filters import SENTENCE_CACHE

T = TypeVar("T")


class RWLock:
    """Many readers or one writer; a waiting writer keeps new readers out."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


def ensure_schema(path: str | Path) -> bool:
    """Bring an older database up to the latest schema (new migrations only add indexes and
    tables); returns True when it migrated. A missing file raises FileNotFoundError."""
    if not Path(path).exists():
        raise FileNotFoundError(f"no database at {path} (run `newsevents run ...` first)")
    con = duckdb.connect(str(path), read_only=True)
    try:
        has = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        version = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0] if has else 0
    finally:
        con.close()
    if version >= LATEST:
        return False
    Store(path).close()  # a writable Store applies the missing migrations
    return True


SENTENCE_CACHE_SQL = f"""
CREATE OR REPLACE TABLE {SENTENCE_CACHE} AS
SELECT s.article_id || ':' || s.sentence_start AS key,
       lower(substring(a.text, s.sentence_start + 1, s.sentence_end - s.sentence_start)) AS text
FROM (SELECT DISTINCT article_id, sentence_start, sentence_end FROM db.events) s
JOIN db.articles a ON a.id = s.article_id
"""


def schema_version(con: duckdb.DuckDBPyConnection, catalog: str = "db") -> int:
    has = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = ? AND table_name = 'schema_version'",
        [catalog],
    ).fetchone()[0]
    if not has:
        return 0
    return con.execute(f"SELECT coalesce(max(version), 0) FROM {catalog}.main.schema_version").fetchone()[0]


class Database:
    """The served DuckDB file: cursors for readers, an exclusive section for writers."""

    def __init__(self, path: str | Path, read_only: bool = True, threads: int | None = None):
        self.path = str(path)
        self.read_only = read_only
        self.threads = threads
        self.lock = RWLock()
        if not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path} (run `newsevents run ...` first)")
        if not read_only:
            Store(self.path).close()  # create/migrate the schema
        self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(":memory:")
        if self.threads:
            self._con.execute(f"SET threads = {int(self.threads)}")
        self._attach()

    def _attach(self) -> None:
        assert self._con is not None
        mode = " (READ_ONLY)" if self.read_only else ""
        self._con.execute(f"ATTACH '{self.path.replace(chr(39), chr(39) * 2)}' AS db{mode}")
        version = schema_version(self._con)
        if version < LATEST:
            self._con.execute("DETACH db")
            raise RuntimeError(
                f"{self.path} has schema version {version}, this program needs {LATEST}; "
                "open it once without read-only access to migrate (newsevents serve does)"
            )
        self._con.execute(SENTENCE_CACHE_SQL)

    def _detach(self) -> None:
        if self._con is not None:
            self._con.execute(f"DROP TABLE IF EXISTS {SENTENCE_CACHE}")
            self._con.execute("DETACH db")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request, on the served file (shared lock: no writer runs meanwhile)."""
        with self.lock.read():
            if self._con is None:
                raise RuntimeError("the database is closed")
            cur = self._con.cursor()
            try:
                cur.execute("USE db")
                yield cur
            finally:
                cur.close()

    def run(self, fn: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        with self.cursor() as cur:
            return fn(cur)

    def write(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn`` with a writable Store, holding the database exclusively."""
        with self.lock.write():
            self._detach()
            try:
                store = Store(self.path)
                try:
                    return fn(store)
                finally:
                    store.close()
            finally:
                self._attach()

    def info(self) -> dict[str, Any]:
        return {"path": self.path, "read_only": self.read_only}
