"""PLOVER scales: conflict-cooperation score, quad class, CAMEO root, and the CAMEO crosswalk.

Tables are data files (``data/events/scales.yaml`` and ``cameo2plover.tsv``) so users can see and
change them; this module only looks values up. Functions take a PLOVER type string (or anything
with ``.event``/``.mode``, such as an ``Event``) and return None for types outside PLOVER rather
than raising, because they run inside the store's write path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "events"
SCALES_FILE = DATA / "scales.yaml"
CAMEO_FILE = DATA / "cameo2plover.tsv"

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
# Cooperative types that, only announced for the future, PLOVER codes as AGREE (CODEBOOK.md).
FUTURE_AGREE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})


@dataclass(frozen=True)
class CameoEntry:
    """One row of the CAMEO -> PLOVER crosswalk; ``type`` is None for codes PLOVER does not code."""

    code: str
    type: str | None
    mode: str | None
    context: str | None
    origin: str


@dataclass(frozen=True)
class Scales:
    """The loaded scale tables: per type and per (type, mode)."""

    types: dict[str, dict[str, Any]]
    modes: dict[str, dict[str, dict[str, Any]]]


@cache
def scales() -> Scales:
    """The scale tables from ``scales.yaml`` (read once)."""
    raw = yaml.safe_load(SCALES_FILE.read_text(encoding="utf-8"))
    return Scales(types=raw["types"], modes=raw.get("modes") or {})


@cache
def cameo_table() -> dict[str, CameoEntry]:
    """CAMEO code -> crosswalk entry, from our derived ``cameo2plover.tsv`` (read once)."""
    table: dict[str, CameoEntry] = {}
    header_seen = False
    for line in CAMEO_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        code, etype, mode, context, origin = (line.split("\t") + [""] * 5)[:5]
        table[code] = CameoEntry(code, etype or None, mode or None, context or None, origin)
    return table


def _type_mode(event: Any, mode: str | None) -> tuple[str, str | None]:
    """Accept a type string or an Event-like object; the object's mode is the default mode."""
    if isinstance(event, str):
        return event.upper(), mode
    return str(event.event).upper(), mode if mode is not None else getattr(event, "mode", None)


def _mode_row(etype: str, mode: str | None) -> dict[str, Any]:
    if not mode:
        return {}
    return scales().modes.get(etype, {}).get(mode, {})


def plover_score(event: Any, mode: str | None = None) -> float | None:
    """Conflict (-10) to cooperation (+10) score of a type and mode; None for a non-PLOVER type."""
    etype, mode = _type_mode(event, mode)
    row = scales().types.get(etype)
    if row is None:
        return None
    return float(_mode_row(etype, mode).get("score", row["score"]))


def quad_class(event: Any) -> int | None:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    etype, _ = _type_mode(event, None)
    row = scales().types.get(etype)
    return int(row["quad"]) if row else None


def cameo_root(event: Any, mode: str | None = None) -> str | None:
    """Approximate two-digit CAMEO cue category ("01".."20") of a type and mode."""
    etype, mode = _type_mode(event, mode)
    row = scales().types.get(etype)
    if row is None:
        return None
    return str(_mode_row(etype, mode).get("cameo_root", row["cameo_root"]))


def cameo_code(event: Any, mode: str | None = None) -> str | None:
    """The most general CAMEO code under the type's root that the crosswalk gives this type+mode.

    Falls back to the type's mode-less code under the root, then to root + "0" (GDELT-style
    three-digit base code). Used as GDELT ``EventCode``; approximate by construction.
    """
    etype, mode = _type_mode(event, mode)
    root = cameo_root(etype, mode)
    if root is None:
        return None
    rows = [e for e in cameo_table().values()
            if e.type == etype and e.code.startswith(root) and len(e.code) > 2]
    for wanted in ([mode] if mode else []) + [None]:
        hits = sorted((e.code for e in rows if e.mode == wanted), key=lambda c: (len(c), c))
        if hits:
            return hits[0]
    return root + "0"


def cameo_entry(code: str) -> CameoEntry | None:
    """The crosswalk entry of a CAMEO code, by its longest listed prefix (0843 -> 084)."""
    code = str(code).strip()
    table = cameo_table()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def plover_from_cameo(code: str) -> tuple[str, str | None] | None:
    """(PLOVER type, mode) of a CAMEO event code; None when PLOVER does not code it (01x, 02x)."""
    entry = cameo_entry(code)
    if entry is None or entry.type is None:
        return None
    return entry.type, entry.mode


def strict_type(event: Any, future: bool | None = None) -> str:
    """The PLOVER-strict type: announced CONSULT/SUPPORT/COOPERATE/AID become AGREE (codebook)."""
    etype, _ = _type_mode(event, None)
    if future is None:
        future = bool(getattr(event, "future", False))
    return "AGREE" if future and etype in FUTURE_AGREE_TYPES else etype
