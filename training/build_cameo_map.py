"""Turn the OEDA CAMEO -> PLOVER crosswalk into our compact table (data/events/cameo2plover.tsv).

    python training/build_cameo_map.py [--shared ../shared] [--out FILE]

(default FILE: src/newsevents/data/events/cameo2plover.tsv)

The product never reads ../shared at run time; it reads the derived TSV this script writes.
Input lines look like ``042: CONSULT, visit,   # Make a visit`` (code: TYPE, mode, context # gloss)
and section headers like ``04: CONSULT``. What the script does besides copying:

* strips the padding, keeps the first of duplicated codes (175 appears twice), skips junk lines;
* adds the CAMEO roots 01 (public statements) and 02 (appeals) with an empty type: the PLOVER
  manual eliminated both, so a CAMEO 01x/02x coding is "no PLOVER event", not an unknown code;
* moves AID modes that the 2021 table keeps in its context column (``072: AID, , military``) into
  the mode column, as the manual's AID mode table has them;
* applies a few codebook overrides (our ../shared/CODEBOOK.md wins where it is stricter): 163
  "impose embargo, boycott, or sanctions" is SANCTION (codebook and PLOVER manual), not COERCE;
  195 aerial weapons and 204x WMD get the codebook's ASSAULT modes ``aerial`` and ``CBRN``.

Every row says where it came from (crosswalk | manual | codebook) in the last column.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "newsevents" / "data" / "events" / "cameo2plover.tsv"
SOURCE_NAME = "CAMEO2PLOVER-2021.txt"

LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*?)\s*(?:#\s*(.*))?$")
AID_MODES = {"economic", "military", "humanitarian", "asylum", "peacekeeping"}

# code -> (type, mode, context); None keeps the crosswalk's value.
CODEBOOK_OVERRIDES: dict[str, tuple[str | None, str | None, str | None]] = {
    "163": ("SANCTION", None, None),
    "195": (None, "aerial", None),
    "204": (None, "CBRN", None),
    "2041": (None, "CBRN", None),
    "2042": (None, "CBRN", None),
}
MANUAL_ROWS = [
    ("01", "", "", "", "manual", "Make public statement: eliminated in PLOVER"),
    ("02", "", "", "", "manual", "Appeal: eliminated in PLOVER"),
]

HEADER = """\
# CAMEO event code -> PLOVER event type, mode and context.
# Derived from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, 17-Sep-2021, ed. Philip Schrodt,
# Open Event Data Alliance, https://github.com/openeventdata/PLOVER), licensed CC BY-SA 4.0;
# this derived table is distributed under the same licence (CC BY-SA 4.0).
# Built by training/build_cameo_map.py; changes against the source are marked in `origin`:
#   crosswalk = as in the source (whitespace normalised; AID modes moved from context to mode)
#   manual    = CAMEO 01/02 are eliminated in PLOVER (empty type = no PLOVER event)
#   codebook  = overridden to follow our codebook (163 -> SANCTION; ASSAULT modes aerial/CBRN)
# Lookup: the longest listed prefix of a CAMEO code wins (0843 -> 084).
"""


@dataclass
class Row:
    """One CAMEO code and its PLOVER reading."""

    code: str
    type: str
    mode: str
    context: str
    origin: str
    gloss: str

    def tsv(self) -> str:
        return "\t".join([self.code, self.type, self.mode, self.context, self.origin, self.gloss])


def _clean(value: str) -> str:
    """Collapse padding and list separators ("crime; corruption" -> "crime;corruption")."""
    return re.sub(r"\s*;\s*", ";", value.strip())


def parse_line(line: str) -> Row | None:
    """One source line as a Row; None for comments, blank lines and separators."""
    m = LINE.match(line)
    if not m:
        return None
    code, body, gloss = m.group(1), m.group(2), (m.group(3) or "").strip()
    fields = [_clean(f) for f in body.split(",")]
    fields += [""] * (3 - len(fields))
    etype, mode, context = fields[0].upper(), fields[1], fields[2]
    if etype == "AID" and not mode and context in AID_MODES:
        mode, context = context, ""
    return Row(code, etype, mode, context, "crosswalk", gloss)


def convert(lines: list[str]) -> list[Row]:
    """All rows, first occurrence of each code kept, overrides applied, sorted by code."""
    rows: dict[str, Row] = {}
    for line in lines:
        row = parse_line(line)
        if row is not None and row.code not in rows:
            rows[row.code] = row
    for code, (etype, mode, context) in CODEBOOK_OVERRIDES.items():
        if code in rows:
            r = rows[code]
            r.type, r.mode = etype or r.type, mode or r.mode
            r.context = context if context is not None else r.context
            r.origin = "codebook"
    for code, etype, mode, context, origin, gloss in MANUAL_ROWS:
        rows.setdefault(code, Row(code, etype, mode, context, origin, gloss))
    return sorted(rows.values(), key=lambda r: r.code)


def write(rows: list[Row], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "\n".join(r.tsv() for r in rows)
    columns = "code\ttype\tmode\tcontext\torigin\tgloss\n"
    out.write_text(HEADER + columns + body + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    src = args.shared / "data" / "plover" / SOURCE_NAME
    rows = convert(src.read_text(encoding="utf-8").splitlines())
    write(rows, args.out)
    print(f"{len(rows)} codes -> {args.out}")


if __name__ == "__main__":
    main()
