"""The PLOVER coder: triggers -> candidate events -> source/target, flags, mode, evidence.

Works per sentence on the dependency parse (nlp stage) and the actor entities (actors stage).
The German parse is weak, so every role has a fallback from morphology (case), word order and
actor positions; the rule that fired is recorded on the event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..casing import title_case
from ..document import ActorRef, Document, Entity, Event, Sentence, Span, Token
from .lemmas import lookup_lemma
from .lexicon import FlagCues, Lexicon, Trigger, default_flags, default_lexicon

PARTICLE_DEPS = {"compound:prt", "svp", "prt"}
SUBJ_DEPS = {"nsubj", "csubj"}
PASS_SUBJ_DEPS = {"nsubj:pass", "csubj:pass"}
OBJ_DEPS = {"obj", "dobj"}
IOBJ_DEPS = {"iobj"}
OBL_DEPS = {"obl", "nmod", "obl:arg", "obl:agent", "pobj", "prep"}
# German determiners that never mark a genitive: a noun phrase with one is no genitive attribute
NON_GENITIVE_DETS = {"ein", "eine", "einen", "einem", "dem", "den", "die", "das", "kein", "keine",
                     "keinen", "keinem", "diese", "diesen", "diesem"}
CLAUSE_DEPS = {"acl", "acl:relcl", "ccomp", "xcomp", "advcl", "parataxis", "csubj", "relcl"}
CONTRACTIONS = {
    "zum": "zu",
    "zur": "zu",
    "im": "in",
    "ins": "in",
    "am": "an",
    "ans": "an",
    "vom": "von",
    "beim": "bei",
    "aufs": "auf",
    "durchs": "durch",
    "fürs": "für",
    "übers": "über",
}
AGENT_PREPS = {"von", "durch", "by"}
NOUN_TARGET_PREPS = {
    "gegen",
    "against",
    "auf",
    "on",
    "mit",
    "with",
    "zwischen",
    "between",
    "für",
    "for",
    "an",
    "to",
    "nach",
    "in",
}
REFLEXIVES = {"sich", "uns", "euch", "themselves", "itself", "himself", "herself", "each", "one another"}
ACCUSATION_LEMMAS = {
    "vorwerfen",
    "werfen",
    "beschuldigen",
    "bezichtigen",
    "anklagen",
    "verdächtigen",
    "accuse",
    "charge",
    "allege",
    "blame",
    "vorwurf",
    "verdacht",
    "anschuldigung",
    "besorgnis",
    "sorge",
    "befürchtung",
    "bericht",
    "berichte",
    "accusation",
    "allegation",
    "concern",
    "concerns",
    "suspicion",
    "fear",
    "fears",
}
HEARSAY_MODALS = {"sollen"}
REPORT_VERBS = {"berichten", "melden", "sagen", "erklären", "teilen", "say", "report", "tell", "claim", "state"}
# verbs that fear, warn of or weigh an event without taking part in it: their subject is not the
# agent of an event noun in their object ("Experten befürchten eine Zunahme von Angriffen")
WEIGHING_VERBS = {"befürchten", "fürchten", "warnen", "erwägen", "prüfen", "überlegen", "diskutieren",
                  "erwarten", "fear", "warn", "consider", "weigh", "discuss", "expect", "predict"}
LEADER_GROUP_WORDS = (
    "staats- und regierungschefs",
    "beiden staatschefs",
    "beiden präsidenten",
    "beiden politiker",
    "beide seiten",
    "beiden seiten",
    "beiden führer",
    "both leaders",
    "the two leaders",
    "both sides",
)
OBLIQUE_DETERMINERS = {
    "den",
    "dem",
    "einen",
    "einem",
    "diesen",
    "diesem",
    "seinen",
    "seinem",
    "ihren",
    "ihrem",
    "jenen",
    "jenem",
    "keinen",
    "keinem",
}
# event nouns whose genitive is who undergoes the act (Verhaftung, Festnahme, Hinrichtung)
PATIENT_NOUN_ENDINGS = ("ung", "ungen", "nahme", "nahmen")
AFFECTING_TYPES = {"COERCE", "ASSAULT", "SANCTION", "RETREAT"}  # "von X" names who undergoes them
ACCUSATION_VERBS = {"vorwerfen", "werfen", "warfen", "beschuldigen", "bezichtigen", "verdächtigen", "accuse", "blame"}
BARE_NOUN_TYPES = {"PROTEST", "ASSAULT"}  # "Proteste", "Anschlag": events even when nobody is named
CONCERN_NOUNS = {
    "besorgnis",
    "sorge",
    "sorgen",
    "befürchtung",
    "befürchtungen",
    "vorwurf",
    "vorwürfe",
    "verdacht",
    "anschuldigung",
    "anschuldigungen",
    "concern",
    "concerns",
    "fears",
    "allegation",
    "allegations",
    "suspicion",
    "accusation",
    "accusations",
}
EN_PARTICLES = {"down", "up", "out", "off", "on", "in", "back", "away", "over", "into", "through"}
# verbs that only carry an event noun ("startete einen Angriff", "carried out raids", "imposed
# sanctions"): their subject is the noun's agent; other governors ("condemned the attack") are not
LIGHT_VERBS = {
    "durchführen", "starten", "beginnen", "verüben", "verhängen", "unterzeichnen", "führen", "aufnehmen",
    "abhalten", "leisten", "erheben", "einleiten", "ausführen", "fortsetzen", "organisieren", "veranstalten",
    "liefern", "ausüben", "treffen", "schließen", "geben", "erteilen", "aussprechen", "einlegen", "stellen",
    "richten", "unternehmen", "vornehmen", "fliegen", "eröffnen", "erklären", "verstärken", "ausweiten",
    "intensivieren", "einreichen", "abstatten", "üben", "machen", "halten", "wiederaufnehmen", "androhen",
    "carry", "launch", "conduct", "stage", "hold", "issue", "impose", "sign", "mount", "begin", "start",
    "continue", "step", "escalate", "intensify", "wage", "make", "give", "deliver", "lodge", "file", "level",
    "extend", "pay", "fly", "open", "declare", "resume", "expand", "commit", "perpetrate", "unleash",
    "initiate", "undertake", "lead", "organise", "organize", "reach", "strike", "enter", "announce",
    "eingehen", "bekennen", "claim", "bestätigen", "fällen", "uphold", "vereinbaren", "forcieren",
    "present", "produce", "submit", "express",
    "voice", "raise", "bring", "ausdrücken", "äußern", "vorlegen",
}
OBJECT_CONTROL_LEMMAS = {
    "auffordern",
    "aufrufen",
    "ermutigen",
    "veranlassen",
    "anweisen",
    "pressure",
    "press",
    "push",
    "want",
    "encourage",
    "allow",
    "persuade",
    "convince",
    "invite",
    "authorize",
    "authorise",
    "bitten",
    "drängen",
    "ersuchen",
    "urge",
    "ask",
    "call",
    "order",
    "zwingen",
    "force",
}
FUTURE_AUX = {"werden", "will", "shall", "'ll", "wird", "werde", "wirst"}
SUBORDINATORS = {
    "dass",
    "weil",
    "ob",
    "als",
    "wenn",
    "nachdem",
    "obwohl",
    "während",
    "damit",
    "sodass",
    "that",
    "because",
    "after",
    "while",
    "when",
    "whether",
}
ATTRIBUTION_NOUNS = {
    "angaben", "informationen", "berichten", "darstellung", "einschätzung", "aussagen", "erkenntnissen",
}
# conflict and demands happen inside one country as often as between two
DOMESTIC_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "ACCUSE", "REQUEST", "REJECT", "THREATEN"}
# who reports violence without taking a side: doctors, reporters, residents, scholars
WITNESS_SECTORS = {"MED", "JRN", "CVL", "EDU"}
# verbs whose perfect takes "sein" (suffix match: "einmarschieren", "zurücktreten", "beitreten")
SEIN_PERFECT = (
    "landen", "fliegen", "reisen", "dringen", "marschieren", "rücken", "ziehen", "fliehen", "kehren",
    "treffen", "kommen", "gehen", "fahren", "fallen", "laufen", "treten", "brechen", "folgen", "sterben",
    "schreiten", "steigen", "weichen", "wandern", "segeln", "stoßen", "eilen", "springen",
)
CONTENT_TYPES = {"REQUEST", "REJECT", "THREATEN"}
TEMPORAL_PREPS = {"bei", "beim", "nach", "während", "vor", "after", "during", "at", "before"}
# an actor's own stated wish to use force is a threat ("wants to attack", "will ... angreifen",
# "plant, ... anzugreifen"): codebook THREATEN, not an ASSAULT that has not happened
HOSTILE_INTENT_LEMMAS = {"want", "intend", "plan", "vow", "wollen", "beabsichtigen", "planen", "vorhaben"}
# "will not deliver", "würde keine Waffen liefern", "won't meet": an actor's announced refusal of a
# cooperative act is a REJECT (codebook: refuses), not a negated cooperation
REFUSED_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
REFUSAL_AUX = {
    "will", "would", "wo", "shall", "werde", "werden", "wird", "würde", "würden", "wolle", "wollen", "wollte",
    "wollten",
}
WERDEN_FORMS = {"wird", "werden", "werde", "wirst", "werdet"}
HYPO_AUX = {"würde", "würden", "könnte", "könnten", "möchte", "dürfte", "would", "could", "might", "may", "müsste"}


@dataclass
class SentView:
    """One sentence's tokens with parse helpers and the actors that cover them."""

    sent: Sentence
    toks: dict[int, Token]
    children: dict[int, list[int]]
    actor_at: dict[int, Entity]
    place_at: dict[int, Entity]
    order: list[int] = field(default_factory=list)
    actors_all: dict[int, list[Entity]] = field(default_factory=dict)
    reporters: set[int] | None = None  # computed once per sentence by Coder._reporters
    attributions: set[int] | None = None  # ... by Coder._attributions
    title_case: bool | None = None  # ... by _title_case
    heads: dict[int, int] = field(default_factory=dict)  # the parse's heads after _repaired_heads

    @classmethod
    def build(cls, sent: Sentence, actors: list[Entity], places: list[Entity],
              datelines: list[Entity] = ()) -> SentView:
        toks = {t.i: t for t in sent.tokens}
        dateline_toks = {t.i for t in sent.tokens for e in datelines if t.start < e.end and e.start < t.end}
        heads = _repaired_heads(sent.tokens, toks, dateline_toks)
        children: dict[int, list[int]] = defaultdict(list)
        for t in sent.tokens:
            h = heads[t.i]
            if h != t.i and h in toks:
                children[h].append(t.i)
        actor_at, place_at = {}, {}
        actors_all: dict[int, list[Entity]] = defaultdict(list)
        for e in actors:
            for t in sent.tokens:
                if t.start < e.end and e.start < t.end:
                    actor_at.setdefault(t.i, e)
                    actors_all[t.i].append(e)
        for e in places:
            for t in sent.tokens:
                if t.start < e.end and e.start < t.end:
                    place_at.setdefault(t.i, e)
        return cls(sent, toks, children, actor_at, place_at, [t.i for t in sent.tokens], actors_all,
                   heads=heads)

    def kids(self, i: int, deps: set[str] | None = None) -> list[Token]:
        out = [self.toks[c] for c in self.children.get(i, [])]
        return [t for t in out if deps is None or t.dep in deps or t.dep.split(":")[0] in deps]

    def subtree(self, i: int, stop_at_clauses: bool = True) -> list[int]:
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            for c in self.children.get(k, []):
                if stop_at_clauses and self.toks[c].dep in CLAUSE_DEPS:
                    continue
                stack.append(c)
        return sorted(out)

    def head_of(self, i: int) -> Token | None:
        h = self.heads[i] if i in self.heads else self.toks[i].head
        return self.toks.get(h) if h != i else None

    def case_of(self, i: int) -> str | None:
        """The preposition governing nominal ``i`` ("in", "gegen", contractions resolved)."""
        for c in self.kids(i, {"case"}):
            w = c.text.lower()
            return CONTRACTIONS.get(w, c.lemma.lower() if c.lemma else w)
        return None

    def actors_in(self, idxs: list[int]) -> list[Entity]:
        seen: list[Entity] = []
        for k in idxs:
            for e in self.actors_all.get(k, ()):
                if e not in seen:
                    seen.append(e)
        return seen

    def with_conj(self, i: int) -> list[int]:
        """``i`` and the heads of its coordinated conjuncts ("X und Y")."""
        out, stack = [i], [i]
        while stack:
            k = stack.pop()
            for c in self.kids(k, {"conj"}):
                out.append(c.i)
                stack.append(c.i)
        return out

    def arg_actors(self, i: int) -> list[Entity]:
        idxs: list[int] = []
        for h in self.with_conj(i):
            idxs += self.subtree(h)
        return self.actors_in(sorted(set(idxs)))


