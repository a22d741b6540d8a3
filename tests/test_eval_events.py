"""Event evaluation: metrics, gold readers, seed check, scales, and PLOVER/GDELT exports."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from newsevents.document import ActorRef, Document, Event, OffsetMap, Segment, Span
from newsevents.eval.events import (
    EvalDoc,
    assign_events,
    evaluate,
    match_events,
    score,
    seed_check,
    system_event,
    to_dyads,
)
from newsevents.eval.gold import (
    GoldEvent,
    GoldSentence,
    GoldSet,
    read_gold,
    read_plover_gsr,
    split_cameo_actor,
)
from newsevents.events.scales import (
    cameo_code,
    cameo_root,
    plover_from_cameo,
    plover_score,
    quad_class,
    scales,
    strict_type,
)
from newsevents.store import Store
from newsevents.store.export import GDELT_COLUMNS, export_events, export_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
GSR_SAMPLE = Path(__file__).parent / "data" / "plover_gsr_sample.json"
PLOVER_KEYS = [
    "id", "doc_id", "event", "mode", "context", "actor", "recipient", "trigger", "sentence",
    "negated", "future", "hypothetical", "historical", "alleged", "date", "date_precision",
    "location", "score", "quad", "cameo_root", "confidence", "rule",
]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def needs_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the development data folder ../shared is absent)")
    return path


def ge(etype: str, src=(), tgt=(), **flags) -> GoldEvent:
    """A hand-made event: actors as codes or (code, sector) pairs."""
    def pairs(xs):
        return [x if isinstance(x, tuple) else (x, None) for x in xs]
    return GoldEvent(etype, None, pairs(src), pairs(tgt), dict(flags))


def sent(*events: GoldEvent, sid: int = 0) -> GoldSentence:
    return GoldSentence("d", sid, 0, 10, "x" * 10, list(events))


# -- metrics ------------------------------------------------------------------------------------


def test_type_is_a_multiset_per_sentence():
    gold = sent(ge("ACCUSE"), ge("ACCUSE"), ge("ASSAULT"))
    r = score([(gold, [ge("ACCUSE"), ge("ASSAULT"), ge("ASSAULT")])])
    assert r["type"] == {"p": 0.6667, "r": 0.6667, "f1": 0.6667}
    assert r["per_type"]["ACCUSE"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "support": 2}
    assert r["per_type"]["ASSAULT"]["p"] == 0.5 and r["per_type"]["ASSAULT"]["support"] == 1


def test_types_do_not_match_across_sentences():
    r = score([(sent(ge("ACCUSE"), sid=0), []), (sent(sid=1), [ge("ACCUSE")])])
    assert r["type"]["p"] == 0.0 and r["type"]["r"] == 0.0
    assert r["n_sentences"] == 2 and r["n_gold_events"] == 1 and r["n_system_events"] == 1


def test_empty_sentence_counts_false_alarms():
    r = score([(sent(ge("ACCUSE", ["USA"], ["PRK"])), [ge("ACCUSE", ["USA"], ["PRK"])]),
               (sent(sid=1), [ge("REJECT", ["RUS"])])])
    assert r["type"] == {"p": 0.5, "r": 1.0, "f1": 0.6667}
    assert r["triple"]["p"] == 0.5


def test_triple_needs_equal_code_sets():
    gold = sent(ge("ACCUSE", ["USA", "KOR"], ["PRK"]))
    assert score([(gold, [ge("ACCUSE", ["KOR", "USA"], ["PRK"])])])["triple"]["f1"] == 1.0
    r = score([(gold, [ge("ACCUSE", ["USA"], ["PRK"])])])
    assert r["type"]["f1"] == 1.0 and r["triple"]["f1"] == 0.0
    # direction matters outside CONSULT/COOPERATE
    assert score([(gold, [ge("ACCUSE", ["PRK"], ["USA", "KOR"])])])["triple"]["f1"] == 0.0


def test_consult_and_cooperate_compare_the_union():
    for etype in ("CONSULT", "COOPERATE"):
        gold = sent(ge(etype, ["RUS"], ["PRK"]))
        assert score([(gold, [ge(etype, ["PRK", "RUS"], [])])])["triple"]["f1"] == 1.0
        assert score([(gold, [ge(etype, ["PRK"], ["RUS"])])])["triple"]["f1"] == 1.0
        assert score([(gold, [ge(etype, ["RUS"], [])])])["triple"]["f1"] == 0.0
    gold = sent(ge("SUPPORT", ["RUS"], ["PRK"]))
    assert score([(gold, [ge("SUPPORT", ["PRK", "RUS"], [])])])["triple"]["f1"] == 0.0


def test_null_codes_are_left_out():
    gold = sent(ge("ASSAULT", [(None, "UNK")], [("PSE", "CVL")]))
    r = score([(gold, [ge("ASSAULT", [], [("PSE", "CVL")])])])
    assert r["triple"]["f1"] == 1.0 and r["triple_sector"]["f1"] == 1.0
    r = score([(gold, [ge("ASSAULT", [(None, "UAF")], [("PSE", "CVL")])])])
    assert r["triple_sector"]["f1"] == 1.0


def test_sectors_are_scored_separately():
    gold = sent(ge("ACCUSE", [("USA", "GOV")], [("PRK", None)]))
    r = score([(gold, [ge("ACCUSE", [("USA", "MIL")], [("PRK", None)])])])
    assert r["triple"]["f1"] == 1.0 and r["triple_sector"]["f1"] == 0.0


def test_each_gold_event_matched_once():
    gold = sent(ge("ASSAULT", [], ["PSE"]))
    r = score([(gold, [ge("ASSAULT", [], ["PSE"]), ge("ASSAULT", [], ["PSE"])])])
    assert r["triple"] == {"p": 0.5, "r": 1.0, "f1": 0.6667}
    assert r["type"]["p"] == 0.5
    # two equal gold events, two equal system events: both matched
    gold = sent(ge("ASSAULT", [], ["PSE"]), ge("ASSAULT", [], ["PSE"]))
    assert score([(gold, [ge("ASSAULT", [], ["PSE"])] * 2)])["triple"]["f1"] == 1.0


def test_matching_is_maximum_and_prefers_agreeing_flags():
    gold = [ge("CONSULT", ["RUS"], ["PRK"], historical=True), ge("CONSULT", ["RUS"], ["PRK"])]
    system = [ge("CONSULT", ["PRK", "RUS"], [], historical=False),
              ge("CONSULT", ["RUS"], ["PRK"], historical=True)]
    pairs = match_events(gold, system)
    assert len(pairs) == 2 and (0, 1) in pairs and (1, 0) in pairs


def test_flag_accuracy_over_triple_matches_only():
    gold = sent(ge("CONSULT", ["RUS"], ["PRK"], future=True, negated=False),
                ge("AID", ["PRK"], ["RUS"], alleged=True),
                ge("REJECT", ["PRK"], [], historical=True))
    system = [ge("CONSULT", ["RUS"], ["PRK"], future=True, negated=False),
              ge("AID", ["PRK"], ["RUS"], alleged=False),
              ge("REJECT", ["RUS"], [], historical=False)]  # no triple match: not counted
    r = score([(gold, system)])
    assert r["flags"]["future"] == 1.0 and r["flags"]["negated"] == 1.0
    assert r["flags"]["alleged"] == 0.0
    assert r["flags"]["historical"] is None  # only in an unmatched pair
    assert set(r) == {"n_sentences", "n_gold_events", "n_system_events", "type", "triple",
                      "triple_sector", "flags", "per_type"}


def test_errors_list_fp_and_fn():
    errors: list = []
    score([(sent(ge("ACCUSE", ["USA"], ["PRK"])), [ge("ACCUSE", ["USA"], ["CHN"]), ge("REJECT")])],
          errors)
    kinds = sorted((e["kind"], e["event"]["event"], e["type_matched"]) for e in errors)
    assert kinds == [("fn", "ACCUSE", True), ("fp", "ACCUSE", True), ("fp", "REJECT", False)]
    assert all(e["text"] == "x" * 10 and e["doc_id"] == "d" for e in errors)


# -- assignment by input offsets ------------------------------------------------------------------


def _event(etype: str, start: int, end: int, src=(), tgt=(), **kw) -> Event:
    refs = lambda codes: [ActorRef(c, c, "GOV", 0, 0) for c in codes]  # noqa: E731
    return Event(event=etype, mode=kw.pop("mode", None), source=refs(src), target=refs(tgt),
                 trigger=Span(start, end), trigger_text="t", sentence=Span(0, 0), **kw)


def test_events_belong_to_the_sentence_of_their_input_offset():
    raw = "AAAA BBBB. CCCC DDDD."
    # the cleaner dropped "BBBB. " -> clean text "AAAA CCCC DDDD."; offsets map back to raw
    doc = Document(id="x", raw_text=raw, text="AAAA CCCC DDDD.", doc_id="d1")
    doc.offsets = OffsetMap([Segment(0, 0, 5), Segment(5, 11, 10)])
    doc.events = [_event("ACCUSE", 0, 4), _event("REJECT", 5, 9), _event("ASSAULT", 10, 14)]
    sents = [GoldSentence("d1", 0, 0, 10, raw[:10]), GoldSentence("d1", 1, 11, 21, raw[11:])]
    gold = GoldSet(sents, [], "codebook")
    (s0, e0), (s1, e1) = assign_events(gold, [doc])
    assert [e.type for e in e0] == ["ACCUSE"] and [e.type for e in e1] == ["REJECT", "ASSAULT"]
    assert e1[0].meta["input_start"] == 11 and e1[0].meta["trigger_start"] == 5


def test_events_outside_annotated_sentences_and_other_docs_are_ignored():
    doc = Document(id="x", raw_text="A" * 50, text="A" * 50, doc_id="d1")
    doc.events = [_event("ACCUSE", 2, 3), _event("REJECT", 40, 41)]
    other = Document(id="y", raw_text="B" * 50, text="B" * 50, doc_id="d2")
    other.events = [_event("AID", 2, 3)]
    gold = GoldSet([GoldSentence("d1", 0, 0, 10, "A" * 10)], [], "codebook")
    [(_, events)] = assign_events(gold, [doc, other])
    assert [e.type for e in events] == ["ACCUSE"]


def test_strict_turns_announced_cooperation_into_agree():
    ev = _event("CONSULT", 0, 1, ["RUS"], ["PRK"], future=True)
    assert system_event(ev).type == "CONSULT"
    assert system_event(ev, strict=True).type == "AGREE"
    assert strict_type("AID", True) == "AGREE" and strict_type("ASSAULT", True) == "ASSAULT"


def test_dyads_split_events_the_way_petrarch_codes_them():
    meeting = ge("CONSULT", ["USA", "RUS", "CHE"])
    pairs = {(e.source[0][0], e.target[0][0]) for e in to_dyads(meeting)}
    assert len(pairs) == 6 and ("USA", "RUS") in pairs and ("RUS", "USA") in pairs
    attack = ge("ASSAULT", ["USA", "GBR"], ["IRQ"])
    assert [(e.source, e.target) for e in to_dyads(attack)] == [
        ([("USA", None)], [("IRQ", None)]), ([("GBR", None)], [("IRQ", None)])]
    lone = ge("PROTEST", ["GBR", "USA"])
    assert [(e.source, e.target) for e in to_dyads(lone)] == [([("GBR", None)], []), ([("USA", None)], [])]
    one = ge("ACCUSE", ["FRA"], ["RWA"])
    assert to_dyads(one) == [one]
    two_sectors = ge("CONSULT", [("USA", "GOV"), ("USA", "MIL")], [("LBN", "GOV")])
    assert len(to_dyads(two_sectors)) == 1  # one coding per code pair


def test_dyad_scoring_matches_a_dyadic_gold_sentence():
    gold_sent = GoldSentence("d", 0, 0, 10, "x" * 10, [
        ge("CONSULT", ["USA"], ["RUS"]), ge("CONSULT", ["RUS"], ["USA"])])
    system = [ge("CONSULT", ["USA", "RUS"])]
    assert score([(gold_sent, system)])["triple"]["r"] == 0.5  # one of the two codings
    assert score([(gold_sent, to_dyads(system[0]))])["triple"]["f1"] == 1.0


# -- gold readers -------------------------------------------------------------------------------


def test_plover_gsr_sample_maps_old_labels():
    g = read_plover_gsr(GSR_SAMPLE)
    assert len(g.sentences) == len(g.docs) == 6
    types = [[e.type for e in s.events] for s in g.sentences]
    assert types == [["REQUEST"], ["ACCUSE"], ["ACCUSE"], ["ASSAULT"], ["CONSULT"], []]
    demand, disapprove, _, fight, consult, _ = g.sentences
    assert demand.events[0].original == "DEMAND" and demand.events[0].mode == "yield"
    assert demand.events[0].source == [("UKR", "GOV")] and demand.published == date(2019, 3, 12)
    assert disapprove.events[0].source == [("NGO", None)]
    assert disapprove.events[0].target == [(None, "COP")]
    assert fight.events[0].source == [("SOM", "MIL"), ("SOM", "REB")]
    assert fight.events[0].target == []
    assert consult.events[0].flags["future"] is True
    assert consult.events[0].flags["historical"] is False
    assert consult.doc_id == "TEST-GSR-CONSULT-0001" and consult.lang == "en"
    assert consult.start == 0 and consult.end == len(consult.text)


def test_plover_gsr_reader_accepts_oeda_trailing_commas(tmp_path: Path):
    p = tmp_path / "gsr.txt"
    p.write_text('{\n "id": "a", "text": "X attacked Y.", "event": "FIGHT",\n'
                 ' "source": [{"actorText": "X", "code": "SYR",},],\n "target": "",\n},\n'
                 '{"id": "b", "text": "Z.", "event": "AGREE",'
                 ' "actor": [{"text": "Z", "code": "FRA"}],'
                 ' "recipient": [{"text": "W", "code": "DEU", "sector": "GOV"}]},\n',
                 encoding="utf-8")
    g = read_plover_gsr(p)
    assert [s.events[0].type for s in g.sentences] == ["ASSAULT", "AGREE"]
    assert g.sentences[1].events[0].target == [("DEU", "GOV")]


def test_split_cameo_actor_codes():
    assert split_cameo_actor("USAGOV") == ("USA", "GOV")
    assert split_cameo_actor("USA") == ("USA", None)
    assert split_cameo_actor("---LEG") == (None, "LEG")
    assert split_cameo_actor("---") == (None, None)
    assert split_cameo_actor("RUSMED") == ("RUS", "JRN")  # CAMEO MED = media
    assert split_cameo_actor("PSEREBHMSGOV") == ("PSE", "REB")
    assert split_cameo_actor("IGOEUREEC") == ("EUR", None)
    assert split_cameo_actor("") == (None, None)


def test_read_codebook_dev_gold():
    gold = needs_shared(GOLD / "dev-de.gold.jsonl")
    g = read_gold(gold, "codebook", GOLD / "dev-de.docs.jsonl")
    assert len(g.sentences) == 320 and len(g.docs) == 30
    assert sum(len(s.events) for s in g.sentences) == 204
    assert any(not s.events for s in g.sentences)
    texts = {d.doc_id: d.text for d in g.docs}
    assert all(texts[s.doc_id][s.start:s.end] == s.text for s in g.sentences)
    assert all(set(e.flags) == {"negated", "future", "hypothetical", "historical", "alleged"}
               for s in g.sentences for e in s.events)
    assert g.docs[0].lang == "de" and g.docs[0].published is not None
    with pytest.raises(ValueError, match="--docs"):
        read_gold(gold, "codebook")


def test_read_petrarch_validation_xml():
    path = needs_shared(GOLD / "en-petr2-gsr-validation.xml")
    g = read_gold(path, "petrarch-xml")
    assert len(g.sentences) == 78 and len(g.docs) == 78
    first = g.sentences[0]
    assert first.doc_id == "AFP0808020625_4" and first.published == date(2008, 8, 4)
    assert first.text.startswith("The stopover came") and "\n" not in first.text
    ev = first.events[0]
    assert (ev.type, ev.mode, ev.source, ev.target, ev.original) == (
        "CONSULT", "visit", [("USA", None)], [("CHN", None)], "042")
    assert sum(not s.events and not s.dropped for s in g.sentences) >= 12  # noevents="True"
    dropped = {c for s in g.sentences for c in s.dropped}
    assert dropped and all(c[:2] in ("01", "02") for c in dropped)
    assert all(e.flags == {} for s in g.sentences for e in s.events)


# -- gold against itself ------------------------------------------------------------------------


def _gold_as_documents(gold: GoldSet):
    """A run function that returns the gold events as system events (at the trigger, if found)."""
    by_doc: dict[str, list[GoldSentence]] = {}
    for s in gold.sentences:
        by_doc.setdefault(s.doc_id, []).append(s)

    def run(docs: list[EvalDoc]) -> list[Document]:
        out = []
        for d in docs:
            doc = Document(id=d.doc_id, raw_text=d.text, text=d.text, doc_id=d.doc_id)
            for s in by_doc[d.doc_id]:
                for e in s.events:
                    k = s.text.find(e.trigger) if e.trigger else -1
                    start = s.start + max(k, 0)
                    refs = lambda xs: [ActorRef("", c, sec, 0, 0) for c, sec in xs]  # noqa: E731
                    doc.events.append(Event(
                        event=e.type, mode=e.mode, source=refs(e.source), target=refs(e.target),
                        trigger=Span(start, start + 1), trigger_text=e.trigger or "",
                        sentence=Span(s.start, s.end),
                        **{f: v for f, v in e.flags.items()},
                    ))
            out.append(doc)
        return out

    return run


@pytest.mark.parametrize("fmt,path,docs", [
    ("codebook", GOLD / "dev-de.gold.jsonl", GOLD / "dev-de.docs.jsonl"),
    ("petrarch-xml", GOLD / "en-petr2-gsr-validation.xml", None),
    ("plover-gsr", GSR_SAMPLE, None),
])
def test_gold_against_itself_scores_one(fmt: str, path: Path, docs: Path | None, tmp_path: Path):
    needs_shared(path)
    gold = read_gold(path, fmt, docs)
    errors = tmp_path / "errors.jsonl"
    r = evaluate(path, fmt, docs, run=_gold_as_documents(gold), errors_path=errors)
    assert r["type"]["f1"] == r["triple"]["f1"] == r["triple_sector"]["f1"] == 1.0
    assert r["n_gold_events"] == r["n_system_events"] == sum(len(s.events) for s in gold.sentences)
    assert all(v in (None, 1.0) for v in r["flags"].values())
    assert all(v["f1"] == 1.0 for v in r["per_type"].values())
    assert errors.read_text() == ""


def test_evaluate_writes_errors(tmp_path: Path):
    docs = tmp_path / "docs.jsonl"
    text = "Russland kritisierte die USA. Die Börse schloss fester."
    docs.write_text(json.dumps({"doc_id": "a", "text": text, "published": "2020-01-02"}) + "\n")
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"doc_id": "a", "sent_id": 0, "start": 0, "end": 29, "text": text[:29], "events": [
            {"event": "ACCUSE", "mode": None,
             "source": [{"text": "Russland", "code": "RUS", "sector": None}],
             "target": [{"text": "die USA", "code": "USA", "sector": None}],
             "trigger": "kritisierte",
             "negated": False, "future": False, "hypothetical": False, "historical": False,
             "alleged": False}]},
        {"doc_id": "a", "sent_id": 1, "start": 30, "end": 55, "text": text[30:], "events": []},
    ]
    body = "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines)
    gold.write_text(body, encoding="utf-8")
    seen: list[EvalDoc] = []

    def run(eval_docs: list[EvalDoc]) -> list[Document]:
        seen.extend(eval_docs)
        doc = Document(id="h", raw_text=text, text=text, doc_id="a")
        doc.events = [_event("ACCUSE", 9, 20, ["RUS"], ["CHN"]), _event("ASSAULT", 35, 40)]
        return [doc]

    errors = tmp_path / "errors.jsonl"
    r = evaluate(gold, "codebook", docs, run=run, errors_path=errors)
    assert seen == [EvalDoc("a", text, date(2020, 1, 2), None)]
    assert r["type"] == {"p": 0.5, "r": 1.0, "f1": 0.6667} and r["triple"]["f1"] == 0.0
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted((e["kind"], e["sent_id"], e["event"]["event"]) for e in rows) == [
        ("fn", 0, "ACCUSE"), ("fp", 0, "ACCUSE"), ("fp", 1, "ASSAULT")]
    fp = next(e for e in rows if e["kind"] == "fp" and e["sent_id"] == 0)
    assert fp["text"] == text[:29] and fp["event"]["input_start"] == 9


# -- seed check ---------------------------------------------------------------------------------

EXPECTED = {
    "must": [
        {"event": "CONSULT", "source": ["RUS"], "target": ["PRK"], "future": True,
         "date": "2024-06-18"},
        {"event": "CONSULT", "source": ["PRK"], "target": ["RUS"], "historical": True},
        {"event": "CONSULT", "source": ["PRK"], "target": ["RUS"], "historical": True,
         "date": "2019"},
        {"event": "ACCUSE", "source": ["USA", "KOR"], "target": ["PRK"]},
    ],
    "must_not": ["any event whose evidence lies in the PREV/NEXT lines (Musk)",
                 "the same event twice only because a caption line is repeated",
                 "an event for talking to the press"],
    "cleaning": {"removed_lines": ["PREV Musks Vorhersage"]},
}


def _seed_doc(published: date | None = date(2024, 6, 17)) -> Document:
    doc = Document(id="s", raw_text="x" * 100, text="x" * 100, published=published)
    doc.events = [
        _event("CONSULT", 0, 1, ["RUS"], ["PRK"], future=True, date="2024-06-18"),
        _event("CONSULT", 2, 3, ["PRK", "RUS"], [], historical=True, date="2019"),
        _event("CONSULT", 4, 5, ["PRK"], ["RUS"], historical=True, date="2023-09"),
        _event("ACCUSE", 6, 7, ["USA", "KOR", "JPN"], ["PRK"]),
    ]
    return doc


def test_seed_check_finds_must_events():
    r = seed_check(_seed_doc(), EXPECTED)
    assert r["ok"] and r["n_found"] == r["n_must"] == 4 and not r["missing"]
    assert [m["status"] for m in r["must_not"]] == ["ok", "ok", "unchecked"]


def test_seed_check_reports_reasons():
    doc = _seed_doc()
    doc.events[0].future = False
    doc.events[3].target = []
    r = seed_check(doc, EXPECTED)
    assert not r["ok"] and r["n_found"] == 2
    reasons = {m["must"]["event"] + str(m["must"].get("future", "")): m["reason"]
               for m in r["missing"]}
    assert "future=False, want True" in reasons["CONSULTTrue"]
    assert "target" in reasons["ACCUSE"]


def test_seed_check_needs_distinct_events_and_dates_only_with_publication():
    doc = _seed_doc()
    del doc.events[2]  # one historical CONSULT left for two must-events
    r = seed_check(doc, EXPECTED)
    assert r["n_found"] == 3 and "other must-events" in r["missing"][0]["reason"]
    assert seed_check(doc, EXPECTED, distinct=False)["n_found"] == 4
    doc = _seed_doc(published=None)
    doc.events[0].date = None
    assert seed_check(doc, EXPECTED)["ok"]


def test_seed_check_flags_duplicates():
    doc = _seed_doc()
    doc.events.append(_event("ACCUSE", 6, 7, ["USA", "KOR", "JPN"], ["PRK"]))
    r = seed_check(doc, EXPECTED)
    assert not r["ok"] and r["must_not"][1]["status"] == "violated"


def test_seed_check_reads_the_real_expected_file():
    path = needs_shared(GOLD / "seed.expected.json")
    r = seed_check(Document(id="e", raw_text="", text=""), path)
    assert r["n_must"] == len(json.loads(path.read_text())["must"]) and not r["ok"]
    assert all("no " in m["reason"] for m in r["missing"])


# -- scales and crosswalk -----------------------------------------------------------------------


def test_scales_cover_every_type_consistently():
    table = scales().types
    assert sorted(table) == sorted(TYPES)
    for t, row in table.items():
        assert -10 <= row["score"] <= 10
        assert (row["score"] > 0) == (row["quad"] in (1, 2)), t
        for mode, mrow in scales().modes.get(t, {}).items():
            value = mrow.get("score", row["score"])
            assert -10 <= value <= 10 and (value > 0) == (row["score"] > 0), (t, mode)


def test_scale_lookups():
    assert plover_score("ASSAULT", None) == -9.3 and plover_score("ASSAULT", "CBRN") == -10.0
    assert plover_score("CONSULT", "unknown-mode") == 2.1 and plover_score("NOT_A_TYPE") is None
    assert quad_class("CONSULT") == 1 and quad_class("AID") == 2
    assert quad_class("ACCUSE") == 3 and quad_class("PROTEST") == 4
    assert cameo_root("CONSULT", "visit") == "04" and cameo_root("ACCUSE", "investigate") == "09"
    assert cameo_root("ASSAULT", "CBRN") == "20" and cameo_root("RETREAT") == "08"
    assert cameo_code("CONSULT", "visit") == "042" and cameo_code("RETREAT", None) == "084"
    ev = _event("AID", 0, 1, mode="military")
    assert plover_score(ev) == 8.0 and cameo_root(ev) == "07"


def test_cameo_crosswalk():
    assert plover_from_cameo("042") == ("CONSULT", "visit")
    assert plover_from_cameo("190") == ("ASSAULT", None)
    assert plover_from_cameo("1124") == ("ACCUSE", "allege")
    assert plover_from_cameo("0843") == ("RETREAT", None)  # longest listed prefix: 084
    assert plover_from_cameo("163") == ("SANCTION", "restrict")  # codebook override
    assert plover_from_cameo("015") is None and plover_from_cameo("023") is None
    assert plover_from_cameo("99") is None
    head = (ROOT / "src/newsevents/data/events/cameo2plover.tsv").read_text().splitlines()[:5]
    assert any("CC BY-SA 4.0" in line for line in head)


def test_cameo_table_matches_the_converter(monkeypatch: pytest.MonkeyPatch):
    src = needs_shared(SHARED / "data" / "plover" / "CAMEO2PLOVER-2021.txt")
    import importlib.util
    import sys

    script = ROOT / "training" / "build_cameo_map.py"
    spec = importlib.util.spec_from_file_location("build_cameo_map", script)
    mod = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_cameo_map", mod)  # dataclasses look it up
    spec.loader.exec_module(mod)
    rows = mod.convert(src.read_text(encoding="utf-8").splitlines())
    committed = (ROOT / "src/newsevents/data/events/cameo2plover.tsv").read_text(encoding="utf-8")
    assert [r.tsv() for r in rows] == [line for line in committed.splitlines()
                                       if line and not line.startswith("#")][1:]


# -- exports ------------------------------------------------------------------------------------


def _export_db(tmp_path: Path) -> Path:
    raw = "Putin  besucht Pjöngjang. Kim empfing ihn."
    text = "Putin besucht Pjöngjang. Kim empfing ihn."  # the cleaner collapsed a double space
    doc = Document(id="art1", raw_text=raw, text=text, doc_id="seed-1", published=date(2024, 6, 17),
                   url="https://example.org/a", language="de")
    doc.offsets = OffsetMap([Segment(0, 0, 5), Segment(5, 6, len(text) - 5)])
    putin = ActorRef("Putin", "RUS", "GOV", 0, 5)
    pyong = ActorRef("Pjöngjang", "PRK", "GOV", 14, 23)
    doc.events = [
        Event(event="CONSULT", mode="visit", source=[putin], target=[pyong], trigger=Span(6, 13),
              trigger_text="besucht", sentence=Span(0, 24), future=True, date="2024-06-18",
              date_precision="day", confidence=0.9, rule="de:verb:besuchen",
              location={"name": "Pjöngjang", "lat": 39.03, "lon": 125.75, "country": "PRK"}),
        Event(event="ACCUSE", mode=None, source=[ActorRef("USA", "USA", "GOV", 0, 0),
                                                 ActorRef("Südkorea", "KOR", None, 0, 0)],
              target=[pyong], trigger=Span(29, 36), trigger_text="empfing", sentence=Span(25, 41)),
    ]
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        store.write_batch([doc], [], "run-1")
    return db


def test_export_plover_shape_and_offsets(tmp_path: Path):
    db = _export_db(tmp_path)
    out = tmp_path / "events.plover.jsonl"
    with Store(db, read_only=True) as store:
        assert export_table(store, "events", "plover", out) == 2
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    consult = next(r for r in recs if r["event"] == "CONSULT")
    assert list(consult)[:len(PLOVER_KEYS)] == PLOVER_KEYS
    assert consult["doc_id"] == "seed-1" and consult["mode"] == "visit"
    putin = {"text": "Putin", "code": "RUS", "sector": "GOV", "start": 0, "end": 5}
    assert consult["actor"] == [putin]
    assert consult["recipient"][0]["code"] == "PRK"
    assert consult["trigger"] == {"text": "besucht", "start": 6, "end": 13,
                                  "input_start": 7, "input_end": 14}
    assert consult["sentence"] == {"start": 0, "end": 24}
    assert consult["future"] is True and consult["negated"] is False
    assert consult["date"] == "2024-06-18" and consult["date_precision"] == "day"
    assert consult["location"]["name"] == "Pjöngjang"
    assert (consult["score"], consult["quad"], consult["cameo_root"]) == (2.5, 1, "04")
    assert consult["confidence"] == 0.9 and consult["rule"] == "de:verb:besuchen"
    raw = "Putin  besucht Pjöngjang. Kim empfing ihn."
    t = consult["trigger"]
    assert raw[t["input_start"]:t["input_end"]] == "besucht"
    accuse = next(r for r in recs if r["event"] == "ACCUSE")
    assert (accuse["score"], accuse["quad"], accuse["cameo_root"]) == (-2.0, 3, "11")


def test_export_plover_strict(tmp_path: Path):
    db = _export_db(tmp_path)
    out = tmp_path / "strict.jsonl"
    with Store(db, read_only=True) as store:
        export_events(store, "plover", out, strict=True)
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["event"] for r in recs) == ["ACCUSE", "AGREE"]
    assert next(r for r in recs if r["event"] == "AGREE")["codebook_event"] == "CONSULT"


def test_export_gdelt_tsv(tmp_path: Path):
    db = _export_db(tmp_path)
    out = tmp_path / "events.tsv"
    with Store(db, read_only=True) as store:
        assert export_events(store, "gdelt", out) == 2
        with pytest.raises(ValueError):
            export_table(store, "articles", "gdelt", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert list(rows[0]) == list(GDELT_COLUMNS)
    consult = next(r for r in rows if r["PLOVER_Event"] == "CONSULT")
    assert consult["Day"] == "20240618" and consult["Actor1Code"] == "RUSGOV"
    assert consult["Actor1CountryCode"] == "RUS" and consult["Actor2Code"] == "PRKGOV"
    codes = (consult["EventCode"], consult["EventRootCode"], consult["QuadClass"])
    assert codes == ("042", "04", "1")
    assert float(consult["GoldsteinScale"]) == 2.5 and consult["PLOVER_Mode"] == "visit"
    assert consult["ActionGeo_FullName"] == "Pjöngjang" and float(consult["ActionGeo_Lat"]) == 39.03
    assert consult["SOURCEURL"] == "https://example.org/a" and consult["DocID"] == "seed-1"
    accuse = [r for r in rows if r["PLOVER_Event"] == "ACCUSE"]  # compound source: one row per dyad
    assert sorted(r["Actor1Code"] for r in accuse) == ["KOR", "USAGOV"]
    assert accuse[0]["Day"] == "20240617"  # no event date: the publication date
    assert len({r["GlobalEventID"] for r in rows}) == len(rows) == 3


# -- the default runner -------------------------------------------------------------------------


def test_default_runner_raises_when_every_document_fails(monkeypatch: pytest.MonkeyPatch):
    import newsevents.runner as runner

    def failing(paths, **kw):
        failure = runner.Failure("f", "1", "nlp", "boom")
        return runner.RunSummary(read=1, failed=1, failures=[failure])

    monkeypatch.setattr(runner, "run_pipeline", failing)
    with pytest.raises(RuntimeError, match="boom"):
        evaluate(GSR_SAMPLE, "plover-gsr")


def test_default_runner_keeps_ids_dates_and_language():
    from newsevents.eval.events import run_pipeline_docs

    text = "Die russische Regierung kritisierte am Montag die Sanktionen der EU scharf."
    try:
        [doc] = run_pipeline_docs([EvalDoc("x1", text, date(2020, 5, 4), "de")])
    except RuntimeError as exc:  # no German model built on this machine
        pytest.skip(f"pipeline unavailable: {exc}")
    assert (doc.doc_id, doc.published, doc.language) == ("x1", date(2020, 5, 4), "de")
    assert all(0 <= doc.to_input(e.trigger.start) < len(text) for e in doc.events)
