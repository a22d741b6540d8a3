"""The actor knowledge base: readable YAML files under ``data/actors`` turned into lookup tables.

Files (more languages are added by adding ``*.<lang>.yaml`` files):
  countries.<lang>.yaml   ISO3 -> names, genitives, adjectives, demonyms, capitals, seats,
                          descriptions, regions, disputed entities, prefixes, ambiguous forms
  groups.<lang>.yaml      names of actors of one of several states (Kurds, "der Bund")
  organisations.yaml      IGOs, NGOs, armed groups, national bodies, parties, media
  sectors.<lang>.yaml     PLOVER sector -> sector words (lemmas); inherit words; ambiguous words
  grammar.<lang>.yaml     closed-class words the resolver needs (pronouns, prepositions ...)
  people/*.yaml           people with dated roles (country, sector, from, to)

Compiling the files takes about a second; ``default_kb`` keeps the compiled tables in a pickle in
the user's cache directory, keyed by a hash of the data files, so later processes load it in a
fraction of that.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import yaml

from ..cache import cache_dir, load_or_build

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
KB_FORMAT = 5  # bump when the compiled tables change shape (invalidates cached pickles)
GERMAN_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
TOKEN_RE = re.compile(r"(?:[A-ZÄÖÜ]\.){2,}|[\w’'][\w’'.]*(?:-\w[\w’']*)*-?", re.UNICODE)
SPECIAL_CODES = frozenset({"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"})

KINDS = ("person", "org", "seat", "capital", "country", "group", "adjective", "demonym", "region",
         "description", "sector", "block")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets; hyphenated compounds stay one token ("US-amerikanische")."""
    out = []
    for m in TOKEN_RE.finditer(text):
        tok = m.group(0)
        end = m.end()
        # a trailing full stop belongs to the token only for abbreviations like "U.S." / "Nr."
        if tok.endswith(".") and not re.fullmatch(r"(?:[A-Za-zÄÖÜ]\.)+", tok):
            tok, end = tok.rstrip("."), m.start() + len(tok.rstrip("."))
        # a trailing hyphen only for truncated compounds ("Staats- und Regierungschefs")
        if tok.endswith("-") and not (end < len(text) and text[end:end + 1] == " "):
            tok, end = tok[:-1], end - 1
        if tok:
            out.append((m.start(), end, tok))
    return out


def norm(tok: str) -> str:
    return tok.lower().replace("’", "'")


def umlaut(word: str) -> str:
    """The umlauted stem of a German noun ("Anwalt" -> "Anwält", "Bischof" -> "Bischöf")."""
    m = re.search(r"(au|a|o|u)([^aeiouäöü]*)$", word)
    if not m:
        return word
    rep = {"au": "äu", "a": "ä", "o": "ö", "u": "ü"}[m.group(1)]
    return word[: m.start()] + rep + m.group(2)


@dataclass(slots=True)
class Role:
    role: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    title: str | None = None


@dataclass(slots=True)
class Person:
    id: str
    names: list[str]
    roles: list[Role]
    after: dict[str, Any] | None = None
    gender: str | None = None

    def role_at(self, when: date, current: bool = False) -> tuple[str | None, str | None, str]:
        """(code, sector, how) for this person on ``when``: an active role, else former.

        ``current``: the text says the person holds office ("der amtierende Premier"): the most
        recent role begun by ``when`` counts even if the knowledge base has it ended already.
        """
        rank = {"head_of_state": 0, "head_of_government": 1, "monarch": 2, "foreign_minister": 3,
                "defence_minister": 4, "igo_head": 5, "minister": 6}
        active = [r for r in self.roles if (r.start is None or r.start <= when) and (r.end is None or when < r.end)]
        if active:
            best = min(active, key=lambda r: rank.get(r.role, 9))
            return best.country, best.sector, f"role:{best.role}"
        past = [r for r in self.roles if r.end is not None and r.end <= when]
        if past and current:
            last = max(past, key=lambda r: r.end or date.min)
            return last.country, last.sector, f"role:{last.role}+current"
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


