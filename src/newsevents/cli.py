"""The newsevents command line: ingest, run, look at and export what was found."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .api.cli import serve as _serve

app = typer.Typer(
    help=(
        "Turn raw news (text, HTML, JSON Lines, WARC, RSS/Atom) into PLOVER-coded political "
        "events stored in DuckDB.\n\nStart with:  newsevents run examples/  then  newsevents events"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.command("serve")(_serve)
console = Console(stderr=True)
out = Console()

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file to use (created if missing).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output: table, csv or json.")]
LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")]
SinceOpt = Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")]
DEFAULT_DB = Path("newsevents.duckdb")


def _parse_fields(fields: list[str]) -> dict[str, str]:
    mapping = {}
    for f in fields:
        if "=" not in f:
            raise typer.BadParameter(f"--field wants OURS=THEIRS, e.g. text=body (got {f!r})")
        ours, theirs = f.split("=", 1)
        from .ingest.base import DEFAULT_FIELDS

        if ours not in DEFAULT_FIELDS:
            raise typer.BadParameter(f"unknown field {ours!r}; known: {', '.join(DEFAULT_FIELDS)}")
        mapping[ours] = theirs
    return mapping


def _parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} wants a date as YYYY-MM-DD (got {value!r})") from None


def _run(
    command: str,
    paths: list[str],
    db: Path,
    published: str | None,
    fields: list[str],
    input_format: str | None,
    workers: int,
    max_mb: float,
    analyse: bool,
    replace: bool,
    stages: str | None = None,
    actors: list[Path] | None = None,
) -> None:
    from .ingest import ReadOptions
    from .runner import default_stages, run_pipeline

    options = ReadOptions(
        fields=_parse_fields(fields),
        format=input_format,
        published=_parse_day(published, "--published"),
        max_bytes=int(max_mb * 1024 * 1024),
    )
    names = [s.strip() for s in stages.split(",")] if stages else default_stages(analyse)
    console.print(f"[bold]stages:[/] {' -> '.join(names)}   [bold]db:[/] {db}")
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("documents", total=None, rate="")

        def update(s) -> None:
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(
                task,
                completed=s.read,
                description=f"read {s.read}  stored {s.stored}  dup {s.duplicate}  failed {s.failed}",
                rate=f"{s.read / elapsed:.1f} doc/s",
            )

        settings = {"actors": {"extra": tuple(str(p) for p in actors)}} if actors else None
        for p in actors or []:
            if not p.exists():
                raise typer.BadParameter(f"--actors: no such file {p}")
        summary = run_pipeline(
            paths,
            stage_settings=settings,
            db=db,
            stages=names,
            options=options,
            workers=workers,
            replace=replace,
            command=command,
            on_progress=update,
        )
        update(summary)
    _print_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)


def _print_summary(summary) -> None:
    t = Table(title="run summary", show_header=False)
    for k, v in summary.counts().items():
        t.add_row(k, str(v))
    console.print(t)
    if summary.failures:
        console.print(f"[red]{len(summary.failures)} input(s) failed:[/]")
        for f in summary.failures[:50]:
            console.print(f"  [red]✗[/] {f}")
        if len(summary.failures) > 50:
            console.print(f"  ... and {len(summary.failures) - 50} more (table ingest_errors)")


PathsArg = Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")]
PublishedOpt = Annotated[str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input.")]
FieldOpt = Annotated[
    list[str],
    typer.Option(
        "--field", help="JSON Lines field mapping OURS=THEIRS (text, doc_id, title, url, published, author, language)."
    ),
]
InFormatOpt = Annotated[
    str | None, typer.Option("--input-format", help="Force a reader: text, html, jsonl, warc, feed.")
]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", help="Worker processes.")]
MaxMbOpt = Annotated[float, typer.Option("--max-mb", help="Refuse single documents larger than this.")]
ReplaceOpt = Annotated[bool, typer.Option("--replace", help="Re-analyse and overwrite articles already stored.")]


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = DEFAULT_DB,
    published: PublishedOpt = None,
    field: FieldOpt = [],
    input_format: InFormatOpt = None,
    workers: WorkersOpt = 1,
    max_mb: MaxMbOpt = 50.0,
    replace: ReplaceOpt = False,
) -> None:
    """Read and clean inputs and store the articles (no linguistic analysis).

    Example: newsevents ingest data.jsonl --field text=body --field published=date
    """
    _run("ingest", paths, db, published, field, input_format, workers, max_mb, False, replace)


@app.command()
def run(
    paths: PathsArg,
    db: DbOpt = DEFAULT_DB,
    published: PublishedOpt = None,
    field: FieldOpt = [],
    input_format: InFormatOpt = None,
    workers: WorkersOpt = 1,
    max_mb: MaxMbOpt = 50.0,
    replace: ReplaceOpt = False,
    stages: Annotated[str | None, typer.Option(help="Comma-separated stage names (default: all available).")] = None,
    actors: Annotated[
        list[Path],
        typer.Option("--actors", help="Extra actor/agent dictionary in PETRARCH/Phoenix format (repeatable)."),
    ] = [],
) -> None:
    """Ingest inputs and run every analysis stage that exists; store everything.

    Example: newsevents run article.txt --published 2024-06-17
    """
    _run("run", paths, db, published, field, input_format, workers, max_mb, True, replace, stages, actors)


def _open(db: Path):
    from .store import Store

    try:
        return Store(db, read_only=True)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    if not TABLE_VIEWS:
        TABLE_VIEWS.update(_views())
    if fmt == "json":
        out.print_json(json.dumps(rows, ensure_ascii=False, default=str)) if sys.stdout.isatty() else print(
            json.dumps(rows, ensure_ascii=False, default=str, indent=1)
        )
        return
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(
                {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in r.items()}
            )
        return
    if fmt != "table":
        raise typer.BadParameter(f"--format must be table, csv or json (got {fmt!r})")
    view = TABLE_VIEWS.get(tuple(columns))
    t = Table(show_lines=False, box=None, pad_edge=False)
    heads = list(view) if view else columns
    for c in heads:
        t.add_column(c, overflow="ellipsis", no_wrap=True, max_width=60)
    for r in rows:
        t.add_row(*[view[c](r) if view else ("" if r.get(c) is None else str(r.get(c))) for c in heads])
    wide = Console(width=max(out.width, 160))
    wide.print(t)
    wide.print(f"[dim]{len(rows)} row(s)[/]")


def _flags(r: dict[str, Any]) -> str:
    return "".join(k[0].upper() for k in ("negated", "future", "hypothetical", "historical", "alleged") if r.get(k))


def _short(v: Any, n: int) -> str:
    s = "" if v is None else str(v)
    return s if len(s) <= n else s[: n - 1] + "…"


def _views() -> dict[tuple[str, ...], dict[str, Any]]:
    from .store.queries import ARTICLE_LIST_COLUMNS, EVENT_LIST_COLUMNS

    return {
        tuple(ARTICLE_LIST_COLUMNS): {
            "id": lambda r: r["id"][:10],
            "published": lambda r: str(r.get("published") or ""),
            "lang": lambda r: r.get("language") or "",
            "doc_id": lambda r: _short(r.get("doc_id"), 28),
            "title": lambda r: _short(r.get("title"), 70),
        },
        tuple(EVENT_LIST_COLUMNS): {
            "article": lambda r: r["article_id"][:10],
            "type": lambda r: r["event"] + (f"/{r['mode']}" if r.get("mode") else ""),
            "source": lambda r: (r.get("source_codes") or "-").replace(";", "+"),
            "target": lambda r: (r.get("target_codes") or "-").replace(";", "+"),
            "trigger": lambda r: _short(r.get("trigger_text"), 24),
            "flags": _flags,
            "date": lambda r: (
                f"{r.get('date') or ''}" + (f" ({r['date_precision']})" if r.get("date_precision") else "")
            ),
            "place": lambda r: _short(r.get("place_name"), 20),
            "conf": lambda r: f"{r.get('confidence') or 0:.2f}",
        },
    }


TABLE_VIEWS: dict[tuple[str, ...], dict[str, Any]] = {}


@app.command()
def articles(
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = "table",
    limit: LimitOpt = 50,
    language: Annotated[str | None, typer.Option(help="Language code, e.g. de.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet (site) contains this.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    search: Annotated[str | None, typer.Option(help="Title or text contains this.")] = None,
    agency: Annotated[str | None, typer.Option(help="Credited news agency, e.g. REUTERS.")] = None,
) -> None:
    """List stored articles. --format json gives every stored field of each article."""
    from .store.queries import ARTICLE_LIST_COLUMNS, list_articles

    store = _open(db)
    rows = list_articles(
        store,
        language=language,
        outlet=outlet,
        since=_parse_day(since, "--since"),
        until=_parse_day(until, "--until"),
        search=search,
        agency=agency,
        full=fmt == "json",
        limit=limit,
    )
    _emit(rows, fmt, None if fmt == "json" else list(ARTICLE_LIST_COLUMNS))


def _parse_near(near: str | None) -> tuple[float, float, float] | None:
    if not near:
        return None
    try:
        lat, lon, km = (float(x) for x in near.split(","))
    except ValueError:
        raise typer.BadParameter("--near wants LAT,LON,KM, e.g. 39.03,125.75,50") from None
    return lat, lon, km


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = "table",
    limit: LimitOpt = 50,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT.")] = None,
    actor: Annotated[str | None, typer.Option(help="Source actor code, e.g. RUS.")] = None,
    recipient: Annotated[str | None, typer.Option(help="Target actor code, e.g. PRK.")] = None,
    country: Annotated[str | None, typer.Option(help="Any actor or the place in this country.")] = None,
    since: Annotated[str | None, typer.Option(help="Event (or publication) date on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Event (or publication) date on or before YYYY-MM-DD.")] = None,
    near: Annotated[str | None, typer.Option(help="Within KM of a point: LAT,LON,KM.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
) -> None:
    """List coded events with filters."""
    from .store.queries import EVENT_LIST_COLUMNS, list_events

    store = _open(db)
    art = store.resolve_id(article) if article else None
    rows = list_events(
        store,
        event_type=event_type,
        actor=actor,
        recipient=recipient,
        country=country,
        since=_parse_day(since, "--since"),
        until=_parse_day(until, "--until"),
        near=_parse_near(near),
        article=art,
        full=fmt == "json",
        limit=limit,
    )
    _emit(rows, fmt, None if fmt == "json" else list(EVENT_LIST_COLUMNS))


@app.command()
def quotes(
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = "table",
    limit: LimitOpt = 50,
    speaker: Annotated[str | None, typer.Option(help="Speaker's actor code, e.g. RUS.")] = None,
    sector: Annotated[str | None, typer.Option(help="Speaker's sector, e.g. GOV.")] = None,
    name: Annotated[str | None, typer.Option(help="Speaker's name contains this.")] = None,
    search: Annotated[str | None, typer.Option(help="Quote text contains this.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    kind: Annotated[str | None, typer.Option(help="direct, indirect or source_phrase.")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
) -> None:
    """Who said what: quotations with their speakers (actor code, sector, name), cue and addressee.

    Example: newsevents quotes --speaker RUS --sector GOV --search Munition
    """
    from .store.queries import list_quotes

    store = _open(db)
    art = store.resolve_id(article) if article else None
    rows = list_quotes(
        store,
        speaker_code=speaker,
        sector=sector,
        name=name,
        search=search,
        since=_parse_day(since, "--since"),
        until=_parse_day(until, "--until"),
        article=art,
        kind=kind,
        full=fmt == "json",
        limit=limit,
    )
    cols = ["article_id", "kind", "speaker_code", "speaker_sector", "speaker_name", "cue", "text"]
    if fmt == "table":
        for r in rows:
            r["article_id"] = r["article_id"][:10]
            r["text"] = _short(r.get("text"), 80)
    _emit(rows, fmt, None if fmt == "json" else cols)


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="Article id (or unique prefix) or the input's doc_id.")],
    db: DbOpt = DEFAULT_DB,
    raw: Annotated[bool, typer.Option(help="Also print the text as it was read.")] = False,
) -> None:
    """Show one article: clean text, captions, credits, the cleaner's repairs and annotations."""
    from .show import render_document

    store = _open(db)
    article_id = store.resolve_id(ref)
    if article_id is None:
        console.print(f"[red]no article matches {ref!r}[/] (see `newsevents articles`)")
        raise typer.Exit(2)
    doc = store.load_document(article_id)
    render_document(doc, out, raw=raw)


