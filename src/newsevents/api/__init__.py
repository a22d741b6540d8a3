"""The HTTP API and dashboard: ``create_app(db_path)`` builds the FastAPI app; ``newsevents serve`` runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """See :func:`newsevents.api.app.create_app` (imported lazily: FastAPI loads only when serving)."""
    from .app import create_app as _create

    return _create(*args, **kwargs)


__all__ = ["create_app"]
