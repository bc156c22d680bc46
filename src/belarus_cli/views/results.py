"""Search results as a view: what matched (the record, and the passage around the matched words),
when, and on whose authority (the first footnote, in short)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from belarus_cli.kb.records import KnowledgeBase
from belarus_cli.output.text_table import cut
from belarus_cli.output.view import Column, View
from belarus_cli.search.normalise import normalise
from belarus_cli.search.ranking import Hit, hit_json
from belarus_cli.search.snippets import snippet

from .columns import TABLE_SOURCE, citation, citation_column, source_text, table_source

SNIPPET_CHARACTERS = 120  # in CSV and Markdown; JSON carries the whole passage
TABLE_SNIPPET = 44  # in tables, one line beside the date and source at 80 columns: ten results in ~25 lines
TABLE_FACT = 110  # a long quote or footnote, cut in tables: `show ID` and JSON give it whole


def _match(hit: Hit) -> str:
    return hit.record.label + (f"  ({hit.via})" if hit.via else "")


def _fact(kb: KnowledgeBase, hit: Hit) -> str:
    """The record as a researcher reads it first: a quote with who said it (the EU's and the G7's
    "a serious attack on media freedom" differ only by that), anything else by its label."""
    record = hit.record
    said = f"{kb.speaker_name(record)}: “{record.label}”" if record.kind == "quotes" else record.label
    return said + (f"  ({hit.via})" if hit.via else "")


def results_view(kb: KnowledgeBase, hits: Sequence[Hit], query: str) -> View:
    typed = [w for w in query.split() if w.isalnum()]
    passages = {id(hit): snippet(hit.record, hit.terms) for hit in hits}
    sources = {id(hit): source_text(kb, hit.record) for hit in hits}  # a footnote, or else the section

    def passage(hit: Hit) -> str:
        return cut(passages[id(hit)], SNIPPET_CHARACTERS)

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
        citation_column(kb)._replace(value=lambda h: citation(kb, h.record)),
    ]

    # Tables lead with the fact, then when and on whose authority; the passage that matched only where
    # the fact's own words do not show it, and the id (folded under the fact by the output layer).
    def told(hit: Hit) -> str:
        fact = cut(_fact(kb, hit), TABLE_FACT)
        shown = set(normalise(fact).split())
        if hit.terms & shown:
            return fact
        # A short passage for the table, from two words before the match, so the match is in it.
        return "\n".join(filter(None, [fact, cut(snippet(hit.record, hit.terms, before=2, after=6), TABLE_SNIPPET)]))

    table = [
        Column("result", told, ratio=1, primary=True, highlight=lambda h: typed + sorted(h.terms)),
        Column("id", lambda h: h.record.id),
        Column(
            "kind / date", lambda h: "\n".join(filter(None, [h.record.singular, h.record.date_text])), prefer_width=16
        ),
        Column("source", lambda h: table_source(sources[id(h)]), prefer_width=16, cut_to=TABLE_SOURCE),
    ]
    return View(columns, hits, row_json=as_json, table_columns=table)