@app.command()
def export(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv, parquet; for events also plover (PLOVER JSON Lines) or gdelt (GDELT-style TSV).",
        ),
    ] = "jsonl",
    table: Annotated[str, typer.Option(help="articles, events, entities, quotes or sentences.")] = "events",
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: stdout for jsonl/csv).")
    ] = None,
) -> None:
    """Export a table as JSON Lines, CSV or Parquet."""
    from .store.export import export_table

    store = _open(db)
    try:
        n = export_table(store, table, fmt, output)
    except ValueError as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    console.print(f"exported {n} row(s) from {table}" + (f" to {output}" if output else ""))


SharedOpt = Annotated[Path, typer.Option("--shared", help="The development data folder (held-out evaluation files).")]


def _print_json_or_table(result: dict, as_json: bool, title: str) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    t = Table(title=title)
    t.add_column("measure")
    t.add_column("value")

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        else:
            t.add_row(prefix, str(value))

    walk("", result)
    out.print(t)


@app.command("eval")
def eval_events(
    gold: Annotated[Path, typer.Argument(help="Gold file: codebook JSON Lines, PLOVER GSR JSON, or PETRARCH XML.")],
    docs: Annotated[
        Path | None, typer.Option(help="Codebook format: JSON Lines {doc_id, text, published?} of the documents.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="codebook, plover-gsr or petrarch-xml.")] = "codebook",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    errors: Annotated[
        Path | None, typer.Option(help="Write every false positive and negative here (JSON Lines).")
    ] = None,
    strict: Annotated[bool, typer.Option(help="PLOVER-strict: announced cooperation scored as AGREE.")] = False,
    dyads: Annotated[
        bool | None,
        typer.Option(
            "--dyads/--no-dyads",
            help="Split system events into one per (source, target) pair before scoring, as PETRARCH "
            "codes them. Default: on for petrarch-xml, off otherwise.",
        ),
    ] = None,
) -> None:
    """Score the event coder against gold: type, triple and triple-with-sector P/R/F1, flags.

    Example: newsevents eval dev-de.gold.jsonl --docs dev-de.docs.jsonl --errors errors.jsonl
    """
    from .eval.events import evaluate

    try:
        result = evaluate(gold, fmt, docs_path=docs, errors_path=errors, strict=strict, dyads=dyads)
    except (ValueError, RuntimeError, FileNotFoundError) as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    _print_json_or_table(result, as_json, f"events vs {gold.name}")


@app.command("eval-actors")
def eval_actors(
    gold: Annotated[Path, typer.Argument(help="Codebook gold JSON Lines (events with actor entities).")],
    docs: Annotated[Path, typer.Option(help="JSON Lines {doc_id, text, published?} of the documents.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    errors: Annotated[Path | None, typer.Option(help="Write every miss here (JSON Lines).")] = None,
) -> None:
    """Actor coding accuracy: for each gold entity, a system actor over that span with the same
    code (code accuracy) and the same code and sector (sector accuracy); coverage."""
    from .eval.actors import evaluate_actors

    result = evaluate_actors(gold, docs, errors_path=errors)
    _print_json_or_table(result, as_json, f"actors vs {gold.name}")


@app.command("eval-nlp")
def eval_nlp(
    shared: SharedOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    lang: Annotated[list[str], typer.Option(help="Languages to evaluate.")] = ["de", "en"],
    limit: Annotated[int | None, typer.Option(help="Only the first N documents of each test set.")] = None,
) -> None:
    """Score the language pipelines on held-out data: UD test sets (UPOS, LAS, sentences), NER."""
    from .eval.nlp import evaluate_nlp, format_table

    if not shared.exists():
        console.print(f"[red]no data folder at {shared}[/] (use --shared PATH)")
        raise typer.Exit(2)
    result = evaluate_nlp(shared, tuple(lang), limit=limit)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        out.print(format_table(result))


@app.command("eval-html")
def eval_html(
    index: Annotated[Path, typer.Argument(help="index.jsonl of an HTML snippet set (file, url, date, with, without).")],
    baseline: Annotated[bool, typer.Option(help="Also score plain trafilatura + htmldate.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """HTML extraction: snippet precision/recall/F1 and publication-date accuracy."""
    from .eval.html import baseline_extract, evaluate_html, newsevents_extract

    result = {"newsevents": evaluate_html(index, newsevents_extract).summary()}
    if baseline:
        result["baseline"] = evaluate_html(index, baseline_extract).summary()
    _print_json_or_table(result, as_json, "HTML extraction")


@app.command()
def stats(db: DbOpt = DEFAULT_DB) -> None:
    """What the database holds: articles, events by type, most active actor pairs, failures."""
    store = _open(db)
    q = store.con.execute
    c = store.counts()
    out.print(
        f"[bold]{c['articles']}[/] articles, [bold]{c['events']}[/] events, {c['entities']} entities, "
        f"{c['quotes']} quotes, {c['ingest_errors']} ingest errors, {c['runs']} runs"
    )
    t = Table(title="events by type", box=None)
    for col in ("type", "events", "with source", "with target"):
        t.add_column(col)
    for row in q(
        "SELECT event, count(*), count(*) FILTER (WHERE source_codes <> ''), "
        "count(*) FILTER (WHERE target_codes <> '') FROM events GROUP BY event ORDER BY 2 DESC"
    ).fetchall():
        t.add_row(*map(str, row))
    out.print(t)
    t = Table(title="most frequent actor pairs", box=None)
    for col in ("source", "target", "events", "mean PLOVER score"):
        t.add_column(col)
    for row in q(
        "SELECT source_codes, target_codes, count(*), round(avg(score), 1) FROM events "
        "WHERE source_codes <> '' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 10"
    ).fetchall():
        t.add_row(*(str(x).replace(";", "+") if x is not None else "" for x in row))
    out.print(t)


@app.command()
def stages() -> None:
    """List the pipeline stages available in this installation."""
    from .pipeline import available_stages
    from .runner import default_stages

    used = set(default_stages(True))
    for s in available_stages():
        out.print(f"{s}{'' if s in used else '  (not in the default run)'}")


if __name__ == "__main__":
    app()
