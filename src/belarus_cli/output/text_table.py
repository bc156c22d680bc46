"""The one layout of every list: aligned columns of text, or each fact with its details under it
(whichever is shorter), no Rich, no colour.

Used for output that is not a colour terminal (piped, NO_COLOR, TERM=dumb), where laying the table out
here keeps Rich (its import and its layout) off the path of the commonest scripted uses; and on a
colour terminal too narrow for the ids beside the text, where rows are stacked instead of cut.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import NamedTuple

from .view import Column

GAP = "  "
MIN_WRAP = 12  # a wrapped column no narrower than this while the terminal allows
MIN_SQUEEZED = 6  # ... and never narrower than this: below it, rows are stacked (see _stacked)
INDENT = "    "
MIN_TEXT = 16  # the main text column (titles, quotes) gets at least this much, or rows are stacked
ID_GAP = "  "  # between a fact and the id that ends its line
PREFER = 16  # what a column without a ratio is given, up to its natural width, where the others can spare it


def _widths(
    natural: list[int],
    wrappable: list[bool],
    ratios: list[int],
    width: int,
    mins: list[int] | None = None,
    prefers: list[int] | None = None,
) -> list[int]:
    """Column widths within ``width``: no-wrap columns keep their natural width; wrappable ones share
    what is left, those with a ratio taking the room the others leave. Then a column with a minimum
    (the one holding the ids) gets at least that, and one with a preferred width (dates, sources) gets
    it where the others can spare it, each taken from the widest others first."""
    gaps = len(GAP) * (len(natural) - 1)
    if sum(natural) + gaps <= width or not any(wrappable):
        return natural
    widths = _shared(natural, wrappable, ratios, width, gaps)
    hard = [min(m, n) for m, n in zip(mins or [0] * len(natural), natural, strict=True)]
    _raise(widths, wrappable, hard, [max(MIN_SQUEEZED, h) for h in hard])
    soft = [min(p, n) for p, n in zip(prefers or [0] * len(natural), natural, strict=True)]
    # The fact's column (with a ratio) keeps half the width: short columns are kept whole only beside it.
    keep = [max(h, min(n, width // 2) if r else MIN_SQUEEZED) for h, r, n in zip(hard, ratios, natural, strict=True)]
    _raise(widths, wrappable, soft, keep)
    return widths


def _raise(widths: list[int], wrappable: list[bool], targets: list[int], floors: list[int]) -> None:
    """Widen each column to its target, taking from the widest other wrappable columns, none below its
    floor."""
    for i, target in enumerate(targets):
        short = target - widths[i]
        for j in sorted(range(len(widths)), key=lambda j: -widths[j]):
            if short <= 0:
                break
            give = min(short, widths[j] - floors[j]) if j != i and wrappable[j] else 0
            if give > 0:
                widths[j] -= give
                widths[i] += give
                short -= give


def _shared(natural: list[int], wrappable: list[bool], ratios: list[int], width: int, gaps: int) -> list[int]:
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


def _needs_stacking(
    natural: list[int], wrappable: list[bool], ratios: list[int], width: int, mins: list[int] | None = None
) -> bool:
    """True when the no-wrap columns (dates) leave the text too little room beside them: under
    MIN_SQUEEZED for any text column, under MIN_TEXT for the main one (the column with a ratio), or
    under its minimum for the column holding the ids."""
    gaps = len(GAP) * (len(natural) - 1)
    if not any(wrappable) or sum(natural) + gaps <= width:
        return False
    room = width - gaps - sum(n for n, w in zip(natural, wrappable, strict=True) if not w)
    if room < MIN_SQUEEZED * sum(wrappable):
        return True
    widths = _widths(natural, wrappable, ratios, width, mins)
    if any(widths[i] < min(least, natural[i]) for i, least in enumerate(mins or [])):
        return True
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


def _measure(
    columns: Sequence[Column], cells: Sequence[Sequence[str]]
) -> tuple[list[int], list[bool], list[int], list[int], list[int]]:
    """Natural widths, which columns wrap, their weights, and their minimum and preferred widths."""
    natural = [
        max([len(c.header)] + [display_width(line) for row in cells for line in row[i].splitlines() or [""]])
        for i, c in enumerate(columns)
    ]
    wrappable = [not c.no_wrap for c in columns]
    # Columns with a ratio take the room that is left; when none has one, every wrappable column shares.
    weights = [c.ratio or 0 for c in columns]
    if not any(w for w, ok in zip(weights, wrappable, strict=True) if ok):
        weights = [1] * len(columns)
    # No word broken where it can be helped: a column is at least as wide as its longest word (to PREFER).
    longest_word = [max([len(word) for row in cells for word in row[i].split()] or [0]) for i in range(len(columns))]
    mins = [min(longest_word[i], PREFER) for i in range(len(columns))]
    # A short column (a value, a speaker, a date) is kept whole where the text can spare the room.
    prefers = [c.prefer_width or (0 if c.ratio else PREFER) for c in columns]
    return natural, wrappable, weights, mins, prefers


def needs_stacking(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> bool:
    """Whether this table, at this width, is laid out stacked (ids on their own line, text below)."""
    natural, wrappable, weights, mins, _ = _measure(columns, cells)
    return _needs_stacking(natural, wrappable, weights, width, mins)


Span = tuple[int, int, str]  # a stretch of one line and its style: "bold" (headers), "dim" (ids)


def render(
    columns: Sequence[Column], cells: Sequence[Sequence[str]], *, groups: Sequence[object] | None = None, width: int
) -> str:
    """The table as aligned text within ``width``; a blank line wherever ``groups`` changes."""
    return "".join(line + "\n" for line, _ in laid_out(columns, cells, groups=groups, width=width))


def laid_out(
    columns: Sequence[Column], cells: Sequence[Sequence[str]], *, groups: Sequence[object] | None = None, width: int
) -> list[tuple[str, list[Span]]]:
    """The table's lines, each with the spans a colour terminal styles: the header, and the id that
    ends a ``dim_last_line`` cell. The one layout of every table, coloured or not."""
    whole, cells = cells, _cut_cells(columns, cells)
    plan = _plan(columns, cells, width)
    hosts = sorted(plan.hosts)
    if not hosts:
        return _in_columns(columns, cells, plan, groups=groups, width=width)
    under = _fact_first(columns, whole, hosts[0], groups=groups, width=width)
    # Whichever is shorter: at 80 columns ten search results took 32 lines at the median in columns, 27
    # with the date and source under the fact (benchmarks/layout.py; issue 15 asks about 25). The
    # columns are laid out only where a cheap count says they may be the shorter (laying out both cost
    # the timeline a tenth of its start-up); where they are, the exact counts decide.
    if _lines_in_columns_at_least(plan, cells, groups) > len(under):
        return under
    columns_form = _in_columns(columns, cells, plan, groups=groups, width=width)
    return under if len(under) < len(columns_form) else columns_form


class _Plan(NamedTuple):
    """How the columns would be laid out at a width, worked out once for both the count and the layout."""

    hosts: set[int]  # the columns whose cell ends with the record's id (``dim_last_line``)
    body: list[list[str]]  # the cells without those ids
    wrappable: list[bool]
    widths: list[int]
    stacked: bool  # too narrow for the columns: rows are stacked (see _stacked)


def _plan(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> _Plan:
    # A ``dim_last_line`` cell's last line (the record's id) is not wrapped with the text: it ends the
    # fact's final line where it fits there whole, else gets a line of its own, so it is never cut.
    hosts = {i for i, c in enumerate(columns) if c.dim_last_line}
    body = [[cell.rpartition("\n")[0] if i in hosts else cell for i, cell in enumerate(row)] for row in cells]
    natural, wrappable, weights, mins, prefers = _measure(columns, body)
    widths = _widths(natural, wrappable, weights, width, mins, prefers)
    squeezed = any(r and widths[i] < min(natural[i], MIN_TEXT) for i, r in enumerate(weights) if wrappable[i])
    stacked = squeezed or _needs_stacking(natural, wrappable, weights, width, mins)
    return _Plan(hosts, body, wrappable, widths, stacked)


def _lines_in_columns_at_least(plan: _Plan, cells: Sequence[Sequence[str]], groups: Sequence[object] | None) -> int:
    """A lower bound on the lines the columns would take, without wrapping anything: each row at least
    as many lines as its longest cell needs at its column's width (breaking at words only adds lines),
    the fact's cell counted with its id (last on its final line, or a line of its own: either way at
    least that many characters' worth), plus the header and the blank lines between groups."""
    if plan.stacked:
        return 0  # stacked: no cheap count, so lay it out
    total = 1 + sum(1 for i in range(1, len(cells)) if groups is not None and groups[i] != groups[i - 1])
    for row, texts in zip(cells, plan.body, strict=True):
        least = 1
        for i, (cell, w) in enumerate(zip(texts, plan.widths, strict=True)):
            shown = [display_width(line) for line in cell.splitlines()] or [0]
            if i in plan.hosts and "\n" in row[i]:
                shown[-1] += len(ID_GAP) + len(row[i].rpartition("\n")[2])
            least = max(least, sum(-(-n // max(1, w)) or 1 for n in shown))
        total += least
    return total


def _fact_first(
    columns: Sequence[Column], cells: Sequence[Sequence[str]], host: int, *, groups: Sequence[object] | None, width: int
) -> list[tuple[str, list[Span]]]:
    """Each row as its fact across the width, then a line under it with the columns that follow the fact
    (kind, date, source) joined by " · " and the id last, dim. Columns before the fact (the timeline's
    dates) stay beside it, so that the eye can still run down them. No header: each detail line says
    what it is ("event · 2019 · section 3.2")."""
    lead = list(range(host))
    # Each at most PREFER wide ("May 2021, day / not given" wraps as in columns), and all of them at
    # most half the width: beside a fact squeezed narrow, they go under it with the rest.
    natural = [max([display_width(line) for row in cells for line in row[i].splitlines()] or [0]) for i in lead]
    lead_widths = [min(n, PREFER) for n in natural]
    if sum(lead_widths) + len(GAP) * len(lead) > width // 2:
        lead, lead_widths = [], []
    start = sum(lead_widths) + len(GAP) * len(lead)
    room = max(MIN_WRAP, width - start)
    trailing = [i for i in range(len(columns)) if i != host and i not in lead]
    lines: list[tuple[str, list[Span]]] = []
    for index, row in enumerate(cells):
        if groups is not None and index and groups[index] != groups[index - 1]:
            lines.append(("", []))
        text, _, record_id = row[host].rpartition("\n") if "\n" in row[host] else (row[host], "", "")
        block = [(line, -1) for line in _wrap(text, room)]
        # The detail line keeps to one line with the id where a cut column can give the room.
        fits = room - len(INDENT[:2]) - (len(ID_GAP) + len(record_id) if record_id else 0)
        detail = _detail([(row[i], columns[i].cut_to) for i in trailing], fits)
        under = [(INDENT[:2] + line, -1) for line in (_wrap(detail, room - 2) if detail else [])]
        if record_id:
            last = under[-1][0] if under else block[-1][0]
            if display_width(last) + len(ID_GAP) + len(record_id) <= room:
                place = len(block) + len(under) - 1
                joined = block + under
                joined[place] = (last + ID_GAP + record_id, display_width(last) + len(ID_GAP))
                block, under = joined, []
            else:
                under.append((INDENT[:2] + record_id, 2))
        body = block + under
        leading = [_wrap(row[i], w) for i, w in zip(lead, lead_widths, strict=True)]
        for depth in range(max([len(body)] + [len(c) for c in leading])):
            beside = _line([c[depth] if depth < len(c) else "" for c in leading] + [""], lead_widths + [0])
            line, at = body[depth] if depth < len(body) else ("", -1)
            prefix = beside.ljust(start) if lead else ""
            spans: list[Span] = []
            if at >= 0:
                spans = [(len(prefix) + at, len(prefix) + at + len(record_id), "dim")]
            lines.append(((prefix + line).rstrip(), spans))
    return lines


def _detail(parts: Sequence[tuple[str, int | None]], fits: int) -> str:
    """The cells after the fact joined by " · ", each ``cut_to`` cell cut no further than needed to fit
    ``fits`` columns, and never below its length in a column of its own (the line wraps then)."""
    shown = [[line for line in cell.splitlines() if line.strip()] for cell, _ in parts]
    over = display_width(" · ".join(line for lines in shown for line in lines)) - fits
    for lines, (_, length) in zip(shown, parts, strict=True):
        if length and lines:
            text = " ".join(lines)
            lines[:] = [cut(text, max(length, len(text) - max(0, over)))]
            over -= len(text) - len(lines[0])
    return " · ".join(line for lines in shown for line in lines)


def _in_columns(
    columns: Sequence[Column],
    cells: Sequence[Sequence[str]],
    plan: _Plan,
    *,
    groups: Sequence[object] | None,
    width: int,
) -> list[tuple[str, list[Span]]]:
    headers = [c.header for c in columns]
    hosts, body, widths, wrappable = plan.hosts, plan.body, plan.widths, plan.wrappable
    if plan.stacked:
        natural, wrappable, *_ = _measure(columns, cells)
        return [(line, []) for line in _stacked(headers, cells, wrappable, natural, groups, width).splitlines()]
    header = _line(headers, widths)
    lines: list[tuple[str, list[Span]]] = [(header, [(0, len(header), "bold")])]
    starts = [sum(widths[:i]) + len(GAP) * i for i in range(len(widths))]
    for index, (row, texts) in enumerate(zip(cells, body, strict=True)):
        if groups is not None and index and groups[index] != groups[index - 1]:
            lines.append(("", []))
        wrapped = [
            _wrap(cell, w) if ok else cell.splitlines() or [""]
            for cell, w, ok in zip(texts, widths, wrappable, strict=True)
        ]
        # The id goes last on the fact's final line where it fits there whole, else on a line of its own.
        ids = {i: row[i].rpartition("\n")[2] for i in sorted(hosts) if "\n" in row[i]}
        inline: dict[int, str] = {}
        for i, record_id in list(ids.items()):
            last = wrapped[i][-1] if wrapped[i] else ""
            if last and display_width(last) + len(ID_GAP) + len(record_id) <= widths[i]:
                wrapped[i][-1] = last + ID_GAP + record_id
                inline[len(wrapped[i]) - 1] = record_id
                del ids[i]
        for depth in range(max(len(c) for c in wrapped)):
            line = _line([c[depth] if depth < len(c) else "" for c in wrapped], widths)
            shown = inline.get(depth)
            at = line.rfind(ID_GAP + shown) + len(ID_GAP) if shown else -1
            lines.append((line, [(at, at + len(shown), "dim")] if shown else []))
        for i, record_id in ids.items():
            start = starts[i] if starts[i] + len(record_id) <= width else max(0, width - len(record_id))
            lines.append((" " * start + record_id, [(start, start + len(record_id), "dim")]))
    return lines


def cut(text: str, length: int) -> str:
    """``text`` in at most ``length`` characters, ending "…" where cut: at a word's end where one is
    near ("…journalist" rather than "…journali…"), else mid-word."""
    if len(text) <= length:
        return text
    head = text[: length - 1]
    space = head.rfind(" ")
    return (head[:space] if space >= length * 2 // 3 else head).rstrip() + "…"


def _cut_cells(columns: Sequence[Column], cells: Sequence[Sequence[str]]) -> Sequence[Sequence[str]]:
    """The cells as a column of their own shows them: each ``cut_to`` column's cut to its length."""
    limits = [(i, c.cut_to) for i, c in enumerate(columns) if c.cut_to]
    if not limits:
        return cells
    rows = [list(row) for row in cells]
    for row in rows:
        for i, length in limits:
            row[i] = cut(row[i], length)
    return rows


def _wrap(cell: str, width: int) -> list[str]:
    width = max(1, width)  # a column no row fills (every quote undated) is 0 wide: textwrap refuses that
    out: list[str] = []
    for paragraph in cell.splitlines() or [""]:
        out.extend(textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""])
    return out


def _line(cells: list[str], widths: list[int]) -> str:
    return GAP.join(cell + " " * (w - display_width(cell)) for cell, w in zip(cells, widths, strict=True)).rstrip()


def display_width(text: str) -> int:
    """Columns the text takes on a terminal: two for a wide (Chinese, Japanese, Korean) character, none
    for a combining mark, one for the rest; a Chinese name shifted the next column by its length."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
