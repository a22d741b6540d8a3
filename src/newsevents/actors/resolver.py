"""Find actor mentions in a document and code each as country + sector.

Steps per sentence: knowledge-base matches (longest first, inflection-aware), sector words and
German compounds ("Kremlberater", "Nordkorea-Experte"), composition (adjective + sector word,
sector word + genitive country, title + name, name + apposition), place-versus-actor, and
coreference of pronouns and definite descriptions to the most recent compatible actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..document import Document, Entity
from .kb import ActorKB, Entry, norm, tokenize

LOCATIVE = {
    "de": {"in", "im", "nach", "aus", "bei", "nahe", "gen", "über", "durch", "vor", "nördlich", "südlich",
           "östlich", "westlich", "zwischen", "um"},
    "en": {"in", "to", "at", "near", "from", "into", "outside", "across", "around", "through"},
}
ARTICLES = {"der", "die", "das", "dem", "den", "des", "the"}
CONJ = {"und", "sowie", "oder", "and", "or", ","}
PRONOUNS_PERSON = {"er": "m", "he": "m", "she": "f", "ihm": "m", "ihn": "m", "him": "m", "her": "f"}
GROUP_WORDS = {"regierungschefs", "staatschefs", "staats-", "seiten", "länder", "staaten", "leaders", "sides",
               "countries", "präsidenten", "führer"}
COUNTRY_ANAPHORS = {("das", "land"), ("dem", "land"), ("des", "landes"), ("the", "country"),
                    ("das", "regime"), ("the", "regime")}
# Sectors whose compound first part names a topic, not a country ("Nordkorea-Experte").
TOPIC_SECTORS = {"EDU", "JRN", "MED", "BUS", "REL"}
APPOSITION_ARTICLES = {"ein", "eine", "einer", "der", "die", "a", "an", "the"}
_SENT_SPLIT = re.compile(r"(?<=[.!?“”\"])\s+(?=[„“\"A-ZÄÖÜ0-9])|\n+")


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str
    code: str | None
    sector: str | None
    name: str | None
    kb_id: str | None
    rule: str
    confidence: float
    gender: str | None = None
    is_place: bool = False
    members: list[Mention] = field(default_factory=list)


def _sentences(doc: Document) -> list[tuple[int, int]]:
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    spans = []
    paras = doc.paragraphs or []
    blocks = [(p.start, p.end) for p in paras] or [(0, len(doc.text))]
    for b0, b1 in blocks:
        pos = b0
        for m in _SENT_SPLIT.finditer(doc.text, b0, b1):
            if m.start() > pos:
                spans.append((pos, m.start()))
            pos = m.end()
        if pos < b1:
            spans.append((pos, b1))
    return [s for s in spans if doc.text[s[0]:s[1]].strip()]


class ActorResolver:
    """Codes actor mentions with a knowledge base; one instance per language set."""

    def __init__(self, kb: ActorKB):
        self.kb = kb
        self._text: str | None = None

    # -- matching -----------------------------------------------------------------------
    def _kb_match(self, toks: list[tuple[int, int, str]], i: int, lang: str) -> tuple[int, list[Entry]] | None:
        kb = self.kb
        for n in range(min(kb.max_len, len(toks) - i), 0, -1):
            key = tuple(norm(t[2]) for t in toks[i:i + n])
            entries = kb.lookup(key)
            if not entries:
                continue
            surface = [t[2] for t in toks[i:i + n]]
            ok = []
            for e in entries:
                if e.case_sensitive:
                    if not any(_same_case(surface, s) for s in (surface,)) or not surface[0][:1].isupper():
                        continue
                    if not all(w.isupper() or not w.isalpha() for w in surface if len(w) <= 4):
                        continue
                elif e.kind != "adjective" and not surface[0][:1].isupper():
                    continue
                ok.append(e)
            if ok:
                return n, ok
        return None

    def _sector_of(self, tok: str, lemma: str | None = None) -> str | None:
        w = norm(tok)
        sec = self.kb.sector_words.get(w)
        if sec is None and lemma:
            sec = self.kb.sector_words.get(norm(lemma))
        return sec

    def _compound(self, tok: str) -> tuple[str | None, str, bool] | None:
        """(code, sector, topic) for compounds like "Kremlberater", "US-Regierung", "Nordkorea-Experte"."""
        if not tok[:1].isupper() or len(tok) < 6:
            return None
        low = norm(tok)
        if low.startswith(("ex-", "alt-")) and self._sector_of(tok.split("-", 1)[1]):
            return None, "ELI", False
        got = self._compound_parts(tok, low)
        if got is None:
            return None
        code, sec, topic, prefix = got
        p = norm(prefix.strip("-"))
        org = self.kb.org_prefix_codes.get(p)
        if org and org[1] and sec == "GOV" and not topic:
            sec = org[1]  # "CSU-Chef" -> PTY, "Hamas-Sprecher" -> REB
        prefix_sector = self._sector_of(prefix.strip("-")) or self._sector_of(prefix.strip("-").rstrip("s"))
        if prefix_sector and sec in ("CVL", "GOV") and code is None:
            sec = prefix_sector  # "Armeeangehörige" -> MIL, "Polizeisprecher" -> COP
        return code, sec, topic

    def _compound_parts(self, tok: str, low: str) -> tuple[str | None, str, bool, str] | None:
        if "-" in tok:
            left, right = tok.rsplit("-", 1)
            sec = self._sector_of(right)
            if sec:
                topic = norm(left) in self.kb.topic_prefixes and norm(left) not in self.kb.prefixes
                code = self._prefix_code(left) or self.kb.topic_prefixes.get(norm(left))
                return code, sec, code is not None and (topic or sec in TOPIC_SECTORS), left
        for head, sec in self.kb.sector_heads:
            if low.endswith(head) and len(low) > len(head) + 2:
                prefix = tok[: len(tok) - len(head)]
                code = self._prefix_code(prefix) or self._prefix_code(prefix.rstrip("s"))
                return code, sec, code is not None and sec in TOPIC_SECTORS, prefix
        # inflected compound ("Regierungssprechers", "Kremlberaters")
        for suf in ("s", "n", "en", "es", "innen", "in"):
            if low.endswith(suf) and len(low) > len(suf) + 6:
                base = tok[: -len(suf)]
                for head, sec in self.kb.sector_heads:
                    if norm(base).endswith(head) and len(base) > len(head) + 2:
                        prefix = base[: len(base) - len(head)]
                        code = self._prefix_code(prefix) or self._prefix_code(prefix.rstrip("s"))
                        return code, sec, code is not None and sec in TOPIC_SECTORS, prefix
        return None

    def _prefix_code(self, prefix: str) -> str | None:
        p = norm(prefix.strip("-"))
        if p in self.kb.org_prefix_codes:
            return self.kb.org_prefix_codes[p][0]
        code = self.kb.prefixes.get(p) or self.kb.capitals.get(p)
        if code is None:
            for e in self.kb.lookup((p,)):
                if e.kind in ("country", "capital", "seat", "org", "adjective") and e.code:
                    return e.code
            return None
        if code.startswith("org:"):
            for e in self.kb.lookup((p,)):
                if e.kind == "org":
                    return e.code
            return None
        return code

    # -- main ------------------------------------------------------------------------------
    def resolve(self, doc: Document) -> list[Entity]:
        lang = doc.language if doc.language in LOCATIVE else "de"
        when = doc.published or date.today()
        text = doc.text
        self._text = text
        toks_all = tokenize(text)
        lemmas = _lemmas(doc)
        ner = [e for e in doc.entities if e.label in ("PER", "ORG", "LOC")]
        mentioned_codes: set[str] = set()
        history: list[Mention] = []  # coded mentions so far, for coreference
        self._surnames: dict[str, Mention] = {}  # surname -> coded person mention, this document
        out: list[Entity] = []
        ti = 0
        for s0, s1 in _sentences(doc):
            while ti < len(toks_all) and toks_all[ti][0] < s0:
                ti += 1
            tj = ti
            while tj < len(toks_all) and toks_all[tj][1] <= s1:
                tj += 1
            toks = toks_all[ti:tj]
            mentions = self._sentence_mentions(toks, lang, when, lemmas, ner, mentioned_codes, history)
            for m in mentions:
                if m.kind == "person" and m.code and m.end - m.start >= 2:
                    self._surnames[norm(toks[m.end - 1][2])] = m
                    if m.kb_id and m.kb_id.startswith("person:"):
                        # "Kim" after "Kim Jong-un": East Asian family names come first
                        self._surnames[norm(toks[m.start][2])] = m
                if m.code:
                    mentioned_codes.add(m.code)
                a, b = toks[m.start][0], toks[m.end - 1][1]
                out.append(Entity(
                    a, b, text[a:b], "PLACE" if m.is_place else "ACTOR", m.code, m.sector, m.name,
                    m.kb_id, round(m.confidence, 3), m.rule,
                ))
                if not m.is_place and (m.code or m.sector):
                    history.append(m)
            history = history[-40:]
            ti = tj
        _fill_from_context(out)
        return out

    def _sentence_mentions(self, toks, lang, when, lemmas, ner, mentioned, history) -> list[Mention]:
        kb = self.kb
        n = len(toks)
        raw: list[Mention | None] = [None] * n
        i = 0
        while i < n:
            m = self._kb_match(toks, i, lang)
            if m:
                length, entries = m
                mention = self._choose(entries, when, mentioned)
                if mention is not None:
                    mention.start, mention.end = i, i + length
                    for k in range(i, i + length):
                        raw[k] = mention
                    i += length
                    continue
            i += 1
        # sector words and compounds on the remaining tokens
        for i, (a, b, t) in enumerate(toks):
            if raw[i] is not None or not t[:1].isupper():
                continue
            lemma = lemmas.get(a)
            comp = self._compound(t)
            sec = self._sector_of(t, lemma)
            if sec and (not comp or comp[0] is None):
                raw[i] = Mention(i, i + 1, "sector", None, sec, None, None, "sector_word", 0.5)
            elif comp:
                code, csec, topic = comp
                raw[i] = Mention(i, i + 1, "compound", None if topic else code, csec, None, None,
                                 "compound" + (":topic" if topic else ""), 0.75 if code and not topic else 0.5)
        for i, (a, b, t) in enumerate(toks):
            known = self._surnames.get(norm(t)) if raw[i] is None and _is_name_token(t) else None
            if known is not None:
                raw[i] = Mention(i, i + 1, "person", known.code, known.sector, known.name, known.kb_id,
                                 "coref:name", 0.6, gender=known.gender)
        mentions = _unique(raw)
        mentions = self._add_unknown_people(toks, raw, mentions, ner, lang)
        mentions = self._compose(toks, mentions, lang)
        self._former(toks, mentions)
        self._places(toks, mentions, lang)
        self._coreference(toks, mentions, history, lang)
        return [m for m in mentions if m.code or m.sector or m.kind == "person"]

    def _choose(self, entries: list[Entry], when: date, mentioned: set[str]) -> Mention | None:
        order = {"person": 0, "org": 1, "seat": 2, "capital": 3, "country": 4, "adjective": 5,
                 "demonym": 6, "description": 7, "sector": 8}
        for e in sorted(entries, key=lambda e: order.get(e.kind, 9)):
            if e.context_only and not (set(e.requires or (e.code,)) & mentioned):
                continue
            if e.kind == "person" and e.person:
                code, sector, how = e.person.role_at(when)
                return Mention(0, 0, "person", code, sector, e.name, e.kb_id, f"kb:person:{how}",
                               0.9 if how.startswith("role") else 0.7, gender=e.person.gender)
            conf = {"org": 0.9, "seat": 0.85, "capital": 0.8, "country": 0.9, "adjective": 0.8,
                    "demonym": 0.8, "description": 0.6, "sector": 0.5}.get(e.kind, 0.7)
            sector = e.sector
            for psec, start, until in e.periods:
                if (start is None or start <= when) and (until is None or when < until):
                    sector = psec
            return Mention(0, 0, e.kind, e.code, sector, e.name, e.kb_id,
                           "sector_word" if e.kind == "sector" else f"kb:{e.kind}", conf)
        return None

    def _add_unknown_people(self, toks, raw, mentions: list[Mention], ner, lang) -> list[Mention]:
        """People the knowledge base lacks: NER PER spans, or capitalised names after a title."""
        taken = {k for m in mentions for k in range(m.start, m.end)}
        spans: list[tuple[int, int]] = []
        for e in ner:
            if e.label != "PER":
                continue
            idx = [k for k, t in enumerate(toks) if t[0] >= e.start and t[1] <= e.end]
            if idx and not any(k in taken for k in idx):
                spans.append((idx[0], idx[-1] + 1))
        # a name right after a title or sector word: "Kremlberater Juri Uschakow"
        for m in mentions:
            if m.kind in ("sector", "compound") and m.end < len(toks):
                k = m.end
                while k < len(toks) and k - m.end < 3 and _is_name_token(toks[k][2]) and k not in taken \
                        and self._sector_of(toks[k][2]) is None:
                    k += 1
                if k - m.end >= 2:
                    spans.append((m.end, k))
        for a, b in sorted(set(spans)):
            if any(k in taken for k in range(a, b)):
                continue
            mentions.append(Mention(a, b, "person", None, None, " ".join(t[2] for t in toks[a:b]), None,
                                    "ner:person", 0.5))
            taken |= set(range(a, b))
        return sorted(mentions, key=lambda m: m.start)

    def _compose(self, toks, mentions: list[Mention], lang) -> list[Mention]:
        words = [norm(t[2]) for t in toks]
        out: list[Mention] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            # adjective(s) (+ und) + sector word: "US-amerikanische und südkoreanische Beamte"
            if m.kind in ("adjective", "country", "capital") and m.sector in (None, "GOV") and m.kind == "adjective":
                group = [m]
                j = i + 1
                while j < len(mentions) and mentions[j].kind == "adjective" and \
                        all(words[k] in CONJ for k in range(group[-1].end, mentions[j].start)):
                    group.append(mentions[j])
                    j += 1
                head = mentions[j] if j < len(mentions) else None
                if head and head.kind in ("sector", "compound") and head.start - group[-1].end <= 2 and \
                        all(not toks[k][2][:1].isupper() for k in range(group[-1].end, head.start)):
                    for g in group:
                        g.sector = head.sector
                        g.rule = "adjective+sector"
                        g.confidence = 0.85
                    last = group[-1]
                    last.end = head.end
                    # "der russische Präsident Wladimir Putin": swallow the following name
                    if j + 1 < len(mentions) and mentions[j + 1].kind == "person" and mentions[j + 1].start == head.end:
                        p = mentions[j + 1]
                        last.end = p.end
                        last.name = p.name or last.name
                        last.kb_id = p.kb_id or last.kb_id
                        if p.code and p.sector:
                            last.sector = p.sector
                        j += 1
                    out.extend(group)
                    i = j + 1
                    continue
            # genitive country + title: "Guatemalas Ex-Präsident Otto Pérez Molina"
            if m.kind in ("country", "capital") and i + 1 < len(mentions) and mentions[i + 1].kind in ("sector", "compound") \
                    and mentions[i + 1].start == m.end and toks[m.end - 1][2].endswith("s"):
                head = mentions[i + 1]
                m.sector, m.end, m.rule, m.confidence = head.sector, head.end, "genitive+sector", 0.85
                m.kind = "composed"
                if i + 2 < len(mentions) and mentions[i + 2].kind == "person" and mentions[i + 2].start == head.end:
                    p = mentions[i + 2]
                    m.end, m.name, m.kb_id = p.end, p.name, p.kb_id
                    if p.code is None:
                        p_reg = Mention(p.start, p.end, "person", m.code, m.sector, p.name, None, "title+name", 0.75)
                        self._surnames[norm(toks[p.end - 1][2])] = p_reg
                    i += 1
                out.append(m)
                i += 2
                continue
            # sector word + genitive country: "der Präsident Russlands", "die Regierung Nordkoreas"
            if m.kind in ("sector", "compound") and i + 1 < len(mentions):
                nxt = mentions[i + 1]
                between = words[m.end:nxt.start]
                if nxt.kind in ("country", "capital") and nxt.start - m.end <= 1 and all(w in ARTICLES for w in between) \
                        and toks[nxt.end - 1][2].endswith(("s", "'")):
                    m.code, m.end, m.rule, m.confidence = nxt.code, nxt.end, "sector+genitive", 0.85
                    m.name = nxt.name
                    if i + 2 < len(mentions) and mentions[i + 2].kind == "person" and \
                            all(w in {","} for w in words[m.end:mentions[i + 2].start]):
                        p = mentions[i + 2]
                        m.end, m.name, m.kb_id = p.end, p.name, p.kb_id
                        i += 1
                    out.append(m)
                    i += 2
                    continue
                # title + person: "Kremlberater Juri Uschakow", "Außenminister Lawrow"
                if nxt.kind == "person" and nxt.start == m.end:
                    if nxt.code is None:
                        nxt.code, nxt.sector = m.code, m.sector
                        nxt.rule = "title+name"
                        nxt.confidence = 0.75 if m.code else 0.5
                        if m.code:
                            self._surnames[norm(toks[nxt.end - 1][2])] = nxt
                    nxt.start = m.start
                    out.append(nxt)
                    i += 2
                    continue
            # name + apposition: "Andrei Lankov, ein Nordkorea-Experte an der Kookmin-Universität in Seoul"
            if m.kind == "person" and m.code is None:
                app = self._apposition(toks, mentions, i, words)
                if app:
                    m.code, m.sector, m.rule, m.confidence = app[0], app[1], "apposition", 0.75
            out.append(m)
            i += 1
        return out

    def _former(self, toks, mentions: list[Mention]) -> None:
        """"der ehemalige Präsident", "former minister": former officials are ELI."""
        mods = self.kb.eli_modifiers | {"ehemalig", "früher", "einstig", "former", "ex"}
        for m in mentions:
            if not m.sector or m.sector == "ELI":
                continue
            for k in range(max(0, m.start - 2), m.start + 1):
                w = norm(toks[k][2])
                if any(w.startswith(x) for x in mods if len(x) > 3) or w in mods:
                    m.sector, m.rule = "ELI", m.rule + "+former"
                    break

    def _apposition(self, toks, mentions, i, words) -> tuple[str | None, str] | None:
        m = mentions[i]
        k = m.end
        if k >= len(toks) or words[k] != ",":
            # the comma is not a token; check the characters between
            pass
        # look at the next mention within 4 tokens after the name, allowing an article
        j = i + 1
        if j >= len(mentions):
            return None
        head = mentions[j]
        if head.kind not in ("sector", "compound") or head.start - m.end > 2:
            return None
        if any(w not in APPOSITION_ARTICLES for w in words[m.end:head.start]):
            return None
        code = head.code
        if code is None or head.rule.endswith(":topic"):
            # affiliation place: "an der Kookmin-Universität in Seoul"
            code = None
            for later in mentions[j + 1: j + 5]:
                if later.start - head.end > 8:
                    break
                if later.kind in ("capital", "country") and later.code:
                    code = later.code
                    break
        return code, head.sector

    def _places(self, toks, mentions: list[Mention], lang) -> None:
        """A capital or country after a locative preposition is where something happens."""
        loc = LOCATIVE.get(lang, LOCATIVE["de"])
        for m in mentions:
            if m.kind not in ("capital", "country", "seat") or m.start == 0:
                continue
            prev = norm(toks[m.start - 1][2])
            # punctuation between means the word before is no preposition ("warfen X vor, Russland ...")
            if self._text is not None and self._text[toks[m.start - 1][1]:toks[m.start][0]].strip():
                continue
            # "in der Ukraine" (countries take articles); "bei dem Pjöngjang" is a relative clause
            with_article = prev in ARTICLES and m.kind == "country" and m.start >= 2 and norm(toks[m.start - 2][2]) in loc
            if prev in loc or with_article:
                m.is_place = True
                m.rule = f"place:{m.kind}"

    def _coreference(self, toks, mentions: list[Mention], history: list[Mention], lang) -> None:
        words = [norm(t[2]) for t in toks]
        new: list[Mention] = []
        covered = {k for m in mentions for k in range(m.start, m.end)}
        for k, w in enumerate(words):
            if k in covered:
                continue
            if w in PRONOUNS_PERSON and toks[k][2][:1].islower() or (w in ("he", "she") and k == 0):
                if w not in PRONOUNS_PERSON:
                    continue
                g = PRONOUNS_PERSON[w]
                prior = [m for m in history + [x for x in mentions if x.end <= k]
                         if m.kind == "person" and m.code and (m.gender in (None, g))]
                if prior:
                    p = prior[-1]
                    new.append(Mention(k, k + 1, "pronoun", p.code, p.sector, p.name, p.kb_id, "coref:pronoun", 0.5))
            elif k + 1 < len(words) and (w, words[k + 1]) in COUNTRY_ANAPHORS:
                prior = [m for m in history + [x for x in mentions if x.end <= k] if m.code and len(m.code) == 3
                         and m.kind in ("country", "capital", "adjective", "seat")]
                if prior:
                    p = prior[-1]
                    new.append(Mention(k, k + 2, "anaphor", p.code, "GOV" if words[k + 1] == "regime" else None,
                                       p.name, p.kb_id, "coref:country", 0.5))
        # plural groups: "die Staats- und Regierungschefs", "beide Seiten" -> every recent leader's state
        for m in list(mentions):
            if m.kind == "sector" and m.code is None and norm(toks[m.end - 1][2]) in GROUP_WORDS:
                leaders = [p for p in history[-12:] + [x for x in mentions if x.end <= m.start]
                           if p.code and len(p.code) == 3 and p.kind in ("person", "composed", "adjective", "country")]
                codes = list(dict.fromkeys(p.code for p in reversed(leaders)))[:2]
                if len(codes) == 2:
                    m.code, m.rule, m.confidence = codes[0], "coref:group", 0.5
                    new.append(Mention(m.start, m.end, "sector", codes[1], m.sector, None, None, "coref:group", 0.5))
        # definite descriptions: "der Präsident", "die Regierung" without a country
        for m in mentions:
            if m.kind == "sector" and m.code is None and m.start > 0 and words[m.start - 1] in ARTICLES:
                prior = [p for p in history + [x for x in mentions if x.end <= m.start and x is not m]
                         if p.code and len(p.code) == 3 and (p.sector == m.sector or p.kind in ("country", "capital"))]
                if prior:
                    p = prior[-1]
                    m.code, m.rule, m.confidence = p.code, "coref:description", 0.5
                    if p.sector == m.sector:
                        m.name, m.kb_id = p.name, p.kb_id
        mentions.extend(new)
        mentions.sort(key=lambda m: m.start)


def _fill_from_context(entities: list[Entity]) -> None:
    """Sector-only mentions ("die Soldaten", "Frauen") take the country the article is about:
    the last actor of the same sector nearby, else the most recent country, else the article's
    most frequent country."""
    counts: dict[str, float] = {}
    for e in entities:
        if e.code and len(e.code) == 3 and e.code not in ("UNO", "EUR", "IGO", "NGO", "IMG", "MNC", "ISM"):
            counts[e.code] = counts.get(e.code, 0) + (1.0 if e.label == "ACTOR" else 0.5)
    dominant = max(counts, key=lambda c: counts[c]) if counts else None
    for k, e in enumerate(entities):
        if e.code or not e.sector or e.label != "ACTOR":
            continue
        prior = [p for p in entities[max(0, k - 25):k] if p.code and p.label == "ACTOR" and e.start - p.start < 1500]
        same = [p for p in prior if p.sector == e.sector]
        if same:
            e.code, e.rule, e.confidence = same[-1].code, e.rule + "+context:sector", 0.45
        elif dominant:
            e.code, e.rule, e.confidence = dominant, e.rule + "+context:article", 0.35


def _same_case(surface: list[str], other: list[str]) -> bool:
    return surface == other


def _is_name_token(tok: str) -> bool:
    return tok[:1].isupper() and not tok.isupper() and tok.replace("-", "").isalpha() and len(tok) > 1


def _unique(raw: list[Mention | None]) -> list[Mention]:
    seen: list[Mention] = []
    for m in raw:
        if m is not None and (not seen or seen[-1] is not m):
            seen.append(m)
    return seen


def _lemmas(doc: Document) -> dict[int, str]:
    return {t.start: t.lemma for s in doc.sentences for t in s.tokens if t.lemma}
