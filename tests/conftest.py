"""Shared fixtures: where ../shared is (tests needing it skip with a reason when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_0196cf2e184cccf0.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "README.md").exists():
        pytest.skip(f"needs the development data folder {SHARED} (absent on user machines)")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return SEED


@pytest.fixture(scope="session")
def examples() -> Path:
    return ROOT / "examples"
