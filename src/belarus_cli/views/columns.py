"""Columns that several views share: where a record's fact comes from, in a few words."""

from __future__ import annotations

import re

from belarus_cli.cite.parts import pages_text, record_pages, short_source
from belarus_cli.kb.records import KnowledgeBase, Record
from belarus_cli.output.view import Column

# "fn 17: Belarus: Statem…" in a column of its own: the footnote number leads, so the rest may be cut.
# Under the fact, the source has the rest of the detail line (text_table.laid_out).
TABLE_SOURCE = 24


def table_source(text: str) -> str:
    """The short source as a table shows it: the first footnote, named; the count of further footnotes
    ("(+1)") is left to `show`, CSV and JSON, as it cost a line in most rows. The table cuts it."""
    return re.sub(r" \(\+\d+\)$", "", text)


def section_named(record: Record) -> str:
    """Where a record with no footnote comes from: the briefing's section ("section 2.1")."""
    section = str(record.get("section") or "")
    return "" if not section else "Summary" if section == "summary" else f"section {section}"


def source_text(kb: KnowledgeBase, record: Record, *, whole: bool = False) -> str:
    """The short source ("fn 11: Viasna"), or the section for a record that cites no footnote; ``whole``
    keeps a long publisher's name uncut."""
    if record.kind == "source":  # the briefing itself: who published it
        return str(record.get("publisher") or "")
    if record.kind == "sections":  # a section is its own source: the pages the contents list gives it
        return pages_text(record_pages(kb, record), "p", "pp")
    return short_source(kb, record, whole=whole) or section_named(record)


def source_column(kb: KnowledgeBase, *, whole: bool = False) -> Column:
    """The short source: in tables cut to a few words, in CSV and Markdown (``whole``) as it is."""
    if whole:
        return Column("source", lambda record: source_text(kb, record, whole=True))
    return Column("source", lambda record: table_source(source_text(kb, record)), prefer_width=16, cut_to=TABLE_SOURCE)


def citation(kb: KnowledgeBase, record: Record) -> str:
    from belarus_cli.cite.styles import cite  # only CSV and Markdown ask: not on a table's start-up

    return cite(kb, record)


def citation_column(kb: KnowledgeBase) -> Column:
    """CSV and Markdown rows: the citation in the default style, ready to paste (tables leave it out)."""
    return Column("citation", lambda record: citation(kb, record))
