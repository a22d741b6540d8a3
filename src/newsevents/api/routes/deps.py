"""Per-request access to the served database and the server's settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from ..db import Database


@dataclass
class Settings:
    """What a running server was started with."""

    db_path: str
    read_only: bool = True
    token: str | None = None
    max_export_rows: int = 1_000_000
    max_upload_bytes: int = 20 * 1024 * 1024
    max_upload_files: int = 20


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


DB = Annotated[Database, Depends(get_db)]
Config = Annotated[Settings, Depends(get_settings)]
