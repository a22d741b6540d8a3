"""Find quotations in a parsed document: direct, indirect and source phrases, with their speakers.

Per sentence, in this order:

1. **Cue sites.** A speech verb (lemma, surface form or particle verb: "teilte ... mit") outside
   quotation marks. Its clause chunk (bounded by commas, colons, dashes) decides the layout:

   * *pre-posed*: "Lawrow sagte, Russland sei ..." / "sagte, dass ..." / "betonte: Das ist ..." /
     "gibt an, ... zu bombardieren" - the content follows the separator after the cue;
   * *post-posed*: "..., sagte Lawrow" / "..., hieß es in der Erklärung" / "..., so X" /
     "..., wie die Polizei mitteilte" - the content is what comes before the cue clause, and a
     verbatim continuation after it ("..., hatte Leitl gesagt, aber ich werde ...");
   * *marked only*: "Moskau hat das gesagt “sehr geschätzt”" - the quotation marks give the content.

2. **Source phrases** ("laut X", "X zufolge", "nach Angaben von X", "unter Berufung auf X",
   "demnach", "wonach", "according to X"): the clause they sit in, without the phrase when it
   opens or closes the clause.

3. **Quotation marks** not yet attributed: the cue of the sentence, a "Name: „…“" headline, or the
   previous speaker when a whole sentence is quoted; short marked phrases with no cue are titles
   or scare quotes and are skipped.

4. **Continuations**: a sentence with no cue whose main clause is in Konjunktiv I (or Konjunktiv II
   right after a quotation), or that speaks in the first person right after a quotation, carries
   on the previous speaker's statement.

Kinds: content in Konjunktiv, after dass/ob/wh-words or an infinitive is *indirect*; indicative or
first-person content and text between quotation marks is *direct*; source phrases are
*source_phrase*.
"""

from __future__ import annotations

from ..document import Document, Entity, Quote, Sentence
from .base import CONF, CONTINUATION_WINDOW, EPISTEMIC, CueSite, Found
from .cues import CueRules
from .grammar import END_PUNCT, Sent
from .lexicon import Lexicon
from .marks import Marked, find_marked
from .mentions import MentionRules
from .sourcephrases import SourceRules
from .speakers import SpeakerResolver, SpeakerState


