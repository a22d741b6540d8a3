"""Exports of stored tables: JSON Lines, CSV and Parquet (later: PLOVER, GDELT)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import Store
from .queries import decode_json_columns

TABLES = ("articles", "events", "entities", "quotes", "sentences")


def export_table(store: Store, table: str, fmt: str, output: Path | None) -> int:
    """Write ``table`` in ``fmt`` to ``output`` (stdout when None for text formats); row count."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    n = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if fmt == "parquet":
        if output is None:
            raise ValueError("--format parquet needs --out FILE")
        store.con.execute(f"COPY (SELECT * FROM {table}) TO {_quote(output)} (FORMAT parquet)")
        return n
    if fmt == "csv":
        if output is None:
            import csv

            cur = store.con.execute(f"SELECT * FROM {table}")
            w = csv.writer(sys.stdout)
            w.writerow([d[0] for d in cur.description])
            for row in cur.fetchall():
                w.writerow(row)
            return n
        store.con.execute(f"COPY (SELECT * FROM {table}) TO {_quote(output)} (FORMAT csv, HEADER)")
        return n
    if fmt == "jsonl":
        cur = store.con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        fh = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            while batch := cur.fetchmany(1000):
                for row in batch:
                    obj = decode_json_columns(dict(zip(names, row, strict=True)))
                    fh.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
        finally:
            if output:
                fh.close()
        return n
    raise ValueError(f"unknown export format {fmt!r}; choose jsonl, csv or parquet")


def _quote(path: Path) -> str:
    """A file path as a SQL string literal (COPY cannot bind its target as a parameter)."""
    return "'" + str(path).replace("'", "''") + "'"
