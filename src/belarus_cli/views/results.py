"""Search results as a view: what matched, in which record, and the spelling that matched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from belarus_cli.kb.records import KnowledgeBase
from belarus_cli.output.view import Column, View
from belarus_cli.search.ranking import Hit, hit_json


def _match(hit: Hit) -> str:
    return hit.record.label + (f"  ({hit.via})" if hit.via else "")


def results_view(kb: KnowledgeBase, hits: Sequence[Hit], query: str) -> View:
    typed = [w for w in query.split() if w.isalnum()]

    def as_json(hit: Hit) -> dict[str, Any]:
        from belarus_cli.cite.styles import short_citation  # JSON output only

        return hit_json(hit, short_citation(kb, hit.record))

    columns = [
        Column("kind", lambda h: h.record.singular),
        Column("id", lambda h: h.record.id),
        Column("date", lambda h: h.record.date_text),
        Column("match", _match),
    ]
    # Tables put kind and date in one column, so that an 80-column terminal keeps the id whole.
    table = [
        Column("kind / date", lambda h: "\n".join(filter(None, [h.record.singular, h.record.date_text]))),
        Column("id", lambda h: h.record.id, no_wrap=True),
        Column("match", _match, ratio=1, highlight=lambda h: typed + sorted(h.terms)),
    ]
    return View(columns, hits, row_json=as_json, table_columns=table)
