"""The kind registry: everything that makes a kind of record what it is, in one entry per kind.

An entry says what a record of that kind may hold (its fields, their types and meaning), how one line
names it (``label``), which columns a list shows, how much a match in each field counts in search
(``Field.search``) and which links lift it in search (``Field.lifts``). The validator, the list views,
search, ``show``, the CLI's choices and help, and ``docs/data-format.md`` (by ``scripts/data_format_doc.py``,
checked by a test) all read it from here: adding a field or a kind touches this file and the data.
"""

from __future__ import annotations

from typing import Any

from .kind_types import (
    ALIAS,
    ALIAS_LIST,
    BOOL,
    CHOICE,
    DATE,
    DATE_COLUMN,
    FOOTNOTE_LIST,
    FOOTNOTE_REF,
    ID_COLUMN,
    INT,
    KEYWORD,
    LINK,
    NUMBER,
    PRIMARY,
    QUALIFIER,
    REF,
    REF_LIST,
    ROWS,
    SECTION,
    SECTION_LIST,
    SECTIONS,
    SOURCES,
    SPEAKER_LINK,
    STRONG,
    TAG_LIST,
    TAGS,
    TEXT,
    TEXT_LIST,
    URL,
    WEAK,
    Field,
    Kind,
    ListColumn,
    field_joined,
    field_text,
    first_of,
)

# What a footnote does: cite a document, only remark in the briefing's words, or both. A comment is
# never cited as a source (see cite/parts.py).
FOOTNOTE_ROLES = ("source", "comment", "both")
CITES = ("source", "both")
ORGANISATION_CATEGORIES = tuple(
    "government ministry court security-service parliament international-organisation eu-institution alliance "
    "programme ngo think-tank media political company military-unit armed-group".split()
)


def _figure_label(data: dict[str, Any]) -> str:
    qualifier = f"{data['qualifier']} " if data.get("qualifier") else ""
    return f"{qualifier}{data.get('value_text', '')}: {data.get('counts', '')}"


def _figure_value(record: Any, kb: Any) -> str:
    return " ".join(str(x) for x in (record.get("qualifier"), record.get("value_text")) if x)


def _section_label(data: dict[str, Any]) -> str:
    """ "2.1 Systemic human rights violations"; the summary is "Summary" alone."""
    number, title = str(data.get("section", "")), str(data.get("title", ""))
    return title if number == "summary" or not number else f"{number} {title}"


def _section_pages(record: Any, kb: Any) -> str:
    from belarus_cli.cite.parts import record_pages  # the contents list's pages, as citations give them

    return record_pages(kb, record)


def _periods(record: Any, kb: Any) -> str:
    periods = record.list("periods")
    return f"{periods[0]}-{periods[-1]}" if periods else ""


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
    Field(
        "also_in",
        SECTION_LIST,
        help="the other sections that state the same fact (one record per fact, however often the briefing "
        "says it; for a person or body, the other sections that state what its roles or description say); "
        "`section` is where it is stated first or most fully, and the pinpoint of citations",
    ),
    Field(
        "footnotes",
        FOOTNOTE_LIST,
        help="numbers of the briefing's footnotes that support the record (for a person or body: those that "
        "close a sentence stating what its roles or description say, or cite a document it is described as "
        "publishing or writing)",
    ),
    Field(
        "comment_footnotes",
        FOOTNOTE_LIST,
        help="numbers of footnotes the briefing attaches to the record's sentence that comment on it rather than "
        "support it (a definition, background with sources of its own): kept as provenance, but a citation never "
        "names their documents as the fact's source",
    ),
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
# Names a researcher may type that the briefing never prints (an abbreviation it does not use, an
# official or Russian name, a first name it leaves out): searched as names, shown apart from its words.
OTHER_NAMES = Field(
    "other_names",
    ALIAS_LIST,
    search=ALIAS,
    help="names the briefing does not print (abbreviations it does not use, official, Russian or Belarusian "
    "names, a first name it leaves out): a search aid, never shown or cited as the briefing's words",
)
_EVENT_LINKS = (Field("events", REF_LIST, refs=("events",), help="events the record belongs to"),)
# The briefing's own sentence beside the curators' words: researchers' queries echo the text they read.
PASSAGE = Field(
    "passage",
    TEXT,
    search=WEAK,
    help="the sentence of the briefing, in the record's own sections, that shares most of its words, **verbatim** "
    "(chosen by `scripts/source_passages.py`; `validate --source` checks it is printed there): a search aid and a "
    "pointer into the text, never cited; a record that sums up several sentences has one of them",
)


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
        Field("id", TEXT, required=True, search=STRONG, help="`briefing`"),
        Field("title", TEXT, required=True, search=PRIMARY, help="the briefing's title as printed"),
        Field("author", TEXT, required=True, search=PRIMARY, help="its author"),
        Field("publisher", TEXT, required=True, search=STRONG, help="House of Commons Library"),
        Field("date", DATE, required=True, help="its date of publication"),
        Field("licence", TEXT, required=True, help="the licence it is published under"),
        Field("url", URL, help="where it is published"),
        Field(
            "sections", SECTIONS, required=True, help="the contents list: each section's `number`, `title` and `page`"
        ),
        Field(
            "image_credit",
            TEXT,
            search=WEAK,
            help="the credit line of the cover image, **verbatim** (`validate --source` checks it is printed)",
        ),
    ),
    label=first_of("title"),
)


