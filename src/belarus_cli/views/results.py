"""Search results as a view: what matched (the record, and the passage around the matched words),
when, and on whose authority (the first footnote, in short)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from belarus_cli.cite.parts import short_source
from belarus_cli.kb.records import KnowledgeBase
from belarus_cli.output.view import Column, View
from belarus_cli.search.ranking import Hit, hit_json
from belarus_cli.search.snippets import snippet

SNIPPET_CHARACTERS = 120  # in tables; JSON carries the whole passage


def _match(hit: Hit) -> str:
    return hit.record.label + (f"  ({hit.via})" if hit.via else "")


def results_view(kb: KnowledgeBase, hits: Sequence[Hit], query: str) -> View:
    typed = [w for w in query.split() if w.isalnum()]
    passages = {id(hit): snippet(hit.record, hit.terms) for hit in hits}
    sources = {id(hit): short_source(kb, hit.record) for hit in hits}

    def passage(hit: Hit) -> str:
        text = passages[id(hit)]
        return text if len(text) <= SNIPPET_CHARACTERS else text[: SNIPPET_CHARACTERS - 1].rstrip() + "…"

    def as_json(hit: Hit) -> dict[str, Any]:
        from belarus_cli.cite.styles import short_citation  # JSON output only

        return {
            **hit_json(hit, short_citation(kb, hit.record)),
            "snippet": passages[id(hit)],
            "source": sources[id(hit)],
            "matched_words": sorted(hit.terms),
        }

    columns = [
        Column("kind", lambda h: h.record.singular),
        Column("id", lambda h: h.record.id),
        Column("date", lambda h: h.record.date_text),
        Column("match", _match),
        Column("passage", passage),
        Column("source", lambda h: sources[id(h)]),
    ]

    # Tables put kind and date in one column, so that an 80-column terminal keeps the id whole; under
    # the record's label, the passage that matched and where it comes from.
    def told(hit: Hit) -> str:
        source = f"source: {sources[id(hit)]}" if sources[id(hit)] else ""
        return "\n".join(filter(None, [_match(hit), passage(hit), source]))

    table = [
        Column("kind / date", lambda h: "\n".join(filter(None, [h.record.singular, h.record.date_text]))),
        Column("id", lambda h: h.record.id, no_wrap=True),
        Column("match", told, ratio=1, highlight=lambda h: typed + sorted(h.terms)),
    ]
    return View(columns, hits, row_json=as_json, table_columns=table)
