"""Related words: "spouses" for "wives", "borrowing" for "loans", so that a researcher's own words
reach the briefing's.

The table (``related_words.txt``, beside this module) holds, for each of some 22,000 English words,
the words most alike it in meaning, with their cosine: what the sentence model all-MiniLM-L6-v2
(Apache-2.0) makes of each word alone. ``scripts/related_words.py`` made it, with PyTorch, once; search
reads it as text, with no model, numpy or network. Lines are sorted by their bytes, so that a lookup
is a binary search in the file's bytes and a search reads a few lines of it, not all 22,000.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .sorted_table import line_of, mapped

TABLE = Path(__file__).with_name("related_words.txt")
KEPT = 20  # related words the table keeps per word, most alike first
FLOOR = 0.55  # the least cosine it keeps: below it, "alike" was mostly noise on the development cases
STEM_MARK = "="  # "=spous<TAB>spouse": a word the table lacks, sent by its English stem to one it has


@lru_cache(maxsize=1)
def _table() -> bytes:
    return mapped(TABLE)


def related_words(word: str, stem: str = "") -> list[tuple[str, float]]:
    """The words the table relates to ``word`` (or, when it lacks the word, to the word it gives for
    English stem ``stem``), most alike first, each with its cosine."""
    table = _table()
    line = line_of(table, word.encode("utf-8"))
    if line is None and stem:
        pointer = line_of(table, (STEM_MARK + stem).encode("utf-8"))
        line = line_of(table, pointer.partition(b"\t")[2]) if pointer else None
    if not line:
        return []
    found: list[tuple[str, float]] = []
    for item in line.decode("utf-8").split("\t")[1:]:
        other, _, hundredths = item.partition(" ")
        found.append((other, int(hundredths) / 100))
    return found
