"""Dated events in the order they happened: a pure filter and sort."""

from __future__ import annotations

from .dates import QUALIFIERS, RELATIVE, PartialDate, within
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
    if date is None or record.get("date_qualifier") or date.decade or date.day or record.date_end:
        return ""
    return "day not given" if date.month else "month not given"


def events_in_order(kb: KnowledgeBase, where: RecordFilter | None = None) -> list[Record]:
    """The events that pass ``where``, in the order they happened: by date, and an event the text
    places ``after`` another (its own date too coarse to say) just after that one."""
    events = [e for e in kb.of_kind("events") if e.date is not None]
    return sorted(where.apply(events) if where else events, key=lambda e: ordered_key(kb, e))


def known_span(kb: KnowledgeBase, record: Record, seen: frozenset[str] = frozenset()) -> tuple[int | None, int | None]:
    """The first and last day (proleptic ordinals) an event can have happened on, as far as the briefing
    says, None where it sets no bound: "by 5 Oct 2021" ends that day and may start any time; an ``after``
    link starts it no earlier than the event it follows, so "by 5 Oct 2021, after end of October 2020"
    lies within October 2020 to 5 October 2021."""
    date = record.date
    if date is None:
        return None, None
    qualifier = str(record.get("date_qualifier") or "")
    relative = next((r for r in RELATIVE if qualifier.startswith(r)), "")
    first_day, last_day = _ordinal(date.first_day()), _ordinal((record.date_end or date).last_day())
    first = {"": first_day, "since": first_day, "after": last_day + 1}.get(relative)
    last = {"": last_day, "by": last_day, "as of": last_day, "before": first_day - 1}.get(relative)
    target = kb.get(str(record.get("after") or ""))
    if target is not None and target.id not in seen:
        follows, _ = known_span(kb, target, seen | {record.id})
        if follows is not None and (first is None or follows > first):
            first = follows
    return first, last


def inside_and_perhaps(
    kb: KnowledgeBase, events: list[Record], start: PartialDate | None, end: PartialDate | None
) -> tuple[list[Record], list[Record]]:
    """Of events whose dates meet a --from/--to range, those it holds for certain, and those that only
    may fall in it ("2021" or "by 5 Oct 2021" asked for August 2021), each in its order (issue 14); an
    event the briefing places outside it ("before 9 Aug 2020" from 9 August) is in neither."""
    if start is None and end is None:  # no range asked for: every event is in it, in its place
        return list(events), []
    low = _ordinal(start.first_day()) if start else None
    high = _ordinal(end.last_day()) if end else None
    inside: list[Record] = []
    perhaps: list[Record] = []
    for event in events:
        first, last = known_span(kb, event)
        if (low is not None and last is not None and last < low) or (
            high is not None and first is not None and first > high
        ):
            continue
        certain = (low is None or (first is not None and first >= low)) and (
            high is None or (last is not None and last <= high)
        )
        (inside if certain else perhaps).append(event)
    return inside, perhaps


def _ordinal(day: tuple[int, int, int]) -> int:
    from datetime import date

    return date(*day).toordinal()


def ordered_key(kb: KnowledgeBase, record: Record, seen: frozenset[str] = frozenset()) -> tuple[object, ...]:
    target = kb.get(str(record.get("after") or ""))
    if target is None or target.id in seen or target.date is None:
        return sort_key(record)
    return (*ordered_key(kb, target, seen | {record.id}), record.id)
