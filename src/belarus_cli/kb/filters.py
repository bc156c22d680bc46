"""One filter over records, shared by search, the timeline and every list: kinds, tags, a date range,
people, organisations, speakers, categories and sections. Values are ids and plain names, already
resolved from what the user typed (see ``search.resolve``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .dates import PartialDate
from .records import Record, speaker_ids


class RecordFilter(NamedTuple):  # a NamedTuple: defining a dataclass costs start-up time
    kinds: frozenset[str] = frozenset()  # plural keys: "events"
    tags: frozenset[str] = frozenset()  # any of them
    start: PartialDate | None = None  # the record's date (or span) overlaps [start, end], each at its precision
    end: PartialDate | None = None
    people: frozenset[str] = frozenset()  # person ids: the record involves any of them
    organisations: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()  # quotes by any of these people or bodies
    categories: frozenset[str] = frozenset()  # organisations of any of these categories
    sections: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return any(
            (
                self.kinds,
                self.tags,
                self.start,
                self.end,
                self.people,
                self.organisations,
                self.speakers,
                self.categories,
                self.sections,
            )
        )

    def matches(self, record: Record) -> bool:
        if self.kinds and record.kind not in self.kinds:
            return False
        if self.tags and not self.tags.intersection(record.list("tags")):
            return False
        if (self.start is not None or self.end is not None) and not record.overlaps(self.start, self.end):
            return False
        if self.people and not self.people.intersection(record.list("people")):
            return False
        if self.organisations and not self.organisations.intersection(record.list("organisations")):
            return False
        if self.speakers and not self.speakers.intersection(speaker_ids(record)):
            return False
        if self.categories and record.get("category") not in self.categories:
            return False
        if not self.sections:
            return True
        return bool(self.sections.intersection(map(str, [record.get("section"), *record.list("also_in")])))

    def apply(self, records: Iterable[Record]) -> list[Record]:
        return [r for r in records if self.matches(r)] if self else list(records)
