"""Throughput and memory of the nlp stage, per language.

    OMP_NUM_THREADS=1 python bench/nlp.py [--shared ../shared] [--limit N] [--langs de,en]

German: the article texts (field "text") of ../shared/data/news/*.jsonl; English: the raw text
of the UD EWT test file (one text per document, paragraphs separated by blank lines). Runs the
full ``nlp`` stage (shipped model: tokenizer, rule components, tagger, morphologizer,
lemmatizer, parser, NER, conversion to Document) in this one process. tokens/s per core =
tokens / CPU seconds (user+system) of the process, which is single-threaded. Peak memory is
the process's maximum resident set size. Prints one JSON line.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.document import Document  # noqa: E402
from newsevents.nlp import NLPStage, load_pipeline  # noqa: E402
from newsevents.nlp.corpora import read_conllu  # noqa: E402


def german_texts(shared: Path, limit: int) -> list[str]:
    texts: list[str] = []
    for f in sorted((shared / "data" / "news").glob("*.jsonl")):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                t = json.loads(line).get("text")
                if t:
                    texts.append(t)
    # interleave the files so that a --limit sample covers both sources
    half = len(texts) // 2
    mixed = [x for pair in zip(texts[:half], texts[half:], strict=False) for x in pair] + texts[2 * half:]
    return mixed[:limit] if limit else mixed


def english_texts(shared: Path, limit: int) -> list[str]:
    docs: dict[str, list[list[str]]] = {}
    order: list[str] = []
    for s in read_conllu(shared / "data" / "ud" / "en-ewt" / "en_ewt-ud-test.conllu"):
        key = s.doc_id or "?"
        if key not in docs:
            docs[key] = []
            order.append(key)
        if s.newpar or not docs[key]:
            docs[key].append([])
        docs[key][-1].append(s.text)
    texts = ["\n\n".join(" ".join(p) for p in docs[k]) for k in order]
    return texts[:limit] if limit else texts


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def bench(lang: str, texts: list[str]) -> dict:
    t0 = time.perf_counter()
    nlp = load_pipeline(lang)
    load_s = time.perf_counter() - t0
    stage = NLPStage()
    stage(Document.from_text("Warm-up. Ein kurzer Satz.", language=lang))
    t1, c1 = time.perf_counter(), cpu()
    tokens = sents = ents = chars = 0
    for text in texts:
        doc = stage(Document.from_text(text, language=lang))
        tokens += sum(len(s.tokens) for s in doc.sentences)
        sents += len(doc.sentences)
        ents += len(doc.entities)
        chars += len(text)
    wall = time.perf_counter() - t1
    cpu_s = cpu() - c1
    return {
        "lang": lang,
        "pipeline": nlp.pipe_names,
        "docs": len(texts),
        "chars": chars,
        "tokens": tokens,
        "sentences": sents,
        "entities": ents,
        "load_s": round(load_s, 2),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu_s, 2),
        "tokens_per_s_per_core": round(tokens / cpu_s) if cpu_s else None,
        "tokens_per_s_wall": round(tokens / wall) if wall else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=400, help="documents per language (0 = all)")
    ap.add_argument("--langs", default="de,en")
    args = ap.parse_args(argv)
    langs = args.langs.split(",")
    out = {"omp_threads": os.environ.get("OMP_NUM_THREADS"), "results": []}
    if len(langs) > 1:  # one process per language, so that peak memory is per language
        import subprocess

        for lang in langs:
            r = subprocess.run(
                [sys.executable, __file__, "--shared", str(args.shared), "--limit",
                 str(args.limit), "--langs", lang],
                check=True, capture_output=True, text=True,
            )
            out["results"] += json.loads(r.stdout.strip().splitlines()[-1])["results"]
        print(json.dumps(out))
        return 0
    for lang in langs:
        texts = german_texts(args.shared, args.limit) if lang == "de" else english_texts(
            args.shared, args.limit)
        out["results"].append(bench(lang, texts))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
