"""Find actor mentions in a document and code each as country + sector.

Per sentence, in order (pass A): knowledge-base matches (longest first, inflection- and
case-aware; document aliases too), sector words and German compounds ("Kremlberater",
"Nordkorea-Experte", "Polizeirazzia"), people the knowledge base lacks (NER PER spans, names after
titles, before appositions), anaphors (pronouns, "der Präsident", "das Land", "die Gruppe",
"ein weiterer", "Die 72-Jährige", "wir"), composition (adjective + sector word, sector word +
genitive or "in"/"von" + state, title + name, name + apposition), former and acting office
holders, and place-versus-actor for states after prepositions.

Then for the whole document (pass B): surnames seen before the full name ("Ponta" in a headline),
candidate states of groups ("die Kurden", "der Bund") chosen by context, and links followed
(pronouns and descriptions take the code of what they refer to); sector-only mentions that are
still without a state take it from context: a mention with the same head noun, a state in the
same sentence, the last actor of the same sector nearby, a recent state, the article's main state.

Works on the NLP stage's tokens (lemma, POS, morphology) when they are there, else on its own
tokenisation; language-specific words come from the knowledge base (grammar.<lang>.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..casing import title_case
from ..document import Document, Entity
from .kb import SPECIAL_CODES, ActorKB, Entry, Grammar, norm

_PUNCT_RE = re.compile(r"[^\w\s]", re.UNICODE)
_FALLBACK_TOKEN = re.compile(r"(?:[A-ZÄÖÜ]\.){2,}|[\w’'][\w’'.]*(?:-\w[\w’']*)*-?|[^\w\s]", re.UNICODE)
_SENT_SPLIT = re.compile(r"(?<=[.!?“”\"])\s+(?=[„“\"A-ZÄÖÜ0-9])|\n+")
_ADJ_END = re.compile(r"(e|en|er|es|em)$")
_NOT_NAMES = frozenset({"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar",
                        "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                        "oktober", "november", "dezember", "monday", "tuesday", "wednesday", "thursday",
                        "friday", "saturday", "sunday", "der", "die", "das", "the"})
_COORD = frozenset({"und", "sowie", "oder", "and", "or", ","})
_CONTRACTIONS = frozenset({"im", "am", "zum", "zur", "beim", "vom", "ins", "ans", "aufs", "übers"})
EAST_ASIAN = frozenset({"CHN", "PRK", "KOR", "VNM", "TWN", "HKG", "MAC", "SGP"})
# sectors whose holders become ELI when the text calls them former ("Ex-Präsident")
OFFICIAL = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP"})
TOPIC_SECTORS = frozenset({"EDU", "JRN"})
# sectors a title takes over from its organisation ("Chef der Ukip" -> PTY, "Sprecher der Hamas" -> REB)
INHERITED_SECTORS = frozenset({"PTY", "OPP", "REB", "PRM", "MIL", "JRN", "SPY"})
NO_FILL_SECTORS = frozenset({"UAF", "UNK"})
STATE_KINDS = frozenset({"country", "capital", "seat", "adjective", "region", "composed", "description", "anaphor"})
KIND_ORDER = {k: i for i, k in enumerate(
    ("person", "org", "seat", "capital", "country", "group", "adjective", "demonym", "region", "description",
     "sector", "block"))}
CONF = {"org": 0.9, "seat": 0.85, "capital": 0.8, "country": 0.9, "adjective": 0.8, "demonym": 0.8,
        "group": 0.7, "region": 0.6, "description": 0.6, "sector": 0.5}


@dataclass(slots=True)
class Tok:
    """A token of one sentence with what the NLP stage says about it (empty when it did not run)."""

    start: int
    end: int
    text: str
    low: str
    lemma: str = ""
    pos: str = ""
    morph: str = ""
    word: bool = True
    cap: bool = False
    dep: str = ""


# parts of speech no word of a name has (capitals say nothing in a title-case headline)
_FUNCTION_POS = frozenset({"VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PRON", "PART"})


@dataclass(eq=False, slots=True)
class Mention:
    sent: int
    start: int  # token index in the sentence
    end: int  # exclusive
    kind: str
    code: str | None
    sector: str | None
    name: str | None = None
    kb_id: str | None = None
    rule: str = ""
    conf: float = 0.5
    gender: str | None = None  # m / f / n
    plural: bool | None = None
    is_place: bool = False
    head: str | None = None  # lemma (lower) of the head noun, for "der Student" -> "US-Student"
    age: str | None = None  # "der 21-jährige ..." -> "21"
    link: Mention | None = None  # what this mention refers to
    link_mode: str = "all"  # all: code and sector; code: only the state
    fill: bool = True  # may take a state from context
    codes: tuple[str, ...] = ()  # candidate states (groups), chosen by context
    needs_context: bool = False
    person_like: bool = False  # denotes people (for pronouns)
    resolved: bool = False
    nstart: int = -1  # the name's own tokens inside a title + name mention
    nend: int = -1
    subj: bool = False  # the parser makes it a subject
    dest: bool = False  # a place that is a destination ("nach Kanada"): says nothing about who acts


def _link_to_person(m: Mention, known: Mention) -> None:
    """A surname mention ("Lankov") refers to the person named in full before ("Andrei Lankov"):
    it takes that person's name, like a bare surname does."""
    m.link, m.rule, m.conf, m.gender = known, "coref:name", 0.6, known.gender
    m.name, m.kb_id = known.name, known.kb_id