@dataclass(slots=True)
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
    context_only: bool = False  # valid only when one of ``requires`` (default: own code) is in play
    requires: tuple[str, ...] = ()
    topic_prefix: bool = False
    surface: str = ""  # the form as the data writes it (case checks)
    codes: tuple[str, ...] = ()  # candidate states, chosen by context (groups.<lang>.yaml)
    ambiguous: bool = False  # listed as ambiguous: lower confidence
    lang: str = ""

    def sector_at(self, when: date) -> str | None:
        sector = self.sector
        for psec, start, until in self.periods:
            if (start is None or start <= when) and (until is None or when < until):
                sector = psec
        return sector


@dataclass
class Grammar:
    """Closed-class words of one language (grammar.<lang>.yaml)."""

    articles: frozenset[str] = frozenset()
    locative: frozenset[str] = frozenset()
    agentive: frozenset[str] = frozenset()
    directional: frozenset[str] = frozenset()
    target_nouns: frozenset[str] = frozenset()
    origin_nouns: frozenset[str] = frozenset()
    custody_words: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    international: frozenset[str] = frozenset()
    current_modifiers: frozenset[str] = frozenset()
    pro_prefixes: tuple[str, ...] = ()
    anti_prefixes: tuple[str, ...] = ()
    pronouns: dict[str, tuple[str, str]] = field(default_factory=dict)
    demonstratives: dict[str, str] = field(default_factory=dict)
    speaker_pronouns: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    country_anaphors: frozenset[str] = frozenset()
    org_anaphors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ellipsis: frozenset[str] = frozenset()
    age_nouns: str = r"(?!x)x"
    name_heads: frozenset[str] = frozenset()
    institution_prefixes: dict[str, str] = field(default_factory=dict)
    institution_heads: frozenset[str] = frozenset()
    non_actor_heads: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    not_heads: frozenset[str] = frozenset()
    feminine_nouns: frozenset[str] = frozenset()
    masculine_nouns: frozenset[str] = frozenset()
    relational_nouns: frozenset[str] = frozenset()
    water_words: frozenset[str] = frozenset()


@dataclass
class ActorKB:
    langs: tuple[str, ...]
    surfaces: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    max_len: int = 1
    first: dict[str, int] = field(default_factory=dict)  # first token -> longest surface starting with it
    sector_words: dict[str, str] = field(default_factory=dict)  # form (lower) -> sector
    sector_base: dict[str, str] = field(default_factory=dict)  # form (lower) -> lemma (lower)
    weak_sector: set[str] = field(default_factory=set)  # forms from the `ambiguous` lists
    inherit: set[str] = field(default_factory=set)  # forms of inherit words ("Sprecher")
    heads: dict[str, str] = field(default_factory=dict)  # compound heads (forms, lower) -> sector
    sector_heads: list[tuple[str, str]] = field(default_factory=list)  # (lemma, sector), longest first
    eli_modifiers: set[str] = field(default_factory=set)
    prefixes: dict[str, str] = field(default_factory=dict)  # compound first part (lower) -> code / org:ID
    topic_prefixes: dict[str, str] = field(default_factory=dict)  # "Nordkorea-Experte": topic, not affiliation
    capitals: dict[str, str] = field(default_factory=dict)  # capital (lower) -> code
    org_prefix_codes: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # code -> preferred name
    grammar: dict[str, Grammar] = field(default_factory=dict)

    # -- building ------------------------------------------------------------------------
    def add(self, surface: str, entry: Entry) -> None:
        toks = tuple(norm(t[2]) for t in tokenize(surface))
        if not toks:
            return
        bucket = self.surfaces[toks]
        if any(e.kb_id == entry.kb_id and e.kind == entry.kind for e in bucket):
            return
        if not entry.surface:
            entry.surface = surface
        bucket.append(entry)
        self.max_len = max(self.max_len, len(toks))
        if self.first.get(toks[0], 0) < len(toks):
            self.first[toks[0]] = len(toks)

    def lookup(self, toks: tuple[str, ...]) -> list[Entry]:
        return self.surfaces.get(toks, [])

    def grammar_for(self, lang: str) -> Grammar:
        return self.grammar.get(lang) or self.grammar.get("de") or Grammar()


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


def _name_of(v: Any) -> str | None:
    if isinstance(v, dict):
        v = v.get("name") or v.get("text") or v.get("word")
    return str(v) if v not in (None, "") else None


