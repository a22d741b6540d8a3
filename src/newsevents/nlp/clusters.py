"""Word-cluster features for the NER: a word's distributional cluster as one more embedded column.

A capitalised German word can be a name or a common noun; its cluster (learnt from a large
corpus by the authors of spacy-lookups-data) tells them apart for words our small NER corpora
never show: "Braunschweig" sits with the cities, "Dobrindt" with the surnames, "Textilindustrie"
with the nouns. The table is read once, when the model is initialised for training, and is then
part of the trained component (two arrays in the layer's attrs), so the shipped pipeline
carries it and reads nothing else at run time. ``newsevents.ClusterMultiHashEmbed.v1`` is
spaCy's MultiHashEmbed plus that column.
"""

from __future__ import annotations

import gzip
import json
from importlib.resources import files

import numpy as np
import spacy
from spacy.attrs import intify_attr
from spacy.ml.staticvectors import StaticVectors
from spacy.strings import get_string_id
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array


def cluster_table(lang: str) -> dict[str, int]:
    """The word -> cluster table spacy-lookups-data ships for ``lang`` (training time only);
    words in the catch-all cluster 0 are left out, since a missing word reads as 0 anyway."""
    path = files("spacy_lookups_data") / "data" / f"{lang}_lexeme_cluster.json.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    return {word: cid for word, cid in table.items() if cid}


def cluster_arrays(table: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """(sorted string hashes, cluster ids): the table in the form the layer searches."""
    keys = np.fromiter((get_string_id(w) for w in table), dtype=np.uint64, count=len(table))
    ids = np.fromiter(table.values(), dtype=np.uint32, count=len(table))
    order = np.argsort(keys, kind="stable")
    return keys[order], ids[order]


def _search(keys: np.ndarray, ids: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Cluster id of each hash (0 where the table has none)."""
    if not len(keys):
        return np.zeros(len(hashes), dtype=np.uint64)
    pos = np.minimum(np.searchsorted(keys, hashes), len(keys) - 1)
    return np.where(keys[pos] == hashes, ids[pos], 0).astype(np.uint64)


def token_clusters(keys: np.ndarray, ids: np.ndarray, words: list[str]) -> np.ndarray:
    """Cluster id of each word; a word not in the table is tried in title case, then lower case
    (an all-capitals headline word, a sentence-initial capital)."""
    out = _search(keys, ids, np.fromiter(map(get_string_id, words), np.uint64, len(words)))
    for variant in (lambda w: w[:1] + w[1:].lower(), str.lower):
        miss = np.flatnonzero(out == 0)
        if not len(miss):
            break
        alt = [variant(words[i]) for i in miss]
        out[miss] = _search(keys, ids, np.fromiter(map(get_string_id, alt), np.uint64, len(alt)))
    return out


def ClusterFeatureExtractor(columns: list, lang: str = "") -> Model:
    """spaCy's FeatureExtractor with the token's word-cluster id appended as the last column.
    The table travels with the model (attrs ``cluster_keys``/``cluster_ids``, filled from
    spacy-lookups-data when the model is initialised for training)."""
    ids = [intify_attr(c) if isinstance(c, str) else c for c in columns]

    def init(model, X=None, Y=None):
        if len(model.attrs["cluster_keys"]):
            return
        code = model.attrs["lang"] or (X[0].lang_ if X else "")
        keys, cids = cluster_arrays(cluster_table(code))
        model.attrs["cluster_keys"], model.attrs["cluster_ids"] = keys, cids

    def forward(model, docs, is_train):
        keys, cids = model.attrs["cluster_keys"], model.attrs["cluster_ids"]
        feats = []
        for doc in docs:
            arr = doc.to_array(ids) if hasattr(doc, "to_array") else \
                doc.doc.to_array(ids)[doc.start:doc.end]
            arr = (arr.reshape((-1, 1)) if arr.ndim == 1 else arr).astype("uint64")  # empty docs too
            clusters = token_clusters(keys, cids, [t.text for t in doc]).reshape((-1, 1))
            feats.append(model.ops.asarray2i(np.hstack([arr, clusters]), dtype="uint64"))
        return feats, lambda d: []

    empty = np.zeros(0, dtype=np.uint64)
    return Model("extract_features_clusters", forward, init=init,
                 attrs={"columns": ids, "lang": lang, "cluster_keys": empty,
                        "cluster_ids": empty.astype(np.uint32)})


@spacy.registry.architectures("newsevents.ClusterMultiHashEmbed.v1")
def cluster_multi_hash_embed(width: int, attrs: list, rows: list[int],
                             include_static_vectors: bool, cluster_rows: int = 2000,
                             lang: str = "") -> Model:
    """MultiHashEmbed (same attrs, rows, static vectors, Maxout mixing) plus one hash-embedded
    column: the word's cluster, from the table stored in the layer (read from spacy-lookups-data
    when the model is initialised for training)."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    all_rows = [*rows, cluster_rows]
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0)
                  for i, n in enumerate(all_rows)]
    concat_size = width * (len(embeddings) + include_static_vectors)
    max_out = with_array(Maxout(width, concat_size, nP=3, dropout=0.0, normalize=True))
    features = chain(ClusterFeatureExtractor(attrs, lang), list2ragged(),
                     with_array(concatenate(*embeddings)))
    if include_static_vectors:
        features = concatenate(features, StaticVectors(width, dropout=0.0))
    return chain(features, max_out, ragged2list())
