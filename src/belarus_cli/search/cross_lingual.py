"""Cross-lingual words: "задержаны" read as detained, "санкций" as sanctions, so that a query typed in
Russian or Belarusian reaches records written in English without resting on their curated keywords.

The table (``cross_lingual.txt``, beside this module) holds, for some 17,000 Russian stems, the English
words of the knowledge base nearest them by multilingual-e5-small (see ``scripts/cross_lingual_words.py``,
which made it once, with no network; search reads it as text, with no model). Lines are sorted by their
bytes, so that a lookup is a binary search in the mapped file. A Belarusian word is looked up by the
stem the Russian stemmer gives it, which for most topic words is the Russian one ("санкцый", "санкций").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .sorted_table import line_of, mapped

TABLE = Path(__file__).with_name("cross_lingual.txt")
KEPT = 3  # English words kept per Russian word, most alike first
FLOOR = 0.005  # the least CSLS kept: below it, most pairs on the development cases were not translations


@lru_cache(maxsize=1)
def _table() -> bytes:
    return mapped(TABLE)


def english_words(stem_key: str) -> list[str]:
    """The English words the table gives for a Russian stem key ("ru:sankts"), best first."""
    line = line_of(_table(), stem_key.encode("utf-8"))
    if not line:
        return []
    return [item.partition(" ")[0] for item in line.decode("utf-8").split("\t")[1:]]
