"""Dated events in order: a pure filter and sort."""

from __future__ import annotations

from .dates import QUALIFIERS, PartialDate
from .model import KnowledgeBase, Record

# Within one period, "early" comes before "mid", "mid" before "end of", and so on; unqualified first.
_QUALIFIER_ORDER = {q: i for i, q in enumerate(
    ("since", "before", "beginning of", "early", "mid", "latter half of", "late", "end of", "by", "as of", "after"))}
assert set(_QUALIFIER_ORDER) == set(QUALIFIERS)


def sort_key(record: Record) -> tuple[object, ...]:
    date = record.date
    qualifier = record.get("date_qualifier")
    rank = -1 if qualifier is None else _QUALIFIER_ORDER.get(str(qualifier), 0)
    return (date or PartialDate(9999), rank, record.id)


def events_in_order(
    kb: KnowledgeBase,
    *,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    tags: set[str] | None = None,
) -> list[Record]:
    events = [
        e for e in kb.of_kind("events")
        if e.date is not None and e.date.overlaps(start, end) and (not tags or tags & set(e.list("tags")))
    ]
    return sorted(events, key=sort_key)
