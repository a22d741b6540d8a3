"""Place mentions in news text, resolved to gazetteer entries, and the place of each event.

``PlaceResolver(gazetteer).mentions(doc)`` finds mentions from three sources: NER LOC entities,
the actors stage's PLACE (and ACTOR) entities, and gazetteer matches over capitalised word
sequences (the latter only where a cue or the name itself makes a place likely). Each mention is
resolved by scoring its candidates:

* the kind of name: a German/English name beats a foreign alternate name; countries and regions
  have fixed priors, cities rank by population (so Salzburg is the city, Brandenburg the Land);
* the article's countries (actor codes and unambiguous place mentions);
* hierarchy clues after the name ("in der Region Amur, Russland") and country adjectives before
  it ("im ostrussischen Hafen Wladiwostok");
* type words ("die Stadt Salzburg", "das Land Salzburg", "Provinz Hama", "Amur-Region"), the
  dateline position ("Jerusalem –": a city) and lists of regions ("in Salzburg und Oberösterreich").

A capital that stands for its government ("Moskau fordert", "Moskaus Unterstützung", "laut
Teheran", "Kritik aus Berlin") gets the feature ``actor`` and is no place.

``event_location(doc, event, mentions)`` picks the place attached to an event: a location phrase
the parse attaches to the trigger ("in Pjöngjang eintreffen", "traf ... im Hafen Wladiwostok"),
the object of a visit verb ("besuchte Pjöngjang"), else another location phrase of the sentence,
else the dateline city for the lead. ``caption_places(doc)`` does the same for photo captions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..document import Document, Event, Sentence, Token
from . import clause
from .gazetteer import Gazetteer, Lookup, Place, Towns, default_gazetteer

DATA = Path(__file__).resolve().parents[1] / "data" / "resolve"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WORD = re.compile(r"[\w’'][\w’'.-]*\w|\w", re.UNICODE)
_CAP = re.compile(r"[A-ZÄÖÜÀ-ÞĀ-Ž]")
CONNECTORS = frozenset(
    {
        "de",
        "del",
        "da",
        "do",
        "la",
        "le",
        "am",
        "an",
        "der",
        "bei",
        "upon",
        "on",
        "of",
        "el",
        "al",
        "im",
        "ob",
        "dos",
        "das",
        "von",
    }
)
CONJUNCTIONS = frozenset({"und", "oder", "sowie", "and", "or"})
ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einem", "einen", "the", "a"})
DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?\"“]\s))(?P<names>[A-ZÄÖÜ][^\n–—.!?:;\"„“]{0,60}?)\s?(?:[–—]|-(?=\s+[A-ZÄÖÜ]))\s"
)
DATELINE_WORD = re.compile(r"[A-ZÄÖÜ][\w.’'()-]*|de|del|da|am|an|der|bei|im|la|le|upon|on|sur")
DATELINE_REACH = 600  # a dateline opens the article: only the first characters are searched
MAX_SPAN_WORDS = 4
COMMON_ZIPF = 4.5  # without a parse, a bare name this frequent (Halle, Kraft, Essen) is no place


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """Cue words and aliases (``data/resolve/places.de.yaml``)."""
    data = yaml.load((DATA / "places.de.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, list):
            out[k] = frozenset(str(x) for x in v)
        else:
            out[k] = v
    out["locative_lower"] = frozenset(x.lower() for x in out["locative"])
    out["reference_re"] = re.compile(
        r"(?:" + "|".join(re.escape(p) for p in sorted(out["reference_phrases"], key=len, reverse=True)) + r")"
        r"(?:\s+(?:der|dem|den|des|the))?(?:\s+\w+){0,2}\s*$",
        re.IGNORECASE,
    )
    return out


@dataclass
class PlaceMention:
    """A place name in the text and what it was resolved to."""

    start: int
    end: int
    text: str
    place: Place | None
    feature: str  # city | region | country | other | actor
    source: str  # ner | actors | gazetteer | dateline | alias
    oblique: bool = False
    preposition: str | None = None  # the locative preposition before it, if any
    reference: bool = False  # a reference point ("180 km nördlich von X"), not the scene
    dateline: bool = False
    score: float = 0.0
    alternatives: int = 0
    hints: list[str] = field(default_factory=list)

    def location(self) -> dict[str, Any]:
        """The event-location record (see ``Event.location``)."""
        p = self.place
        assert p is not None
        return {
            "name": p.name,
            "geonameid": p.geonameid,
            "lat": p.lat,
            "lon": p.lon,
            "country": p.country,
            "adm1": p.adm1,
            "feature": p.feature,
            "precision": p.precision(),
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class _Span:
    start: int
    end: int
    text: str
    source: str
    label: str = ""  # the entity label that proposed it (LOC, PLACE, ACTOR)
    code: str | None = None


class PlaceResolver:
    """Finds and resolves place mentions; holds the gazetteer and the cue lexicon."""

    def __init__(self, gazetteer: Gazetteer | None = None, towns: Towns | None | bool = True):
        self.gaz = gazetteer or default_gazetteer()
        self.towns = Towns() if towns is True else (towns or None)
        self.lx = lexicon()
        self._known_cache: dict[str, bool] = {}  # German capitalises every noun: the same words recur

    # -- spans ---------------------------------------------------------------------------------
    def _entity_spans(self, doc: Document) -> list[_Span]:
        spans = []
        for e in doc.entities:
            if e.label == "LOC" or e.label == "PLACE":
                spans.append(_Span(e.start, e.end, e.text, "ner" if e.label == "LOC" else "actors", e.label, e.code))
            elif e.label == "ACTOR" and e.text[:1].isupper():
                spans.append(_Span(e.start, e.end, e.text, "actors", "ACTOR", e.code))
        return spans

    def _blocked(self, doc: Document) -> list[tuple[int, int]]:
        """Spans of person and organisation names: place names inside them are no places
        ("Eintracht Frankfurt", "Denzel Washington", "Universität Salzburg")."""
        return [(e.start, e.end) for e in doc.entities if e.label in ("PER", "ORG") and " " in e.text.strip()]

    def _inside_name(self, sp: _Span, place: Place, text: str, blocked: list[tuple[int, int]]) -> bool:
        """True when ``sp`` is part of a person or organisation name (not its place of origin:
        "Italiens Premier Matteo Renzi", "Meereskundemuseum von Perth" keep their places)."""
        for a, b in blocked:
            if a <= sp.start and sp.end <= b and (b - a) > (sp.end - sp.start):
                if sp.start == a and place.feature in ("country", "region"):
                    return False
                if re.search(r"\b(?:von|vom|in|aus|of)\s+$", text[a : sp.start]):
                    return False
                return True
        return False

    def _scan(self, text: str, start: int = 0, end: int | None = None) -> list[_Span]:
        """Gazetteer matches over capitalised word sequences (longest first)."""
        end = len(text) if end is None else end
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]
        out: list[_Span] = []
        k = 0
        while k < len(words):
            s, e, w = words[k]
            if not _CAP.match(w):
                k += 1
                continue
            best: tuple[int, int, int] | None = None
            town = False
            for n in range(min(MAX_SPAN_WORDS, len(words) - k), 0, -1):
                last = words[k + n - 1]
                if not _CAP.match(last[2]):
                    continue
                inner = words[k : k + n]
                if any(not _CAP.match(x[2]) and x[2] not in CONNECTORS for x in inner):
                    continue
                if any(text[a[1] : b[0]].strip() not in ("", "-") for a, b in zip(inner, inner[1:], strict=False)):
                    continue
                surface = text[s : last[1]]
                if self._known(surface):
                    best = (s, last[1], n)
                    break
                if n > 1 and self.towns is not None and self.towns.lookup(surface):
                    best = (s, last[1], n)
                    town = True
                    break
            slash = re.match(r"/([A-ZÄÖÜ][\w-]+)", text[e : e + 30])
            if best and best[2] == 1 and slash and self.gaz.lookup(w + slash.group(0)):
                best = (s, e + slash.end(), 1)
            if best:
                out.append(_Span(best[0], best[1], text[best[0] : best[1]], "town" if town else "gazetteer"))
                k += best[2]
            else:
                if k > 0 and words[k - 1][2] in self.lx["city_cues"] and not w.isupper():
                    out.append(_Span(s, e, w, "cue"))  # "der Stadt Ziolkowski": maybe a small town
                k += 1
        return out

    def _known(self, surface: str) -> bool:
        hit = self._known_cache.get(surface)
        if hit is None:
            if len(self._known_cache) > 200_000:
                self._known_cache.clear()
            hit = self._known_cache[surface] = self._lookup_known(surface)
        return hit

    def _lookup_known(self, surface: str) -> bool:
        surface = surface.rstrip(".")
        if self.gaz.lookup(surface):
            return True
        head, _, tail = surface.partition("-")
        return (
            bool(tail)
            and tail in (self.lx["region_suffixes"] | self.lx["city_suffixes"])
            and bool(self.gaz.lookup(head))
        )

    # -- mentions --------------------------------------------------------------------------------
    def mentions(self, doc: Document) -> list[PlaceMention]:
        """Every resolved place mention of ``doc.text`` in text order."""
        return self.mentions_in(doc.text, doc, self._entity_spans(doc), self._blocked(doc))

    def mentions_in(
        self,
        text: str,
        doc: Document | None = None,
        entity_spans: list[_Span] | None = None,
        blocked: list[tuple[int, int]] | None = None,
        caption: bool = False,
    ) -> list[PlaceMention]:
        spans = self._merge(entity_spans or [], self._scan(text), text)
        blocked = blocked or []
        context = self._doc_countries(doc, text)
        out: list[PlaceMention] = []
        datelines = self._dateline_spans(text)
        self._propn = None
        if doc is not None and doc.sentences and not caption:
            self._propn = {t.start: t.pos for s in doc.sentences for t in s.tokens}
        for sp in spans:
            m = self._resolve_span(sp, text, context, datelines)
            if m is None or m.place is None:
                continue
            coded = sp.source == "actors" and sp.code and m.place.feature in ("country", "region")
            if coded or not self._inside_name(sp, m.place, text, blocked):
                out.append(m)
        self._coordination(out, text)
        sentences = doc.sentences if doc is not None and not caption else []
        for m in out:
            if m.place is not None and m.place.capital and m.feature == "city":
                if self._is_actor(m, text, sentences, doc):
                    m.feature = "actor"
        return out

    def _merge(self, entity_spans: list[_Span], scanned: list[_Span], text: str) -> list[_Span]:
        """Entity spans win over scanned ones they overlap, unless a scanned name contains them
        ("Western Australia" over the actor "Australia")."""
        # a named sea or river the gazetteer does not know ("South China Sea") has no place inside it
        seas = [sp for sp in entity_spans if self._water(sp)]
        parts = [p for sp in entity_spans if sp not in seas for p in self._entity_parts(sp, text)]
        scanned = [sc for sc in scanned if not any(w.start <= sc.start and sc.end <= w.end for w in seas)]
        longer = []
        for sc in scanned:
            inner = [
                p for p in parts if sc.start <= p.start and p.end <= sc.end and sc.end - sc.start > p.end - p.start
            ]
            if inner:  # an entity-backed name: "Halle/Westfalen" around the NER's "Halle"
                longer.append(_Span(sc.start, sc.end, sc.text, inner[0].source, inner[0].label, inner[0].code))
        kept: list[_Span] = list(longer)
        for part in parts:
            if all(part.end <= k.start or part.start >= k.end for k in kept):
                kept.append(part)
        for sp in scanned:
            if all(sp.end <= k.start or sp.start >= k.end for k in kept):
                kept.append(sp)
        kept.sort(key=lambda x: x.start)
        return kept

    def _water(self, sp: _Span) -> bool:
        """A named sea or river the gazetteer does not know ("South China Sea")."""
        words = sp.text.split()
        return len(words) > 1 and words[-1] in self.lx["water_words"] and not self._known(sp.text.strip())

    def _entity_parts(self, sp: _Span, text: str) -> list[_Span]:
        """An entity span as it resolves: whole, its "/"-separated names ("Innsbruck/Eisenstadt"),
        or the resolvable pieces inside it."""
        surface = sp.text.strip().rstrip(".")
        if self._known(surface):
            return [_Span(sp.start, sp.start + len(surface), surface, sp.source, sp.label, sp.code)]
        if "/" in surface:
            out, pos = [], sp.start
            for piece in surface.split("/"):
                if piece.strip():
                    a = text.index(piece, pos)
                    out.append(_Span(a, a + len(piece), piece, sp.source, sp.label, sp.code))
                    pos = a + len(piece)
            return out
        parts = [p for p in self._scan(text, sp.start, sp.end) if p.text not in self.lx["stop_names"]]
        if not parts and re.fullmatch(r"[A-ZÄÖÜ][\w’'-]+", surface):
            return [_Span(sp.start, sp.start + len(surface), surface, sp.source, sp.label, sp.code)]
        return [_Span(p.start, p.end, p.text, sp.source, sp.label, sp.code) for p in parts]

    def _dateline_spans(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of the dateline ("Washington/Teheran – ", "Santiago de Chile – ")
        near the start of the text: capitalised names (and connectors) before a dash."""
        for m in DATELINE.finditer(text[:DATELINE_REACH]):
            words = re.split(r"[\s/]+", m.group("names").strip())
            if words and len(words) <= 6 and all(DATELINE_WORD.fullmatch(w) for w in words):
                return [(m.start("names"), m.end("names"))]
        return []

    def _doc_countries(self, doc: Document | None, text: str) -> Counter:
        c: Counter = Counter()
        if doc is None:
            return c
        for e in doc.entities:
            if e.label in ("ACTOR", "PLACE") and e.code and len(e.code) == 3 and e.code.isupper():
                c[e.code] += 1
        return c

    # -- resolution ------------------------------------------------------------------------------
    def _resolve_span(
        self, sp: _Span, text: str, context: Counter, datelines: list[tuple[int, int]]
    ) -> PlaceMention | None:
        surface = sp.text
        suffix_cue = None
        found: Lookup = self.gaz.lookup(surface)
        if not found:
            head, _, tail = surface.partition("-")
            if tail in self.lx["region_suffixes"]:
                suffix_cue, found = "region", self.gaz.lookup(head)
            elif tail in self.lx["city_suffixes"]:
                suffix_cue, found = "city", self.gaz.lookup(head)
        if not found and self.towns is not None and sp.source != "gazetteer":
            towns = self.towns.lookup(surface)
            found = Lookup(towns, set(), False)
        if not found:
            return None
        before = _clause_tail(text[max(0, sp.start - 60) : sp.start])
        after = text[sp.end : sp.end + 40]
        words_before = _WORD.findall(before)[-4:]
        cue = suffix_cue or self._type_cue(words_before)
        prep = self._preposition(words_before)
        reference = bool(self.lx["reference_re"].search(before))
        dateline = any(a <= sp.start and sp.end <= b for a, b in datelines)
        hint = self._hierarchy_hint(after, words_before)
        if sp.label == "ACTOR" and not any(
            p.key in found.primary and p.country == sp.code and (p.feature in ("country", "region") or p.capital)
            for p in found.places
        ):  # an actor names a place as its own country or capital ("Pjöngjang"); else judge it as bare
            sp = _Span(sp.start, sp.end, sp.text, "gazetteer")
        if sp.source == "gazetteer" and not self._plausible_bare(surface, found, cue, prep, dateline, sp, text):
            return None
        scored = sorted(
            ((self._score(p, found, context, cue, dateline, hint), p) for p in found.places), key=lambda x: -x[0]
        )
        score, best = scored[0]
        hints = [h for h in (cue and f"cue:{cue}", hint and f"country:{hint}", dateline and "dateline") if h]
        return PlaceMention(
            sp.start,
            sp.end,
            surface,
            best,
            best.feature,
            sp.source,
            found.oblique,
            prep,
            reference,
            dateline,
            round(score, 2),
            len(found.places),
            hints,
        )

    def _plausible_bare(
        self, surface: str, found: Lookup, cue: str | None, prep: str | None, dateline: bool, sp: _Span, text: str
    ) -> bool:
        """A scanned name without an entity label counts only when it is likely a place: a known
        country or region name, a type word or a dateline, a big city, or a city after a locative
        preposition whose name is no common word ("in der Nähe von Mytilini", not "in Kraft")."""
        if surface in self.lx["stop_names"] and not cue:
            return False
        known = [p for p in found.places if p.key in found.primary]
        if any(p.feature in ("country", "region", "other") and not p.minor for p in known):
            return True
        if cue or dateline:
            return True
        if any(p.population >= 500_000 for p in known):
            return True
        if prep and any(p.feature == "city" for p in found.places) and not _sentence_initial(text, sp.start):
            pos = self._propn.get(sp.start) if self._propn else None
            return pos in ("PROPN", "X") if pos is not None else not _common_word(surface)
        return False

    def _type_cue(self, words_before: list[str]) -> str | None:
        """'city' / 'region' / 'other' from a type word right before ("der Stadt", "Region")."""
        for w in reversed(words_before[-3:]):
            if w in self.lx["city_cues"]:
                return "city"
            if w in self.lx["region_cues"]:
                return "region"
            if w in self.lx["other_cues"]:
                return "other"
            if w.lower() in ARTICLES or (w[:1].islower() and re.search(r"(?:e|en|er|es|em)$", w)):
                continue
            break
        return None

    def _preposition(self, words_before: list[str]) -> str | None:
        """The locative preposition heading the mention's phrase: "in der Region", "im ...
        Hafen", and across a list ("in Stuttgart und Halle")."""
        words = list(words_before)
        head_noun = False
        while words:
            w = words.pop()
            lw = w.lower()
            if lw in self.lx["locative_lower"]:
                return lw
            if lw in ARTICLES or w in self.lx["city_cues"] or w in self.lx["region_cues"] or w in self.lx["other_cues"]:
                continue
            if w[:1].islower() and re.search(r"(?:e|en|er|es|em)$", w) and lw not in CONJUNCTIONS:
                continue  # an adjective: "im ostrussischen Hafen"
            if lw in CONJUNCTIONS and words and words[-1][:1].isupper():
                words.pop()  # the previous conjunct: "in Stuttgart und Halle"
                continue
            if w[:1].isupper() and not head_noun:
                head_noun = True  # the noun the name stands beside: "auf dem Stützpunkt Łask"
                continue
            return None
        return None

    def _hierarchy_hint(self, after: str, words_before: list[str]) -> str | None:
        """A country named right after ("X, Russland", "X (Russland)") or as an adjective before."""
        m = re.match(r"\s*(?:,|\(|in|im|bei)\s*([A-ZÄÖÜ][\w-]+)", after)
        if m:
            found = self.gaz.lookup(m.group(1))
            for p in found.places:
                if p.feature == "country" and p.key in found.primary:
                    return p.country
        for w in words_before[-3:]:
            if w[:1].islower():
                code = self.gaz.country_of_adjective(w)
                if code:
                    return code
        return None

    def _score(
        self, p: Place, found: Lookup, context: Counter, cue: str | None, dateline: bool, hint: str | None
    ) -> float:
        if p.feature == "country":
            s = 4.7 + math.log10(max(p.population, 10_000)) / 20
        elif p.feature == "region":
            s = 0.5 if p.minor else 2.5
        elif p.feature == "other":
            s = 3.0
        else:
            s = math.log10(max(p.population, 1000)) / 2 + (0.5 if p.capital else 0.0)
        s += 1.0 if p.key in found.primary else -0.7
        if context.get(p.country):
            s += min(context[p.country], 3) * 0.5
        if hint and p.country == hint:
            s += 4.0
        if cue:
            s += 3.0 if p.feature == cue else -1.5
        if dateline:
            s += 3.0 if p.feature == "city" else -2.0
        return s

    def _coordination(self, mentions: list[PlaceMention], text: str) -> None:
        """Names listed with regions are regions ("in Salzburg und Oberösterreich")."""
        for k, m in enumerate(mentions):
            if m.place is None or m.feature != "city" or "cue:city" in m.hints or m.dateline:
                continue
            neighbours = [mentions[j] for j in (k - 1, k + 1) if 0 <= j < len(mentions)]
            for n in neighbours:
                between = text[min(m.end, n.end) : max(m.start, n.start)]
                if n.feature == "region" and re.fullmatch(r"\s*(?:,|und|sowie|oder|and|or)\s*", between):
                    found = self.gaz.lookup(m.text)
                    region = next(
                        (
                            p
                            for p in found.places
                            if p.feature == "region"
                            and p.country == m.place.country
                            and p.key in found.primary
                            and not p.minor
                        ),
                        None,
                    )
                    if region is not None:
                        m.place, m.feature = region, "region"
                        m.hints.append("listed with regions")
                    break

    # -- capitals as actors -----------------------------------------------------------------------
    def _is_actor(self, m: PlaceMention, text: str, sentences: list[Sentence], doc: Document | None) -> bool:
        """A capital standing for its government: subject, genitive possessor, source, accused."""
        before = _clause_tail(text[max(0, m.start - 40) : m.start])
        after = text[m.end : m.end + 30]
        words_before = _WORD.findall(before)[-3:]
        lx = self.lx
        if m.dateline or "cue:city" in m.hints:
            return False
        if words_before and words_before[-1].lower() in lx["actor_prepositions"]:
            return True
        if re.match(r"\s+zufolge\b", after):
            return True
        if m.preposition == "aus" and len(words_before) >= 2 and words_before[-2] in lx["source_nouns"]:
            return True
        if words_before and words_before[-1].lower() == "zwischen":
            return len(words_before) >= 2 and words_before[-2] in lx["relation_nouns"]
        if m.preposition in ("von", "vom") and re.match(
            r"\s+(?:\w+\s+)?(?:ge|\w+ge)\w+(?:t|en)(?:e|en|er|es)?\b", after
        ):
            return True  # agent of a passive participle: "ein von Kiew angestrebtes Abkommen"
        if m.preposition:
            return False
        if self._genitive(m, doc):
            return not (words_before and words_before[-1] in lx["area_nouns"])
        sent = clause.sentence_at(sentences, m.start) if sentences else None
        if sent is not None and sent.tokens:
            verdict = self._actor_by_parse(m, sent)
            if verdict is not None:
                return verdict
        if words_before and (
            words_before[-1].lower() in ARTICLES
            or re.search(r"(?:e|en|er|es|em)$", words_before[-1])
            and words_before[-1][:1].islower()
        ):
            return False  # "des zerbombten Sarajevo": a determiner makes the city a thing described
        if doc is not None:
            return any(e.label == "ACTOR" and e.start <= m.start and m.end <= e.end for e in doc.entities)
        return False

    def _genitive(self, m: PlaceMention, doc: Document | None) -> bool:
        """A German genitive of the name ("Moskaus", "Pjöngjangs", "Athens" beside "Athen")."""
        if m.oblique:
            return True
        lang = (doc.language if doc is not None else None) or "de"
        if lang.startswith("de") and m.text.endswith("s") and m.place is not None:
            base = self.gaz.lookup(m.text[:-1], inflection=False)
            return any(p.key == m.place.key for p in base.places)
        return False

    def _actor_by_parse(self, m: PlaceMention, sent: Sentence) -> bool | None:
        """Subject of an acting verb or object of an accusing one: actor; object of a visit verb
        or a stative subject: place; None when the parse says nothing."""
        toks = clause.tokens_in(sent, m.start, m.end)
        head = clause.span_head(sent, toks)
        if head is None:
            return None
        idx = clause.by_index(sent)
        tok = head
        while tok.dep == "conj" and tok.head in idx and tok.head != tok.i:
            tok = idx[tok.head]
        gov = idx.get(tok.head)
        if any(t.dep == "case" and t.head == tok.i for t in sent.tokens):
            return False
        if tok.dep.startswith("nsubj") or tok.dep == "csubj":
            return gov is None or gov.lemma.lower() not in self.lx["stative_verbs"]
        if tok.dep in ("obj", "iobj", "dobj", "dative") and gov is not None and gov.pos in clause.VERBAL_POS:
            return gov.lemma.lower() not in self.lx["visit_verbs"]
        return None


