"""The colour-terminal table layout, drawn by Rich. Only ``renderers`` calls it, and only when the
output is a colour terminal wide enough for the ids beside the text."""

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
