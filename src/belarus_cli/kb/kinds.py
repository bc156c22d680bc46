"""The kind registry: everything that makes a kind of record what it is, in one entry per kind.

An entry says what a record of that kind may hold (its fields, their types and meaning), how one line
names it (``label``), which columns a list shows, how much a match in each field counts in search
(``Field.search``) and which links lift it in search (``Field.lifts``). The validator, the list views,
search, ``show``, the CLI's choices and help, and ``docs/data-format.md`` (by ``scripts/data_format_doc.py``,
checked by a test) all read it from here: adding a field or a kind touches this file and the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

# Field types understood by ``schema_check.py``.
TEXT = "text"
INT = "int"
NUMBER = "number"
BOOL = "bool"
DATE = "date"
QUALIFIER = "qualifier"
SECTION = "section"
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

# How much a search match counts, by the field it is in: the name of a thing over what is said of it.
PRIMARY, ALIAS, KEYWORD, STRONG, TAGS, WEAK = 3.0, 3.0, 2.5, 2.0, 1.5, 1.0
# How much a match on a linked person's or body's name lifts the record that links to them.
SPEAKER_LINK, LINK = 2.0, 1.2


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str
    required: bool = False
    refs: tuple[str, ...] = ()  # kinds a reference may point at
    choices: tuple[str, ...] = ()
    search: float = 0.0  # weight of a match in this field; 0: not searched
    lifts: float = 0.0  # a reference whose target's name, matched, lifts this record by this weight
    names: bool = False  # the record's own name: a match here lifts the records that link to it
    help: str = ""  # the field's meaning, as docs/data-format.md gives it


@dataclass(frozen=True, slots=True)
class ListColumn:
    """One column of a kind's list table: ``value(record, kb)`` gives the cell's text."""

    header: str
    value: Callable[[Any, Any], str]
    no_wrap: bool = False  # ids and dates stay whole; text wraps
    ratio: int | None = None  # the column that takes the room the others leave


@dataclass(frozen=True)
class Kind:
    key: str  # the top-level key in a data file, and the plural: "people"
    singular: str  # what one record is called: "person"
    help: str  # one line: what a record of this kind is
    fields: tuple[Field, ...]
    label: Callable[[dict[str, Any]], str]  # the one line that names a record in a list
    columns: tuple[ListColumn, ...] = ()
    has_id: bool = True  # footnotes derive theirs from the number

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def linking_fields(self) -> tuple[Field, ...]:
        """Fields whose values must match something elsewhere: sections, ids, footnote numbers."""
        return tuple(f for f in self.fields if f.type in (SECTION, REF, REF_LIST, FOOTNOTE_LIST, FOOTNOTE_REF))

    @cached_property
    def shares_common_fields(self) -> bool:
        return all(f in self.fields for f in COMMON_FIELDS)

    @cached_property
    def searched(self) -> tuple[Field, ...]:
        """Fields search reads, in the order they are declared."""
        return tuple(f for f in self.fields if f.search)


def footnote_id(number: int) -> str:
    """The id a footnote derives from its number: ``fn-23``."""
    return f"fn-{number}"


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

# -- columns and labels ---------------------------------------------------------------------------------


def _text(name: str) -> Callable[[Any, Any], str]:
    return lambda record, kb: str(record.get(name, ""))


def _joined(name: str) -> Callable[[Any, Any], str]:
    return lambda record, kb: "; ".join(str(v) for v in record.list(name))


def _first_of(*names: str) -> Callable[[dict[str, Any]], str]:
    return lambda data: next((str(data[n]) for n in names if data.get(n)), str(data.get("id", "")))


def _figure_label(data: dict[str, Any]) -> str:
    qualifier = f"{data['qualifier']} " if data.get("qualifier") else ""
    return f"{qualifier}{data.get('value_text', '')}: {data.get('counts', '')}"


def _figure_value(record: Any, kb: Any) -> str:
    return " ".join(str(x) for x in (record.get("qualifier"), record.get("value_text")) if x)


def _periods(record: Any, kb: Any) -> str:
    periods = record.list("periods")
    return f"{periods[0]}-{periods[-1]}" if periods else ""


ID_COLUMN = ListColumn("id", lambda record, kb: record.id, no_wrap=True)
DATE_COLUMN = ListColumn("date", lambda record, kb: record.date_text, no_wrap=True)

# -- fields -------------------------------------------------------------------------------------------

COMMON_FIELDS = (  # the fields every kind but the briefing and its footnotes shares
    Field(
        "id",
        TEXT,
        required=True,
        search=STRONG,
        help="stable, readable, unique across all kinds: lowercase ASCII letters, digits and single hyphens "
        "(`ryanair-fr4978-forced-landing`)",
    ),
    Field(
        "section",
        SECTION,
        required=True,
        help="where the briefing says it: `summary`, `1`, `1.1`, `2`, `2.1`, `2.2`, `3`, `3.1`, `3.2`, `3.3`, `4`",
    ),
    Field("footnotes", FOOTNOTE_LIST, help="numbers of the briefing's footnotes that support the record"),
    Field(
        "tags",
        TAG_LIST,
        search=TAGS,
        help="lowercase topic labels (`sanctions`, `ryanair`, `media`, `human-rights`, `russia`, `military`, "
        "`trade`, ...)",
    ),
    Field(
        "keywords",
        TEXT_LIST,
        search=KEYWORD,
        help='search helpers: paraphrases and Russian phrases a researcher might type ("plane forced to land", '
        '"принудительная посадка")',
    ),
    Field(
        "note",
        TEXT,
        search=WEAK,
        help="where the briefing is inconsistent or unclear: what it says, and why that matters. Never a silent "
        "correction",
    ),
    Field("people", REF_LIST, refs=("people",), lifts=LINK, help="people the record involves"),
    Field("organisations", REF_LIST, refs=("organisations",), lifts=LINK, help="bodies the record involves"),
)
_EVENT_LINKS = (Field("events", REF_LIST, refs=("events",), help="events the record belongs to"),)


def _dates(what: str) -> tuple[Field, ...]:
    return (
        Field("date_qualifier", QUALIFIER, help=f"the wording of an imprecise {what} (see Dates)"),
        Field("date_end", DATE, help="the end of a span (see Dates)"),
    )


SOURCE = Kind(
    "source",
    "source",
    "the briefing itself: its title, author, publisher, date, licence and sections",
    (
        Field("id", TEXT, required=True, help="`briefing`"),
        Field("title", TEXT, required=True, help="the briefing's title as printed"),
        Field("author", TEXT, required=True, help="its author"),
        Field("publisher", TEXT, required=True, help="House of Commons Library"),
        Field("date", DATE, required=True, help="its date of publication"),
        Field("licence", TEXT, required=True, help="the licence it is published under"),
        Field("url", TEXT, help="where it is published"),
        Field(
            "sections", SECTIONS, required=True, help="the contents list: each section's `number`, `title` and `page`"
        ),
    ),
    label=_first_of("title"),
)

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        SOURCE,
        Kind(
            "events",
            "event",
            "something that happened, dated at the briefing's precision",
            (
                *COMMON_FIELDS,
                Field("date", DATE, required=True, help="when it happened (see Dates)"),
                *_dates("date"),
                Field("title", TEXT, required=True, search=PRIMARY, help="a short title, own words"),
                Field("summary", TEXT, required=True, search=WEAK, help="one to three sentences, own words"),
            ),
            label=_first_of("title"),
            columns=(DATE_COLUMN, ID_COLUMN, ListColumn("event", _text("title"), ratio=1)),
        ),
        Kind(
            "people",
            "person",
            "someone the briefing names, with the roles it gives them",
            (
                *COMMON_FIELDS,
                Field(
                    "name",
                    TEXT,
                    required=True,
                    search=PRIMARY,
                    names=True,
                    help="the name as the briefing first writes it",
                ),
                Field(
                    "roles",
                    TEXT_LIST,
                    required=True,
                    search=WEAK,
                    help="the roles the briefing gives (own words, nothing from outside)",
                ),
                Field(
                    "aliases",
                    ALIAS_LIST,
                    search=ALIAS,
                    help="other spellings: the briefing's own variants, other Latin romanisations (Russian- and "
                    "Belarusian-based), Russian and Belarusian Cyrillic",
                ),
            ),
            label=_first_of("name"),
            columns=(ID_COLUMN, ListColumn("name", _text("name")), ListColumn("roles", _joined("roles"), ratio=1)),
        ),
        Kind(
            "organisations",
            "organisation",
            "a body, court, outlet, NGO or programme the briefing names",
            (
                *COMMON_FIELDS,
                Field(
                    "name", TEXT, required=True, search=PRIMARY, names=True, help="the name as the briefing writes it"
                ),
                Field(
                    "category",
                    CHOICE,
                    required=True,
                    choices=ORGANISATION_CATEGORIES,
                    help="one of " + ", ".join(f"`{c}`" for c in ORGANISATION_CATEGORIES),
                ),
                Field(
                    "description",
                    TEXT,
                    required=True,
                    search=WEAK,
                    help="what the briefing says it is or does, in your own words",
                ),
                Field("aliases", ALIAS_LIST, search=ALIAS, help="abbreviations, other names, Cyrillic"),
            ),
            label=_first_of("name"),
            columns=(ID_COLUMN, ListColumn("name", _text("name"), ratio=1), ListColumn("category", _text("category"))),
        ),
        Kind(
            "figures",
            "figure",
            "a number the briefing states, with what it counts (one record per meaning)",
            (
                *COMMON_FIELDS,
                *_EVENT_LINKS,
                Field("value", NUMBER, required=True, help="the number itself, in its unit (`35000`, `1.5`, `65`)"),
                Field(
                    "value_text",
                    TEXT,
                    required=True,
                    search=PRIMARY,
                    help="the number exactly as the briefing prints it (`35,000`, `US$1.5 billion`, `65 per cent`)",
                ),
                Field(
                    "unit",
                    TEXT,
                    required=True,
                    search=WEAK,
                    help="`people`, `individuals`, `entities`, `organisations`, `years`, `per cent`, `USD`, "
                    "`USD million`, `USD billion`, `GBP`, `GBP million`, `EUR`, `EUR million`, `EUR billion`, "
                    "`km`, `troops`, `aircraft`, `recommendations`, `states`, `points`, ...",
                ),
                Field(
                    "qualifier",
                    TEXT,
                    search=WEAK,
                    help="`more than`, `over`, `nearly`, `about`, `at least`, `up to`, `almost`, `several`",
                ),
                Field(
                    "counts",
                    TEXT,
                    required=True,
                    search=STRONG,
                    help='what the number counts, own words ("people detained by the authorities since the August '
                    '2020 election")',
                ),
                Field("as_at", DATE, help="the date the figure is as at (see Dates)"),
                *_dates("as-at date"),
                Field("series", REF, refs=("series",), help="for a cell of a data table: the series id"),
            ),
            label=_figure_label,
            columns=(
                ID_COLUMN,
                ListColumn("value", _figure_value),
                ListColumn("counts", _text("counts"), ratio=1),
                ListColumn("as at", lambda record, kb: record.date_text),
            ),
        ),
        Kind(
            "quotes",
            "quote",
            "a statement the briefing quotes verbatim, with its speaker",
            (
                *COMMON_FIELDS,
                *_EVENT_LINKS,
                Field(
                    "text",
                    TEXT,
                    required=True,
                    search=STRONG,
                    help="**verbatim** as the briefing prints it, without the outer quotation marks and footnote "
                    "marks; `[...]` insertions and `...` as printed",
                ),
                # Optional only because the briefing sometimes quotes without saying who ("has been
                # described as"): such a quote says so in its note.
                Field(
                    "speaker",
                    REF,
                    refs=("people", "organisations"),
                    lifts=SPEAKER_LINK,
                    help="who said or wrote it (a person or organisation id); a quote the briefing does not "
                    'attribute ("has been described as") has none, and says so in `note`',
                ),
                Field("date", DATE, help="when it was said or written (see Dates)"),
                *_dates("date"),
                Field(
                    "context",
                    TEXT,
                    search=WEAK,
                    help='where or how it was said ("press conference", "Statement to the House of Commons")',
                ),
                Field(
                    "document",
                    TEXT,
                    search=WEAK,
                    help="the document the briefing took it from, when that is not the speaker's own words on "
                    "record (an article quoting the speaker): title, publisher, date",
                ),
                Field("block", BOOL, help="`true` for a block quote set apart from the text"),
            ),
            label=_first_of("text"),
            columns=(
                ID_COLUMN,
                ListColumn("speaker", lambda record, kb: kb.speaker_name(record)),
                ListColumn("date", lambda record, kb: record.date_text),
                ListColumn("quote", _text("text"), ratio=1),
            ),
        ),
        Kind(
            "series",
            "series",
            "a table of numbers from the briefing, for charts",
            (
                *COMMON_FIELDS,
                *_EVENT_LINKS,
                Field("title", TEXT, required=True, search=PRIMARY, help="the table's title as printed"),
                Field("periods", TEXT_LIST, required=True, help='column headings (`"2016"`, ...)'),
                Field(
                    "rows",
                    ROWS,
                    required=True,
                    help="each `label` (as printed), `unit`, `values` (numbers, one per period)",
                ),
                Field("source_line", TEXT, required=True, search=WEAK, help="the table's source line as printed"),
            ),
            label=_first_of("title"),
            columns=(ID_COLUMN, ListColumn("title", _text("title"), ratio=1), ListColumn("periods", _periods)),
        ),
        Kind(
            "footnotes",
            "footnote",
            "one of the briefing's 98 footnotes, as printed, with the sources it cites",
            (
                Field("number", INT, required=True, help="the footnote's number; the id is derived (`fn-23`)"),
                Field("section", SECTION, required=True, help="the section whose text carries the footnote mark"),
                Field(
                    "text",
                    TEXT,
                    required=True,
                    search=STRONG,
                    help="the footnote as printed, link wrappers `[text](#)` removed and `\\$` written `$`",
                ),
                Field(
                    "sources",
                    SOURCES,
                    help="each source it cites: `author`, `title`, `publisher`, `date` (ISO, at the precision "
                    'printed), `date_note` ("last updated April 2021"), `url`, `language` (each only where '
                    "the footnote gives it)",
                ),
                Field("ibid", FOOTNOTE_REF, help='for "Ibid": the number of the footnote it repeats'),
                Field("people", REF_LIST, refs=("people",), lifts=LINK, help="people the footnote names"),
                Field("organisations", REF_LIST, refs=("organisations",), lifts=LINK, help="bodies the footnote names"),
                Field("tags", TAG_LIST, search=TAGS, help="lowercase topic labels"),
                Field("note", TEXT, search=WEAK, help="where the footnote is unclear or inconsistent"),
            ),
            label=_first_of("text"),
            columns=(
                ListColumn("no.", _text("number"), no_wrap=True),
                ListColumn("section", _text("section")),
                ListColumn("source", _text("text"), ratio=1),
            ),
            has_id=False,
        ),
    )
}

# Record kinds (all but the briefing itself), in the order lists, search results and `info` show them.
RECORD_KINDS = tuple(key for key in KINDS if key != "source")
SINGULAR_TO_KEY = {k.singular: k.key for k in KINDS.values()}

SOURCE_ENTRY_FIELDS = ("author", "title", "publisher", "date", "date_note", "url", "language")
SECTION_ENTRY_FIELDS = ("number", "title", "page")
ROW_FIELDS = ("label", "unit", "values")
