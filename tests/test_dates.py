from __future__ import annotations

import pytest

from belarus_cli.kb.dates import PartialDate, parse_date


@pytest.mark.parametrize(
    ("text", "expected", "shown"),
    [
        ("2021", PartialDate(2021), "2021"),
        ("2021-05", PartialDate(2021, 5), "May 2021"),
        ("2020-08-09", PartialDate(2020, 8, 9), "9 Aug 2020"),
        ("2024-02-29", PartialDate(2024, 2, 29), "29 Feb 2024"),
        ("1990s", PartialDate(1990, decade=True), "1990s"),
    ],
)
def test_parse_keeps_precision(text: str, expected: PartialDate, shown: str) -> None:
    date = parse_date(text)
    assert date == expected
    assert date.iso() == text
    assert date.display() == shown


@pytest.mark.parametrize(
    "text",
    ["21", "2021-5", "2021-00", "2021-13", "2021-02-29", "2021-04-31", "May 2021", "", "1995s", "199s", "1990s-05"],
)
def test_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_coarse_sorts_before_fine_within_period() -> None:
    dates = [parse_date(t) for t in ["2021-05-23", "2021", "2021-05", "2020-12-31", "1990", "1990s"]]
    assert [d.iso() for d in sorted(dates)] == ["1990s", "1990", "2020-12-31", "2021", "2021-05", "2021-05-23"]


def test_overlaps_at_each_precision() -> None:
    may = parse_date("2021-05")
    assert may.overlaps(parse_date("2021-05-31"), None)
    assert not may.overlaps(parse_date("2021-06"), None)
    assert may.overlaps(None, parse_date("2021"))
    assert not parse_date("2021-06-01").overlaps(None, parse_date("2021-05"))
    assert parse_date("2021-05-23").display("early") == "early 23 May 2021"


def test_a_decade_spans_its_ten_years() -> None:
    nineties = parse_date("1990s")
    assert nineties.precision == "decade"
    assert nineties.overlaps(parse_date("1999-12-31"), None)
    assert not nineties.overlaps(parse_date("2000"), None)
    assert not nineties.overlaps(None, parse_date("1989"))
    assert nineties.display("early") == "early 1990s"


def test_timeline_places_qualified_dates_within_their_period() -> None:
    from belarus_cli.kb.records import Record
    from belarus_cli.kb.timeline import sort_key

    def event(eid: str, date: str, qualifier: str | None = None) -> Record:
        data = {"id": eid, "date": date, **({"date_qualifier": qualifier} if qualifier else {})}
        return Record("events", eid, data)

    events = [
        event("end-oct", "2020-10", "end of"),
        event("oct-12", "2020-10-12"),
        event("oct", "2020-10"),
        event("early-oct", "2020-10", "early"),
        event("before-oct-12", "2020-10-12", "before"),
        event("late-2020", "2020", "late"),
        event("nov", "2020-11"),
    ]
    assert [e.id for e in sorted(events, key=sort_key)] == [
        "early-oct",
        "before-oct-12",
        "oct-12",
        "end-oct",
        "oct",  # October, day not given: after every dated event of the month (issue 14)
        "nov",
        "late-2020",
    ]


def test_a_relative_qualifier_can_take_a_position_within_its_period() -> None:
    """Issue 14: footnote 34 says "since early 1990s"; the data kept only "since"."""
    from belarus_cli.kb.dates import is_qualifier, within

    assert is_qualifier("since early") and is_qualifier("by end of") and is_qualifier("early")
    assert not is_qualifier("since soon") and not is_qualifier("early since") and not is_qualifier(3)
    assert within("since early") == "early" and within("mid") == "mid"
    assert parse_date("1990s").display("since early") == "since early 1990s"
