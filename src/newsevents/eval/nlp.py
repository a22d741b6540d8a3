"""Held-out evaluation of the language analysis (``newsevents eval-nlp [--json]``).

Treebanks are scored on RAW TEXT: the test sentences are joined into pseudo-documents of up to
10 sentences (within one source document where the treebank records documents; GSD does not,
so there consecutive sentences are joined with a space; where the treebank marks paragraphs,
as EWT and GUM do, a new paragraph starts on a new line), run through the same pipeline the
``nlp`` stage uses (shipped model + token fixer + sentence hints), and aligned to the gold
tokens with spaCy's ``Example``/``Scorer``. So tokenisation and sentence splitting errors count.
Figures follow spaCy's scorer: ``dep_las``/``dep_uas`` exclude punctuation (labels
``punct``/``p``), as in the spaCy baselines; ``las_conll`` is the CoNLL 2018 style LAS over all
gold words that align one-to-one (punctuation included). ``sents_f`` is sentence-boundary F1
(spans of aligned tokens). The same treebank is also scored on gold tokenisation
(``gold_tok``: gold words given, no gold sentence boundaries).

NER is scored on the gold tokens of each test sentence: entity-level exact-match F1 over
PER/ORG/LOC (every other label, MISC/OTH and the GermEval ``deriv``/``part`` labels, counts as
outside; GermEval uses its outer layer).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from ..nlp import load_pipeline
from ..nlp.corpora import UDSentence, read_conllu, read_ner, ud_doc

TREEBANKS = {
    "de": {"ud_gsd_test": "ud/de-gsd/de_gsd-ud-test.conllu"},
    "en": {
        "ud_ewt_test": "ud/en-ewt/en_ewt-ud-test.conllu",
        "ud_gum_test": "ud/en-gum/en_gum-ud-test.conllu",
    },
}
NER_SETS = {
    "de": {"ner_germeval2014_test": ("ner/germeval2014/test.tsv", "germeval"),
           "ner_wikiann_test": ("ner/wikiann-de/test.conllu", "idx")},
    "en": {
        "ner_wikigold_test": ("ner/wikigold-en-eval-only/test.conllu", "idx"),
        "ner_conll2003_test": ("ner/conll2003-en-eval-only/test.conllu", "idx"),
        "ner_wikiann_test": ("ner/wikiann-en/test.conllu", "idx"),
    },
}
FLOORS = {
    ("de", "ud_gsd_test", "pos_acc"): 0.90,
    ("de", "ud_gsd_test", "dep_las"): 0.68,
    ("de", "ud_gsd_test", "sents_f"): 0.85,
    ("en", "ud_ewt_test", "pos_acc"): 0.94,
    ("en", "ud_ewt_test", "dep_las"): 0.82,
    ("de", "ner_germeval2014_test", "ents_f"): 0.72,
    ("en", "ner_wikigold_test", "ents_f"): 0.70,
    ("en", "ner_conll2003_test", "ents_f"): 0.65,
}


def _group(sents: list[UDSentence], n: int = 10) -> list[list[UDSentence]]:
    groups: list[list[UDSentence]] = []
    cur: list[UDSentence] = []
    prev = object()
    for s in sents:
        if cur and (len(cur) >= n or (s.doc_id is not None and s.doc_id != prev)):
            groups.append(cur)
            cur = []
        cur.append(s)
        prev = s.doc_id if s.doc_id is not None else prev
    if cur:
        groups.append(cur)
    return groups


def _las_conll(examples) -> dict[str, float]:
    """LAS/UAS over all gold tokens (punctuation included); unaligned tokens count as wrong."""
    total = las = uas = 0
    for eg in examples:
        align = eg.alignment
        gold, pred = eg.reference, eg.predicted
        g2p = align.y2x
        for gt in gold:
            total += 1
            pi = g2p[gt.i].dataXd.ravel() if hasattr(g2p[gt.i], "dataXd") else g2p[gt.i]
            if len(pi) != 1:
                continue
            pt = pred[int(pi[0])]
            ph = g2p[gt.head.i]
            ph = ph.dataXd.ravel() if hasattr(ph, "dataXd") else ph
            if len(ph) != 1 or int(ph[0]) != pt.head.i:
                continue
            uas += 1
            gd = gt.dep_.lower()
            pd = pt.dep_.lower()
            if gd == pd:
                las += 1
    return {"las_conll": las / total if total else 0.0, "uas_conll": uas / total if total else 0.0}


def _score_ud(nlp, path: Path, limit: int | None = None) -> dict[str, Any]:
    from spacy.scorer import Scorer
    from spacy.training import Example

    sents = list(read_conllu(path))
    if limit:
        sents = sents[:limit]
    groups = _group(sents)
    golds = [ud_doc(nlp.vocab, g) for g in groups]
    # paragraphs (``# newpar``, where the treebank records them) are separated by a line break,
    # sentences inside a paragraph by a space
    texts = ["".join(("\n" if s.newpar and k else " " if k else "") + s.text
                     for k, s in enumerate(g)) for g in groups]
    t0 = time.perf_counter()
    preds = list(nlp.pipe(texts, batch_size=32))
    secs = time.perf_counter() - t0
    examples = [Example(p, g) for p, g in zip(preds, golds, strict=False)]
    out: dict[str, Any] = {"sentences": len(sents), "tokens": sum(len(g) for g in golds),
                           "mode": "raw text, pseudo-documents of <=10 sentences"}
    out.update(_ud_scores(examples, Scorer))
    out.update(_las_conll(examples))
    out["words_per_sec"] = round(sum(len(p) for p in preds) / secs) if secs else None
    # gold tokenisation (no gold sentence starts)
    from spacy.tokens import Doc

    gold_in = [Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
               for g in golds]
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n == "newsevents_token_fixer"]):
        preds_g = list(nlp.pipe(gold_in, batch_size=32))
    ex_g = [Example(p, g) for p, g in zip(preds_g, golds, strict=False)]
    gt = _ud_scores(ex_g, Scorer)
    gt.update(_las_conll(ex_g))
    out["gold_tok"] = {k: v for k, v in gt.items() if k != "token_acc"}
    return out


def _ud_scores(examples, Scorer) -> dict[str, float]:
    s: dict[str, float] = {}
    s["token_acc"] = Scorer.score_tokenization(examples)["token_acc"]
    s["pos_acc"] = Scorer.score_token_attr(examples, "pos")["pos_acc"]
    s["tag_acc"] = Scorer.score_token_attr(examples, "tag")["tag_acc"]
    s["morph_acc"] = Scorer.score_token_attr(
        examples, "morph", getter=lambda t, a: str(t.morph) or None, missing_values={None}
    )["morph_acc"]
    s["lemma_acc"] = Scorer.score_token_attr(examples, "lemma")["lemma_acc"]

    def dep_getter(token, attr):
        dep = getattr(token, attr)
        return token.vocab.strings.as_string(dep).lower()

    deps = Scorer.score_deps(examples, "dep", getter=dep_getter, ignore_labels=("p", "punct"))
    s["dep_uas"] = deps["dep_uas"]
    s["dep_las"] = deps["dep_las"]
    sents = Scorer.score_spans(examples, "sents", has_annotation=lambda d: d.has_annotation("SENT_START"))
    s["sents_p"], s["sents_r"], s["sents_f"] = sents["sents_p"], sents["sents_r"], sents["sents_f"]
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in s.items()}


def _score_ner(nlp, path: Path, fmt: str, limit: int | None = None) -> dict[str, Any]:
    from spacy.scorer import Scorer
    from spacy.tokens import Doc
    from spacy.training import Example

    sents = list(read_ner(path, fmt))
    if limit:
        sents = sents[:limit]
    golds = [Doc(nlp.vocab, words=s.words, ents=s.tags) for s in sents]
    inputs = [Doc(nlp.vocab, words=s.words) for s in sents]
    # gold tokens: no token fixer; the NER reads the morphologizer's POS, so that one runs
    skip = ("newsevents_token_fixer", "newsevents_sentence_hints", "parser", "tagger",
            "trainable_lemmatizer", "lemmatizer", "senter")
    disable = [n for n in nlp.pipe_names if n in skip]
    with nlp.select_pipes(disable=disable):
        preds = list(nlp.pipe(inputs, batch_size=128))
    for p in preds:  # other pipelines' labels mapped to ours, the rest dropped
        from ..nlp import _LABEL_MAP

        ents = []
        for e in p.ents:
            lab = _LABEL_MAP.get(e.label_)
            if lab:
                ents.append(p.char_span(e.start_char, e.end_char, label=lab) or e)
        p.ents = [e for e in ents if e.label_ in ("PER", "ORG", "LOC")]
    examples = [Example(p, g) for p, g in zip(preds, golds, strict=False)]
    sc = Scorer.score_spans(examples, "ents")
    out = {
        "sentences": len(sents),
        "mode": "gold tokens, entity-level exact match, PER/ORG/LOC",
        "ents_p": round(sc["ents_p"], 4),
        "ents_r": round(sc["ents_r"], 4),
        "ents_f": round(sc["ents_f"], 4),
        "per_type": {k: {m: round(v, 4) for m, v in d.items()}
                     for k, d in sorted((sc.get("ents_per_type") or {}).items())},
    }
    return out


def evaluate_nlp(shared_dir: Path, langs=("de", "en"), limit: int | None = None,
                 models: dict[str, str] | None = None, parts: tuple[str, ...] = ("ud", "ner")
                 ) -> dict[str, Any]:
    """Scores of the loaded pipelines on the held-out files under ``shared_dir``/data.

    ``limit``: only the first N sentences of every file (quick checks); ``models``: per language
    a spaCy package or model directory instead of the shipped model.
    """
    data = Path(shared_dir) / "data"
    if not data.is_dir():
        raise FileNotFoundError(f"{data} not found (the evaluation needs the development data folder)")
    results: dict[str, Any] = {}
    for lang in langs:
        nlp = load_pipeline(lang, (models or {}).get(lang))
        res: dict[str, Any] = {"pipeline": nlp.pipe_names,
                               "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}"}
        if "ud" in parts:
            for name, rel in TREEBANKS.get(lang, {}).items():
                if (data / rel).is_file():
                    res[name] = _score_ud(nlp, data / rel, limit)
        if "ner" in parts:
            for name, (rel, fmt) in NER_SETS.get(lang, {}).items():
                if (data / rel).is_file():
                    res[name] = _score_ner(nlp, data / rel, fmt, limit)
        results[lang] = res
    results["floors"] = {
        f"{lang}.{ds}.{m}": {
            "floor": fl,
            "value": results.get(lang, {}).get(ds, {}).get(m),
            "ok": (results.get(lang, {}).get(ds, {}).get(m) or 0) >= fl,
        }
        for (lang, ds, m), fl in FLOORS.items()
        if lang in results and ds in results[lang]
    }
    return results


def format_table(results: dict[str, Any]) -> str:
    lines = []
    cols = ["token_acc", "pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las",
            "las_conll", "sents_f"]
    for lang, res in results.items():
        if lang == "floors":
            continue
        lines.append(f"[{lang}] {res.get('model')}  pipeline: {', '.join(res['pipeline'])}")
        for name, sc in res.items():
            if not isinstance(sc, dict):
                continue
            if "ents_f" in sc:
                per = "  ".join(f"{k} {v['f']:.3f}" for k, v in sc["per_type"].items())
                lines.append(f"  {name:24s} P {sc['ents_p']:.3f}  R {sc['ents_r']:.3f}  "
                             f"F1 {sc['ents_f']:.3f}   ({per})")
            else:
                for label, d in (("raw", sc), ("gold_tok", sc.get("gold_tok", {}))):
                    vals = "  ".join(f"{c} {d[c]:.3f}" for c in cols if d.get(c) is not None)
                    lines.append(f"  {name:14s} {label:9s} {vals}")
    lines.append("floors:")
    for k, v in results.get("floors", {}).items():
        val = "n/a" if v["value"] is None else f"{v['value']:.3f}"
        lines.append(f"  {k:40s} {val} >= {v['floor']:.2f}  {'ok' if v['ok'] else 'BELOW'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Evaluate the nlp pipelines on held-out data.")
    ap.add_argument("--shared", type=Path, required=True, help="the development data folder")
    ap.add_argument("--langs", default="de,en")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences per file")
    ap.add_argument("--parts", default="ud,ner")
    ap.add_argument("--model", action="append", default=[],
                    help="LANG=PACKAGE_OR_DIR, instead of the shipped model")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    models = dict(m.split("=", 1) for m in args.model)
    res = evaluate_nlp(args.shared, tuple(args.langs.split(",")), args.limit, models,
                       tuple(args.parts.split(",")))
    print(json.dumps(res, indent=1) if args.json else format_table(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
