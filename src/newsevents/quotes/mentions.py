"""Speaker and addressee mentions of a cue site, inside one sentence."""

from __future__ import annotations

from ..clean.freq import zipf
from ..document import Entity
from .base import NON_SPEAKER, RARE_ZIPF, CueSite, RuleBase
from .grammar import CLAUSE_PUNCT, END_PUNCT, Sent
from .speakers import is_person


class MentionRules(RuleBase):
    """Choose the speaker and the addressee of a cue site among the mentions of its clause."""

    # -- speakers ------------------------------------------------------------------------
    def _find_speaker(self, s: Sent, site: CueSite) -> None:
        if site.cls == "impersonal":
            site.speaker = self._impersonal_source(s, site)
            return
        lo, hi = self._speaker_zone(s, site)
        if site.cls == "quoteverb":
            objs = [c for c in s.kids[site.k] if s.toks[c].dep in ("obj", "iobj") and lo <= c < hi]
            cands = self._candidates(s, lo, hi, site.k)
            after = [c for c in cands if c[0] > site.k]
            if objs:
                for c in cands:
                    if c[0] <= objs[0] < c[1]:
                        site.speaker = c
                        return
            if len(after) >= 2:
                site.speaker = after[1]
                return
        relay = self._relay(s, site)
        if relay is not None:
            site.speaker = relay
            return
        subj = self._parse_subject(s, site, lo, hi)
        if subj is None:
            cands = self._candidates(s, lo, hi, site.k)
            if not cands:
                return
            before = [c for c in cands if c[1] <= site.k]
            after = [c for c in cands if c[0] > site.k]
            if site.mode == "post" and not site.source and self.lex.lang != "en":
                subj = (after or before or cands)[0]
            else:
                subj = (before or after or cands)[0]
        site.speaker = self._apposition_name(s, subj)

    def _apposition_name(self, s: Sent, rng: tuple[int, int]) -> tuple[int, int]:
        """"der Chef der Ukip, Nigel Farage, ...": a role followed by a name in apposition -> the name."""
        a, b = rng
        for r in s.entity_ranges():
            if r[0] == b and b - a <= 2 and self._is_person_range(s, r):
                return r  # "Bundeskanzler Olaf Scholz": a title, then the name
        if any(r[0] <= a and b <= r[1] and self._is_person_range(s, r) for r in s.entity_ranges()):
            return rng
        a0 = a
        while a0 > 0 and s.toks[a0 - 1].pos == "DET":
            a0 -= 1
        if a0 >= 2 and s.toks[a0 - 1].text == ",":
            # "Andrei Lankov, an expert at Kookmin University, told AP": the name before the role
            for r in s.entity_ranges():
                if r[1] == a0 - 1 and self._is_person_range(s, r) and (r[0] == 0 or s.is_sep(r[0] - 1)
                                                                      or s.is_quote_char(r[0] - 1)):
                    return r
        j = b
        while j < s.n and not s.is_sep(j) and s.toks[j].pos in ("DET", "NOUN", "PROPN", "ADJ", "PUNCT") \
                and s.toks[j].text not in END_PUNCT and j - b < 8:
            j += 1
        if j >= s.n or s.toks[j].text != ",":
            return rng
        for r in s.entity_ranges():
            if r[0] == j + 1 and self._is_person_range(s, r) and (r[1] >= s.n or s.is_sep(r[1])
                                                                  or s.toks[r[1]].text in END_PUNCT):
                return r
        return rng

    def _is_person_range(self, s: Sent, r: tuple[int, int]) -> bool:
        a, b = s.toks[r[0]].start, s.toks[r[1] - 1].end
        return any(e.start == a and e.end == b and is_person(e) for e in s.entities)

    def _relay(self, s: Sent, site: CueSite) -> tuple[int, int] | None:
        """"berichteten Nachrichtenagenturen unter Berufung auf einen Kreml-Berater": a medium passing
        on someone else's words; the one cited is the speaker."""
        relay = [p for p in self.lex.source_before if p[-1] in ("auf", "citing", "quoting")]
        for j in range(site.a, site.b):
            for pat in relay:
                if tuple(s.low[j:j + len(pat)]) == pat:
                    np = s.np_after(j + len(pat), site.b)
                    if np is not None:
                        return self._extend_entity(s, np)
        return None

    def _speaker_zone(self, s: Sent, site: CueSite) -> tuple[int, int]:
        """Token range where the speaker of a cue site may be mentioned."""
        if site.mode == "post" or site.source and site.mode == "post":
            return site.a, site.b
        lo = site.a
        if site.mode in ("pre", "colon", "marked") and site.a > 0 and not site.source:
            # "Andrei Lankov, ein Experte ..., sagte, dass": the subject may stand before an apposition
            j = site.a - 1
            while j > 0 and s.toks[j].text == "," and not s.inside[j]:
                pa, _ = s.chunk_of(j - 1)
                if pa == 0 or s.has_verb(pa, j):
                    if pa == 0 and not s.has_verb(pa, j):
                        lo = 0
                    break
                j = pa - 1
        hi = site.b
        if site.content is not None and site.mode in ("pre", "colon"):
            hi = min(hi, site.content[0])
        return lo, hi

    def _parse_subject(self, s: Sent, site: CueSite, lo: int, hi: int) -> tuple[int, int] | None:
        heads = [site.k]
        h = s.head(site.k)
        if h is not None and s.toks[site.k].pos == "AUX":
            heads.append(h)
        for j in range(site.a, site.b):
            if s.toks[j].pos == "AUX" and s.head(j) == site.k:
                heads.append(j)
        content = site.content or (-1, -1)
        for hd in heads:
            for c in s.kids[hd]:
                if s.toks[c].dep not in ("nsubj", "nsubj:pass"):
                    continue
                if not (lo <= c < hi) or content[0] <= c < content[1] or s.inside[c]:
                    continue
                got = self._mention_around(s, c, lo, hi)
                if got is not None:
                    return got
        return None

    def _mention_around(self, s: Sent, c: int, lo: int, hi: int) -> tuple[int, int] | None:
        """The mention containing token c: an entity over it, or its noun phrase."""
        if c in s.blocked:
            return None
        for e_lo, e_hi in self._entity_ranges(s, lo, hi):
            if e_lo <= c < e_hi:
                return e_lo, e_hi
        if self._pronoun(s, c):
            return c, c + 1
        start = c
        while start > lo and s.toks[start - 1].pos in ("DET", "ADJ", "NUM") and not s.is_sep(start - 1):
            start -= 1
        got = s.np_after(start, hi)
        return got if got is not None and self._speakerlike(s, got) else None

    def _pronoun(self, s: Sent, j: int) -> bool:
        """A personal pronoun that can stand for a speaker (not an article: "die in London ansässige")."""
        if s.low[j] not in self.lex.speaker_pronouns or s.toks[j].pos != "PRON":
            return False
        nxt = s.toks[j + 1].pos if j + 1 < s.n else ""
        return nxt not in ("NOUN", "ADJ", "PROPN") or s.low[j] in ("er", "he", "she", "they")

    def _speakerlike(self, s: Sent, np: tuple[int, int]) -> bool:
        """A noun phrase that can name a speaker: it holds an entity, a name, or a statement noun
        ("Bericht", "Zeitungsbericht"); "Euro" or "seine Meinung" cannot."""
        a, b = np
        if any(r[0] < b and a < r[1] for r in s.entity_ranges()):
            return True
        for j in range(a, b):
            t = s.toks[j]
            if j in s.blocked or s.low[j] in NON_SPEAKER:
                return False
            if t.pos == "PROPN" and t.text[:1].isupper():
                return True
            if t.pos == "NOUN" and t.text[:1].isupper() and "-" not in t.text and \
                    zipf(s.low[j], self.lex.lang) < RARE_ZIPF:
                return True  # a rare capitalised word: most likely a name the tagger took for a noun
            if t.pos == "NOUN" and any(s.low[j].endswith(n) for n in self.lex.statement_nouns):
                return True
        return False

    def _entity_ranges(self, s: Sent, lo: int, hi: int) -> list[tuple[int, int]]:
        return [r for r in s.entity_ranges() if lo <= r[0] and r[1] <= hi]

    def _candidates(self, s: Sent, lo: int, hi: int, k: int) -> list[tuple[int, int]]:
        """Possible speaker mentions in [lo, hi): entities, pronouns, noun phrases, in order;
        those inside a prepositional phrase or in the dative of an addressee are left out."""
        out: list[tuple[int, int]] = []
        taken: set[int] = set()
        for r in sorted(self._entity_ranges(s, lo, hi), key=lambda r: (r[0], -r[1])):
            if any(j in taken or j in s.blocked for j in range(*r)) or s.inside[r[0]]:
                continue
            if self._in_pp(s, r[0], lo) or self._dative_addressee(s, r[0]):
                continue
            out.append(r)
            taken.update(range(*r))
        for j in range(lo, hi):
            if j in taken or j == k or j in s.blocked:
                continue
            t = s.toks[j]
            if s.inside[j]:
                title = self._title_in_marks(s, j, lo, hi)
                if title is not None and title[1] <= k:
                    out.append(title)
                    taken.update(range(*title))
                continue
            if self._pronoun(s, j) and s.low[j] not in ("ihm", "ihn", "ihr", "him", "her"):
                out.append((j, j + 1))
                taken.add(j)
            elif t.pos in ("NOUN", "PROPN") and not self._in_pp(s, j, lo) and not self._dative_addressee(s, j):
                start = j
                while start > lo and s.toks[start - 1].pos in ("DET", "ADJ", "NUM") and start - 1 not in taken:
                    start -= 1
                np = s.np_after(start, hi)
                if np is None:
                    continue
                np = (np[0], min(np[1], hi))
                if not self._speakerlike(s, np):
                    continue
                out.append(np)
                taken.update(range(*np))
        out.sort()
        return out

    def _title_in_marks(self, s: Sent, j: int, lo: int, hi: int) -> tuple[int, int] | None:
        """A short name between quotation marks ("„Times of London“ berichtete") as a speaker."""
        if j > 0 and s.inside[j - 1]:
            return None
        e = j
        while e < hi and s.inside[e]:
            e += 1
        if e - j > 5 or j < lo or not s.toks[j].text[:1].isupper():
            return None
        return j, e

    def _in_pp(self, s: Sent, j: int, lo: int) -> bool:
        """True if token j is inside a prepositional phrase ("in der Provinz Hama", "beim Landeskriminalamt");
        a phrase inside a premodifier ("die in London ansässige Beobachtungsstelle") does not count."""
        p = j - 1
        while p >= lo and s.toks[p].pos in ("DET", "ADJ", "NUM"):
            p -= 1
        return p >= lo and s.toks[p].pos == "ADP" and s.low[p] not in ("von",)

    def _dative_addressee(self, s: Sent, j: int) -> bool:
        p = j - 1
        while p >= 0 and s.toks[p].pos == "ADJ":
            p -= 1
        if p >= 0 and s.low[p] in ("dem",) and s.toks[p].pos == "DET":
            return True
        if p >= 0 and s.low[p] == "der" and "Case=Dat" in s.toks[p].morph and s.toks[j].text.lower() \
                in self.lex.addressee_nouns | {"apa", "presse"}:
            return True
        return False

    def _impersonal_source(self, s: Sent, site: CueSite) -> tuple[int, int] | None:
        """"hieß es in einer Erklärung Bans", "heißt es aus dem Ministerium", "In dem Bericht hieß es"."""
        for j in range(site.a, site.b):
            if s.low[j] in ("in", "aus", "im", "von", "seitens") and not s.inside[j]:
                np = s.np_after(j + 1, site.b)
                if np is None:
                    continue
                # prefer a named owner inside the phrase ("Erklärung Bans")
                for r in self._entity_ranges(s, np[0], np[1]):
                    return r
                return np
        return None

    # -- addressee ------------------------------------------------------------------------
    def _addressee(self, s: Sent, site: CueSite) -> str | None:
        if site.mode in ("none", ""):
            return None
        lo, hi = site.a, site.b
        if site.content is not None and site.mode in ("pre", "colon"):
            hi = min(hi, site.content[0])
        spk = site.speaker or (-1, -1)
        for pat in self.lex.addressee_preps:
            for j in range(lo, hi - len(pat) + 1):
                if tuple(s.low[j:j + len(pat)]) == pat and not (spk[0] <= j < spk[1]):
                    np = s.np_after(j + len(pat), hi)
                    if np is not None and (pat[-1] not in self.lex.listener_preps or self._listener(s, np)):
                        return self._text(s, np)
                    if len(pat) > 1 and pat[-1] not in self.lex.listener_preps:
                        return self._text(s, (j + 1, j + len(pat)))
        for j in range(lo, hi):
            if spk[0] <= j < spk[1] or s.inside[j]:
                continue
            w = s.low[j]
            for comp in self.lex.addressee_compounds:
                if w.endswith("-" + comp.lower()) and j > 0 and s.low[j - 1] in ("im", "in"):
                    return s.toks[j].text[: -len(comp) - 1]
            if w in ("dem", "der") and s.toks[j].pos == "DET" and j + 1 < hi:
                if self._genitive(s, j + 1):
                    continue  # "laut einem Bericht der Presse"
                np = s.np_after(j, hi)
                if np is not None and self._listener(s, np):
                    return self._text(s, np)
            if self.lex.lang == "en" and w == "told" and j + 1 < hi:
                np = s.np_after(j + 1, hi)
                if np is not None:
                    return self._text(s, np)
        # a medium named without article after the speaker ("sagte Münch dazu Spiegel online")
        for r in self._entity_ranges(s, max(lo, spk[1]), hi):
            if r[0] > spk[1] > 0 and not self._in_pp(s, r[0], lo) and not self._genitive(s, r[0]):
                ent = self._entity_at(s, r)
                if ent is not None and ent.sector == "JRN":
                    return self._text(s, r)
        return None

    def _genitive(self, s: Sent, j: int) -> bool:
        """Token j is in a genitive attached to a noun ("einem Bericht der Presse")."""
        p = j - 1
        while p >= 0 and s.toks[p].pos == "ADJ":
            p -= 1
        if p < 1 or s.low[p] not in ("der", "des") or s.toks[p - 1].pos != "NOUN":
            return False
        q = p - 1  # a common noun, not a name the tagger called a noun ("sagte Fischer der APA")
        return not any(r[0] <= q < r[1] for r in s.entity_ranges()) and zipf(s.low[q], self.lex.lang) >= RARE_ZIPF

    def _listener(self, s: Sent, np: tuple[int, int]) -> bool:
        """A noun phrase that names a listener: a medium, an agency, reporters, a court ..."""
        words = {s.low[x] for x in range(*np)}
        nouns = {x.split("-")[-1] for x in words}
        return bool(words & self.lex.addressee_nouns or nouns & self.lex.addressee_nouns or
                    any(s.toks[x].text.casefold() in self.agency_alias for x in range(*np)))

    def _entity_at(self, s: Sent, r: tuple[int, int]) -> Entity | None:
        a, b = s.toks[r[0]].start, s.toks[r[1] - 1].end
        for e in s.entities:
            if e.start == a and e.end == b:
                return e
        return None

    def _text(self, s: Sent, r: tuple[int, int]) -> str:
        a, b = r
        while b > a and (s.is_quote_char(b - 1) or s.toks[b - 1].text in CLAUSE_PUNCT | END_PUNCT):
            b -= 1
        if b <= a:
            return ""
        return s.doc_text[s.toks[a].start:s.toks[b - 1].end].rstrip(".")
