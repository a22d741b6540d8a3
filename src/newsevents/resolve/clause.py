"""Small helpers over the parse: tokens of a span, clause windows, tense and attachment.

The parses we get are of scraped (often machine-translated) news, so every helper combines the
dependency tree with surface cues and never trusts one alone: a clause window is cut at
punctuation and subordinating words, a tense is read from the verbs in that window and from the
verbal complex the parse attaches the span to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Sentence, Token

BOUNDARY = frozenset({",", ";", ":", "–", "—", "(", ")", "„", "“", "”", '"', "«", "»", "?", "!"})
SUBORDINATORS = frozenset(
    {
        "dass",
        "weil",
        "als",
        "wenn",
        "nachdem",
        "bevor",
        "obwohl",
        "seitdem",
        "sobald",
        "damit",
        "aber",
        "doch",
        "sondern",
        "that",
        "because",
        "when",
        "after",
        "before",
        "while",
        "although",
        "but",
    }
)
VERBAL_POS = frozenset({"VERB", "AUX"})

# German and English auxiliaries and modals, by what they say about time
FUTURE_AUX = frozenset({"wird", "werden", "werde", "wirst", "werdet", "will", "shall", "'ll"})
PLANNING = frozenset(
    {
        "soll",
        "sollen",
        "solle",
        "will",
        "wollen",
        "wolle",
        "plant",
        "planen",
        "beabsichtigt",
        "möchte",
        "möchten",
        "going",
        "plans",
        "intends",
        "expected",
        "erwartet",
    }
)
PERFECT_AUX = frozenset(
    {
        "hat",
        "haben",
        "habe",
        "hatte",
        "hatten",
        "hätte",
        "hätten",
        "ist",
        "sind",
        "sei",
        "seien",
        "war",
        "waren",
        "wäre",
        "wären",
        "has",
        "have",
        "had",
    }
)
PAST_FORMS = frozenset(
    {
        "war",
        "waren",
        "hatte",
        "hatten",
        "wurde",
        "wurden",
        "was",
        "were",
        "had",
        "did",
        "said",
        "sagte",
        "sagten",
        "erklärte",
        "erklärten",
        "teilte",
        "teilten",
        "meldete",
        "meldeten",
        "berichtete",
        "berichteten",
        "kündigte",
        "gab",
        "kam",
        "kamen",
        "traf",
        "trafen",
        "ging",
        "gingen",
        "forderte",
        "warnte",
        "betonte",
        "hieß",
        "stand",
        "lag",
        "fand",
        "sprach",
        "nannte",
        "zeigte",
        "begann",
        "führte",
        "machte",
        "stellte",
        "wollte",
        "wollten",
        "konnte",
        "konnten",
        "musste",
        "mussten",
        "durfte",
        "starb",
        "fiel",
        "brachte",
        "blieb",
        "schrieb",
        "verlor",
        "gewann",
        "sah",
        "ließ",
        "zog",
        "besuchte",
        "unterlag",
        "siegte",
        "entschied",
        "beschloss",
        "einigten",
        "bestätigte",
        "verkündete",
        "verhängte",
        "wies",
        "lehnte",
        "rief",
        "griff",
        "schoss",
        "tötete",
        "flog",
        "reiste",
    }
)
_PARTICIPLE = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|fest|frei|her|hin|los|mit|nach|vor|weg|zu|zurück|zusammen|statt|teil|fort|dar|"
    r"heraus|hinaus|herab|vorbei|weiter|wieder|um|durch|über|unter|entgegen|gegenüber)?ge\w{3,}(?:t|en)$|^\w{3,}iert$"
)
_INFINITIVE_TAGS = frozenset({"VVINF", "VAINF", "VMINF", "VVIZU", "VB"})
_PARTICIPLE_TAGS = frozenset({"VVPP", "VAPP", "VMPP", "VBN"})


def tokens_in(sent: Sentence, start: int, end: int) -> list[Token]:
    """Tokens of ``sent`` that overlap the character span [start, end)."""
    return [t for t in sent.tokens if t.start < end and t.end > start]


def sentence_at(sentences: Sequence[Sentence], start: int, end: int | None = None) -> Sentence | None:
    """The sentence that contains offset ``start`` (binary search over sorted sentences)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if start < s.start:
            hi = mid - 1
        elif start >= s.end:
            lo = mid + 1
        else:
            return s
    return None


def span_head(sent: Sentence, toks: list[Token]) -> Token | None:
    """The token of ``toks`` whose head lies outside them (the syntactic head of the span)."""
    ids = {t.i for t in toks}
    for t in toks:
        if t.head not in ids or t.head == t.i:
            return t
    return toks[0] if toks else None


def by_index(sent: Sentence) -> dict[int, Token]:
    return {t.i: t for t in sent.tokens}


def ancestors(sent: Sentence, tok: Token, limit: int = 12) -> list[Token]:
    """Heads of ``tok`` upwards (not ``tok`` itself), inside the sentence, at most ``limit``."""
    idx = by_index(sent)
    out: list[Token] = []
    cur = tok
    for _ in range(limit):
        if cur.head == cur.i or cur.head not in idx:
            break
        cur = idx[cur.head]
        if cur in out:
            break
        out.append(cur)
    return out


def governing_verb(sent: Sentence, tok: Token) -> Token | None:
    """The nearest verb at or above ``tok`` in the tree (the root when no verb is found)."""
    if tok.pos in VERBAL_POS:
        return tok
    chain = ancestors(sent, tok)
    for a in chain:
        if a.pos in VERBAL_POS:
            return a
    return chain[-1] if chain else None


