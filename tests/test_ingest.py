"""Readers on real formats, and every bad-input case: a clear error, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsevents.document import Document
from newsevents.ingest import IngestError, ReadOptions, detect_format, read_inputs


def _read(paths, **kw):
    items = list(read_inputs([str(p) for p in paths], ReadOptions(**kw)))
    docs = [i for i in items if isinstance(i, Document)]
    errs = [i for i in items if isinstance(i, IngestError)]
    return docs, errs


HTML = """<!doctype html><html><head><title>Gipfel in Wien</title>
<link rel="canonical" href="https://example-news.test/politik/gipfel">
<meta property="article:published_time" content="2025-03-04T10:00:00+01:00">
<meta name="author" content="Erika Muster"></head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
<article><h1>Gipfel in Wien</h1>
<p>Die Außenminister Österreichs und Ungarns haben sich am Dienstag in Wien getroffen, um über
die Zusammenarbeit an der gemeinsamen Grenze zu sprechen. Beide Seiten vereinbarten gemeinsame
Patrouillen und einen regelmäßigen Austausch der Behörden.</p>
<p>Die Opposition kritisierte das Treffen als reine Symbolpolitik und forderte mehr Geld für
die Gemeinden an der Grenze, die seit Monaten über fehlendes Personal klagen.</p>
</article><footer>Impressum | Datenschutz</footer></body></html>"""


def test_text_reader_detects_cp1252(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_bytes("Die Außenministerin äußerte große Sorge über die Lage.".encode("cp1252"))
    docs, errs = _read([p])
    assert not errs and "Außenministerin äußerte große" in docs[0].raw_text
    assert docs[0].doc_id == "a.txt"


def test_html_reader_extracts_text_title_date_canonical(tmp_path: Path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    docs, errs = _read([p])
    assert not errs
    d = docs[0]
    assert "Außenminister Österreichs" in d.raw_text and "Impressum" not in d.raw_text
    assert d.title == "Gipfel in Wien"
    assert d.url == "https://example-news.test/politik/gipfel" and d.outlet == "example-news.test"
    assert str(d.published) == "2025-03-04" and d.published_source == "metadata"


def test_jsonl_reader_field_mapping_and_bad_lines(tmp_path: Path):
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps({"id": "x1", "body": "Der Text eins.", "date": "2024-05-01"})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "x2", "body": "Der Text zwei."})
        + "\n"
        + json.dumps({"id": "x3"})
        + "\n",
        encoding="utf-8",
    )
    docs, errs = _read([p], fields={"text": "body", "doc_id": "id", "published": "date"})
    assert [d.doc_id for d in docs] == ["x1", "x2"]
    same, _ = _read([p])  # the usual field names are found without configuration
    assert [d.doc_id for d in same] == ["x1", "x2"]
    none, errs2 = _read([p], fields={"text": "nothing"})
    assert not none and "no text in field nothing" in errs2[0].reason
    assert str(docs[0].published) == "2024-05-01" and docs[0].published_source == "field"
    assert [e.record for e in errs] == ["2", "4"]
    assert "invalid JSON" in errs[0].reason and "no text" in errs[1].reason


def _warc(tmp_path: Path, n: int = 3) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "pages.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            body = HTML.replace("Wien", f"Wien{i}").encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                f"https://example-news.test/{i}", "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(rec)
    return path


def test_warc_reader(tmp_path: Path):
    docs, errs = _read([_warc(tmp_path)])
    assert len(docs) == 3 and not errs
    assert all(d.input_format == "warc" and d.record for d in docs)


def test_truncated_warc_keeps_records_before_the_cut(tmp_path: Path):
    path = _warc(tmp_path, 3)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    docs, errs = _read([cut])
    assert len(docs) >= 1 and errs and "cut.warc.gz" in errs[0].source


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Welt</title>
<item><title>Treffen in Genf</title><link>https://example-news.test/genf</link>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Die Außenminister trafen sich in Genf.&lt;/p&gt;</description></item>
<item><title>Proteste in Paris</title><link>https://example-news.test/paris</link>
<description>Tausende demonstrierten gegen die Reform.</description></item>
</channel></rss>"""


def test_feed_reader(tmp_path: Path):
    p = tmp_path / "f.rss"
    p.write_text(FEED, encoding="utf-8")
    docs, errs = _read([p])
    assert len(docs) == 2 and not errs
    assert docs[0].title == "Treffen in Genf" and str(docs[0].published) == "2025-03-04"
    assert "<p>" not in docs[0].raw_text and "trafen sich in Genf" in docs[0].raw_text


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        (
            "trunc.jsonl.gz",
            gzip.compress("".join(f'{{"text": "Satz {i} {i * 7919}"}}\n' for i in range(3000)).encode())[:3000],
            "truncated",
        ),
    ],
)
def test_bad_inputs_get_clear_errors_and_batch_goes_on(tmp_path: Path, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Die Regierung kündigte neue Gespräche an.", encoding="utf-8")
    docs, errs = _read([bad, good])
    assert any(d.source == str(good) for d in docs)
    assert errs and reason in errs[-1].reason.lower() and str(bad) in errs[-1].source


def test_undecodable_bytes(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 2000)
    docs, errs = _read([bad])
    assert not docs and errs and ("undecodable" in errs[0].reason or "binary" in errs[0].reason)


def test_giant_file_is_refused_without_loading(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse 200 MB file: cheap on disk, would be costly in memory
        fh.seek(200 * 1024 * 1024 - 1)
        fh.write(b"a")
    docs, errs = _read([big])
    assert not docs and "too large" in errs[0].reason and "200" in errs[0].reason


def test_directories_globs_and_missing(tmp_path: Path):
    (tmp_path / "d").mkdir()
    for i in range(3):
        (tmp_path / "d" / f"{i}.txt").write_text(f"Artikel Nummer {i} über Politik.", encoding="utf-8")
    docs, errs = _read([tmp_path / "d", str(tmp_path / "d" / "*.txt"), tmp_path / "missing.txt"])
    assert len(docs) == 6 and len(errs) == 1 and "no such file" in errs[0].reason


def test_detect_format(tmp_path: Path):
    p = tmp_path / "noext"
    p.write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert detect_format(p) == "html"
    assert detect_format(Path("x.warc.gz")) == "warc" and detect_format(Path("a.jsonl.gz")) == "jsonl"


def test_published_override(tmp_path: Path):
    p = tmp_path / "a.txt"
    p.write_text("Ein Text über Politik.", encoding="utf-8")
    from datetime import date

    docs, _ = _read([p], published=date(2024, 6, 17))
    assert docs[0].published == date(2024, 6, 17) and docs[0].published_source == "user"


def test_same_content_same_id(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Gleicher  Inhalt.\n", encoding="utf-8")
    b.write_text("Gleicher Inhalt.", encoding="utf-8")
    docs, _ = _read([a, b])
    assert docs[0].id == docs[1].id
