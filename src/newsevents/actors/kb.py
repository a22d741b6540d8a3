"""The actor knowledge base: readable YAML files under ``data/actors`` turned into lookup tables.

Files (more languages are added by adding ``*.<lang>.yaml`` files):
  countries.<lang>.yaml   ISO3 -> names, genitives, adjectives, demonyms, capitals, seats, ...
  organisations.yaml      IGOs, NGOs, armed groups, national bodies, parties, media
  sectors.<lang>.yaml     PLOVER sector -> sector words (lemmas)
  people/*.yaml           people with dated roles (country, sector, from, to)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
GERMAN_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
TOKEN_RE = re.compile(r"(?:[A-ZÄÖÜ]\.){2,}|[\w’'][\w’'.]*(?:-\w[\w’']*)*", re.UNICODE)

# Sector precedence when one word could mean several things is the data's business; these are
# the kinds of surface forms the matcher knows.
KINDS = ("country", "capital", "seat", "adjective", "demonym", "description", "org", "person", "prefix")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets; hyphenated compounds stay one token ("US-amerikanische")."""
    out = []
    for m in TOKEN_RE.finditer(text):
        tok = m.group(0)
        end = m.end()
        # a trailing full stop belongs to the token only for abbreviations like "U.S." / "Nr."
        if tok.endswith(".") and not re.fullmatch(r"(?:[A-Za-zÄÖÜ]\.)+", tok):
            tok, end = tok.rstrip("."), m.start() + len(tok.rstrip("."))
        if tok:
            out.append((m.start(), end, tok))
    return out


def norm(tok: str) -> str:
    return tok.lower().replace("’", "'")


@dataclass
class Role:
    role: str
    country: str
    sector: str | None
    start: date | None
    end: date | None
    title: str | None = None


@dataclass
class Person:
    id: str
    names: list[str]
    roles: list[Role]
    after: dict[str, Any] | None = None
    gender: str | None = None

    def role_at(self, when: date) -> tuple[str | None, str | None, str]:
        """(code, sector, how) for this person on ``when``: an active role, else former."""
        rank = {"head_of_state": 0, "head_of_government": 1, "monarch": 2, "foreign_minister": 3,
                "defence_minister": 4, "igo_head": 5, "minister": 6}
        active = [r for r in self.roles if (r.start is None or r.start <= when) and (r.end is None or when < r.end)]
        if active:
            best = min(active, key=lambda r: rank.get(r.role, 9))
            return best.country, best.sector, f"role:{best.role}"
        past = [r for r in self.roles if r.end is not None and r.end <= when]
        if past and self.after:
            return self.after.get("country"), self.after.get("sector"), "former"
        if past:
            last = max(past, key=lambda r: r.end or date.min)
            return last.country, None, "former"
        future = [r for r in self.roles if r.start and r.start > when]
        if future:
            first = min(future, key=lambda r: r.start or date.max)
            return first.country, None, "before_office"
        return None, None, "unknown"


@dataclass
class Entry:
    """One surface form's meaning."""

    kind: str
    kb_id: str
    code: str | None
    sector: str | None = None
    name: str | None = None
    case_sensitive: bool = False
    person: Person | None = None
    periods: tuple[tuple[str | None, date | None, date | None], ...] = ()  # (sector, from, until)
    context_only: bool = False  # descriptions valid only when the country is already in play
    requires: tuple[str, ...] = ()  # codes of which one must be mentioned first (default: own)
    topic_prefix: bool = False


