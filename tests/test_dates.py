"""When: date expressions, their resolution, publication dates from text and HTML, event dates.

The gold set ``tests/data/dates_gold.jsonl`` (297 expressions from real German news, README
``tests/data/dates_places_gold.README.md``) is scored twice: with the shipped parser (the way
the ``dates`` stage runs) and from word forms alone (no model). Target: value accuracy >= 0.90.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import date
from pathlib import Path

import pytest

from newsevents.document import Document, Event, Span
from newsevents.nlp import model_dir
from newsevents.pipeline import make_stage
from newsevents.resolve import DatesStage, event_date
from newsevents.resolve.dates import document_dates, finder, is_historical, resolve
from newsevents.resolve.pubdate import (
    DateEvidence,
    VisibleDate,
    closing_line_date,
    dateline_date,
    decide_date,
    text_publication_date,
    url_date,
    visible_dates,
)

GOLD = Path(__file__).resolve().parent / "data" / "dates_gold.jsonl"
TARGET = 0.90
REF = date(2024, 6, 17)  # a Monday

needs_de = pytest.mark.skipif(not (model_dir("de") / "config.cfg").is_file(), reason="shipped German model not built")


def one(text: str, lang: str = "de", direction: str | None = None, ref: date = REF) -> tuple[str, str] | None:
    """(value, precision) of the single expression in ``text``."""
    found = finder(lang).find(text)
    assert len(found) == 1, [f.text for f in found]
    res = resolve(found[0], ref, direction)
    return (res.value, res.precision) if res else None


@pytest.mark.parametrize(
    "text,direction,expected",
    [
        ("Putin wird am Dienstag eintreffen.", "future", ("2024-06-18", "day")),
        ("Das teilten die Medien am Dienstag mit.", "past", ("2024-06-11", "day")),
        ("Sie kamen am Montag an.", "past", ("2024-06-17", "day")),  # the same day is allowed
        ("Er reiste gestern ab.", "past", ("2024-06-16", "day")),
        ("Im März beendete ein Veto die Aufsicht.", "past", ("2024-03", "month")),
        ("Putin besuchte Pjöngjang im Juli 2000.", "past", ("2000-07", "month")),
        ("Kim besuchte im September Russland.", "past", ("2023-09", "month")),
        ("am 13. September 2023", "past", ("2023-09-13", "day")),
        ("Das war vor zwei Jahren.", "past", ("2022", "year")),
        ("Das war letzte Woche.", "past", ("2024-06", "month")),
        ("Anfang August beginnt es.", "future", ("2024-08", "month")),
        ("seit 2019", "past", ("2019", "year")),
        ("Es geschah in der Nacht auf Freitag.", "past", ("2024-06-14", "day")),
        ("Die Sitzung ist am Donnerstag nächster Woche.", "future", ("2024-06-27", "day")),
        ("heute, Dienstag, wird er präsentiert", None, ("2024-06-18", "day")),
        ("Heuer sollen es weniger sein.", "future", ("2024", "year")),
        ("Am 10.01.1994 wurde er geboren.", "past", ("1994-01-10", "day")),
        ("Das war im Jahr 1991.", "past", ("1991", "year")),
        ("im Frühjahr", "past", ("2024", "year")),
        ("Im kommenden Herbst", "future", ("2024", "year")),
    ],
)
def test_german_expressions(text, direction, expected):
    assert one(text, "de", direction) == expected


@pytest.mark.parametrize(
    "text,direction,expected",
    [
        ("Putin will arrive on Tuesday.", "future", ("2024-06-18", "day")),
        ("They met last month.", "past", ("2024-05", "month")),
        ("He visited in July 2000.", "past", ("2000-07", "month")),
        ("It happened two years ago.", "past", ("2022", "year")),
        ("on March 5, 2022", "past", ("2022-03-05", "day")),
        ("on 13 September 2023", "past", ("2023-09-13", "day")),
        ("It ended yesterday.", "past", ("2024-06-16", "day")),
    ],
)
def test_english_expressions(text, direction, expected):
    assert one(text, "en", direction) == expected


@pytest.mark.parametrize(
    "text",
    [
        "seit 24 Jahren",
        "drei Tage lang",
        "innerhalb von fünf Tagen",
        "in den kommenden Tagen",
        "vor Wochen",
        "in den 1990er-Jahren",
        "2000 Menschen",
        "für die nächsten zehn Jahre",
        "Dass wir heute noch ein Auto besitzen",
    ],
)
def test_durations_and_quantities_are_not_dates(text):
    assert finder("de").find(text) == []


def test_english_may_is_a_modal_verb():
    assert finder("en").find("Troops may leave soon.") == []


def test_week_is_the_month_of_its_thursday():
    # week of Mon 29 Jun - Sun 5 Jul 2015: its Thursday is 2 July
    assert one("letzte Woche", ref=date(2015, 7, 9), direction="past") == ("2015-07", "month")


def test_day_without_year_prefers_the_clause_direction():
    ref = date(2017, 3, 17)
    assert one("vom 15. Juli", ref=ref, direction="past") == ("2016-07-15", "day")
    assert one("am 16. April", ref=ref, direction="past") == ("2017-04-16", "day")  # 30 days ahead is nearer


def test_without_reference_only_absolute_dates_resolve():
    f = finder("de")
    assert resolve(f.find("am Dienstag")[0], None, "past") is None
    assert resolve(f.find("im Juli 2000")[0], None, "past").value == "2000-07"


def test_historical_flag_follows_the_date():
    f = finder("de")
    assert is_historical(resolve(f.find("2019")[0], REF), REF)
    assert is_historical(resolve(f.find("im September")[0], REF, "past"), REF)
    assert not is_historical(resolve(f.find("im Juni")[0], REF, "past"), REF)
    assert not is_historical(resolve(f.find("am Dienstag")[0], REF, "future"), REF)


# -- publication dates from the text ----------------------------------------------------------


def test_dateline_dates():
    assert dateline_date("Montag, 17. Juni 2024\nPutin reist nach Pjöngjang.", "de").value == REF
    assert dateline_date("Moskau, 17.06.2024 – Putin reist nach Pjöngjang.", "de").value == REF
    assert dateline_date("Dienstag, 17. Juni 2024\nFalscher Wochentag.", "de") is None
    assert dateline_date("Putin reist nach dem Gipfel am 17. Juni 2024 ab.", "de") is None  # not a dateline


def test_closing_line_date():
    assert closing_line_date(["(APA, 11.9.2015)"]).value == date(2015, 9, 11)
    assert closing_line_date(["(Katharina Mittelstaedt, Wolfgang Weisgram, 26.4.2016)"]).value == date(2016, 4, 26)
    assert closing_line_date(["(mit Informationen von AP)"]) is None


def test_dates_stage_sets_publication_date_from_text_and_never_invents():
    doc = Document.from_text("Wien – Die Regierung tagte.", language="de")
    doc.attribution = ["(APA, 11.9.2015)"]
    doc = DatesStage()(doc)
    assert (doc.published, doc.published_source) == (date(2015, 9, 11), "text")
    bare = DatesStage()(Document.from_text("Wien – Die Regierung tagte am Dienstag.", language="de"))
    assert bare.published is None and bare.published_source is None
    assert text_publication_date(bare) is None


def _event(doc: Document, trigger: str, future: bool = False) -> Event:
    a = doc.text.index(trigger)
    sent = next(s for s in doc.sentences if s.start <= a < s.end)
    return Event("CONSULT", None, [], [], Span(a, a + len(trigger)), trigger, Span(sent.start, sent.end), future=future)


@needs_de
def test_event_dates_use_the_expression_of_the_trigger_clause():
    text = (
        "Putin wird am Dienstag in Pjöngjang eintreffen, teilten Staatsmedien am Montag mit. "
        "Die Zusammenarbeit hat zugenommen, seit Kim im September Russland besuchte. "
        "Putin besuchte Pjöngjang im Juli 2000 und traf Kim Jong Il. Die Beziehungen sind gut."
    )
    doc = make_stage("nlp")(Document.from_text(text, language="de", published=REF))
    doc.events = [
        _event(doc, "eintreffen", future=True),
        _event(doc, "Zusammenarbeit"),
        _event(doc, "besuchte"),
        _event(doc, "traf"),
        _event(doc, "Beziehungen"),
    ]
    dates = document_dates(doc)
    assert event_date(doc, doc.events[0], dates).expr.text == "am Dienstag"
    doc = DatesStage()(doc)
    got = [(e.trigger_text, e.date, e.date_precision, e.historical) for e in doc.events]
    assert got == [
        ("eintreffen", "2024-06-18", "day", False),
        ("Zusammenarbeit", "2024-06-17", "report", False),  # "im September" belongs to the seit-clause
        ("besuchte", "2023-09", "month", True),
        ("traf", "2000-07", "month", True),
        ("Beziehungen", "2024-06-17", "report", False),
    ]


# -- publication dates of HTML pages --------------------------------------------------------------


def test_url_date():
    assert url_date("https://example.org/2019/08/16/story") == date(2019, 8, 16)
    assert url_date("https://example.org/news-20190816-story.html") == date(2019, 8, 16)
    assert url_date("https://example.org/story-2019") is None


def test_visible_byline_date_near_the_headline():
    html = """<html><head><title>Faire Lieferketten | Verband</title></head><body>
    <div class="sidebar"><span class="date">01.01.2020</span></div>
    <h1>Faire Lieferketten</h1><div class="news-meta"><span class="date">05.02.2020</span></div>
    <p>Text am 12.03.2019 erwähnt.</p></body></html>"""
    shown = visible_dates(html)
    near = [v for v in shown if v.near_title and v.date_element]
    assert [v.value for v in near] == [date(2020, 2, 5)]


def test_decide_date_rules():
    orig, byline = date(2021, 11, 29), date(2022, 1, 12)
    ev = DateEvidence(orig, byline, [VisibleDate(byline, 5, False, True, True)], None, {})
    assert decide_date(ev).value == byline  # the page shows its update date near the headline
    far = DateEvidence(orig, orig, [VisibleDate(date(2016, 5, 31), 5, False, True, True)], None, {})
    assert decide_date(far).value == orig  # a byline years away belongs to something else
    utc = DateEvidence(date(2022, 11, 6), None, [], None, {date(2022, 11, 6): date(2022, 11, 7)})
    assert decide_date(utc).value == date(2022, 11, 7)  # "23:00Z" is the next day in Berlin
    assert decide_date(DateEvidence(None, None, [], None, {})) is None


# -- gold set ---------------------------------------------------------------------------------


def _gold_docs() -> OrderedDict[str, list[dict]]:
    docs: OrderedDict[str, list[dict]] = OrderedDict()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        docs.setdefault(r["doc_id"], []).append(r)
    return docs


def score_gold(parse: bool) -> tuple[int, int, list[tuple]]:
    """Value accuracy on the gold set: each document is rebuilt from its gold sentences (in
    order), its expressions found and resolved as the ``dates`` stage does; a gold record is right
    when the expression found over its span has its value (null: no date found there)."""
    nlp = make_stage("nlp") if parse else None
    right, total, wrong = 0, 0, []
    for doc_id, records in _gold_docs().items():
        text = "\n".join(OrderedDict.fromkeys(r["sentence"] for r in records))
        doc = Document.from_text(text, language="de", published=date.fromisoformat(records[0]["published"]))
        if nlp is not None:
            doc = nlp(doc)
        found = document_dates(doc)
        for r in records:
            a = text.index(r["sentence"]) + r["expr_start"]
            b = a + len(r["expr"])
            hit = next((d for d in found if d.expr.start < b and d.expr.end > a), None)
            value = hit.resolved.value if hit is not None and hit.resolved is not None else None
            total += 1
            if value == r["value"]:
                right += 1
            else:
                wrong.append((doc_id, r["expr"], r["value"], value))
    return right, total, wrong


def test_gold_accuracy_from_word_forms():
    right, total, wrong = score_gold(parse=False)
    print(f"\ndate value accuracy (no parse): {right}/{total} = {right / total:.3f}")
    assert right / total >= TARGET, wrong


@needs_de
def test_gold_accuracy_with_parse():
    right, total, wrong = score_gold(parse=True)
    print(f"\ndate value accuracy (with parse): {right}/{total} = {right / total:.3f}")
    assert right / total >= TARGET, wrong
