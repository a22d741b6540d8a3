"""Language analysis: sentences, tokens, lemmas, POS, morphology, dependencies and entities.

``load_pipeline(lang)`` returns a spaCy pipeline, loaded lazily and cached once per process:
by default our own trained pipeline shipped as package data (``newsevents/data/models/<lang>``);
an installed spaCy package (or a model directory) can be chosen instead with the argument
``model`` or the environment variables ``NEWSEVENTS_SPACY_DE`` / ``NEWSEVENTS_SPACY_EN``
(e.g. ``NEWSEVENTS_SPACY_DE=de_core_news_lg``). Nothing is downloaded at run time.

Small rule components are added to every loaded pipeline (they are not saved with it, so
they work with any spaCy model); the last two only to a pipeline with an ``ner``:

* ``newsevents_token_fixer`` (after the tokenizer): splits a final stop off numbers that the
  German tokenizer keeps as ordinals ("im Jahr 2015." at the end of a sentence).
* ``newsevents_sentence_hints`` (before the parser): marks where sentences cannot start
  (after abbreviations such as "Nr.", "z.B.", ordinals such as "13. September", inside
  caption markers "(r.)", after a stop followed by a lower-case word, before a closing quote)
  and where they must start (a stop, optionally closed by quotes or brackets, followed by a
  capitalised word). The parser respects these marks.
* ``newsevents_name_bounds`` (after the NER): cuts titles, descriptors and trailing years or
  lower-case words off entities (``name_bounds.py``).
* ``newsevents_known_names`` (after that): organisation names from the actor knowledge base that
  the NER left unlabelled become ORG (``known_names.py``).

The ``nlp`` stage runs the pipeline per line of text (a line break is always a sentence
boundary) and fills ``Document.sentences`` and ``Document.entities``. English title-case headlines
are analysed in sentence case (``sentence_case``; the tokens keep the text as written).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from ..casing import title_case
from ..document import Document, Entity, Sentence, Token
from ..pipeline import register

LANGS = ("de", "en")
DEFAULT_LANG = "de"
NER_CONFIDENCE = 0.8  # spaCy's greedy NER gives no scores; a constant marks the source
_DATA = Path(__file__).resolve().parent.parent / "data"
_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], object] = {}

# labels of other pipelines (OntoNotes, WikiNER...) mapped to ours; anything else is dropped
_LABEL_MAP = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
}


class NLPModelError(RuntimeError):
    """No usable spaCy pipeline for a language."""


def model_dir(lang: str) -> Path:
    """Directory of the shipped pipeline for ``lang`` (may not exist in a source checkout)."""
    try:
        from importlib.resources import files

        return Path(str(files("newsevents") / "data" / "models" / lang))
    except Exception:  # pragma: no cover - not installed as a package
        return _DATA / "models" / lang


def _norm_lang(lang: str | None) -> str:
    lang = (lang or "").lower().split("-")[0].split("_")[0]
    return lang if lang in LANGS else DEFAULT_LANG


def load_pipeline(lang: str = DEFAULT_LANG, model: str | None = None):
    """The spaCy pipeline for ``lang`` ('de' or 'en'; anything else falls back to 'de').

    ``model``: an installed spaCy package name or a model directory; default: the environment
    variable ``NEWSEVENTS_SPACY_<LANG>``, else the pipeline shipped with newsevents.
    Loaded once per process and cached.
    """
    lang = _norm_lang(lang)
    name = model or os.environ.get(f"NEWSEVENTS_SPACY_{lang.upper()}") or ""
    key = (lang, name)
    nlp = _CACHE.get(key)
    if nlp is not None:
        return nlp
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is not None:
            return nlp
        import spacy

        from . import clusters  # noqa: F401  (registers the NER's embedding layer)

        if name:
            try:
                nlp = spacy.load(name)
            except OSError as exc:
                raise NLPModelError(
                    f"spaCy pipeline {name!r} for {lang!r} (from "
                    f"{'argument' if model else 'NEWSEVENTS_SPACY_' + lang.upper()}) is not "
                    f"installed or not a model directory: {exc}"
                ) from exc
        else:
            path = model_dir(lang)
            if not (path / "config.cfg").is_file():
                raise NLPModelError(
                    f"no shipped {lang!r} pipeline at {path} (run `make models`), and no "
                    f"installed spaCy package configured: set NEWSEVENTS_SPACY_{lang.upper()} "
                    f"(e.g. {lang}_core_news_lg) or pass model=..."
                )
            nlp = spacy.load(path)
        add_news_components(nlp)
        _CACHE[key] = nlp
        return nlp


# ------------------------------------------------------------------ rule components


def _read_list(name: str) -> list[str]:
    path = _DATA / "nlp" / name
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def _lists(lang: str) -> tuple[frozenset, frozenset, frozenset, tuple[str, ...]]:
    abbrevs = _read_list(f"abbreviations_{lang}.txt")
    single = frozenset(p for a in abbrevs for p in a.split())
    months = frozenset(m.lower() for m in _read_list("months.txt"))
    markers = frozenset(p for m in _read_list("caption_markers.txt") for p in m.split())
    specials = tuple(a for a in abbrevs if " " not in a)
    return single, months, markers, specials


_ORDINAL = re.compile(r"^\d[\d.,]*\.$")
# A line break always ends a sentence (the stage analyses line by line); inside a line a
# sentence only ends after punctuation. Set to False to let the parser also split between
# two words (web text without punctuation).
PUNCT_ONLY_BOUNDARIES = False
# without punctuation, no sentence starts with these (coarse POS of the next word) ...
_NO_START_POS = {"PROPN", "NUM", "PUNCT"}
# ... or after these (POS of the last word)
_NO_END_POS = {"DET", "ADP", "CCONJ", "SCONJ", "PART", "ADJ"}
_STOPS = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {")", "]", "“", "”", "«", "»", "’", "'", '"', "‘", "''"}
_OPEN_QUOTES = {"„", "“", "«", "»", "‚", '"', "'", "‘", "(", "[", "``"}
# punctuation that never opens a sentence ("(dpa). Rappe": the stop belongs to the dateline)
_NEVER_FIRST = {".", ",", ";", ":", "!", "?", "…", "..."}
_EMOTICONS = {":-)", ":)", ";-)", ";)", ":-(", ":(", ":D", ":-D", ":P", ":-P", "^^"}


def _is_closing_quote(tok) -> bool:
    t = tok.text
    if t == "''":
        return True
    if t in ("“", "”", "’"):
        return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ if t == "“" else True
    if t in ('"', "'", "«", "»"):
        return tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return t in (")", "]")


def fix_tokens(doc):
    """Split ``2015.`` into ``2015`` + ``.`` where the stop ends a sentence, not an ordinal."""
    lang = doc.lang_ if doc.lang_ in LANGS else DEFAULT_LANG
    _, months, _, _ = _lists(lang)
    splits = []
    n = len(doc)
    for tok in doc:
        t = tok.text
        if len(t) < 2 or not _ORDINAL.match(t):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < n else None
        if nxt is None or "\n" in tok.whitespace_:
            splits.append(tok)
            continue
        if nxt.text.lower() in months or nxt.text[:1].islower():
            continue
        number = t[:-1]
        if nxt.text in _CLOSERS and nxt.text not in ("(", "["):
            splits.append(tok)
        elif (
            (len(number) >= 4 and number.isdigit()) or "," in number or "." in number
        ) and (nxt.text[:1].isupper() or nxt.text in _OPEN_QUOTES):
            splits.append(tok)
    if splits:
        with doc.retokenize() as retok:
            for tok in splits:
                retok.split(tok, [tok.text[:-1], "."], heads=[(tok, 1), tok])
    return doc


def sentence_hints(doc):
    """Set ``is_sent_start`` where rules are sure; the parser fills in the rest."""
    lang = doc.lang_ if doc.lang_ in LANGS else DEFAULT_LANG
    abbrevs, months, markers, _ = _lists(lang)
    n = len(doc)
    if n < 2:
        return doc
    no_start = set()
    start = set()
    for i in range(n - 1):
        tok = doc[i]
        t = tok.text
        nxt = doc[i + 1]
        nt = nxt.text
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in t):
            start.add(i + 1)  # a line break ends a sentence
            continue
        if t in abbrevs:
            no_start.add(i + 1)
        elif len(t) > 1 and _ORDINAL.match(t):
            no_start.add(i + 1)
        elif len(t) > 1 and t.endswith(".") and nt[:1].islower():  # unlisted abbreviation
            no_start.add(i + 1)
        if t == "(" and nt in markers:
            no_start.update((i + 1, i + 2))
            if i + 2 < n and doc[i + 2].text == ")":
                no_start.add(i + 2)
                if i + 3 < n:
                    no_start.add(i + 3)
        if nt in _NEVER_FIRST:
            no_start.add(i + 1)
        if t in _OPEN_QUOTES and not tok.whitespace_ and not _is_closing_quote(tok):
            no_start.add(i + 1)  # an opening quote or bracket belongs to what follows it
        if t in _STOPS:
            j = i + 1
            while j < n and (
                (doc[j].text in _CLOSERS and _is_closing_quote(doc[j])) or doc[j].text in _EMOTICONS
            ):
                no_start.add(j)
                j += 1
            if j < n and j not in no_start:
                first = doc[j].text[:1]
                if first.isupper() or (
                    doc[j].text in _OPEN_QUOTES and doc[j - 1].whitespace_ and j + 1 < n
                    and doc[j + 1].text[:1].isupper()
                ):
                    start.add(j)
        elif _is_closing_quote(nxt) and nt not in (")", "]"):
            no_start.add(i + 1)
    has_pos = doc.has_annotation("POS")
    for i in range(1, n):
        # a boundary between two words without punctuation: only where the parser may put one
        prev = doc[i - 1]
        pt = prev.text
        if i in start or i in no_start or pt in _STOPS or pt in (";", ":"):
            continue
        if doc[i].text[:1].islower():  # "freizubekommen -- | das heißt": no sentence starts lower-case
            no_start.add(i)             # except after a stop (careless web text)
            continue
        if not pt[-1:].isalnum():
            continue
        if pt.endswith(".") or pt[-1:] in ("!", "?"):
            continue
        if PUNCT_ONLY_BOUNDARIES:
            no_start.add(i)
        elif has_pos and (doc[i].pos_ in _NO_START_POS or prev.pos_ in _NO_END_POS):
            # "President Joe | Biden", "der | Bundesregierung": never inside a phrase
            no_start.add(i)
    for i in range(1, n):
        if i in no_start and i not in start:
            doc[i].is_sent_start = False
        elif i in start:
            doc[i].is_sent_start = True
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("newsevents_token_fixer"):
        Language.component("newsevents_token_fixer", func=fix_tokens)
    if not Language.has_factory("newsevents_sentence_hints"):
        Language.component("newsevents_sentence_hints", func=sentence_hints)
    if not Language.has_factory("newsevents_name_bounds"):
        from .name_bounds import trim_names

        Language.component("newsevents_name_bounds", func=trim_names)
    if not Language.has_factory("newsevents_known_names"):
        from .known_names import add_known_organisations

        Language.component("newsevents_known_names", func=add_known_organisations)


def add_news_components(nlp) -> None:
    """Add the token fixer, sentence hints, name boundaries, known organisation names and
    abbreviation exceptions to a pipeline."""
    _register_components()
    lang = nlp.lang if nlp.lang in LANGS else DEFAULT_LANG
    _, _, _, specials = _lists(lang)
    from spacy.symbols import ORTH

    for a in specials:
        if len(nlp.tokenizer(a)) > 1:
            nlp.tokenizer.add_special_case(a, [{ORTH: a}])
    names = nlp.pipe_names
    if "newsevents_token_fixer" not in names:
        nlp.add_pipe("newsevents_token_fixer", first=True)
    if "newsevents_sentence_hints" not in names:
        for target in ("parser", "senter"):
            if target in nlp.pipe_names:
                nlp.add_pipe("newsevents_sentence_hints", before=target)
                break
        else:
            nlp.add_pipe("newsevents_sentence_hints", after="newsevents_token_fixer")
    if "ner" in nlp.pipe_names and "newsevents_name_bounds" not in nlp.pipe_names:
        nlp.add_pipe("newsevents_name_bounds", after="ner")
    if "ner" in nlp.pipe_names and "newsevents_known_names" not in nlp.pipe_names:
        nlp.add_pipe("newsevents_known_names", after="newsevents_name_bounds")


# ------------------------------------------------------------------ text -> chunks


_BLANK = re.compile(r"\n\s*\n")


def text_chunks(text: str, paragraphs: Iterable | None = None) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of ``text`` that are analysed separately: every paragraph (from
    ``paragraphs`` spans if given, else blank-line separated) and within it every line, since a
    line break always ends a sentence. Chunks are stripped of surrounding whitespace."""
    spans = [(p.start, p.end) for p in paragraphs or []]
    if not spans:
        spans = []
        pos = 0
        for m in _BLANK.finditer(text):
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
    for ps, pe in spans:
        pos = ps
        for line in text[ps:pe].split("\n"):
            s = pos
            pos += len(line) + 1
            stripped = line.strip()
            if not stripped:
                continue
            s += len(line) - len(line.lstrip())
            yield s, stripped


