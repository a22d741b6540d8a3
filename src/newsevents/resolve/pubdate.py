"""Publication dates: from the article text (datelines, closing lines) and from HTML pages.

``text_publication_date(doc)`` looks only where a report states its own date: the agency /
author closing line ("(APA, 11.9.2015)", kept by the cleaner in ``doc.attribution`` or still at
the end of the text) and a dateline at the top ("Montag, 17. Juni 2024", "Moskau, 17.06.2024 –").
It accepts only complete dates (day, month and year) and returns None otherwise: an unknown date
stays unknown.

``html_publication_date(html, url)`` combines htmldate with what a reader of the page sees: a
date in a byline element near the headline, behind a cue such as "Veröffentlicht am" or "Stand:",
and a date in the URL path. See the function for how the evidence is weighed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import finder

_CLOSING = re.compile(r"\(([^()]{0,120}?,\s*)?(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})\)\s*$")
_DATELINE_END = re.compile(r"^\s*(?:[–—-]|\||/|$|\n|Uhr|\d{1,2}[:.]\d{2})")
MIN_YEAR = 1990


@dataclass
class PubDate:
    """A publication date with where it was found."""

    value: date
    source: str  # text | url | metadata
    evidence: str


def _plausible(d: date, today: date | None = None) -> bool:
    today = today or date.today()
    return MIN_YEAR <= d.year and d <= today + timedelta(days=2)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def closing_line_date(lines: list[str]) -> PubDate | None:
    """The date of an agency/author closing line such as "(APA, 11.9.2015)"."""
    for line in reversed(lines):
        m = _CLOSING.search(line.strip())
        if m:
            d = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
            if d and _plausible(d):
                return PubDate(d, "text", m.group(0))
    return None


def dateline_date(text: str, lang: str | None = None, head: int = 160) -> PubDate | None:
    """A complete date standing as the dateline at the top of ``text``.

    It must begin within the first line's first ``head`` characters, carry a year, and be
    followed by a dash, a time, a line end or nothing: "Moskau, 17.06.2024 – Der ..." or
    "Montag, 17. Juni 2024". A weekday given with the date must agree with it.
    """
    first = text.lstrip()[: head + 40]
    offset = len(text) - len(text.lstrip())
    for expr in finder(lang).find(first, 0, min(len(first), head + 40)):
        if expr.start > head:
            break
        f = expr.fields
        if expr.kind != "date" or not f.get("y"):
            continue
        d = _safe(f["y"], f["m"], f["d"])
        if d is None or not _plausible(d):
            continue
        if not _DATELINE_END.match(first[expr.end :]) and expr.start > 0:
            continue
        wd = _weekday_before(first[: expr.start], lang)
        if wd is not None and wd != d.weekday():
            continue
        return PubDate(d, "text", text[offset + expr.start : offset + expr.end])
    return None


def _weekday_before(prefix: str, lang: str | None) -> int | None:
    """The weekday named right before a date ("Montag, 17. Juni 2024"), if any."""
    m = re.search(r"(\w+),?\s*$", prefix)
    if not m:
        return None
    return finder(lang).weekdays.get(m.group(1).lower())


def text_publication_date(doc) -> PubDate | None:
    """The publication date a document states about itself, or None (never a guess)."""
    found = closing_line_date(list(doc.attribution))
    if found:
        return found
    tail = doc.text[-300:].splitlines()
    found = closing_line_date(tail[-2:]) if tail else None
    if found:
        return found
    return dateline_date(doc.text, doc.language)


# -- HTML pages --------------------------------------------------------------------------------

_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[/_-](?P<m>[01]?\d)[/_-](?P<d>[0-3]?\d)(?!\d)"
    r"|(?<!\d)(?P<y2>(?:19|20)\d\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?!\d)"
)
_DATE_CLASS = re.compile(
    r"date|datum|time|zeit|publish|posted|meta|byline|stand|created|erschienen|veroeffentlicht|info|author", re.I
)
_NOISE_CLASS = re.compile(
    r"comment|kommentar|sidebar|related|teaser|footer|nav|menu|widget|archive|recent|popular|share|"
    r"newsletter|cookie|breadcrumb|tag-cloud|calendar-table|event",
    re.I,
)
_CUE = re.compile(
    r"(ver[öo]ffentlicht|erschienen|erstellt|publiziert|stand|aktualisiert|zuletzt\s+ge[äa]ndert|datum|"
    r"published|posted|updated|vom|am)\s*(am|on|:)?\s*$",
    re.I,
)
_VISIBLE_DATE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)?\d\d)(?![\d])"
    r"|(?<![\d.])(?P<d2>\d{1,2})\.\s?(?P<mn>[A-Za-zäÄ]{3,9}\.?)\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?<!\d)(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)(?!\d)"
)


def url_date(url: str | None) -> date | None:
    """A complete date in the URL path ("/2019/08/16/", "-20190816-"), if any."""
    if not url:
        return None
    path = re.sub(r"^https?://[^/]+", "", url)
    for m in _URL_DATE.finditer(path):
        y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
        found = _safe(int(y), int(mo), int(d))
        if found and _plausible(found):
            return found
    return None


def _parse_visible(m: re.Match) -> date | None:
    if m["d"]:
        y = int(m["y"])
        y += 2000 if y < 100 else 0
        return _safe(y, int(m["m"]), int(m["d"]))
    if m["d2"]:
        mo = finder("de").months.get(m["mn"].lower()) or finder("en").months.get(m["mn"].lower())
        mo = mo or _month_prefix(m["mn"])
        return _safe(int(m["y2"]), mo, int(m["d2"])) if mo else None
    return _safe(int(m["y3"]), int(m["m3"]), int(m["d3"]))


def _month_prefix(word: str) -> int | None:
    w = word.lower().rstrip(".")
    for lang in ("de", "en"):
        for name, num in finder(lang).months.items():
            if len(w) >= 3 and name.startswith(w):
                return num
    return None


@dataclass
class VisibleDate:
    value: date
    position: int  # order of the text node in the page
    cue: bool  # behind a cue word ("Veröffentlicht am", "Stand:")
    date_element: bool  # inside <time> or an element whose class/id/itemprop says date
    near_title: bool  # within a few text nodes after the headline


def visible_dates(html: str, window: int = 40, before: int = 12, limit: int = 400_000) -> list[VisibleDate]:
    """Dates in the page's text nodes, in document order, with the clues around each.

    ``near_title``: the text node lies at most ``before`` nodes above or ``window`` nodes below
    the headline (the h1-h3 or title-classed element that best matches the page title).
    """
    try:
        from lxml import html as lxml_html
    except ImportError:  # pragma: no cover - lxml comes with trafilatura
        return []
    try:
        tree = lxml_html.fromstring(html[:limit])
    except Exception:
        return []
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    headline = _headline(tree)
    out: list[VisibleDate] = []
    title_pos: int | None = None
    found: list[tuple[int, date, bool, bool]] = []
    pos = 0
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el is headline:
            title_pos = pos
        parent = el.getparent()
        for text, owner, lead in ((el.text, el, ""), (el.tail, parent, el.text_content() or "")):
            text = (text or "").strip()
            if not text or owner is None:
                continue
            pos += 1
            clues = _element_clues(owner)
            if _NOISE_CLASS.search(clues):
                continue
            for m in _VISIBLE_DATE.finditer(text[:200]):
                d = _parse_visible(m)
                if d is None or not _plausible(d):
                    continue
                cue = bool(_CUE.search(text[: m.start()])) or bool(_CUE.search((lead or _previous_text(owner))[-40:]))
                element = owner.tag == "time" or bool(_DATE_CLASS.search(clues))
                found.append((pos, d, cue, element))
    for p_, d, cue, element in found:
        near = title_pos is not None and -before <= p_ - title_pos <= window
        out.append(VisibleDate(d, p_, cue, element, near))
    return out


_WORD = re.compile(r"\w{3,}")


def _headline(tree):
    """The element that carries the article's headline: best word overlap with the page title."""
    title = " ".join(tree.xpath("//title/text()") + tree.xpath("//meta[@property='og:title']/@content"))
    words = {w.lower() for w in _WORD.findall(title)}
    best, best_score = None, 0.0
    for el in tree.xpath("//h1|//h2|//h3|//*[contains(@class,'title') or contains(@class,'headline')]"):
        text = (el.text_content() or "").strip()
        if not text or len(text) > 300:
            continue
        mine = {w.lower() for w in _WORD.findall(text)}
        score = len(mine & words) / (len(mine) or 1) + (0.5 if el.tag == "h1" else 0.0)
        if score > best_score:
            best, best_score = el, score
    return best


