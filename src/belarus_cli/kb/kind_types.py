"""The terms the kind registry (``kinds.py``) is written in: field types, search weights, and the
``Field``, ``ListColumn`` and ``Kind`` that each entry is made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

# Field types understood by ``schema_check.py``.
TEXT = "text"
URL = "url"  # a web address: http:// or https://, as the briefing prints them
INT = "int"
NUMBER = "number"
BOOL = "bool"
DATE = "date"
QUALIFIER = "qualifier"
SECTION = "section"
SECTION_LIST = "section-list"  # the other sections that state the same fact
TEXT_LIST = "text-list"
ALIAS_LIST = "alias-list"  # other spellings of a name: searched one by one, so a hit can say which matched
TAG_LIST = "tag-list"
FOOTNOTE_LIST = "footnote-list"
REF = "ref"
REF_LIST = "ref-list"
FOOTNOTE_REF = "footnote-ref"
SECTIONS = "sections"
SOURCES = "sources"
ROWS = "rows"
CHOICE = "choice"
# What each entry of a SOURCES, SECTIONS or ROWS list may hold.
SOURCE_ENTRY_FIELDS = ("author", "title", "publisher", "date", "date_note", "url", "language")
SECTION_ENTRY_FIELDS = ("number", "title", "page")
ROW_FIELDS = ("label", "unit", "values")

# How much a search match counts, by the field it is in: the name of a thing over what is said of it.
PRIMARY, ALIAS, KEYWORD, STRONG, TAGS, WEAK = 3.0, 3.0, 2.5, 2.0, 1.5, 1.0
# How much a match on a linked person's or body's name lifts the record that links to them.
SPEAKER_LINK, LINK = 2.0, 1.2


class Field(NamedTuple):  # NamedTuples here: defining a dataclass costs start-up time
    name: str
    type: str
    required: bool = False
    refs: tuple[str, ...] = ()  # kinds a reference may point at
    choices: tuple[str, ...] = ()
    search: float = 0.0  # weight of a match in this field; 0: not searched
    lifts: float = 0.0  # a reference whose target's name, matched, lifts this record by this weight
    names: bool = False  # the record's own name: a match here lifts the records that link to it
    derived: bool = False  # filled in when the data is loaded, never written in a file
    help: str = ""  # the field's meaning, as docs/data-format.md gives it


class ListColumn(NamedTuple):
    """One column of a kind's list table: ``value(record, kb)`` gives the cell's text."""

    header: str
    value: Callable[[Any, Any], str]
    no_wrap: bool = False  # ids and dates stay whole; text wraps
    ratio: int | None = None  # the column that takes the room the others leave
    primary: bool = False  # the fact (a name): tables put the record's id under it


@dataclass(frozen=True)
class Kind:
    key: str  # the top-level key in a data file, and the plural: "people"
    singular: str  # what one record is called: "person"
    help: str  # one line: what a record of this kind is
    fields: tuple[Field, ...]
    label: Callable[[dict[str, Any]], str]  # the one line that names a record in a list
    columns: tuple[ListColumn, ...] = ()

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def derives_id(self) -> bool:
        """Footnotes: the id is made from the number, not written in the data."""
        return self.by_name["id"].derived

    @cached_property
    def linking_fields(self) -> tuple[Field, ...]:
        """Fields whose values must match something elsewhere: sections, ids, footnote numbers."""
        return tuple(
            f for f in self.fields if f.type in (SECTION, SECTION_LIST, REF, REF_LIST, FOOTNOTE_LIST, FOOTNOTE_REF)
        )

    @cached_property
    def searched(self) -> tuple[Field, ...]:
        """Fields search reads, in the order they are declared."""
        return tuple(f for f in self.fields if f.search)


# -- building blocks for labels and list columns ----------------------------------------------------------


def field_text(name: str) -> Callable[[Any, Any], str]:
    return lambda record, kb: str(record.get(name, ""))


def field_joined(name: str) -> Callable[[Any, Any], str]:
    return lambda record, kb: "; ".join(str(v) for v in record.list(name))


def first_of(*names: str) -> Callable[[dict[str, Any]], str]:
    return lambda data: next((str(data[n]) for n in names if data.get(n)), str(data.get("id", "")))


ID_COLUMN = ListColumn("id", lambda record, kb: record.id, no_wrap=True)
DATE_COLUMN = ListColumn("date", lambda record, kb: record.date_text)
