"""Repairing words glued together where inline markup was stripped ("Putinwird",
"Kim Jong-unDas", "UschakowKremlberater").

Precision comes first: German compounds are often unknown to wordfreq, so rarity alone never
justifies a split. A split needs a rare token AND one of these shapes (word lists in
``data/clean/glue.yaml``):

* lower->lower: the right part is a listed continuation word (finite verb form, article,
  pronoun, conjunction: "wird", "berichteten", "er", "die") and the left part a frequent word;
* lower->Upper: the right part is a capitalised sentence starter ("Das") -> ". " inserted;
  or the left part is a lowercase function word ("desHauses"); or (German) both parts are
  long German words or names ("UschakowKremlberater").

Tokens with several humps (hashtags, "PlayStationVR"), tokens repeated in the document, known
camel-case brands and tokens inside URLs, handles or next to digits are never split.
"""

from __future__ import annotations

import re

from ..document import Change
from .builder import Edit
from .freq import zipf
from .resources import GlueLists, Resources

_L = "a-zß-öø-ÿāăąćčďđēęěğłńňōőœřśşšţťūůűźżž"
_U = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
_HYPHENS = "-‐‑"
_TOKEN = re.compile(rf"[^\W\d_]+(?:[{_HYPHENS}][^\W\d_]+)*")
_SEGMENT = re.compile(r"[^\W\d_]+")
_HUMP = re.compile(rf"(?<=[{_L}])[{_U}](?=[{_L}])")
_CAP_WORD = re.compile(rf"[{_U}][{_L}]+")
_LEFT_WORD = re.compile(rf"[{_U}]?[{_L}]+$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_])")
# participles and prefixed verb forms: "zurückgetretener" is an adjective, not "… er"
_PARTICIPLE = re.compile(
    r"(?:ab|an|auf|aus|bei|ein|mit|nach|vor|weg|zu|zurück|fest|frei|hoch|los|um|durch|über|"
    r"unter|wieder|weiter|heraus|hinaus|heran|herum|vorbei|zusammen)?ge\w+(?:en|t)"
    r"|(?:be|emp|ent|er|ver|zer|miss|über|unter|durch|hinter|wider)\w+(?:en|t)"
)
_URL_BEFORE = set("@#/\\_.:=&?%+~")
_URL_AFTER = set("@/\\_=&?%~")

KNOWN_TOKEN = 1.0  # a lower->lower token at least this frequent is a real word
KNOWN_CAMEL = 1.5  # a camel-case token at least this frequent is a real name or brand
KNOWN_PREFIX = 2.5  # "YouTube" inside "YouTuberin"
MIN_LEFT = 4  # letters; "Mar|das" is a surname
_ARTICLE_ENDINGS = frozenset({"der", "den", "dem"})
_GENDER_I = frozenset({"In", "Innen"})


def _known(word: str, lang: str) -> float:
    return max(zipf(word, lang), zipf(word, "en")) if lang != "en" else zipf(word, "en")


def _english_ish(word: str) -> bool:
    """Clearly more English than German ("City", "Report", "Freak"): typical of brand names."""
    en = zipf(word, "en")
    return en >= 3.0 and en - zipf(word, "de") >= 0.6


def _linking_s(word: str) -> bool:
    """A compound's first part with linking s ("Wirtschafts", "Redaktions")."""
    return word.endswith("s") and zipf(word[:-1], "de") > zipf(word, "de")


def _in_url_or_handle(text: str, s: int, e: int) -> bool:
    prev = text[s - 1] if s > 0 else " "
    nxt = text[e] if e < len(text) else " "
    if prev in _URL_BEFORE or nxt in _URL_AFTER or prev.isdigit() or nxt.isdigit():
        return True
    return nxt == "." and e + 1 < len(text) and text[e + 1].isalpha()


def _camel_split(
    tok: str, h: int, lang: str, lists: GlueLists, res: Resources, whole_lower: str
) -> tuple[str, str] | None:
    """(text to insert, reason) for a lower->Upper join at ``tok[h]``, or None."""
    left, right_full = tok[:h], tok[h:]
    rw_m = _CAP_WORD.match(right_full)
    lw_m = _LEFT_WORD.search(left)
    if not rw_m or not lw_m:
        return None
    rw, lw = rw_m.group(), lw_m.group()
    if len(lw) - (1 if lw[0].isupper() else 0) < 2 or lw in res.name_prefixes:
        return None
    if rw in _GENDER_I:  # "ArbeitnehmerInnen": gender-inclusive capital I
        return None
    seg_start = max(left.rfind(c) for c in _HYPHENS) + 1
    seg_end = len(tok)
    for c in _HYPHENS:
        j = tok.find(c, h)
        if j >= 0:
            seg_end = min(seg_end, j)
    seg = tok[seg_start:seg_end]
    if _known(seg, lang) >= KNOWN_CAMEL or whole_lower.count(tok.lower()) > 1:
        return None
    for k in range(h - seg_start + 3, len(seg)):
        if _known(seg[:k], lang) >= KNOWN_PREFIX:  # "YouTube" in "YouTuberin"
            return None
    en = res.glue.get("en")
    starts = lists.sentence_start | (en.sentence_start if en else frozenset())
    if right_full == rw and rw in starts:
        return ". ", f"'{rw}' starts a sentence after a lowercase word"
    if lw_m.start() == 0 and lw.islower() and lw in lists.left_function and len(rw) >= 3:
        return " ", f"function word '{lw}' glued to '{rw}'"
    if (
        lang == "de"
        and right_full == rw
        and lw[0].isupper()
        and lw_m.start() == seg_start
        and len(lw) >= 5
        and len(rw) >= 5
        and (len(lw) >= 7 or len(rw) >= 9)  # short pairs are brand-like: "AngelWoche"
        and zipf(lw, "de") >= 1.0
        and (zipf(rw, "de") >= 1.0 or len(rw) >= 8)
        and not _english_ish(lw)
        and zipf(rw, "de") >= zipf(rw, "en")  # "TeslaMotors", "HyperDiver": English brands
        and not _linking_s(lw)
    ):
        return " ", f"two German words '{lw}' + '{rw}' joined without a space"
    return None


