"""List views: the records of one kind under the kind registry's columns (kb/kinds.py), and the
timeline, grouped by year in tables."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from belarus_cli.kb.kind_types import ListColumn
from belarus_cli.kb.kinds import KINDS
from belarus_cli.kb.records import KnowledgeBase, Record
from belarus_cli.output.view import Column, View

from .columns import citation_column, source_column


def _bind(spec: ListColumn, kb: KnowledgeBase) -> Column:
    return Column(
        spec.header, lambda record: spec.value(record, kb), no_wrap=spec.no_wrap, ratio=spec.ratio, primary=spec.primary
    )


def columns_for(kind: str, kb: KnowledgeBase) -> list[Column]:
    return [_bind(spec, kb) for spec in KINDS[kind].columns]


SOURCED = ("events", "figures", "quotes")  # the facts: each list says where it comes from


def list_view(kb: KnowledgeBase, kind: str, records: Sequence[Record]) -> View:
    """A kind's records under its columns; the facts with their short source, and in CSV and Markdown
    their citation too, so that a pasted table says where each row comes from."""
    columns = columns_for(kind, kb)
    if kind not in SOURCED:
        return View(columns, records, row_json=Record.to_json)
    exported = [*columns, source_column(kb, whole=True), citation_column(kb)]
    return View(exported, records, row_json=Record.to_json, table_columns=[*columns, source_column(kb)])


def _year(record: Record) -> int:
    return record.date.year if record.date else 0


PERHAPS = "may be outside the range"  # after every event a --from/--to range holds for certain


def _timeline_date(column: Column, perhaps: Collection[str]) -> Column:
    """The date as given, where the timeline had to place an event it cannot date within its period,
    and whether it only may fall in the dates asked for."""
    from belarus_cli.kb.timeline import unplaced

    def text(record: Record) -> str:
        notes = [note for note in (unplaced(record), PERHAPS if record.id in perhaps else "") if note]
        return ", ".join([record.date_text, *notes])

    return column._replace(value=text)


def timeline_view(kb: KnowledgeBase, events: Sequence[Record], perhaps: Collection[str] = ()) -> View:
    """Events in order; tables group them by year, the year starting each group, while the date column
    keeps the briefing's precision and marks the ``perhaps`` events, which only may fall in the dates
    asked for."""
    starts = {e.id for i, e in enumerate(events) if i == 0 or _year(e) != _year(events[i - 1])}
    year = Column("year", lambda e: str(_year(e)) if e.id in starts and e.date else "", no_wrap=True)
    columns = [_timeline_date(c, perhaps) if c.header == "date" else c for c in columns_for("events", kb)]
    exported = [*columns, source_column(kb, whole=True), citation_column(kb)]
    table = [year, *columns, source_column(kb)]

    def row_json(event: Record) -> dict[str, object]:
        # JSON keeps the record's own date fields, so the mark the date column carries is a field here
        return {**event.to_json(), "may_be_outside_range": event.id in perhaps}

    return View(exported, events, row_json=row_json, table_columns=table, group=_year)
