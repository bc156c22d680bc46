"""Property-based tests: search never raises, formats round-trip, date filters keep what is in range."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belarus_cli.kb.dates import PartialDate
from belarus_cli.kb.records import KnowledgeBase, Record
from belarus_cli.output.renderers import Column, Format, emit, markdown_table
from belarus_cli.output.escape import _UNSAFE
from belarus_cli.search.index import SearchIndex
from belarus_cli.kb.store import load
from belarus_cli.kb.timeline import events_in_order

from .conftest import FIXTURE_KB

KB = load(FIXTURE_KB)
INDEX = SearchIndex(KB)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=200), st.integers(min_value=1, max_value=20))
def test_search_never_raises_and_respects_limit(query: str, limit: int) -> None:
    hits = INDEX.search(query, limit=limit)
    assert len(hits) <= limit
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


# Text a terminal can show: control and bidi characters are deliberately escaped (see safe_text).
printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60).filter(
    lambda t: not _UNSAFE.search(t)
)


@SETTINGS
@given(st.lists(st.tuples(printable, printable), min_size=1, max_size=5))
def test_json_and_csv_round_trip_any_text(rows: list[tuple[str, str]]) -> None:
    columns = [Column("a", lambda r: r[0]), Column("b", lambda r: r[1])]
    out = io.StringIO()
    emit(Format.json, columns, rows, as_json=lambda r: {"a": r[0], "b": r[1]}, out=out)
    assert [(d["a"], d["b"]) for d in json.loads(out.getvalue())] == rows
    out = io.StringIO()
    emit(Format.csv, columns, rows, as_json=dict, out=out)
    parsed = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert [tuple(r) for r in parsed[1:]] == rows


@SETTINGS
@given(st.text(max_size=60))
def test_json_round_trips_even_control_characters(text: str) -> None:
    out = io.StringIO()
    emit(Format.json, [Column("a", str)], [text], as_json=lambda r: {"a": r}, out=out)
    assert json.loads(out.getvalue()) == [{"a": text}]
    assert not _UNSAFE.search(out.getvalue())


@SETTINGS
@given(st.lists(printable, min_size=1, max_size=5))
def test_markdown_keeps_one_row_per_record(values: list[str]) -> None:
    table = markdown_table([Column("a", str)], values)
    assert len(table.splitlines()) == len(values) + 2


dates = st.builds(
    lambda y, m, d: PartialDate(y, m, min(d, 28) if m else 0),
    st.integers(1990, 2022), st.integers(0, 12), st.integers(0, 28),
)


@SETTINGS
@given(st.lists(dates, min_size=1, max_size=8), dates, dates)
def test_date_filters_never_drop_an_event_inside_the_range(
    event_dates: list[PartialDate], start: PartialDate, end: PartialDate
) -> None:
    records = {r.id: r for r in [KB.source]}
    for i, date in enumerate(event_dates):
        data = {"id": f"e{i}", "date": date.iso(), "title": "t", "summary": "s", "section": "1"}
        records[f"e{i}"] = Record("events", f"e{i}", data)
    kb = KnowledgeBase(KB.source, records, Path("."))
    kept = {e.id for e in events_in_order(kb, start=start, end=end)}
    for i, date in enumerate(event_dates):
        inside = start.first_day() <= date.first_day() and date.last_day() <= end.last_day()
        if inside:
            assert f"e{i}" in kept
        if date.last_day() < start.first_day() or date.first_day() > end.last_day():
            assert f"e{i}" not in kept
