"""English words that are written lower-case inside a sentence (data/nlp/lowercase_words.en.txt).

    python training/build_truecase.py [--shared ../shared]

Title-case headlines ("Russia Launches Drone Attack On Kyiv") make every word look like a name;
the nlp stage analyses such a line in sentence case, lower-casing the words this list holds and
keeping the others ("Russia", "Kyiv"). A word is listed when, not first in its sentence, it is
written lower-case at least twice as often as capitalised in the training text (EWT and GUM
documents outside the official dev/test files, and WikiANN-en train; no test file is read), or
when it is a frequent English word (wordfreq Zipf >= 3.5) not written capitalised more often there
and no word of a name the actor knowledge base or the gazetteer holds ("Biden", "Kyiv").
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import wordfreq  # noqa: E402

from newsevents.nlp.corpora import read_ner, ud_train_split  # noqa: E402

DEST = ROOT / "src" / "newsevents" / "data" / "nlp" / "lowercase_words.en.txt"


def count(sentences, lower: Counter, upper: Counter) -> None:
    for words in sentences:
        for w in words[1:]:
            if not w[:1].isalpha() or len(w) < 2:
                continue
            if w.islower():
                lower[w] += 1
            elif w[:1].isupper() and w[1:].islower():
                upper[w.lower()] += 1


def name_words() -> set[str]:
    """Lower-cased words of the names in the actor knowledge base and the gazetteer."""
    from newsevents.actors.kb import default_kb
    from newsevents.resolve.gazetteer import default_gazetteer

    out = {w for key, entries in default_kb().surfaces.items()
           if any(e.kind in ("person", "org", "country", "capital") for e in entries) for w in key}
    out |= {w.lower() for p in default_gazetteer().places for w in p.name.split()}
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    ud = args.shared / "data" / "ud"
    lower: Counter = Counter()
    upper: Counter = Counter()
    for name in ("ewt", "gum"):
        d = ud / f"en-{name}"
        held = [d / f"en_{name}-ud-dev.conllu", d / f"en_{name}-ud-test.conllu"]
        count(([t.form for t in s.tokens] for s in ud_train_split(d / "all-documents.conllu.gz", held)), lower, upper)
    count((s.words for s in read_ner(args.shared / "data" / "ner" / "wikiann-en" / "train.conllu", "idx")),
          lower, upper)
    names = name_words()
    words = {w for w, n in lower.items() if n >= args.min_count and n >= 2 * upper[w]}
    words |= {w for w in wordfreq.top_n_list("en", 40_000) if w.isalpha() and upper[w] <= lower[w]
              and w not in names and wordfreq.zipf_frequency(w, "en") >= 3.5}
    words = sorted(words)
    DEST.write_text(
        "# English words written lower-case inside sentences (training/build_truecase.py); used to read\n"
        "# title-case headlines in sentence case\n" + "\n".join(words) + "\n",
        encoding="utf-8",
    )
    print(f"{DEST}: {len(words)} words")


if __name__ == "__main__":
    main()
