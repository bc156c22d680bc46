"""Bar charts of data series, as lines of text."""

from __future__ import annotations

import textwrap
from typing import Any

from belarus_cli.kb.records import Record
from belarus_cli.output.view import Column, View


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def bar_chart(series: Record, *, width: int = 50, bar: str = "█", cited: str | None = None) -> list[str]:
    """One block per row of the series: a bar per period, scaled to the row's largest value.

    Below the bars: the table's source line as printed, the curator's note (where the briefing's text
    disagrees with its own table, a researcher must see it beside the numbers) and where it is cited.
    """
    lines = [str(series.get("title"))]
    periods = [str(p) for p in series.list("periods")]
    label_width = max((len(p) for p in periods), default=4)
    for row in series.list("rows"):
        values = [float(v) for v in row["values"]]
        top = max(values, default=0) or 1
        lines += ["", f"{row['label']} ({row['unit']})"]
        for period, value in zip(periods, values, strict=False):
            length = round(value / top * width) if value > 0 else 0  # value/top first: no overflow at 1e307
            lines.append(f"  {period:>{label_width}} {bar * length} {_number(value)}")
    lines += ["", str(series.get("source_line"))]
    if series.get("note"):
        lines += textwrap.wrap(f"Note: {series.get('note')}", 78)
    if cited:
        lines += textwrap.wrap(f"In: {cited}", 78)
    return lines


def series_view(series: Record, cited: str) -> View:
    """The series' numbers as a table, for CSV and Markdown (a row per period, a column per row of the
    briefing's table, headed with its unit); JSON is the whole series with its source and citation."""
    periods = [str(p) for p in series.list("periods")]
    rows = series.list("rows")

    def value_of(index: int) -> Any:
        return lambda period: str(rows[index]["values"][periods.index(period)])

    columns = [Column("period", str)] + [
        Column(f"{row['label']} ({row['unit']})", value_of(i)) for i, row in enumerate(rows)
    ]
    document = {
        "id": series.id,
        "title": series.get("title"),
        "periods": periods,
        "rows": rows,
        "source_line": series.get("source_line"),
        "note": series.get("note"),
        "citation": cited,
    }
    return View(columns, periods, document=document)