_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


@cache
def _lowercase_words(lang: str) -> frozenset[str]:
    """Words written lower-case inside sentences (data/nlp/lowercase_words.<lang>.txt)."""
    return frozenset(_read_list(f"lowercase_words.{lang}.txt"))


def sentence_case(line: str, lang: str) -> str:
    """A title-case headline ("Russia Launches Drone Attack On Kyiv") in sentence case for analysis
    ("Russia launches drone attack on Kyiv"); other lines unchanged. Only listed common words are
    lower-cased, so names keep their capitals; the result has the same length as ``line``."""
    words = _lowercase_words(lang)
    alpha = list(_WORDS.finditer(line)) if words else []
    texts = [m.group() for m in alpha]
    if not title_case(texts, min_words=3) or all(w.isupper() for w in texts):  # not a headline in capitals
        return line
    out = list(line)
    for m in alpha[1:]:
        w = m.group()
        first = w[0].lower()
        if w[0].isupper() and (len(w) == 1 or not w[1:].isupper()) and len(first) == 1 and w.lower() in words:
            out[m.start()] = first
    return "".join(out)


def _ud_dep(dep: str) -> str:
    return "root" if dep == "ROOT" else dep


def annotate(nlp, text: str, paragraphs=None, batch_size: int = 64
             ) -> tuple[list[Sentence], list[Entity]]:
    """Sentences (with tokens) and NER entities of ``text`` (offsets into ``text``)."""
    chunks = list(text_chunks(text, paragraphs))
    lang = nlp.lang if nlp.lang in LANGS else DEFAULT_LANG
    readings = (sentence_case(c, lang) for _, c in chunks)  # title-case headlines read in sentence case
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    base = 0
    for (off, _), sdoc in zip(chunks, nlp.pipe(readings, batch_size=batch_size), strict=False):
        has_sents = sdoc.has_annotation("SENT_START")
        sents = list(sdoc.sents) if has_sents else [sdoc[:]]
        for sent in sents:
            toks = []
            for t in sent:
                start = off + t.idx
                toks.append(
                    Token(
                        i=base + t.i,
                        start=start,
                        end=start + len(t.text),
                        text=text[start : start + len(t.text)],
                        lemma=t.lemma_ or t.text,
                        pos=t.pos_,
                        tag=t.tag_,
                        morph=str(t.morph),
                        head=base + t.head.i,
                        dep=_ud_dep(t.dep_),
                    )
                )
            if toks:
                sentences.append(Sentence(toks[0].start, toks[-1].end, toks))
        for ent in sdoc.ents:
            label = _LABEL_MAP.get(ent.label_)
            if not label:
                continue
            s = off + ent.start_char
            e = off + ent.end_char
            entities.append(Entity(s, e, text[s:e], label=label, rule="ner",
                                   confidence=NER_CONFIDENCE))
        base += len(sdoc)
    return sentences, entities