# -- events ----------------------------------------------------------------------------------------


_CLAUSE_END = re.compile(r".*(?:[.!?;:\n]\s|[–—]\s|[\"„“](?=\s|$))", re.DOTALL)


def _clause_tail(before: str) -> str:
    """The text before a mention back to the last sentence or clause break."""
    m = _CLAUSE_END.match(before)
    return before[m.end() :] if m else before


@lru_cache(maxsize=4096)
def _common_word(word: str) -> bool:
    """A frequent German or English word ("Kraft", "Halle"): as a bare name not trusted as a place."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency of the cleaner
        return False
    w = word.lower()
    return max(zipf_frequency(w, "de"), zipf_frequency(w, "en")) >= COMMON_ZIPF


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].strip()
    return start == 0 or not before or before[-1] in '.!?:\n"„“'


def _tree_distance(sent: Sentence, a: Token, b: Token) -> int:
    """Edges between two tokens through their lowest common ancestor (large when unrelated)."""
    pa = [a] + clause.ancestors(sent, a)
    pb = [b] + clause.ancestors(sent, b)
    ids_b = {t.i: k for k, t in enumerate(pb)}
    for k, t in enumerate(pa):
        if t.i in ids_b:
            return k + ids_b[t.i]
    return 99


def event_location(
    doc: Document, ev: Event, mentions: list[PlaceMention], resolver: PlaceResolver, lead_end: int | None = None
) -> PlaceMention | None:
    """The place attached to ``ev`` (see the module docstring); None when the text gives none.

    A candidate is a resolved place (no actor, no reference point) in the event's sentence that
    heads a location phrase ("in Pjöngjang", "im Hafen Wladiwostok") or is what a visit verb
    visits ("besuchte Pjöngjang", "Russlands Fernen Osten besuchte"), and that belongs to the
    trigger: in the trigger's clause, or attached to it in the parse. The closest wins, a city
    before a region before a country at equal distance.
    """
    s0, s1 = ev.sentence.start, ev.sentence.end
    cands = [
        m
        for m in mentions
        if s0 <= m.start < s1
        and m.place is not None
        and m.feature != "actor"
        and not m.reference
        and not m.dateline
        and not _actor_part(m, ev)
    ]
    sent = clause.sentence_at(doc.sentences, ev.trigger.start) if doc.sentences else None
    lx = resolver.lx
    window = clause.clause_window(sent, ev.trigger.start, ev.trigger.end) if sent is not None and sent.tokens else []
    w0, w1 = (window[0].start, window[-1].end) if window else (s0, s1)
    scored: list[tuple[float, PlaceMention]] = []
    for m in cands:
        locative = m.preposition is not None and m.preposition not in ("von", "vom", "aus", "ab", "bis")
        visited = False
        dist = 99
        if sent is not None and sent.tokens:
            trig = clause.span_head(sent, clause.tokens_in(sent, ev.trigger.start, ev.trigger.end))
            head = clause.span_head(sent, clause.tokens_in(sent, m.start, m.end))
            if trig is not None and head is not None:
                dist = _tree_distance(sent, trig, head)
                visited = _visited(sent, trig, head, lx) or _arrival(doc.text, ev, m, lx)
        if not (locative or visited):
            continue
        if not (w0 <= m.start < w1 or dist <= 3 or visited):
            continue
        rank = {"place": 0.0, "region": 0.3, "country": 0.6}[m.place.precision()]
        scored.append((min(dist, 12) + rank + abs(m.start - ev.trigger.start) / 1000, m))
    if scored:
        return min(scored, key=lambda x: x[0])[1]
    if lead_end is not None and ev.sentence.start < lead_end:
        return next((m for m in mentions if m.dateline and m.place is not None and m.feature != "actor"), None)
    return None


def _visited(sent: Sentence, trig: Token, head: Token, lx: dict[str, Any]) -> bool:
    """``head`` is (or is the genitive of) the object of a visit verb that is the trigger."""
    if trig.lemma.lower() not in lx["visit_verbs"] and trig.text.lower() not in lx["visit_verbs"]:
        return False
    idx = clause.by_index(sent)
    for tok in (head, idx.get(head.head)):
        if tok is not None and tok.dep in ("obj", "dobj") and tok.head == trig.i:
            return True
    return False


def _arrival(text: str, ev: Event, m: PlaceMention, lx: dict[str, Any]) -> bool:
    """A place right after an arrival verb, as scraped text often has it ("eintreffen Nord Korea")."""
    if ev.trigger_text.lower() not in lx["visit_verbs"]:
        return False
    return 0 <= m.start - ev.trigger.end <= 3


def _actor_part(m: PlaceMention, ev: Event) -> bool:
    """A place name inside an actor of the event ("Präsident Russlands") is no location."""
    return any(
        a.start <= m.start and m.end <= a.end and (a.end - a.start) > (m.end - m.start) for a in ev.source + ev.target
    )


def lead_end(doc: Document) -> int:
    """End of the lead: the first paragraph, or the first two sentences when there are none."""
    if doc.paragraphs:
        return doc.paragraphs[0].end
    if len(doc.sentences) >= 2:
        return doc.sentences[1].end
    return len(doc.text)


def caption_places(doc: Document, resolver: PlaceResolver) -> list[dict[str, Any]]:
    """The scene of each photo caption: its most specific location phrase that is no reference
    point ("... 180 km nördlich von Blagoweschensk, in der Region Amur, Russland" -> Amur)."""
    out = []
    for i, cap in enumerate(doc.captions):
        ms = [m for m in resolver.mentions_in(cap, doc, caption=True) if m.place is not None]
        scene = [
            m
            for m in ms
            if not m.reference
            and m.feature != "actor"
            and (m.preposition not in (None, "von", "vom", "aus") or m.feature == "region")
        ]
        pick = min(
            scene, key=lambda m: ({"place": 0, "region": 1, "country": 2}[m.place.precision()], m.start), default=None
        )
        if pick is not None:
            out.append({"caption": i, **pick.location()})
    return out
