"""A light view of one parsed sentence: tokens by local index, clause chunks, mood, noun phrases."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Entity, Sentence, Token
from .lexicon import Lexicon

SEPARATORS = {",", ";", ":", "–", "—", "(", ")"}
CLAUSE_PUNCT = {",", ";", ":", "–", "—"}
END_PUNCT = {".", "!", "?", "…"}
QUOTE_CHARS = set("„“”\"»«‚‘’‹›'")
NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}
NP_INNER = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"}
VERBAL = {"VERB", "AUX"}
# finite forms of auxiliaries and modals (the tagger leaves some without features)
FINITE_AUX = {"ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird", "werden", "wurde", "wurden",
              "kann", "können", "konnte", "konnten", "muss", "müssen", "musste", "mussten", "soll", "sollen",
              "will", "wollen", "darf", "dürfen", "mag", "is", "are", "was", "were", "has", "have", "had",
              "would", "can", "could", "must", "should", "may", "might"}


@dataclass
class Sent:
    """One sentence with local token indexes (0..n-1) and a few precomputed facts."""

    sent: Sentence
    lex: Lexicon
    inside: list[bool] = field(default_factory=list)  # token inside a marked quotation
    doc_text: str = ""
    entities: list[Entity] = field(default_factory=list)  # ACTOR and named entities in the sentence

    def __post_init__(self) -> None:
        self.toks: list[Token] = self.sent.tokens
        self.base = self.toks[0].i if self.toks else 0
        self.n = len(self.toks)
        self.low = [t.text.lower() for t in self.toks]
        if not self.inside:
            self.inside = [False] * self.n
        self.kids: list[list[int]] = [[] for _ in range(self.n)]
        for k, t in enumerate(self.toks):
            h = t.head - self.base
            if 0 <= h < self.n and h != k:
                self.kids[h].append(k)
        self._ranges: list[tuple[int, int]] | None = None
        self.blocked: set[int] = set()  # tokens of source phrases

    def entity_ranges(self) -> list[tuple[int, int]]:
        """Token ranges [a, b) of the entities in this sentence."""
        if self._ranges is None:
            ranges = []
            for e in self.entities:
                idx = self.tokens_in(e.start, e.end)
                if idx:
                    ranges.append((idx[0], idx[-1] + 1))
            self._ranges = sorted(set(ranges))
        return self._ranges

    # -- basic facts ------------------------------------------------------------------
    @property
    def start(self) -> int:
        return self.sent.start

    @property
    def end(self) -> int:
        return self.sent.end

    def head(self, k: int) -> int | None:
        h = self.toks[k].head - self.base
        return h if 0 <= h < self.n and h != k else None

    def is_punct(self, k: int) -> bool:
        t = self.toks[k]
        return t.pos == "PUNCT" or all(not c.isalnum() for c in t.text)

    def is_sep(self, k: int) -> bool:
        return self.toks[k].text in CLAUSE_PUNCT and not self.inside[k]

    def is_quote_char(self, k: int) -> bool:
        return all(c in QUOTE_CHARS for c in self.toks[k].text)

    def mood(self, k: int) -> str:
        m = self.toks[k].morph
        for part in m.split("|"):
            if part.startswith("Mood="):
                return part[5:]
        return ""

    def feat(self, k: int, name: str) -> str:
        for part in self.toks[k].morph.split("|"):
            if part.startswith(name + "="):
                return part[len(name) + 1:]
        return ""

    def is_finite(self, k: int) -> bool:
        t = self.toks[k]
        if t.pos not in VERBAL:
            return False
        w = self.low[k]
        if w in FINITE_AUX or w in self.lex.subj_one or w in self.lex.subj_two:
            return True
        form = self.feat(k, "VerbForm")
        if form in ("Inf", "Part"):
            return False
        if form == "Fin" or self.mood(k) or self.feat(k, "Person"):
            return True
        if self.lex.lang == "de" and not t.morph:
            # no features from the tagger: judge by the ending ("gibt", "sagte" yes; "sagen", "gesagt" no)
            return not w.endswith(("en", "ern", "eln")) and not (w.startswith("ge") and w.endswith(("t", "n")))
        return False

    def char_start(self, k: int) -> int:
        return self.toks[k].start

    def char_end(self, k: int) -> int:
        return self.toks[k].end

    def index_at(self, offset: int) -> int | None:
        for k, t in enumerate(self.toks):
            if t.start <= offset < t.end:
                return k
        return None

    def tokens_in(self, start: int, end: int) -> list[int]:
        return [k for k, t in enumerate(self.toks) if t.start >= start and t.end <= end]

    # -- clauses ------------------------------------------------------------------------
    def chunk_of(self, k: int) -> tuple[int, int]:
        """[a, b): the separator-bounded chunk holding token k (separators excluded)."""
        a = k
        while a > 0 and not self.is_sep(a - 1):
            a -= 1
        b = k
        while b < self.n and not self.is_sep(b):
            b += 1
        return a, b

    def next_sep(self, k: int, stop: int | None = None) -> int | None:
        stop = self.n if stop is None else stop
        for j in range(k, stop):
            if self.is_sep(j):
                return j
        return None

    def content_end(self, b: int) -> int:
        """Strip final punctuation and quote marks from a token range end (exclusive)."""
        while b > 0 and (self.toks[b - 1].text in END_PUNCT or self.is_quote_char(b - 1)
                         or self.toks[b - 1].text in CLAUSE_PUNCT):
            b -= 1
        return b

    def span_chars(self, a: int, b: int, keep_final: bool = False) -> tuple[int, int] | None:
        """Character span of tokens [a, b), without quote marks at the edges and (unless
        ``keep_final``) without final punctuation."""
        while a < b and (self.is_quote_char(a) or self.toks[a].text in CLAUSE_PUNCT):
            a += 1
        if keep_final:
            while b > a and (self.is_quote_char(b - 1) or self.toks[b - 1].text in CLAUSE_PUNCT):
                b -= 1
        else:
            b = self.content_end(b)
            while b > a and self.is_quote_char(b - 1):
                b -= 1
        if b <= a:
            return None
        return self.toks[a].start, self.toks[b - 1].end

    # -- mood -------------------------------------------------------------------------
    def subjunctive(self, k: int) -> int:
        """0 = not subjunctive, 1 = Konjunktiv I (reported speech), 2 = Konjunktiv II."""
        if self.lex.lang != "de":
            return 0
        t = self.toks[k]
        w = self.low[k]
        if t.pos not in VERBAL and not self._mistagged_verb(k):
            return 0
        if w in self.lex.subj_one:
            return 1 if not self._first_person_subject(k) else 0
        if w in self.lex.subj_two:
            return 2
        lemma = t.lemma.lower()
        if t.pos not in VERBAL:
            return 1  # a mistagged root, see _mistagged_verb
        if w.endswith("e") and lemma.endswith("en") and w == lemma[:-1]:
            # "verstoße", "obliege": 3rd person Konjunktiv I (1st person indicative looks the same)
            if self.feat(k, "Person") == "1" or self._first_person_subject(k) or self.feat(k, "VerbForm") in (
                    "Inf", "Part"):
                return 0
            return 1
        if self.mood(k) == "Sub":
            if any(ch in w for ch in "äöü") and not any(ch in lemma for ch in "äöü"):
                return 2
            if w.endswith("en"):
                return 0  # plural Konjunktiv I looks like the indicative: the tagger only guesses
            return 1 if w.endswith("e") and not w.endswith("te") else 2
        return 0

    def _mistagged_verb(self, k: int) -> bool:
        """A Konjunktiv I root the tagger took for an adverb or adjective ("verstoße", "verurteile")."""
        t = self.toks[k]
        w = self.low[k]
        return t.dep == "root" and t.pos in ("ADV", "ADJ") and t.text[:1].islower() and w.endswith("e") \
            and len(w) > 5 and not any(self.toks[j].pos in VERBAL for j in range(self.n))

    def _first_person_subject(self, k: int) -> bool:
        lo, hi = max(0, k - 3), min(self.n, k + 3)
        return any(self.low[j] == "ich" for j in range(lo, hi))

    def clause_starts_subordinate(self, a: int) -> bool:
        j = a
        while j < self.n and (self.is_quote_char(j) or self.toks[j].pos in ("CCONJ",)):
            j += 1
        if j >= self.n:
            return False
        w = self.low[j]
        if w in self.lex.subordinators:
            if self.toks[j].pos == "ADP":
                return False  # "seit Sonntag", "bis Montag", "während des Besuchs"
            if w in ("der", "die", "das", "dem", "den", "deren", "dessen"):
                nxt = self.toks[j + 1].pos if j + 1 < self.n else ""
                if self.toks[j].pos == "DET" or j == 0 or nxt in ("NOUN", "PROPN", "ADJ") or \
                        (j + 1 < self.n and self.is_finite(j + 1)):
                    return False  # an article, or a demonstrative in verb-second order ("Das sei ...")
            return True
        # "mit dem", "für den": preposition + relative pronoun, with the finite verb at the end
        if self.toks[j].pos == "ADP" and j + 1 < self.n and self.low[j + 1] in (
                "dem", "der", "denen", "welchem", "welcher", "deren", "dessen", "den", "die", "das", "welche"):
            if self.toks[j + 1].pos == "PRON":
                return True
            b = j
            while b < self.n and not self.is_sep(b) and self.toks[b].text not in END_PUNCT:
                b += 1
            return a > 0 and b - 1 > j + 1 and self.is_finite(b - 1)
        return False

    def main_mood(self, a: int, b: int) -> int:
        """Strongest subjunctive among finite verbs of the main (non-subordinate) chunks of [a, b)."""
        best = 0
        j = a
        while j < b:
            ca, cb = j, j
            while cb < b and not self.is_sep(cb):
                cb += 1
            if not self.clause_starts_subordinate(ca):
                for k in range(ca, cb):
                    if self.inside[k]:
                        continue
                    s = self.subjunctive(k)
                    if s == 1:
                        return 1
                    best = max(best, s)
            j = cb + 1
        return best

    def any_subjunctive(self, a: int, b: int) -> int:
        best = 0
        for k in range(a, b):
            if not self.inside[k]:
                s = self.subjunctive(k)
                if s == 1:
                    return 1
                best = max(best, s)
        return best

    def has_verb(self, a: int, b: int) -> bool:
        return any(self.toks[k].pos in VERBAL for k in range(a, b))

    def has_main_verb(self, a: int, b: int) -> bool:
        """True if [a, b) holds a finite verb outside subordinate chunks (a main clause)."""
        j = a
        while j < b:
            cb = j
            while cb < b and not self.is_sep(cb):
                cb += 1
            if not self.clause_starts_subordinate(j):
                if any(self.is_finite(k) and not self._attributive(k) for k in range(j, cb)):
                    return True
                if self.lex.lang == "en" and any(self.toks[k].pos in VERBAL and self.feat(k, "VerbForm") not in
                                                 ("Ger", "Inf") for k in range(j, cb)):
                    return True  # the English tagger often calls a past tense a participle
            j = cb + 1
        return False

    def _attributive(self, k: int) -> bool:
        """A participle the tagger took for a finite verb: "die verlesenen Aussage"."""
        w = self.low[k]
        return w.endswith(("enen", "ten", "tes", "ter", "ene", "te")) and k + 1 < self.n and \
            self.toks[k + 1].pos in ("NOUN", "PROPN", "ADJ") and k > 0 and \
            self.toks[k - 1].pos in ("DET", "ADJ", "ADV", "PROPN", "NOUN")

    def first_person(self, a: int, b: int) -> bool:
        fp = self.lex.first_person
        return any(self.low[k] in fp and self.toks[k].pos in ("PRON", "DET", "VERB") for k in range(a, b)
                   if not self.inside[k])

    def zu_infinitive(self, a: int, b: int) -> bool:
        """True if [a, b) ends in a zu-infinitive ("... zu bombardieren", "aufzustellen")."""
        b = self.content_end(b)
        if b - a < 1:
            return False
        k = b - 1
        while k > a and self.toks[k].pos == "AUX" and self.feat(k, "VerbForm") in ("Inf", ""):
            k -= 1  # "... eingeweiht gewesen zu sein"
            if self.low[k] == "zu":
                return True
        if k > a and self.low[k - 1] == "zu":
            return True
        w = self.low[k]
        return "zu" in w[2:-3] and self.toks[k].pos in VERBAL and self.feat(k, "VerbForm") == "Inf"

    # -- noun phrases -----------------------------------------------------------------
    def np_after(self, k: int, stop: int | None = None) -> tuple[int, int] | None:
        """A noun phrase starting at k: determiners, adjectives, nouns and names, with genitive
        attachments ("der Organisation für ..." ends before "für"); None if k starts none."""
        stop = self.n if stop is None else stop
        j = k
        seen_noun = False
        while j < stop:
            t = self.toks[j]
            w = self.low[j]
            if self.is_sep(j) or t.text in END_PUNCT or w in self.lex.np_stop and seen_noun:
                break
            if t.pos in VERBAL and not (t.pos == "VERB" and t.text[:1].isupper() and j > k):
                break
            if t.pos in ("ADP", "ADV", "CCONJ", "SCONJ", "PART", "PUNCT") and not self.is_quote_char(j):
                if w in ("von", "vom") and seen_noun and j + 1 < stop and self.toks[j + 1].pos in NP_INNER:
                    j += 1
                    continue
                if t.pos == "PUNCT" and t.text in ("-", "/"):
                    j += 1
                    continue
                break
            if t.pos in ("NOUN", "PROPN", "PRON", "X") or (t.text[:1].isupper() and t.pos not in ("DET",)):
                seen_noun = True
            elif t.pos == "DET" and seen_noun:
                # a genitive attachment: "der Chef der Gruppe"
                if w not in ("der", "des", "eines", "einer", "seines", "seiner", "ihres", "ihrer", "the", "its"):
                    break
            j += 1
        while j > k and self.is_quote_char(j - 1):
            j -= 1
        return (k, j) if seen_noun and j > k else None

    def np_before(self, k: int) -> tuple[int, int] | None:
        """A noun phrase ending just before token k ("dem Bericht vom Donnerstag" zufolge)."""
        j = k
        seen_noun = False
        while j > 0:
            t = self.toks[j - 1]
            w = self.low[j - 1]
            if self.is_sep(j - 1) or t.pos in VERBAL or t.text in END_PUNCT:
                break
            if t.pos in ("ADP",) and w not in ("von", "vom"):
                break
            if t.pos in ("ADV", "CCONJ", "SCONJ", "PART", "PUNCT") and not self.is_quote_char(j - 1):
                if not (t.pos == "PUNCT" and t.text in ("-", "/")):
                    break
            if t.pos in ("NOUN", "PROPN", "PRON", "X") or t.text[:1].isupper():
                seen_noun = True
            j -= 1
            if t.pos == "DET" and j > 0 and self.toks[j - 1].pos not in ("NOUN", "PROPN"):
                break
        while j < k and self.toks[j].pos == "ADV":
            j += 1
        return (j, k) if seen_noun and j < k else None
