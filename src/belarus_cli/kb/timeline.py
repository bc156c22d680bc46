"""Dated events in the order they happened: a pure filter and sort."""

from __future__ import annotations

from .dates import QUALIFIERS, PartialDate, within
from .filters import RecordFilter
from .records import KnowledgeBase, Record

# Where a qualified date falls within its period, as a fraction of the next finer unit: "early May"
# before "10 May", "end of October" after "12 October". An unqualified coarse date ("May 2021", "2021")
# comes after every dated event of its period, since it may fall anywhere in it (issue 14: "2020:
# Tikhanovskaya flees to Lithuania" stood above the election it followed); the timeline labels it
# ("2021, month not given").
UNPLACED = 99.0
_POSITION = {
    "since": 0.25,
    "beginning of": 0.5,
    "early": 0.5,
    "mid": 15.5,
    "latter half of": 20.5,
    "late": 28.5,
    "end of": 31.5,
    "by": 31.6,
    "as of": 31.7,
}
assert set(_POSITION) | {"before", "after"} == set(QUALIFIERS)


def sort_key(record: Record) -> tuple[object, ...]:
    date = record.date or PartialDate(9999)
    qualifier = within(str(record.get("date_qualifier") or "")) or None
    parts: list[float] = [date.year, date.month, date.day]
    finest = 2 if date.day else 1 if date.month else 0
    scale = 12 / 31 if finest == 0 else 1.0  # a year's positions in months, a month's in days
    if qualifier in ("before", "after"):
        parts[finest] += -0.5 if qualifier == "before" else 0.5
    elif qualifier in _POSITION and finest < 2:
        parts[finest + 1] = _POSITION[str(qualifier)] * scale
    elif qualifier is None and finest < 2 and not date.decade:
        parts[finest + 1] = UNPLACED
    return (*parts, record.id)


def unplaced(record: Record) -> str:
    """ "month not given" for an event known only to its year, "day not given" to its month; ""."""
    date = record.date
    if date is None or record.get("date_qualifier") or date.decade or date.day:
        return ""
    return "day not given" if date.month else "month not given"


def events_in_order(kb: KnowledgeBase, where: RecordFilter | None = None) -> list[Record]:
    """The events that pass ``where``, in the order they happened: by date, and an event the text
    places ``after`` another (its own date too coarse to say) just after that one."""
    events = [e for e in kb.of_kind("events") if e.date is not None]
    return sorted(where.apply(events) if where else events, key=lambda e: ordered_key(kb, e))


def inside_and_perhaps(
    events: list[Record], start: PartialDate | None, end: PartialDate | None
) -> tuple[list[Record], list[Record]]:
    """Events a --from/--to range holds for certain, and those that only may fall in it ("2021" or
    "before 9 Aug 2020" asked for August 2020): each list keeps its order (issue 14)."""
    if start is None and end is None:  # no range asked for: every event is in it, in its place
        return list(events), []
    inside: list[Record] = []
    perhaps: list[Record] = []
    for event in events:
        date = event.date
        qualifier = str(event.get("date_qualifier") or "")
        certain = (
            date is not None
            and (start is None or date.first_day() >= start.first_day())
            and (end is None or date.last_day() <= end.last_day())
            and not qualifier.startswith(("before", "after", "since", "by", "as of"))
        )
        (inside if certain else perhaps).append(event)
    return inside, perhaps


def ordered_key(kb: KnowledgeBase, record: Record, seen: frozenset[str] = frozenset()) -> tuple[object, ...]:
    target = kb.get(str(record.get("after") or ""))
    if target is None or target.id in seen or target.date is None:
        return sort_key(record)
    return (*ordered_key(kb, target, seen | {record.id}), record.id)