@dataclass
class ActorKB:
    langs: tuple[str, ...]
    surfaces: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    max_len: int = 1
    sector_words: dict[str, str] = field(default_factory=dict)  # form (lower) -> sector
    sector_heads: list[tuple[str, str]] = field(default_factory=list)  # compound heads, longest first
    eli_modifiers: set[str] = field(default_factory=set)
    prefixes: dict[str, str] = field(default_factory=dict)  # compound first part (lower) -> code
    topic_prefixes: dict[str, str] = field(default_factory=dict)  # "Nordkorea-Experte": topic, not affiliation
    capitals: dict[str, str] = field(default_factory=dict)  # capital (lower) -> code
    org_prefix_codes: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # code -> preferred name

    # -- building ------------------------------------------------------------------------
    def add(self, surface: str, entry: Entry) -> None:
        toks = tuple(norm(t[2]) for t in tokenize(surface))
        if not toks:
            return
        if any(e.kb_id == entry.kb_id and e.kind == entry.kind for e in self.surfaces[toks]):
            return
        self.surfaces[toks].append(entry)
        self.max_len = max(self.max_len, len(toks))

    def lookup(self, toks: tuple[str, ...]) -> list[Entry]:
        return self.surfaces.get(toks, [])


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _date(v: Any) -> date | None:
    if v in (None, "", "null"):
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _genitive(name: str) -> list[str]:
    last = name.split()[-1] if name.split() else name
    if last[-1:] in ("s", "z", "x", "ß"):
        return [name + "'"]
    return [name + "s"]


def _load_countries(kb: ActorKB, path: Path, lang: str) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    for code, e in data.items():
        if not isinstance(e, dict):
            continue
        code = str(code).upper()
        names = [str(n) for n in _as_list(e.get("names"))]
        if names and code not in kb.country_names:
            kb.country_names[code] = names[0]
        for n in names:
            kb.add(n, Entry("country", f"country:{code}", code, None, names[0] if names else code,
                            case_sensitive=n.isupper() and len(n) <= 4))
            if lang == "de" and not n.isupper():
                for g in _genitive(n):
                    kb.add(g, Entry("country", f"country:{code}", code, None, names[0]))
        for n in _as_list(e.get("genitives")):
            kb.add(str(n), Entry("country", f"country:{code}", code, None, names[0] if names else code))
        for a in _as_list(e.get("adjectives")):
            forms = [str(a) + end for end in GERMAN_ADJ_ENDINGS] if lang == "de" else [str(a)]
            for f in forms:
                kb.add(f, Entry("adjective", f"country:{code}", code, None, names[0] if names else code))
        for a in _as_list(e.get("adjectives_invariant")):
            kb.add(str(a), Entry("adjective", f"country:{code}", code, None, names[0] if names else code,
                                 case_sensitive=True))
        for d in _as_list(e.get("demonyms")):
            kb.add(str(d), Entry("demonym", f"country:{code}", code, "CVL", names[0] if names else code))
        ambiguous = {norm(str(a.get("name") if isinstance(a, dict) else a)) for a in _as_list(e.get("ambiguous"))}
        capitals = [str(c) for c in _as_list(e.get("capitals"))]
        for c in capitals:
            kb.add(c, Entry("capital", f"country:{code}", code, "GOV", c, context_only=norm(c) in ambiguous))
            kb.capitals.setdefault(norm(c), code)
            if lang == "de" and not e.get("capital_genitives"):
                for g in _genitive(c):
                    kb.add(g, Entry("capital", f"country:{code}", code, "GOV", c))
        for c in _as_list(e.get("capital_genitives")):
            kb.add(str(c), Entry("capital", f"country:{code}", code, "GOV", capitals[0] if capitals else str(c)))
        for d in _as_list(e.get("disputed_entities")):
            name = d.get("name") if isinstance(d, dict) else d
            if name:
                kb.add(str(name), Entry("org", f"disputed:{code}:{name}", code, "PRE", str(name)))
        for t in _as_list(e.get("topic_prefixes")):
            kb.topic_prefixes.setdefault(norm(str(t).strip("-")), code)
        for s in _as_list(e.get("seats")):
            name, sector = (s.get("name"), s.get("sector", "GOV")) if isinstance(s, dict) else (s, "GOV")
            for form in _seat_forms(str(name), lang):
                kb.add(form, Entry("seat", f"country:{code}", code, sector, str(name)))
        for d in _as_list(e.get("descriptions")):
            text = (d.get("name") or d.get("text")) if isinstance(d, dict) else d
            requires = d.get("requires") if isinstance(d, dict) else None
            if text:
                for form in _description_forms(str(text), lang):
                    kb.add(form, Entry("description", f"country:{code}", code, None, names[0] if names else code,
                                       context_only=requires != [], requires=tuple(requires or (code,))))
        for p in _as_list(e.get("prefixes")):
            p = str(p).strip("-")
            if p:
                kb.prefixes.setdefault(norm(p), code)


