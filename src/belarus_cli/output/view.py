"""What a command hands to the output layer: columns and rows, and how each row reads as JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[Any], str]
    no_wrap: bool = False  # ids stay whole; long text wraps
    ratio: int | None = None  # the column that takes the room the others leave
    highlight: Callable[[Any], list[str]] | None = None  # words to emphasise on a colour terminal (matches)


def _no_json(row: Any) -> Any:
    raise TypeError(f"this view has no JSON form for {type(row).__name__}")


@dataclass(frozen=True)
class View:
    columns: Sequence[Column]
    rows: Sequence[Any]
    row_json: Callable[[Any], Any] = _no_json  # one row as JSON
    document: Any = None  # JSON output is this one value instead of a list of rows (`show`)
    group: Callable[[Any], object] | None = None  # tables start a new section when this changes (years)
    table_columns: Sequence[Column] | None = None  # tables (table, plain) show these instead of ``columns``

    def for_table(self) -> View:
        return replace(self, columns=self.table_columns, table_columns=None) if self.table_columns else self

    def json_value(self) -> Any:
        return self.document if self.document is not None else [self.row_json(row) for row in self.rows]
