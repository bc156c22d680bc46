"""The passage that matched: a record's field text around the words the query matched, so a result
shows the answer, not only the record's title."""

from __future__ import annotations

import re

from belarus_cli.kb.records import Record

from .index import searched_values
from .normalise import normalise

_WORD = re.compile(r"\S+")
BEFORE, AFTER = 8, 16  # words of context either side of the first match


HELPERS = ("id", "tags", "keywords", "aliases", "other_names", "note")  # curators' helpers and remarks, not the fact


def snippet(record: Record, terms: set[str], before: int = BEFORE, after: int = AFTER) -> str:
    """The best field's text around its first matched word ("… words …"); "" when no field holds one.

    The best field holds the most matched words, the weightier field first among equals; ids, tags,
    keywords, aliases and other names, notes and the text of the record's own label are passed over
    (the label is shown)."""
    best: tuple[tuple[int, float], str, int] | None = None  # ((matched words, field weight), text, first)
    for name, weight, value in searched_values(record):
        if name in HELPERS:
            continue
        for text in value if isinstance(value, list) else [value]:
            text = str(text)
            if text in record.label:  # shown already
                continue
            words = _WORD.findall(text)
            hits = [i for i, word in enumerate(words) if set(normalise(word).split()) & terms]
            if hits and (best is None or (len(hits), weight) > best[0]):
                best = ((len(hits), weight), text, hits[0])
    if best is None:
        return ""
    _, text, first = best
    words = _WORD.findall(text)
    start, end = max(0, first - before), min(len(words), first + after)
    return ("… " if start else "") + " ".join(words[start:end]) + (" …" if end < len(words) else "")
