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
        return self._replace(columns=self.table_columns, table_columns=None) if self.table_columns else self

    def json_value(self) -> Any:
        return self.document if self.document is not None else [self.row_json(row) for row in self.rows]