def _load_countries(kb: ActorKB, path: Path, lang: str) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    for code, e in data.items():
        if not isinstance(e, dict):
            continue
        code = str(code).upper()
        names = [str(n) for n in _as_list(e.get("names"))]
        display = names[0] if names else code
        if names and code not in kb.country_names:
            kb.country_names[code] = names[0]
        ambiguous = {norm(n) for n in map(_name_of, _as_list(e.get("ambiguous"))) if n}
        known: set[str] = set()
        add = partial(_add_form, kb, code, display, ambiguous, known, lang)

        for n in names:
            add(n, "country", case_sensitive=n.isupper() and len(n) <= 4)
            if lang == "de" and not n.isupper():
                for g in _genitive(n):
                    add(g, "country")
        for n in _as_list(e.get("genitives")) + _as_list(e.get("historic_names")):
            add(str(n), "country")
        for a in _as_list(e.get("adjectives")):
            for f in ([str(a) + end for end in GERMAN_ADJ_ENDINGS] if lang == "de" else [str(a)]):
                add(f, "adjective")
        for a in _as_list(e.get("historic_adjectives")):
            for f in ([str(a) + end for end in GERMAN_ADJ_ENDINGS] if lang == "de" else [str(a)]):
                add(f, "adjective")
        for a in _as_list(e.get("adjectives_invariant")):
            add(str(a), "adjective", case_sensitive=True, context_only=norm(str(a)) in ambiguous)
        for d in _as_list(e.get("demonyms")):
            add(str(d), "demonym", "CVL")
            # the plural demonym that is also the country's name ("Ungarn", "Polen"): both readings,
            # the resolver decides by the words before it ("tausende Ungarn")
            for plural in (str(d) + "n", str(d) + "en"):
                if plural in names:
                    add(plural, "demonym", "CVL")
        capitals = [str(c) for c in _as_list(e.get("capitals"))]
        for c in capitals:
            add(c, "capital", "GOV", c, context_only=norm(c) in ambiguous)
            kb.capitals.setdefault(norm(c), code)
            if lang == "de" and not e.get("capital_genitives"):
                for g in _genitive(c):
                    add(g, "capital", "GOV", c, context_only=norm(c) in ambiguous)
        for c in _as_list(e.get("capital_genitives")):
            base = next((x for x in capitals if str(c).startswith(x)), capitals[0] if capitals else str(c))
            add(str(c), "capital", "GOV", base, context_only=norm(base) in ambiguous)
        for d in _as_list(e.get("disputed_entities")):
            name = _name_of(d)
            if name:
                known.add(norm(name))
                kb.add(name, Entry("org", f"disputed:{code}:{name}", code, "PRE", name, lang=lang))
        for t in _as_list(e.get("topic_prefixes")):
            kb.topic_prefixes.setdefault(norm(str(t).strip("-")), code)
        for s in _as_list(e.get("seats")):
            name, sector = (s.get("name"), s.get("sector", "GOV")) if isinstance(s, dict) else (s, "GOV")
            for form in _seat_forms(str(name), lang):
                add(form, "seat", sector, str(name))
        for d in _as_list(e.get("descriptions")):
            text = _name_of(d)
            requires = d.get("requires") if isinstance(d, dict) else None
            sector = d.get("sector") if isinstance(d, dict) else None
            if text:
                known.add(norm(text))
                for form in _description_forms(text, lang):
                    kb.add(form, Entry("description", f"country:{code}", code, sector, display,
                                       context_only=requires != [], requires=tuple(requires or (code,)), lang=lang))
        for r in _as_list(e.get("regions")):
            name = _name_of(r)
            if name:
                add(name, "region", None, name)
                if lang == "de" and " " not in name and not name.endswith(("s", "z", "x")):
                    add(name + "s", "region", None, name)
        for p in _as_list(e.get("prefixes")):
            p = str(p).strip("-")
            if p:
                kb.prefixes.setdefault(norm(p), code)
        # ambiguous names the entry does not list elsewhere: `as: region` makes them places of
        # this state (context needed); anything else is a known word that codes nothing by itself
        # ("prorussisch" is not RUS), so no partial match or prefix rule misreads it.
        for a in _as_list(e.get("ambiguous")):
            name = _name_of(a)
            if not name or norm(name) in known:
                continue
            kind = a.get("as") if isinstance(a, dict) else None
            if kind == "region":
                kb.add(name, Entry("region", f"country:{code}", code, None, name, context_only=True,
                                   ambiguous=True, lang=lang))
            else:
                kb.add(name, Entry("block", f"block:{code}:{name}", None, None, name, lang=lang))


