"""The embedded DuckDB store: versioned schema, transactional batch writes, simple queries.

Only the main process writes; each batch of documents is one transaction, so a run killed
half-way leaves whole articles or none, and a rerun stores the rest without duplicates
(articles are keyed by their content id).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from ..document import Document
from .rows import (
    article_row,
    document_from_rows,
    entity_rows,
    event_rows,
    quote_rows,
    sentence_rows,
)
from .schema import LATEST, MIGRATIONS

DEFAULT_DB = "newsevents.duckdb"
CHILD_TABLES = ("sentences", "entities", "events", "quotes")


class Store:
    """A DuckDB file holding articles and everything found in them."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path} (run `newsevents run ...` first)")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.migrate()
        elif self.version() < LATEST:
            raise RuntimeError(
                f"{self.path} has schema version {self.version()}, this program needs {LATEST}; "
                "open it once without read-only access to migrate"
            )

    # -- schema ---------------------------------------------------------------------------
    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMP)"
        )
        current = self.version()
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, description, datetime.now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs -----------------------------------------------------------------------------
    def start_run(self, command: str, args: dict[str, Any], stages: Sequence[str]) -> str:
        run_id = datetime.now().strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        self.con.execute(
            "INSERT INTO runs (id, command, args, stages, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')",
            [run_id, command, json.dumps(args, default=str), json.dumps(list(stages)), datetime.now()],
        )
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, int], status: str) -> None:
        self.con.execute(
            """UPDATE runs SET finished_at = ?, n_read = ?, n_stored = ?, n_duplicate = ?,
               n_failed = ?, status = ? WHERE id = ?""",
            [
                datetime.now(),
                counts.get("read", 0),
                counts.get("stored", 0),
                counts.get("duplicate", 0),
                counts.get("failed", 0),
                status,
                run_id,
            ],
        )

    # -- writes ---------------------------------------------------------------------------
    def existing_ids(self, ids: Iterable[str], complete_only: bool = False) -> set[str]:
        """Ids already stored; with ``complete_only``, only articles every stage finished."""
        ids = list(set(ids))
        if not ids:
            return set()
        sql = "SELECT id FROM articles WHERE id IN (SELECT unnest(?))"
        if complete_only:
            sql += " AND json_extract_string(meta, '$.incomplete_stage') IS NULL"
        rows = self.con.execute(sql, [ids]).fetchall()
        return {r[0] for r in rows}

    def write_batch(
        self,
        docs: Sequence[Document],
        errors: Sequence[tuple[str, str | None, str, str]],
        run_id: str,
        replace: bool = False,
    ) -> tuple[list[Document], list[Document]]:
        """Store new documents and error rows in one transaction.

        Returns (stored, duplicates). With ``replace``, documents already stored are rewritten
        (for re-analysis with newer stages) instead of skipped.
        """
        seen: set[str] = set()
        unique: list[Document] = []
        dupes: list[Document] = []
        for d in docs:
            (dupes if d.id in seen else unique).append(d)
            seen.add(d.id)
        existing = self.existing_ids(d.id for d in unique)
        if replace:
            new = unique
        else:
            # an article a stage failed on is re-done by the next run, not skipped
            complete = self.existing_ids((d.id for d in unique), complete_only=True)
            new = [d for d in unique if d.id not in complete]
            dupes += [d for d in unique if d.id in complete]
        tables: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", *CHILD_TABLES)}
        for d in new:
            tables["articles"].append(article_row(d, run_id))
            tables["sentences"] += sentence_rows(d)
            tables["entities"] += entity_rows(d)
            tables["events"] += event_rows(d)
            tables["quotes"] += quote_rows(d)
        self.con.execute("BEGIN TRANSACTION")
        try:
            gone = [d.id for d in new if d.id in existing]
            if gone:
                for t in CHILD_TABLES:
                    self.con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT unnest(?))", [gone])
                self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [gone])
            for table, rows in tables.items():
                self._insert(table, rows)
            if errors:
                now = datetime.now()
                self.con.executemany(
                    "INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?, ?)",
                    [[run_id, src, rec, stage, reason, now] for src, rec, stage, reason in errors],
                )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return new, dupes

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        import pyarrow as pa

        cols = list(rows[0])
        arrow = pa.Table.from_pylist(rows)
        name = f"_batch_{table}"
        self.con.register(name, arrow)
        try:
            col_list = ", ".join(f'"{c}"' for c in cols)
            self.con.execute(f"INSERT INTO {table} ({col_list}) SELECT {col_list} FROM {name}")
        finally:
            self.con.unregister(name)

    # -- reads ----------------------------------------------------------------------------
    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def resolve_id(self, ref: str) -> str | None:
        """An article id from a full id, a unique id prefix, or the input's own doc_id."""
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id = ? OR doc_id = ? OR id LIKE ? LIMIT 2",
            [ref, ref, ref + "%"],
        ).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        exact = [r[0] for r in rows if r[0] == ref]
        return exact[0] if exact else None

    def load_document(self, article_id: str) -> Document | None:
        arts = self._dicts("SELECT * FROM articles WHERE id = ?", [article_id])
        if not arts:
            return None
        kids = {
            t: self._dicts(f"SELECT * FROM {t} WHERE article_id = ? ORDER BY idx", [article_id]) for t in CHILD_TABLES
        }
        return document_from_rows(arts[0], **kids)

    def counts(self) -> dict[str, int]:
        tables = ("articles", *CHILD_TABLES, "ingest_errors", "runs")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
