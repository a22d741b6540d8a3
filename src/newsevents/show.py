"""Render one stored article for a person: text, noise removed, repairs, annotations."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .document import Document


def _actors(refs) -> str:
    return " + ".join(f"{a.code or '?'}{'/' + a.sector if a.sector else ''} «{a.text}»" for a in refs) or "-"


def render_document(doc: Document, console: Console, raw: bool = False) -> None:
    head = Table.grid(padding=(0, 2))
    for k, v in [
        ("id", doc.id),
        ("doc_id", doc.doc_id),
        ("title", doc.title),
        ("url", doc.url),
        ("outlet", doc.outlet),
        ("source", f"{doc.source}{'#' + doc.record if doc.record else ''}"),
        ("published", f"{doc.published} ({doc.published_source})" if doc.published else "unknown"),
        ("language", f"{doc.language} ({doc.language_confidence})"),
        ("agencies", ", ".join(doc.agencies) or "-"),
    ]:
        head.add_row(f"[bold]{k}[/]", str(v) if v is not None else "-")
    console.print(head)

    body = Text(doc.text)
    for ent in doc.entities:
        if ent.code:
            body.stylize("bold cyan", ent.start, ent.end)
    for ev in doc.events:
        body.stylize("bold yellow underline", ev.trigger.start, ev.trigger.end)
    for q in doc.quotes:
        body.stylize("italic green", q.start, q.end)
    console.print(Panel(body, title="clean text", subtitle="triggers yellow, actors cyan, quotes green"))

    for label, items in (
        ("captions", doc.captions),
        ("credits", doc.credits),
        ("attribution", doc.attribution),
        ("removed boilerplate", doc.removed),
    ):
        if items:
            console.print(f"[bold]{label}[/]")
            for item in items:
                console.print(f"  • {item}")
    if doc.changes:
        t = Table(title="cleaner's changes (input offsets)")
        for c in ("kind", "before", "after", "at", "why"):
            t.add_column(c, overflow="fold")
        for c in doc.changes:
            t.add_row(c.kind, c.before[:80], c.after[:80], f"{c.input_start}-{c.input_end}", c.reason)
        console.print(t)
    if doc.sentences:
        console.print(f"[bold]sentences[/] {len(doc.sentences)}, tokens {sum(len(s.tokens) for s in doc.sentences)}")
    if doc.entities:
        t = Table(title="entities")
        for c in ("text", "label", "code", "sector", "name", "rule"):
            t.add_column(c)
        for e in doc.entities:
            t.add_row(e.text, e.label, e.code or "", e.sector or "", e.name or "", e.rule)
        console.print(t)
    if doc.events:
        t = Table(title="events")
        for c in ("type", "mode", "source", "target", "trigger", "flags", "date", "place", "rule"):
            t.add_column(c, overflow="fold")
        for ev in doc.events:
            flags = ",".join(
                f for f in ("negated", "future", "hypothetical", "historical", "alleged") if getattr(ev, f)
            )
            place = (ev.location or {}).get("name", "")
            date = f"{ev.date} ({ev.date_precision})" if ev.date else ""
            t.add_row(
                ev.event,
                ev.mode or "",
                _actors(ev.source),
                _actors(ev.target),
                ev.trigger_text,
                flags,
                date,
                place,
                ev.rule,
            )
        console.print(t)
    if doc.quotes:
        t = Table(title="quotes")
        for c in ("kind", "speaker", "cue", "text"):
            t.add_column(c, overflow="fold")
        for q in doc.quotes:
            sp = q.speaker
            who = f"{sp.text} ({sp.code or '?'}/{sp.sector or '?'})" if sp else "?"
            t.add_row(q.kind, who, q.cue or "", q.text[:200])
        console.print(t)
    if raw:
        console.print(Panel(doc.raw_text, title="text as read"))
