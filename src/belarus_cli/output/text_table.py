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
MIN_WRAP = 12  # a wrapped column no narrower than this while the terminal allows
MIN_SQUEEZED = 6  # ... and never narrower than this: below it, rows are stacked (see _stacked)
INDENT = "    "
MIN_TEXT = 16  # the main text column (titles, quotes) gets at least this much, or rows are stacked


def _widths(natural: list[int], wrappable: list[bool], ratios: list[int], width: int) -> list[int]:
    """Column widths within ``width``: no-wrap columns (ids) keep their natural width; wrappable ones
    share what is left, those with a ratio taking the room the others leave."""
    gaps = len(GAP) * (len(natural) - 1)
    if sum(natural) + gaps <= width or not any(wrappable):
        return natural
    room = width - gaps - sum(n for n, w in zip(natural, wrappable, strict=True) if not w)
    count = sum(wrappable)
    # Narrower than MIN_WRAP only when the terminal leaves no choice; the id column is never cut.
    floor = MIN_WRAP if room >= MIN_WRAP * count else max(MIN_SQUEEZED, room // count)
    widths = list(natural)
    flexible = [i for i, w in enumerate(wrappable) if w and ratios[i]]
    for i, w in enumerate(wrappable):
        if w and not ratios[i]:
            widths[i] = min(natural[i], floor)
    left = room - sum(widths[i] for i, w in enumerate(wrappable) if w and not ratios[i])
    share = sum(ratios[i] for i in flexible) or 1
    for i in flexible:
        widths[i] = min(natural[i], max(floor, left * ratios[i] // share))
    spare = room - sum(widths[i] for i, w in enumerate(wrappable) if w)
    for i, w in enumerate(wrappable):  # room a capped column did not need goes to the next that wants it
        if w and spare > 0 and widths[i] < natural[i]:
            extra = min(spare, natural[i] - widths[i])
            widths[i] += extra
            spare -= extra
    return widths


def needs_stacking(natural: list[int], wrappable: list[bool], ratios: list[int], width: int) -> bool:
    """True when the no-wrap columns (ids, dates) leave the text too little room beside them: under
    MIN_SQUEEZED for any text column, or under MIN_TEXT for the main one (the column with a ratio)."""
    gaps = len(GAP) * (len(natural) - 1)
    if not any(wrappable) or sum(natural) + gaps <= width:
        return False
    room = width - gaps - sum(n for n, w in zip(natural, wrappable, strict=True) if not w)
    if room < MIN_SQUEEZED * sum(wrappable):
        return True
    widths = _widths(natural, wrappable, ratios, width)
    return any(w and r and widths[i] < min(natural[i], MIN_TEXT)
               for i, (w, r) in enumerate(zip(wrappable, ratios, strict=True)))


def _stacked(headers: Sequence[str], rows: Sequence[Sequence[str]], wrappable: list[bool],
             natural: list[int], groups: Sequence[object] | None, width: int) -> str:
    """For a terminal too narrow for the ids beside the text: the no-wrap cells on the row's line, each
    wrappable cell below them, indented and wrapped, so the id is never cut and no text is lost."""
    fixed = [i for i, w in enumerate(wrappable) if not w]
    loose = [i for i, w in enumerate(wrappable) if w]
    label = len(loose) > 1  # one text column needs no label; several are told apart by their headers
    lines = [_line([headers[i] for i in fixed], [natural[i] for i in fixed])]
    lines.append(INDENT + GAP.join(headers[i] for i in loose))
    for index, row in enumerate(rows):
        if groups is not None and index and groups[index] != groups[index - 1]:
            lines.append("")
        lines.append(_line([row[i] for i in fixed], [natural[i] for i in fixed]))
        for i in loose:
            text = f"{headers[i]}: {row[i]}" if label and row[i] else row[i]
            if text:
                lines.extend(INDENT + part for part in _wrap(text, max(MIN_WRAP, width - len(INDENT))))
    return "\n".join(lines) + "\n"


def terminal_width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def _measure(headers: Sequence[str], rows: Sequence[Sequence[str]], no_wrap: Sequence[bool],
             ratios: Sequence[int | None]) -> tuple[list[int], list[bool], list[int]]:
    """Natural widths, which columns wrap, and their weights."""
    natural = [max([len(h)] + [len(line) for row in rows for line in row[i].splitlines() or [""]])
               for i, h in enumerate(headers)]
    wrappable = [not n for n in no_wrap]
    # Columns with a ratio take the room that is left; when none has one, every wrappable column shares.
    weights = [r or 0 for r in ratios]
    if not any(w for w, ok in zip(weights, wrappable, strict=True) if ok):
        weights = [1] * len(headers)
    return natural, wrappable, weights


def stacks(headers: Sequence[str], rows: Sequence[Sequence[str]], no_wrap: Sequence[bool],
           ratios: Sequence[int | None]) -> bool:
    """Whether this table, on this terminal, is laid out stacked (see needs_stacking)."""
    return needs_stacking(*_measure(headers, rows, no_wrap, ratios), terminal_width())


def render(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    no_wrap: Sequence[bool],
    ratios: Sequence[int | None],
    groups: Sequence[object] | None = None,
    width: int | None = None,
) -> str:
    width = width or terminal_width()
    natural, wrappable, weights = _measure(headers, rows, no_wrap, ratios)
    if needs_stacking(natural, wrappable, weights, width):
        return _stacked(headers, rows, wrappable, natural, groups, width)
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
