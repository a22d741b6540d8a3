"""HTML extraction and publication-date evaluation on a trafilatura-style snippet set.

The index is JSON Lines of {file, url, date?, with: [...], without: [...]}: a `with` snippet
found in the extracted text is a true positive (missing: false negative); a `without` snippet
found is a false positive. Compared against plain ``trafilatura.extract`` and ``htmldate``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class SnippetScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    pages_all_right: int = 0
    pages: int = 0
    dates_right: int = 0
    dates_total: int = 0
    per_page: list[dict[str, Any]] = field(default_factory=list)

    def add(self, text: str, item: dict[str, Any], found_date: str | None) -> None:
        t = _norm(text)
        wrong = 0
        for s in item.get("with") or []:
            if _norm(s) in t:
                self.tp += 1
            else:
                self.fn += 1
                wrong += 1
        for s in item.get("without") or []:
            if _norm(s) in t:
                self.fp += 1
                wrong += 1
            else:
                self.tn += 1
        self.pages += 1
        self.pages_all_right += wrong == 0
        if item.get("date"):
            self.dates_total += 1
            self.dates_right += found_date == item["date"]
        self.per_page.append({"file": item["file"], "wrong": wrong, "date": found_date, "gold_date": item.get("date")})

    def summary(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "pages_all_right": round(self.pages_all_right / self.pages, 3) if self.pages else 0.0,
            "date_accuracy": round(self.dates_right / self.dates_total, 3) if self.dates_total else 0.0,
            "pages": self.pages, "pages_with_date": self.dates_total,
        }


def baseline_extract(html: str, url: str | None) -> tuple[str, str | None]:
    """Plain trafilatura.extract with default settings and htmldate.find_date(original_date=True)."""
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html) or ""
    try:
        d = find_date(html, original_date=True)
    except Exception:
        d = None
    return text, d


def newsevents_extract(html: str, url: str | None) -> tuple[str, str | None]:
    """Our HTML reader followed by the scraped-text cleaner (what `newsevents ingest` stores)."""
    from ..ingest.base import InputError, ReadOptions
    from ..ingest.html import html_document
    from ..pipeline import make_stage

    try:
        doc = html_document(html, "page.html", ReadOptions(), url=url)
    except InputError:
        return "", None
    try:
        doc = make_stage("clean")(doc)
    except KeyError:
        pass
    text = "\n".join(filter(None, [doc.title or "", doc.text]))
    return text, doc.published.isoformat() if doc.published else None


def evaluate_html(
    index: Path, extractor: Callable[[str, str | None], tuple[str, str | None]], limit: int | None = None
) -> SnippetScore:
    from ..ingest.base import decode_bytes

    score = SnippetScore()
    items = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in items[:limit]:
        path = index.parent / item["file"]
        html, _ = decode_bytes(path.read_bytes())
        text, found = extractor(html, item.get("url"))
        score.add(text, item, found)
    return score


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("index", type=Path, help="index.jsonl of the HTML snippet set")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--baseline", action="store_true", help="also score plain trafilatura/htmldate")
    args = ap.parse_args(argv)
    result = {"newsevents": evaluate_html(args.index, newsevents_extract, args.limit).summary()}
    if args.baseline:
        result["baseline"] = evaluate_html(args.index, baseline_extract, args.limit).summary()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