def _add_form(kb: ActorKB, code: str, display: str, ambiguous: set[str], known: set[str], lang: str,
              surface: str, kind: str, sector: str | None = None, name: str | None = None, **kw: Any) -> None:
    """One surface form of a state (countries.<lang>.yaml); remembers it as known."""
    known.add(norm(surface))
    kb.add(surface, Entry(kind, f"country:{code}", code, sector, name or display, ambiguous=norm(surface) in ambiguous,
                          lang=lang, **kw))


_ARTICLES_DE = ("der ", "die ", "das ", "dem ", "den ", "des ")


def _strip_article(text: str) -> str:
    for art in _ARTICLES_DE + ("the ",):
        if text.lower().startswith(art):
            return text[len(art):]
    return text


def _seat_forms(name: str, lang: str) -> list[str]:
    """A seat of power and its German case forms ("Weißes Haus" -> "Weißen Haus(es)")."""
    base = _strip_article(name)
    forms = {base}
    if lang == "de":
        words = base.split()
        if len(words) == 2 and words[0].endswith("es"):
            stem = words[0][:-2]
            forms |= {f"{stem}en {words[1]}", f"{stem}en {words[1]}es", f"{stem}en {words[1]}s",
                      f"{stem}e {words[1]}"}  # "das Weiße Haus", "des Weißen Hauses"
        if len(words) == 1 and not base.endswith("s"):
            forms |= {base + "s", base + "es"}
    return sorted(forms)


def _description_forms(text: str, lang: str) -> list[str]:
    """A description and its German case forms ("das abgeschottete Land" -> "dem abgeschotteten Land")."""
    base = _strip_article(text)
    words = base.split()
    if lang != "de" or not words:
        return [base]
    options: list[list[str]] = []
    for k, w in enumerate(words):
        if k == len(words) - 1 and w[:1].isupper():
            opts = [w, w + "s", w + "es", w + "en", w + "n"] if not w.endswith("s") else [w]
        elif w[:1].islower() and w.endswith("e"):
            opts = [w, w + "n", w + "s", w + "r", w + "m"]
        else:
            opts = [w]
        options.append(opts)
    forms = {""}
    for opts in options:
        forms = {(f + " " + o).strip() for f in forms for o in opts}
    return sorted(forms)


def _load_groups(kb: ActorKB, path: Path, lang: str) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    for k, e in enumerate(data):
        if not isinstance(e, dict):
            continue
        codes = tuple(str(c).upper() for c in _as_list(e.get("codes")))
        if not codes:
            continue
        sector = e.get("sector")
        kind = str(e.get("kind") or "group")
        ctx = bool(e.get("requires_context"))
        names = [str(n) for n in _as_list(e.get("names"))]
        display = names[0] if names else codes[0]
        kb_id = f"group:{lang}:{k}:{display}"
        for n in names:
            kb.add(n, Entry("group", kb_id, None, sector, display, codes=codes, context_only=ctx,
                            requires=codes, surface=n, lang=lang, topic_prefix=kind == "description"))
        for a in _as_list(e.get("adjectives")):
            for f in ([str(a) + end for end in GERMAN_ADJ_ENDINGS] if lang == "de" else [str(a)]):
                kb.add(f, Entry("adjective", kb_id, None, None, display, codes=codes, surface=f, lang=lang))


@dataclass(frozen=True)
class OrgNames:
    """The names of one organisation entry as the file gives them (shared by the KB loader and
    the NER's known-names component)."""

    entry: dict
    names: dict[str, list[str]]  # language -> names ("" when the file does not key them)
    abbreviations: list[str]
    ambiguous: frozenset[str]  # norm() of the names that need context


def organisation_entries(data_dir: Path = DATA) -> Iterator[OrgNames]:
    """Every entry of ``organisations*.yaml`` in ``data_dir`` with its names."""
    for path in sorted(data_dir.glob("organisations*.yaml")):
        for e in yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []:
            if not isinstance(e, dict) or not e.get("id"):
                continue
            names = e.get("names") or {}
            by_lang = ({str(k): [str(n) for n in _as_list(v)] for k, v in names.items()}
                       if isinstance(names, dict) else {"": [str(n) for n in _as_list(names)]})
            yield OrgNames(e, by_lang, [str(a) for a in _as_list(e.get("abbreviations"))],
                           frozenset(norm(n) for n in map(_name_of, _as_list(e.get("ambiguous"))) if n))


