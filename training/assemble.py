"""Assemble a shipped pipeline: tagger/morphologizer/lemmatizer/parser + a sourced NER.

    python training/assemble.py LANG PARSE_MODEL NER_MODEL DEST

The NER model has its own inline tok2vec (configs/ner_plain.cfg), so it can be sourced as is;
static word vectors it was trained with are copied into the assembled vocab.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import spacy
from spacy.strings import StringStore


def assemble(lang: str, parse_dir: Path, ner_dir: Path, dest: Path) -> Path:
    nlp = spacy.load(parse_dir)
    parse_strings = list(nlp.vocab.strings)
    ner_nlp = spacy.load(ner_dir)
    if ner_nlp.vocab.vectors.shape[0] and not nlp.vocab.vectors.shape[0]:
        # the NER reads static vectors (training/build_vectors.py): they live in the vocab
        vectors = ner_nlp.vocab.vectors
        nlp.vocab.vectors = vectors
    nlp.add_pipe("ner", source=ner_nlp)
    nlp.meta.update(
        {
            "name": "newsevents",
            "version": "0.1.0",
            "description": (
                f"newsevents {lang} pipeline: CNN tok2vec tagger, morphologizer, edit-tree "
                "lemmatizer, parser (UD) and NER (PER/ORG/LOC); trained by training/build_models.sh"
            ),
            "license": "CC BY-SA 4.0 (trained on Universal Dependencies and NER corpora)",
            "author": "newsevents",
        }
    )
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(dest)
    # sourcing the NER merged in every word of its training corpora (200k strings for German, most
    # of them silver sentences); the NER reads hashes only, so the string table keeps what the
    # tagger/lemmatizer/parser pipeline had plus the NER's labels (-27 MB RSS, faster loading)
    keep = StringStore(list(parse_strings) + list(nlp.get_pipe("ner").labels))
    keep.to_disk(dest / "vocab" / "strings.json")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"{dest}: {nlp.pipe_names}, {size / 1e6:.1f} MB")
    return dest


if __name__ == "__main__":
    lang, parse_dir, ner_dir, dest = sys.argv[1:5]
    assemble(lang, Path(parse_dir), Path(ner_dir), Path(dest))
