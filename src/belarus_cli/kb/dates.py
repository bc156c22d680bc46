"""Partial dates at the briefing's own precision: "1990s", "2021", "2021-05", "2021-05-23".

A date never gains precision it was not given: "May 2021" stays a month. Sorting puts a coarser date
before finer ones within the same period ("2021-05" before "2021-05-01").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering

from belarus_cli.output.escape import quoted

QUALIFIERS = (
    "early",
    "mid",
    "late",
    "beginning of",
    "end of",
    "latter half of",
    "by",
    "since",
    "as of",
    "before",
    "after",
)

# A relative qualifier may take a position within the period after it: "since early 1990s" (the
# briefing's footnote 34) is "since" and "early" at once.
RELATIVE = ("since", "by", "as of", "before", "after")
WITHIN = ("early", "mid", "late", "beginning of", "end of", "latter half of")


def is_qualifier(value: object) -> bool:
    if value in QUALIFIERS:
        return True
    if not isinstance(value, str):
        return False
    return any(value.startswith(f"{relative} ") and value[len(relative) + 1 :] in WITHIN for relative in RELATIVE)


def within(qualifier: str) -> str:
    """The position a qualifier gives within its period: "since early" -> "early"."""
    for relative in RELATIVE:
        if qualifier.startswith(f"{relative} ") and qualifier[len(relative) + 1 :] in WITHIN:
            return qualifier[len(relative) + 1 :]
    return qualifier


# ASCII digits only and the whole text (``fullmatch``: "$" would let a final newline through, and
# "\d" takes Arabic-Indic or full-width digits too).
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DECADE = re.compile(r"([0-9]{3}0)s")  # "early 1990s": the briefing's coarsest precision
# English names, whatever the locale: the briefing is in English (and ``calendar`` costs start-up time).
MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = tuple(name[:3] for name in MONTH_NAMES)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int = 0  # 0: not given
    day: int = 0  # 0: not given
    decade: bool = False  # "1990s": year is the decade's first, and no month or day

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        # Coarser first within a period: "1990s" before "1990", "1990" before "1990-05".
        return (self.year, not self.decade, self.month, self.day) < (
            other.year,
            not other.decade,
            other.month,
            other.day,
        )

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "decade" if self.decade else "year"

    def iso(self) -> str:
        if self.decade:
            return f"{self.year:04d}s"
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self, qualifier: str | None = None, *, long: bool = False) -> str:
        """'9 Aug 2020', 'May 2021', 'early Sep 2021' (``long``: full month names)."""
        months = MONTH_NAMES if long else _MONTHS
        if self.day:
            text = f"{self.day} {months[self.month]} {self.year}"
        elif self.month:
            text = f"{months[self.month]} {self.year}"
        else:
            text = f"{self.year}s" if self.decade else str(self.year)
        return f"{qualifier} {text}" if qualifier else text

    def first_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        if self.decade:
            return (self.year + 9, 12, 31)
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return (self.year, month, day)

    def overlaps(self, start: PartialDate | None, end: PartialDate | None) -> bool:
        """True when any day of this date lies within [start, end] (each bound at its own precision)."""
        if start is not None and self.last_day() < start.first_day():
            return False
        return not (end is not None and self.first_day() > end.last_day())


@lru_cache(maxsize=4096)  # a large knowledge base repeats a few hundred dates
def parse_date(text: str) -> PartialDate:
    """Parse an ISO partial date (or a decade, "1990s"); raise ValueError with a reason a user can act on."""
    decade = _DECADE.fullmatch(text) if isinstance(text, str) else None
    if decade:
        return PartialDate(int(decade.group(1)), decade=True)
    match = _ISO.fullmatch(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{quoted(text)} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (or a decade, 1990s)")
    year, month_s, day_s = match.groups()
    if int(year) < 1:
        raise ValueError(f"{quoted(text)} has no year 0000")
    month = int(month_s) if month_s else 0
    day = int(day_s) if day_s else 0
    if month_s and not 1 <= month <= 12:
        raise ValueError(f"{quoted(text)} has no month {month_s}")
    if day_s and not 1 <= day <= days_in_month(int(year), month):
        raise ValueError(f"{quoted(text)} is not a day of {MONTH_NAMES[month]} {year}")
    return PartialDate(int(year), month, day)
