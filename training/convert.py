"""Build the training corpora (spaCy DocBins) in training/corpus/ from ../shared/data.

    python training/convert.py [--shared ../shared]

Only training and development material is written here; held-out test files are read by
``newsevents.eval.nlp`` directly. German UD: GSD dev + PUD + LIT (GSD test held out); English UD:
EWT + GUM documents not in the official dev/test files. NER: WikiANN train (+ Europarl train,
GermEval 2014 dev for German; + GUM train named mentions for English), labels PER/ORG/LOC.
The dev sets (for spaCy's checkpoint selection) are slices of the training pools or the
corpora's own validation files, never a test file.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.nlp.corpora import (  # noqa: E402
    NERSentence,
    UDSentence,
    read_conllu,
    read_ner,
    ud_doc,
    ud_train_split,
)

OUT = ROOT / "training" / "corpus"
SEED = 13


def ud_docs(nlp, sents: list[UDSentence], n_sents: int = 10, with_ents: bool = False,
            xpos: bool = True):
    """Group consecutive sentences (same document) into Docs of up to ``n_sents`` sentences.

    ``xpos=False`` leaves the fine-grained tags unannotated (German PUD uses English PTB tags
    instead of STTS, which would teach the tagger two tag sets)."""
    group: list[UDSentence] = []

    def make(group):
        return ud_doc(nlp.vocab, group, xpos=xpos, with_ents=with_ents)

    prev_doc = object()
    for s in sents:
        if group and (len(group) >= n_sents or s.doc_id != prev_doc):
            yield make(group)
            group = []
        group.append(s)
        prev_doc = s.doc_id
    if group:
        yield make(group)


def ner_docs(nlp, sents: list[NERSentence], n_sents: int = 8):
    for i in range(0, len(sents), n_sents):
        words, ents = [], []
        for s in sents[i : i + n_sents]:
            words += s.words
            ents += s.tags
        yield Doc(nlp.vocab, words=words, ents=ents)


_MARKUP = {"WEITERLEITUNG", "Weiterleitung", "REDIRECT", "''", "'", "*", "**", "***"}


def clean_wikiann(sents: list[NERSentence], min_outside: int = 4, split_lists: bool = False
                  ) -> list[NERSentence]:
    """WikiANN is silver data from link anchors: keep sentence-like items (at least
    ``min_outside`` tokens outside entities, no redirect/markup residue), cut entity spans at an
    opening bracket ("Hu ( Xi'an )" -> "Hu") and drop lower-case one-word "entities" (adjectives
    such as "österreichische", which GermEval/CoNLL do not count as PER/ORG/LOC)."""
    out = []
    for s in sents:
        if any(w in _MARKUP for w in s.words):
            continue
        tags = list(s.tags)
        inside_bracket = False
        for i, (w, t) in enumerate(zip(s.words, tags, strict=False)):
            if t == "O":
                inside_bracket = False
                continue
            if t.startswith("B-"):
                inside_bracket = False
            if t.startswith("I-") and (w in ("(", "[") or (w == "," and not split_lists)):
                inside_bracket = True  # shipped models: the rest of the span after "(" or ","
            if inside_bracket:
                tags[i] = "O"
            elif split_lists and t.startswith("I-") and w in (",", "/", "•"):
                # "Warren Grove , New Jersey" = two names
                tags[i] = "O"
                if i + 1 < len(tags) and tags[i + 1].startswith("I-"):
                    tags[i + 1] = "B-" + tags[i + 1][2:]
        for i, t in enumerate(tags):  # an I- after a bracket cut starts a new span
            if t.startswith("I-") and (i == 0 or tags[i - 1] == "O"):
                tags[i] = "B-" + t[2:]
        for i, (w, t) in enumerate(zip(s.words, tags, strict=False)):
            if t.startswith("B-") and w[:1].islower():
                nxt = tags[i + 1] if i + 1 < len(tags) else "O"
                if not nxt.startswith("I-"):
                    tags[i] = "O"
        if sum(t == "O" for t in tags) < min_outside:
            continue
        out.append(NERSentence(s.words, tags))
    return out


def ud_ner_negatives(sents: list[UDSentence]) -> list[NERSentence]:
    """Treebank sentences as partial NER annotation: every token that is certainly not part
    of a name (not PROPN/X and not next to one) is "O", the rest is left unannotated (missing).
    This shows the NER many capitalised German common nouns that are not entities, which the
    entity-dense WikiANN items do not."""
    out = []
    for s in sents:
        miss = [t.upos in ("PROPN", "X") for t in s.tokens]
        changed = True
        while changed:
            changed = False
            for i, t in enumerate(s.tokens):
                if miss[i]:
                    continue
                left = i > 0 and miss[i - 1]
                right = i + 1 < len(miss) and miss[i + 1]
                if (left or right) and (t.form[:1].isupper() or t.form[:1].isdigit()):
                    miss[i] = changed = True
                elif left and right and t.upos in ("ADP", "DET", "CCONJ", "PUNCT"):
                    miss[i] = changed = True
        out.append(NERSentence([t.form for t in s.tokens], ["" if m else "O" for m in miss]))
    return out


def save(docs, name: str) -> list:
    """Write ``docs`` to corpus/``name``; returns them as a list."""
    docs = list(docs)
    DocBin(docs=docs, store_user_data=False).to_disk(OUT / name)
    print(f"{name}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens", flush=True)
    return docs


def split_dev(docs: list, every: int) -> tuple[list, list]:
    train = [d for i, d in enumerate(docs) if i % every != every // 2]
    dev = [d for i, d in enumerate(docs) if i % every == every // 2]
    return train, dev


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--only", choices=["de", "en"], default=None)
    ap.add_argument("--ud-only", action="store_true", help="German treebank corpora only")
    ap.add_argument("--ner-only", action="store_true", help="NER corpora only")
    ap.add_argument("--en-v2", action="store_true", help="English NER data of run en_ner_v2")
    ap.add_argument("--germeval-weight", type=int, default=4,
                    help="copies of the GermEval dev sentences in the German NER training set")
    args = ap.parse_args(argv)
    ud = args.shared / "data" / "ud"
    ner = args.shared / "data" / "ner"
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)

    if args.only in (None, "de"):
        nlp = spacy.blank("de")
        pool = []
        ud_sents: list[UDSentence] = []
        for f in (
            ud / "de-gsd" / "de_gsd-ud-dev.conllu",
            ud / "de-pud" / "de_pud-ud-test.conllu",
            ud / "de-lit" / "de_lit-ud-test.conllu",
        ):
            sents = list(read_conllu(f))
            ud_sents += sents
            pool += list(ud_docs(nlp, sents, xpos="de-pud" not in str(f)))
        train, dev = split_dev(pool, 12)
        if not args.ner_only:
            save(train, "de_ud_train.spacy")
            save(dev, "de_ud_dev.spacy")
        if args.ud_only:
            return

        ge = list(read_ner(ner / "germeval2014" / "dev.tsv", "germeval"))
        ge_train, ge_dev = ge[:-400], ge[-400:]
        wtrain = clean_wikiann(list(read_ner(ner / "wikiann-de" / "train.conllu", "idx")))
        ep = list(read_ner(ner / "europarl-de" / "train.tsv", "europarl"))
        ner_train = wtrain + ep + ge_train * args.germeval_weight  # GermEval: news/wiki sentences
        ner_train += ud_ner_negatives(ud_sents)
        rng.shuffle(ner_train)
        train_docs = save(ner_docs(nlp, ner_train), "de_ner_train.spacy")
        wval = clean_wikiann(list(read_ner(ner / "wikiann-de" / "val.conllu", "idx")))[:1000]
        epdev = list(read_ner(ner / "europarl-de" / "dev.tsv", "europarl"))
        save(ner_docs(nlp, wval + epdev + ge_dev), "de_ner_dev.spacy")
        held_out = save(ner_docs(nlp, ge_dev), "de_ner_dev_germeval.spacy")
        # the shipped German NER (de_ner_c5) also learns from the 400 held-out GermEval sentences,
        # with the step count chosen while they were held out (de_ner_c1): every in-domain sentence
        all_docs = train_docs + held_out * args.germeval_weight
        random.Random(SEED).shuffle(all_docs)
        save(all_docs, "de_ner_train_all.spacy")

    if args.only in (None, "en"):
        nlp = spacy.blank("en")
        ewt, gum = ud / "en-ewt", ud / "en-gum"
        ewt_train = list(ud_train_split(ewt / "all-documents.conllu.gz",
                                        [ewt / "en_ewt-ud-dev.conllu", ewt / "en_ewt-ud-test.conllu"]))
        gum_train = list(ud_train_split(gum / "all-documents.conllu.gz",
                                        [gum / "en_gum-ud-dev.conllu", gum / "en_gum-ud-test.conllu"],
                                        gum_entities="loose" if args.en_v2 else True))
        if not args.ner_only:
            save(list(ud_docs(nlp, ewt_train)) + list(ud_docs(nlp, gum_train)),
                 "en_ud_train.spacy")
            # dev for checkpoint selection: a slice of the official dev files (not test)
            dev = list(ud_docs(nlp, list(read_conllu(ewt / "en_ewt-ud-dev.conllu"))[:1000]))
            dev += list(ud_docs(nlp, list(read_conllu(gum / "en_gum-ud-dev.conllu"))[:600]))
            save(dev, "en_ud_dev.spacy")

        # --en-v2: keep name-only WikiANN items, split "A , B" lists, looser GUM mentions
        # (measured worse: EXPERIMENTS.md en_ner_v2); default = data of the shipped en_ner_v1
        mo = 0 if args.en_v2 else 4
        wtrain = clean_wikiann(list(read_ner(ner / "wikiann-en" / "train.conllu", "idx")),
                               min_outside=mo, split_lists=args.en_v2)
        gum_ner = [NERSentence([t.form for t in s.tokens], [t.ent for t in s.tokens])
                   for s in gum_train]
        save(ner_docs(nlp, sorted(wtrain, key=lambda _: rng.random())), "en_ner_train_wikiann.spacy")
        mixed = wtrain + gum_ner + gum_ner + ud_ner_negatives(ewt_train)
        rng.shuffle(mixed)
        save(ner_docs(nlp, mixed), "en_ner_train.spacy")
        wval = clean_wikiann(list(read_ner(ner / "wikiann-en" / "val.conllu", "idx")),
                             min_outside=mo, split_lists=args.en_v2)[:1000]
        gdev = [NERSentence([t.form for t in s.tokens], [t.ent for t in s.tokens])
                for s in read_conllu(gum / "en_gum-ud-dev.conllu",
                                     gum_entities="loose" if args.en_v2 else True)]
        save(ner_docs(nlp, wval + gdev), "en_ner_dev.spacy")


if __name__ == "__main__":
    main()
