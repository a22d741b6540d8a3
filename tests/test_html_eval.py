"""HTML extraction on the 409-page snippet set: at least as good as plain trafilatura/htmldate."""

from __future__ import annotations

from newsevents.eval.html import baseline_extract, evaluate_html, newsevents_extract


def test_html_snippets_and_dates_not_worse_than_plain_tools(shared):
    index = shared / "data" / "html" / "de" / "index.jsonl"
    ours = evaluate_html(index, newsevents_extract).summary()
    base = evaluate_html(index, baseline_extract).summary()
    print("newsevents", ours, "\nbaseline", base)
    assert ours["f1"] >= base["f1"]
    assert ours["pages_all_right"] >= base["pages_all_right"]
    assert ours["date_accuracy"] >= base["date_accuracy"]
    assert ours["pages_with_date"] == 308