_ARTICLES_DE = ("der ", "die ", "das ", "dem ", "den ", "des ")


def _seat_forms(name: str, lang: str) -> list[str]:
    """A seat of power and its German case forms ("Weißes Haus" -> "Weißen Haus(es)")."""
    base = name
    for art in _ARTICLES_DE + ("the ",):
        if base.lower().startswith(art):
            base = base[len(art):]
    forms = {base}
    if lang == "de":
        words = base.split()
        if len(words) == 2 and words[0].endswith("es"):
            stem = words[0][:-2]
            forms |= {f"{stem}en {words[1]}", f"{stem}en {words[1]}es", f"{stem}en {words[1]}s"}
        if len(words) == 1 and not base.endswith("s"):
            forms |= {base + "s", base + "es"}
    return sorted(forms)


def _description_forms(text: str, lang: str) -> list[str]:
    base = text
    for art in _ARTICLES_DE + ("the ",):
        if base.lower().startswith(art):
            base = base[len(art):]
    forms = {base}
    if lang == "de" and len(base.split()) == 1 and base[0].isupper():
        forms |= {base + "s", base + "es", base + "en"}
    return sorted(forms)


def _load_organisations(kb: ActorKB, path: Path) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    for e in data:
        if not isinstance(e, dict) or not e.get("id"):
            continue
        code = e.get("code")
        sector = e.get("sector")
        names = e.get("names") or {}
        flat: list[str] = []
        if isinstance(names, dict):
            for lang_names in names.values():
                flat += [str(n) for n in _as_list(lang_names)]
        else:
            flat = [str(n) for n in _as_list(names)]
        display = flat[0] if flat else str(e["id"])
        periods = tuple(
            (p.get("sector"), _date(p.get("from")), _date(p.get("until") or p.get("to")))
            for p in _as_list(e.get("sector_periods")) if isinstance(p, dict)
        )
        ambiguous = {norm(str(a.get("name") if isinstance(a, dict) else a)) for a in _as_list(e.get("ambiguous"))}
        prefixes = e.get("prefixes") or {}
        for p in (sum((_as_list(v) for v in prefixes.values()), []) if isinstance(prefixes, dict) else _as_list(prefixes)):
            kb.prefixes.setdefault(norm(str(p).strip("-")), f"org:{e['id']}")
            kb.org_prefix_codes.setdefault(norm(str(p).strip("-")), (code, sector))
        for n in flat:
            kb.add(n, Entry("org", f"org:{e['id']}", code, sector, display, context_only=norm(n) in ambiguous,
                            requires=(code,) if code else (), periods=periods))
            if not n.isupper() and len(n.split()) <= 2 and not n.endswith("s"):
                kb.add(n + "s", Entry("org", f"org:{e['id']}", code, sector, display))
        for a in _as_list(e.get("abbreviations")):
            kb.add(str(a), Entry("org", f"org:{e['id']}", code, sector, display, case_sensitive=True, periods=periods))
            kb.prefixes.setdefault(norm(str(a)), f"org:{e['id']}")
            kb.org_prefix_codes.setdefault(norm(str(a)), (code, sector))


def _sector_forms(word: str, lang: str) -> set[str]:
    w = word.strip()
    forms = {w}
    if lang == "de":
        for suf in ("s", "es", "n", "en", "e", "er", "ern", "in", "innen", "nen"):
            forms.add(w + suf)
        if w.endswith("e"):
            forms |= {w[:-1] + "en", w + "n"}
        if w.endswith("er"):
            forms.add(w + "n")
            if w[-3:-2] in ("t", "n", "g", "d"):  # adjectival nouns: Beamter -> Beamte, Beamten
                forms |= {w[:-2] + "e", w[:-2] + "en", w[:-2] + "em"}
    else:
        forms |= {w + "s", w + "es"}
        if w.endswith("y"):
            forms.add(w[:-1] + "ies")
        if w.endswith("man"):
            forms.add(w[:-3] + "men")
    return forms