def clause_window(sent: Sentence, start: int, end: int) -> list[Token]:
    """Tokens of the clause around [start, end): cut at punctuation and subordinating words."""
    toks = sent.tokens
    inside = [k for k, t in enumerate(toks) if t.start < end and t.end > start]
    if not inside:
        return list(toks)
    lo, hi = inside[0], inside[-1]
    while lo > 0 and not _cuts(toks[lo - 1]):
        lo -= 1
    while hi + 1 < len(toks) and not _cuts(toks[hi + 1]):
        hi += 1
    return toks[lo : hi + 1]


def _cuts(t: Token) -> bool:
    return t.text in BOUNDARY or t.text.lower() in SUBORDINATORS or t.pos == "SCONJ"


def subordinate(sent: Sentence, window: list[Token]) -> bool:
    """True when the clause window is a subordinate clause ("seit Kim im September ... besuchte")."""
    if not window:
        return False
    first = window[0]
    if (first.pos == "SCONJ" or first.text.lower() in SUBORDINATORS | {"seit", "während", "bis"}) and len(window) > 3:
        nxt = window[1]
        if nxt.pos in ("PROPN", "PRON", "NOUN", "DET") and not nxt.text[:1].isdigit():
            return True
    k = sent.tokens.index(first)
    for t in reversed(sent.tokens[max(0, k - 2) : k]):
        if t.pos == "SCONJ" or t.text.lower() in SUBORDINATORS:
            return True
        if t.text not in BOUNDARY:
            return False
    return False


def _is_infinitive(t: Token) -> bool:
    return "VerbForm=Inf" in t.morph or t.tag in _INFINITIVE_TAGS


def _is_participle(t: Token) -> bool:
    return "VerbForm=Part" in t.morph or t.tag in _PARTICIPLE_TAGS or bool(_PARTICIPLE.match(t.text.lower()))


def _is_finite_past(t: Token) -> bool:
    """A preterite: past tense on a finite verb (participles carry Tense=Past without a mood)."""
    if t.text.lower() in PAST_FORMS:
        return True
    return "Tense=Past" in t.morph and ("Mood=" in t.morph or "VerbForm=Fin" in t.morph) and t.tag != "VBN"


def tense_of(tokens: Sequence[Token]) -> str | None:
    """'future', 'past' or 'present' from the verbs in ``tokens``; None when there is no verb.

    Order of evidence: a preterite; a planning modal ("soll", "will"); "werden" with an infinitive;
    a perfect ("hat ... festgelegt"); any other verb is present.
    """
    words = [t.text.lower() for t in tokens]
    if any(_is_finite_past(t) for t in tokens):
        return "past"
    if any(w in PLANNING for w in words):
        return "future"
    has_part = any(_is_participle(t) for t in tokens if t.pos in VERBAL_POS or t.tag in _PARTICIPLE_TAGS)
    has_inf = any(_is_infinitive(t) for t in tokens if not _is_participle(t))
    if any(w in FUTURE_AUX for w in words) and (has_inf or not has_part):
        return "future"
    if any(w in PERFECT_AUX for w in words) and has_part:
        return "past"
    if any(t.pos in VERBAL_POS for t in tokens):
        return "present"
    return None


def clause_tense(sent: Sentence, start: int, end: int) -> str | None:
    """Tense of the clause that holds [start, end).

    The clause window decides; when it holds no verb (an apposition cut off by commas), the verbal
    complex the parse attaches the span to decides, and failing that the whole sentence.
    """
    window = clause_window(sent, start, end)
    tense = tense_of(window)
    if tense is not None:
        return tense
    toks = tokens_in(sent, start, end)
    head = span_head(sent, toks)
    if head is not None:
        verb = governing_verb(sent, head)
        if verb is not None and verb.pos in VERBAL_POS:
            complex_ = [verb] + [t for t in sent.tokens if t.head == verb.i and t.dep in ("aux", "aux:pass", "cop")]
            tense = tense_of(complex_)
            if tense is not None:
                return tense
    return tense_of(sent.tokens)


_SURFACE_WORD = re.compile(r"[\w’'-]+|[^\w\s]")


def surface_tense(text: str, start: int, end: int, line_start: int = 0, line_end: int | None = None) -> str | None:
    """Tense of the clause around [start, end) without a parse: the same evidence as
    ``tense_of``, read from word forms alone (auxiliaries, modals, common preterites, participles)."""
    line_end = len(text) if line_end is None else line_end
    toks: list[Token] = []
    for k, m in enumerate(_SURFACE_WORD.finditer(text, line_start, line_end)):
        w = m.group(0)
        lw = w.lower()
        pos, tag, morph = "X", "", ""
        if lw in PAST_FORMS:
            pos, morph = "VERB", "Mood=Ind|Tense=Past"
        elif lw in FUTURE_AUX | PERFECT_AUX | PLANNING:
            pos = "AUX"
        elif w[:1].islower() and _PARTICIPLE.match(lw):
            pos, tag = "VERB", "VVPP"
        elif w in BOUNDARY or lw in SUBORDINATORS:
            pos = "PUNCT" if w in BOUNDARY else "SCONJ"
        toks.append(Token(k, m.start(), m.end(), w, lw, pos, tag, morph))
    if not toks:
        return None
    pseudo = Sentence(toks[0].start, toks[-1].end, toks)
    return tense_of(clause_window(pseudo, start, end))