def _load_organisations(kb: ActorKB, org: OrgNames) -> None:
    e = org.entry
    code = e.get("code")
    sector = e.get("sector")
    flat = [n for lang_names in org.names.values() for n in lang_names]
    display = flat[0] if flat else str(e["id"])
    periods = tuple(
        (p.get("sector"), _date(p.get("from")), _date(p.get("until") or p.get("to")))
        for p in _as_list(e.get("sector_periods")) if isinstance(p, dict)
    )
    ambiguous = org.ambiguous
    prefixes = e.get("prefixes") or {}
    plist = sum((_as_list(v) for v in prefixes.values()), []) if isinstance(prefixes, dict) else _as_list(prefixes)
    for p in plist:
        kb.prefixes.setdefault(norm(str(p).strip("-")), f"org:{e['id']}")
        kb.org_prefix_codes.setdefault(norm(str(p).strip("-")), (code, sector))
    kb_id = f"org:{e['id']}"
    for n in flat:
        amb = norm(n) in ambiguous
        kb.add(n, Entry("org", kb_id, code, sector, display, context_only=amb, requires=(code,) if code else (),
                        periods=periods, ambiguous=amb))
        if not n.isupper() and len(n.split()) <= 2 and not n.endswith("s"):
            kb.add(n + "s", Entry("org", kb_id, code, sector, display, context_only=amb,
                                  requires=(code,) if code else (), periods=periods, ambiguous=amb))
        # single-word names are safe compound prefixes ("Podemos-Chef", "Hamas-Sprecher")
        if " " not in n and not amb and len(n) >= 3:
            kb.org_prefix_codes.setdefault(norm(n), (code, sector))
    for a in org.abbreviations:
        amb = norm(a) in ambiguous
        kb.add(a, Entry("org", kb_id, code, sector, display, case_sensitive=True, periods=periods,
                             context_only=amb, requires=(code,) if code else (), ambiguous=amb))
        if not amb:
            kb.prefixes.setdefault(norm(a), kb_id)
            kb.org_prefix_codes.setdefault(norm(a), (code, sector))
    # ambiguous names listed only there need context of the organisation's state
    for a in _as_list(e.get("ambiguous")):
        name = _name_of(a)
        if name and norm(name) not in {norm(x) for x in flat} and code and "-" not in name:
            kb.add(name, Entry("org", kb_id, code, sector, display, case_sensitive=name.isupper(),
                               context_only=True, requires=(code,), periods=periods, ambiguous=True))


def _sector_forms(word: str, lang: str) -> set[str]:
    w = word.strip()
    forms = {w}
    if lang == "de":
        for suf in ("s", "es", "n", "en", "e", "er", "ern", "in", "innen", "nen"):
            forms.add(w + suf)
        if w.endswith("e"):
            forms |= {w[:-1] + "en", w + "n"}
        if w.endswith("in"):  # feminine: Ministerin -> Ministerinnen
            forms.add(w + "nen")
        if w.endswith("er") and len(w) > 4:
            forms.add(w + "n")
            if _adjectival_stem(w[:-2]):  # adjectival nouns: Beamter -> Beamte, Beamten
                forms |= {w[:-2] + "e", w[:-2] + "en", w[:-2] + "em"}
        if re.search(r"[^aeiouäöü]$", w) and not w.endswith(("er", "in", "ent", "ant", "ist", "at")):
            u = umlaut(w)  # Anwalt -> Anwälte, Bischof -> Bischöfe, Verband -> Verbände
            if u != w:
                forms |= {u + "e", u + "en", u + "er", u + "ern"}
        if w.endswith("mann"):
            forms |= {w[:-4] + "männer", w[:-4] + "männern", w[:-4] + "leute", w[:-4] + "leuten"}
    else:
        forms |= {w + "s", w + "es"}
        if w.endswith("y"):
            forms.add(w[:-1] + "ies")
        if w.endswith("man"):
            forms.add(w[:-3] + "men")
        if w.endswith("person"):
            forms.add(w[:-6] + "people")
    return forms