def _load_sectors(kb: ActorKB, path: Path, lang: str) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    for sector, words in data.items():
        sector = str(sector)
        if sector.endswith("modifiers"):
            kb.eli_modifiers |= {norm(str(w).strip("-")) for w in _as_list(words)}
            continue
        if sector == "inherit" and isinstance(words, dict):
            # speaker/representative words take the sector of their actor; GOV by default
            _add_sector_words(kb, _as_list(words.get("words")), str(words.get("default") or "GOV"), lang)
            continue
        if sector == "ambiguous":
            for w in _as_list(words):
                if isinstance(w, dict) and w.get("word") and w.get("default"):
                    _add_sector_words(kb, [w["word"]], str(w["default"]), lang, weak=True)
            continue
        if isinstance(words, list):
            _add_sector_words(kb, words, sector, lang)
    kb.sector_heads.sort(key=lambda x: -len(x[0]))


def _add_sector_words(kb: ActorKB, words: list, sector: str, lang: str, weak: bool = False) -> None:
    for w in words:
        w = w.get("word") if isinstance(w, dict) else w
        if not w:
            continue
        w = str(w)
        if " " in w:  # multiword sector phrase ("state media", "Oberstes Gericht")
            kb.add(w, Entry("sector", f"sector:{sector}", None, sector, w))
            if lang == "en":
                kb.add(w + "s", Entry("sector", f"sector:{sector}", None, sector, w))
            continue
        for f in _sector_forms(w, lang):
            if weak:
                kb.sector_words.setdefault(norm(f), sector)
            else:
                kb.sector_words[norm(f)] = kb.sector_words.get(norm(f), sector)
        if len(w) >= 5 and not weak:
            kb.sector_heads.append((norm(w), sector))


def _load_people(kb: ActorKB, folder: Path) -> None:
    for path in sorted(folder.glob("*.yaml")):
        for e in yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []:
            if not isinstance(e, dict) or not e.get("id"):
                continue
            roles = [
                Role(r.get("role", ""), str(r.get("country") or "").upper() or None, r.get("sector"),
                     _date(r.get("from")), _date(r.get("to")), r.get("title"))
                for r in _as_list(e.get("roles")) if isinstance(r, dict)
            ]
            person = Person(str(e["id"]), [str(n) for n in _as_list(e.get("names"))], roles,
                            e.get("after"), e.get("gender"))
            display = person.names[0] if person.names else person.id
            for n in person.names:
                entry = Entry("person", f"person:{person.id}", None, None, display, person=person)
                kb.add(n, entry)
                if not n.endswith(("s", "z", "x")):
                    kb.add(n + "s", entry)  # German genitive: "Putins Besuch"


def load_kb(langs: tuple[str, ...] = ("de", "en"), data_dir: Path | None = None,
            extra: tuple[Path, ...] = ()) -> ActorKB:
    data_dir = data_dir or DATA
    kb = ActorKB(langs=langs)
    for lang in langs:
        for kind, loader in (("countries", _load_countries), ("sectors", _load_sectors)):
            p = data_dir / f"{kind}.{lang}.yaml"
            if p.exists():
                loader(kb, p, lang)
    for p in sorted(data_dir.glob("organisations*.yaml")):
        _load_organisations(kb, p)
    if (data_dir / "people").is_dir():
        _load_people(kb, data_dir / "people")
    for p in extra:
        from .petrarch import load_petrarch_actors

        load_petrarch_actors(kb, p)
    return kb


@lru_cache(maxsize=4)
def default_kb(langs: tuple[str, ...] = ("de", "en"), extra: tuple[str, ...] = ()) -> ActorKB:
    """The shipped knowledge base (or the folder in NEWSEVENTS_KB_DIR), loaded once per process."""
    import os

    data_dir = Path(os.environ["NEWSEVENTS_KB_DIR"]) if os.environ.get("NEWSEVENTS_KB_DIR") else None
    return load_kb(langs, data_dir=data_dir, extra=tuple(Path(p) for p in extra))
