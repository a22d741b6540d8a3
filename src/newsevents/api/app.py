"""The FastAPI application: the JSON API under /api, its OpenAPI spec, and the dashboard at /."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .db import Database
from .params import reject_unknown
from .routes import articles, events, ingest, meta, stats
from .routes.deps import Settings

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("newsevents.api")

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>newsevents</title>
<h1>newsevents API</h1><p>The dashboard's assets are not built in this installation
(run <code>make web</code> in the source tree). The API works: <a href="/api/docs">/api/docs</a>,
<a href="/openapi.json">/openapi.json</a>.</p>"""


def _message(detail: Any) -> str:
    """One readable line from FastAPI's error details."""
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        parts = []
        for d in detail:
            loc = [str(x) for x in d.get("loc", []) if x not in ("query", "body", "path", "header")]
            where = ".".join(loc)
            parts.append(f"{where}: {d.get('msg')}" if where else str(d.get("msg")))
        return "; ".join(parts)
    return str(detail)


def _clean_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors without the echoed input (it may be huge or hostile)."""
    return [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]


def create_app(
    db_path: str | Path,
    token: str | None = None,
    read_only: bool = True,
    *,
    max_export_rows: int = 1_000_000,
    max_upload_bytes: int = 20 * 1024 * 1024,
    threads: int | None = None,
) -> FastAPI:
    """The app serving ``db_path``. ``token`` turns on the ingest endpoint and is then required
    by it; ``read_only`` (default) keeps the database read-only except during an ingest request."""
    settings = Settings(
        db_path=str(db_path),
        read_only=read_only,
        token=token or None,
        max_export_rows=max_export_rows,
        max_upload_bytes=max_upload_bytes,
    )
    database = Database(db_path, read_only=read_only, threads=threads)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        database.close()

    app = FastAPI(
        title="newsevents",
        summary="PLOVER-coded political events from news, with the words that support them.",
        description=(
            "Events (who did what to whom, when, where, according to whom), articles with every annotation, "
            "actors, quotes and statistics from a newsevents DuckDB database. Every list takes `format=csv`, "
            "`jsonl` or `parquet` to download the whole filtered view. Unknown query parameters are refused."
        ),
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.settings = settings
    guard = [Depends(reject_unknown)]
    for module in (events, articles, stats, meta, ingest):
        app.include_router(module.router, dependencies=guard)
    _errors(app)
    _docs(app)
    _dashboard(app)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _clean_errors(list(exc.errors()))
        return JSONResponse({"error": _message(errors), "detail": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": _message(exc.detail), "detail": exc.detail},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return JSONResponse({"error": "internal error (see the server log)"}, status_code=500)


def _docs(app: FastAPI) -> None:
    swagger = STATIC / "swagger"

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from local files (no CDN)."""
        if not (swagger / "swagger-ui-bundle.js").exists():
            return HTMLResponse(
                '<p>Swagger UI assets are not built; the spec is at <a href="/openapi.json">/openapi.json</a>.</p>'
            )
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="newsevents API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )


def _dashboard(app: FastAPI) -> None:
    index = STATIC / "index.html"
    if (STATIC / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=STATIC / "assets"), name="assets")
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        if index.exists():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(NOT_BUILT)
