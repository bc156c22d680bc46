"""Colour-terminal output, drawn by Rich. Only ``renderers`` calls it: ``print_rich`` for a table that
Rich lays out (a record's card), ``print_styled`` for the lines of the one list layout
(``text_table.laid_out``: search, timeline, every list), styled but laid out exactly as when plain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from .terminal import Terminal
from .view import View


def print_rich(view: View, cells: Sequence[Sequence[str]], terminal: Terminal, out: TextIO) -> None:
    """``cells`` are the view's cell texts, already escaped; a new section wherever ``view.group`` changes."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # markup=False and every cell a Text: brackets in data ("[sic]") are never read as Rich markup.
    console = Console(file=out, width=terminal.width, force_terminal=True, highlight=False, emoji=False, markup=False)
    table = Table(box=box.SIMPLE_HEAVY, show_edge=False, header_style="bold", pad_edge=False, expand=False)
    for column in view.columns:
        table.add_column(
            column.header,
            no_wrap=column.no_wrap,
            ratio=column.ratio,
            overflow="fold",
            min_width=len(column.header) if column.no_wrap else None,
        )
    previous: object = None
    for index, (row, texts) in enumerate(zip(view.rows, cells, strict=True)):
        key = view.group(row) if view.group else None
        if view.group and index and key != previous:
            table.add_section()
        previous = key
        rendered = []
        for column, text in zip(view.columns, texts, strict=True):
            cell = Text(text)
            if column.highlight is not None:
                cell.highlight_words([w for w in column.highlight(row) if len(w) > 1], "bold", case_sensitive=False)
            rendered.append(cell)
        table.add_row(*rendered)
    console.print(table)


def print_styled(
    lines: Sequence[tuple[str, Sequence[tuple[int, int, str]]]], words: Sequence[str], terminal: Terminal, out: TextIO
) -> None:
    """Each line with its spans styled (bold headers, dim ids) and ``words`` (what matched) in bold;
    the lines' text is already escaped and laid out, so Rich neither wraps nor reads markup in it."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, width=terminal.width, force_terminal=True, highlight=False, emoji=False, markup=False)
    for line, spans in lines:
        text = Text(line, no_wrap=True, overflow="ignore")
        for start, end, style in spans:
            text.stylize(style, start, end)
        if words:
            text.highlight_words([w for w in words if len(w) > 1], "bold", case_sensitive=False)
        console.print(text, soft_wrap=True)