class QuoteExtractor(CueRules, MentionRules, SourceRules):
    """Rule-based quotation finder for one language (lexicon), stateless between documents."""

    def __init__(self, lex: Lexicon, agency_alias: dict[str, str] | None = None):
        self.lex = lex
        self.agency_alias = agency_alias or {}

    # == document ========================================================================
    def extract(self, doc: Document) -> list[Quote]:
        marks = find_marked(doc.text)
        resolver = SpeakerResolver(doc, self.lex)
        state = SpeakerState()
        used: set[Marked] = set()  # quotations already attributed (a quote may run over sentences)
        last_quote_sentence = -10
        out: list[Found] = []
        for si, sentence in enumerate(merge_broken(doc)):
            if not sentence.tokens:
                continue
            in_sent = [m for m in marks if m.start < sentence.end and m.end > sentence.start]
            inside = [any(m.start <= t.start < m.end or m.start < t.end <= m.end for m in marks)
                      for t in sentence.tokens]
            ents = [e for e in resolver.actors + resolver.ner if sentence.start <= e.start < sentence.end]
            s = Sent(sentence, self.lex, inside, doc.text, ents)
            found = self._sentence(doc, s, si, in_sent, used, resolver, state, last_quote_sentence)
            if found:
                last_quote_sentence = si
                for f in found:
                    if f.speaker is not None and f.speaker.label != "PRON":
                        state.speaker, state.sentence = f.speaker, si
                    elif f.speaker is not None:
                        state.sentence = si
            out.extend(found)
        return [self._quote(doc, f) for f in _merge_direct(doc.text, _dedupe(out))]

    def _quote(self, doc: Document, f: Found) -> Quote:
        while f.end > f.start and doc.text[f.end - 1] in ",;:" :
            f.end -= 1  # “Various documents will be signed,” he said
        conf = f.confidence if f.speaker is not None else f.confidence * 0.7
        if f.speaker is not None and not f.speaker.code:
            conf *= 0.9
        return Quote(f.start, f.end, doc.text[f.start:f.end], f.kind, f.cue, f.speaker, f.addressee, round(conf, 3))

    # == sentence ========================================================================
    def _sentence(self, doc: Document, s: Sent, si: int, marks: list[Marked], used_marks: set[Marked],
                  resolver: SpeakerResolver, state: SpeakerState, last_quote: int) -> list[Found]:
        s.blocked = self._source_tokens(s)
        sites = self._cue_sites(s)
        for site in sites:
            self._layout(s, site, sites)
            self._find_speaker(s, site)
            site.addressee = self._addressee(s, site)
        for i, site in enumerate(sites):
            if site.speaker is None and site.mode not in ("none", "") and site.cls != "impersonal":
                # "meinte Schieder, betonte aber gleichzeitig: ...": coordinated verbs share the subject
                prev = [o for o in sites[:i] if o.speaker is not None and o.cls != "impersonal"]
                if prev:
                    site.speaker = prev[-1].speaker
        res: list[Found] = []

        def speaker_of(site: CueSite) -> Entity | None:
            if site.speaker is None:
                if site.cls == "impersonal" and si - state.sentence <= 2:
                    return state.speaker  # "..., hieß es weiter": the source just quoted
                return None
            a, b = site.speaker
            return resolver.resolve(s.toks[a].start, s.toks[b - 1].end, state, si)

        for site in sites:
            if site.mode in ("none", ""):
                continue
            spk = speaker_of(site)
            for rng, part in ((site.content, "main"), (site.after, "after")):
                if rng is None:
                    continue
                res.extend(self._emit_content(s, si, rng, site, spk, marks, used_marks, part))
            if site.mode == "marked":
                for m in marks:
                    if m in used_marks or not self._mark_usable(s, m, site) or _title_like(doc.text[m.start:m.end]):
                        continue
                    used_marks.add(m)
                    res.append(Found(m.start, m.end, "direct", site.cue, spk, site.addressee, CONF["marked_cue"],
                                     "marked_cue", si))
        claimed = [(site.a, site.b) for site in sites if site.mode not in ("none", "")]
        res.extend(self._source_phrases(doc, s, si, resolver, state, claimed, sites))
        res.extend(self._loose_marks(s, si, [m for m in marks if m.end <= s.end + 1], used_marks, sites, resolver,
                                     state, last_quote, speaker_of))
        if not res and not any(site.mode not in ("none", "") or site.cls == "cognition" for site in sites):
            res.extend(self._continuation(s, si, state, last_quote))
        return res
    # -- content ---------------------------------------------------------------------------
    def _emit_content(self, s: Sent, si: int, rng: tuple[int, int], site: CueSite, spk: Entity | None,
                      marks: list[Marked], used: set[Marked], part: str) -> list[Found]:
        a, b = rng
        if b <= a:
            return []
        kind = site.kind
        if kind == "marks_only" and not any(m.start < s.toks[b - 1].end and m.end > s.toks[a].start and m not in used
                                            for m in marks):
            return []
        if part == "after":
            kind = "indirect" if s.main_mood(a, b) else "direct"
        if site.source:
            kind = "source_phrase"
        c0, c1 = s.toks[a].start, s.toks[b - 1].end
        inner = [m for m in marks if m.start < c1 and m.end > c0 and m not in used]
        rule = "split" if part == "after" else site.mode
        conf = CONF.get(rule, 0.8)
        out: list[Found] = []
        if inner:
            covered = sum(min(m.end, c1) - max(m.start, c0) for m in inner)
            for m in inner:
                used.add(m)
                out.append(Found(m.start, m.end, "direct", site.cue, spk, site.addressee, CONF["marked_cue"],
                                 "marked_cue", si))
            if covered >= 0.5 * (c1 - c0) or kind == "marks_only":
                return out
            if kind == "direct":
                kind = "indirect"  # a paraphrase with quoted fragments
        keep_final = kind == "direct" and b >= s.content_end(s.n)
        span = s.span_chars(a, b, keep_final=keep_final)
        if span is None:
            return out
        out.append(Found(span[0], span[1], kind, site.cue, spk, site.addressee, conf, rule, si))
        return out

    def _mark_usable(self, s: Sent, m: Marked, site: CueSite) -> bool:
        if not (s.start <= m.start and m.end <= s.end + 1):
            return False
        if site.speaker is not None:
            a, b = site.speaker
            if s.toks[a].start <= m.start < s.toks[b - 1].end + 1:
                return False
        return True

    # -- quotation marks without a cue ------------------------------------------------------
    def _loose_marks(self, s: Sent, si: int, marks: list[Marked], used: set[Marked], sites: list[CueSite],
                     resolver: SpeakerResolver, state: SpeakerState, last_quote: int, speaker_of) -> list[Found]:
        out: list[Found] = []
        live = [site for site in sites if site.mode not in ("none", "") and site.speaker is not None]
        sent_len = max(1, s.end - s.start)
        for m in marks:
            if m in used:
                continue
            words = len(s.doc_text[m.start:m.end].split())
            title = _title_like(s.doc_text[m.start:m.end])
            site = self._nearest(s, m, live)
            if site is not None and self._mark_usable(s, m, site) and not title and site.cls != "cognition":
                used.add(m)
                out.append(Found(m.start, m.end, "direct", site.cue, speaker_of(site), site.addressee,
                                 CONF["marked_cue"], "marked_cue", si))
                continue
            head = None if title else self._headline_speaker(s, m)
            if head is not None:
                used.add(m)
                spk = resolver.resolve(s.toks[head[0]].start, s.toks[head[1] - 1].end, state, si)
                out.append(Found(m.start, m.end, "direct", ":", spk, None, CONF["marked_headline"],
                                 "marked_headline", si))
                continue
            whole = (m.end - m.start) >= 0.6 * sent_len
            if whole and last_quote >= si - 1 and state.speaker is not None:
                used.add(m)
                out.append(Found(m.start, m.end, "direct", None, state.speaker, None, CONF["cont_marked"],
                                 "cont_marked", si))
            elif whole and words >= 4:
                used.add(m)
                out.append(Found(m.start, m.end, "direct", None, None, None, CONF["marked_nocue"], "marked_nocue",
                                 si))
        return out

    def _nearest(self, s: Sent, m: Marked, sites: list[CueSite]) -> CueSite | None:
        best, dist = None, 10**9
        for site in sites:
            if site.cls in ("impersonal",) and site.speaker is None:
                continue
            d = abs(s.toks[site.k].start - m.start)
            if d < dist:
                best, dist = site, d
        return best

    def _headline_speaker(self, s: Sent, m: Marked) -> tuple[int, int] | None:
        """"Deutschlands Justizminister Heiko Maas: „Wir dürfen ...“": a name before a colon."""
        colon = None
        for j in range(s.n):
            if s.toks[j].text == ":" and not s.inside[j] and s.toks[j].end <= m.start:
                colon = j
        if colon is None or colon == 0:
            return None
        a, _ = s.chunk_of(colon - 1)
        if s.has_verb(a, colon):
            return None
        cands = [c for c in self._candidates(s, a, colon, -1) if c in s.entity_ranges()]
        return cands[-1] if cands else None

    # -- continuations -----------------------------------------------------------------
    def _continuation(self, s: Sent, si: int, state: SpeakerState, last_quote: int) -> list[Found]:
        if s.n < 3 or state.speaker is None:
            return []
        recent = si - state.sentence
        mood = s.main_mood(0, s.n)
        if mood == 2 and any(w in EPISTEMIC for w in s.low):
            mood = 0  # "dürfte", "könnte": the journalist's guess, not reported speech
        if mood == 1 and recent <= CONTINUATION_WINDOW or mood == 2 and last_quote == si - 1:
            span = s.span_chars(0, s.n)
            if span is None:
                return []
            return [Found(span[0], span[1], "indirect", None, state.speaker, None, CONF["cont_subj"],
                          "continuation", si)]
        if last_quote == si - 1 and s.first_person(0, s.n) and s.has_verb(0, s.n):
            span = s.span_chars(0, s.n, keep_final=True)
            if span is None:
                return []
            return [Found(span[0], span[1], "direct", None, state.speaker, None, CONF["cont_first"],
                          "continuation", si)]
        return []


