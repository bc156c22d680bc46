"""The passage that matched: a record's field text around the words the query matched, so a result
shows the answer, not only the record's title."""

from __future__ import annotations

import re
from functools import lru_cache

from belarus_cli.kb.records import Record

from .index import searched_values
from .normalise import normalise

_WORD = re.compile(r"\S+")
BEFORE, AFTER = 8, 16  # words of context either side of the first match


HELPERS = ("id", "tags", "keywords", "aliases", "other_names", "note")  # curators' helpers and remarks, not the fact


def snippet(record: Record, terms: set[str], before: int = BEFORE, after: int = AFTER) -> str:
    """The best field's text around its matched words ("… words …"); "" when no field holds one.

    The best field holds the most matched words, the weightier field first among equals; ids, tags,
    keywords, aliases and other names, notes and the text of the record's own label are passed over
    (the label is shown)."""
    best: tuple[tuple[int, float], list[str], list[int]] | None = None  # (rank, words, matched positions)
    for name, weight, value in searched_values(record):
        if name in HELPERS:
            continue
        for text in value if isinstance(value, list) else [value]:
            text = str(text)
            if text in record.label:  # shown already
                continue
            words = _WORD.findall(text)
            hits = [i for i, word in enumerate(words) if _terms_of(word) & terms]
            if hits and (best is None or (len(hits), weight) > best[0]):
                best = ((len(hits), weight), words, hits)
    if best is None:
        return ""
    _, words, hits = best
    # The window holding the most matched words, not the one after the first: "In July 2021 Viktor
    # Babaryka, who had …" hid the "attempted to stand as a presidential candidate" that was asked for.
    width = before + after
    start = max(0, _densest(hits, width) - before)  # as much before as asked: "more than" before a number
    end = min(len(words), start + width)
    start = max(0, end - width)
    return ("… " if start else "") + " ".join(words[start:end]) + (" …" if end < len(words) else "")


@lru_cache(maxsize=4096)
def _terms_of(word: str) -> frozenset[str]:
    """A word's normalised tokens; words repeat across the results shown, so each is normalised once."""
    return frozenset(normalise(word).split())


def _densest(hits: list[int], width: int) -> int:
    """The first matched word of the run of ``width`` words that holds the most matched words (the
    earliest among equals)."""
    best_start, best_count = hits[0], 0
    for position, first in enumerate(hits):
        count = sum(1 for other in hits[position:] if other < first + width)
        if count > best_count:
            best_start, best_count = first, count
    return best_start
