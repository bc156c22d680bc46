"""The one place that decides how output looks: a registry of formats over a ``View``.

Machine formats go straight to the stream (never through Rich, which wraps long lines when piped).
Every list (search, the timeline, each kind) is laid out by ``text_table.laid_out``: the fact leads,
then its date and source, each record's id last (``View.for_table``); on a colour terminal Rich only styles those
lines (``rich_table.print_styled``). A view with no id column (a record's card) is drawn by Rich's own
table on a colour terminal wide enough for it, as plain aligned text otherwise. Every cell's text is
computed once and escaped (see ``escape``) before either layout sees it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TextIO

from .escape import json_safe, quoted, safe
from .terminal import Terminal
from .view import View


class Format(StrEnum):
    table = "table"  # Rich on a colour terminal, plain aligned text otherwise
    plain = "plain"  # plain aligned text, whatever the terminal
    json = "json"
    csv = "csv"
    markdown = "markdown"


Renderer = Callable[[View, Terminal, TextIO], None]


def _cells(view: View) -> list[list[str]]:
    return [[safe(column.value(row)) for column in view.columns] for row in view.rows]


def _groups(view: View) -> list[object] | None:
    return [view.group(row) for row in view.rows] if view.group else None


def _plain(view: View, terminal: Terminal, out: TextIO) -> None:
    from .text_table import render

    view = view.for_table()
    out.write(render(view.columns, _cells(view), groups=_groups(view), width=terminal.width))


def _table(view: View, terminal: Terminal, out: TextIO) -> None:
    from .text_table import laid_out, needs_stacking, render

    view = view.for_table()
    cells = _cells(view)
    if not terminal.plain and any(column.dim_last_line for column in view.columns):
        # Lists (records under their facts, ids dim beneath): one layout, coloured on a terminal.
        from .rich_table import print_styled

        words = sorted({w for c in view.columns if c.highlight for row in view.rows for w in c.highlight(row)})
        print_styled(laid_out(view.columns, cells, groups=_groups(view), width=terminal.width), words, terminal, out)
        return
    # Plain also on a colour terminal too narrow for the ids beside the text: Rich would cut the id
    # column or drop the text one; the plain layout stacks them instead.
    if terminal.plain or needs_stacking(view.columns, cells, terminal.width):
        out.write(render(view.columns, cells, groups=_groups(view), width=terminal.width))
        return
    from .rich_table import print_rich

    print_rich(view, cells, terminal, out)


def write_json(value: object, out: TextIO) -> None:
    import json

    out.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def _json(view: View, terminal: Terminal, out: TextIO) -> None:
    write_json(view.json_value(), out)


# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): = + - @, tab or carriage return
# first; a plain number ("-4.6") is left as it is. BELARUS_CSV_RAW=1 writes every cell as it is.
# Patterns, compiled on first use by re's cache: only CSV needs them.
_FORMULA = r"[=+\-@\t\r]"
_NUMBER = r"[+-]?[0-9][0-9,.]*%?"


def _neutral(cell: str) -> str:
    return "'" + cell if re.match(_FORMULA, cell) and not re.fullmatch(_NUMBER, cell) else cell


def _csv(view: View, terminal: Terminal, out: TextIO) -> None:
    import csv
    import os

    writer = csv.writer(out, lineterminator="\n")
    raw = os.environ.get("BELARUS_CSV_RAW") == "1"
    writer.writerow([safe(column.header) for column in view.columns])
    writer.writerows(row if raw else [_neutral(cell) for cell in row] for row in _cells(view))


def _md_cell(text: str) -> str:
    """One line; a backslash, a bar and the characters that start HTML or a link are escaped, so that
    data can neither break the table nor become markup (``<img onerror=...>``, ``[x](javascript:...)``)."""
    text = " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")


def markdown_table(view: View) -> str:
    lines = ["| " + " | ".join(_md_cell(safe(c.header)) for c in view.columns) + " |", "|" + "---|" * len(view.columns)]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in _cells(view)]
    return "\n".join(lines) + "\n"


def _markdown(view: View, terminal: Terminal, out: TextIO) -> None:
    out.write(markdown_table(view))


RENDERERS: dict[Format, Renderer] = {
    Format.table: _table,
    Format.plain: _plain,
    Format.json: _json,
    Format.csv: _csv,
    Format.markdown: _markdown,
}


def _pager_missing() -> bool:
    """A $PAGER (or $MANPAGER) that names no program: pydoc handed it the output, which was lost, and
    exited 0. Say so on stderr and print without a pager instead (issue 16 battery)."""
    import os
    import shlex
    import shutil

    command = os.environ.get("MANPAGER") or os.environ.get("PAGER")
    try:
        program = shlex.split(command)[0] if command else ""
    except ValueError:
        program = command or ""
    if not program or shutil.which(program):
        return False
    sys.stderr.write(safe(f"belarus: pager {quoted(program)} not found; printing without it") + "\n")
    return True


def emit(view: View, fmt: Format, terminal: Terminal, out: TextIO | None = None, *, pager: bool = False) -> None:
    """Write ``view`` in ``fmt``; with ``pager`` on a terminal, through the pager (as plain text)."""
    out = out or sys.stdout
    if pager and out.isatty() and not _pager_missing():
        import io
        import pydoc

        buffer = io.StringIO()
        RENDERERS[fmt](view, terminal.as_plain(), buffer)
        pydoc.pager(buffer.getvalue())
        return
    RENDERERS[fmt](view, terminal, out)