def _repaired_heads(tokens: list[Token], toks: dict[int, Token], datelines: set[int] = frozenset()
                    ) -> dict[int, int]:
    """Token -> head, with two repairs for a weak parser. A dateline ("Jerusalem – ...") governs
    nothing: what the parser hung on it belongs to the dateline's own head. A subject hung on a
    nominal that is no copular predicate belongs to the verb governing that nominal, if the verb
    has no subject ("erschossen israelische Soldaten ... eine Palästinenserin" with Soldaten ->
    Palästinenserin)."""
    heads = {t.i: t.head for t in tokens}
    for t in tokens:
        if t.head in datelines and t.i not in datelines and t.dep != "punct":
            up = t.head  # climb out of a multi-word dateline ("Tel Aviv –")
            while up in datelines and up in toks and toks[up].head != up:
                up = toks[up].head
            heads[t.i] = up if up in toks and up not in datelines else t.i
    subj_of = {heads[t.i] for t in tokens if t.dep.split(":")[0] == "nsubj" and t.i not in datelines}
    cop_of = {t.head for t in tokens if t.dep == "cop"}
    for t in tokens:
        if t.dep.split(":")[0] != "nsubj" or t.i in datelines:
            continue
        nominal = toks.get(heads[t.i])
        if nominal is None or nominal.i == t.i or nominal.pos not in ("NOUN", "PROPN") or nominal.i in cop_of:
            continue
        verb = toks.get(heads[nominal.i])
        if verb is None or verb.i == nominal.i or verb.pos not in ("VERB", "AUX") or verb.i in subj_of:
            continue
        heads[t.i] = verb.i
        subj_of.add(verb.i)
    return heads


def _lemma_forms(tok: Token, lang: str) -> set[str]:
    """The parser's lemma and the lookup table's lemma of ``tok``, lower-cased: a verb matches a
    word list when either does."""
    return {(tok.lemma or "").lower(), lookup_lemma(tok.text, lang).lower()}


def _lemmas(tok: Token, lang: str) -> list[str]:
    out = []
    cands = [tok.lemma, tok.text, lookup_lemma(tok.text, lang)]
    if lang == "de" and tok.pos == "ADJ" and tok.text[:1].islower():
        # attributive participles: "festgenommener", "angedrohte" -> festgenommen -> festnehmen
        for end in ("er", "en", "em", "es", "e"):
            if tok.text.endswith(end) and len(tok.text) > len(end) + 4:
                cands.append(lookup_lemma(tok.text[: -len(end)], lang))
                break
    for cand in cands:
        if cand:
            low = cand.lower()
            if low not in out:
                out.append(low)
    return out


def _title_case(v: SentView) -> bool:
    """A headline in title case ("Russia Launches Attack On Kyiv"): capitals say nothing there."""
    if v.title_case is None:
        v.title_case = title_case([t.text for t in v.toks.values() if t.text[:1].isalpha()])
    return v.title_case


def _singulars(word: str, min_len: int = 3) -> list[str]:
    """Stems of a plural the lemmatizer may have left alone ("Truppen" -> Truppe, Trupp)."""
    return [word[: -len(x)] for x in ("en", "n", "e", "s") if word.endswith(x) and len(word) > len(x) + min_len]


def _auxiliaries(v: SentView, tok: Token) -> list[Token]:
    """The auxiliaries and modals attached to ``tok`` ("will", "would", "werde", "wants" as aux)."""
    return [a for a in v.kids(tok.i) if a.dep.startswith("aux") or a.pos == "AUX"]


def _zu_infinitive(v: SentView, tok: Token) -> bool:
    """A zu/to-infinitive: "zu verhandeln", "anzugreifen", "to release"."""
    return any(k.text.lower() in ("zu", "to") for k in v.kids(tok.i)) or "zu" in tok.text.lower()[2:-3]


@lru_cache(maxsize=100_000)
def _compound_match(word: str, options: tuple[str, ...]) -> bool:
    """``word`` is one of ``options`` or a compound ending in one, also in a plural the
    lemmatizer left alone ("US-Kampfjets" ~ Kampfjet, "Truppen" ~ Truppe)."""
    w = word.lower()
    forms = [w, *_singulars(w)]
    return any(
        f == o.lower() or (f.endswith(o.lower()) and len(f) > len(o) + 2) for f in forms for o in options
    )