def _lower_split(
    seg: str, lang: str, lists: GlueLists, whole_lower: str, next_lower: bool
) -> tuple[int, str] | None:
    """(split offset in ``seg``, reason) for a lower->lower join, or None."""
    if len(seg) < 6 or not seg[1:].islower():
        return None
    low = seg.lower()
    ks = [
        k for k in range(min(lists.max_continuation, len(seg) - MIN_LEFT), 1, -1)
        if low[-k:] in lists.continuation
    ]
    if not ks or _known(seg, lang) >= KNOWN_TOKEN or whole_lower.count(low) > 1:
        return None
    for k in ks:
        right = low[-k:]
        left = seg[:-k]
        if left.lower() in lists.verb_prefixes:
            continue
        if right in _ARTICLE_ENDINGS and left.endswith("n"):
            continue  # present participle + ending: "nachziehender", "wackelndem"
        zl = zipf(left, lang)
        if right == "er":
            # "sprechener fügte hinzu": an infinitive or past form + pronoun, then a verb;
            # not an inflected adjective ("zurückgetretener Präsident")
            if not (
                left.endswith(("en", "te"))
                and zl >= 3.5
                and next_lower
                and _known(seg, lang) == 0
                and not _PARTICIPLE.fullmatch(left.lower())
            ):
                continue
        elif zl < _left_threshold(left, right):
            continue
        return len(seg) - k, f"rare '{seg}' = word '{left}' + continuation '{seg[-k:]}'"
    return None


def _left_threshold(left: str, right: str) -> float:
    """How frequent the left part must be: a long verb form ("berichteten") is evidence
    enough for a rare left part; a short word or an article ("die", "war", "einen") needs a
    common one ("Prüfst|einen" is "Prüfsteinen"), and a lowercase left part an even commoner
    one ("schalwar" is a garment, "reindarf" is glued)."""
    if len(right) >= 5 and not right.startswith("ein"):
        return 1.5
    return 3.0 if left[:1].isupper() else 4.0


def glued_edits(
    text: str, base: int, lang: str, res: Resources, whole_lower: str | None = None
) -> list[Edit]:
    """Insertions that separate glued words in ``text`` (which starts at raw offset ``base``).

    ``whole_lower`` is the whole document lowercased: a token that recurs in it (as a word or
    inside a handle or URL) is a real name, not an accident of markup stripping."""
    if whole_lower is None:
        whole_lower = text.lower()
    lists = res.glue.get(lang)
    if lists is None:
        return []
    edits: list[Edit] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if len(tok) < 5:
            continue
        s, e = m.span()
        if tok in res.protected or _in_url_or_handle(text, s, e):
            continue
        humps = [h.start() for h in _HUMP.finditer(tok)]
        if len(humps) > 1:
            continue
        if humps:
            got = _camel_split(tok, humps[0], lang, lists, res, whole_lower)
            if got:
                at = s + humps[0]
                edits.append(_edit(tok, s, base, at, got[0], got[1]))
            continue
        nm = _NEXT_WORD.match(text, e)
        next_lower = bool(nm and nm.group(1).islower())
        for sm in _SEGMENT.finditer(tok):
            seg = sm.group()
            if seg in res.protected:
                continue
            got2 = _lower_split(
                seg, lang, lists, whole_lower, next_lower and sm.end() == len(tok)
            )
            if got2:
                at = s + sm.start() + got2[0]
                edits.append(_edit(tok, s, base, at, " ", got2[1]))
    return edits


def _edit(tok: str, tok_start: int, base: int, at: int, insert: str, reason: str) -> Edit:
    i = at - tok_start
    after = tok[:i] + insert + tok[i:]
    change = Change(
        "glued_word", tok, after, base + tok_start, base + tok_start + len(tok), reason
    )
    return Edit(base + at, base + at, insert, change)