@register("nlp")
class NLPStage:
    """Pipeline stage: fills ``doc.sentences`` and appends NER entities to ``doc.entities``.

    Holds only settings (picklable); the spaCy pipeline loads on first use, once per process.
    ``model_de`` / ``model_en``: an installed spaCy package or model directory to use instead
    of the shipped pipelines (default: environment variables, then shipped).
    """

    name = "nlp"

    def __init__(self, model_de: str | None = None, model_en: str | None = None,
                 batch_size: int = 64, default_lang: str = DEFAULT_LANG):
        self.model_de = model_de
        self.model_en = model_en
        self.batch_size = batch_size
        self.default_lang = default_lang

    def pipeline_for(self, lang: str | None):
        lang = (lang or "").lower().split("-")[0]
        if lang not in LANGS:
            lang = self.default_lang
        return load_pipeline(lang, self.model_de if lang == "de" else self.model_en)

    def __call__(self, doc: Document) -> Document:
        text = doc.text or ""
        if not text.strip():
            doc.sentences = []
            return doc
        nlp = self.pipeline_for(doc.language)
        sentences, entities = annotate(nlp, text, doc.paragraphs, self.batch_size)
        doc.sentences = sentences
        doc.entities = [e for e in doc.entities if e.rule != "ner"] + entities
        return doc


__all__ = [
    "NLPModelError",
    "NLPStage",
    "add_news_components",
    "annotate",
    "load_pipeline",
    "model_dir",
    "text_chunks",
]
