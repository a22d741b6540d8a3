"""Readers for event gold standards, all returning one structure: sentences with PLOVER events.

Three formats (``read_gold(path, fmt, docs_path)``):

* ``codebook``: our JSON Lines (CODEBOOK.md), one annotated sentence per line, offsets into the
  documents of a separate JSON Lines file {doc_id, text, published?};
* ``plover-gsr``: PLOVER gold-standard records (a JSON array, one sentence per record; the OEDA
  files also come as comma-separated objects with trailing commas, which we accept);
* ``petrarch-xml``: PETRARCH validation XML with CAMEO codings, mapped to PLOVER through our
  crosswalk table. The file has ``#`` comment blocks that are not XML, so each ``<Sentence>``
  block is read with regular expressions instead of an XML parser.

For the sentence-level formats every sentence is its own document (doc_id = record id).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..events.scales import plover_from_cameo

FORMATS = ("codebook", "plover-gsr", "petrarch-xml")
FLAGS = ("negated", "future", "hypothetical", "historical", "alleged")
# Older PLOVER labels (GSR 0.5) -> the codebook's types.
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT", "COOPERATION": "COOPERATE"}
NULL_CODES = {"", "---", "***", "NONE", "NULL"}

Actor = tuple[str | None, str | None]  # (code, sector)


@dataclass
class GoldEvent:
    """One event: PLOVER type and mode, actors as (code, sector) pairs, known flags only.

    ``flags`` holds only the flags the annotation states (a PETRARCH coding states none), so flag
    accuracy is computed over what the gold actually says. ``texts`` keeps actor words, if any.
    """

    type: str
    mode: str | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)
    trigger: str | None = None
    source_text: list[str] = field(default_factory=list)
    target_text: list[str] = field(default_factory=list)
    original: str | None = None  # the label or CAMEO code as the gold file had it
    meta: dict[str, Any] = field(default_factory=dict)  # evidence of a system event (offsets, rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.type, "mode": self.mode,
            "source": _actor_dicts(self.source, self.source_text),
            "target": _actor_dicts(self.target, self.target_text),
            "trigger": self.trigger, **self.flags,
            **({"original": self.original} if self.original else {}), **self.meta,
        }


@dataclass
class GoldSentence:
    """An annotated sentence: where it stands in its document, and its events (maybe none)."""

    doc_id: str
    sent_id: int | str
    start: int
    end: int
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    lang: str | None = None
    published: date | None = None
    dropped: list[str] = field(default_factory=list)  # gold codings with no PLOVER reading


@dataclass
class GoldDoc:
    """A document the system must read; ``text`` is what offsets in the gold point into."""

    doc_id: str
    text: str
    published: date | None = None
    lang: str | None = None


@dataclass
class GoldSet:
    """Everything a gold file gives: the annotated sentences and the documents to run."""

    sentences: list[GoldSentence]
    docs: list[GoldDoc]
    fmt: str


def _actor_dicts(actors: list[Actor], texts: list[str]) -> list[dict[str, str | None]]:
    return [{"code": c, "sector": s, "text": texts[i] if i < len(texts) else None}
            for i, (c, s) in enumerate(actors)]


def _day(value: Any) -> date | None:
    """A date from '2016-01-01', '20080804' or a datetime string; None if unreadable."""
    if not value:
        return None
    s = str(value).strip()
    if re.fullmatch(r"\d{8}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _code(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip().upper()
    return None if s in NULL_CODES else s


def normalise_type(label: str) -> str:
    """Upper-case PLOVER type with older labels mapped (DEMAND -> REQUEST, FIGHT -> ASSAULT ...)."""
    t = str(label or "").strip().upper()
    return OLD_LABELS.get(t, t)


# -- codebook JSON Lines ------------------------------------------------------------------------


def _codebook_event(e: dict[str, Any]) -> GoldEvent:
    def actors(items: Any) -> tuple[list[Actor], list[str]]:
        items = items if isinstance(items, list) else []
        codes = [(_code(a.get("code")), a.get("sector")) for a in items]
        return codes, [a.get("text") or "" for a in items]

    src, src_text = actors(e.get("source"))
    tgt, tgt_text = actors(e.get("target"))
    return GoldEvent(
        type=normalise_type(e["event"]), mode=e.get("mode"), source=src, target=tgt,
        flags={f: bool(e[f]) for f in FLAGS if f in e}, trigger=e.get("trigger"),
        source_text=src_text, target_text=tgt_text,
    )


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_codebook(gold_path: str | Path, docs_path: str | Path) -> GoldSet:
    """Codebook gold (JSON Lines of sentences) plus its documents (JSON Lines of full texts)."""
    docs = {}
    for d in _read_jsonl(Path(docs_path)):
        doc_id = str(d["doc_id"])
        lang = d.get("lang") or d.get("language")
        docs[doc_id] = GoldDoc(doc_id, d["text"], _day(d.get("published")), lang)
    sentences = []
    for g in _read_jsonl(Path(gold_path)):
        doc_id = str(g["doc_id"])
        if doc_id not in docs:
            raise ValueError(f"gold sentence {doc_id}#{g.get('sent_id')} has no document "
                             f"in {docs_path}")
        doc = docs[doc_id]
        doc.lang = doc.lang or g.get("lang")
        start, end = int(g["start"]), int(g["end"])
        sentences.append(GoldSentence(
            doc_id=doc_id, sent_id=g.get("sent_id", len(sentences)), start=start, end=end,
            text=g.get("text") or doc.text[start:end],
            events=[_codebook_event(e) for e in g.get("events") or []], lang=g.get("lang"),
            published=doc.published,
        ))
    used = {s.doc_id for s in sentences}
    return GoldSet(sentences, [d for d in docs.values() if d.doc_id in used], "codebook")


# -- PLOVER gold-standard records ---------------------------------------------------------------

_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _load_lenient_json(raw: str) -> Any:
    """JSON, or the OEDA GSR style: objects separated by commas, trailing commas, no brackets."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        pass
    text = _TRAILING_COMMA.sub(r"\1", raw.strip())
    if not text.startswith("["):
        text = "[" + text.rstrip().rstrip(",") + "]"
    return json.loads(_TRAILING_COMMA.sub(r"\1", text))