def _element_clues(el, depth: int = 4) -> str:
    """class/id/itemprop of the element and a few ancestors."""
    parts: list[str] = []
    cur = el
    for _ in range(depth):
        if cur is None or not isinstance(cur.tag, str):
            break
        parts += [cur.get("class") or "", cur.get("id") or "", cur.get("itemprop") or "", cur.tag]
        cur = cur.getparent()
    return " ".join(parts)


def _previous_text(el) -> str:
    prev = el.getprevious()
    if prev is not None and isinstance(prev.tag, str):
        return (prev.text_content() or "")[-40:]
    parent = el.getparent()
    return (parent.text or "")[-40:] if parent is not None else ""


def _htmldate(html: str, url: str | None, original: bool) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=original, extensive_search=True)
    except Exception:  # htmldate raises on odd markup
        return None
    if not found:
        return None
    try:
        return datetime.strptime(found, "%Y-%m-%d").date()
    except ValueError:
        return None


_META_TIME = re.compile(
    r"(?:article:published_time|og:published_time|datePublished|dateCreated|dc\.date\.issued|pubdate|\"date)[\"']?\s*"
    r"(?:content=|:|=)\s*[\"']?(?P<v>(?:19|20)\d\d-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]00:?00))",
    re.IGNORECASE,
)
LOCAL_ZONE = "Europe/Berlin"


