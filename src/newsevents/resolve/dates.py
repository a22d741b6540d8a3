"""Date expressions in German and English news: find them, then resolve them to calendar values.

``DateFinder(lang).find(text)`` returns ``DateExpr`` objects (span + parsed fields) for explicit
dates ("13. September 2023", "am 10.01.1994"), months ("im Juli 2000", "Anfang August"), years
("seit 2011"), weekdays ("am Dienstag", "Donnerstag nächster Woche"), deictic words ("gestern",
"heute, Samstag"), relative periods ("letzte Woche", "im vergangenen Monat", "vor zwei Jahren",
"im kommenden Herbst") and anchored phrases ("am Vortag"). Durations ("seit 24 Jahren", "drei
Tage lang") match no pattern, so they never become dates.

``resolve(expr, ref, direction)`` turns one expression into ``Resolved(value, precision)`` against
the reference (publication) date; ``direction`` ('past' | 'future' | None) is the time of the
clause. The conventions follow ``tests/data/dates_places_gold.README.md``: a week is reported as
the month of its Thursday, seasons and quarters as years, "seit" + a point as that point.

All vocabulary lives in ``data/resolve/dates.<lang>.yaml``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "resolve"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ENDINGS = r"(?:e|en|er|es|em|n)?"
MIN_YEAR, MAX_YEAR = 1800, 2100
OTHER_DIRECTION_PENALTY = 2.5  # a day date without a year: distance against the clause's direction counts 2.5 times


@dataclass
class DateExpr:
    """A date expression found in text: span, kind and the fields its pattern captured."""

    start: int
    end: int
    text: str
    kind: str  # date|month|year|weekday|deictic|week|weekend|month_rel|year_rel|season|quarter|ago|anchored
    fields: dict[str, Any] = field(default_factory=dict)
    since: bool = False  # "seit ..." : the start point of a period
    forward: bool = False  # "bis/ab/für ..." : points forward when the clause has no tense


@dataclass
class Resolved:
    """A calendar value for an expression: 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY' with its precision."""

    value: str
    precision: str  # day | month | year
    rule: str = ""

    def first_day(self) -> date:
        return first_day(self.value)

    def last_day(self) -> date:
        return last_day(self.value)


def first_day(value: str) -> date:
    """The first calendar day of a 'YYYY[-MM[-DD]]' value."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    """The last calendar day of a 'YYYY[-MM[-DD]]' value."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], 12, 31)