def _first(rec: dict[str, Any], *names: str) -> Any:
    for n in names:
        if rec.get(n) not in (None, ""):
            return rec[n]
    return None


def _gsr_actors(value: Any) -> tuple[list[Actor], list[str]]:
    """GSR actor lists: [{actorText|text, code, sector}], a bare code string, or empty."""
    if not value:
        return [], []
    items = value if isinstance(value, list) else [value]
    actors, texts = [], []
    for a in items:
        if isinstance(a, str):
            actors.append((_code(a), None))
            texts.append("")
            continue
        sector = str(a.get("sector") or "").strip().upper()
        actors.append((_code(a.get("code")), None if sector in NULL_CODES else sector))
        texts.append(a.get("actorText") or a.get("text") or "")
    return actors, texts


def _context_flags(context: Any) -> dict[str, bool]:
    """PLOVER puts future/historical/hypothetical/negation in ``context``; read them as flags."""
    if context is None:
        return {}
    joined = " ".join(map(str, context)) if isinstance(context, list) else str(context)
    words = set(re.split(r"[\s,;]+", joined.lower()))
    return {
        "future": "future" in words, "historical": "historical" in words,
        "hypothetical": "hypothetical" in words, "negated": bool(words & {"negation", "negated"}),
    }


def _gsr_event(e: dict[str, Any]) -> GoldEvent | None:
    label = _first(e, "event", "eventType", "event_type", "type")
    if not label:
        return None
    src, src_text = _gsr_actors(_first(e, "source", "actor", "actors"))
    tgt, tgt_text = _gsr_actors(_first(e, "target", "recipient", "recipients"))
    flags = _context_flags(e.get("context"))
    flags.update({f: bool(e[f]) for f in FLAGS if isinstance(e.get(f), bool)})
    return GoldEvent(
        type=normalise_type(label), mode=_first(e, "mode") or None, source=src, target=tgt,
        flags=flags, trigger=_first(e, "eventText", "trigger"), source_text=src_text,
        target_text=tgt_text, original=str(label),
    )


def read_plover_gsr(path: str | Path) -> GoldSet:
    """PLOVER GSR records: id, date, text, event, mode, context, source/actor, target/recipient."""
    records = _load_lenient_json(Path(path).read_text(encoding="utf-8"))
    if isinstance(records, dict):
        records = records.get("records") or records.get("data") or [records]
    sentences, docs = [], []
    for i, rec in enumerate(records):
        text = _first(rec, "text", "sentence") or ""
        doc_id = str(_first(rec, "id", "sentence_id") or f"gsr-{i}")
        items = rec["events"] if isinstance(rec.get("events"), list) else [rec]
        parsed = (_gsr_event(e if e is rec else {**rec, **e}) for e in items)
        events = [ev for ev in parsed if ev]
        day = _day(_first(rec, "date", "publication_date", "published"))
        lang = _first(rec, "language", "lang")
        sentences.append(GoldSentence(doc_id, 0, 0, len(text), text, events, lang, day))
        docs.append(GoldDoc(doc_id, text, day, lang))
    return GoldSet(sentences, docs, "plover-gsr")


