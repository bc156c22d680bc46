"""Bar charts of data series, as lines of text."""

from __future__ import annotations

import textwrap

from belarus_cli.kb.records import Record


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
            length = round(width * value / top) if value > 0 else 0
            lines.append(f"  {period:>{label_width}} {bar * length} {_number(value)}")
    lines += ["", str(series.get("source_line"))]
    if series.get("note"):
        lines += textwrap.wrap(f"Note: {series.get('note')}", 78)
    if cited:
        lines += textwrap.wrap(f"In: {cited}", 78)
    return lines