def footnote_id(number: int) -> str:
    """The id a footnote derives from its number: ``fn-23``."""
    return f"fn-{number}"


def section_id(number: str) -> str:
    """The id of the record of the briefing's section ``number``: ``section-2-1``, ``section-summary``."""
    return "section-" + number.replace(".", "-")


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
                PASSAGE,
                Field(
                    "after",
                    REF,
                    refs=("events",),
                    help="the event it followed, where the text orders them but its date cannot (the timeline "
                    "puts it just after that one)",
                ),
            ),
            label=first_of("title"),
            columns=(DATE_COLUMN, ID_COLUMN, ListColumn("event", field_text("title"), ratio=1)),
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
                    "Belarusian-based), Russian and Belarusian Cyrillic; `validate --source` checks each is printed "
                    "in the briefing or spells a name that is",
                ),
                OTHER_NAMES,
            ),
            label=first_of("name"),
            columns=(
                ID_COLUMN,
                ListColumn("name", field_text("name"), primary=True),
                ListColumn("roles", field_joined("roles"), ratio=1),
            ),
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
                    # The curators' classification, for --category: the briefing seldom says what a body
                    # is (it never calls Chatham House a think tank), so it is not the briefing's word.
                    help="the curators' classification for `--category`, not a claim of the briefing: one of "
                    + ", ".join(f"`{c}`" for c in ORGANISATION_CATEGORIES),
                ),
                Field(
                    "part_of",
                    REF,
                    refs=("organisations",),
                    help="the body it is part of, where the briefing says so (ODIHR is the OSCE's)",
                ),
                Field(
                    "description",
                    TEXT,
                    required=True,
                    search=WEAK,
                    help="what the briefing says it is or does, in your own words",
                ),
                Field(
                    "aliases",
                    ALIAS_LIST,
                    search=ALIAS,
                    help="the briefing's other names for it (abbreviations it uses), and their spellings in "
                    "Cyrillic; `validate --source` checks each is printed in the briefing or spells a name that is",
                ),
                OTHER_NAMES,
            ),
            label=first_of("name"),
            columns=(
                ID_COLUMN,
                ListColumn("name", field_text("name"), ratio=1, primary=True),
                ListColumn("category", field_text("category")),
            ),
        ),
        Kind(
            "figures",
            "figure",
            "a number the briefing states, with what it counts (one record per meaning)",
            (
                *COMMON_FIELDS,
                *_EVENT_LINKS,
                Field(
                    "value",
                    NUMBER,
                    help="the number itself, in its unit (`35000`, `1.5`, `65`); left out where the briefing gives "
                    "no number (`thousands`, `dozens`), so that no script reads one it never gave",
                ),
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
                    help="the briefing's own word before the number (`more than`, `over`, `nearly`, `about`, "
                    "`at least`, `up to`, `almost`); none where the number is a word (`thousands`, `dozens`): "
                    "`validate --source` checks it is printed",
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
                PASSAGE,
            ),
            label=_figure_label,
            columns=(
                ID_COLUMN,
                ListColumn("value", _figure_value),
                ListColumn("counts", field_text("counts"), ratio=1),
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
                Field(
                    "speakers",
                    REF_LIST,
                    refs=("people", "organisations"),
                    lifts=SPEAKER_LINK,
                    help='instead of `speaker`, for words the briefing attributes to several jointly ("the G7 '
                    'countries and the EU"): all of them, in the order it names them',
                ),
                Field(
                    "said_by",
                    TEXT,
                    search=WEAK,
                    help='who said it as the briefing words it, where no record is the speaker ("several members '
                    'of the UN Security Council"); never with `speaker` or `speakers`',
                ),
                Field(
                    "as_reported",
                    TEXT,
                    help="the briefing's clause round a quoted fragment, **verbatim** with its quotation marks, where "
                    "the fragment alone would mislead (a denial: 'will not “deprive his country of sovereignty”'); "
                    "a briefing note quotes this instead",
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
                Field(
                    "outlet",
                    TEXT,
                    search=WEAK,
                    help="where the speaker's own words appeared, as a block quote's attribution line prints it "
                    '("Atlantic Council", "RUSI Commentary"), when no footnote cites the document; citations name it',
                ),
                Field("block", BOOL, help="`true` for a block quote set apart from the text"),
                PASSAGE,
            ),
            label=first_of("text"),
            columns=(
                ID_COLUMN,
                ListColumn("speaker", lambda record, kb: kb.speaker_name(record)),
                ListColumn("date", lambda record, kb: record.date_text),
                ListColumn("quote", field_text("text"), ratio=1),
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
            label=first_of("title"),
            columns=(ID_COLUMN, ListColumn("title", field_text("title"), ratio=1), ListColumn("periods", _periods)),
        ),
        Kind(
            "footnotes",
            "footnote",
            "one of the briefing's 98 footnotes, as printed, with the sources it cites",
            (
                Field("id", TEXT, search=STRONG, derived=True, help="derived from the number (`fn-23`)"),
                Field("number", INT, required=True, help="the footnote's number"),
                Field("section", SECTION, required=True, help="the section whose text carries the footnote mark"),
                Field(
                    "role",
                    CHOICE,
                    required=True,
                    choices=FOOTNOTE_ROLES,
                    help="`source` (it cites a document), `comment` (it only remarks or explains, in the "
                    "briefing's words: never cited as a source) or `both`",
                ),
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
                    'printed), `date_note` ("last updated April 2021"), `url` (http:// or https://), `language` '
                    "(each only where the footnote gives it)",
                ),
                Field("ibid", FOOTNOTE_REF, help='for "Ibid": the number of the footnote it repeats'),
                Field("people", REF_LIST, refs=("people",), lifts=LINK, help="people the footnote names"),
                Field("organisations", REF_LIST, refs=("organisations",), lifts=LINK, help="bodies the footnote names"),
                Field("tags", TAG_LIST, search=TAGS, help="lowercase topic labels"),
                Field("note", TEXT, search=WEAK, help="where the footnote is unclear or inconsistent"),
            ),
            label=first_of("text"),
            columns=(
                ListColumn("no.", field_text("number"), no_wrap=True),
                ListColumn("section", field_text("section")),
                ListColumn("source", field_text("text"), ratio=1),
            ),
        ),
        Kind(
            "sections",
            "section",
            "a section of the briefing, as its contents list numbers and titles it, with what it covers",
            (
                Field(
                    "id",
                    TEXT,
                    required=True,
                    search=STRONG,
                    help="`section-` and the section's number, dots as hyphens (`section-2-1`, `section-summary`)",
                ),
                Field(
                    "section",
                    SECTION,
                    required=True,
                    search=PRIMARY,  # "section 2.1" names it
                    help="the section's number in the contents list: `summary`, `1`, `1.1`, ... (the pinpoint of "
                    "its citation)",
                ),
                Field(
                    "title",
                    TEXT,
                    required=True,
                    search=PRIMARY,
                    help="the title as the contents list prints it (`validate` checks it against `source.yaml`)",
                ),
                Field(
                    "headings",
                    TEXT_LIST,
                    search=STRONG,
                    help="the subheadings printed within the section, and the titles of its boxes, **verbatim** and "
                    "in order (`validate --source` checks each is printed)",
                ),
                Field(
                    "summary",
                    TEXT,
                    required=True,
                    search=WEAK,
                    help="what the section covers, one to three sentences, own words",
                ),
                Field("tags", TAG_LIST, search=TAGS, help="lowercase topic labels"),
            ),
            label=_section_label,
            columns=(
                ListColumn("no.", field_text("section"), no_wrap=True),
                ID_COLUMN,
                ListColumn("title", field_text("title"), ratio=1, primary=True),
                ListColumn("pages", _section_pages, no_wrap=True),
                ListColumn("headings", field_joined("headings"), ratio=2),
            ),
        ),
    )
}

# Record kinds (all but the briefing itself), in the order lists, search results and `info` show them.
RECORD_KINDS = tuple(key for key in KINDS if key != "source")
SINGULAR_TO_KEY = {k.singular: k.key for k in KINDS.values()}


def shares_common_fields(kind: Kind) -> bool:
    return all(f in kind.fields for f in COMMON_FIELDS)
