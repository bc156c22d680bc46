"""Tables for output that is not a colour terminal: aligned columns of plain text, no Rich.

Piped output, NO_COLOR and TERM=dumb get no colour and no box drawing anyway, so laying the table out
here keeps Rich (its import and its layout) off the path of the commonest scripted uses.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

GAP = "  "
MIN_WRAP = 12  # a wrapped column never narrower than this


def _widths(natural: list[int], wrappable: list[bool], ratios: list[int], width: int) -> list[int]:
    total = sum(natural) + len(GAP) * (len(natural) - 1)
    if total <= width or not any(wrappable):
        return natural
    fixed = sum(n for n, w in zip(natural, wrappable, strict=True) if not w) + len(GAP) * (len(natural) - 1)
    room = max(width - fixed, MIN_WRAP * sum(wrappable))
    weights = [r if w else 0 for r, w in zip(ratios, wrappable, strict=True)]
    share = sum(weights)
    widths = []
    for n, w, weight in zip(natural, wrappable, weights, strict=True):
        widths.append(min(n, max(MIN_WRAP, room * weight // share)) if w else n)
    return widths


def render(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    no_wrap: Sequence[bool],
    ratios: Sequence[int | None],
    groups: Sequence[object] | None = None,
    width: int | None = None,
) -> str:
    width = width or shutil.get_terminal_size((80, 24)).columns
    natural = [max([len(h)] + [len(line) for row in rows for line in row[i].splitlines() or [""]])
               for i, h in enumerate(headers)]
    wrappable = [not n for n in no_wrap]
    # Columns with a ratio take the room that is left; when none has one, every wrappable column shares.
    weights = [r or 0 for r in ratios]
    if not any(w for w, ok in zip(weights, wrappable, strict=True) if ok):
        weights = [1] * len(headers)
    widths = _widths(natural, wrappable, weights, width)
    lines = [_line(list(headers), widths)]
    for index, row in enumerate(rows):
        if groups is not None and index and groups[index] != groups[index - 1]:
            lines.append("")
        wrapped = [_wrap(cell, w) if ok else cell.splitlines() or [""]
                   for cell, w, ok in zip(row, widths, wrappable, strict=True)]
        for depth in range(max(len(c) for c in wrapped)):
            lines.append(_line([c[depth] if depth < len(c) else "" for c in wrapped], widths))
    return "\n".join(lines) + "\n"


def _wrap(cell: str, width: int) -> list[str]:
    out: list[str] = []
    for paragraph in cell.splitlines() or [""]:
        out.extend(textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""])
    return out


def _line(cells: list[str], widths: list[int]) -> str:
    return GAP.join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip()


def table_text(columns: Sequence[Any], rows: Sequence[Any], group: Callable[[Any], object] | None,
               cell: Callable[[Any, Any], str]) -> str:
    """The plain table of ``rows`` under ``columns`` (render.Column), cells made by ``cell``."""
    return render(
        [c.header for c in columns],
        [[cell(c, row) for c in columns] for row in rows],
        no_wrap=[c.no_wrap for c in columns],
        ratios=[c.ratio for c in columns],
        groups=[group(row) for row in rows] if group else None,
    )
