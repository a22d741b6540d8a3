"""``newsevents serve``: the API and dashboard over one database (registered in newsevents.cli)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Annotated

import typer

TOKEN_ENV = "NEWSEVENTS_API_TOKEN"


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else (f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/"


def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to serve (made by `newsevents run`).")] = Path(
        "newsevents.duckdb"
    ),
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar=TOKEN_ENV,
            show_envvar=True,
            help="Turn on POST /api/ingest (document upload) and require this token for it. Off when unset.",
        ),
    ] = None,
    writable: Annotated[
        bool,
        typer.Option("--writable", help="Keep a writable connection (default: read-only, written only by ingest)."),
    ] = False,
    max_export_rows: Annotated[
        int, typer.Option(help="Most rows one CSV/JSON Lines/Parquet download returns.")
    ] = 1_000_000,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "warning",
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /api/docs) and the dashboard at /.

    Example: newsevents serve --db demo.duckdb   then open the printed URL.
    """
    try:
        import uvicorn

        from .app import create_app
        from .db import ensure_schema
    except ImportError as exc:  # pragma: no cover - only without the API dependencies
        typer.echo(f"the API needs FastAPI and uvicorn ({exc}); pip install 'newsevents[api]'", err=True)
        raise typer.Exit(2) from None
    try:
        if ensure_schema(db):
            typer.echo(f"{db}: schema brought up to date (new indexes)", err=True)
        app = create_app(db, token=token, read_only=not writable, max_export_rows=max_export_rows)
    except (FileNotFoundError, RuntimeError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    if port == 0:
        port = free_port(host)
    url = url_for(host, port)
    typer.echo(f"newsevents dashboard: {url}")
    typer.echo(f"API docs: {url}api/docs   OpenAPI: {url}openapi.json   database: {db}")
    typer.echo(
        "ingest: "
        + ("on (token required)" if token else f"off (set {TOKEN_ENV} or --token to enable)")
        + "   stop with Ctrl+C",
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level in ("info", "debug"))


if __name__ == "__main__":  # python -m newsevents.api.cli --db demo.duckdb
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    typer.run(serve)