def _adjectival_stem(stem: str) -> bool:
    """Whether "<stem>er" is an adjectival noun ("Beamter", "Aufständischer", "Vorsitzender",
    "Angehöriger") whose weak forms end in -e/-en ("Beamte"), not a plain noun in -er ("Täter",
    "Arbeiter", "Geldwäscher")."""
    low = stem.lower()
    if len(low) < 5:
        return False
    if low.endswith(("isch", "ig", "lich", "en", "nd", "ll", "los")):
        return not low.endswith("äsch")
    if low.endswith("t"):
        last = low.rsplit("-", 1)[-1]
        if last.endswith(("ist", "ent", "ant", "at")):
            return False
        return last.endswith("iert") or bool(re.search(r"(ge|be|ver|ent|er|zer|un)[a-zäöüß]{2,}t$", last))
    return False


def _load_sectors(kb: ActorKB, path: Path, lang: str) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    for sector, words in data.items():
        sector = str(sector)
        if sector.endswith("modifiers"):
            kb.eli_modifiers |= {norm(str(w).strip("-")) for w in _as_list(words)}
            continue
        if sector == "inherit" and isinstance(words, dict):
            # speaker/representative words take the sector of their actor; GOV by default
            _add_sector_words(kb, _as_list(words.get("words")), str(words.get("default") or "GOV"), lang,
                              inherit=True)
            continue
        if sector == "ambiguous":
            for w in _as_list(words):
                if isinstance(w, dict) and w.get("word") and w.get("default"):
                    _add_sector_words(kb, [w["word"]], str(w["default"]), lang, weak=True)
            continue
        if isinstance(words, list):
            _add_sector_words(kb, words, sector, lang)
    kb.sector_heads.sort(key=lambda x: -len(x[0]))


def _add_sector_words(kb: ActorKB, words: list, sector: str, lang: str, weak: bool = False,
                      inherit: bool = False) -> None:
    for w in words:
        w = w.get("word") if isinstance(w, dict) else w
        if not w:
            continue
        w = str(w)
        if " " in w:  # multiword sector phrase ("state media", "Oberstes Gericht")
            forms = {w} | ({w + "s"} if lang == "en" else set())
            if lang == "de":
                first, rest = w.split(" ", 1)
                if first[:1].isupper() is False or first.endswith(("es", "er", "e")):
                    stem = re.sub(r"(es|er|e)$", "", first)
                    forms |= {f"{stem}{end} {rest}" for end in ("e", "en", "er", "es", "em")}
                    forms |= {f + "s" for f in list(forms)} | {f + "es" for f in list(forms)}
            for f in forms:
                kb.add(f, Entry("sector", f"sector:{sector}", None, sector, w, lang=lang))
            continue
        base = norm(w)
        for f in _sector_forms(w, lang):
            nf = norm(f)
            if weak:
                if nf not in kb.sector_words:
                    kb.sector_words[nf] = sector
                    kb.weak_sector.add(nf)
                    kb.sector_base.setdefault(nf, base)
            else:
                if nf not in kb.sector_words or nf in kb.weak_sector:
                    kb.sector_words[nf] = sector
                    kb.weak_sector.discard(nf)
                    kb.sector_base[nf] = base
            if inherit:
                kb.inherit.add(nf)
            if lang == "de" and (len(w) >= 5 or inherit) and nf not in kb.heads:
                kb.heads[nf] = sector
        if len(w) >= 5 and not weak:
            kb.sector_heads.append((base, sector))


