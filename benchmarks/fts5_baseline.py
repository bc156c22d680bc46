"""The stock peer search is measured against: SQLite FTS5 with bm25, over the same records.

One FTS5 row per record (the briefing's own source record aside), one column holding every string in
the record's data (recursively, so footnote sources, aliases and keywords count too), tokenised by
FTS5's porter stemmer over unicode61 with diacritics removed. A query is an OR of its words, each
quoted so that FTS5's query syntax never trips on what a user types. Nothing here is tuned.
"""

from __future__ import annotations

import re
import sqlite3

from belarus_cli.kb.records import KnowledgeBase, Record
from benchmarks.evaluation import strings_of

_WORD = re.compile(r"\w+", re.UNICODE)


class Fts5Baseline:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.records: list[Record] = [r for r in kb if r.kind != "source"]
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE records USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')"
        )
        self.db.executemany(
            "INSERT INTO records(rowid, body) VALUES (?, ?)",
            ((i, " ".join(strings_of(r.data))) for i, r in enumerate(self.records)),
        )

    def search(self, query: str, limit: int = 10) -> list[Record]:
        words = _WORD.findall(query)
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.db.execute(
            "SELECT rowid FROM records WHERE records MATCH ? ORDER BY bm25(records) LIMIT ?", (match, limit)
        )
        return [self.records[rowid] for (rowid,) in rows]
