"""What each kind of record may hold: the single description the validator and the docs follow.

See docs/data-format.md for the same rules in prose, with an example per kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

# Field types understood by ``validate.py``.
TEXT = "text"
INT = "int"
NUMBER = "number"
BOOL = "bool"
DATE = "date"
QUALIFIER = "qualifier"
SECTION = "section"
TEXT_LIST = "text-list"
TAG_LIST = "tag-list"
FOOTNOTE_LIST = "footnote-list"
REF = "ref"
REF_LIST = "ref-list"
FOOTNOTE_REF = "footnote-ref"
SECTIONS = "sections"
SOURCES = "sources"
ROWS = "rows"
CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str
    required: bool = False
    refs: tuple[str, ...] = ()  # kinds a reference may point at
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    key: str  # the top-level key in a data file: "people"
    singular: str  # what one record is called: "person"
    fields: tuple[Field, ...]
    has_id: bool = True  # footnotes derive theirs from the number

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def linking_fields(self) -> tuple[Field, ...]:
        """Fields whose values must match something elsewhere: sections, ids, footnote numbers."""
        return tuple(f for f in self.fields if f.type in (SECTION, REF, REF_LIST, FOOTNOTE_LIST, FOOTNOTE_REF))


ORGANISATION_CATEGORIES = (
    "government",
    "ministry",
    "court",
    "security-service",
    "parliament",
    "international-organisation",
    "eu-institution",
    "alliance",
    "programme",
    "ngo",
    "think-tank",
    "media",
    "political",
    "company",
    "military-unit",
    "armed-group",
)

_COMMON = (
    Field("id", TEXT, required=True),
    Field("section", SECTION, required=True),
    Field("footnotes", FOOTNOTE_LIST),
    Field("tags", TAG_LIST),
    Field("keywords", TEXT_LIST),
    Field("note", TEXT),
    Field("people", REF_LIST, refs=("people",)),
    Field("organisations", REF_LIST, refs=("organisations",)),
)
_EVENT_LINKS = (Field("events", REF_LIST, refs=("events",)),)
_DATE = (Field("date_qualifier", QUALIFIER), Field("date_end", DATE))

SOURCE = Kind(
    "source",
    "source",
    (
        Field("id", TEXT, required=True),
        Field("title", TEXT, required=True),
        Field("author", TEXT, required=True),
        Field("publisher", TEXT, required=True),
        Field("date", DATE, required=True),
        Field("licence", TEXT, required=True),
        Field("url", TEXT),
        Field("sections", SECTIONS, required=True),
    ),
)

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        SOURCE,
        Kind(
            "footnotes",
            "footnote",
            (
                Field("number", INT, required=True),
                Field("section", SECTION, required=True),
                Field("text", TEXT, required=True),
                Field("sources", SOURCES),
                Field("ibid", FOOTNOTE_REF),
                Field("people", REF_LIST, refs=("people",)),
                Field("organisations", REF_LIST, refs=("organisations",)),
                Field("tags", TAG_LIST),
                Field("note", TEXT),
            ),
            has_id=False,
        ),
        Kind(
            "people",
            "person",
            (*_COMMON, Field("name", TEXT, required=True), Field("roles", TEXT_LIST, required=True),
             Field("aliases", TEXT_LIST)),
        ),
        Kind(
            "organisations",
            "organisation",
            (
                *_COMMON,
                Field("name", TEXT, required=True),
                Field("category", CHOICE, required=True, choices=ORGANISATION_CATEGORIES),
                Field("description", TEXT, required=True),
                Field("aliases", TEXT_LIST),
            ),
        ),
        Kind(
            "events",
            "event",
            (*_COMMON, Field("date", DATE, required=True), *_DATE, Field("title", TEXT, required=True),
             Field("summary", TEXT, required=True)),
        ),
        Kind(
            "figures",
            "figure",
            (
                *_COMMON,
                *_EVENT_LINKS,
                Field("value", NUMBER, required=True),
                Field("value_text", TEXT, required=True),
                Field("unit", TEXT, required=True),
                Field("qualifier", TEXT),
                Field("counts", TEXT, required=True),
                Field("as_at", DATE),
                *_DATE,
                Field("series", REF, refs=("series",)),
            ),
        ),
        Kind(
            "quotes",
            "quote",
            (
                *_COMMON,
                *_EVENT_LINKS,
                Field("text", TEXT, required=True),
                # Optional only because the briefing sometimes quotes without saying who ("has been
                # described as"): such a quote says so in its note.
                Field("speaker", REF, refs=("people", "organisations")),
                Field("date", DATE),
                *_DATE,
                Field("context", TEXT),
                Field("document", TEXT),
                Field("block", BOOL),
            ),
        ),
        Kind(
            "series",
            "series",
            (
                *_COMMON,
                *_EVENT_LINKS,
                Field("title", TEXT, required=True),
                Field("periods", TEXT_LIST, required=True),
                Field("rows", ROWS, required=True),
                Field("source_line", TEXT, required=True),
            ),
        ),
    )
}

# Record kinds in the order lists, search results and `info` show them.
RECORD_KINDS = ("events", "people", "organisations", "figures", "quotes", "series", "footnotes")
SINGULAR_TO_KEY = {k.singular: k.key for k in KINDS.values()}

SOURCE_ENTRY_FIELDS = ("author", "title", "publisher", "date", "date_note", "url", "language")
SECTION_ENTRY_FIELDS = ("number", "title", "page")
ROW_FIELDS = ("label", "unit", "values")