def _load_grammar(kb: ActorKB, path: Path, lang: str) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}

    def words(key: str, lower: bool = True) -> frozenset[str]:
        return frozenset(norm(str(w)) if lower else str(w) for w in _as_list(data.get(key)))

    g = Grammar(
        articles=words("articles"), locative=words("locative"), agentive=words("agentive"),
        directional=words("directional"), target_nouns=words("target_nouns"), origin_nouns=words("origin_nouns"),
        custody_words=words("custody_words"), quantifiers=words("quantifiers"), international=words("international"),
        current_modifiers=words("current_modifiers"),
        pro_prefixes=tuple(norm(str(w)) for w in _as_list(data.get("pro_prefixes"))),
        anti_prefixes=tuple(norm(str(w)) for w in _as_list(data.get("anti_prefixes"))),
        pronouns={norm(str(k)): (str(v[0]), str(v[1]) if len(v) > 1 else "")
                  for k, v in (data.get("pronouns") or {}).items()},
        demonstratives={norm(str(k)): str(v) for k, v in (data.get("demonstratives") or {}).items()},
        speaker_pronouns=words("speaker_pronouns"), speech_verbs=words("speech_verbs"),
        country_anaphors=words("country_anaphors"),
        org_anaphors={norm(str(k)): tuple(str(x) for x in _as_list(v))
                      for k, v in (data.get("org_anaphors") or {}).items()},
        ellipsis=words("ellipsis"), age_nouns=str(data.get("age_nouns") or r"(?!x)x"),
        name_heads=words("name_heads"),
        institution_prefixes={norm(str(k)): str(v) for k, v in (data.get("institution_prefixes") or {}).items()},
        institution_heads=words("institution_heads"),
        non_actor_heads=words("non_actor_heads"), place_heads=words("place_heads"), not_heads=words("not_heads"),
        feminine_nouns=words("feminine_nouns"), masculine_nouns=words("masculine_nouns"),
        relational_nouns=words("relational_nouns"), water_words=words("water_words"),
    )
    kb.grammar[lang] = g


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


def data_files(data_dir: Path | None = None) -> list[Path]:
    """Every file the knowledge base is compiled from (for the cache key)."""
    data_dir = data_dir or DATA
    return sorted(p for p in data_dir.rglob("*.yaml") if p.is_file())


def load_kb(langs: tuple[str, ...] = ("de", "en"), data_dir: Path | None = None,
            extra: tuple[Path, ...] = ()) -> ActorKB:
    """Compile the knowledge base from the YAML files (plus PETRARCH/Phoenix dictionaries)."""
    data_dir = data_dir or DATA
    kb = ActorKB(langs=langs)
    for lang in langs:
        for kind, loader in (("countries", _load_countries), ("sectors", _load_sectors),
                             ("groups", _load_groups), ("grammar", _load_grammar)):
            p = data_dir / f"{kind}.{lang}.yaml"
            if p.exists():
                loader(kb, p, lang)
    for org in organisation_entries(data_dir):
        _load_organisations(kb, org)
    if (data_dir / "people").is_dir():
        _load_people(kb, data_dir / "people")
    for p in extra:
        from .petrarch import load_petrarch_actors

        load_petrarch_actors(kb, p)
    kb.surfaces = dict(kb.surfaces)
    return kb


def kb_cache_key(langs: tuple[str, ...], data_dir: Path | None = None, extra: tuple[Path, ...] = ()) -> str:
    h = hashlib.sha256(f"{KB_FORMAT}|{','.join(langs)}".encode())
    for p in data_files(data_dir) + [Path(x) for x in extra]:
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    src = Path(__file__).resolve().parent
    for p in (src / "kb.py", src / "petrarch.py"):
        h.update(p.read_bytes())
    return h.hexdigest()[:24]


def load_kb_cached(langs: tuple[str, ...] = ("de", "en"), data_dir: Path | None = None,
                   extra: tuple[Path, ...] = (), use_cache: bool = True) -> ActorKB:
    """``load_kb`` through a pickle in ``cache_dir()`` keyed by a hash of the data files."""
    if not use_cache or os.environ.get("NEWSEVENTS_NO_KB_CACHE"):
        return load_kb(langs, data_dir, extra)
    try:
        key = kb_cache_key(langs, data_dir, extra)
    except OSError:  # an unreadable extra dictionary: load_kb reports it
        return load_kb(langs, data_dir, extra)
    # the few most recent compiled knowledge bases are kept
    return load_or_build(
        cache_dir() / f"actors-{key}.pickle", lambda: load_kb(langs, data_dir, extra), ActorKB, keep=4
    )


@lru_cache(maxsize=4)
def default_kb(langs: tuple[str, ...] = ("de", "en"), extra: tuple[str, ...] = ()) -> ActorKB:
    """The shipped knowledge base (or the folder in NEWSEVENTS_KB_DIR) plus user dictionaries
    ``extra`` (PETRARCH/Phoenix files), loaded once per process."""
    data_dir = Path(os.environ["NEWSEVENTS_KB_DIR"]) if os.environ.get("NEWSEVENTS_KB_DIR") else None
    return load_kb_cached(langs, data_dir=data_dir, extra=tuple(Path(p) for p in extra))
