"""What a command hands to the output layer: columns and rows, and how each row reads as JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

# NamedTuples rather than dataclasses: every run defines these, and a dataclass costs about a
# millisecond of start-up to define.


class Column(NamedTuple):
    header: str
    value: Callable[[Any], str]
    no_wrap: bool = False  # ids stay whole; long text wraps
    ratio: int | None = None  # the column that takes the room the others leave
    highlight: Callable[[Any], list[str]] | None = None  # words to emphasise on a colour terminal (matches)
    prefer_width: int | None = None  # this wide where the others can spare it (dates, sources)
    dim_last_line: bool = False  # a colour terminal shows each cell's last line dim (the record's id)
    primary: bool = False  # the fact (a name, a title): tables put the id under it, else under the ratio one
    # Cut to this many characters in a column of its own; under the fact, to the room its line has left
    # (a source: "fn 11: Viasna Human…" beside the text, its publisher whole under it where that fits).
    cut_to: int | None = None


ID_HEADER = "id"  # the column that names each row's record: tables fold it under the fact


def _with_ids_under_text(columns: Sequence[Column], rows: Sequence[Any]) -> list[Column]:
    """Tables lead with the fact: the id column becomes the last line of the fact's cell (the primary
    column, or the one with a ratio), which the layout puts last on the fact's final line where it fits
    there whole, else on a line of its own, dim on a colour terminal: present, never cut, but without a
    column of its own (issue 15)."""
    ids = [c for c in columns if c.header == ID_HEADER]
    rest = [c for c in columns if c.header != ID_HEADER]
    host = next((c for c in rest if c.primary), None) or next((c for c in rest if c.ratio), None)
    if not ids or host is None:
        return list(columns)
    record_id = ids[0].value

    def text_and_id(row: Any, text: Callable[[Any], str] = host.value) -> str:
        return "\n".join(filter(None, [text(row), record_id(row)]))

    folded = host._replace(value=text_and_id, dim_last_line=True)
    return [folded if c is host else c for c in rest]


def _no_json(row: Any) -> Any:
    raise TypeError(f"this view has no JSON form for {type(row).__name__}")


class View(NamedTuple):
    columns: Sequence[Column]
    rows: Sequence[Any]
    row_json: Callable[[Any], Any] = _no_json  # one row as JSON
    document: Any = None  # JSON output is this one value instead of a list of rows (`show`)
    group: Callable[[Any], object] | None = None  # tables start a new section when this changes (years)
    table_columns: Sequence[Column] | None = None  # tables (table, plain) show these instead of ``columns``

    def for_table(self) -> View:
        """The view as tables show it: ``table_columns`` if given, the id folded under the fact."""
        columns = self.table_columns or self.columns
        return self._replace(columns=_with_ids_under_text(columns, self.rows), table_columns=None)

    def json_value(self) -> Any:
        return self.document if self.document is not None else [self.row_json(row) for row in self.rows]
