"""Responses: fast JSON, and downloads of a filtered view as CSV, JSON Lines or Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb
from fastapi import Response
from fastapi.responses import StreamingResponse

from ..store.queries import JSON_COLUMNS, decode_json_columns

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default, separators=(",", ":"))


def json_response(value: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """Serialise once with the standard library (dates as ISO strings), skipping re-validation."""
    return Response(dumps(value), status_code=status_code, media_type="application/json", headers=headers)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return dumps(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _disposition(name: str, fmt: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}


def rows_download(rows: list[dict[str, Any]], fmt: str, name: str) -> Response:
    """A download of already computed rows (statistics, actors)."""
    headers = {**_disposition(name, fmt), "X-Total-Count": str(len(rows))}
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        flat = [
            {k: dumps(v) if isinstance(v, (dict, list)) and k != "sectors" else v for k, v in r.items()} for r in rows
        ]
        table = pa.Table.from_pylist(flat)
        buf = io.BytesIO()
        pq.write_table(table, buf)
        return Response(buf.getvalue(), media_type=MEDIA[fmt], headers=headers)
    return StreamingResponse(_text_lines(rows, fmt), media_type=MEDIA[fmt], headers=headers)


def _text_lines(rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    if fmt == "jsonl":
        for r in rows:
            yield dumps(r) + "\n"
        return
    buf = io.StringIO()
    writer: csv.writer | None = None  # type: ignore[valid-type]
    for r in rows:
        if writer is None:
            writer = csv.writer(buf)
            writer.writerow(list(r))
        writer.writerow([_csv_cell(v) for v in r.values()])
        if buf.tell() > 64_000:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def query_download(
    cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any], fmt: str, name: str, max_rows: int
) -> Response:
    """A download of a query's rows, read at once as Arrow (columnar, compact), written in ``fmt``.

    The query runs while the caller holds its cursor; only the finished Arrow table is streamed.
    JSON columns stay JSON text in CSV and Parquet and become objects in JSON Lines.
    """
    rel = cur.sql(f"SELECT * FROM ({sql}) LIMIT ?", params=[*params, max_rows])
    table = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()  # duckdb 2 / duckdb 1
    headers = {**_disposition(name, fmt), "X-Total-Count": str(table.num_rows)}
    if fmt == "parquet":
        import pyarrow.parquet as pq

        buf = io.BytesIO()
        pq.write_table(table, buf)
        return Response(buf.getvalue(), media_type=MEDIA[fmt], headers=headers)
    return StreamingResponse(_arrow_lines(table, fmt), media_type=MEDIA[fmt], headers=headers)


def _arrow_lines(table: Any, fmt: str) -> Iterator[str]:
    names = table.column_names
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(names)
        for batch in table.to_batches(max_chunksize=2000):
            for r in batch.to_pylist():
                writer.writerow([_csv_cell(r[n]) for n in names])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        return
    decode = any(n in JSON_COLUMNS for n in names)
    for batch in table.to_batches(max_chunksize=2000):
        lines = []
        for r in batch.to_pylist():
            lines.append(dumps(decode_json_columns(r) if decode else r))
        if lines:
            yield "\n".join(lines) + "\n"
