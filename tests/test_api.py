"""The HTTP API against a real DuckDB file built by running the pipeline on examples/ and the seed."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install 'newsevents[api]')")
pytest.importorskip("httpx", reason="the API tests need httpx")

from _api_db import build_demo_db  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from newsevents.api import create_app  # noqa: E402

SEED_DOC = "000_0196cf2e184cccf0.txt"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    return build_demo_db(tmp_path_factory.mktemp("api-db"), seed_path)


@pytest.fixture(scope="session")
def client(demo_db: Path) -> TestClient:
    with TestClient(create_app(demo_db)) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200, **params) -> dict:
    r = client.get(url, params=params or None)
    assert r.status_code == status, f"{url} {params}: {r.status_code} {r.text[:400]}"
    return r.json()


# -- events ------------------------------------------------------------------------------------------


def test_health_and_meta(client: TestClient) -> None:
    h = get(client, "/api/health")
    assert h["read_only"] is True and h["ingest"] is False
    assert h["counts"]["articles"] >= 2 and h["counts"]["events"] > 0
    m = get(client, "/api/meta")
    assert "CONSULT" in m["event_types"] and m["max_page_size"] == 500


def test_events_page_and_pagination(client: TestClient) -> None:
    first = get(client, "/api/events", limit=5)
    assert first["limit"] == 5 and first["offset"] == 0 and len(first["items"]) == 5
    assert first["total"] >= 10
    second = get(client, "/api/events", limit=5, offset=5)
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    ev = first["items"][0]
    for key in (
        "id",
        "event",
        "source",
        "target",
        "trigger_text",
        "sentence",
        "day",
        "score",
        "quad",
        "flags",
        "evidence",
    ):
        assert key in ev
    trig = [x for x in ev["evidence"] if x["field"] == "trigger"][0]
    assert trig["text"] == ev["trigger_text"]


def test_event_evidence_shows_the_date_words(client: TestClient) -> None:
    items = get(client, "/api/events", limit=500)["items"]
    dated = [(e, x) for e in items for x in e["evidence"] if x["field"] == "date"]
    assert dated, "no event of the demo database has date evidence"
    for e, x in dated[:20]:
        assert x["text"] and x["end"] > x["start"] and e["date"] in x["note"]


def test_events_sorting(client: TestClient) -> None:
    up = [e["score"] for e in get(client, "/api/events", sort="score", limit=200)["items"] if e["score"] is not None]
    assert up == sorted(up)
    down = [e["score"] for e in get(client, "/api/events", sort="-score", limit=200)["items"] if e["score"] is not None]
    assert down == sorted(down, reverse=True)


def test_pair_filter_rus_prk(client: TestClient) -> None:
    page = get(client, "/api/events", pair="RUS,PRK", limit=500)
    assert page["total"] > 0, "no RUS-PRK event in the seed"
    for e in page["items"]:
        codes = set((e["source_codes"] + ";" + e["target_codes"]).split(";"))
        assert {"RUS", "PRK"} <= codes
    directed = get(client, "/api/events", pair="RUS-PRK", pair_mode="directed", limit=500)
    for e in directed["items"]:
        assert "RUS" in e["source_codes"].split(";") and "PRK" in e["target_codes"].split(";")
    assert directed["total"] <= page["total"]


def test_besuch_event_with_rus_and_prk(client: TestClient) -> None:
    page = get(client, "/api/events", pair="RUS,PRK", q="Besuch", limit=100)
    found = [
        e
        for e in page["items"]
        if e["trigger_text"].startswith("Besuch")
        and "RUS" in e["source_codes"].split(";")
        and "PRK" in e["target_codes"].split(";")
    ]
    seen = [(e["trigger_text"], e["source_codes"], e["target_codes"]) for e in page["items"]]
    assert found, f"the coder gave no 'Besuch' event RUS -> PRK: {seen}"
    assert found[0]["event"] == "CONSULT"


@pytest.mark.parametrize(
    "params, check",
    [
        ({"type": "CONSULT"}, lambda e: e["event"] == "CONSULT"),
        ({"type": "consult,aid"}, lambda e: e["event"] in ("CONSULT", "AID")),
        ({"quad": [3, 4]}, lambda e: e["quad"] in (3, 4)),
        ({"actor": "RUS"}, lambda e: "RUS" in e["source_codes"].split(";")),
        ({"recipient": "PRK"}, lambda e: "PRK" in e["target_codes"].split(";")),
        (
            {"actor": "RUS", "actor_sector": "GOV"},
            lambda e: any(a["code"] == "RUS" and a["sector"] == "GOV" for a in e["source"]),
        ),
        (
            {"country": "PRK"},
            lambda e: "PRK" in (e["source_codes"] + ";" + e["target_codes"]).split(";") or e["place_country"] == "PRK",
        ),
        ({"future": "true"}, lambda e: e["future"] is True),
        ({"negated": "false"}, lambda e: not e["negated"]),
        ({"agency": "reuters"}, lambda e: "REUTERS" in (e["agencies"] or [])),
        ({"q": "besuch"}, lambda e: "besuch" in (e["sentence"] + e["trigger_text"]).lower()),
        (
            {"actor_name": "Putin"},
            lambda e: "putin" in json.dumps(e["source"] + e["target"], ensure_ascii=False).lower(),
        ),
        ({"since": "2024-06-17", "until": "2024-06-17"}, lambda e: e["day"] == "2024-06-17"),
        ({"language": "de"}, lambda e: e["language"] == "de"),
        ({"min_score": 5}, lambda e: e["score"] >= 5),
    ],
)
def test_event_filters(client: TestClient, params: dict, check) -> None:
    page = get(client, "/api/events", limit=500, **params)
    assert page["total"] > 0, f"{params} matched nothing"
    bad = [e["id"] for e in page["items"] if not check(e)]
    assert not bad, f"{params}: {len(bad)} event(s) do not match"


def test_place_radius_filter_runs(client: TestClient) -> None:
    page = get(client, "/api/events", lat=39.03, lon=125.75, radius_km=300)
    for e in page["items"]:
        assert e["latitude"] is not None


def test_event_by_id_and_facets(client: TestClient) -> None:
    ev = get(client, "/api/events", limit=1)["items"][0]
    one = get(client, f"/api/events/{ev['id']}")
    assert one["id"] == ev["id"] and one["sentence"]
    get(client, "/api/events/doesnotexist", status=404)
    facets = get(client, "/api/events/facets", pair="RUS,PRK")
    assert facets["total"] > 0
    assert {f["value"] for f in facets["actor"]} & {"RUS", "PRK"}
    assert sum(f["n"] for f in facets["type"]) == facets["total"]


# -- articles, actors, quotes --------------------------------------------------------------------------


def test_article_with_every_annotation(client: TestClient) -> None:
    art = get(client, f"/api/articles/{SEED_DOC}")
    text = art["text"]
    for key in (
        "raw_text",
        "changes",
        "captions",
        "credits",
        "attribution",
        "agencies",
        "removed",
        "sentences",
        "entities",
        "events",
        "quotes",
        "dates",
        "places",
        "paragraphs",
    ):
        assert key in art, key
    assert art["captions"] and art["credits"] and art["sentences"] and art["entities"] and art["events"]
    repairs = [c for c in art["changes"] if c["in_text"] and c["clean_start"] is not None]
    assert repairs, "no repair placed in the clean text"
    for c in repairs:
        assert text[c["clean_start"] : c["clean_end"]] == c["after"], c
    assert any(c["before"] == "Putinwird" for c in repairs)
    for ev in art["events"]:
        for x in ev["evidence"]:
            assert text[x["start"] : x["end"]] == x["text"], (ev["id"], x)
    prefix = get(client, f"/api/articles/{art['id'][:8]}")
    assert prefix["id"] == art["id"]
    get(client, "/api/articles/nothing-like-this", status=404)
    url_doc = [
        a for a in get(client, "/api/articles", limit=100)["items"] if (a["doc_id"] or "").startswith("https://")
    ]
    if url_doc:
        assert get(client, f"/api/articles/{url_doc[0]['doc_id']}")["id"] == url_doc[0]["id"]
    assert "tokens" not in art["sentences"][0]
    with_tokens = get(client, f"/api/articles/{art['id']}", tokens="true")
    assert with_tokens["sentences"][0]["tokens"]


def test_articles_list(client: TestClient) -> None:
    page = get(client, "/api/articles", limit=100)
    assert page["total"] >= 2
    seed = [a for a in page["items"] if a["doc_id"] == SEED_DOC]
    assert seed and seed[0]["n_events"] > 0 and seed[0]["published"] == "2024-06-17"
    assert get(client, "/api/articles", q="Pjöngjang")["total"] >= 1
    assert get(client, "/api/articles", agency="EFE")["total"] >= 1


def test_actors_with_counts(client: TestClient) -> None:
    page = get(client, "/api/actors", limit=100)
    by = {a["code"]: a for a in page["items"]}
    assert "RUS" in by and by["RUS"]["events"] >= by["RUS"]["as_source"] > 0
    assert by["RUS"]["mentions"]
    counts = [a["events"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True)
    assert all(a["as_target"] > 0 for a in get(client, "/api/actors", role="target")["items"])
    assert {a["code"] for a in get(client, "/api/actors", search="PRK")["items"]} >= {"PRK"}


def test_quotes_endpoint(client: TestClient) -> None:
    page = get(client, "/api/quotes", limit=10)
    assert {"total", "items"} <= set(page)
    for q in page["items"]:
        assert q["text"] and q["article_id"]
    get(client, "/api/quotes", speaker="NOTACODE", status=422)


# -- statistics ---------------------------------------------------------------------------------------


def test_timeline_for_pair(client: TestClient) -> None:
    for interval in ("day", "week", "month"):
        tl = get(client, "/api/stats/timeline", pair="RUS,PRK", interval=interval)
        assert tl["points"], interval
        total = get(client, "/api/events", pair="RUS,PRK", limit=1)["total"]
        assert sum(p["events"] for p in tl["points"]) == total
        for p in tl["points"]:
            quads = p["verbal_cooperation"] + p["material_cooperation"] + p["verbal_conflict"] + p["material_conflict"]
            assert quads <= p["events"]
            assert p["mean_score"] is None or -10 <= p["mean_score"] <= 10


def test_network_and_map(client: TestClient) -> None:
    net = get(client, "/api/stats/network")
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert ("RUS", "PRK") in edges and edges[("RUS", "PRK")]["weight"] >= 1
    ids = {n["id"] for n in net["nodes"]}
    assert {"RUS", "PRK"} <= ids
    heavy = get(client, "/api/stats/network", min_weight=3)
    assert all(e["weight"] >= 3 for e in heavy["edges"])
    m = get(client, "/api/stats/map", pair="RUS,PRK")
    assert {"RUS", "PRK"} <= {c["code"] for c in m["countries"]}


# -- downloads ----------------------------------------------------------------------------------------


def test_downloads(client: TestClient) -> None:
    total = get(client, "/api/events", pair="RUS,PRK", limit=1)["total"]
    r = client.get("/api/events", params={"pair": "RUS,PRK", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and {"RUS", "PRK"} <= set(
        rows[0]["source_codes"].split(";") + rows[0]["target_codes"].split(";")
    )
    r = client.get("/api/events", params={"pair": "RUS,PRK", "format": "jsonl"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert len(lines) == total and isinstance(lines[0]["source"], list)
    r = client.get("/api/events", params={"pair": "RUS,PRK", "format": "parquet"})
    import pyarrow.parquet as pq

    assert pq.read_table(io.BytesIO(r.content)).num_rows == total
    for url in ("/api/articles", "/api/quotes", "/api/actors", "/api/stats/timeline", "/api/stats/network"):
        for fmt in ("csv", "jsonl", "parquet"):
            r = client.get(url, params={"format": fmt})
            assert r.status_code == 200, (url, fmt, r.text[:200])


def test_openapi_spec(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    for path in (
        "/api/events",
        "/api/events/facets",
        "/api/articles/{ref}",
        "/api/actors",
        "/api/quotes",
        "/api/stats/timeline",
        "/api/stats/network",
        "/api/stats/map",
        "/api/ingest",
    ):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"pair", "since", "type", "quad", "actor", "q", "limit", "sort", "format"} <= names
    assert client.get("/api/docs").status_code == 200


# -- bad requests --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, params, status, words",
    [
        ("/api/events", {"colour": "red"}, 400, "unknown query parameter 'colour'"),
        ("/api/events", {"actr": "RUS"}, 400, "actr"),
        ("/api/stats/timeline", {"pair": "RUS,PRK", "intervall": "week"}, 400, "intervall"),
        ("/api/events", {"limit": "abc"}, 422, "limit"),
        ("/api/events", {"limit": 100000}, 422, "less than or equal to 500"),
        ("/api/events", {"limit": 0}, 422, "limit"),
        ("/api/events", {"offset": -1}, 422, "offset"),
        ("/api/events", {"since": "yesterday"}, 422, "since"),
        ("/api/events", {"since": "2024-06-20", "until": "2024-06-01"}, 422, "since"),
        ("/api/events", {"quad": 7}, 422, "quad"),
        ("/api/events", {"quad": "x"}, 422, "quad"),
        ("/api/events", {"future": "maybe"}, 422, "future"),
        ("/api/events", {"type": "NOPE"}, 422, "unknown event type"),
        ("/api/events", {"actor": "RUSSIA"}, 422, "actor code"),
        ("/api/events", {"actor": "R'S"}, 422, "actor code"),
        ("/api/events", {"pair": "RUS"}, 422, "two actor codes"),
        ("/api/events", {"pair_mode": "both"}, 422, "pair_mode"),
        ("/api/events", {"lat": 10}, 422, "lat, lon and radius_km"),
        ("/api/events", {"lat": 100, "lon": 0, "radius_km": 5}, 422, "lat"),
        ("/api/events", {"sort": "score; DROP TABLE events"}, 422, "unknown sort"),
        ("/api/events", {"format": "xlsx"}, 422, "format"),
        ("/api/events", {"q": "x" * 500}, 422, "at most 200"),
        ("/api/events", {"language": "deutsch!"}, 422, "language"),
        ("/api/articles", {"input_format": "pdf"}, 422, "input_format"),
        ("/api/stats/timeline", {"interval": "year"}, 422, "interval"),
        ("/api/stats/network", {"max_edges": 99999}, 422, "max_edges"),
        ("/api/actors", {"role": "victim"}, 422, "role"),
    ],
)
def test_bad_requests_are_4xx_with_a_message(
    client: TestClient, url: str, params: dict, status: int, words: str
) -> None:
    r = client.get(url, params=params)
    assert r.status_code == status, (r.status_code, r.text[:300])
    body = r.json()
    assert words.lower() in body["error"].lower(), body["error"]


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1 --",
        "'; DROP TABLE events; --",
        '" OR ""="',
        "%",
        "_",
        "\\",
        "Besuch') UNION SELECT * FROM articles --",
        "${jndi:ldap://x}",
        "🙂",
    ],
)
def test_injection_attempts_in_text_search(client: TestClient, q: str) -> None:
    before = get(client, "/api/health")["counts"]["events"]
    all_events = get(client, "/api/events", limit=1)["total"]
    for url, key in (
        ("/api/events", "q"),
        ("/api/articles", "q"),
        ("/api/quotes", "q"),
        ("/api/actors", "search"),
        ("/api/events", "actor_name"),
        ("/api/events", "place"),
    ):
        r = client.get(url, params={key: q})
        assert r.status_code == 200, (url, key, q, r.text[:200])
    page = get(client, "/api/events", q=q, limit=1)
    assert page["total"] < all_events, f"{q!r} matched every event: not a literal search"
    assert get(client, "/api/health")["counts"]["events"] == before


def test_nul_byte_and_garbage_never_500(client: TestClient) -> None:
    garbage = ["\x00", "%00", "NaN", "inf", "-1e309", "[]", "{}", "null", "true", "' --", "1;2", "\u202e", "9" * 40]
    for value in garbage:
        for key in (
            "limit",
            "offset",
            "since",
            "quad",
            "actor",
            "pair",
            "lat",
            "min_score",
            "future",
            "q",
            "type",
            "sort",
        ):
            r = client.get("/api/events", params={key: value})
            assert r.status_code < 500, (key, value, r.status_code, r.text[:200])


# -- ingest ---------------------------------------------------------------------------------------------

DOC = (
    "Bundeskanzler Olaf Scholz empfängt den französischen Präsidenten Emmanuel Macron in Berlin.\n\n"
    "Deutschland und Frankreich vereinbarten eine engere Zusammenarbeit bei der Verteidigung."
)


def test_ingest_is_off_without_token(client: TestClient) -> None:
    r = client.post("/api/ingest", files={"files": ("a.txt", DOC.encode())}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403 and "disabled" in r.json()["error"]


def test_ingest_with_token(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "ingest.duckdb"
    shutil.copy(demo_db, db)
    with TestClient(create_app(db, token="s3cret")) as c:
        before = c.get("/api/health").json()["counts"]["articles"]
        files = {"files": ("scholz.txt", DOC.encode())}
        assert c.post("/api/ingest", files=files).status_code == 401
        assert c.post("/api/ingest", files=files, headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.post("/api/ingest", files=files, data={"published": "2025-01-02"}, headers={"X-API-Token": "s3cret"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["stored"] == 1 and len(body["articles"]) == 1
        assert c.get("/api/health").json()["counts"]["articles"] == before + 1
        art = c.get(f"/api/articles/{body['articles'][0]}").json()
        assert art["published"] == "2025-01-02" and "Macron" in art["text"]
        again = c.post("/api/ingest", files=files, headers={"Authorization": "Bearer s3cret"}).json()
        assert again["stored"] == 0 and again["duplicate"] == 1
        bad = c.post("/api/ingest", files=files, data={"published": "soon"}, headers={"X-API-Token": "s3cret"})
        assert bad.status_code == 422
        assert c.post("/api/ingest", headers={"X-API-Token": "s3cret"}).status_code == 422
        assert c.get("/api/health").json()["read_only"] is True