def utc_publication_dates(html: str, zone: str = LOCAL_ZONE) -> dict[date, date]:
    """Published timestamps the page gives in UTC, as {UTC date: date in ``zone``}.

    A site that stamps "2022-11-06T23:00:00Z" published on the 7th for its (German) readers.
    """
    from zoneinfo import ZoneInfo

    try:
        tz = ZoneInfo(zone)
    except Exception:  # no time-zone database on this machine: keep the UTC dates
        return {}
    out: dict[date, date] = {}
    for m in _META_TIME.finditer(html[:300_000]):
        raw = m["v"].replace("Z", "+00:00")
        try:
            ts = datetime.fromisoformat(raw)
        except ValueError:
            continue
        out.setdefault(ts.date(), ts.astimezone(tz).date())
    return out


@dataclass
class DateEvidence:
    """What a page says about its date, gathered once so the decision is a pure function."""

    original: date | None  # htmldate, original_date=True
    updated: date | None  # htmldate, original_date=False
    visible: list[VisibleDate]
    in_url: date | None
    utc: dict[date, date]


def gather_evidence(html: str, url: str | None) -> DateEvidence:
    return DateEvidence(
        _htmldate(html, url, original=True),
        _htmldate(html, url, original=False),
        visible_dates(html),
        url_date(url),
        utc_publication_dates(html),
    )


MAX_BYLINE_GAP_DAYS = 365  # a byline date this far from the metadata date belongs to something else


def decide_date(ev: DateEvidence) -> PubDate | None:
    """The page's publication date from the evidence (see ``html_publication_date``)."""
    original, updated = ev.original, ev.updated
    if original in ev.utc and ev.utc[original] != original:
        original = ev.utc[original]
    shown = {v.value for v in ev.visible}
    near = {v.value for v in ev.visible if v.near_title}
    byline = next((v for v in ev.visible if v.near_title and (v.cue or v.date_element)), None)
    if byline is not None and byline.value != original and len(near) == 1:
        far = original is not None and abs((byline.value - original).days) > MAX_BYLINE_GAP_DAYS
        contested = original in shown and byline.value != updated
        if byline.value in ev.utc:  # the byline prints a UTC timestamp's date: read it in local time
            return PubDate(ev.utc[byline.value], "metadata", "page byline, local time")
        if not far and not contested:
            return PubDate(byline.value, "metadata", "page byline")
    if original is not None and ev.in_url is not None and ev.in_url != original and original not in shown:
        return PubDate(ev.in_url, "url", "date in the URL")
    if original is None and ev.in_url is not None:
        return PubDate(ev.in_url, "url", "date in the URL")
    if original is not None and original not in shown and updated in shown and updated != original:
        return PubDate(updated, "metadata", "shown update date")
    if original is not None:
        return PubDate(original, "metadata", "htmldate")
    return None


def html_publication_date(html: str, url: str | None) -> PubDate | None:
    """The publication date of an HTML page, as its reader would read it.

    Evidence: htmldate's original and updated dates (metadata, JSON-LD, markup heuristics); the
    dates the page shows, with whether one stands near the headline in a date element or behind a
    cue word ("Veröffentlicht am 16.08.2019", ``<time>``, ``class="date"``); a complete date in
    the URL path; UTC timestamps. Decision:
    1. a UTC timestamp is read in local time (Europe/Berlin) — "23:00Z" is the next day there;
    2. a byline date near the headline wins over the metadata date when it is the only date
       shown around the headline, unless it is more than a year away from the metadata date, or
       the page also shows the metadata date and the byline is not the update date;
    3. a date in the URL wins over a metadata date the page never shows;
    4. when the page shows the update date but not the original, the update date;
    5. else htmldate's original date.
    """
    return decide_date(gather_evidence(html, url))