MONTHS = {"januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "dezember"}


def _resplit(s: Sentence) -> list[Sentence]:
    """Split a sentence at a full stop the parser missed ("... auf 92. Der dramatische Anteil ...")."""
    toks = s.tokens
    cuts = []
    for i in range(1, len(toks) - 1):
        t, prev, nxt = toks[i], toks[i - 1], toks[i + 1]
        if t.text not in (".", "!", "?") or not nxt.text[:1].isupper():
            continue
        if len(prev.text) == 1 and prev.text.isupper():
            continue  # an initial: "Abdelhamid A. sein"
        if prev.text.isdigit() and nxt.text.lower() in MONTHS:
            continue  # a date: "13. September"
        cuts.append(i + 1)
    if not cuts:
        return [s]
    out, a = [], 0
    for c in [*cuts, len(toks)]:
        part = toks[a:c]
        out.append(Sentence(part[0].start, part[-1].end, part, s.is_caption))
        a = c
    return out


def merge_broken(doc: Document) -> list[Sentence]:
    """Sentences, split at full stops the parser missed, and with a sentence that ends without final
    punctuation joined to a next one that starts in lower case (a parser split inside "Der Statistik
    zufolge | hatten 901 der Taten")."""
    out: list[Sentence] = []
    for s in (part for sent in doc.sentences for part in _resplit(sent)):
        if out and s.tokens and out[-1].tokens:
            prev = out[-1]
            last = prev.tokens[-1].text
            first = s.tokens[0].text
            gap = doc.text[prev.end:s.start]
            if last not in END_PUNCT and first[:1].islower() and "\n" not in gap:
                out[-1] = Sentence(prev.start, s.end, prev.tokens + s.tokens, prev.is_caption)
                continue
        out.append(s)
    return out


def _title_like(text: str) -> bool:
    """A short quoted name or title ("Bester Spielfilm", "Gundermann"): every word capitalised."""
    words = text.split()
    return 0 < len(words) <= 4 and all(not w[:1].isalpha() or w[:1].isupper() for w in words)


def _merge_direct(text: str, found: list[Found]) -> list[Found]:
    """Continuous verbatim speech of one speaker is one quotation: a direct continuation (no cue)
    joins the direct quotation right before it when only white space lies between."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and f.kind == "direct" and prev.kind == "direct" and f.cue is None and \
                f.rule == "continuation" and prev.end <= f.start and not text[prev.end:f.start].strip(" .!?\n") \
                and _same(prev.speaker, f.speaker):
            prev.end = f.end
            continue
        out.append(f)
    return out


def _same(a: Entity | None, b: Entity | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.name or a.text) == (b.name or b.text)


def _dedupe(found: list[Found]) -> list[Found]:
    """One quotation per span and speaker (the most confident); in text order. The same span with
    two speakers stays twice (parallel attributions: "Russia said ..., according to X")."""
    best: dict[tuple[int, int, str], Found] = {}
    for f in found:
        key = (f.start, f.end, (f.speaker.name or f.speaker.text) if f.speaker else "")
        old = best.get(key)
        if old is None or f.confidence > old.confidence:
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, -f.end))
