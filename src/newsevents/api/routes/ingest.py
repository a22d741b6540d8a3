"""/api/ingest: upload documents to run through the pipeline (off unless a token is configured)."""

from __future__ import annotations

import hmac
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Header, HTTPException, UploadFile
from fastapi.concurrency import run_in_threadpool

from ..models import IngestResult
from ..output import json_response
from .deps import DB, Config

router = APIRouter(tags=["ingest"])
SAFE = str.maketrans({c: "_" for c in "/\\:\x00"})


def check_token(config_token: str | None, authorization: str | None, x_api_token: str | None) -> None:
    """403 when ingest is off (no token configured), 401 without the right token."""
    if not config_token:
        raise HTTPException(
            403, detail="ingest is disabled on this server: start it with --token or NEWSEVENTS_API_TOKEN to enable it"
        )
    given = x_api_token
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given or not hmac.compare_digest(given.encode(), config_token.encode()):
        raise HTTPException(
            401,
            detail="ingest needs the server's token (Authorization: Bearer TOKEN)",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.post("/api/ingest", response_model=IngestResult, status_code=200)
async def ingest(
    db: DB,
    config: Config,
    files: Annotated[list[UploadFile], File(description="Documents: text, HTML, JSON Lines, WARC, RSS/Atom.")],
    published: Annotated[date | None, Form(description="Publication date for every uploaded document.")] = None,
    input_format: Annotated[str | None, Form(description="Force a reader: text, html, jsonl, warc, feed.")] = None,
    authorization: Annotated[str | None, Header()] = None,
    x_api_token: Annotated[str | None, Header()] = None,
):
    """Run the whole pipeline on uploaded files and store the results (needs the server's token)."""
    check_token(config.token, authorization, x_api_token)
    if input_format is not None and input_format not in ("text", "html", "jsonl", "warc", "feed"):
        raise HTTPException(422, detail="input_format: choose text, html, jsonl, warc or feed")
    if not files:
        raise HTTPException(422, detail="upload at least one file (multipart field 'files')")
    if len(files) > config.max_upload_files:
        raise HTTPException(413, detail=f"at most {config.max_upload_files} files per request")
    tmp = Path(tempfile.mkdtemp(prefix="newsevents-upload-"))
    try:
        paths = []
        for i, up in enumerate(files):
            name = (up.filename or f"upload-{i}").translate(SAFE)[-120:] or f"upload-{i}"
            target = tmp / f"{i:03d}-{name}"
            size = 0
            with target.open("wb") as fh:
                while chunk := await up.read(1 << 20):
                    size += len(chunk)
                    if size > config.max_upload_bytes:
                        raise HTTPException(413, detail=f"{up.filename}: larger than {config.max_upload_bytes} bytes")
                    fh.write(chunk)
            paths.append(str(target))
        result = await run_in_threadpool(_run, db, paths, published, input_format, config.max_upload_bytes)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return json_response(result)


def _run(db, paths: list[str], published: date | None, input_format: str | None, max_bytes: int) -> dict:
    """Analyse without holding the database, then write in one exclusive section."""
    from ...ingest import ReadOptions
    from ...runner import run_pipeline

    options = ReadOptions(published=published, format=input_format, max_bytes=max_bytes)
    summary = run_pipeline(paths, db=None, options=options, keep_documents=True, command="api-ingest")
    failures = [(f.source, f.record, f.stage, f.reason) for f in summary.failures]

    def write(store) -> dict:
        run_id = store.start_run("api-ingest", {"files": [Path(p).name for p in paths]}, [])
        stored, dupes = store.write_batch(summary.documents, failures, run_id)
        counts = {"read": summary.read, "stored": len(stored), "duplicate": len(dupes), "failed": summary.failed}
        store.finish_run(run_id, counts, "ok" if not summary.failed else "partial")
        return {
            "run_id": run_id,
            **counts,
            "failures": [str(f) for f in summary.failures],
            "articles": [d.id for d in stored],
        }

    return db.write(write)
