"""The plain table layout: aligned columns of text, no Rich, no colour.

Used for output that is not a colour terminal (piped, NO_COLOR, TERM=dumb), where laying the table out
here keeps Rich (its import and its layout) off the path of the commonest scripted uses; and on a
colour terminal too narrow for the ids beside the text, where rows are stacked instead of cut.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from .view import Column

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


def _needs_stacking(natural: list[int], wrappable: list[bool], ratios: list[int], width: int) -> bool:
    """True when the no-wrap columns (ids, dates) leave the text too little room beside them: under
    MIN_SQUEEZED for any text column, or under MIN_TEXT for the main one (the column with a ratio)."""
    gaps = len(GAP) * (len(natural) - 1)
    if not any(wrappable) or sum(natural) + gaps <= width:
        return False
    room = width - gaps - sum(n for n, w in zip(natural, wrappable, strict=True) if not w)
    if room < MIN_SQUEEZED * sum(wrappable):
        return True
    widths = _widths(natural, wrappable, ratios, width)
    return any(
        w and r and widths[i] < min(natural[i], MIN_TEXT)
        for i, (w, r) in enumerate(zip(wrappable, ratios, strict=True))
    )


def _stacked(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    wrappable: list[bool],
    natural: list[int],
    groups: Sequence[object] | None,
    width: int,
) -> str:
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


def _measure(columns: Sequence[Column], cells: Sequence[Sequence[str]]) -> tuple[list[int], list[bool], list[int]]:
    """Natural widths, which columns wrap, and their weights."""
    natural = [
        max([len(c.header)] + [len(line) for row in cells for line in row[i].splitlines() or [""]])
        for i, c in enumerate(columns)
    ]
    wrappable = [not c.no_wrap for c in columns]
    # Columns with a ratio take the room that is left; when none has one, every wrappable column shares.
    weights = [c.ratio or 0 for c in columns]
    if not any(w for w, ok in zip(weights, wrappable, strict=True) if ok):
        weights = [1] * len(columns)
    return natural, wrappable, weights


def needs_stacking(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> bool:
    """Whether this table, at this width, is laid out stacked (ids on their own line, text below)."""
    return _needs_stacking(*_measure(columns, cells), width)


def render(
    columns: Sequence[Column], cells: Sequence[Sequence[str]], *, groups: Sequence[object] | None = None, width: int
) -> str:
    """The table as aligned text within ``width``; a blank line wherever ``groups`` changes."""
    headers = [c.header for c in columns]
    natural, wrappable, weights = _measure(columns, cells)
    if _needs_stacking(natural, wrappable, weights, width):
        return _stacked(headers, cells, wrappable, natural, groups, width)
    widths = _widths(natural, wrappable, weights, width)
    lines = [_line(headers, widths)]
    for index, row in enumerate(cells):
        if groups is not None and index and groups[index] != groups[index - 1]:
            lines.append("")
        wrapped = [
            _wrap(cell, w) if ok else cell.splitlines() or [""]
            for cell, w, ok in zip(row, widths, wrappable, strict=True)
        ]
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
