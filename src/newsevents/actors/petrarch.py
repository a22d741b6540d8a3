"""Reader for PETRARCH / TABARI / Phoenix actor and agent dictionaries (``--actors FILE``).

Actor files: a name line (``NAME_WITH_UNDERSCORES [CODE]``), optional ``+SYNONYM`` lines, and
code lines ``[CODE]`` / ``[CODE >YYYYMMDD]`` / ``[CODE YYYYMMDD-YYYYMMDD]`` / ``[CODE <YYYYMMDD]``.
Agent files: ``WORD {PLURAL} [~SEC]`` with ``!MACRO! = A, B`` substitutions. Codes are CAMEO
(``AFGMIL``, ``IGOUNO``); we split them into a PLOVER code and sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .kb import ActorKB, Entry, Person, Role, _sector_forms, norm

# CAMEO sector codes that differ from PLOVER's (CAMEO MED is media; health is HLH).
CAMEO_SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "SPY": "SPY",
    "PTY": "PTY", "OPP": "OPP", "REB": "REB", "UAF": "UAF", "CVL": "CVL", "MED": "JRN",
    "EDU": "EDU", "BUS": "BUS", "LAB": "LAB", "AGR": "AGR", "HLH": "MED", "REF": "REF",
    "ELI": "ELI", "CRM": "CRM", "HRI": "SOC", "ENV": "SOC", "NGO": "SOC", "SET": "CVL",
    "MOD": "GOV", "RAD": "OPP", "IGO": None, "PRE": "PRE", "REL": "REL", "CHR": "REL",
    "MOS": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL", "ITR": "REL",
}
SPECIAL = {"IGO", "NGO", "IMG", "MNC", "UNO", "EUR", "ISM", "NGM"}
_CODE = re.compile(r"\[([~A-Z0-9]+)\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\s*\]")
_COMMENT = re.compile(r"#.*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class DictEntry:
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)


def _day(s: str | None) -> date | None:
    if not s:
        return None
    s = s.strip("<>")
    try:
        if len(s) == 8:
            return date(int(s[:4]), int(s[4:6]), int(s[6:8]))
        if len(s) == 7:  # seen in the wild: YYYYDDD-like typos; keep the year
            return date(int(s[:4]), 1, 1)
        if len(s) == 6:
            return date(int(s[:2]) + (1900 if int(s[:2]) > 30 else 2000), int(s[2:4]), int(s[4:6]))
    except ValueError:
        return None
    return None


def split_cameo(code: str) -> tuple[str | None, str | None]:
    """A CAMEO actor code as (PLOVER code, PLOVER sector): IGOUNO -> (UNO, None); AFGMIL -> (AFG, MIL)."""
    code = code.lstrip("~").upper()
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not chunks:
        return None, None
    first = chunks[0]
    rest = chunks[1:]
    if first == "IGO" and rest and rest[0] in ("UNO", "EUR"):
        return rest[0], next((CAMEO_SECTOR.get(c) for c in rest[1:] if CAMEO_SECTOR.get(c)), None)
    if first in SPECIAL:
        return first, next((CAMEO_SECTOR.get(c) for c in rest if CAMEO_SECTOR.get(c)), None)
    if first in CAMEO_SECTOR and len(code) == 3:
        return None, CAMEO_SECTOR[first]
    return first, next((CAMEO_SECTOR.get(c) for c in rest if CAMEO_SECTOR.get(c)), None)


def _clean_name(raw: str) -> str:
    return raw.strip().strip("+").replace("_", " ").strip()


def parse_actor_file(text: str) -> list[DictEntry]:
    """Entries of a PETRARCH actor dictionary (names with their dated codes)."""
    text = _HTML_COMMENT.sub("", text)
    entries: list[DictEntry] = []
    cur: DictEntry | None = None
    for line in text.splitlines():
        line = _COMMENT.sub("", line).rstrip()
        if not line.strip():
            continue
        codes = [(m.group(1), m.group(2), m.group(3)) for m in _CODE.finditer(line)]
        name_part = _CODE.sub("", line).strip()
        if line[:1] in (" ", "\t") and not name_part:
            if cur is not None:
                cur.codes += [_code_tuple(c) for c in codes]
            continue
        if name_part.startswith("+"):
            if cur is not None:
                cur.names.append(_clean_name(name_part))
                cur.codes += [_code_tuple(c) for c in codes]
            continue
        if name_part.startswith("!") or "=" in name_part:
            continue
        cur = DictEntry([_clean_name(name_part)], [_code_tuple(c) for c in codes])
        entries.append(cur)
    return [e for e in entries if e.names and e.codes]


def _code_tuple(c: tuple[str, str | None, str | None]) -> tuple[str, date | None, date | None]:
    code, first, second = c
    if first and first.startswith(">"):
        return code, _day(first), None
    if first and first.startswith("<"):
        return code, None, _day(first)
    if first and second:
        return code, _day(first), _day(second)
    return code, None, None


def parse_agent_file(text: str) -> list[tuple[str, str]]:
    """(word, PLOVER sector) pairs of a PETRARCH agent dictionary, macros expanded."""
    text = _HTML_COMMENT.sub("", text)
    macros: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = _COMMENT.sub("", line).strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        cm = _CODE.search(line)
        if not cm or not cm.group(1).startswith("~"):
            continue
        _, sector = split_cameo(cm.group(1)[:4])
        if sector is None:
            continue
        word = re.sub(r"\{.*?\}", "", _CODE.sub("", line)).strip()
        plural = re.search(r"\{(.*?)\}", line)
        words = [word] + ([plural.group(1)] if plural and plural.group(1) else [])
        for w in words:
            for expanded in _expand(w, macros):
                out.append((_clean_name(expanded), sector))
    return out


def _expand(word: str, macros: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", word)
    if not m or m.group(0) not in macros:
        return [word.replace("!", "")] if "!" not in word or not m else []
    return [x for rep in macros[m.group(0)] for x in _expand(word.replace(m.group(0), rep, 1), macros)]


def load_petrarch_actors(kb: ActorKB, path: Path) -> int:
    """Add a PETRARCH actor or agent dictionary to ``kb``; returns the number of names added."""
    text = path.read_text(encoding="utf-8", errors="replace")
    is_agents = "[~" in text and text.count("[~") > text.count("[") / 2
    n = 0
    if is_agents:
        for word, sector in parse_agent_file(text):
            if " " in word:
                continue
            for f in _sector_forms(word.lower(), "en"):
                kb.sector_words.setdefault(norm(f), sector)
            n += 1
        return n
    for i, e in enumerate(parse_actor_file(text)):
        dated = [c for c in e.codes if c[1] or c[2]]
        kb_id = f"petrarch:{path.stem}:{i}"
        if dated:
            roles = []
            for code, start, end in e.codes:
                country, sector = split_cameo(code)
                roles.append(Role("dictionary", country or "", sector, start, end))
            person = Person(kb_id, e.names, roles)
            entry = Entry("person", kb_id, None, None, e.names[0].title(), person=person)
        else:
            country, sector = split_cameo(e.codes[0][0])
            entry = Entry("org", kb_id, country, sector, e.names[0].title())
        for name in e.names:
            kb.add(name, entry)
            n += 1
    return n
