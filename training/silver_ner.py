"""Silver NER sentences for self-training: German news labelled by a teacher pipeline.

    python training/silver_ner.py [--shared ../shared] [--model DIR] [--max-sentences N]
        [--out training/corpus/de_ner_silver.spacy] [--mix GOLD.spacy MIXED.spacy]

The teacher is a whole German pipeline (tokenizer, token fixer, parser sentences, NER, name
boundaries, known organisation names): by default the shipped one, in `make models` the one just
assembled from the freshly trained parser and first-round NER. Every paragraph of the German
news in ../shared/data/news (xglue dev, 10kGNAD test) is labelled, except the articles of the
German event dev gold (gold/dev-de.docs.jsonl), which stay unseen; sentences of 6-60 tokens are
kept, in a fixed shuffled order. GermEval test is never read.
Measured in training/EXPERIMENTS.md (de_ner_s1, session 5).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.nlp.corpora import normalise_bio  # noqa: E402

NEWS = ("xglue-news-de-dev.jsonl", "gnad-test.jsonl")
SEED = 13


def html_paragraphs(shared: Path) -> list[str]:
    """Paragraphs of the article text our HTML reader extracts from the German web pages."""
    from newsevents.ingest.base import InputError, ReadOptions
    from newsevents.ingest.html import read_html

    out: list[str] = []
    for path in sorted((shared / "data" / "html" / "de").glob("*.html")):
        try:
            out += [p for doc in read_html(path, ReadOptions()) for p in doc.text.split("\n") if p.strip()]
        except InputError:
            continue
    return out


def news_paragraphs(shared: Path, html: bool = False) -> list[str]:
    """Paragraphs of the German news corpora (dev-gold articles left out) and, with ``html``,
    of the German web pages; shuffled (seed 13)."""
    dev = shared / "gold" / "dev-de.docs.jsonl"
    held = {json.loads(line)["text"][:200] for line in dev.open(encoding="utf-8")} if dev.exists() else set()
    paragraphs: list[str] = []
    for name in NEWS:
        for line in (shared / "data" / "news" / name).open(encoding="utf-8"):
            text = json.loads(line)["text"]
            if text[:200] in held:
                continue
            paragraphs += [p for p in text.split("\n") if p.strip()]
    if html:
        paragraphs += html_paragraphs(shared)
    random.Random(SEED).shuffle(paragraphs)
    return paragraphs


def bio_tags(tokens) -> list[str]:
    """BIO tags of PER/ORG/LOC entities over ``tokens`` (other labels dropped; an entity whose
    first token fell outside ``tokens`` starts with B-), as the gold corpora are read."""
    return normalise_bio([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in tokens])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", default=None, help="teacher pipeline directory (default: shipped de)")
    ap.add_argument("--html", action="store_true", help="also the German web pages (data/html/de)")
    ap.add_argument("--max-sentences", type=int, default=0, help="0 = every sentence")
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "corpus" / "de_ner_silver.spacy")
    ap.add_argument("--mix", type=Path, nargs=2, metavar=("GOLD", "MIXED"),
                    help="also write MIXED: the docs of the corpus GOLD plus the silver ones, shuffled")
    args = ap.parse_args()

    from spacy.tokens import Doc, DocBin

    from newsevents.nlp import load_pipeline

    nlp = load_pipeline("de", model=args.model)
    db = DocBin(attrs=["ENT_IOB", "ENT_TYPE"])
    n = n_ents = 0
    for doc in nlp.pipe(news_paragraphs(args.shared, args.html), batch_size=64):
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not 6 <= len(toks) <= 60:
                continue
            words = [t.text for t in toks]
            tags = bio_tags(toks)
            db.add(Doc(nlp.vocab, words=words, spaces=[True] * len(words), ents=tags))
            n += 1
            n_ents += sum(tag.startswith("B-") for tag in tags)
        if args.max_sentences and n >= args.max_sentences:
            break
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"{args.out}: {n} sentences, {n_ents} entities (teacher {args.model or 'shipped de'})")
    if args.mix:
        gold, mixed = args.mix
        docs = list(DocBin().from_disk(gold).get_docs(nlp.vocab)) + list(db.get_docs(nlp.vocab))
        random.Random(SEED).shuffle(docs)
        DocBin(docs=docs).to_disk(mixed)
        print(f"{mixed}: {len(docs)} docs ({gold} + silver)")


if __name__ == "__main__":
    main()