@lru_cache(maxsize=4)
def lexicon(lang: str) -> dict[str, Any]:
    """The date vocabulary of ``lang`` (de or en; anything else falls back to de)."""
    path = DATA / f"dates.{lang}.yaml"
    if not path.exists():
        path = DATA / "dates.de.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _alt(words: Any, endings: str = "") -> str:
    """Regex alternation of ``words`` (longest first), each optionally followed by ``endings``."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)
    return f"(?:{body}){endings}"


def _num(word: str, numbers: dict[str, int]) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return numbers.get(w)


class DateFinder:
    """Finds date expressions in one language; compiled once per language (see ``finder``)."""

    def __init__(self, lang: str = "de"):
        self.lang = lang if lang in ("de", "en") else "de"
        lx = lexicon(self.lang)
        self.lx = lx
        self.months: dict[str, int] = {k.lower(): v for k, v in lx["months"].items()}
        self.weekdays: dict[str, int] = {k.lower(): v for k, v in lx["weekdays"].items()}
        self.numbers: dict[str, int] = {k.lower(): v for k, v in lx["numbers"].items()}
        self.units: dict[str, str] = {k.lower(): v for k, v in lx["units"].items()}
        self.deictic: dict[str, int] = {k.lower(): v for k, v in lx["deictic_days"].items()}
        self.deictic_adj: dict[str, int] = {k.lower(): v for k, v in (lx.get("deictic_adjectives") or {}).items()}
        self.seasons: dict[str, int] = {k.lower(): v for k, v in lx["seasons"].items()}
        self.quarters: dict[str, int] = {k.lower(): v for k, v in lx["quarters"].items()}
        self.parts: dict[str, str] = {k.lower(): v for k, v in lx["parts"].items()}
        self.anchored: dict[str, list] = {k.lower(): v for k, v in (lx.get("anchored") or {}).items()}
        self.rel: dict[str, int] = {}
        for key, off in (("past", -1), ("next", 1), ("this", 0)):
            for stem in lx["relative"][key]:
                self.rel[stem.lower()] = off
        self.since_words = {w.lower() for w in lx["since_words"]}
        self.forward_words = {w.lower() for w in lx["forward_words"]}
        self.night_words = {w.lower() for w in lx["night_words"]}
        self.year_blockers = {w.lower() for w in lx["year_blockers"]}
        self.generic_today = {w.lower() for w in lx.get("generic_today_cues") or []}
        self._compile()

    # -- patterns ---------------------------------------------------------------------------
    def _compile(self) -> None:
        lx = self.lx
        en = self.lang == "en"
        month = _alt(self.months)
        wd = _alt(self.weekdays)
        part_day = _alt(lx["day_parts"])
        rel = _alt(self.rel, "" if en else _ENDINGS)
        num = r"(?:\d{1,3}|" + _alt(self.numbers) + ")"
        approx = _alt(lx["approximators"])
        unit = _alt(self.units)
        part = _alt(self.parts)
        season = _alt(self.seasons)
        quarter = _alt(self.quarters)
        qword = _alt(lx["quarter_words"], "s?" if not en else "")
        week = _alt(lx["week_words"])
        weekend = _alt(lx["weekend_words"])
        monthw = _alt(lx["month_words"])
        yearw = _alt(lx["year_words"])
        deictic = _alt(self.deictic)
        year = r"(?:1[89]\d\d|20\d\d)"
        ddate = rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s*(?P<m>{month})(?:\s+(?P<y>{year}))?"
        endate = rf"(?P<m2>{month})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>{year}))?"
        endate2 = rf"(?<![\d.])(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m3>{month})(?:,?\s+(?P<y3>{year}))?"
        self.patterns: list[tuple[str, re.Pattern]] = []

        def add(kind: str, rx: str, flags: int = re.IGNORECASE) -> None:
            self.patterns.append((kind, re.compile(r"(?<![\w])" + rx, flags)))

        add("numeric", rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>{year}|\d{{2}})(?![\d])")
        add("numeric_iso", rf"(?<![\d.-])(?P<y>{year})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\d])")
        if en:
            add("date", endate)
            add("date", endate2)
        else:
            add("date", ddate)
        add(
            "month",
            rf"(?:(?P<part>{part})\s+)?(?:(?P<rel>{rel})\s+)?(?P<m>{month})(?:\s+(?P<y>{year})"
            rf"|\s+(?P<yrel>{rel}|{_alt(lx['relative']['this'], _ENDINGS if not en else '')})\s+{yearw}"
            r"|(?![\w-]))",
        )
        add(
            "weekday",
            rf"(?:(?P<rel>{rel})\s+)?(?:(?:späten|frühen|early|late)\s+)?(?P<wd>{wd})(?P<dp>{part_day})?s?"
            rf"(?:\s+(?P<wrel>{rel})\s+{week})?(?![\w-])",
        )
        add(
            "deictic",
            rf"(?<![\w-])(?P<dx>{deictic})(?:\s*(?P<dp>{part_day}))?"
            rf"(?:\s*,\s*(?:dem\s+)?(?P<wd>{wd})(?:{part_day})?|\s*\((?P<paren>[^()]{{3,30}})\))?(?![\w-])",
        )
        if self.deictic_adj:
            add(
                "deictic_adj",
                rf"(?<![\w-])(?P<adj>{_alt(self.deictic_adj, _ENDINGS)})(?:\s+(?P<wd>{wd})(?:{part_day})?)?"
                r"(?![\w-])",
            )
        add("week", rf"(?P<rel>{rel})\s+{week}(?![\w-])")
        add("week_after_wd", rf"{week}\s+(?P<rel>{rel})(?![\w-])")
        add("weekend", rf"(?:(?P<rel>{rel})\s+)?{weekend}(?![\w-])")
        add(
            "month_rel",
            rf"(?:(?P<part>{part})\s+(?:des\s+|of\s+(?:the\s+)?|this\s+)?)?(?P<rel>{rel})\s+{monthw}s?(?![\w-])",
        )
        add("month_rel", rf"(?P<part>{part})\s+(?:des|of\s+the|the)\s+{monthw}s?(?![\w-])")
        add(
            "year_rel",
            rf"(?:(?P<part>{part})\s+(?:des\s+|of\s+(?:the\s+)?)?)?(?P<rel>{rel})\s+{yearw}(?:es|s)?(?![\w-])",
        )
        add("year_rel", rf"(?P<part>{part})\s+(?:des|of\s+the|the)\s+{yearw}(?:es|s)?(?![\w-])")
        if lx.get("this_year_words"):
            add("this_year", rf"(?<![\w-])(?:{_alt(lx['this_year_words'])})(?![\w-])")
        if lx.get("previous_year_words"):
            add("prev_year", rf"(?<![\w-])(?:{_alt(lx['previous_year_words'])})(?![\w-])")
        add("season", rf"(?:(?P<rel>{rel})\s+)?(?P<season>{season})(?:\s+(?P<y>{year}))?(?![\w-])")
        add(
            "quarter",
            rf"(?P<q>{quarter})\s+{qword}(?:\s+(?:des\s+|of\s+(?:the\s+)?)?(?:(?P<rel>{rel})\s+{yearw}(?:es|s)?"
            rf"|(?P<y>{year})))?(?![\w-])",
        )
        add(
            "year",
            rf"(?:(?P<part>{part})\s+(?:des\s+Jahres\s+|of\s+)?)?(?:(?:im\s+)?(?:Jahre?|year)\s+)?"
            rf"(?<![\d.,/-])(?P<y>{year})(?![\d]|er|s\b|\.\d|,\d|-?(?:Jahre|er))",
        )
        if en:
            add("ago", rf"(?P<n>{num})\s+(?P<unit>{unit})\s+ago(?![\w-])")
        else:
            add("ago", rf"(?<![\w-])vor\s+(?:(?:{approx})\s+)?(?P<n>{num})\s+(?P<unit>{unit})(?![\w-])")
        if self.anchored:
            add("anchored", rf"(?<![\w-])(?P<anc>{_alt(self.anchored)})(?![\w-])")
        prefix_words = sorted({p.lower() for p in lx["prefixes"]} | set(self.parts), key=len, reverse=True)
        self._prefix = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in prefix_words) + r")\s+$",
            re.IGNORECASE,
        )

    # -- finding ------------------------------------------------------------------------------
    def find(self, text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
        """All date expressions in ``text[start:end]`` (offsets into ``text``), left to right."""
        end = len(text) if end is None else end
        found: list[DateExpr] = []
        for kind, rx in self.patterns:
            for m in rx.finditer(text, start, end):
                expr = self._build(kind, m, text)
                if expr is not None:
                    found.append(expr)
        found = _longest(found)
        for e in found:
            self._extend_prefix(e, text, start)
        return found

    def _build(self, kind: str, m: re.Match, text: str) -> DateExpr | None:
        g = {k: v for k, v in m.groupdict().items() if v is not None}
        s, e = m.start(), m.end()
        f: dict[str, Any] = {}
        if kind in ("numeric", "numeric_iso"):
            d, mo, y = int(g["d"]), int(g["m"]), int(g["y"])
            if y < 100:
                y += 2000 if y < 50 else 1900
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                return None
            f = {"d": d, "m": mo, "y": y}
            kind = "date"
        elif kind == "date":
            d = int(g.get("d") or g.get("d2") or g.get("d3"))
            mo = self._month(g.get("m") or g.get("m2") or g.get("m3"))
            y = g.get("y") or g.get("y2") or g.get("y3")
            if not 1 <= d <= 31:
                return None
            f = {"d": d, "m": mo, "y": int(y) if y else None}
        elif kind == "month":
            mo = self._month(g["m"])
            if mo == 5 and self.lang == "en" and not (g.get("y") or g.get("part") or g.get("rel") or g.get("yrel")):
                if not re.search(r"(?:in|since|until|by|from|of|early|late)\s+$", text[max(0, s - 12) : s], re.I):
                    return None  # English 'may' is a modal verb far more often than a month
            if not (g.get("y") or g.get("part") or g.get("rel") or g.get("yrel")) and not self._month_context(text, s):
                return None
            f = {
                "m": mo,
                "y": int(g["y"]) if g.get("y") else None,
                "part": self._part(g.get("part")),
                "rel": self._rel(g.get("rel")),
                "yrel": self._rel(g.get("yrel")),
            }
        elif kind == "weekday":
            f = {
                "wd": self.weekdays[g["wd"].lower()],
                "rel": self._rel(g.get("rel")),
                "week_rel": self._rel(g.get("wrel")),
            }
            if self.lang == "de" and not g["wd"][0].isupper():
                return None
        elif kind == "deictic":
            word = g["dx"].lower()
            if self.lang == "de" and word == "morgen" and g["dx"][0].isupper() and not self._sentence_start(text, s):
                return None  # "am Morgen", "heute Morgen": the morning, not tomorrow
            if word in ("heute", "today") and self._generic_today(text, s, e):
                return None
            f = {"offset": self.deictic[word], "wd": self.weekdays[g["wd"].lower()] if g.get("wd") else None}
            if g.get("paren"):
                inner = [x for x in self.find(g["paren"]) if x.kind == "date"]
                if inner:
                    f["explicit"] = inner[0].fields
        elif kind == "deictic_adj":
            stem = next(k for k in sorted(self.deictic_adj, key=len, reverse=True) if g["adj"].lower().startswith(k))
            f = {"offset": self.deictic_adj[stem], "wd": self.weekdays[g["wd"].lower()] if g.get("wd") else None}
            kind = "deictic"
        elif kind in ("week", "week_after_wd"):
            f = {"rel": self._rel(g["rel"])}
            kind = "week"
        elif kind == "weekend":
            f = {"rel": self._rel(g.get("rel"))}
        elif kind == "month_rel":
            f = {"rel": self._rel(g.get("rel")) if g.get("rel") else 0, "part": self._part(g.get("part"))}
        elif kind == "year_rel":
            f = {"rel": self._rel(g.get("rel")) if g.get("rel") else 0, "part": self._part(g.get("part"))}
        elif kind == "this_year":
            f, kind = {"rel": 0}, "year_rel"
        elif kind == "prev_year":
            f, kind = {"rel": -1}, "year_rel"
        elif kind == "season":
            f = {
                "start": self.seasons[g["season"].lower()],
                "rel": self._rel(g.get("rel")),
                "y": int(g["y"]) if g.get("y") else None,
            }
        elif kind == "quarter":
            f = {
                "q": self.quarters[g["q"].lower()],
                "rel": self._rel(g.get("rel")),
                "y": int(g["y"]) if g.get("y") else None,
            }
        elif kind == "year":
            y = int(g["y"])
            after = text[e : e + 20].lstrip(" ").split(" ")[0].strip(".,;:!?)").lower() if e < len(text) else ""
            if after in self.year_blockers or not MIN_YEAR <= y <= MAX_YEAR:
                return None
            ys = m.start("y")
            if re.search(r"(?:Nr\.|No\.|Nummer|Tel\.|€|\$)\s*$|\d[.,]$", text[max(0, ys - 8) : ys]):
                return None
            f = {"y": y, "part": self._part(g.get("part"))}
        elif kind == "ago":
            n = _num(g["n"], self.numbers)
            if n is None:
                return None
            f = {"n": n, "unit": self.units[re.sub(r"\s+", " ", g["unit"].lower())]}
        elif kind == "anchored":
            unit, off = self.anchored[re.sub(r"\s+", " ", g["anc"].lower())]
            f = {"unit": unit, "offset": off}
        return DateExpr(s, e, text[s:e], kind, f)

    def _month(self, word: str) -> int:
        return self.months[re.sub(r"\s+", " ", word.lower())]

    def _part(self, word: str | None) -> str | None:
        return self.parts.get(re.sub(r"\s+", " ", word.lower())) if word else None

    def _rel(self, word: str | None) -> int | None:
        if not word:
            return None
        w = word.lower()
        for stem in sorted(self.rel, key=len, reverse=True):
            if w.startswith(stem):
                return self.rel[stem]
        return None

    def _month_context(self, text: str, s: int) -> bool:
        """A bare month name counts only after a preposition or a part word ("im Mai", "Anfang Mai")."""
        before = text[max(0, s - 25) : s]
        return bool(
            re.search(
                r"(?:\b(?:im|in|seit|sei|ab|bis|von|vom|für|zum|nach|vor|gegen|since|until|from|by|during|of|"
                r"last|next|this|early|late|mid|Anfang|Mitte|Ende|Beginn)\s+)$|\bmid-$",
                before,
                re.IGNORECASE,
            )
        )

    def _sentence_start(self, text: str, s: int) -> bool:
        before = text[max(0, s - 3) : s].strip()
        return s == 0 or not before or before[-1] in '.!?:"„“\n'

    def _generic_today(self, text: str, s: int, e: int) -> bool:
        """'heute' meaning 'nowadays': a cue word near it ("heute noch", "eigentlich heute")."""
        window = (
            re.findall(r"\w+", text[max(0, s - 25) : s].lower())[-2:] + re.findall(r"\w+", text[e : e + 40].lower())[:4]
        )
        return any(w in self.generic_today for w in window)

    def _extend_prefix(self, expr: DateExpr, text: str, floor: int) -> None:
        """Take governing prepositions and 'Anfang/Mitte/Ende' into the span, and set the flags."""
        while True:
            before = text[max(floor, expr.start - 40) : expr.start]
            m = self._prefix.search(before)
            if not m:
                break
            word = re.sub(r"\s+", " ", m.group(1).lower())
            if word in self.parts:
                if expr.kind not in ("month", "year", "month_rel", "year_rel") or expr.fields.get("part"):
                    break
                expr.fields["part"] = self.parts[word]
            expr.since = expr.since or word in self.since_words
            expr.forward = expr.forward or word in self.forward_words
            if word in self.night_words:
                expr.fields["night"] = True
            expr.start -= len(before) - m.start(1)
        expr.text = text[expr.start : expr.end]


def _longest(found: list[DateExpr]) -> list[DateExpr]:
    """Keep the longest of overlapping expressions (earlier first on ties)."""
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    kept: list[DateExpr] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda x: x.start)
    return kept


@lru_cache(maxsize=4)
def finder(lang: str | None) -> DateFinder:
    """The cached finder for ``lang`` (de/en; other languages use the German one)."""
    lang = (lang or "de").lower().split("-")[0]
    return DateFinder(lang if lang in ("de", "en") else "de")


# -- resolution -------------------------------------------------------------------------------


def _month_shift(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week_month(monday: date) -> str:
    """A calendar week is reported as the month of its Thursday (the ISO-8601 rule)."""
    thu = monday + timedelta(days=3)
    return _ym(thu.year, thu.month)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _weekday(ref: date, wd: int, direction: str | None) -> date:
    """The weekday on or before (past) / on or after (future, and no tense) the reference."""
    if direction == "past":
        return ref - timedelta(days=(ref.weekday() - wd) % 7)
    return ref + timedelta(days=(wd - ref.weekday()) % 7)


def _nearest_weekday(target: date, wd: int) -> date:
    delta = (wd - target.weekday()) % 7
    return target + timedelta(days=delta if delta <= 3 else delta - 7)


def _day_without_year(ref: date, m: int, d: int, direction: str | None) -> date | None:
    """Year for a day and month: the nearest occurrence, distances against the tense count more."""
    best: tuple[float, date] | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        cand = _safe_date(y, m, d)
        if cand is None:
            continue
        dist = (cand - ref).days
        cost = abs(dist)
        if (direction == "past" and dist > 0) or (direction == "future" and dist < 0):
            cost *= OTHER_DIRECTION_PENALTY
        if best is None or cost < best[0]:
            best = (cost, cand)
    return best[1] if best else None


def _month_without_year(ref: date, m: int, direction: str | None) -> tuple[int, int]:
    """The latest such month (past), the next one (future), else the nearest (ties go forward)."""
    last = (ref.year, m) if m <= ref.month else (ref.year - 1, m)
    coming = (ref.year, m) if m >= ref.month else (ref.year + 1, m)
    if direction == "past":
        return last
    if direction == "future":
        return coming
    gap_last = (ref.year - last[0]) * 12 + ref.month - m
    gap_coming = (coming[0] - ref.year) * 12 + m - ref.month
    return last if gap_last < gap_coming else coming


def resolve(
    expr: DateExpr,
    ref: date | None,
    direction: str | None = None,
    anchor: Resolved | None = None,
    sentence_year: int | None = None,
) -> Resolved | None:
    """The calendar value of ``expr``; None when it needs a reference date that is unknown.

    ``direction``: 'past' | 'future' | None (present or unknown tense). ``anchor``: the previous
    resolved date in the text, for "am Vortag"-style phrases. ``sentence_year``: a year the same
    sentence names before a bare month ("2005 ... im Mai").
    """
    f = expr.fields
    if expr.since:
        direction = "past"
    elif expr.forward and direction is None:
        direction = "future"
    k = expr.kind
    if k == "date":
        if f.get("y"):
            d = _safe_date(f["y"], f["m"], f["d"])
            return Resolved(d.isoformat(), "day", "explicit") if d else None
        if ref is None:
            return None
        d = _day_without_year(ref, f["m"], f["d"], direction)
        return Resolved(d.isoformat(), "day", "day-month") if d else None
    if k == "year":
        return Resolved(f"{f['y']:04d}", "year", "year")
    if k == "month":
        if f.get("y"):
            return Resolved(_ym(f["y"], f["m"]), "month", "month-year")
        if ref is None:
            return None
        if f.get("yrel") is not None:
            return Resolved(_ym(ref.year + f["yrel"], f["m"]), "month", "month-rel-year")
        if f.get("rel") == -1:
            y = ref.year if f["m"] < ref.month else ref.year - 1
            return Resolved(_ym(y, f["m"]), "month", "month-last")
        if f.get("rel") == 1:
            y = ref.year if f["m"] > ref.month else ref.year + 1
            return Resolved(_ym(y, f["m"]), "month", "month-next")
        if sentence_year is not None:
            return Resolved(_ym(sentence_year, f["m"]), "month", "month-sentence-year")
        y, m = _month_without_year(ref, f["m"], direction)
        return Resolved(_ym(y, m), "month", "month")
    if ref is None:
        return None
    if k == "weekday":
        return _resolve_weekday(f, ref, direction)
    if k == "deictic":
        if f.get("explicit"):
            e = f["explicit"]
            d = _safe_date(e["y"], e["m"], e["d"]) if e.get("y") else _day_without_year(ref, e["m"], e["d"], "past")
            if d:
                return Resolved(d.isoformat(), "day", "deictic-explicit")
        target = ref + timedelta(days=f["offset"])
        if f.get("wd") is not None:
            target = _nearest_weekday(target, f["wd"])
        return Resolved(target.isoformat(), "day", "deictic")
    if k == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=f["rel"] or 0)
        return Resolved(_week_month(monday), "month", "week")
    if k == "weekend":
        rel = f.get("rel")
        if rel is None:
            rel = -1 if direction == "past" and ref.weekday() < 5 else 0
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=rel)
        return Resolved(_week_month(monday), "month", "weekend")
    if k == "month_rel":
        y, m = _month_shift(ref.year, ref.month, f.get("rel") or 0)
        return Resolved(_ym(y, m), "month", "month-rel")
    if k == "year_rel":
        return Resolved(f"{ref.year + (f.get('rel') or 0):04d}", "year", "year-rel")
    if k == "season":
        return Resolved(f"{_season_year(f, ref, direction):04d}", "year", "season")
    if k == "quarter":
        y = f["y"] or ref.year + (f["rel"] or 0)
        return Resolved(f"{y:04d}", "year", "quarter")
    if k == "ago":
        n, unit = f["n"], f["unit"]
        if unit == "day":
            return Resolved((ref - timedelta(days=n)).isoformat(), "day", "ago")
        if unit == "week":
            d = ref - timedelta(days=7 * n)
            return Resolved(_ym(d.year, d.month), "month", "ago")
        if unit == "month":
            y, m = _month_shift(ref.year, ref.month, -n)
            return Resolved(_ym(y, m), "month", "ago")
        if unit == "year":
            return Resolved(f"{ref.year - n:04d}", "year", "ago")
        return None
    if k == "anchored":
        return _resolve_anchored(f, ref, anchor)
    return None


def _resolve_weekday(f: dict[str, Any], ref: date, direction: str | None) -> Resolved:
    wd = f["wd"]
    week_rel = f.get("week_rel")
    rel = f.get("rel")
    if week_rel is not None or rel == 1:
        shift = week_rel if week_rel is not None else 1
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return Resolved((monday + timedelta(days=wd)).isoformat(), "day", "weekday-week")
    if rel == -1:
        d = ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
        return Resolved(d.isoformat(), "day", "weekday-last")
    return Resolved(_weekday(ref, wd, direction).isoformat(), "day", f"weekday-{direction or 'none'}")


def _season_year(f: dict[str, Any], ref: date, direction: str | None) -> int:
    """Year of a season: the current or last one in a past clause, the current or next otherwise."""
    if f.get("y"):
        return f["y"]
    start_m = f["start"]

    def span(y: int) -> tuple[date, date]:
        s = date(y, start_m, 1)
        ey, em = _month_shift(y, start_m, 2)
        return s, date(ey, em, calendar.monthrange(ey, em)[1])

    years = range(ref.year - 2, ref.year + 2)
    rel = f.get("rel")
    if rel == -1:
        return max(y for y in years if span(y)[1] < ref)
    if rel == 1:
        return min(y for y in years if span(y)[0] > ref)
    if direction == "past":
        return max(y for y in years if span(y)[0] <= ref)
    return min(y for y in years if span(y)[1] >= ref)


def _resolve_anchored(f: dict[str, Any], ref: date, anchor: Resolved | None) -> Resolved | None:
    unit, off = f["unit"], f["offset"]
    if unit == "day":
        base = date.fromisoformat(anchor.value) if anchor and anchor.precision == "day" else ref
        return Resolved((base + timedelta(days=off)).isoformat(), "day", "anchored")
    if unit == "week":
        base = first_day(anchor.value) if anchor and anchor.precision in ("day",) else ref
        d = base + timedelta(weeks=off)
        return Resolved(_ym(d.year, d.month), "month", "anchored")
    if unit == "month":
        if anchor and anchor.precision in ("day", "month"):
            a = first_day(anchor.value)
            y, m = _month_shift(a.year, a.month, off)
        else:
            y, m = _month_shift(ref.year, ref.month, off)
        return Resolved(_ym(y, m), "month", "anchored")
    if unit == "year":
        base_y = first_day(anchor.value).year if anchor else ref.year
        return Resolved(f"{base_y + off:04d}", "year", "anchored")
    return None


def is_historical(resolved: Resolved, ref: date, days: int = 31) -> bool:
    """True when the value lies clearly before the report: it ended more than ``days`` before it."""
    if resolved.precision == "year":
        return int(resolved.value[:4]) < ref.year
    return last_day(resolved.value) < ref - timedelta(days=days)


def direction_for(tense: str | None, future_flag: bool = False) -> str | None:
    """Resolution direction from a clause tense and the event coder's future flag."""
    if future_flag or tense == "future":
        return "future"
    if tense == "past":
        return "past"
    return None


