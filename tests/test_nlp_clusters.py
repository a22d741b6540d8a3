"""Word-cluster features of the NER (newsevents.nlp.clusters): lookup, casing fallback, and the
table travelling with the trained component."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from newsevents.nlp import clusters


@pytest.fixture(scope="module")
def tiny():
    table = {"Braunschweig": 80, "Hannover": 80, "Dobrindt": 40, "Textilindustrie": 797,
             "sagte": 286, "die": 31}
    return table, *clusters.cluster_arrays(table)


def test_lookup_exact_then_title_then_lower_case(tiny):
    _, keys, ids = tiny
    words = ["Braunschweig", "BRAUNSCHWEIG", "Die", "SAGTE", "Dobrindt", "Unbekanntwort", ""]
    assert clusters.token_clusters(keys, ids, words).tolist() == [80, 80, 31, 286, 40, 0, 0]


def test_empty_table_gives_zero_everywhere():
    keys, ids = clusters.cluster_arrays({})
    assert clusters.token_clusters(keys, ids, ["Berlin", "x"]).tolist() == [0, 0]


def test_shipped_lookups_table_separates_places_names_and_nouns():
    """The source table (spacy-lookups-data, a dependency) puts cities together and apart from
    common nouns: the premise of the feature."""
    table = clusters.cluster_table("de")
    assert len(table) > 500_000
    assert table["Braunschweig"] == table["Karlsruhe"]
    assert table["Braunschweig"] != table["Hochschule"]
    assert table["Merkel"] != table["Textilindustrie"]


def _embed(lang: str = "de"):
    return clusters.cluster_multi_hash_embed(
        32, ["NORM", "PREFIX", "SUFFIX", "SHAPE"], [500, 200, 200, 50], False, 300, lang)


def _initialised(monkeypatch, table: dict[str, int], texts: list[str]):
    """A small layer initialised on ``texts`` with ``table`` as the cluster table."""
    monkeypatch.setattr(clusters, "cluster_table", lambda lang: dict(table))
    nlp = spacy.blank("de")
    docs = [nlp(t) for t in texts]
    model = _embed()
    model.initialize(X=docs)
    return model, docs


def test_layer_carries_its_table_through_serialisation(tiny, monkeypatch):
    model, docs = _initialised(monkeypatch, tiny[0], ["Dobrindt sagte in Braunschweig etwas.",
                                                      "Die Textilindustrie"])
    extractor = next(n for n in model.walk() if n.name == "extract_features_clusters")
    cols = extractor.predict(docs)
    assert cols[0][:, -1].tolist() == [40, 286, 0, 80, 0, 0]
    assert cols[1][:, -1].tolist() == [31, 797]

    monkeypatch.setattr(clusters, "cluster_table", lambda lang: pytest.fail("table re-read"))
    restored = _embed().from_bytes(model.to_bytes())
    assert np.allclose(model.predict(docs)[0], restored.predict(docs)[0])
    ext2 = next(n for n in restored.walk() if n.name == "extract_features_clusters")
    assert ext2.attrs["cluster_keys"].tolist() == extractor.attrs["cluster_keys"].tolist()


def test_cluster_column_changes_the_embedding(monkeypatch):
    """The same weights give an unseen word another vector when only its cluster differs."""
    model, docs = _initialised(monkeypatch, {"Xaver": 40, "Xavier": 797}, ["Xaver", "Xavier"])
    before = [model.predict([d])[0][0] for d in docs]
    extractor = next(n for n in model.walk() if n.name == "extract_features_clusters")
    extractor.attrs["cluster_ids"] = np.full_like(extractor.attrs["cluster_ids"], 40)
    after = [model.predict([d])[0][0] for d in docs]
    assert np.allclose(before[0], after[0])
    assert not np.allclose(before[1], after[1])


def test_empty_docs_pass_through_the_layer(tiny, monkeypatch):
    model, docs = _initialised(monkeypatch, tiny[0], ["", "Dobrindt sagte"])
    out = model.predict(docs)
    assert out[0].shape == (0, 32) and out[1].shape == (2, 32)