# -- PETRARCH validation XML --------------------------------------------------------------------

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.S)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')

# CAMEO agent codes -> PLOVER sectors (CAMEO MED is media; HLH is health).
CAMEO_SECTORS = {
    **{s: s for s in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP", "REB", "UAF", "CVL",
                      "EDU", "BUS", "LAB", "AGR", "REF", "ELI", "CRM", "REL", "PRE", "UNK")},
    "INS": "REB", "SEP": "REB", "PPL": "CVL", "MED": "JRN", "MNC": "BUS", "HLH": "MED",
    "HRI": "SOC", "NGO": "SOC", "ENV": "SOC",
    # religion elements (NGAMUS = Nigerian Muslims) -> religious sector
    **{r: "REL" for r in ("MUS", "CHR", "JEW", "BUD", "HIN", "CTH", "ORT", "PRO", "SHI", "SUN")},
}
PLOVER_GROUP_CODES = {"UNO", "EUR"}  # CAMEO IGOUNO..., IGOEUR... are PLOVER's UNO and EUR


def split_cameo_actor(code: str | None) -> Actor:
    """CAMEO actor code -> (country or special code, PLOVER sector): USAGOV -> (USA, GOV).

    The first three letters are the country ('---' = unknown, None); the sector is the first
    later three-letter element that maps to a PLOVER sector (PSEREBHMSGOV -> REB).
    """
    code = (code or "").strip().upper()
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not parts:
        return None, None
    country, rest = _code(parts[0]), parts[1:]
    if country == "IGO" and rest and rest[0] in PLOVER_GROUP_CODES:
        country, rest = rest[0], rest[1:]
    sector = next((CAMEO_SECTORS[p] for p in rest if p in CAMEO_SECTORS), None)
    return country, sector


def _petrarch_event(attrs: dict[str, str]) -> tuple[GoldEvent | None, str | None]:
    """(event, None) for a coding PLOVER has; (None, code) for a dropped one (CAMEO 01x/02x)."""
    code = attrs.get("eventcode", "").strip()
    mapped = plover_from_cameo(code)
    if mapped is None:
        return None, code
    src = split_cameo_actor(attrs.get("sourcecode"))
    tgt = split_cameo_actor(attrs.get("targetcode"))
    return GoldEvent(
        type=mapped[0], mode=mapped[1], source=[src] if src != (None, None) else [],
        target=[tgt] if tgt != (None, None) else [], original=code,
    ), None


def read_petrarch_xml(path: str | Path, lang: str = "en") -> GoldSet:
    """PETRARCH validation records; sentences with ``evaluate="false"`` are skipped."""
    raw = Path(path).read_text(encoding="utf-8")
    sentences, docs = [], []
    for m in _SENTENCE.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("evaluate", "true").lower() == "false":
            continue
        body = m.group(2)
        tm = _TEXT.search(body)
        text = " ".join(html.unescape(tm.group(1)).split()) if tm else ""
        events, dropped = [], []
        for cm in _CODING.finditer(body):
            cattrs = dict(_ATTR.findall(cm.group(1)))
            if cattrs.get("noevents", "").lower() == "true" or "eventcode" not in cattrs:
                continue
            ev, lost = _petrarch_event(cattrs)
            if ev:
                events.append(ev)
            else:
                dropped.append(lost or "")
        doc_id = attrs.get("id") or f"petr-{len(sentences)}"
        day = _day(attrs.get("date"))
        sentences.append(GoldSentence(doc_id, 0, 0, len(text), text, events, lang, day, dropped))
        docs.append(GoldDoc(doc_id, text, day, lang))
    return GoldSet(sentences, docs, "petrarch-xml")


def read_gold(
    path: str | Path, fmt: str = "codebook", docs_path: str | Path | None = None,
) -> GoldSet:
    """Read a gold file of format ``fmt`` (codebook needs ``docs_path``)."""
    if fmt == "codebook":
        if docs_path is None:
            raise ValueError("codebook gold needs the documents file (--docs DOCS)")
        return read_codebook(path, docs_path)
    if fmt == "plover-gsr":
        return read_plover_gsr(path)
    if fmt == "petrarch-xml":
        return read_petrarch_xml(path)
    raise ValueError(f"unknown gold format {fmt!r}; choose {', '.join(FORMATS)}")