@dataclass
class _Doc:
    """What pass A carries from sentence to sentence."""

    lang: str
    g: Grammar
    when: date
    mentions: list[Mention] = field(default_factory=list)
    sents: list[list[Tok]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # ISO codes in order of mention (recency)
    surnames: dict[str, Mention] = field(default_factory=dict)
    aliases: dict[tuple[str, ...], Mention] = field(default_factory=dict)
    alias_first: dict[str, int] = field(default_factory=dict)

    here: set[str] = field(default_factory=set)  # codes named earlier in the current sentence

    @property
    def mentioned(self) -> set[str]:
        return set(self.order) | self.here


def _sentences(doc: Document) -> list[tuple[int, int]]:
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


def _make_tok(start: int, end: int, text: str, lemma: str = "", pos: str = "", morph: str = "", dep: str = "") -> Tok:
    word = bool(text[:1].isalnum())
    return Tok(start, end, text, norm(text), lemma, pos, morph, word, text[:1].isupper(), dep)


def _title_case_caps(toks: list[Tok]) -> list[Tok]:
    """In a title-case headline ("Protesters Clash With Police") the capitals of verbs, prepositions
    and other function words say nothing: they no longer count as capitalised."""
    words = [t for t in toks if t.word and t.text[:1].isalpha()]
    if title_case([t.text for t in words], min_words=3):
        for t in words[1:]:
            if t.pos in _FUNCTION_POS:
                t.cap = False
    return toks


def doc_sentences(doc: Document) -> list[list[Tok]]:
    """The document's sentences as token lists: the NLP stage's, else a tokenisation of our own."""
    if doc.sentences and any(s.tokens for s in doc.sentences):
        return [_title_case_caps([_make_tok(t.start, t.end, t.text, t.lemma, t.pos, t.morph, t.dep) for t in s.tokens])
                for s in doc.sentences if s.tokens]
    out = []
    for s0, s1 in _sentences(doc):
        toks = []
        for m in _FALLBACK_TOKEN.finditer(doc.text, s0, s1):
            t = m.group(0)
            if len(t) > 1 and t.endswith(".") and not re.fullmatch(r"(?:[A-Za-zÄÖÜ]\.)+", t):
                toks.append(_make_tok(m.start(), m.end() - 1, t[:-1]))
                toks.append(_make_tok(m.end() - 1, m.end(), "."))
            else:
                toks.append(_make_tok(m.start(), m.end(), t))
        out.append(toks)
    return out


class ActorResolver:
    """Codes actor mentions with a knowledge base; one instance per knowledge base."""

    def __init__(self, kb: ActorKB):
        self.kb = kb

    # ------------------------------------------------------------------------------------
    # entry point
    # ------------------------------------------------------------------------------------
    def resolve(self, doc: Document) -> list[Entity]:
        lang = doc.language if doc.language in self.kb.grammar else ("de" if "de" in self.kb.grammar else "en")
        d = _Doc(lang, self.kb.grammar_for(lang), doc.published or date.today())
        d.sents = doc_sentences(doc)
        ner = sorted((e for e in doc.entities if e.label in ("PER", "ORG", "LOC")), key=lambda e: e.start)
        for si, toks in enumerate(d.sents):
            if not toks:
                continue
            s_ner = [e for e in ner if e.start >= toks[0].start and e.end <= toks[-1].end]
            self._sentence(d, si, toks, s_ner)
        self._forward_surnames(d)
        self._finish(d)
        out = []
        for m in d.mentions:
            if not (m.code or m.sector or m.kind == "person"):
                continue
            toks = d.sents[m.sent]
            a, b = toks[m.start].start, toks[m.end - 1].end
            out.append(Entity(a, b, doc.text[a:b], "PLACE" if m.is_place else "ACTOR", m.code, m.sector, m.name,
                              m.kb_id, round(m.conf, 3), m.rule))
        return out

    # ------------------------------------------------------------------------------------
    # pass A: one sentence
    # ------------------------------------------------------------------------------------
    def _sentence(self, d: _Doc, si: int, toks: list[Tok], ner: list[Entity]) -> None:
        n = len(toks)
        taken: list[Mention | None] = [None] * n
        mentions: list[Mention] = []

        d.here = set()

        def put(m: Mention) -> Mention:
            for k in range(m.start, m.end):
                taken[k] = m
            mentions.append(m)
            if m.code:
                d.here.add(m.code)
            return m

        self._kb_matches(d, si, toks, taken, put)
        self._sector_words(d, si, toks, taken, put)
        self._truncated(toks, mentions)
        self._early_anaphors(d, si, toks, taken, put, mentions)
        self._people(d, si, toks, taken, put, ner)
        mentions.sort(key=lambda m: m.start)
        mentions = self._compose(d, si, toks, mentions)
        self._appositions(d, toks, mentions)
        for m in mentions:
            m.subj = any(toks[k].dep.startswith("nsubj") for k in range(m.start, m.end))
        taken = [None] * n
        for m in mentions:
            for k in range(m.start, m.end):
                taken[k] = m
        self._aliases(d, si, toks, mentions, taken)
        self._modifiers(d, toks, mentions)
        self._places(d, toks, mentions)
        new = self._anaphora(d, si, toks, mentions, taken)
        mentions = sorted(mentions + new, key=lambda m: m.start)
        for m in mentions:
            if m.kind == "block":
                continue
            if m.kind == "person" and m.end - m.start >= 2:
                self._register_person(d, toks, m)
            if m.code:
                d.order.append(m.code)
            d.mentions.append(m)

    # -- knowledge-base matches ------------------------------------------------------------
    def _case_ok(self, e: Entry, surface: list[str], lang: str) -> bool:
        form = e.surface
        if e.case_sensitive:
            key = [t for t in form.split()]
            return " ".join(surface) == form or surface == key or (
                len(surface) == 1 and surface[0] == form.replace(" ", ""))
        if not form:
            return True
        if form[:1].isupper() and not surface[0][:1].isupper():
            # German nouns and names are capitalised; English too, except the KB writes lower case
            return e.kind in ("adjective",) and lang == "de"
        return True

    def _kb_matches(self, d: _Doc, si: int, toks: list[Tok], taken, put) -> None:
        kb = self.kb
        n = len(toks)
        lows = tuple(t.low for t in toks)
        surfaces, first, aliases = kb.surfaces, kb.first, d.aliases
        i = 0
        while i < n:
            t = toks[i]
            if not t.word:
                i += 1
                continue
            longest = max(first.get(t.low, 0), d.alias_first.get(t.low, 0) if aliases else 0)
            hit = None
            for ln in range(min(longest, n - i), 0, -1):
                if not toks[i + ln - 1].word:
                    continue
                key = lows[i:i + ln]
                if aliases:
                    alias = aliases.get(key)
                    if alias is not None and t.cap:
                        hit = ("alias", ln, alias)
                        break
                entries = surfaces.get(key)
                if not entries:
                    continue
                surface = [x.text for x in toks[i:i + ln]]
                ok = [e for e in entries if self._case_ok(e, surface, d.lang)]
                if ok:
                    m = self._choose(d, si, toks, i, ln, ok)
                    if m is not None:
                        hit = ("kb", ln, m)
                        break
            if hit is None:
                m = self._pro_anti(d, si, toks, i)
                if m is not None:
                    put(m)
                i += 1
                continue
            kind, ln, obj = hit
            if i + ln < n and toks[i + ln].low in d.g.water_words:
                i += ln  # "South China Sea", "Schwarzes Meer": a sea, not its namesake's state
                continue
            if kind == "alias":
                ant: Mention = obj
                put(Mention(si, i, i + ln, ant.kind if ant.kind in ("org", "person") else "org", None, None,
                            ant.name, ant.kb_id, "alias", 0.6, link=ant, gender=ant.gender,
                            person_like=ant.person_like))
            else:
                obj.start, obj.end = i, i + ln
                put(obj)
            i += ln

    def _choose(self, d: _Doc, si: int, toks: list[Tok], i: int, ln: int, entries: list[Entry]) -> Mention | None:
        """The reading of a matched surface: people before organisations before states ...;
        country/demonym homographs ("Ungarn", "Polen") by the words before them."""
        entries = sorted(entries, key=lambda e: KIND_ORDER.get(e.kind, 20))
        kinds = {e.kind for e in entries}
        if "country" in kinds and "demonym" in kinds:
            prefer = "demonym" if self._group_context(d, toks, i) else "country"
            entries = sorted(entries, key=lambda e: e.kind != prefer)
        fallback: Mention | None = None
        for e in entries:
            if e.context_only and not (set(e.requires or (e.code,)) & d.mentioned) and not e.codes:
                if fallback is not None:
                    continue
                if e.kind == "capital" or e.kind == "region":
                    # "in Wien" without Austria in play: a city of that state, not its government
                    fallback = Mention(si, i, i + ln, "region", e.code, None, e.name, e.kb_id, f"kb:{e.kind}:city", 0.5)
                elif e.kind == "org" and e.ambiguous and ln == 1 and toks[i].cap and toks[i].pos != "PROPN" and \
                        e.sector in (None, "GOV", "LEG", "JUD") and toks[i].low not in d.g.org_anaphors and \
                        not any(x.kind in ("capital", "country", "region", "block", "seat") for x in entries):
                    # "Sicherheitsrat", "Kommission" without their organisation in play: a body of
                    # the state in play ("des Friedens- und Sicherheitsrats des Staatenbunds")
                    fallback = Mention(si, i, i + ln, "sector", None, e.sector or "GOV", None, None,
                                       "sector_word:body", 0.45, head=toks[i].low, person_like=False)
                continue
            if e.kind == "block":
                return Mention(si, i, i + ln, "block", None, None, e.name, e.kb_id, "kb:block", 0.0, fill=False)
            if e.kind == "person" and e.person:
                current = any(toks[k].low in d.g.current_modifiers for k in range(max(0, i - 3), i))
                code, sector, how = e.person.role_at(d.when, current)
                return Mention(si, i, i + ln, "person", code, sector, e.name, e.kb_id, f"kb:person:{how}",
                               0.9 if how.startswith("role") else 0.7, gender=e.person.gender, person_like=True)
            if e.codes:
                m = Mention(si, i, i + ln, "group" if e.kind == "group" else e.kind, None, e.sector, e.name, e.kb_id,
                            f"kb:{e.kind}", CONF.get(e.kind, 0.6), codes=e.codes, needs_context=e.context_only,
                            plural=True if e.kind == "group" and not e.topic_prefix else None,
                            person_like=e.kind == "group" and not e.topic_prefix)
                if e.kind == "group" and e.topic_prefix:
                    m.kind = "description"
                return m
            if e.kind == "sector":
                return Mention(si, i, i + ln, "sector", None, e.sector, None, None, "sector_word", 0.5,
                               head=norm(e.name or ""), person_like=True)
            conf = CONF.get(e.kind, 0.7) - (0.15 if e.ambiguous else 0.0)
            m = Mention(si, i, i + ln, e.kind, e.code, e.sector_at(d.when), e.name, e.kb_id, f"kb:{e.kind}", conf)
            if e.kind == "demonym":
                m.person_like, m.plural = True, self._plural(toks, i + ln - 1)
            return m
        return fallback

    def _group_context(self, d: _Doc, toks: list[Tok], i: int) -> bool:
        """A quantity or an adjective before the noun: a group of people ("tausende Ungarn")."""
        if i == 0:
            return False
        p = toks[i - 1]
        if p.low in d.g.quantifiers or p.pos == "NUM" or p.text.replace(".", "").isdigit():
            return True
        return p.word and not p.cap and bool(_ADJ_END.search(p.low)) and p.low not in d.g.articles and \
            p.pos in ("ADJ", "")

    def _pro_anti(self, d: _Doc, si: int, toks: list[Tok], i: int) -> Mention | None:
        """"anti-chinesische Proteste": CHN as the target; "prorussische Separatisten": not RUS."""
        t = toks[i]
        if (t.cap and d.lang == "de") or t.low[:3] not in ("pro", "ant"):
            return None
        for pre, anti in [(p, False) for p in d.g.pro_prefixes] + [(p, True) for p in d.g.anti_prefixes]:
            pre = pre.rstrip("-")
            if not t.low.startswith(pre) or len(t.low) <= len(pre) + 3:
                continue
            rest = t.low[len(pre):].lstrip("-")
            entries = [e for e in self.kb.surfaces.get((rest,), []) if e.kind == "adjective" and e.code]
            if not entries:
                continue
            if anti:
                e = entries[0]
                return Mention(si, i, i + 1, "adjective", e.code, None, e.name, e.kb_id, "kb:adjective:anti", 0.7)
            return Mention(si, i, i + 1, "block", None, None, None, None, "pro", 0.0, fill=False)
        return None

    @staticmethod
    def _plural(toks: list[Tok], k: int) -> bool | None:
        morph = toks[k].morph
        if "Number=Plur" in morph:
            return True
        if "Number=Sing" in morph:
            return False
        return None

    # -- sector words and compounds ----------------------------------------------------------
    def sector_of(self, word: str, lemma: str = "") -> str | None:
        w = norm(word)
        sec = self.kb.sector_words.get(w)
        if sec is None and lemma:
            sec = self.kb.sector_words.get(norm(lemma))
        return sec

    def _sector_words(self, d: _Doc, si: int, toks: list[Tok], taken, put) -> None:
        g = d.g
        for i, t in enumerate(toks):
            if taken[i] is not None or not t.word or len(t.text) < 2:
                continue
            if d.lang == "de" and not t.cap:
                continue
            if t.text in g.not_heads or t.low in g.not_heads:
                continue
            sec = self.sector_of(t.text, t.lemma)
            if sec is not None and not (t.text.isupper() and len(t.text) <= 4):
                base = self.kb.sector_base.get(t.low) or self.kb.sector_base.get(norm(t.lemma)) or t.low
                inherit = t.low in self.kb.inherit
                m = Mention(si, i, i + 1, "sector", None, sec, None, None, "sector_word", 0.5, head=base,
                            plural=self._plural(toks, i), gender=self._noun_gender(d, toks, i, base), person_like=True)
                if inherit:
                    m.rule = "sector_word:inherit"
                put(m)
                continue
            if d.lang != "de":
                continue
            comp = self._compound(d, t)
            if comp is not None:
                comp.sent, comp.start, comp.end = si, i, i + 1
                if comp.plural is None:
                    comp.plural = self._plural(toks, i)
                comp.gender = comp.gender or self._noun_gender(d, toks, i, comp.head or t.low)
                put(comp)

    @staticmethod
    def _noun_gender(d: _Doc, toks: list[Tok], i: int, base: str) -> str | None:
        """m / f / n of a person noun: its morphology, its article's, the lexicon ("Mutter"),
        the feminine suffix ("Ministerin")."""
        g = _gender_of(toks[i])
        if g:
            return g
        if i > 0 and toks[i - 1].pos == "DET":
            g = _gender_of(toks[i - 1])
            if g:
                return g
        if base in d.g.feminine_nouns or (d.lang == "de" and base.endswith(("in", "innen")) and len(base) > 5):
            return "f"
        if base in d.g.masculine_nouns:
            return "m"
        return None

    def _compound(self, d: _Doc, t: Tok) -> Mention | None:
        """German compounds: "US-Regierung", "Kremlberater", "Nordkorea-Experte" (topic: no state),
        "Armeeangehörige" (MIL), "Hamas-Trainingslager" (the organisation), "Polizeirazzia" (COP)."""
        tok, low, g = t.text, t.low, d.g
        if len(tok) < 5 or not tok[:1].isupper():
            return None
        if low.startswith(("ex-", "alt-")):
            inner = tok.split("-", 1)[1]
            sec = self.sector_of(inner)
            if sec is None:
                inner_tok = Tok(t.start, t.end, inner, norm(inner))
                sub = self._compound(d, inner_tok) if inner[:1].isupper() else None
                if sub is None or sub.sector is None:
                    return None
                sub.sector, sub.rule = "ELI", sub.rule + "+former"
                return sub
            return Mention(0, 0, 0, "compound", None, "ELI", None, None, "compound:former", 0.6,
                           head=self.kb.sector_base.get(norm(inner), norm(inner)), person_like=True)
        if "-" in tok:
            left, right = tok.rsplit("-", 1)
            if not right or not left:
                return None
            rlow = norm(right)
            hsec = self.kb.sector_words.get(rlow)
            head = self.kb.sector_base.get(rlow, rlow)
            pre = self._prefix(d, left)
            if hsec is None:
                if right[:1].isupper():
                    inner = self._compound(d, Tok(t.start, t.end, right, rlow)) if len(right) >= 5 else None
                    if inner is not None and inner.sector and inner.code is None and inner.rule != "compound:prefix":
                        hsec, head = inner.sector, inner.head
                if hsec is None and pre is not None and pre.rule not in ("prefix:topic",):
                    for k in range(1, len(rlow) - 3):
                        hf = rlow[k:]
                        if hf in self.kb.heads and (len(hf) >= 5 or hf in self.kb.inherit):
                            hsec, head = self.kb.heads[hf], self.kb.sector_base.get(hf, hf)
                            rlow = hf
                            break
                if hsec is None:
                    return self._prefix_only(d, pre, right, rlow)
            return self._combine(d, pre, hsec, head, rlow in self.kb.inherit or head in self.kb.inherit,
                                 rlow in self.kb.weak_sector, True)
        # closed compounds: the longest sector word the token ends with
        for k in range(2, len(low) - 3):
            head_form = low[k:]
            hsec = self.kb.heads.get(head_form)
            if hsec is None:
                continue
            inherit = head_form in self.kb.inherit
            if len(head_form) < 5 and not inherit:
                continue
            prefix = tok[:k]
            pre = self._prefix(d, prefix)
            if pre is None and inherit:
                return None  # "Entführung", "Halbleiter": not a compound of an inherit word
            head = self.kb.sector_base.get(head_form, head_form)
            return self._combine(d, pre, hsec, head, inherit, head_form in self.kb.weak_sector, False)
        # an institution's act: "Polizeirazzia", "Pressebericht", "Asylunterkünfte"
        for k in range(len(low) - 4, 2, -1):
            sec = g.institution_prefixes.get(low[:k])
            if sec is not None:
                rest = low[k:]
                if rest not in g.institution_heads:
                    return None
                return Mention(0, 0, 0, "compound", None, sec, None, None, "compound:institution", 0.45,
                               head=low, fill=True)
        return None

    def _prefix(self, d: _Doc, prefix: str) -> Mention | None:
        """What a compound's first part names: a state, organisation, person, alias or sector."""
        p = norm(prefix.strip("-"))
        if not p:
            return None
        cands = [p]
        if len(p) > 4:
            for suf in ("s", "es", "n", "en"):
                if p.endswith(suf) and len(p) - len(suf) >= 3:
                    cands.append(p[: -len(suf)])
        kb = self.kb
        for c in cands:
            key = tuple(c.replace("-", " ").split())
            alias = d.aliases.get(key)
            if alias is not None:
                return Mention(0, 0, 0, "alias", None, None, alias.name, alias.kb_id, "prefix:alias", 0.6, link=alias)
            if c in kb.org_prefix_codes:
                code, sec = kb.org_prefix_codes[c]
                return Mention(0, 0, 0, "org", code, sec, None, self._org_id(c), "prefix:org", 0.8)
            code = kb.prefixes.get(c)
            if code and not code.startswith("org:"):
                topic = c in kb.topic_prefixes and c not in kb.prefixes
                return Mention(0, 0, 0, "country", code, None, None, f"country:{code}",
                               "prefix:topic" if topic else "prefix:state", 0.75)
            entries = kb.surfaces.get(key, [])
            entries = sorted(entries, key=lambda e: KIND_ORDER.get(e.kind, 20))
            for e in entries:
                if e.kind == "block":
                    return None
                if e.context_only and not (set(e.requires or (e.code,)) & d.mentioned):
                    continue
                if e.kind == "person" and e.person:
                    code, sec, how = e.person.role_at(d.when)
                    return Mention(0, 0, 0, "person", code, sec, e.name, e.kb_id, "prefix:person", 0.7)
                if e.kind in ("org", "seat", "capital", "country", "adjective", "demonym", "region", "description",
                              "group") and (e.code or e.codes):
                    topic = c in kb.topic_prefixes or (e.kind in ("country", "region") and c not in kb.prefixes)
                    if e.kind == "capital" and c not in kb.topic_prefixes:
                        topic = False
                    m = Mention(0, 0, 0, e.kind, e.code, e.sector_at(d.when) if e.kind in ("org", "seat") else None,
                                e.name, e.kb_id, "prefix:topic" if topic else f"prefix:{e.kind}", 0.75, codes=e.codes)
                    return m
            person = d.surnames.get(c)
            if person is not None:
                return Mention(0, 0, 0, "person", None, None, person.name, person.kb_id, "prefix:person", 0.6,
                               link=person)
            if c in kb.capitals:
                code = kb.capitals[c]
                return Mention(0, 0, 0, "capital", code, "GOV", None, f"country:{code}", "prefix:capital", 0.75)
        for c in cands:
            sec = kb.sector_words.get(c)
            if sec is not None and len(c) >= 4:
                return Mention(0, 0, 0, "sector", None, sec, None, None, "prefix:sector", 0.5)
        return None

    def _org_id(self, p: str) -> str | None:
        for e in self.kb.surfaces.get((p,), []):
            if e.kind == "org":
                return e.kb_id
        return None

    def _prefix_only(self, d: _Doc, pre: Mention | None, right: str, rlow: str) -> Mention | None:
        """A named actor glued to a noun that is no sector word: "Hamas-Trainingslager",
        "UN-Sanktionen", "DNA-Ermittlungen" stand for that actor; "US-Bundesstaat" is a place."""
        if pre is None or pre.rule in ("prefix:topic", "prefix:sector") or pre.kind in ("country", "region"):
            return None
        if rlow in d.g.non_actor_heads or right[:1].islower():
            return None
        if pre.kind == "person":
            return None
        m = Mention(0, 0, 0, "compound", pre.code, pre.sector, pre.name, pre.kb_id, "compound:prefix", 0.5,
                    codes=pre.codes, link=pre.link, link_mode="all" if pre.link else "code")
        if rlow in d.g.place_heads:
            m.kind, m.rule = "region", "compound:place"
        if pre.kind == "adjective":
            return None
        m.person_like = False
        return m

    def _combine(self, d: _Doc, pre: Mention | None, hsec: str, head: str, inherit: bool, weak: bool,
                 hyphen: bool) -> Mention:
        code, sector, rule, link = None, hsec, "compound", None
        if pre is not None:
            if pre.rule == "prefix:topic":
                rule = "compound:topic"
            elif pre.kind == "sector":
                if inherit or hsec == "CVL":
                    sector = pre.sector or hsec  # "Armeeangehörige" -> MIL, "Parteiführung" -> PTY
                rule = "compound:sector"
            else:
                code = pre.code
                link = pre.link
                if (inherit or weak) and pre.sector:
                    sector = pre.sector  # "Pentagon-Sprecher" -> MIL, "CSU-Chef" -> PTY, "HDP-Politikerin"
                if hsec == "GOV" and pre.sector in ("PTY", "OPP", "REB", "PRM") and head in self.kb.inherit:
                    sector = pre.sector
                rule = "compound:" + pre.kind if pre.kind != "country" else "compound"
                if pre.codes and not code:
                    return Mention(0, 0, 0, "compound", None, sector, None, pre.kb_id, rule, 0.7, head=head,
                                   codes=pre.codes, person_like=True)
        conf = 0.75 if code else 0.5
        m = Mention(0, 0, 0, "compound", code, sector, None, pre.kb_id if pre is not None and code else None,
                    rule, conf, head=head, person_like=True)
        if link is not None:
            m.link, m.link_mode = link, "code"
        if rule == "compound:topic":
            m.fill = True
        return m

    def _truncated(self, toks: list[Tok], mentions: list[Mention]) -> None:
        """"Staats- und Regierungschefs", "Friedens- und Sicherheitsrats": one mention."""
        by_start = {m.start: m for m in mentions}
        for i, t in enumerate(toks[:-2]):
            if t.text.endswith("-") and t.cap and toks[i + 1].low in ("und", "oder", ","):
                m = by_start.get(i + 2)
                if m is not None and m.kind in ("sector", "compound", "org"):
                    m.start = i

    # -- people the knowledge base lacks -------------------------------------------------
    def _name_token(self, t: Tok) -> bool:
        if not t.word or not t.cap or len(t.text) < 2:
            return False
        txt = t.text.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
        if not txt.isalpha() or (t.text.isupper() and len(t.text) > 1):
            return False
        return t.low not in self.kb.sector_words and t.low not in self.kb.grammar_for("de").articles

    def _people(self, d: _Doc, si: int, toks: list[Tok], taken, put, ner: list[Entity]) -> None:
        n = len(toks)
        spans: list[tuple[int, int, str]] = []
        for e in ner:
            if e.label != "PER":
                continue
            idx = [k for k, t in enumerate(toks) if t.start >= e.start and t.end <= e.end]
            run: list[int] = []
            for k in idx + [None]:
                if k is not None and taken[k] is None and toks[k].word:
                    run.append(k)
                    continue
                # a common noun the tagger swept into the name ("Iglesias Forderung")
                while len(run) > 1 and toks[run[-1]].pos == "NOUN":
                    run.pop()
                single_unknown = len(run) == 1 and self._known_surname(d, toks, run[0], run[0] + 1) is None
                if run and any(self._name_token(toks[j]) for j in run) and not (
                        # "von Cizre": a place the tagger took for a name; "Rabatt", "Heuchelei": nouns
                        single_unknown and ((run[0] > 0 and toks[run[0] - 1].pos == "ADP")
                                            or toks[run[0]].pos == "NOUN" or self._zipf(toks[run[0]], d.lang) >= 2.0)):
                    spans.append((run[0], run[-1] + 1, "ner:person"))
                run = []
        mentions = sorted((m for m in taken if m is not None), key=lambda m: m.start)
        seen: set[int] = set()
        for m in mentions:
            if id(m) in seen:
                continue
            seen.add(id(m))
            if m.kind not in ("sector", "compound") or not m.person_like:
                continue
            # a name right after a title: "Kremlberater Juri Uschakow", "Vizepräsidentin Roxana Baldetti"
            k = m.end
            while k < n and k - m.end < 3 and taken[k] is None and self._name_token(toks[k]) and \
                    toks[k].low not in _NOT_NAMES:
                k += 1
            # one name word only before a verb or punctuation: "Außenminister Zaorálek sieht ...",
            # and only if it looks like a name ("Abnehmhelfer Übergewicht ist" is no person)
            if k - m.end >= 2 or (k - m.end == 1 and (k == n or not toks[k].word or not toks[k].cap)
                                  and self._looks_like_name(toks[m.end], d.lang)):
                spans.append((m.end, k, "title+name"))
        for i, t in enumerate(toks):
            if t.text != "," or i == 0:
                continue
            k = i + 1
            while k < n and k - i - 1 < 3 and taken[k] is None and self._name_token(toks[k]):
                k += 1
            if k - i - 1 >= 2 and (k == n or toks[k].text in (",", ".", "(")) and self._title_before(toks, taken, i):
                spans.append((i + 1, k, "apposition:name"))
        # Name Name, ein/eine ... <sector>: "Andrei Lankov, ein Nordkorea-Experte ..."
        for i, t in enumerate(toks):
            if t.text != "," or i < 2:
                continue
            if i + 1 < n and toks[i + 1].low in ("ein", "eine", "der", "die", "a", "an", "the"):
                k = i
                while k > 0 and i - k < 3 and taken[k - 1] is None and self._name_token(toks[k - 1]):
                    k -= 1
                if i - k >= 2 and (k == 0 or not toks[k - 1].word or toks[k - 1].low in ("und", "sagte", "so")):
                    if any(taken[j] is not None and taken[j].kind in ("sector", "compound")
                           for j in range(i + 1, min(n, i + 5))):
                        spans.append((k, i, "name+apposition"))
        used: set[int] = set()
        for a, b, rule in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if any(k in used or taken[k] is not None for k in range(a, b)):
                continue
            while b > a and not toks[b - 1].word:
                b -= 1
            if b <= a:
                continue
            used |= set(range(a, b))
            name = " ".join(t.text for t in toks[a:b])
            m = Mention(si, a, b, "person", None, None, name, None, rule, 0.5, person_like=True, plural=False)
            known = self._known_surname(d, toks, a, b)
            if known is not None:
                _link_to_person(m, known)
            put(m)
        # bare surnames of people met before ("Lankov wies darauf hin", "Putins")
        for i, t in enumerate(toks):
            if taken[i] is not None or not self._name_token(t):
                continue
            known = self._known_surname(d, toks, i, i + 1)
            if known is not None:
                put(Mention(si, i, i + 1, "person", None, None, known.name, known.kb_id, "coref:name", 0.6,
                            link=known, gender=known.gender, person_like=True, plural=False))

    @staticmethod
    def _zipf(t: Tok, lang: str) -> float:
        from ..clean.freq import zipf

        return zipf(t.text, lang)

    def _looks_like_name(self, t: Tok, lang: str) -> bool:
        if t.pos == "PROPN":
            return True
        return self._zipf(t, lang) < (3.0 if t.pos in ("", "X") else 2.5)

    def _title_before(self, toks: list[Tok], taken, comma: int) -> bool:
        for j in range(comma - 1, max(-1, comma - 6), -1):
            m = taken[j]
            if m is not None and m.kind in ("sector", "compound") and m.person_like:
                return True
            if toks[j].text in (".", ";", ":"):
                return False
        return False

    def _known_surname(self, d: _Doc, toks: list[Tok], a: int, b: int) -> Mention | None:
        if b - a != 1:
            return None
        if a > 0 and (toks[a - 1].low in d.g.articles or toks[a - 1].low in _CONTRACTIONS):
            return None  # "der Fall", "im Fall": a noun, not Mr Fall
        low = toks[a].low
        for key in (low, low[:-1] if low.endswith("s") else None, low[:-1] if low.endswith("'") else None):
            if key and key in d.surnames:
                return d.surnames[key]
        return None

    def _register_person(self, d: _Doc, toks: list[Tok], m: Mention) -> None:
        a, b = (m.nstart, m.nend) if m.nstart >= 0 else (m.start, m.end)
        words = [t for t in toks[a:b] if t.word and t.cap and self._name_token(t)]
        if len(words) < 2:
            return
        d.surnames[words[-1].low] = m
        code = m.code or (m.link.code if m.link else None)
        if code in EAST_ASIAN:
            d.surnames[words[0].low] = m

    # -- composition -----------------------------------------------------------------------
    def _compose(self, d: _Doc, si: int, toks: list[Tok], ms: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        i = 0
        words = [t.low for t in toks]
        g = d.g

        def only_lower(a: int, b: int, limit: int = 3) -> bool:
            seg = toks[a:b]
            return len(seg) <= limit and all(t.word and not t.cap for t in seg)

        def with_name(m: Mention, j: int) -> tuple[Mention, int]:
            """A person named right after the title ``m`` joins it ("Präsident Wladimir Putin");
            ``j`` is the index of the next mention, moved past the name."""
            if j < len(ms) and ms[j].kind == "person" and ms[j].start == m.end:
                return self._title_person(d, m, ms[j]), j + 1
            return m, j

        while i < len(ms):
            m = ms[i]
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            # adjective(s) (+ und) + sector word: "US-amerikanische und südkoreanische Beamte";
            # English "U.S. and South Korean officials" (a short state name used as modifier)
            modifier = m.kind == "adjective" or (d.lang != "de" and m.kind == "country" and len(toks[m.start].text) <= 4
                                                  and m.end < len(toks) and toks[m.end].low in ("and", "or", ","))
            if modifier:
                group = [m]
                j = i + 1
                while j < len(ms) and ms[j].kind in ("adjective", "country") and ms[j].start > group[-1].end and \
                        all(words[k] in _COORD for k in range(group[-1].end, ms[j].start)):
                    group.append(ms[j])
                    j += 1
                head = ms[j] if j < len(ms) else None
                if head is not None and head.kind in ("sector", "compound") and head.code is None and \
                        head.rule != "compound:prefix" and only_lower(group[-1].end, head.start):
                    for gm in group:
                        gm.sector, gm.rule, gm.conf = head.sector, "adjective+sector", 0.85
                        gm.kind, gm.head, gm.person_like = "composed", head.head, head.person_like
                        gm.plural, gm.gender = head.plural, head.gender
                    last = group[-1]
                    last.end, last.age = head.end, head.age
                    # "der russische Präsident Wladimir Putin": the name joins
                    group[-1], j = with_name(last, j + 1)
                    out.extend(group)
                    i = j
                    continue
                if len(group) == 1 and m.kind == "adjective" and m.end < len(toks) and toks[m.end].word and \
                        toks[m.end].cap and (head is None or head.start >= m.end):
                    nt = toks[m.end]
                    if nt.low in g.place_heads or norm(nt.lemma) in g.place_heads:
                        # "der syrischen Stadt Aleppo": a place
                        m.kind, m.rule, m.end = "region", "adjective+place", m.end + 1
                        if head is not None and head.start == m.end and head.kind in ("region", "capital", "person"):
                            m.end = head.end
                            out.append(m)
                            i += 2
                            continue
                    elif m.sector is None and nt.low not in self.kb.sector_words and \
                            (head is None or head.start > m.end):
                        m.sector, m.rule = "GOV", "adjective+noun"  # "russische Einreiseverbote", "türkische Hilfe"
            # genitive state + title (+ name): "Frankreichs Präsident François Hollande"
            if m.kind in ("country", "capital", "org", "region") and nxt is not None and \
                    nxt.kind in ("sector", "compound") and nxt.code is None and nxt.start == m.end and \
                    toks[m.end - 1].low.endswith(("s", "'")) and nxt.rule != "compound:prefix":
                m.sector, m.end, m.rule, m.conf = nxt.sector, nxt.end, "genitive+sector", 0.85
                m.kind, m.head, m.person_like, m.gender, m.plural = "composed", nxt.head, True, nxt.gender, nxt.plural
                m, i = with_name(m, i + 2)
                out.append(m)
                continue
            if m.kind in ("sector", "compound") and m.code is None and not m.codes and nxt is not None:
                # "das Gesundheitsministerium der im Gazastreifen regierenden Hamas": the genitive
                # noun comes after an embedded place; the sector word takes its code, the place stays
                if nxt.kind in ("region", "country", "capital") and i + 2 < len(ms) and \
                        toks[m.end].low in ("der", "des") and ms[i + 2].kind in ("org", "country") and \
                        ms[i + 2].start - m.end <= 7 and all(
                            t.word and (not t.cap or nxt.start <= j + m.end < nxt.end)
                            for j, t in enumerate(toks[m.end:ms[i + 2].start])):
                    far = ms[i + 2]
                    m.code, m.rule, m.conf, m.kind = far.code, "sector+der", 0.75, "composed"
                    if far.sector in INHERITED_SECTORS and m.head in self.kb.inherit:
                        m.sector = far.sector
                    out.append(m)
                    i += 1
                    continue
                # sector word + genitive/von/in + state: "der Präsident Russlands", "Chef der Ukip",
                # "die Aufständischen in der Ukraine", "Staatschefs der Mitgliedsländer"
                gap = toks[m.end:nxt.start]
                gl = [t.low for t in gap]
                stateful = nxt.kind in ("country", "capital", "org", "region", "description", "anaphor", "group",
                                        "seat") and (nxt.code or nxt.codes or nxt.link) and m.rule != "compound:prefix"
                ok = False
                if stateful and len(gap) <= 5 and all(t.word for t in gap):
                    if not gap and toks[nxt.end - 1].low.endswith(("s", "'")) and nxt.kind not in ("org", "anaphor"):
                        ok = True
                    elif gap and gl[0] in ("des", "der", "of") and all(not t.cap for t in gap) and \
                            all(t.pos not in ("ADP", "VERB", "AUX") and t.low not in g.locative for t in gap[1:]):
                        ok = True
                    elif gap and gl[0] in ("von", "vom", "aus", "in", "im", "from") and len(gap) <= 2 and \
                            all(not t.cap for t in gap) and nxt.kind != "anaphor":
                        ok = m.kind == "sector" or m.rule == "compound:topic" or gl[0] in ("von", "vom", "from")
                        if gl[0] in ("in", "im") and m.head in g.relational_nouns:
                            ok = False  # "seinen Amtskollegen in Wien", "der Botschafter in Berlin"
                if ok:
                    m.code, m.codes, m.conf = nxt.code, nxt.codes, 0.8
                    m.rule = "sector+" + (gl[0] if gl else "genitive")
                    if nxt.link is not None:
                        m.link, m.link_mode = nxt.link, "code"
                    if nxt.sector in INHERITED_SECTORS and \
                            (m.head in self.kb.inherit or m.sector is None):
                        m.sector = nxt.sector  # "Chef der Ukip" -> PTY, "Sprecher der Hamas" -> REB
                    m.name, m.kb_id = nxt.name, nxt.kb_id
                    m.end, m.kind = nxt.end, "composed"
                    m, i = with_name(m, i + 2)
                    out.append(m)
                    continue
            # title + person: "Kremlberater Juri Uschakow", "Podemos-Chef Pablo Iglesias"
            if m.kind in ("sector", "compound") and m.person_like and nxt is not None and nxt.kind == "person" \
                    and nxt.start == m.end and m.rule != "compound:prefix":
                out.append(self._title_person(d, m, nxt))
                i += 2
                continue
            # people of a state located: "Uiguren in China", "Palästinenser im Westjordanland"
            if m.kind in ("demonym", "group") and nxt is not None and nxt.kind in ("country", "region", "capital") \
                    and [t.low for t in toks[m.end:nxt.start]] in (["in"], ["im"], ["in", "der"], ["in", "den"]) and \
                    (m.code is None or m.code == nxt.code or not m.codes or nxt.code in m.codes):
                if m.codes and nxt.code in m.codes or m.code is None and not m.codes:
                    m.code, m.codes = nxt.code, ()
                m.end, m.rule = nxt.end, m.rule + "+in"
                out.append(m)
                i += 2
                continue
            # English: modifier + sector word ("Kremlin spokesman", "U.S. officials", "Israeli troops")
            if d.lang != "de" and m.kind in ("country", "capital", "seat", "org", "adjective", "demonym") and \
                    nxt is not None and nxt.kind == "sector" and nxt.start == m.end:
                m.sector = nxt.sector if not (m.sector and nxt.head in self.kb.inherit) else m.sector
                m.end, m.rule, m.conf, m.kind = nxt.end, f"{m.kind}+sector", 0.85, "composed"
                m.head, m.person_like, m.plural = nxt.head, True, nxt.plural
                m, i = with_name(m, i + 2)
                out.append(m)
                continue
            # name + apposition: "Andrei Lankov, ein Nordkorea-Experte an der Kookmin-Universität in Seoul"
            if m.kind == "person" and m.code is None and m.link is None:
                app = self._apposition(toks, ms, i)
                if app is not None:
                    m.code, m.sector, m.rule, m.conf = app[0], app[1], "apposition", 0.75
                    m.codes = app[2]
            out.append(m)
            i += 1
        return out

    def _title_person(self, d: _Doc, title: Mention, p: Mention) -> Mention:
        """A title right before a name: one mention. The person is coded by the role the text
        gives them (codebook): the title's sector, the knowledge base's state when the title has
        none ("Premier Victor Ponta" -> ROU GOV even after his term; "Altkanzler Helmut Kohl" -> ELI)."""
        known = p.kb_id is not None and p.kind == "person" and p.link is None
        m = p
        m.nstart, m.nend = p.start, p.end
        m.start = min(p.start, title.start)
        m.end = max(p.end, title.end)
        m.kind, m.person_like, m.plural = "person", True, False
        m.head, m.age = title.head, title.age or p.age
        if title.sector == "ELI":
            m.sector = "ELI"
        elif title.sector and not (known and title.rule.endswith("inherit") and not title.code):
            if not (known and p.rule.endswith("+current")):
                m.sector = title.sector
        if not known and p.link is None:
            m.code = title.code or m.code
            m.codes = title.codes
            if title.link is not None:
                m.link, m.link_mode = title.link, "code"
            m.rule = "title+name" if title.kind in ("sector", "compound") else title.rule + "+name"
            m.conf = 0.75 if title.code else 0.55
        else:
            m.code = m.code or title.code
            if known and title.sector and m.sector == title.sector and p.sector != title.sector:
                m.rule += "+title"
        if d.lang == "de" and (title.head or "").endswith(("in", "innen")) and title.head not in ("berlin",):
            m.gender = m.gender or "f"
        m.gender = m.gender or title.gender
        return m

    def _title_apposition(self, toks: list[Tok], ms: list[Mention], i: int) -> Mention | None:
        """The name after "<title> [von/für X], ": the person the title describes."""
        m = ms[i]
        for p in ms[i + 1:i + 4]:
            if p.kind != "person":
                continue
            if p.code or p.link or p.rule not in ("apposition:name", "ner:person", "title+name", "name+apposition"):
                return None
            gap = toks[m.end:p.start]
            if not gap or gap[-1].text != "," or len(gap) > 5 or any(not t.word for t in gap[:-1]):
                return None
            if len(gap) > 1 and gap[0].low not in ("von", "vom", "für", "aus", "in", "im", "der", "des", "of",
                                                     "for", "from", "in", "at"):
                return None
            return p
        return None

    def _apposition(self, toks: list[Tok], ms: list[Mention], i: int) -> tuple[str | None, str, tuple[str, ...]] | None:
        m = ms[i]
        if i + 1 >= len(ms):
            return None
        head = ms[i + 1]
        if head.kind not in ("sector", "compound", "composed") or head.start - m.end > 4:
            return None
        gap = toks[m.end:head.start]
        if not gap:
            return None
        if gap[0].text == ",":
            # ", ein Nordkorea-Experte", ", der frühere Außenminister": article and adjectives only
            rest = gap[1:]
            if not rest or rest[0].low not in ("ein", "eine", "einer", "der", "die", "a", "an", "the") or any(
                    not t.word or t.cap or t.pos in ("VERB", "AUX", "ADP") or not _ADJ_END.search(t.low)
                    for t in rest[1:]):
                return None
        elif [t.low for t in gap] not in (["von", "der"], ["vom"], ["an", "der"], ["of", "the"], ["at", "the"],
                                          ["from", "the"]):
            return None
        code, codes = head.code, head.codes
        if code is None or head.rule == "compound:topic":
            code = None
            # affiliation place: "an der Kookmin-Universität in Seoul"
            for later in ms[i + 2: i + 6]:
                if later.start - head.end > 8:
                    break
                if later.kind in ("capital", "country", "region", "adjective") and later.code:
                    code = later.code
                    break
        if head.sector is None:
            return None
        return code, head.sector, codes

    # -- document aliases: "(DNA)", "Zeitschrift „Nokta“", "Partei Ciudadanos" -------------
    def _aliases(self, d: _Doc, si: int, toks: list[Tok], ms: list[Mention], taken) -> None:
        n = len(toks)
        for m in list(ms):
            # "die rumänische Antikorruptionsstaatsanwaltschaft (DNA)"
            if m.end + 2 < n and toks[m.end].text == "(" and toks[m.end + 2].text == ")" and \
                    (m.code or m.sector) and m.kind not in ("person",):
                ab = toks[m.end + 1]
                if ab.word and ab.text[:1].isupper() and len(ab.text) <= 8 and taken[m.end + 1] is None:
                    key = (ab.low,)
                    if key not in d.aliases:
                        d.aliases[key] = m
                        d.alias_first[ab.low] = max(d.alias_first.get(ab.low, 0), 1)
                    am = Mention(si, m.end + 1, m.end + 2, "org", None, None, m.name, m.kb_id, "alias", 0.6, link=m)
                    ms.append(am)
                    taken[m.end + 1] = am
            # name after an organisation word: "die Zeitschrift „Nokta“", "der Partei Ciudadanos"
            if m.kind in ("sector", "composed", "compound") and m.head in d.g.name_heads:
                k = m.end
                while k < n and toks[k].text in ("„", "“", "\"", "'", "‚", "»", "«"):
                    k += 1
                a = k
                while k < n and k - a < 4 and taken[k] is None and toks[k].word and toks[k].cap and \
                        toks[k].low not in self.kb.sector_words:
                    k += 1
                if k > a:
                    key = tuple(t.low for t in toks[a:k])
                    name = " ".join(t.text for t in toks[a:k])
                    nm = Mention(si, a, k, "org", None, None, name, None, "name_head", 0.6, link=m)
                    ms.append(nm)
                    for j in range(a, k):
                        taken[j] = nm
                    if key not in d.aliases and len(key) <= 4:
                        d.aliases[key] = nm
                        d.alias_first[key[0]] = max(d.alias_first.get(key[0], 0), len(key))
        ms.sort(key=lambda m: m.start)

    # -- former and acting office holders ------------------------------------------------
    def _modifiers(self, d: _Doc, toks: list[Tok], ms: list[Mention]) -> None:
        """"der ehemalige Präsident", "former minister": former officials are ELI; an age
        ("der 21-jährige ...") is kept for "Der 21-Jährige" later."""
        mods = self.kb.eli_modifiers | {"ehemalig", "früher", "einstig", "former", "ex"}
        age_re = re.compile(r"(\d+)-jährig", re.I)
        for m in ms:
            for k in range(max(0, m.start - 3), m.start):
                am = age_re.match(toks[k].text)
                if am:
                    m.age = am.group(1)
            if not m.sector or m.sector == "ELI" or m.sector not in OFFICIAL:
                continue
            if m.rule.endswith("current") or m.rule.endswith("+title"):
                continue
            for k in range(max(0, m.start - 2), m.start):
                w = toks[k].low
                if toks[k].cap and d.lang == "de":
                    continue
                # "der frühere Präsident" (not the adverb "früher"), "former minister", "Ex-"
                if (w in mods and (d.lang != "de" or len(w) <= 3)) or any(
                        w.startswith(x) and 0 < len(w) - len(x) <= 2 and _ADJ_END.search(w)
                        for x in mods if len(x) > 3):
                    m.sector, m.rule = "ELI", m.rule + "+former"
                    break

    # -- place or actor ------------------------------------------------------------------
    def _places(self, d: _Doc, toks: list[Tok], ms: list[Mention]) -> None:
        """A state, capital or region after a locative preposition is where something happens
        ("in Pjöngjang eintreffen"); after an agentive one ("durch Thailand"), after a
        destination of sending or attacking ("Entsendung von Truppen nach Burundi"), as the
        origin of criticism or rockets ("Kritik aus Moskau") or as the holder of a prisoner
        ("ein in Nordkorea festgenommener Student") it acts."""
        g = d.g
        for m in ms:
            if m.kind not in ("capital", "country", "seat", "region") or m.start == 0:
                continue
            j = m.start - 1
            steps = 0
            while j > 0 and steps < 3 and (toks[j].low in g.place_heads or toks[j].text in g.place_heads or (
                    toks[j].word and not toks[j].cap and _ADJ_END.search(toks[j].low) and toks[j].low not in g.articles
                    and toks[j].low not in g.locative)):
                j -= 1  # "im ostrussischen Hafen Wladiwostok", "in der Provinz Aceh"
                steps += 1
            if toks[j].low in g.articles and j > 0:
                if m.kind == "capital" and steps == 0:
                    continue  # "bei dem Pjöngjang Moskau ... versorgt": an article before a city is no PP
                j -= 1
            p = toks[j].low
            if p in g.agentive:
                m.rule += "+agentive"
                continue
            if p not in g.locative:
                continue
            acts = False
            before = [t for t in toks[max(0, j - 5):j]]
            after = toks[m.end:m.end + 2]
            if p == "aus" or p == "from":
                acts = any(t.text in g.origin_nouns or t.low in g.origin_nouns or norm(t.lemma) in g.origin_nouns
                           for t in before[-3:])
            if not acts and p in g.directional:
                accusative = j + 1 < m.start and toks[j + 1].low in ("die", "den", "das") or j + 1 == m.start
                if accusative and p != "in" or (p == "in" and j + 1 < m.start and toks[j + 1].low in ("die", "den")):
                    acts = any(t.text in g.target_nouns or t.low in g.target_nouns or norm(t.lemma) in g.target_nouns
                               for t in before) or any(t.low in g.target_nouns for t in after)
            if not acts and p in ("in", "im"):
                acts = any(t.low in g.custody_words for t in after)
            if acts:
                m.rule += "+participant"
                continue
            m.is_place = True
            m.dest = p in ("nach", "to", "into")
            m.rule = f"place:{m.kind}"

    # -- pronouns, descriptions, anaphors ----------------------------------------------------
    def _recent(self, d: _Doc, si: int, ms: list[Mention], k: int, back: int = 2) -> list[Mention]:
        """Candidate antecedents, most recent first: this sentence before token k, then the
        previous ``back`` sentences."""
        here = [m for m in ms if m.end <= k and m.kind != "block"]
        prev = [m for m in d.mentions if si - back <= m.sent < si and m.kind != "block"]
        return list(reversed(prev + here))

    def _early_anaphors(self, d: _Doc, si: int, toks: list[Tok], taken, put, ms: list[Mention]) -> None:
        """Definite nouns that refer to the last state or organisation in play, found before
        composition so that "die Staatschefs der Mitgliedsländer" can take their code:
        "das Land", "des Landes", "das Regime" -> the last state; "die Gruppe", "die Miliz",
        "des afrikanischen Staatenbunds", "der Mitgliedsländer" -> the last organisation."""
        g = d.g
        n = len(toks)
        for k, t in enumerate(toks):
            if taken[k] is not None or not t.word or not (t.cap or d.lang != "de") or k == 0:
                continue
            art = toks[k - 1].low if toks[k - 1].low in g.articles else None
            if art is None and k >= 2 and toks[k - 2].low in g.articles and toks[k - 1].word and \
                    not toks[k - 1].cap and _ADJ_END.search(toks[k - 1].low) and toks[k - 1].low not in g.quantifiers:
                art = toks[k - 2].low
            if art is None or art in ("ein", "eine", "einer", "eines", "einem", "einen", "a", "an"):
                continue
            nxt = toks[k + 1] if k + 1 < n else None
            if nxt is not None and nxt.word and (nxt.cap or nxt.low in ("der", "des", "of")):
                continue  # "das Land der Pharaonen", "die Gruppe Wagner": not an anaphor
            w = t.low
            if w in g.country_anaphors or t.text in g.country_anaphors:
                ant = next((m for m in reversed(d.mentions + [x for x in ms if x.end <= k])
                            if m.code and len(m.code) == 3 and m.code not in SPECIAL_CODES and
                            m.kind in ("country", "capital", "adjective", "seat", "description", "composed")
                            and m.sent >= si - 4), None)
                if ant is not None:
                    sector = "GOV" if w.startswith(("regime", "staat")) else None
                    put(Mention(si, k, k + 1, "anaphor", None, sector, ant.name, ant.kb_id, "coref:country", 0.5,
                                link=ant, link_mode="code"))
                continue
            kinds = g.org_anaphors.get(w)
            if kinds is None and len(w) > 5 and w.endswith(("s", "n")):
                kinds = g.org_anaphors.get(w[:-1]) or (g.org_anaphors.get(w[:-2]) if w.endswith("es") else None)
            if kinds:
                ant = self._org_antecedent(d, si, ms, k, kinds)
                if ant is not None:
                    put(Mention(si, k, k + 1, "anaphor", None, None, ant.name, ant.kb_id, "coref:org", 0.5,
                                link=ant, link_mode="all"))

    def _appositions(self, d: _Doc, toks: list[Tok], ms: list[Mention]) -> None:
        """"der AU-Sondergesandte für Burundi, Ibrahima Fall", "Die Bürgermeisterin von Cizre,
        Leyla Imret": the name after the title refers to it."""
        for i, m in enumerate(ms):
            if m.kind in ("sector", "compound", "composed") and m.person_like and m.plural is not True:
                p = self._title_apposition(toks, ms, i)
                if p is not None:
                    p.link, p.link_mode, p.rule, p.head = m, "all", "title+apposition", m.head
                    if d.lang == "de" and (m.head or "").endswith("in") and p.gender is None:
                        p.gender = "f"

    def _anaphora(self, d: _Doc, si: int, toks: list[Tok], ms: list[Mention], taken) -> list[Mention]:
        g = d.g
        new: list[Mention] = []
        n = len(toks)
        age_re = re.compile(g.age_nouns)
        for k, t in enumerate(toks):
            if taken[k] is not None or not t.word:
                continue
            w = t.low
            nxt = toks[k + 1] if k + 1 < n else None
            # personal pronouns: "er", "ihm", "ihn", "sie", "ihnen", "he", "they"
            if w in g.pronouns and (not t.cap or k == 0 or d.lang != "de" or w != "sie"):
                gender, role = g.pronouns[w]
                if w == "sie":
                    gender = _sie_number(toks, k)
                if w in ("ihr", "her") and nxt is not None and nxt.word and (
                        nxt.cap or nxt.pos in ("NOUN", "ADJ", "PROPN", "NUM")
                        or (d.lang == "de" and _ADJ_END.search(nxt.low))):
                    continue  # possessive "ihr Mann", "her husband"
                if t.cap and k > 0 and w == "sie":
                    continue  # formal "Sie"
                ant = self._pronoun_antecedent(d, si, ms, k, gender, subject=role == "subj")
                if ant is not None:
                    new.append(Mention(si, k, k + 1, "pronoun", None, None, ant.name, ant.kb_id, "coref:pronoun",
                                       0.5, link=ant, gender=ant.gender, plural=ant.plural, person_like=True))
                continue
            # demonstratives standing alone: "Dieser lehnt ... ab"
            if w in g.demonstratives and (nxt is None or not nxt.word or not (nxt.cap or _ADJ_END.search(nxt.low))
                                          or nxt.pos in ("VERB", "AUX")):
                ant = self._pronoun_antecedent(d, si, ms, k, g.demonstratives[w])
                if ant is not None:
                    new.append(Mention(si, k, k + 1, "pronoun", None, None, ant.name, ant.kb_id, "coref:demonstrative",
                                       0.45, link=ant, gender=ant.gender, plural=ant.plural, person_like=True))
                continue
            # "wir" in a quote: the speaker named in the same sentence ("..., sagte Pentagon-Sprecher Cook")
            if w in g.speaker_pronouns:
                sp = self._speaker(d, toks, ms, k)
                if sp is not None:
                    new.append(Mention(si, k, k + 1, "pronoun", None, None, sp.name, sp.kb_id, "coref:speaker", 0.45,
                                       link=sp, plural=True, person_like=True))
                continue
            # "ein weiterer", "80 weitere": the same kind of actor as the group just named
            if w in g.ellipsis and k > 0 and (toks[k - 1].low in ("ein", "eine", "einer", "another") or
                                              toks[k - 1].pos == "NUM" or toks[k - 1].text.isdigit() or
                                              toks[k - 1].low in g.quantifiers) and \
                    (nxt is None or not nxt.word or not nxt.cap):
                ant = next((m for m in self._recent(d, si, ms, k - 1, back=1)
                            if m.person_like and (m.code or m.link or m.sector) and m.kind != "pronoun"), None)
                if ant is not None:
                    new.append(Mention(si, k - 1, k + 1, "anaphor", None, None, ant.name, ant.kb_id, "coref:ellipsis",
                                       0.45, link=ant, person_like=True))
                continue
            # "Die 72-Jährige": the person introduced with that age
            if age_re.fullmatch(t.text):
                age = re.match(r"\d+", t.text).group(0)
                ant = next((m for m in reversed(d.mentions + [x for x in ms if x.end <= k]) if m.age == age), None)
                if ant is None:
                    ant = self._pronoun_antecedent(d, si, ms, k, "fm")
                if ant is not None:
                    a = k - 1 if k > 0 and toks[k - 1].low in g.articles else k
                    new.append(Mention(si, a, k + 1, "anaphor", None, None, ant.name, ant.kb_id, "coref:age", 0.45,
                                       link=ant, person_like=True))
                continue
        # definite descriptions: "der Präsident", "der Student", "die Anwälte" without a state
        for m in ms:
            if m.kind not in ("sector", "compound") or m.code or m.link or m.codes or m.start == 0:
                continue
            art = toks[m.start - 1].low if toks[m.start - 1].low in g.articles else None
            if art is None and m.start >= 2 and toks[m.start - 2].low in g.articles and not toks[m.start - 1].cap:
                art = toks[m.start - 2].low
            if art is None or art in ("ein", "eine", "einer", "eines", "einem", "einen", "a", "an"):
                continue
            if m.plural is None and m.head:
                pass
            ant = self._same_head(d, si, ms, m)
            if ant is not None:
                m.link, m.link_mode, m.rule, m.conf = ant, "code", "coref:description", 0.5
                if ant.name:
                    m.name = ant.name
        return new

    def _compatible(self, m: Mention, gender: str) -> bool:
        if m.kind == "block" or m.is_place:
            return False
        if not (m.code or m.link or m.codes or (m.kind == "person") or (m.sector and m.person_like)):
            return False
        plural = m.plural
        if gender == "p":
            if not (m.person_like or m.kind in ("org", "demonym", "group", "country")):
                return False
            return plural is True or (plural is None and m.kind in ("demonym", "group", "org"))
        if gender == "fp":
            return plural is True or (m.gender == "f" and plural is not True) or (
                m.kind in ("org",) and m.gender in (None, "f"))
        if plural is True:
            return False
        if m.kind in ("person", "pronoun") or (
                m.person_like and m.kind in ("sector", "compound", "composed", "anaphor")):
            return m.gender is None or m.gender in gender
        if gender == "f" and m.kind == "org":
            return True
        return False

    def _pronoun_antecedent(self, d: _Doc, si: int, ms: list[Mention], k: int, gender: str,
                            subject: bool = False) -> Mention | None:
        """The most recent compatible actor; for a subject pronoun a subject of this or the
        previous sentence first, and people before organisations."""
        cands: list[Mention] = []
        for m in self._recent(d, si, ms, k, back=2):
            if m.kind == "pronoun" and m.link is not None:
                m = m.link
            if self._compatible(m, gender) and m not in cands:
                cands.append(m)
        if not cands:
            return None
        if subject:
            near = [m for m in cands if m.subj and m.sent >= si - 1 and (m.kind == "person" or m.person_like)]
            if near:
                return near[0]
        people = [m for m in cands if m.kind == "person" or m.person_like]
        return (people or cands)[0]

    def _org_antecedent(self, d: _Doc, si: int, ms: list[Mention], k: int, kinds: tuple[str, ...]) -> Mention | None:
        for m in reversed(d.mentions + [x for x in ms if x.end <= k]):
            if m.sent < si - 8:
                break
            if m.kind != "org" or m.link is not None:
                continue
            code, sec = m.code, m.sector
            for kind in kinds:
                if kind == "igo" and code in ("IGO", "EUR", "UNO"):
                    return m
                if kind == "armed" and (sec in ("REB", "PRM", "CRM") or code == "IMG"):
                    return m
                if kind == "party" and sec in ("PTY", "OPP"):
                    return m
                if kind == "agency" and sec not in (None, "PTY", "OPP", "REB"):
                    return m
                if kind == "any" and code not in ("IGO", "EUR", "UNO"):
                    return m
        return None

    def _same_head(self, d: _Doc, si: int, ms: list[Mention], m: Mention) -> Mention | None:
        """"der Student" -> "ein US-Student"; failing that, the last actor of the same sector."""
        pool = [x for x in reversed(d.mentions + [x for x in ms if x.end <= m.start and x is not m])
                if x.sent >= si - 10 and x.kind != "block"]
        if m.head:
            for x in pool:
                if m.plural and si - x.sent > 3:
                    break  # "jenen Politikern" is not "EU-Politiker" of many sentences ago
                if x.head == m.head and (x.code or x.link or x.codes):
                    return x
        if m.rule.startswith("sector_word"):
            for x in pool:
                if x.sector == m.sector and (x.code or x.codes or x.link) and x.kind != "pronoun" and x.sent >= si - 2:
                    return x
        return None

    def _speaker(self, d: _Doc, toks: list[Tok], ms: list[Mention], k: int) -> Mention | None:
        g = d.g
        for j in range(k + 1, len(toks)):
            if toks[j].low in g.speech_verbs:
                for m in ms:
                    if m.start > j and m.start - j <= 4 and (m.code or m.sector or m.link):
                        return m
        return None

    # ------------------------------------------------------------------------------------
    # pass B: the whole document
    # ------------------------------------------------------------------------------------
    def _forward_surnames(self, d: _Doc) -> None:
        """Surnames used before the full name ("Ponta ..." in the headline, "Victor Ponta" later)."""
        if not d.surnames:
            return
        for m in d.mentions:
            if m.kind != "person" or m.link is not None or m.code or m.end - m.start != 1:
                continue
            toks = d.sents[m.sent]
            known = self._known_surname(d, toks, m.start, m.end)
            if known is not None and known is not m:
                _link_to_person(m, known)
        keys = set(d.surnames)
        last = max(m.sent for m in d.surnames.values())
        by_sent: dict[int, list[Mention]] = {}
        for m in d.mentions:
            by_sent.setdefault(m.sent, []).append(m)
        for si, toks in enumerate(d.sents[:last]):
            covered: set[int] | None = None
            for i, t in enumerate(toks):
                if not t.cap or not (t.low in keys or t.low[:-1] in keys):
                    continue
                if covered is None:
                    covered = {k for m in by_sent.get(si, ()) for k in range(m.start, m.end)}
                if i in covered or not self._name_token(t):
                    continue
                known = self._known_surname(d, toks, i, i + 1)
                if known is not None and known.sent > si:
                    d.mentions.append(Mention(si, i, i + 1, "person", None, None, known.name, known.kb_id,
                                              "coref:name", 0.55, link=known, gender=known.gender, person_like=True))
        d.mentions.sort(key=lambda m: (m.sent, m.start))

    def _finish(self, d: _Doc) -> None:
        counts: dict[str, float] = {}
        first: dict[str, int] = {}
        for k, m in enumerate(d.mentions):
            c = m.code
            if c and len(c) == 3 and c not in SPECIAL_CODES and m.kind not in ("pronoun", "anaphor"):
                counts[c] = counts.get(c, 0.0) + (0.5 if m.is_place else 1.0)
                first.setdefault(c, k)
        self._dominant = max(counts, key=lambda c: (counts[c], -first[c])) if counts else None
        # the article's main state only when the article is clearly about it
        if self._dominant and (counts[self._dominant] < 2 or counts[self._dominant] < 0.3 * sum(counts.values())):
            self._dominant = None
        self._by_sent: dict[int, list[Mention]] = {}
        self._pos = {id(m): k for k, m in enumerate(d.mentions)}
        for m in d.mentions:
            self._by_sent.setdefault(m.sent, []).append(m)
        for k, m in enumerate(d.mentions):
            self._final(d, m, k, set())

    def _final(self, d: _Doc, m: Mention, k: int, seen: set[int]) -> None:
        if m.resolved or id(m) in seen:
            return
        seen.add(id(m))
        if m.codes and not m.code:
            m.code = self._pick_code(d, m, k)
            if m.code:
                m.rule += "+context:state"
        if m.link is not None:
            ant = m.link
            self._final(d, ant, self._index(d, ant), seen)
            if m.link_mode == "all":
                if ant.code:
                    m.code = ant.code
                if ant.sector and (m.sector is None or m.kind in ("pronoun", "person", "anaphor", "org")):
                    m.sector = ant.sector
                if m.kind == "person" and ant.sector == "ELI":
                    m.sector = "ELI"
            elif ant.code and not m.code:
                m.code = ant.code
        if m.code is None and m.sector and m.fill and m.sector not in NO_FILL_SECTORS and not m.is_place \
                and m.kind in ("sector", "compound", "composed", "pronoun", "anaphor", "person", "org"):
            self._fill(d, m, k, seen)
        elif m.code is None and m.kind == "person" and m.link is None and self._dominant:
            m.code, m.rule, m.conf = self._dominant, m.rule + "+context:article", 0.3
        m.resolved = True

    def _index(self, d: _Doc, m: Mention) -> int:
        return self._pos.get(id(m), 0)

    def _pick_code(self, d: _Doc, m: Mention, k: int) -> str | None:
        for x in reversed(d.mentions[:k]):
            if x.code in m.codes and x.kind not in ("pronoun",):
                return x.code
        if self._dominant in m.codes:
            return self._dominant
        for x in d.mentions[k + 1:]:
            if x.code in m.codes:
                return x.code
        return None if m.needs_context else m.codes[0]

    def _international(self, d: _Doc, m: Mention) -> bool:
        toks = d.sents[m.sent]
        return any(toks[j].low in d.g.international for j in range(max(0, m.start - 2), m.start))

    def _fill(self, d: _Doc, m: Mention, k: int, seen: set[int]) -> None:
        """A sector-only mention takes its state from context."""
        if self._international(d, m):
            m.rule += "+international"
            return
        if m.head in d.g.relational_nouns and m.kind in ("sector", "compound"):
            return  # "seinen Amtskollegen": of another state, which the sentence does not say
        ms = d.mentions

        def state(x: Mention) -> str | None:
            return x.code if x.code and len(x.code) == 3 and x.code not in SPECIAL_CODES else None

        # (a) the same noun nearby, before or (headline) after: "Tarnkappenjets" ... "US-Tarnkappenjets"
        if m.head:
            for x in list(reversed(ms[:k])) + ms[k + 1:]:
                if x is m or abs(x.sent - m.sent) > 6:
                    continue
                if x.head == m.head and x.code and x.kind != "pronoun":
                    if x.link is m:
                        continue
                    m.code, m.rule, m.conf = x.code, m.rule + "+context:same", 0.5
                    return
        here = self._by_sent.get(m.sent, ())
        # (b) an actor of the same sector in the same sentence ("israelische Soldaten ... nach Armeeangaben")
        for x in here:
            if x is not m and x.sector == m.sector and state(x) and x.kind != "pronoun" and x.link is not m:
                m.code, m.rule, m.conf = x.code, m.rule + "+context:sentence", 0.45
                return
        # (c) a state named in the same sentence (places count: "In der Ostukraine kämpfen Regierungstruppen")
        same = [x for x in here if x is not m and state(x) and not x.dest and (
            x.kind in ("country", "capital", "region", "adjective", "seat", "description")
            and x.rule != "adjective+sector"
            or x.kind == "composed" and x.rule.startswith("sector+") and "context" not in x.rule)]
        if same:
            before = [x for x in same if x.start < m.start]
            pick = before[-1] if before else same[0]
            m.code, m.rule, m.conf = pick.code, m.rule + "+context:sentence", 0.45
            return
        # (d) the last actor of the same sector nearby
        for x in reversed(ms[:k]):
            if m.sent - x.sent > 3:
                break
            if x.sector == m.sector and state(x) and x.kind not in ("pronoun",):
                m.code, m.rule, m.conf = x.code, m.rule + "+context:sector", 0.45
                return
        # (e) a state in the previous two sentences
        for x in reversed(ms[:k]):
            if m.sent - x.sent > 2:
                break
            if state(x) and x.kind in STATE_KINDS and not x.dest:
                m.code, m.rule, m.conf = x.code, m.rule + "+context:recent", 0.4
                return
        # (f) the article's main state
        if self._dominant:
            m.code, m.rule, m.conf = self._dominant, m.rule + "+context:article", 0.35


def _sie_number(toks: list[Tok], k: int) -> str:
    """German "sie": feminine singular or plural, by the finite verb next to it."""
    t = toks[k]
    if "Number=Plur" in t.morph:
        return "p"
    for j in (k + 1, k - 1):
        if 0 <= j < len(toks) and toks[j].pos in ("VERB", "AUX") and toks[j].word:
            v = toks[j]
            if "Number=Plur" in v.morph:
                return "p"
            if "Number=Sing" in v.morph:
                return "f"
            if v.low.endswith(("en", "ten")) and v.low not in ("haben",):
                return "p"
            if v.low.endswith(("t", "e")):
                return "f"
    return "fp"


def _gender_of(t: Tok) -> str | None:
    if "Gender=Masc" in t.morph:
        return "m"
    if "Gender=Fem" in t.morph:
        return "f"
    if "Gender=Neut" in t.morph:
        return "n"
    return None

