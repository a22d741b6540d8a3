"""Custom registered functions for `spacy train --code training/functions.py`.

``newsevents.case_augmenter.v1``: a casing augmenter for NER. News has headlines in capitals
and WikiANN/Europarl do not, so a share of training examples are shown upper-cased,
lower-cased or title-cased (tokens and entity spans unchanged).
"""

from __future__ import annotations

import random
from pathlib import Path

import spacy
from spacy.training import Example

import newsevents.nlp.clusters  # noqa: F401  (registers newsevents.ClusterMultiHashEmbed.v1)


@spacy.registry.augmenters("newsevents.case_augmenter.v1")
def create_case_augmenter(upper: float = 0.05, lower: float = 0.05, title: float = 0.03):
    def augment(nlp, example: Example):
        yield example
        r = random.random()
        if r < upper:
            fn = str.upper
        elif r < upper + lower:
            fn = str.lower
        elif r < upper + lower + title:
            fn = str.title
        else:
            return
        ref = example.reference
        words = [fn(t.text) for t in ref]
        spaces = [bool(t.whitespace_) for t in ref]
        doc = nlp.make_doc("".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=False)))
        ents = [t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") if t.ent_iob_ else ""
                for t in ref]
        ref_doc = spacy.tokens.Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)
        yield Example(doc, ref_doc)

    return augment


@spacy.registry.augmenters("newsevents.sentence_noise.v1")
def create_sentence_noise(level: float = 0.3, drop_stop: float = 0.4, lower_first: float = 0.3):
    """Teach the parser sentence boundaries that punctuation does not mark.

    For a share ``level`` of the training documents an extra copy is made in which each
    sentence-final punctuation token is dropped with probability ``drop_stop`` (if it has no
    dependents) and each sentence-initial word is lower-cased with probability ``lower_first``;
    all other annotation is kept. Web text and headlines look like that.
    """

    def augment(nlp, example: Example):
        yield example
        if random.random() >= level:
            return
        ref = example.reference
        if not ref.has_annotation("DEP"):
            return
        drop = set()
        lower = set()
        for sent in ref.sents:
            last = sent[-1]
            if (last.is_punct and len(sent) > 2 and not list(last.children)
                    and random.random() < drop_stop):
                drop.add(last.i)
            if random.random() < lower_first and sent[0].text[:1].isupper():
                lower.add(sent[0].i)
        if not drop and not lower:
            return
        keep = [t for t in ref if t.i not in drop]
        new_index = {t.i: k for k, t in enumerate(keep)}
        words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
        for t in keep:
            words.append(t.text.lower() if t.i in lower else t.text)
            sp = bool(t.whitespace_) or (t.i + 1 in drop)
            spaces.append(sp)
            tags.append(t.tag_)
            pos.append(t.pos_)
            morphs.append(str(t.morph))
            lemmas.append(t.lemma_)
            heads.append(new_index[t.head.i])
            deps.append(t.dep_)
            starts.append(bool(t.is_sent_start))
        doc_ref = spacy.tokens.Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos,
                                   morphs=morphs, lemmas=lemmas, heads=heads, deps=deps,
                                   sent_starts=starts)
        doc = nlp.make_doc(doc_ref.text)
        yield Example(doc, doc_ref)

    return augment


@spacy.registry.callbacks("newsevents.init_ner_tok2vec.v1")
def create_init_ner_tok2vec(path: str | None = None):
    """After initialisation, load `spacy pretrain` weights (a stand-alone tok2vec of the same
    architecture, configs/tok2vec_pretrain.cfg) into the NER's inline tok2vec. spaCy's own
    ``init_tok2vec`` cannot: the NER's "tok2vec" reference also holds its output projection."""

    def after_init(nlp):
        if path:
            inner = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
            inner.from_bytes(Path(path).read_bytes())
        return nlp

    return after_init
