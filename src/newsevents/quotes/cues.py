"""Cue sites: speech verbs and where their content lies (pre-posed, post-posed, colon, marks)."""

from __future__ import annotations

from .base import CueSite, RuleBase
from .grammar import END_PUNCT, VERBAL, Sent


class CueRules(RuleBase):
    """Find cue verbs in a sentence and lay out their content."""

    # -- cue sites -----------------------------------------------------------------------
    def _cue_sites(self, s: Sent) -> list[CueSite]:
        sites: list[CueSite] = []
        for k in range(s.n):
            if s.inside[k]:
                continue
            got = self._cue_at(s, k) or self._generic_cue(s, k)
            if got is None:
                continue
            cls, cue = got
            a, b = s.chunk_of(k)
            if s.first_person(a, k) and cls != "impersonal":
                continue  # "Lasst uns ehrlich sein und sagen, dass ...": the speaker's own words
            sites.append(CueSite(k, cls, cue, a, b))
        return sites

    def _cue_at(self, s: Sent, k: int) -> tuple[str, str] | None:
        t = s.toks[k]
        w = s.low[k]
        if t.pos not in VERBAL and not (t.text[:1].islower() and t.pos not in ("ADV", "ADP", "DET")):
            return None
        if t.pos == "ADJ" and not (k > 0 and (s.is_sep(k - 1) or s.is_quote_char(k - 1))):
            return None  # "die erklärten Ziele"; but ", erklärten Vertreter der Gruppen" is a verb
        if k > 0 and s.low[k - 1] == "zu" or t.pos in VERBAL and s.feat(k, "VerbForm") == "Inf" and "zu" in w[2:-3]:
            return None  # "seine Meinung zu äußern": an infinitive, no cue
        lemma = t.lemma.lower()
        lex = self.lex
        for cand in (lemma, lex.forms.get(w)):
            if not cand:
                continue
            cls = lex.cue_class(cand)
            if cls is None:
                continue
            if cls == "impersonal" and not self._impersonal(s, k):
                return None
            if self.lex.lang == "de" and cand in ("zeigen", "schließen", "finden", "rufen") and \
                    not self._clause_initial(s, k):
                return None
            return cls, t.text
        for cand in (lemma, lex.base_forms.get(w)):
            parts = lex.particle_verbs.get(cand) if cand else None
            if not parts:
                continue
            a, b = s.chunk_of(k)
            for j in range(k + 1, b):
                if s.low[j] in parts and s.toks[j].pos in {"ADP", "ADV", "PART", "ADJ", "X"} | VERBAL \
                        and (j == b - 1 or s.toks[j].dep.startswith("compound") or s.toks[j + 1].text in END_PUNCT
                             or s.is_sep(j + 1) or s.toks[j + 1].pos in VERBAL):
                    joined = s.low[j] + cand
                    cls = lex.cue_class(joined) or "say"
                    return cls, f"{t.text} {s.toks[j].text}"
        return None

    def _generic_cue(self, s: Sent, k: int) -> tuple[str, str] | None:
        """Any finite verb after a comma with a person named right after it ("..., spielte
        Wirtschaftskammer-Präsident Christoph Leitl den Ball zurück"): a cue if the text before it
        is speech (checked in ``_post_posed``)."""
        if self.lex.lang != "de" or k == 0 or s.toks[k - 1].text != "," or s.toks[k].pos != "VERB" \
                or not s.is_finite(k):
            return None
        if not any(k < r[0] <= k + 3 and self._is_person_range(s, r) for r in s.entity_ranges()):
            return None
        _, b = s.chunk_of(k)
        cue = s.toks[k].text
        if b - 1 > k and s.toks[b - 1].pos in ("ADP", "ADV", "PART") and s.toks[b - 1].dep.startswith("compound"):
            cue += " " + s.toks[b - 1].text
        return "generic", cue

    def _impersonal(self, s: Sent, k: int) -> bool:
        return any(0 <= j < s.n and s.low[j] == "es" for j in (k - 1, k + 1))

    def _clause_initial(self, s: Sent, k: int) -> bool:
        a, _ = s.chunk_of(k)
        return k == a and a > 0

    # -- layout ------------------------------------------------------------------------
    def _layout(self, s: Sent, site: CueSite, sites: list[CueSite]) -> None:
        """Decide where the content of a cue site is (sets mode, content, after, source)."""
        a, b = site.a, site.b
        lead = s.low[a] if a < s.n else ""
        if lead == "wie" and site.cls not in ("impersonal",):
            self._layout_wie(s, site)
            return
        if s.clause_starts_subordinate(a) and lead not in ("so",):
            site.mode = "none"
            return
        if site.cls == "generic":
            if not self._post_posed(s, site, sites):
                site.mode = "none"
            return
        if self._post_posed(s, site, sites):
            if b < s.n and s.toks[b].text == ":":
                # "..., sagte Mitterlehner: Ein neuer Anfang ..." is post-posed and pre-posed at once
                post, kind = site.content, site.kind
                if self._pre_content(s, site, b):
                    site.after = site.content
                site.mode, site.content, site.kind = "post", post, kind
            return
        if site.cls != "postonly" and b < s.n and s.is_sep(b) and self._pre_content(s, site, b):
            return
        if self._post_no_comma(s, site):
            return
        if site.cls not in ("postonly", "cognition") and any(s.inside[j] for j in range(s.n)):
            site.mode = "marked"
            return
        if self.lex.lang == "en" and site.cls not in ("postonly", "cognition"):
            self._english_object_clause(s, site)
            return
        site.mode = "none"

    def _layout_wie(self, s: Sent, site: CueSite) -> None:
        """"Wie X mitteilte, CONTENT" and "CONTENT, wie X mitteilte"."""
        a, b = site.a, site.b
        site.source = True
        if a == 0 and b < s.n and s.is_sep(b):
            site.mode, site.content = "pre", (b + 1, s.n)
        elif a > 1 and s.toks[a - 1].text == ",":
            site.mode, site.content = "post", (self._post_start(s, a, []), a - 1)
        else:
            site.mode = "none"

    def _pre_content(self, s: Sent, site: CueSite, sep: int) -> bool:
        """Content after the separator following the cue clause; True when found."""
        c0 = sep + 1
        while c0 < s.n and s.is_quote_char(c0):
            c0 += 1
        if c0 >= s.n:
            return False
        end = self._content_stop(s, c0)
        first = s.low[c0]
        cls = site.cls
        if s.toks[sep].text == ":":
            if cls == "postonly":
                return False
            mood = s.main_mood(c0, end)
            if cls == "cognition" and not any(s.inside[j] for j in range(c0, end)):
                return False
            site.mode, site.content = "colon", (c0, end)
            site.kind = "indirect" if mood else "direct"
            return True
        if s.toks[sep].text != ",":
            return False
        if cls in ("cognition",) and not any(s.inside[j] for j in range(c0, end)):
            return False
        if first in self.lex.complementizers:
            if cls == "cognition":
                # "fürchtet, dass Migranten „den Charakter unseres Landes ändern“": only the verbatim part
                site.mode, site.content, site.kind = "pre", (c0 + 1, end), "marks_only"
                return True
            site.mode, site.content, site.kind = "pre", (c0 + 1, end), "indirect"
            return True
        if first in self.lex.wh_words and s.toks[c0].pos != "DET":
            if cls in ("direct",):
                return False
            site.mode, site.content, site.kind = "pre", (c0, end), "indirect"
            return True
        verb_second = c0 + 1 < s.n and s.is_finite(c0 + 1)
        if first in self.lex.not_content_start and not (first in ("der", "die", "das", "dem", "den")
                                                       and (s.toks[c0].pos == "DET" or verb_second)):
            if first in ("wenn", "weil", "als", "da") and s.main_mood(c0, end) == 1:
                site.mode, site.content, site.kind = "pre", (c0, end), "indirect"
                return True
            return False
        if s.toks[c0].pos == "PRON" and first in ("der", "die", "das", "dem", "den", "welche", "welcher") \
                and not (c0 + 1 < s.n and s.is_finite(c0 + 1)):
            return False  # a relative clause; "das sei ..." (verb second) is a main clause
        mood = s.main_mood(c0, end)
        if mood:
            site.mode, site.content, site.kind = "pre", (c0, end), "indirect"
            return True
        if cls in ("assert",) and s.zu_infinitive(c0, end):
            site.mode, site.content, site.kind = "pre", (c0, end), "indirect"
            return True
        if s.first_person(c0, end) and s.has_verb(c0, end):
            site.mode, site.content, site.kind = "pre", (c0, end), "direct"
            return True
        return False

    def _chunk_end(self, s: Sent, c0: int) -> int:
        j = c0
        while j < s.n and not s.is_sep(j) and s.toks[j].text not in END_PUNCT:
            j += 1
        return j

    def _content_stop(self, s: Sent, c0: int) -> int:
        """End of content that starts at c0: the sentence end, or a later post-posed cue clause."""
        j = c0
        while j < s.n:
            if s.is_sep(j) and s.toks[j].text == "," and j + 1 < s.n:
                nxt = s.low[j + 1]
                got = None if s.inside[j + 1] else self._cue_at(s, j + 1)
                if got is not None and got[0] != "impersonal" and nxt not in self.lex.complementizers:
                    return j
            j += 1
        return s.n

    def _post_start(self, s: Sent, a: int, sites: list[CueSite]) -> int:
        start = 0
        for other in sites:
            if other.b <= a - 1 and other.a < a and other.mode == "post":
                start = max(start, other.b + 1)  # an earlier cue clause is no content
        # a colon opening the sentence ("Er betonte: Das ist ...") ends the lead-in
        for j in range(start, a - 1):
            if s.toks[j].text == ":" and not s.inside[j]:
                start = j + 1
        return start

    def _post_posed(self, s: Sent, site: CueSite, sites: list[CueSite]) -> bool:
        """"CONTENT, sagte X" (also "hatte X gesagt", "hieß es", "so X"); True when found."""
        k, a, b = site.k, site.a, site.b
        if a < 2 or s.toks[a - 1].text != ",":
            return False
        lead = a
        while lead < k and (s.is_quote_char(lead) or s.toks[lead].pos in ("ADV",) and lead < k - 1):
            lead += 1
        if self.lex.lang == "de":
            if k != lead:
                # an auxiliary first: ", hatte Leitl zuvor ... gesagt"; "es" first: ", es hieß"
                aux = s.toks[lead].pos == "AUX" and s.is_finite(lead) and not s.is_finite(k)
                if not aux and s.low[lead] != "es":
                    return False
            elif s.toks[k].pos in VERBAL and s.feat(k, "VerbForm") == "Part" or \
                    k + 1 < s.n and s.low[k + 1] in ("von", "vom", "by"):
                return False  # ", zitiert von staatlichen Stellen"
        else:
            if k - a > 6:
                return False
            a = self._english_subject_start(s, a)
            site.a = a
        cstart = self._post_start(s, a, sites)
        if a - 1 <= cstart:
            return False
        if not (s.has_main_verb(cstart, a - 1) or any(s.inside[j] for j in range(cstart, a - 1))):
            return False
        marked = any(s.inside[j] for j in range(cstart, a - 1))
        if site.cls == "cognition" and s.main_mood(cstart, a - 1) and not marked:
            return False
        if site.cls == "generic" and not (marked or s.first_person(cstart, a - 1) or
                                          s.main_mood(cstart, a - 1) == 1):
            return False
        site.mode, site.content = "post", (cstart, a - 1)
        mood = s.main_mood(cstart, a - 1)
        site.kind = "indirect" if mood or self.lex.lang == "en" and not s.first_person(cstart, a - 1) else "direct"
        if b < s.n and s.is_sep(b) and s.toks[b].text == ",":
            site.after = self._split_after(s, b + 1)
        return True

    def _post_no_comma(self, s: Sent, site: CueSite) -> bool:
        """A post-posed cue whose comma got lost (machine translation): "... werden mehrere
        Dokumente unterzeichnen berichteten russische Nachrichtenagenturen": a finite cue verb
        followed by its subject, after a clause with a finite verb of its own (German only)."""
        k = site.k
        if self.lex.lang != "de" or k < 4 or not s.is_finite(k) or site.cls in ("impersonal", "cognition",
                                                                                   "postonly"):
            return False
        end = k
        rest = [j for j in range(k + 1, s.n) if not s.is_punct(j)]
        if s.low[k - 1] in self.lex.speaker_pronouns and s.toks[k - 1].pos == "PRON" and \
                all(s.toks[j].pos in ("ADP", "ADV", "PART") for j in rest):
            end = k - 1  # "... mit den Medien sprechen er fügte hinzu."
        elif s.is_sep(k - 1) or s.low[k - 1] in ("und", "oder", "es") or \
                s.toks[k - 1].pos in ("PRON", "ADV", "AUX"):
            return False
        else:
            nxt = k + 1
            if nxt >= s.n or not (s.toks[nxt].pos in ("DET", "PROPN", "NOUN", "ADJ") or
                                   s.low[nxt] in self.lex.speaker_pronouns):
                return False
        start = site.a
        finite = [j for j in range(start, end) if s.is_finite(j) and not s.inside[j] and not s._attributive(j)]
        if not finite or s.clause_starts_subordinate(start) or end - start < 3:
            return False
        site.mode, site.content = "post", (start, end)
        site.kind = "indirect" if s.main_mood(start, end) else "direct"
        return True

    def _english_subject_start(self, s: Sent, a: int) -> int:
        """"“...,” Andrei Lankov, an expert at Kookmin University, told AP": the cue clause starts at
        the subject, before the verbless apposition chunks."""
        j = a
        while j >= 2 and s.toks[j - 1].text == "," and not s.inside[j - 1]:
            pa, _ = s.chunk_of(j - 2)
            if s.has_verb(pa, j - 1) or any(s.inside[x] for x in range(pa, j - 1)):
                break
            if pa == 0 or not (s.toks[pa - 1].text == "," or s.is_quote_char(pa - 1)):
                break
            j = pa
        return j

    def _split_after(self, s: Sent, c0: int) -> tuple[int, int] | None:
        """The verbatim continuation after a post-posed cue clause ("..., sagte er, aber ich ...")."""
        if c0 >= s.n:
            return None
        end = self._content_stop(s, c0)
        first = s.low[c0]
        if first in ("ohne", "um", "wobei", "als", "nachdem", "bevor", "während", "der", "die", "das", "was",
                     "wo", "weil", "da", "dem", "den", "und"):
            if first != "und" or not s.first_person(c0, end):
                return None
        if first in ("aber", "doch", "denn", "sondern", "jedoch", "but") or s.first_person(c0, end) \
                or s.main_mood(c0, end) == 1:
            if s.has_verb(c0, end):
                return c0, end
        return None

    def _english_object_clause(self, s: Sent, site: CueSite) -> None:
        """English "X said (that) CLAUSE" without a comma: the ccomp of the cue verb."""
        k = site.k
        for c in s.kids[k]:
            if s.toks[c].dep in ("ccomp",) and c > k:
                sub = self._subtree(s, c)
                lo = max(k + 1, min(sub))
                while lo < s.n and (s.low[lo] == "that" or s.is_punct(lo)):
                    lo += 1
                hi = max(sub) + 1
                for j in range(lo, hi):
                    if j in s.blocked:  # "..., according to X"
                        hi = j
                        break
                site.mode, site.content, site.kind = "pre", (lo, hi), "indirect"
                return
        site.mode = "none"

    def _subtree(self, s: Sent, k: int) -> list[int]:
        out, todo = [], [k]
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(c for c in s.kids[j] if c not in out)
        return out
