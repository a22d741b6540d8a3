"""Source phrases: "laut X", "X zufolge", "nach Angaben von X", "unter Berufung auf X", "demnach", "wonach"."""

from __future__ import annotations

from ..document import Document, Entity
from .base import CONF, CONTINUATION_WINDOW, GENERIC_REPORTS, CueSite, Found, RuleBase
from .grammar import VERBAL, Sent
from .speakers import SpeakerResolver, SpeakerState


class SourceRules(RuleBase):
    """Quotations vouched for by a source phrase."""

    # -- source phrases -------------------------------------------------------------------
    def _source_phrases(self, doc: Document, s: Sent, si: int, resolver: SpeakerResolver, state: SpeakerState,
                        claimed: list[tuple[int, int]], sites: list[CueSite]) -> list[Found]:
        out: list[Found] = []

        def free(j: int) -> bool:
            return not s.inside[j] and not any(a <= j < b for a, b in claimed)

        k = 0
        while k < s.n:
            if not free(k):
                k += 1
                continue
            hit = self._source_at(s, k)
            if hit is None:
                k += 1
                continue
            p0, p1, spk_rng, how, cue = hit
            if how == "wonach" and spk_rng is not None and not self._entity_ranges(s, *spk_rng) and \
                    s.low[spk_rng[1] - 1] in GENERIC_REPORTS:
                owner = [site for site in sites if site.k < p0 and site.speaker is not None and site.cls in
                         ("say", "assert", "report")]
                if not owner:
                    k = p1
                    continue  # "frühere Angaben, wonach ...": no source to name
                spk_rng = owner[-1].speaker
            if how == "anaphoric":
                speaker = state.speaker if si - state.sentence <= CONTINUATION_WINDOW else None
            elif how == "self":
                speaker = self._clause_subject(s, p0, p1, resolver, state, si)
            elif spk_rng is not None and self._generic_report(s, spk_rng) and how != "wonach":
                # "den Angaben zufolge": the source named before
                speaker = state.speaker if si - state.sentence <= CONTINUATION_WINDOW else None
            elif spk_rng is not None:
                speaker = resolver.resolve(s.toks[spk_rng[0]].start, s.toks[spk_rng[1] - 1].end, state, si)
            else:
                speaker = None
            rng = self._source_clause(s, p0, p1, how, sites)
            if rng is not None:
                span = s.span_chars(*rng)
                if span is not None:
                    kind = "source_phrase"
                    out.append(Found(span[0], span[1], kind, cue, speaker, None, CONF["source"], f"source:{how}", si))
            k = p1
        return out

    def _source_tokens(self, s: Sent) -> set[int]:
        """Tokens of the source phrases in a sentence (never a cue verb's speaker)."""
        blocked: set[int] = set()
        k = 0
        while k < s.n:
            hit = None if s.inside[k] else self._source_at(s, k)
            if hit is None:
                k += 1
                continue
            blocked.update(range(hit[0], hit[1]))
            k = max(hit[1], k + 1)
        return blocked

    def _source_at(self, s: Sent, k: int) -> tuple[int, int, tuple[int, int] | None, str, str] | None:
        """A source phrase starting at token k: (phrase start, phrase end, speaker range, how, cue)."""
        lex = self.lex
        w = s.low[k]
        if w in lex.source_anaphoric:
            return k, k + 1, None, "anaphoric", s.toks[k].text
        if w == "wonach" and k > 0 and s.toks[k - 1].text == ",":
            np = s.np_before(k - 1)
            if np is None:
                # "hat einen Zeitungsbericht dementiert, wonach ...": the report noun before the verb
                for j in range(k - 2, max(-1, k - 8), -1):
                    if s.toks[j].pos == "NOUN" and any(s.low[j].endswith(n) for n in self.lex.statement_nouns |
                                                       GENERIC_REPORTS):
                        np = (j, j + 1)
                        break
            return k, k + 1, np, "wonach", s.toks[k].text
        for pat in lex.source_self if w in lex.source_starts else ():
            if tuple(s.low[k:k + len(pat)]) == pat:
                return k, k + len(pat), None, "self", self._cue_text(s, k, k + len(pat))
        for pat in lex.source_before if w in lex.source_starts else ():
            n = len(pat)
            if tuple(s.low[k:k + n]) != pat:
                continue
            j = k + n
            if j < s.n and s.low[j] in ("von", "aus", "seitens", "of", "from"):
                j += 1
            np = s.np_after(j)
            if np is None:
                return None
            np = self._extend_entity(s, np)
            return k, np[1], np, "before", self._cue_text(s, k, j)
        if w in lex.source_after and k > 0:
            np = s.np_before(k)
            if np is None:
                return None
            return np[0], k + 1, np, "after", s.toks[k].text
        # compounds: "nach Polizeiangaben", "Medienberichten zufolge"
        if s.toks[k].pos in ("NOUN", "PROPN") and w.endswith(lex.source_compound_heads) and any(
                w.endswith(h) and len(w) > len(h) + 2 for h in lex.source_compound_heads):
            if k > 0 and s.low[k - 1] == "nach":
                return k - 1, k + 1, (k, k + 1), "before", f"{s.toks[k - 1].text} {s.toks[k].text}"
            if k + 1 < s.n and s.low[k + 1] in lex.source_after:
                return k, k + 2, (k, k + 1), "after", s.toks[k + 1].text
        return None

    def _generic_report(self, s: Sent, np: tuple[int, int]) -> bool:
        """A bare report noun with a definite article and no owner: "den Angaben", "dem Bericht"."""
        a, b = np
        words = [s.low[j] for j in range(a, b)]
        return len(words) == 2 and words[0] in ("den", "dem", "der", "diesen", "diesem") and \
            words[1] in GENERIC_REPORTS | {"mitteilung", "erklärung", "angaben"} and \
            not self._entity_ranges(s, a, b)

    def _extend_entity(self, s: Sent, np: tuple[int, int]) -> tuple[int, int]:
        """Let an entity that starts inside the phrase finish it ("Organisation für das Verbot ...")."""
        a, b = np
        for r in self._entity_ranges(s, 0, s.n):
            if a <= r[0] < b and r[1] > b:
                b = r[1]
        return a, b

    def _cue_text(self, s: Sent, a: int, b: int) -> str:
        return " ".join(t.text for t in s.toks[a:b])

    def _source_clause(self, s: Sent, p0: int, p1: int, how: str, sites: list[CueSite]) -> tuple[int, int] | None:
        """The content a source phrase vouches for."""
        if how == "wonach":
            end = self._chunk_end_sub(s, p1)
            return (p1, end) if end > p1 else None
        lo = 0
        for site in sites:
            if site.mode in ("pre", "colon") and site.content and site.content[0] <= p0:
                lo = max(lo, site.content[0])
        hi = s.n
        for site in sites:
            if site.mode == "post" and site.a > p1:
                hi = min(hi, site.a - 1)
        while lo < p0 and (s.is_quote_char(lo) or s.toks[lo].pos == "CCONJ"):
            lo += 1
        if p1 >= s.content_end(hi) and p0 > 0:
            # "..., according to X." / "..., laut Polizei.": the content comes before
            start = 0 if lo >= p0 else lo
            return (start, p0) if s.has_verb(start, p0) else None
        if p0 <= lo:
            # the phrase opens the clause: "Laut X handelte es sich ...", "Nach Angaben aus Moskau ..."
            start = p1
            while start < hi and (s.toks[start].text == "," or s.is_quote_char(start)):
                start += 1
            return (start, hi) if s.has_verb(start, hi) else None
        return (lo, hi) if s.has_verb(lo, hi) else None

    def _chunk_end_sub(self, s: Sent, a: int) -> int:
        """End of a subordinate clause starting at a: up to the comma after its finite verb."""
        j = a
        seen_verb = False
        while j < s.n:
            if s.toks[j].pos in VERBAL and s.is_finite(j):
                seen_verb = True
            if s.is_sep(j) and seen_verb:
                break
            j += 1
        return j

    def _clause_subject(self, s: Sent, p0: int, p1: int, resolver: SpeakerResolver, state: SpeakerState,
                        si: int) -> Entity | None:
        cands = [r for r in self._candidates(s, 0, s.n, -1) if not (p0 <= r[0] < p1)]
        for k in range(s.n):
            if s.toks[k].dep in ("nsubj", "nsubj:pass") and not (p0 <= k < p1):
                rng = self._mention_around(s, k, 0, s.n)
                if rng is not None:
                    return resolver.resolve(s.toks[rng[0]].start, s.toks[rng[1] - 1].end, state, si)
        if cands:
            r = cands[0]
            return resolver.resolve(s.toks[r[0]].start, s.toks[r[1] - 1].end, state, si)
        return state.speaker
