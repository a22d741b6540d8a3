"""Readers for the training and evaluation corpora (CoNLL-U treebanks, NER column files).

Used by ``training/convert.py`` (to build spaCy DocBins) and by ``newsevents.eval.nlp`` (to
score held-out files). Pure Python, no spaCy needed to read.

Multi-word tokens (CoNLL-U ``2-3`` lines) become surface tokens, because that is what a
tokenizer sees in running text: if the syntactic words spell the surface form (English
"don't" = "do" + "n't") they are kept as separate tokens without a space; otherwise (German
"zum" = "zu" + "dem") they are merged into one token carrying the annotation of the first word.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

NER_LABELS = ("PER", "ORG", "LOC")


@dataclass
class UDToken:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 0-based index within the sentence, -1 for root
    deprel: str
    space_after: bool = True
    ent: str = "O"  # BIO tag (PER/ORG/LOC only), when the corpus has entities


@dataclass
class UDSentence:
    sent_id: str
    text: str
    tokens: list[UDToken]
    doc_id: str | None = None
    newpar: bool = False
    comments: list[str] = field(default_factory=list)


def _open(path: Path):
    path = Path(path)
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _misc(misc: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if misc in ("_", ""):
        return out
    for part in misc.split("|"):
        k, _, v = part.partition("=")
        out[k] = v
    return out


# GUM entity types that map to our three labels
_GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
_ENT_OPEN = re.compile(r"\((\d+)-([a-z]+)")


def _gum_entities(rows: list[list[str]], loose: bool = False) -> list[tuple[int, int, str]]:
    """Named-entity spans (token start, end exclusive, label) from GUM ``Entity=`` brackets.

    GUM annotates every mention (including "he", "the company"); keep person/organization/place
    mentions whose syntactic head is a proper noun, trimmed to the proper-noun stretch around it.
    """
    stack: list[tuple[str, str, int]] = []
    spans: list[tuple[int, int, str]] = []
    for i, r in enumerate(rows):
        ent = _misc(r[9]).get("Entity")
        if not ent:
            continue
        pos = 0
        while pos < len(ent):
            ch = ent[pos]
            if ch == "(":
                m = _ENT_OPEN.match(ent, pos)
                if not m:
                    pos += 1
                    continue
                eid, etype = m.group(1), m.group(2)
                # find end of this opener (next '(' or ')' or end)
                j = pos + 1
                while j < len(ent) and ent[j] not in "()":
                    j += 1
                if j < len(ent) and ent[j] == ")":  # single-token mention "(5-person-...)"
                    spans.append((i, i + 1, etype))
                    j += 1
                else:
                    stack.append((eid, etype, i))
                pos = j
            elif ch.isdigit():
                m = re.match(r"(\d+)\)", ent[pos:])
                if m:
                    eid = m.group(1)
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][0] == eid:
                            _, etype, start = stack.pop(k)
                            spans.append((start, i + 1, etype))
                            break
                    pos += len(m.group(0))
                else:
                    pos += 1
            else:
                pos += 1
    out = []
    for start, end, etype in spans:
        label = _GUM_TYPES.get(etype)
        if not label:
            continue
        # syntactic head of the mention: the token whose head lies outside it; with several
        # (appositions, broken spans) the last word, which is the head of English names
        heads = [k for k in range(start, end) if not (start <= int(rows[k][6]) - 1 < end)]
        if len(heads) != 1 and not loose:
            continue
        if len(heads) != 1:
            k = end - 1
            while k > start and rows[k][3] == "PUNCT":
                k -= 1
            heads = [k]
        if rows[heads[0]][3] != "PROPN":
            continue
        h = heads[0]
        s = h
        while s - 1 >= start and rows[s - 1][3] == "PROPN":
            s -= 1
        e = h + 1
        # names with links inside: "University of Michigan", "Bank of the West"
        while e < end:
            if rows[e][3] == "PROPN":
                e += 1
                continue
            j = e
            links = ("ADP", "DET", "CCONJ")
            while j < end and (rows[j][3] in links or (loose and rows[j][1] in ("&", "-"))):
                j += 1
                if not loose:  # one link word only: "University of Michigan"
                    break
            if j > e and j < end and rows[j][3] == "PROPN":
                e = j
                continue
            break
        out.append((s, e, label))
    # keep outermost non-overlapping spans
    out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, lab in out:
        if s >= last_end:
            kept.append((s, e, lab))
            last_end = e
    return kept


def _build_sentence(rows: list[list[str]], mwts: dict[int, tuple[int, str, str]],
                    gum_entities: bool | str) -> list[UDToken]:
    """Turn CoNLL-U word rows into surface tokens (see module docstring)."""
    n = len(rows)
    ents = ["O"] * n
    if gum_entities:
        for s, e, lab in _gum_entities(rows, loose=gum_entities == "loose"):
            ents[s] = "B-" + lab
            for k in range(s + 1, e):
                ents[k] = "I-" + lab
    # groups: list of (first word idx, last word idx, surface or None, misc of mwt)
    groups: list[tuple[int, int, str | None, str]] = []
    i = 0
    while i < n:
        if i in mwts:
            last, surface, misc = mwts[i]
            words = [rows[k][1] for k in range(i, last + 1)]
            if "".join(words).lower() == surface.lower():
                for k in range(i, last + 1):
                    sp = "SpaceAfter=No" not in misc if k == last else False
                    groups.append((k, k, rows[k][1], "_" if sp else "SpaceAfter=No"))
                i = last + 1
                continue
            groups.append((i, last, surface, misc))
            i = last + 1
        else:
            groups.append((i, i, None, rows[i][9]))
            i += 1
    word2tok = {}
    for t, (a, b, _, _) in enumerate(groups):
        for k in range(a, b + 1):
            word2tok[k] = t
    toks: list[UDToken] = []
    for t, (a, b, surface, misc) in enumerate(groups):
        # head from the word of the group whose head is outside the group (else the first)
        src = a
        for k in range(a, b + 1):
            if not (a <= int(rows[k][6]) - 1 <= b):
                src = k
                break
        head_word = int(rows[src][6]) - 1
        head = -1 if head_word < 0 else word2tok[head_word]
        if head == t:
            head = -1
        r0 = rows[a]  # category, lemma, features: first word (ADP of "zum")
        form = surface if surface is not None else r0[1]
        space = "SpaceAfter=No" not in misc
        feats = r0[5] if r0[5] != "_" else ""
        toks.append(UDToken(form, r0[2], r0[3], r0[4], feats, head, rows[src][7], space,
                            ents[src]))
    # repair: roots with head -1 count; make sure exactly the tree is sane (merges may loop)
    for t, tok in enumerate(toks):
        seen = set()
        h = t
        while h != -1 and h not in seen:
            seen.add(h)
            h = toks[h].head
        if h != -1:  # cycle: cut it at this token
            tok.head = -1
    return toks


def read_conllu(path: Path | str, gum_entities: bool | str = False) -> Iterator[UDSentence]:
    """Sentences of a CoNLL-U file (plain or .gz) with surface tokens.

    ``gum_entities``: read GUM ``Entity=`` annotation into ``UDToken.ent`` (True: strict head
    rule, as used for the shipped English NER; "loose": also mentions with several heads)."""
    doc_id = None
    comments: list[str] = []
    rows: list[list[str]] = []
    mwts: dict[int, tuple[int, str, str]] = {}
    newpar = False
    with _open(Path(path)) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line)
                if line.startswith("# newdoc"):
                    doc_id = line.split("=", 1)[1].strip() if "=" in line else None
                    newpar = True
                if line.startswith("# newpar"):
                    newpar = True
                continue
            if not line.strip():
                if rows:
                    yield _finish(rows, mwts, comments, doc_id, newpar, gum_entities)
                rows, mwts, comments, newpar = [], {}, [], False
                continue
            parts = line.split("\t")
            if "." in parts[0]:
                continue
            if "-" in parts[0]:
                a, b = parts[0].split("-")
                mwts[int(a) - 1] = (int(b) - 1, parts[1], parts[9])
                continue
            rows.append(parts)
        if rows:
            yield _finish(rows, mwts, comments, doc_id, newpar, gum_entities)


def _finish(rows, mwts, comments, doc_id, newpar, gum_entities) -> UDSentence:
    sent_id = text = ""
    for c in comments:
        if c.startswith("# sent_id"):
            sent_id = c.split("=", 1)[1].strip()
        elif c.startswith("# text =") or c.startswith("# text="):
            text = c.split("=", 1)[1].strip()
    toks = _build_sentence(rows, mwts, gum_entities)
    if not text:
        text = "".join(t.form + (" " if t.space_after else "") for t in toks).strip()
    return UDSentence(sent_id, text, toks, doc_id, newpar, comments)


def ud_train_split(all_docs: Path, held_out: list[Path], gum_entities: bool | str = False
                   ) -> Iterator[UDSentence]:
    """Sentences of ``all-documents.conllu.gz`` whose document is in none of the held-out files.

    Held-out documents are recognised by ``# newdoc id``; sentence ids are checked as well.
    """
    docs: set[str] = set()
    sids: set[str] = set()
    for p in held_out:
        for s in read_conllu(p):
            if s.doc_id:
                docs.add(s.doc_id)
            sids.add(s.sent_id)
    for s in read_conllu(all_docs, gum_entities=gum_entities):
        if (s.doc_id and s.doc_id in docs) or s.sent_id in sids:
            continue
        yield s


# ---------------------------------------------------------------- NER column files


@dataclass
class NERSentence:
    words: list[str]
    tags: list[str]  # BIO over PER/ORG/LOC


def ud_doc(vocab, group: list[UDSentence], xpos: bool = True, with_ents: bool = False):
    """A spaCy Doc with the gold annotation of consecutive UD sentences (training and scoring).

    ``xpos=False`` leaves the fine-grained tags unannotated; ``with_ents`` sets the sentences'
    entity tags."""
    from spacy.tokens import Doc

    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts, ents = ([] for _ in range(10))
    for s in group:
        off = len(words)
        for j, t in enumerate(s.tokens):
            words.append(t.form)
            spaces.append(t.space_after)
            tags.append(t.xpos if xpos and t.xpos != "_" else "")
            pos.append(t.upos)
            morphs.append(t.feats)
            lemmas.append(t.lemma if t.lemma != "_" else t.form)
            heads.append(off + (t.head if t.head >= 0 else j))
            deps.append(t.deprel.split(":")[0] if t.head >= 0 else "ROOT")
            starts.append(j == 0)
            ents.append(t.ent)
        if spaces:
            spaces[-1] = True
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas,
               heads=heads, deps=deps, sent_starts=starts, ents=ents if with_ents else None)


def _map_label(lab: str) -> str | None:
    lab = lab.upper()
    if lab in ("PER", "PERSON"):
        return "PER"
    if lab in ("ORG", "ORGANIZATION"):
        return "ORG"
    if lab in ("LOC", "LOCATION", "GPE"):
        return "LOC"
    return None  # MISC, OTH, *deriv, *part ...


def normalise_bio(tags: list[str]) -> list[str]:
    """Map labels to PER/ORG/LOC (others -> O) and repair IOB1 / dangling I- into BIO."""
    out: list[str] = []
    prev_raw = "O"
    for raw in tags:
        raw = raw.strip() or "O"
        if raw == "O" or "-" not in raw:
            out.append("O")
            prev_raw = "O"
            continue
        prefix, _, lab = raw.partition("-")
        mapped = _map_label(lab)
        if mapped is None:
            out.append("O")
            prev_raw = raw
            continue
        if prefix == "B":
            out.append("B-" + mapped)
        else:  # I-: continues only if previous raw tag had the same (raw) label
            _, _, prev_lab = prev_raw.partition("-")
            if prev_raw != "O" and prev_lab == lab and out and out[-1] != "O":
                out.append("I-" + mapped)
            else:
                out.append("B-" + mapped)
        prev_raw = raw
    return out


def read_ner(path: Path | str, fmt: str) -> Iterator[NERSentence]:
    """NER sentences; ``fmt``: ``idx`` (idx, token, BIO: WikiANN, CoNLL-2003, wikigold),
    ``germeval`` (idx, token, outer, inner; '#' comments), ``europarl`` (token, lemma, pos,
    chunk, IOB1 NER)."""
    words: list[str] = []
    tags: list[str] = []
    with _open(Path(path)) as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#") and fmt == "germeval":
                continue
            if not line.strip():
                if words:
                    yield NERSentence(words, normalise_bio(tags))
                words, tags = [], []
                continue
            parts = line.split("\t")
            if fmt == "europarl":
                w, t = parts[0], parts[-1]
            else:
                w, t = parts[1], parts[2]
            if w == "-DOCSTART-":
                continue
            words.append(w)
            tags.append(t)
        if words:
            yield NERSentence(words, normalise_bio(tags))
