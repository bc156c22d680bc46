"""One place that turns columns and rows into table, JSON, CSV or Markdown.

Machine formats go straight to stdout (never through Rich, which wraps long lines when piped); only the
table uses Rich, with every cell a ``Text`` so that brackets in data are never read as markup.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TextIO

from .escape import json_safe, safe


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[Any], str]
    no_wrap: bool = False  # ids stay whole; long text wraps
    ratio: int | None = None
    highlight: Callable[[Any], list[str]] | None = None  # words to emphasise in the table (matches)


def plain_terminal(stream: TextIO) -> bool:
    """No colour and no box drawing: not a terminal, NO_COLOR set, or TERM=dumb."""
    return not stream.isatty() or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


def emit(
    fmt: Format,
    columns: Sequence[Column],
    rows: Sequence[Any],
    *,
    as_json: Callable[[Any], dict[str, Any]],
    title: str | None = None,
    out: TextIO | None = None,
    group: Callable[[Any], object] | None = None,
) -> None:
    out = out or sys.stdout
    if fmt is Format.json:
        write_json([as_json(row) for row in rows], out)
    elif fmt is Format.csv:
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow([safe(c.value(row)) for c in columns])
    elif fmt is Format.markdown:
        out.write(markdown_table(columns, rows))
    else:
        print_table(columns, rows, title=title, out=out, group=group)


def write_json(value: Any, out: TextIO) -> None:
    import json

    out.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def _md_cell(text: str) -> str:
    return safe(text, single_line=True).replace("\\", "\\\\").replace("|", "\\|")


def markdown_table(columns: Sequence[Column], rows: Sequence[Any]) -> str:
    lines = ["| " + " | ".join(c.header for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_cell(c.value(row)) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _ids_crowd_out_text(columns: Sequence[Column], rows: Sequence[Any]) -> bool:
    from .text_table import stacks

    return stacks([c.header for c in columns], [[c.value(row) for c in columns] for row in rows],
                  [c.no_wrap for c in columns], [c.ratio for c in columns])


def console(out: TextIO | None = None) -> Any:
    from rich.console import Console

    out = out or sys.stdout
    plain = plain_terminal(out)
    return Console(file=out, no_color=plain, highlight=False, emoji=False, markup=False,
                   color_system=None if plain else "auto")


def _cell(column: Column, row: Any, plain: bool) -> Any:
    from rich.text import Text

    text = Text(safe(column.value(row)))
    if column.highlight is not None and not plain:
        text.highlight_words([w for w in column.highlight(row) if len(w) > 1], "bold", case_sensitive=False)
    return text


def print_table(
    columns: Sequence[Column],
    rows: Sequence[Any],
    *,
    title: str | None,
    out: TextIO,
    group: Callable[[Any], object] | None = None,
) -> None:
    """A Rich table on a colour terminal, else plain aligned text; ``group`` starts a new section (a rule,
    or a blank line when plain) when it changes."""
    if plain_terminal(out) or _ids_crowd_out_text(columns, rows):
        # Also on a colour terminal too narrow for the ids beside the text: Rich would cut the id
        # column or drop the text one; the plain layout stacks them instead.
        from .text_table import table_text

        if title:
            out.write(safe(title) + "\n")
        out.write(table_text(columns, rows, group, lambda column, row: safe(column.value(row))))
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    con = console(out)
    plain = plain_terminal(out)
    table = Table(title=Text(title) if title else None, box=None if plain else box.SIMPLE_HEAVY,
                  show_edge=False, header_style="" if plain else "bold", pad_edge=False, expand=False)
    for column in columns:
        table.add_column(column.header, no_wrap=column.no_wrap, ratio=column.ratio,
                         overflow="fold", min_width=len(column.header) if column.no_wrap else None)
    previous: object = None
    for index, row in enumerate(rows):
        key = group(row) if group else None
        if group and index and key != previous:
            if plain:
                table.add_row(*(Text("") for _ in columns))
            else:
                table.add_section()
        previous = key
        table.add_row(*(_cell(c, row, plain) for c in columns))
    con.print(table)
