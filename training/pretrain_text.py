"""Raw German text for `spacy pretrain` of the NER's token-to-vector layer (training/corpus/).

    python training/pretrain_text.py [--shared ../shared]

Writes de_pretrain.jsonl ({"text": ...} per line): the German news in ../shared/data/news (one
line per paragraph), the sentences of the NER and treebank training files (WikiANN train,
Europarl train, GermEval 2014 dev, UD GSD dev + PUD + LIT). No test file of an evaluation is
read. Deterministic order (shuffled with a fixed seed).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.nlp.corpora import read_conllu, read_ner  # noqa: E402

OUT = ROOT / "training" / "corpus"
SEED = 13


def news_paragraphs(path: Path, min_chars: int = 40) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = (json.loads(line).get("text") or "").strip()
            out += [p.strip() for p in text.split("\n") if len(p.strip()) >= min_chars]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    data = args.shared / "data"
    texts: list[str] = []
    for f in sorted((data / "news").glob("*.jsonl")):
        texts += news_paragraphs(f)
    ner = data / "ner"
    for path, fmt in ((ner / "wikiann-de" / "train.conllu", "idx"), (ner / "europarl-de" / "train.tsv", "europarl"),
                      (ner / "germeval2014" / "dev.tsv", "germeval")):
        texts += [" ".join(s.words) for s in read_ner(path, fmt)]
    for f in ("de-gsd/de_gsd-ud-dev.conllu", "de-pud/de_pud-ud-test.conllu", "de-lit/de_lit-ud-test.conllu"):
        texts += [s.text for s in read_conllu(data / "ud" / f)]
    random.Random(SEED).shuffle(texts)
    OUT.mkdir(parents=True, exist_ok=True)
    dest = OUT / "de_pretrain.jsonl"
    with dest.open("w", encoding="utf-8") as fh:
        for t in texts:
            fh.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
    words = sum(len(t.split()) for t in texts)
    print(f"{dest}: {len(texts)} texts, {words} words")


if __name__ == "__main__":
    main()