class Coder:
    """Codes the events of one document with the lexicon of its language."""

    def __init__(self, lang: str):
        self.lang = lang if lang in ("de", "en") else "de"
        self.lex: Lexicon = default_lexicon(self.lang)
        self.cues: FlagCues = default_flags(self.lang)
        self.speech = self.cues.speech_verbs | REPORT_VERBS  # who only reports is no party

    # -- triggers --------------------------------------------------------------------------
    def _participle_roles(self, v: SentView, tok: Token) -> tuple[list[Entity], list[Entity], str]:
        """ "ein in Nordkorea festgenommener US-Student": the modified noun undergoes the event; an
        agent ("von"/"durch") inside the participle phrase performs it."""
        head = v.head_of(tok.i)
        # only people undergo the event ("festgenommener US-Student"); "die verbotene Organisation" is a status
        target = [a for a in (v.actors_in([head.i]) if head is not None else []) if not a.rule.startswith("kb:org")]
        source = [a for o in v.kids(tok.i, OBL_DEPS) if v.case_of(o.i) in AGENT_PREPS for a in v.arg_actors(o.i)]
        return source, target, "participle"

    def _is_actor_noun(self, tok: Token) -> bool:
        """ "Demonstranten", "peacekeepers": words naming people are actors, never triggers."""
        from ..actors.kb import default_kb

        words = default_kb().sector_words
        return any(w in words for w in (tok.text.lower(), (tok.lemma or "").lower()))

    def _senses(self, v: SentView, tok: Token) -> list[tuple[Trigger, set[int]]]:
        """Lexicon senses that apply to ``tok`` with the tokens their constraints consumed."""
        if tok.pos in ("NOUN", "PROPN") and self._is_actor_noun(tok):
            return []
        lex = self.lex
        pos = tok.pos
        if pos == "VERB" and tok.dep in SUBJ_DEPS | PASS_SUBJ_DEPS and not v.kids(tok.i, SUBJ_DEPS | OBJ_DEPS):
            pos = "NOUN"  # a "verb" the parser made a subject is a noun ("Demand for oil fell")
        lemmas = _lemmas(tok, self.lang)
        particles = [p for p in v.kids(tok.i, PARTICLE_DEPS)]
        if self.lang == "de" and pos in ("VERB", "AUX"):
            # our German model labels separable particles plain "compound" ("legte ... nieder")
            particles += [
                p
                for p in v.kids(tok.i, {"compound"})
                if p.i > tok.i
                and (p.pos in ("ADP", "ADV", "PART") or p.text.lower() in _PARTICLES)
                and p not in particles
            ]
        if self.lang == "en" and pos in ("VERB", "AUX"):
            # our English model drops dependency subtypes: "stepped down" has "down" as plain compound
            particles += [
                p
                for p in v.kids(tok.i, {"compound", "prt", "advmod"})
                if p.i > tok.i and p.pos in ("ADP", "ADV", "PART") and p.text.lower() in EN_PARTICLES
                and p not in particles
            ]
        if self.lang == "de" and pos in ("VERB", "AUX"):
            # a separated particle the parser missed: "wies ... zurück" with "zurück" as ADV/ADP at clause end
            particles += [
                p
                for p in v.kids(tok.i)
                if p.pos in ("ADP", "ADV", "PART")
                and p.dep not in ("case",)
                and p.i > tok.i
                and p.text.lower() in _PARTICLES
                and p not in particles
            ]
            # a particle closing the main clause, whatever the parser made of it ("greift ... an.")
            if "VerbForm=Fin" in tok.morph or "Mood=Ind" in tok.morph:
                clause, _ = self._clause(v, tok)
                last = v.toks[clause[-1]] if clause else None
                if (
                    last is not None
                    and last.i > tok.i
                    and last.text.lower() in _PARTICLES
                    and last not in particles
                    and not v.kids(last.i)
                ):
                    particles.append(last)
        entries: list[Trigger] = []
        consumed_part: set[int] = set()
        if pos in ("VERB", "AUX", "ADJ"):
            for lem in lemmas:
                for e in lex.lookup(lem):
                    # adjective senses ("bereit") only for adjectives, never for a verb ("bereiten")
                    if e.pos not in ("VERB", "ADJ") or (e.pos == "ADJ" and pos != "ADJ"):
                        continue
                    if e.particle:
                        ps = [p for p in particles if p.text.lower() == e.particle.lower()]
                        if not ps:
                            continue
                        consumed_part |= {p.i for p in ps}
                    elif particles and self.lang == "de":
                        joined = [e2 for p in particles for e2 in lex.lookup(p.text.lower() + lem) if not e2.particle]
                        if joined or any(p.dep in PARTICLE_DEPS or p.dep == "compound" for p in particles):
                            continue  # "beschwor ... herauf" is heraufbeschwören, not beschwören
                    entries.append(e)
                for p in particles:
                    for e in lex.lookup(p.text.lower() + lem):
                        if not e.particle and e.pos == "VERB":
                            entries.append(e)
                            consumed_part.add(p.i)
        elif pos in ("NOUN", "PROPN"):
            prev = v.toks.get(tok.i - 1)
            if (
                self.lang == "de"
                and prev is not None
                and prev.text[:1].isupper()
                and prev.text.endswith("er")
                and prev.pos in ("ADJ", "PROPN", "NOUN")
                and lookup_lemma(prev.text, "de") == prev.text  # no inflected common noun ("Bauer")
                and not self._is_actor_noun(prev)
            ):
                return []  # a named treaty or alliance: "Warschauer Pakt", "Minsker Abkommen"
            if self.lang == "en" and tok.text[:1].isupper() and tok.i != v.order[0] and not _title_case(v):
                return []  # part of a name: "the Mutual Defense Treaty", "the Paris Agreement"
            for lem in lemmas:
                entries += [e for e in lex.lookup(lem) if e.pos == "NOUN"]
            if not entries and tok.text[:1].isupper():
                entries = [e for e in lex.compound(tok.text) if e.pos == "NOUN"]
                if not entries and self.lang == "de":
                    # plural compounds the lemmatizer left alone ("Vergeltungsangriffen", "Massenproteste")
                    for stem in _singulars(tok.text) if len(tok.text) > 6 else []:
                        entries = [e for e in lex.lookup(stem) + lex.compound(stem) if e.pos == "NOUN"]
                        if entries:
                            break
        out = []
        seen = set()
        for e in entries:
            if id(e) in seen:
                continue
            seen.add(id(e))
            ok, used = self._constraints(v, tok, e)
            if ok:
                out.append((e, used | consumed_part))
        return out

    def _constraints(self, v: SentView, tok: Token, e: Trigger) -> tuple[bool, set[int]]:
        used: set[int] = set()
        scope = v.subtree(tok.i, stop_at_clauses=False) if e.pos == "NOUN" else v.subtree(tok.i)
        if e.pos == "VERB":
            for x in v.kids(tok.i, {"xcomp"}):
                scope += v.subtree(x.i)
        if e.reflexive and not any(v.toks[k].text.lower() in REFLEXIVES for k in scope):
            return False, used
        if e.object:
            hits = [
                k
                for k in scope
                if k != tok.i and any(_compound_match(lm, e.object) for lm in _lemmas(v.toks[k], self.lang))
            ]
            if not hits and e.pos == "VERB":
                # the parse lost the object: look in the verb's clause ("werden unterzeichnen mehrere Dokumente")
                clause, _ = self._clause(v, tok)
                hits = [
                    k
                    for k in clause
                    if k != tok.i
                    and v.toks[k].pos in ("NOUN", "PROPN")
                    and any(_compound_match(lm, e.object) for lm in _lemmas(v.toks[k], self.lang))
                ]
            if not hits:
                return False, used
            used |= set(hits)
        if e.prep:
            ok = False
            for k in scope:
                t = v.toks[k]
                word = CONTRACTIONS.get(t.text.lower(), t.text.lower())
                if t.pos == "ADP" and word == e.prep.lower():
                    head = v.head_of(t.i)
                    if not e.prep_object:
                        ok = True
                        break
                    if head is not None and any(_compound_match(lm, e.prep_object) for lm in _lemmas(head, self.lang)):
                        ok = True
                        used.add(head.i)
                        break
            if not ok:
                return False, used
        elif e.prep_object:
            hits = [k for k in scope if any(_compound_match(lm, e.prep_object) for lm in _lemmas(v.toks[k], self.lang))]
            if not hits:
                return False, used
            used |= set(hits)
        return True, used

    # -- roles -----------------------------------------------------------------------------
    def _is_passive(self, v: SentView, tok: Token) -> bool:
        if v.kids(tok.i, PASS_SUBJ_DEPS) or any(k.dep == "aux:pass" for k in v.kids(tok.i)):
            return True
        if (
            self.lang == "de"
            and tok.text.lower().endswith("t")
            and any((k.lemma or "").lower() == "werden" and k.dep.startswith("aux") for k in v.kids(tok.i))
        ):
            return True  # "werde ... unterstützt": a participle the tagger took for a finite verb
        if self.lang == "de" and _participle(tok):
            aux = [k for k in v.kids(tok.i) if k.pos == "AUX" or k.dep.startswith(("aux", "cop"))]
            head = v.head_of(tok.i)
            if tok.dep == "conj" and head is not None and not aux:
                return self._is_passive(v, head)
            if any(
                (k.lemma or "").lower() == "haben" or k.text.lower() in ("hat", "haben", "hatte", "hatten") for k in aux
            ):
                return False
            if any((k.lemma or "").lower() == "werden" or k.text.lower() == "worden" for k in aux):
                return True
            if any((k.lemma or "").lower() == "sein" for k in aux):
                # "sind gelandet", "ist zurückgetreten": the perfect of verbs of motion and change
                lemmas = {(tok.lemma or "").lower(), lookup_lemma(tok.text, "de").lower()}
                return not any(lm.endswith(SEIN_PERFECT) for lm in lemmas)
            # headline style without any auxiliary: "Zwei Palästinenser erschossen" -- but a verb with a
            # subject and an object is the active past ("erschossen israelische Soldaten eine Frau")
            if v.kids(tok.i, SUBJ_DEPS) and v.kids(tok.i, OBJ_DEPS):
                return False
            return not aux and tok.dep in ("root", "ROOT", "conj")
        if self.lang == "en" and "VerbForm=Part" in tok.morph and "Tense=Past" in tok.morph:
            aux = [k for k in v.kids(tok.i) if k.dep.startswith("aux")]
            if not aux and tok.tag == "VBN" and tok.dep not in ("root", "ROOT", "conj"):
                return True  # "a Hamas member jailed a year ago", "victims killed by the crash"
            return any((k.lemma or "").lower() == "be" for k in aux)
        return False

    def _verb_roles(self, v: SentView, tok: Token, e: Trigger) -> tuple[list[Entity], list[Entity], str]:
        rule = "dep"
        passive = self._is_passive(v, tok)
        source: list[Entity] = []
        target: list[Entity] = []
        subj = v.kids(tok.i, SUBJ_DEPS | PASS_SUBJ_DEPS)
        # a subject the parser hung on the auxiliary ("Nordkorea ... haben ... zurückgewiesen")
        for aux in v.kids(tok.i):
            if aux.pos == "AUX" or aux.dep.startswith("aux"):
                subj += [k for k in v.kids(aux.i, SUBJ_DEPS | PASS_SUBJ_DEPS) if k not in subj]
        subj_actors = [a for s in subj for a in v.arg_actors(s.i)]
        if self.lang == "de" and subj and all(_oblique_case(v, s) for s in subj):
            # the parser's subject is accusative/dative ("einen britischen Pressebericht"): trust case
            nominative = self._nominative_actors(v, tok, exclude={s.i for s in subj})
            if nominative:
                subj_actors = nominative
                rule = "dep+case"
        zu_infinitive = self.lang == "de" and not subj and _zu_infinitive(v, tok)
        if not subj_actors and not passive and self.lang == "de" and not zu_infinitive:
            # (a zu-infinitive has no subject of its own: its controller is found below)
            nominative = self._nominative_actors(v, tok, exclude=set()) or self._first_bare_np(v, tok)
            if not nominative:
                # a subject the parser hung on the auxiliary as an object ("haben tausende Ungarn ...")
                nominative = [
                    a
                    for aux in v.kids(tok.i)
                    if aux.pos == "AUX"
                    for o in v.kids(aux.i, OBJ_DEPS)
                    if v.case_of(o.i) is None and not _oblique_case(v, o)
                    for a in v.arg_actors(o.i)
                ]
            if nominative:
                subj_actors, rule = nominative, "dep+case"
        if passive:
            target = subj_actors
            for o in v.kids(tok.i, OBL_DEPS | OBJ_DEPS):
                prep = v.case_of(o.i)
                if prep in AGENT_PREPS or o.dep == "obl:agent":
                    source = v.arg_actors(o.i)
                elif not target and prep is None and "Case=Dat" not in o.morph:
                    target = v.arg_actors(o.i)  # nominative subject parsed as obl/obj
            if not target and tok.dep == "conj":
                head = v.head_of(tok.i)
                if head is not None:
                    target = [a for s in v.kids(head.i, SUBJ_DEPS | PASS_SUBJ_DEPS) for a in v.arg_actors(s.i)]
            rule = "dep:passive"
            if e.type == "MOBILIZE" and target:
                # "Kampfjets wurden von Spangdahlem nach Polen verlegt": the moved forces stand for
                # who moves them; "von" names where they come from, the frame where they go
                source, target = target, self._frame_targets(v, tok, e)
        else:
            source = subj_actors
            target = self._frame_targets(v, tok, e)
            if not target and "none" not in e.target:
                # the lexicon's frame found nothing: any object the parse gives
                target = [a for o in v.kids(tok.i, OBJ_DEPS | IOBJ_DEPS) for a in v.arg_actors(o.i) if a not in source]
            if not target and e.type in ("PROTEST", "ACCUSE", "THREATEN", "SANCTION", "ASSAULT"):
                target = [
                    a
                    for o in v.kids(tok.i, OBL_DEPS)
                    if v.case_of(o.i) in ("gegen", "against")
                    for a in v.arg_actors(o.i)
                ] or self._gegen_in_clause(v, tok, source)
        if e.source_role.startswith("prep:"):
            p = e.source_role.split(":", 1)[1]
            giver = [a for o in self._pps(v, tok, p) for a in v.arg_actors(o.i)]
            if giver:
                source, target = giver, (source or target)
        if not source and not passive:
            # (a passive names its agent with "von"/"durch" or not at all: no controller, no guessing)
            source, how = self._controller(v, tok)
            if source:
                rule += f"+{how}"
        if not target and passive:
            target = self._positional_source(v, tok)
            if target:
                rule += "+position"
        if not source and not passive and not (subj and self.lang == "de"):
            # only when the parse found no subject at all ("Kritiker werfen X vor": the subject is
            # there but uncoded, and an actor further on must not take its place)
            source = self._positional_source(v, tok)
            if source:
                rule += "+position"
        if not target and "none" not in e.target and not passive:
            target = self._positional_target(v, tok, source)
            if target:
                rule += "+position"
        return source, target, rule

    def _first_bare_np(self, v: SentView, tok: Token) -> list[Entity]:
        """With two or more bare noun phrases and no subject, the first one whose article is not
        unambiguously accusative/dative is the subject ("hat die Kommission einen Bericht ...")."""
        bare = [
            c
            for c in v.kids(tok.i, OBJ_DEPS | IOBJ_DEPS | OBL_DEPS)
            if v.case_of(c.i) is None and c.pos in ("NOUN", "PROPN")
        ]
        if len(bare) < 2:
            return []
        for c in sorted(bare, key=lambda t: t.i):
            dets = {d.text.lower() for d in v.kids(c.i, {"det"})}
            if dets & OBLIQUE_DETERMINERS:
                continue
            actors = v.actors_in(self._np_without_pps(v, c.i))
            if actors:
                return actors
        return []

    def _gegen_in_clause(self, v: SentView, tok: Token, source: list[Entity]) -> list[Entity]:
        """ "protestierten ... gegen die Regierung" with the PP attached elsewhere: the first actor
        after "gegen"/"against" in the trigger's clause."""
        clause, _ = self._clause(v, tok)
        for j, k in enumerate(clause):
            if v.toks[k].text.lower() in ("gegen", "against"):
                for m in clause[j + 1 : j + 8]:
                    a = v.actor_at.get(m)
                    if a is not None and a not in source:
                        return [a]
        return []

    def _nominative_actors(self, v: SentView, tok: Token, exclude: set[int]) -> list[Entity]:
        """Actors heading a nominative dependent of ``tok`` (German case from the morphologizer)."""
        for c in v.kids(tok.i):
            if c.i in exclude or v.case_of(c.i) is not None or c.pos not in ("NOUN", "PROPN", "PRON"):
                continue
            if not _oblique_case(v, c) and (
                "Case=Nom" in c.morph or any("Case=Nom" in d.morph for d in v.kids(c.i, {"det"}))
            ):
                actors = v.arg_actors(c.i)
                if actors:
                    return actors
        return []

    def _frame_targets(self, v: SentView, tok: Token, e: Trigger) -> list[Entity]:
        for slot in e.target:
            found: list[Entity] = []
            if slot == "none":
                return []
            if slot == "obj":
                found = [a for o in v.kids(tok.i, OBJ_DEPS) for a in v.arg_actors(o.i)]
                if not found:  # German accusative NPs parsed as obl without preposition
                    found = [
                        a
                        for o in v.kids(tok.i, OBL_DEPS)
                        if v.case_of(o.i) is None and "Case=Acc" in o.morph
                        for a in v.arg_actors(o.i)
                    ]
            elif slot == "iobj":
                found = [a for o in v.kids(tok.i, IOBJ_DEPS) for a in v.arg_actors(o.i)]
                if not found:
                    found = [
                        a
                        for o in v.kids(tok.i, OBL_DEPS | OBJ_DEPS)
                        if v.case_of(o.i) is None and "Case=Dat" in o.morph
                        for a in v.arg_actors(o.i)
                    ]
            elif slot == "subj":
                found = [a for s in v.kids(tok.i, SUBJ_DEPS) for a in v.arg_actors(s.i)]
            elif slot.startswith("prep:"):
                p = slot.split(":", 1)[1]
                for o in self._pps(v, tok, p):
                    found += v.arg_actors(o.i) or self._places_in(v, v.subtree(o.i))
            if found:
                return found
        return []

    def _state_where(self, v: SentView, tok: Token) -> Entity | None:
        """A state or its capital named with "in" in the trigger's clause ("in Nordkorea")."""
        clause, _ = self._clause(v, tok)
        for k in clause:
            e = v.place_at.get(k) or v.actor_at.get(k)
            if e is None or not e.code or len(e.code) != 3 or e.sector not in (None, "GOV"):
                continue
            prev = v.toks.get(_entity_first(v, k) - 1)
            if prev is not None and prev.text.lower() in ("in", "im"):
                return e
        return None

    def _pps(self, v: SentView, tok: Token, prep: str) -> list[Token]:
        """Phrases with preposition ``prep`` on the verb, or on its object where the parser often
        hangs them ("fired batteries at Russia", "received weapons from Germany")."""
        on_verb = [o for o in v.kids(tok.i, OBL_DEPS | OBJ_DEPS) if v.case_of(o.i) == prep]
        if on_verb:
            return on_verb
        return [o for ob in v.kids(tok.i, OBJ_DEPS) for o in v.kids(ob.i, OBL_DEPS) if v.case_of(o.i) == prep]

    def _places_in(self, v: SentView, idxs: list[int]) -> list[Entity]:
        seen: list[Entity] = []
        for k in idxs:
            e = v.place_at.get(k)
            if e is not None and e.code and e not in seen:
                seen.append(e)
        return seen

    def _accusation_verb_before(self, v: SentView, tok: Token) -> int | None:
        """Index of an accusation verb governing a zu-infinitive ``tok``, found by word order."""
        if "VerbForm=Inf" not in tok.morph and not any(k.text.lower() == "zu" for k in v.kids(tok.i)):
            return None
        for k in reversed([j for j in v.order if j < tok.i]):
            t = v.toks[k]
            if t.text in (".", ";"):
                break
            if _lemma_forms(t, self.lang) & ACCUSATION_VERBS:
                return k
        return None

    def _accused_before(self, v: SentView, tok: Token) -> list[Entity]:
        """For a zu-infinitive after an accusation verb, whatever the parse: the actor right after
        the verb is the accused ("warfen Nordkorea vor, Russland Munition zu liefern")."""
        k = self._accusation_verb_before(v, tok)
        if k is None:
            return []
        after = [j for j in v.order if k < j < tok.i and j in v.actor_at]
        return [v.actor_at[after[0]]] if after else []

    def _announced(self, v: SentView, tok: Token) -> bool:
        """The trigger has a future or volitional auxiliary: "will not", "would not", "werde keine"."""
        if any(a.text.lower() in REFUSAL_AUX for a in _auxiliaries(v, tok)):
            return True
        # word order backs a weak parse ("werde keine ... liefern")
        return self.lang == "de" and _infinitive(tok, "de") and self._clause_has(v, tok, REFUSAL_AUX)

    def _clause_has(self, v: SentView, tok: Token, words: set[str]) -> bool:
        """Another word of the trigger's clause (by German word order) is one of ``words``."""
        clause_idx, _ = self._clause(v, tok)
        return any(v.toks[k].text.lower() in words for k in clause_idx if k != tok.i)

    def _intends(self, v: SentView, tok: Token) -> bool:
        """The trigger verb is what its subject wants or plans: "wants to attack", "will angreifen"."""
        if tok.pos != "VERB":
            return False
        if any((a.lemma or "").lower() in HOSTILE_INTENT_LEMMAS for a in _auxiliaries(v, tok)):
            return True
        head = v.head_of(tok.i)
        return bool(
            head is not None
            and tok.dep.startswith(("xcomp", "ccomp"))
            and _lemma_forms(head, self.lang) & HOSTILE_INTENT_LEMMAS
            and not v.kids(head.i, OBJ_DEPS | IOBJ_DEPS)
        )

    def _controller(self, v: SentView, tok: Token) -> tuple[list[Entity], str]:
        """Subject of a non-finite clause from its governor: object control ("warf dem Norden vor,
        ... zu liefern" -> the Norden) or subject control ("versucht, ... zu ...")."""
        accused = self._accused_before(v, tok)
        if accused:
            return accused, "object-control"
        t = tok
        shared = tok.pos in ("NOUN", "PROPN") and self._own_or_shared(v, tok)
        for _ in range(3):
            head = v.head_of(t.i)
            if head is None:
                return [], ""
            if t.dep in ("xcomp", "ccomp", "advcl", "acl", "conj") or t.dep.startswith(("xcomp", "advcl")):
                if t.dep == "conj":
                    subj = [a for s in v.kids(head.i, SUBJ_DEPS) for a in v.arg_actors(s.i)]
                    if subj:
                        return subj, "conj-subject"
                    t = head
                    continue
                head_lemmas = _lemma_forms(head, self.lang)
                if head_lemmas & (ACCUSATION_LEMMAS | OBJECT_CONTROL_LEMMAS):
                    # object control: the accused / the one asked is the embedded clause's subject
                    objs = [
                        a
                        for o in v.kids(head.i, IOBJ_DEPS | OBL_DEPS | OBJ_DEPS)
                        if v.case_of(o.i) is None and o.i != t.i
                        for a in v.arg_actors(o.i)
                    ]
                    if objs:
                        return objs, "object-control"
                subj = [a for s in v.kids(head.i, SUBJ_DEPS) for a in v.arg_actors(s.i)]
                if subj:
                    return subj, "subject-control"
                return [], ""
            if tok.pos in ("NOUN", "PROPN") and head.pos in ("VERB", "AUX"):
                prep = v.case_of(t.i)
                governor = _lemma_forms(head, self.lang)
                governor |= {  # separable verbs: "nahm ... auf" -> aufnehmen
                    p.text.lower() + g
                    for p in v.kids(head.i, PARTICLE_DEPS | {"compound"})
                    if p.pos in ("ADP", "ADV", "PART")
                    for g in list(governor)
                }
                # climbing out of a noun phrase ("begannen eine Serie von Angriffen") passes on the
                # subject, unless the verb only says, fears or weighs it ("Experten befürchten eine
                # Zunahme von Angriffen")
                reports = governor & (REPORT_VERBS | WEIGHING_VERBS)
                support = bool(governor & LIGHT_VERBS) or (t.i != tok.i and not reports)
                light = (
                    (t.dep in OBJ_DEPS and support)
                    or (t.dep in OBL_DEPS and prep in ("zu", "zum", "zur", "for", "on", "in") and support)
                    or shared
                )
                if not light:
                    return [], ""
                subj = [a for s in v.kids(head.i, SUBJ_DEPS) for a in v.arg_actors(s.i)]
                if subj:
                    suffer = (head.lemma or "").lower() in ("erleiden", "suffer", "überleben", "survive")
                    return subj, "governor-subject" if not suffer else ""
            t = head
        return [], ""

    def _own_or_shared(self, v: SentView, tok: Token) -> bool:
        """An event noun whose agent is the clause subject although it is no object of the verb:
        a possessive ("nach seiner Begegnung mit X zeigte sich Y ...": Y met X) or a meeting or
        clash with a partner in a temporal PP ("bei einem Treffen mit X", "bei Zusammenstößen
        mit Y")."""
        if any("Poss=Yes" in d.morph for d in v.kids(tok.i, {"det", "det:poss", "nmod:poss"})):
            return True
        if v.case_of(tok.i) not in TEMPORAL_PREPS:
            return False
        partner = [c for c in v.kids(tok.i) if v.case_of(c.i) in ("mit", "with")]
        if not partner:
            order = v.order
            k = order.index(tok.i) if tok.i in order else -1
            nxt = v.toks[order[k + 1]] if 0 <= k < len(order) - 1 else None
            partner = [nxt] if nxt is not None and nxt.text.lower() in ("mit", "with") else []
        return bool(partner)

    def _clause(self, v: SentView, tok: Token) -> tuple[list[int], bool]:
        """Token indices of the clause around ``tok`` (between commas/subordinators) and whether
        the trigger stands at its end (German verb-final subordinate clause)."""
        order = v.order
        k = order.index(tok.i)
        a = k
        while a > 0:
            t = v.toks[order[a - 1]]
            if t.text in (",", ";", ":", "–", "—") or "PronType=Rel" in t.morph or t.text.lower() in SUBORDINATORS:
                break
            a -= 1
        b = k + 1
        while b < len(order):
            t = v.toks[order[b]]
            if t.text in (",", ";", ":", ".", "–", "—", "!", "?"):
                break
            b += 1
        rest = [v.toks[order[j]] for j in range(k + 1, b)]
        verb_final = self.lang == "de" and all(
            t.pos in ("AUX", "PART", "ADP", "ADV") or t.dep in PARTICLE_DEPS for t in rest
        )
        subordinate = a > 0
        return order[a:b], verb_final and subordinate

    def _reporters(self, v: SentView) -> set[int]:
        """Tokens of actors who only report ("berichteten russische Nachrichtenagenturen", "sagte X"):
        subjects of speech verbs and the actor right after one. They are no party to the event."""
        if v.reporters is not None:
            return v.reporters
        speech = self.speech
        out: set[int] = set()
        for t in v.toks.values():
            if _lemma_forms(t, self.lang) & speech and t.pos in ("VERB", "AUX"):
                for s in v.kids(t.i, SUBJ_DEPS):
                    out |= set(v.subtree(s.i))
                nxt = [k for k in v.order if k > t.i][:3]
                for k in nxt:
                    if k in v.actor_at:
                        e = v.actor_at[k]
                        out |= {j for j in v.order if j in v.actor_at and v.actor_at[j] is e}
                        break
        out |= self._attributions(v)
        v.reporters = out
        return out

    def _attributions(self, v: SentView) -> set[int]:
        """Tokens of sources named in an attribution ("nach palästinensischen Angaben", "laut
        Polizei", "dem Sender zufolge", "according to officials"): they vouch, they do not act."""
        if v.attributions is not None:
            return v.attributions
        out: set[int] = set()
        order = v.order
        for k, i in enumerate(order):
            word = v.toks[i].text.lower()
            span: list[int] = []
            if word in ("laut", "according") or (
                word == "nach" and any(v.toks[j].text.lower() in ATTRIBUTION_NOUNS for j in order[k + 1 : k + 4])
            ):
                span = order[k + 1 : k + 7]
            elif word == "zufolge":
                span = order[max(0, k - 1) : k]  # "dem Sender zufolge": the word right before
            for j in span:
                if j in v.actor_at:
                    e = v.actor_at[j]
                    out |= {m for m in order if v.actor_at.get(m) is e}
                    if word != "zufolge":
                        break
        v.attributions = out
        return out

    def _positional_source(self, v: SentView, tok: Token) -> list[Entity]:
        """German word order: in a verb-final clause the first actor is the subject; otherwise the
        nearest actor before the trigger (nominative preferred)."""
        clause, verb_final = self._clause(v, tok)
        reporters = self._reporters(v)
        in_clause = [k for k in clause if k in v.actor_at and k != tok.i and k not in reporters]
        if verb_final and in_clause:
            nom = [k for k in in_clause if "Case=Nom" in v.toks[k].morph]
            return [v.actor_at[(nom or in_clause)[0]]]
        before = [k for k in (in_clause or v.order) if k < tok.i and k in v.actor_at and k not in reporters]
        if not before:
            return []
        nom = [k for k in before if "Case=Nom" in v.toks[k].morph]
        return [v.actor_at[(nom or before)[-1]]]

    def _positional_target(self, v: SentView, tok: Token, source: list[Entity]) -> list[Entity]:
        clause, verb_final = self._clause(v, tok)
        reporters = self._reporters(v)
        cands = [
            k for k in clause if k in v.actor_at and v.actor_at[k] not in source and k != tok.i and k not in reporters
        ]
        if not cands:
            return []
        oblique = [k for k in cands if "Case=Dat" in v.toks[k].morph or "Case=Acc" in v.toks[k].morph]
        if verb_final:
            return [v.actor_at[(oblique or cands)[0]]]
        after = [k for k in (oblique or cands) if k > tok.i]
        pick = after[0] if after else None
        if pick is None:
            close = [k for k in (oblique or cands) if abs(k - tok.i) <= 6]
            pick = close[-1] if close else None
        return [v.actor_at[pick]] if pick is not None else []

    def _np_without_pps(self, v: SentView, i: int) -> list[int]:
        """Tokens of the noun phrase headed by ``i``, leaving out its prepositional modifiers."""
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            for c in v.children.get(k, []):
                t = v.toks[c]
                if t.dep in CLAUSE_DEPS or (c != i and v.case_of(c) is not None):
                    continue
                stack.append(c)
        return sorted(out)

    def _noun_roles(self, v: SentView, tok: Token, e: Trigger) -> tuple[list[Entity], list[Entity], str]:
        source: list[Entity] = []
        target: list[Entity] = []
        rule = "noun"
        for c in v.kids(tok.i):
            prep = v.case_of(c.i)
            if c.text.lower().startswith("anti") and c.i < tok.i and v.actors_in([c.i]):
                target += v.actors_in([c.i])  # "anti-chinesische Proteste": China is the target
                continue
            if c.dep == "amod":
                actors = v.actors_in([c.i])
            elif prep is None:
                actors = v.actors_in(self._np_without_pps(v, c.i))  # "der Truppen in die X": X is no possessor
            else:
                actors = v.arg_actors(c.i)
            if not actors and c.dep != "amod":
                if prep and any(slot == f"prep:{prep}" for slot in e.target):
                    target += self._places_in(v, v.subtree(c.i))
                continue
            if prep in ("durch", "by"):
                against = [g for g in v.kids(tok.i) if v.case_of(g.i) in ("gegen", "against") and g.i < c.i]
                if e.type == "PROTEST" and against:
                    target += actors  # "Proteste gegen die Reform durch die Regierung": the reform's author
                else:
                    source += actors  # "Abschiebung ... durch Thailand": the agent
                continue
            if prep in ("von", "of") and e.type in AFFECTING_TYPES:
                target += actors  # "Abschiebung von 100 Uiguren", "Festnahme von Journalisten"
                continue
            if (
                prep is None
                and c.dep not in ("amod", "det", "det:poss", "nmod:poss")
                and c.i > tok.i
                and e.type in AFFECTING_TYPES
                and tok.text.lower().endswith(PATIENT_NOUN_ENDINGS)
            ):
                target += actors  # "die Verurteilung des Bloggers": the genitive undergoes it
                continue
            if prep is None or prep in ("von", "of") and not any(slot == f"prep:{prep}" for slot in e.target):
                if (
                    prep is None and self.lang == "de" and c.i > tok.i and c.dep.startswith("nmod")
                    and any(d.text.lower() in NON_GENITIVE_DETS for d in v.kids(c.i, {"det"}))
                ):
                    continue  # "beim Angriff ... ein Mensch": no genitive, the parser's guess
                if (
                    c.dep in ("amod", "nmod", "nmod:poss", "det:poss", "det", "compound", "flat", "nsubj")
                    or c.dep.startswith("nmod")
                    or c.i < tok.i
                ):
                    source += actors
                continue
            if prep in ("zwischen", "between") and e.type in ("CONSULT", "COOPERATE", "AGREE", "ASSAULT"):
                source += actors  # "Zusammenarbeit zwischen Pjöngjang und Moskau": all are participants
                continue
            if any(slot == f"prep:{prep}" for slot in e.target) or prep in NOUN_TARGET_PREPS:
                target += actors
        # the agent inside the compound itself ("Polizeirazzia", "Armeeangriff")
        own = v.actor_at.get(tok.i)
        if not source and own is not None and own not in target and own.start == tok.start and own.end == tok.end:
            source = [own]
            rule += "+compound-agent"
        # adjective or genitive actor glued in front ("russisches Veto", "Putins Besuch")
        prev = v.toks.get(tok.i - 1)
        if (
            not source
            and prev is not None
            and prev.i in v.actor_at
            and v.actor_at[prev.i] not in target
            and not prev.text.lower().startswith("anti")
        ):
            source = [v.actor_at[prev.i]]
            rule += "+adjacent"
        # a state adjective as the agent of an event noun is its government ("türkische Hilfe")
        source = [_as_gov(a) if a.rule == "kb:adjective" and a.sector is None else a for a in source]
        if not target:
            # "die Invasion der Truppen in die Tschechoslowakei": the PP hangs on the genitive
            slots = {x.split(":", 1)[1] for x in e.target if x.startswith("prep:")}
            for c in v.kids(tok.i):
                if v.case_of(c.i) is None and c.i > tok.i:
                    for o in v.kids(c.i):
                        if v.case_of(o.i) in slots:
                            target += [a for a in v.arg_actors(o.i) or self._places_in(v, v.subtree(o.i))
                                       if a not in source]
            if target:
                rule += "+prep-of-genitive"
        if not source and e.type == "ASSAULT":
            # "ein Raketenangriff aus dem Gazastreifen": where the fire comes from is who fires
            for c in v.kids(tok.i):
                if v.case_of(c.i) in ("aus", "from"):
                    source = [a for a in v.arg_actors(c.i) or self._places_in(v, v.subtree(c.i)) if a not in target]
                    if source:
                        rule += "+origin"
                        break
        if not target:
            target = self._following_prep_actor(v, tok, source)
            if target:
                rule += "+prep-after"
        if not source:
            source, how = self._controller(v, tok)
            if source and how:
                rule += f"+{how}"
            elif not how:
                source = []
        if e.type in ("CONSULT",) and e.mode == "visit" and not target:
            head = v.head_of(tok.i)
            scope = v.subtree(head.i) if head is not None else v.subtree(tok.i)
            target = [p for p in self._places_in(v, scope) if all(p.code != s.code for s in source)]
            if target:
                rule += "+visit-place"
        return source, target, rule

    def _following_prep_actor(self, v: SentView, tok: Token, source: list[Entity]) -> list[Entity]:
        """ "Treffen mit dem türkischen Präsidenten", "Angriff auf Israel": the parser often hangs
        the PP on the verb; take an actor right after the noun behind a target preposition."""
        order = v.order
        k = order.index(tok.i) + 1 if tok.i in order else len(order)
        if k < len(order) and (
            CONTRACTIONS.get(v.toks[order[k]].text.lower(), v.toks[order[k]].text.lower()) in NOUN_TARGET_PREPS
        ):
            for j in order[k + 1 : k + 6]:
                a = v.actor_at.get(j)
                if a is not None and a not in source:
                    return [a]
                if v.toks[j].pos in ("VERB", "AUX", "PUNCT"):
                    break
        return []

    # -- flags -----------------------------------------------------------------------------
    def _clause_tokens(self, v: SentView, tok: Token) -> list[Token]:
        """Trigger, its governing verb(s) and their direct dependents: where flag cues sit."""
        chain = [tok]
        t = tok
        for _ in range(3):
            h = v.head_of(t.i)
            if h is None:
                break
            if t.pos in ("NOUN", "PROPN") or t.dep in ("xcomp", "conj"):
                chain.append(h)
                t = h
                continue
            break
        out = []
        for c in chain:
            out.append(c)
            out += v.kids(c.i)
        return out

    def _flags(self, v: SentView, tok: Token, e: Trigger, doc: Document,
               wish_is_event: bool = False) -> dict[str, bool]:
        cues = self.cues
        clause = self._clause_tokens(v, tok)
        words = {t.text.lower() for t in clause}
        lemmas = {(t.lemma or t.text).lower() for t in clause}
        flags = dict(negated=False, future=False, hypothetical=False, historical=False, alleged=False)
        neg = {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie", "niemals", "not", "n't", "never", "no"}
        if words & neg:
            flags["negated"] = True
        elif tok.pos == "VERB" and any(  # "hat keine Waffen geliefert", "sent no troops"
            d.text.lower() in neg for o in v.kids(tok.i, OBJ_DEPS) for d in v.kids(o.i) if d.dep == "det"
        ):
            flags["negated"] = True
        auxes = [t for t in clause if t.dep.startswith("aux") or t.pos == "AUX"]
        for a in auxes:
            w, lem = a.text.lower(), (a.lemma or "").lower()
            host = v.head_of(a.i)
            if (
                (lem == "werden" or w in FUTURE_AUX)
                and host is not None
                and w not in ("würde", "würden")
                and _infinitive(host, self.lang)
            ):
                flags["future"] = True
            if w in HYPO_AUX or ("Mood=Sub" in a.morph and lem in ("werden", "können", "mögen", "dürfen")):
                flags["hypothetical"] = True
            if lem in HEARSAY_MODALS and self.lang == "de" and any(t.lemma == "haben" for t in clause):
                flags["alleged"] = True
        if not flags["future"] and self.lang == "de" and tok.pos in ("VERB", "ADJ", "AUX") and _infinitive(tok, "de"):
            # word order backs a weak parse: "wird am Dienstag eintreffen" (werden ... infinitive in one clause)
            if self._clause_has(v, tok, WERDEN_FORMS):
                flags["future"] = True
        if words & {
            "möglich",
            "möglicher",
            "mögliche",
            "möglichen",
            "möglicherweise",
            "eventuell",
            "potenziell",
            "possible",
            "potential",
            "possibly",
            "could",
            "would",
            "might",
            "falls",
            "if",
        }:
            flags["hypothetical"] = True
        if words & {
            "angeblich",
            "mutmaßlich",
            "mutmaßliche",
            "mutmaßlichen",
            "allegedly",
            "reportedly",
            "alleged",
            "suspected",
            "vermeintlich",
        }:
            flags["alleged"] = True
        if cues.future and (lemmas | words) & cues.future - {"werden", "will"} and not flags["hypothetical"]:
            flags["future"] = flags["future"] or bool(
                words & {"geplant", "planned", "scheduled", "künftig", "upcoming"}
            )
        # a subordinate clause after a concern or accusation noun ("Besorgnis über ein Geschäft, bei dem ...")
        if tok.dep in CLAUSE_DEPS or tok.dep.startswith(("acl", "advcl", "ccomp")):
            if any(
                k < tok.i
                and ((v.toks[k].lemma or "").lower() in CONCERN_NOUNS or v.toks[k].text.lower() in CONCERN_NOUNS)
                for k in v.order
            ):
                flags["alleged"] = True
        if self._accusation_verb_before(v, tok) is not None:
            flags["alleged"] = True
        # under an accusation / concern: the embedded event is only claimed
        t = tok
        for _ in range(4):
            h = v.head_of(t.i)
            if h is None:
                break
            if (h.lemma or h.text).lower() in ACCUSATION_LEMMAS or lookup_lemma(
                h.text, self.lang
            ).lower() in ACCUSATION_LEMMAS:
                if t.dep in CLAUSE_DEPS or t.dep.startswith(("acl", "xcomp", "ccomp", "advcl", "nmod", "obl")):
                    flags["alleged"] = True
                    break
            t = h
        head = v.head_of(tok.i)
        if (  # governed by a wish, request or consideration: "wants Israel to attack", "erwägt, ... zu"
            not wish_is_event
            and head is not None
            and tok.dep.startswith(("xcomp", "ccomp"))
            and _lemma_forms(head, self.lang) & cues.hypothetical
        ):
            flags["hypothetical"] = True
        if (
            "VerbForm=Inf" not in tok.morph
            and flags["future"]
            and self.lang == "de"
            and tok.pos == "VERB"
            and "VerbForm=Part" in tok.morph
            and any(a.lemma == "haben" for a in clause)
        ):
            flags["future"] = False
        return flags

    # -- main ------------------------------------------------------------------------------
    def code_sentence(self, doc: Document, sent: Sentence, actors: list[Entity], places: list[Entity],
                      datelines: list[Entity] = ()) -> list[Event]:
        v = SentView.build(sent, actors, places, datelines)
        self.last_view = v
        found: list[tuple[Token, Trigger, set[int]]] = []
        consumed: set[int] = set()
        contents: dict[int, int] = {}  # embedded act -> the REQUEST/REJECT/THREATEN verb over it
        self.triggered_sentences: set[int] = getattr(self, "triggered_sentences", set())
        org_spans = [(a.start, a.end) for a in actors if a.rule.startswith("kb:org") and a.end - a.start > 12]
        for tok in sent.tokens:
            if any(a <= tok.start and tok.end <= b and b - a > tok.end - tok.start for a, b in org_spans):
                continue  # "Organisation für das Verbot chemischer Waffen": part of a name, not an event
            senses = self._senses(v, tok)
            if not senses:
                continue
            self.triggered_sentences.add(sent.start)
            senses.sort(key=lambda s: (-s[0].specificity, s[0].type == "NONE"))
            best, used = senses[0]
            if best.type == "NONE" and any(s[0].specificity > best.specificity for s in senses):
                continue
            found.append((tok, best, used))
            if best.pos == "VERB":
                consumed |= used
                # "Vorwürfe zurückweisen": a constraint noun as the verb's object is part of the verb's event
                own = {x.lower() for x in best.object + best.prep_object}
                consumed |= {
                    o.i
                    for o in v.kids(tok.i, OBJ_DEPS | IOBJ_DEPS | OBL_DEPS)
                    if any(lm in own or (not own and lm in self.lex.object_nouns) for lm in _lemmas(o, self.lang))
                    and (own or o.dep not in OBL_DEPS)
                }
            if best.type == "REQUEST" and best.pos == "VERB":
                # "forderte Verhandlungen", "rief zum Rücktritt auf": what is asked for has not happened
                consumed |= {o.i for o in v.kids(tok.i, OBJ_DEPS | OBL_DEPS) if o.pos in ("NOUN", "PROPN")}
                # whatever the parse: the noun right after the verb ("forderte Verhandlungen über ...")
                after = [k for k in v.order if k > tok.i][:3]
                for k in after:
                    t2 = v.toks[k]
                    if t2.pos in ("PUNCT", "VERB", "AUX", "SCONJ"):
                        break
                    if t2.pos == "NOUN":
                        consumed.add(k)
                        break
            if best.type in CONTENT_TYPES and best.pos == "VERB":
                # "drohte, die Ukraine anzugreifen", "refused to release", "urged X to withdraw": the
                # threatened, refused or requested act is that event's content, not an event
                for c in v.kids(tok.i, {"xcomp", "ccomp", "acl", "advcl"}):
                    if c.pos in ("VERB", "AUX") and _infinitive(c, self.lang) and _zu_infinitive(v, c):
                        contents[c.i] = tok.i
        for tok in sent.tokens:
            if tok.pos in ("NOUN", "PROPN") and any(
                c.text.lower() in ("ohne", "without") for c in v.kids(tok.i, {"case"})
            ):
                consumed.add(tok.i)  # "ohne die Zustimmung der Behörden": an event that is absent
        content_of = {gov: act for act, gov in contents.items()}
        events: list[Event] = []
        for tok, trig, _used in found:
            if trig.type == "NONE" or (tok.i in consumed and trig.pos == "NOUN") or tok.i in contents:
                continue
            if trig.pos == "NOUN":
                source, target, rule = self._noun_roles(v, tok, trig)
            elif tok.pos == "ADJ" and tok.dep == "amod" and _participle_like(tok):
                source, target, rule = self._participle_roles(v, tok)
            else:
                source, target, rule = self._verb_roles(v, tok, trig)
            if rule == "participle" and not target:
                continue
            if trig.type in ("COERCE", "SANCTION") and not source:
                # "in Nordkorea festgenommen / verurteilt": the state where it happens does it
                where = self._state_where(v, tok)
                if where is not None:
                    source = [where]
                    target = [a for a in target if a.code != where.code or a.sector]
                    rule += "+place-of-act"
            if not target and tok.i in content_of and trig.type != "REQUEST":
                act = content_of[tok.i]
                target = [a for o in v.kids(act, OBJ_DEPS | IOBJ_DEPS) for a in v.arg_actors(o.i)] or [
                    a  # "weigerte sich, mit der PSOE zu verhandeln": the partner of the refused act
                    for o in v.kids(act, OBL_DEPS)
                    if v.case_of(o.i) in ("mit", "gegen", "with", "against")
                    for a in v.arg_actors(o.i)
                ]
                if target:
                    rule += "+content-object"
            if trig.type == "CONSULT" and target and all(a.sector == "JRN" for a in target):
                continue  # talking to the press is no interaction between political actors
            vouching = [v.actor_at[k] for k in self._attributions(v)]
            source = [a for a in source if not any(a is b for b in vouching)]
            target = [a for a in target if not any(a is b for b in vouching)]
            source = _dedupe([a for a in source if a.code or a.sector])
            src_codes = {a.code for a in source if a.code}
            src_sectors = {(a.code, a.sector) for a in source if a.code}
            domestic = trig.type in DOMESTIC_TYPES
            target = _dedupe(
                [
                    a
                    for a in target
                    if a not in source
                    and (a.code or a.sector)
                    and not (
                        a.code
                        and a.code in src_codes
                        and not (domestic and (_other_sector(a, src_sectors) or _another_person(a, source)))
                    )
                ]
            )
            if trig.type == "ASSAULT" and not target and len(source) > 1 and trig.reciprocal:
                # "liefern sich Soldaten und Rebellen Gefechte": a fight is told from its first party
                source, target = source[:1], source[1:]
            if (
                trig.reciprocal
                and target
                and trig.type in ("CONSULT", "COOPERATE")
                and trig.pos == "VERB"
                and any(t.text.lower() in REFLEXIVES for t in v.kids(tok.i))
            ):
                source, target = source + target, []
            if not any(a.code or a.sector for a in source + target) and trig.type not in BARE_NOUN_TYPES:
                continue  # "the accusations", "was criticised": too vague to code without any actor
            if (
                trig.type == "CONSULT"
                and any(a.sector == "JRN" for a in target)
                and not any(a.code for a in target if a.sector != "JRN")
            ):
                continue
            typ, mode = trig.type, trig.mode
            if typ == "ASSAULT" and source and self._intends(v, tok):
                typ, mode, rule = "THREATEN", None, rule + "+intent"
            # a stated wish to attack is itself the (real) threat: its wish verb flags nothing
            flags = self._flags(v, tok, trig, doc, wish_is_event=rule.endswith("+intent"))
            if flags["negated"] and typ in REFUSED_TYPES and source and self._announced(v, tok):
                typ, mode, rule = "REJECT", None, rule + "+refusal"
                flags.update(negated=False, future=False, hypothetical=False)
                if not target and len(source) > 1:  # "will Putin nicht treffen": the refused party
                    source, target = source[:1], source[1:]
            conf = 0.85 if trig.strength == "strong" else 0.6
            if not source and not target:
                conf -= 0.25
            if "position" in rule:
                conf -= 0.1
            events.append(
                Event(
                    event=typ,
                    mode=mode,
                    source=[_ref(a) for a in source],
                    target=[_ref(a) for a in target],
                    trigger=Span(tok.start, tok.end),
                    trigger_text=tok.text,
                    sentence=Span(sent.start, sent.end),
                    confidence=round(max(conf, 0.1), 2),
                    rule=f"{self.lang}:{trig.pos.lower()}:{trig.lemma}:{rule}"
                    + (":weak" if trig.strength == "weak" else ""),
                    **flags,
                )
            )
        return _fold_outcomes(events, doc.text)

    def code(self, doc: Document) -> list[Event]:
        """Events of every (non-caption) sentence; also notes which sentences had a lexicon match,
        so the second opinion proposes types only where the lexicon found nothing at all."""
        self.triggered_sentences = set()
        events = self._code(doc)
        doc.meta["_triggered_sentences"] = sorted(self.triggered_sentences)
        return events

    def _code(self, doc: Document) -> list[Event]:
        kb_actors = [e for e in doc.entities if e.label == "ACTOR"]
        is_dateline = [_is_dateline(doc, e) for e in kb_actors]
        actors = [_normalise_actor(e) for e, d in zip(kb_actors, is_dateline, strict=True) if not d]
        datelines = [e for e, d in zip(kb_actors, is_dateline, strict=True) if d]
        places = [e for e in doc.entities if e.label == "PLACE"] + datelines
        out: list[Event] = []
        for sent in doc.sentences:
            if sent.is_caption or not sent.tokens:
                continue
            s_actors = [a for a in actors if sent.start <= a.start < sent.end]
            s_places = [p for p in places if sent.start <= p.start < sent.end]
            events = self.code_sentence(doc, sent, s_actors, s_places,
                                        [d for d in datelines if sent.start <= d.start < sent.end])
            self._expand_leader_groups(events, [a for a in actors if a.start < sent.start][-12:])
            events = _merge_repeats(events)
            out += events + self._claims_of_violence(self.last_view, events)
        return out

    def _expand_leader_groups(self, events: list[Event], earlier: list[Entity]) -> None:
        """ "Die Staats- und Regierungschefs werden unterzeichnen": a plural group of leaders stands
        for the states of the leaders named just before (the two most recent distinct states)."""
        people = [a for a in earlier if a.code and len(a.code) == 3 and "person" in a.rule]
        codes = list(dict.fromkeys(a.code for a in reversed(people)))[:2]
        if len(codes) < 2:
            return
        for ev in events:
            if len(ev.source) == 1 and any(w in ev.source[0].text.lower() for w in LEADER_GROUP_WORDS):
                g = ev.source[0]
                ev.source = [ActorRef(g.text, c, g.sector or "GOV", g.start, g.end) for c in codes]
                ev.target = [a for a in ev.target if a.code not in codes]
                ev.rule += "+leader-group"

    def _claims_of_violence(self, v: SentView, events: list[Event]) -> list[Event]:
        """ "The US said ISIL had attacked Iraq": saying that another actor used force is an accusation
        against it (ACCUSE speaker -> perpetrator), and the reported attack is only alleged."""
        speech = self.speech
        by_trigger = {t.start: t for t in v.sent.tokens}
        extra: list[Event] = []
        for ev in events:
            if ev.event not in ("ASSAULT", "COERCE") or not any(a.code for a in ev.source) or ev.negated:
                continue
            tok = by_trigger.get(ev.trigger.start)
            t = tok
            for _ in range(3):
                h = v.head_of(t.i) if t is not None else None
                if h is None:
                    break
                if _lemma_forms(h, self.lang) & speech:
                    speakers = [
                        a
                        for sj in v.kids(h.i, SUBJ_DEPS)
                        for a in v.arg_actors(sj.i)
                        if a.code and a.sector not in WITNESS_SECTORS
                    ]
                    src_codes = {a.code for a in ev.source if a.code}
                    if speakers and not {a.code for a in speakers} & src_codes:
                        ev.alleged = True
                        extra.append(
                            Event(
                                event="ACCUSE",
                                mode=None,
                                source=[_ref(a) for a in _dedupe(speakers)],
                                target=list(ev.source),
                                trigger=Span(h.start, h.end),
                                trigger_text=h.text,
                                sentence=ev.sentence,
                                confidence=0.5,
                                rule=f"{self.lang}:claim-of-{ev.event.lower()}:{h.lemma or h.text}",
                            )
                        )
                    break
                t = h
        return extra


_PARTICLES = {
    "zurück",
    "auf",
    "an",
    "ab",
    "aus",
    "ein",
    "fest",
    "frei",
    "vor",
    "zu",
    "mit",
    "hin",
    "her",
    "los",
    "nach",
    "bei",
    "weg",
    "hinzu",
    "bekannt",
    "statt",
    "fort",
    "entgegen",
    "gegenüber",
    "durch",
    "um",
    "zusammen",
    "nieder",
    "überein",
    "gefangen",
    "quer",
    "heraus",
    "nahe",
    "klar",
    "dar",
    "hervor",
    "zurecht",
    "wieder",
    "gegen",
    "weiter",
    "hoch",
    "offen",
    "stand",
    "teil",
    "herauf",
    "herbei",
    "hinauf",
    "voran",
}


_PARTICIPLE_SHAPE = re.compile(
    r"^(?:(?:ab|an|auf|aus|bei|ein|fest|frei|her|hin|mit|nach|vor|weg|zu|zurück|zusammen|los|um|durch)?ge"
    r"|be|er|ver|zer|ent|emp|miss|über|unter|hinter|wider)\w{2,}(?:t|en)$"
)


def _participle_like(tok: Token) -> bool:
    """An adjective that is a past participle: "festgenommener", "angedrohte"."""
    w = tok.text.lower()
    return bool(re.match(r"^(?:\w{0,7}ge|be|er|ver|zer|ent)\w+(?:t|en)(?:e|er|en|em|es)?$", w))


def _participle(tok: Token) -> bool:
    """A past participle ("getötet", "erschossen", "festgenommen"), also where the tagger said
    nothing: an inflected form (lookup lemma differs) without finite features."""
    if "VerbForm=Part" in tok.morph:
        # the tagger sometimes calls an infinitive a participle ("wird ... eintreffen")
        return lookup_lemma(tok.text.lower(), "de").lower() != tok.text.lower() or tok.text.lower().startswith("ge")
    if tok.pos not in ("VERB", "ADJ") or "Mood=" in tok.morph or "Person=" in tok.morph or "VerbForm=Inf" in tok.morph:
        return False
    w = tok.text.lower()
    if not w.endswith(("t", "en")) or lookup_lemma(w, "de").lower() == w:
        return False
    # ge-participles ("getötet", "festgenommen") or inseparable prefixes ("erschossen", "verhaftet")
    return bool(_PARTICIPLE_SHAPE.match(w))


def _oblique_case(v: SentView, t: Token) -> bool:
    """The noun phrase headed by ``t`` is marked accusative or dative (on the noun or its article)."""
    marks = [t.morph] + [d.morph for d in v.kids(t.i, {"det"})]
    cases = {m.split("Case=")[1].split("|")[0] for m in marks if "Case=" in m}
    return bool(cases) and cases <= {"Acc", "Dat"}


def _infinitive(tok: Token, lang: str) -> bool:
    """An infinitive (future "wird ... eintreffen"), not a participle (passive "wird getroffen")."""
    if "VerbForm=Inf" in tok.morph:
        return True
    if lang == "de" and "VerbForm=Part" in tok.morph and not _participle(tok):
        return True
    if "VerbForm=Part" in tok.morph or lang != "de":
        return lang != "de" and "VerbForm=Part" not in tok.morph
    w = tok.text.lower()
    return w.endswith(("en", "ern", "eln")) and not (w.startswith("ge") and len(w) > 6) and "ge" not in w[2:4]


def _another_person(a: Entity, source: list[Entity]) -> bool:
    """A named or described person other than the source's ("Johannis forderte den Premier auf")."""
    return bool(a.sector) and a.sector in ("GOV", "PTY", "LEG", "OPP", "JUD") and all(
        s.text.lower() not in a.text.lower() and a.text.lower() not in s.text.lower() for s in source
    ) and all(s.sector for s in source)


def _entity_first(v: SentView, k: int) -> int:
    """The first token index of the entity covering token ``k``."""
    e = v.place_at.get(k) or v.actor_at.get(k)
    while k - 1 in v.toks and (v.place_at.get(k - 1) or v.actor_at.get(k - 1)) is e:
        k -= 1
    return k


def _other_sector(a: Entity, src_sectors: set[tuple[str | None, str | None]]) -> bool:
    """A target of the source's own country but of another known sector (rebels fought by the
    army, a premier asked to resign by the president)."""
    return bool(a.sector) and all(s and s != a.sector for c, s in src_sectors if c == a.code)


def _dedupe(actors: list[Entity]) -> list[Entity]:
    """One entity per (code, sector): "der Präsident Russlands, Wladimir Putin" is one actor."""
    out: list[Entity] = []
    for a in actors:
        if not any(b.code == a.code and (b.sector == a.sector or a.sector is None) for b in out):
            out = [b for b in out if not (b.code == a.code and b.sector is None and a.sector)] + [a]
    return out


def _is_dateline(doc: Document, e: Entity) -> bool:
    """ "Jerusalem – ..." at the start of a line is where the report comes from, not an actor."""
    # a dateline starts its line or follows a sentence end closely: 80 characters back are enough
    window = max(0, e.start - 80)
    line_start = doc.text.rfind("\n", window, e.start) + 1
    before = doc.text[max(line_start, window) : e.start]
    # a headline run into the body on one line: "Israel greift ... an. Jerusalem – Nach ..."
    before = re.split(r"(?<=[.!?\"“”])\s+", before)[-1]
    if before.strip() and not re.fullmatch(r"(?:[\w .-]{1,25}/)+", before):  # "London/Brüssel –"
        return False
    after = doc.text[e.end : e.end + 40]
    return bool(re.match(r"(?:/[\w .-]{1,25}?)*\s*(\([^)]{1,20}\))?\s*[–—-]\s", after)) or bool(
        re.match(r",\s*\d{1,2}\.\s*\w+", after)
    )


def _normalise_actor(e: Entity) -> Entity:
    """Unidentified attackers keep no country even when the article is about one."""
    from dataclasses import replace

    if e.sector in ("UAF", "UNK") and "context:" in e.rule:
        return replace(e, code=None)
    return e


def _merge_repeats(events: list[Event]) -> list[Event]:
    """One event per sentence for words that restate it ("attacked ..., killing five", "der Angriff
    ... die Attacke"): same type, and one's actor codes contained in the other's; the fuller stays."""

    def codes(ev: Event) -> tuple[frozenset, frozenset]:
        return frozenset(a.code for a in ev.source if a.code), frozenset(a.code for a in ev.target if a.code)

    kept: list[Event] = []
    for ev in sorted(events, key=lambda e: -(len(codes(e)[0]) + len(codes(e)[1]))):
        s1, t1 = codes(ev)
        if any(
            k.event == ev.event
            and s1 <= codes(k)[0]
            and t1 <= codes(k)[1]
            and k.negated == ev.negated
            and not _two_acts(k, ev)
            for k in kept
        ):
            continue
        kept.append(ev)
    return sorted(kept, key=lambda e: e.trigger.start)


_IN_THE_COURSE = re.compile(r"\b(?:bei|durch|in|during)\b[^,.;]*$", re.I)
_OUTCOME_CLAUSE = re.compile(r",\s*(?:bei (?:dem|der|denen)|wobei|in which|killing|leaving)\b", re.I)


def _fold_outcomes(events: list[Event], text: str) -> list[Event]:
    """ "ein Angriff, bei dem zwei Menschen verletzt wurden": the casualties are the attack's
    recipients, not a second attack."""
    out: list[Event] = []
    for ev in events:
        before = [
            a
            for a in events
            if a is not ev and a.event == ev.event == "ASSAULT" and ":noun:" in a.rule and not ev.source
            and a.trigger.end <= ev.trigger.start
        ]
        attack = max(before, key=lambda a: a.trigger.end) if before else None
        if attack is not None and not (
            _OUTCOME_CLAUSE.search(text[attack.trigger.end : ev.trigger.start])
            or (  # "Bei Anschlägen der Gruppe wurden 14 000 Menschen getötet"
                ":passive" in ev.rule
                and "," not in text[attack.trigger.end : ev.trigger.start]
                and _IN_THE_COURSE.search(text[max(0, attack.trigger.start - 40) : attack.trigger.start])
            )
        ):
            attack = None
        if attack is None:
            out.append(ev)
            continue
        if not attack.target:
            attack.target = list(ev.target)
    return out


def _two_acts(a: Event, b: Event) -> bool:
    """Two verbs with different named recipients are two acts ("erschoss einen Palästinenser, ...
    wurde eine Palästinenserin getötet"), not one act told twice."""
    if ":verb:" not in a.rule or ":verb:" not in b.rule or not a.target or not b.target:
        return False
    if a.trigger_text.lower().endswith("ing") or b.trigger_text.lower().endswith("ing"):
        return False  # "bombarded Aleppo, killing eight": the participle tells the same attack
    return not ({r.text for r in a.target} & {r.text for r in b.target})


def _as_gov(e: Entity) -> Entity:
    from dataclasses import replace

    return replace(e, sector="GOV", rule=e.rule + "+event-noun")


def _ref(e: Entity) -> ActorRef:
    return ActorRef(e.text, e.code, e.sector, e.start, e.end)