# -- whole documents --------------------------------------------------------------------------


@dataclass
class DocDate:
    """One date expression of a document with the tense of its clause and its resolved value."""

    expr: DateExpr
    sentence: int  # index into doc.sentences (-1 when the document has no sentences)
    tense: str | None
    resolved: Resolved | None


def _text_units(doc: Any) -> list[tuple[int, int, Any]]:
    """(start, end, Sentence|None) units to search: the parsed sentences, else the lines."""
    if doc.sentences:
        return [(s.start, s.end, s) for s in doc.sentences]
    units, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            units.append((pos, pos + len(line), None))
        pos += len(line) + 1
    return units


def document_dates(doc: Any, lang: str | None = None) -> list[DocDate]:
    """Every date expression in ``doc.text``, resolved against ``doc.published`` in text order.

    The clause tense comes from the parse when the document has sentences; "am Vortag"-style
    phrases are anchored on the previous resolved date; a bare month takes a past year named
    earlier in the same sentence ("2005 ... im Mai").
    """
    from .clause import clause_tense, surface_tense

    f = finder(lang or doc.language)
    ref = doc.published
    out: list[DocDate] = []
    anchor: Resolved | None = None
    for si, (start, end, sent) in enumerate(_text_units(doc)):
        sentence_year: int | None = None
        found: list[DocDate] = []
        for expr in f.find(doc.text, start, end):
            if sent is not None and sent.tokens:
                tense = clause_tense(sent, expr.start, expr.end)
            else:
                tense = surface_tense(doc.text, expr.start, expr.end, start, end)
            res = None
            if expr.kind != "anchored":
                year_hint = sentence_year if expr.kind == "month" and not expr.fields.get("rel") else None
                res = resolve(expr, ref, direction_for(tense), sentence_year=year_hint)
            found.append(DocDate(expr, si if sent is not None else -1, tense, res))
            if expr.kind == "year" and not (expr.since or expr.forward) and ref and expr.fields["y"] < ref.year:
                sentence_year = expr.fields["y"]
        same_sentence_day = next((d.resolved for d in found if d.resolved and d.resolved.precision == "day"), None)
        for d in found:
            if d.expr.kind == "anchored":
                d.resolved = resolve(d.expr, ref, direction_for(d.tense), anchor=same_sentence_day or anchor)
            elif d.resolved is not None:
                anchor = d.resolved
        out += found
    return out
