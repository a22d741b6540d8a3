"""How a line is capitalised: one definition of a title-case headline for every stage."""

from __future__ import annotations

from collections.abc import Sequence

TITLE_CASE_SHARE = 0.6  # more than this share of capitalised words makes a title-case line


def title_case(words: Sequence[str], min_words: int = 1) -> bool:
    """``words`` (those starting with a letter) read as a title-case headline ("Russia Launches
    Attack On Kyiv"), where capitals say nothing about names."""
    return len(words) >= max(min_words, 1) and sum(w[:1].isupper() for w in words) > TITLE_CASE_SHARE * len(words)
