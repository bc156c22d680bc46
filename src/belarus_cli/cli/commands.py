"""The commands: each parses its options, calls the domain modules and hands one view to the output
layer. Logic lives below: filters and the timeline in ``kb``, ranking in ``search``, citations in
``cite``, columns and cards in ``views``, formats in ``output``."""

# No `from __future__ import annotations` here: Typer reads these annotations at every start.

import sys
from pathlib import Path
from typing import Annotated

import typer

from belarus_cli.cite import CiteFormat, NoteFormat, Style
from belarus_cli.cli.app import app, say, session
from belarus_cli.cli.options import (
    CategoryOpt,
    CiteFormatOpt,
    FormatOpt,
    FromOpt,
    KindOpt,
    OrgOpt,
    PagerOpt,
    PersonOpt,
    SortOpt,
    StyleOpt,
    TagOpt,
    ToOpt,
    complete_ids,
    complete_of_kind,
    date_range,
)
from belarus_cli.errors import DataError, NotFoundError, UsageError
from belarus_cli.kb.filters import RecordFilter
from belarus_cli.kb.kinds import KINDS, RECORD_KINDS, SINGULAR_TO_KEY
from belarus_cli.kb.ordering import Order
from belarus_cli.kb.records import KnowledgeBase, Record
from belarus_cli.output.escape import quoted
from belarus_cli.output.renderers import Format

MAX_QUERY_CHARACTERS = 1000


def _show_list(
    ctx: typer.Context, kind: str, records: list[Record], fmt: Format, pager: bool, order: Order | None = None
) -> None:
    from belarus_cli.kb.ordering import DEFAULT_ORDER, ordered
    from belarus_cli.views.lists import list_view

    if not records:
        raise NotFoundError(f"no {kind} match those filters")
    kb = session(ctx).kb()
    chosen = order or DEFAULT_ORDER.get(kind)
    session(ctx).show(list_view(kb, kind, ordered(kb, records, chosen) if chosen else records), fmt, pager=pager)


def _tags(ctx: typer.Context, tag: list[str] | None) -> frozenset[str]:
    """The tags asked for, in the data's lower case ("Sanctions" is sanctions). A tag no record has is
    a usage error that suggests the nearest, where it would only have said "no ... match" as if the
    tag were real."""
    if any(not t.strip() for t in tag or []):
        raise UsageError("--tag: give a tag, e.g. --tag sanctions (an empty one matches nothing)")
    wanted = frozenset(t.strip().casefold() for t in tag or [])
    if wanted:
        known = {t for record in session(ctx).kb() for t in record.list("tags")}
        for unknown in sorted(wanted - known):
            from rapidfuzz import fuzz, process

            near = [
                t for t, _, _ in process.extract(unknown, sorted(known), scorer=fuzz.ratio, score_cutoff=70, limit=3)
            ]
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise UsageError(f"--tag {quoted(unknown)}: no record has this tag{hint} (--tag <TAB> completes tags)")
    return wanted


def _entity_ids(kb: KnowledgeBase, text: str | None, *kinds: str) -> frozenset[str]:
    """The id of the person or body ``text`` names (id or any spelling), with the bodies that are part
    of it; nothing when not given."""
    from belarus_cli.search.resolve import entity

    return kb.with_parts(entity(kb, text, *kinds).id) if text else frozenset()


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="Words to look for, in any spelling or script.")
    ],
    kind: KindOpt = None,
    tag: TagOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1000, metavar="N", help="At most this many results.")
    ] = 10,
    fmt: FormatOpt = Format.table,
) -> None:
    """Search every kind of record, best match first.

    Example: belarus search Pratasevich
    """
    from belarus_cli.search.index import SearchIndex
    from belarus_cli.search.normalise import query_tokens
    from belarus_cli.search.ranking import search as ranked
    from belarus_cli.search.ranking import suggest, unmatched_words, weak
    from belarus_cli.views.results import results_view

    text = " ".join(query).strip()
    if not text:
        raise UsageError("give some words to search for, e.g. belarus search Protasevich")
    if len(text) > MAX_QUERY_CHARACTERS:
        raise UsageError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARACTERS:,}")
    start, end = date_range(date_from, date_to)
    where = RecordFilter(
        kinds=frozenset(SINGULAR_TO_KEY[k] for k in kind or []), tags=_tags(ctx, tag), start=start, end=end
    )
    kb = session(ctx).kb()
    index = SearchIndex.for_kb(kb)
    hits = ranked(index, text, where=where, limit=limit)
    if not hits:
        if where and ranked(index, text, limit=1):  # the words match; the filters left nothing
            raise NotFoundError(f"no matches for {quoted(text)} with those filters (--kind, --tag, --from, --to)")
        raise NotFoundError(f"no matches for {quoted(text)}", suggest(index, text))
    missing = unmatched_words(index, text)
    if missing:  # say so, rather than let results for the other words pass for an answer
        shown = ", ".join(quoted(_as_typed(text).get(word, word)) for word in missing)
        stand_ins = sorted({related for words in missing.values() for related in words})
        if stand_ins:
            rest = "related words stand in for them: " + ", ".join(stand_ins)
        elif len(missing) < len(query_tokens(text)):
            rest = "these results match the other words"
        else:  # no word matched: what is shown is alike in meaning only, and "the other words" would mislead
            rest = "these results are alike in meaning only"
        say(f"nothing in the briefing matches {shown}; {rest}")
    if weak(hits, text, missing):
        say("the best results match under half of what you asked: the briefing may not cover it")
    session(ctx).show(results_view(kb, hits, text), fmt)


def _as_typed(text: str) -> dict[str, str]:
    """A word typed in another script by its token ("dolge" -> "долге"), so that a message names
    what the researcher typed; Latin words are named by their tokens, as typed but for case."""
    from belarus_cli.search.normalise import normalise

    typed: dict[str, str] = {}
    for word in text.split():
        bare = word.strip(".,;:!?()[]{}\"'«»“”„‘’")
        if bare and not bare.isascii():
            for token in normalise(bare).split():
                typed.setdefault(token, bare)
    return typed


@app.command()
def timeline(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    tag: TagOpt = None,
    person: PersonOpt = None,
    org: OrgOpt = None,
    fmt: FormatOpt = Format.table,
    pager: PagerOpt = False,
) -> None:
    """Dated events in order, at the briefing's own precision.

    Example: belarus timeline --from 2021-05 --to 2021-06 --person Pratasevich
    """
    from belarus_cli.kb.timeline import events_in_order, inside_and_perhaps
    from belarus_cli.views.lists import timeline_view

    kb = session(ctx).kb()
    start, end = date_range(date_from, date_to)
    where = RecordFilter(
        tags=_tags(ctx, tag),
        start=start,
        end=end,
        people=_entity_ids(kb, person, "people"),
        organisations=_entity_ids(kb, org, "organisations"),
    )
    inside, perhaps = inside_and_perhaps(kb, events_in_order(kb, where), start, end)
    if not inside and not perhaps:
        raise NotFoundError("no events match those filters")
    session(ctx).show(timeline_view(kb, inside + perhaps, perhaps={e.id for e in perhaps}), fmt, pager=pager)


@app.command()
def people(
    ctx: typer.Context, tag: TagOpt = None, sort: SortOpt = None, fmt: FormatOpt = Format.table, pager: PagerOpt = False
) -> None:
    """Everyone the briefing names, with their roles, as the briefing introduces them.

    Example: belarus people --sort name --format csv
    """
    records = RecordFilter(tags=_tags(ctx, tag)).apply(session(ctx).kb().of_kind("people"))
    _show_list(ctx, "people", records, fmt, pager, sort)


@app.command()
def organisations(
    ctx: typer.Context,
    category: CategoryOpt = None,
    tag: TagOpt = None,
    sort: SortOpt = None,
    fmt: FormatOpt = Format.table,
    pager: PagerOpt = False,
) -> None:
    """Every body, court, outlet, NGO and programme the briefing names, A to Z.

    Example: belarus organisations --category media
    """
    where = RecordFilter(tags=_tags(ctx, tag), categories=frozenset([category] if category else []))
    _show_list(ctx, "organisations", where.apply(session(ctx).kb().of_kind("organisations")), fmt, pager, sort)


@app.command()
def figures(
    ctx: typer.Context, tag: TagOpt = None, sort: SortOpt = None, fmt: FormatOpt = Format.table, pager: PagerOpt = False
) -> None:
    """Every number the briefing states, with what it counts, in the order of when it held.

    Example: belarus figures --tag sanctions
    """
    records = RecordFilter(tags=_tags(ctx, tag)).apply(session(ctx).kb().of_kind("figures"))
    _show_list(ctx, "figures", records, fmt, pager, sort)


@app.command()
def quotes(
    ctx: typer.Context,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="WHO",
            help="Only quotes by this person or body (id or any spelling).",
            autocompletion=complete_of_kind("people", "organisations"),
        ),
    ] = None,
    tag: TagOpt = None,
    sort: SortOpt = None,
    fmt: FormatOpt = Format.table,
    pager: PagerOpt = False,
) -> None:
    """Every statement the briefing quotes, verbatim, with its speaker, in the order they were made.

    Example: belarus quotes --by Lukashenka
    """
    kb = session(ctx).kb()
    where = RecordFilter(tags=_tags(ctx, tag), speakers=_entity_ids(kb, by, "people", "organisations"))
    _show_list(ctx, "quotes", where.apply(kb.of_kind("quotes")), fmt, pager, sort)


@app.command()
def footnotes(
    ctx: typer.Context,
    section: Annotated[
        str | None, typer.Option("--section", "-s", metavar="SECTION", help="Only footnotes in this section.")
    ] = None,
    fmt: FormatOpt = Format.table,
    pager: PagerOpt = False,
) -> None:
    """The briefing's footnotes and the sources they cite.

    Example: belarus footnotes --section 2.1
    """
    kb = session(ctx).kb()
    if section is not None and not section.strip():
        raise UsageError("--section: give a section number, e.g. --section 2.1")
    if section is not None and kb.section(section) is None:
        known = ", ".join(str(s["number"]) for s in kb.source.data["sections"])
        raise UsageError(f"--section: the briefing has no section {quoted(section)}; use one of {known}")
    where = RecordFilter(sections=frozenset([section] if section else []))
    records = sorted(where.apply(kb.of_kind("footnotes")), key=lambda r: int(r.get("number")))
    _show_list(ctx, "footnotes", records, fmt, pager)


@app.command()
def sections(ctx: typer.Context, fmt: FormatOpt = Format.table, pager: PagerOpt = False) -> None:
    """The briefing's sections in order: number, title, the subheadings within each, and what it covers.

    Example: belarus sections --format markdown
    """
    records = session(ctx).kb().of_kind("sections")
    if not records:
        raise NotFoundError("this knowledge base has no section records (`sections:` in a data file)")
    _show_list(ctx, "sections", records, fmt, pager)


@app.command()
def show(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A record id, e.g. ryanair-fr4978-forced-landing.", autocompletion=complete_ids
        ),
    ],
    fmt: FormatOpt = Format.table,
) -> None:
    """Everything about one record: fields, links both ways, footnote sources, citation.

    Example: belarus show roman-protasevich
    """
    from belarus_cli.search.resolve import record_by_id
    from belarus_cli.views.card import record_card

    kb = session(ctx).kb()
    session(ctx).show(record_card(kb, record_by_id(kb, record_id)), fmt)


@app.command()
def cite(
    ctx: typer.Context,
    record_ids: Annotated[
        list[str], typer.Argument(metavar="ID...", help="One or more record ids.", autocompletion=complete_ids)
    ],
    style: StyleOpt = Style.commons,
    fmt: CiteFormatOpt = CiteFormat.text,
    copy: Annotated[bool, typer.Option("--copy", help="Also put the result on the clipboard.")] = False,
) -> None:
    """A citation ready to paste: the original (who said it, the document the footnote names), cited in the briefing.

    `briefing` cites the whole briefing, `section-2-1` one section of it.

    Example: belarus cite political-prisoners-722 --style oscola --copy
    """
    from belarus_cli.cite.formats import citations
    from belarus_cli.output.escape import safe
    from belarus_cli.search.resolve import record_by_id

    kb = session(ctx).kb()
    records = [record_by_id(kb, record_id) for record_id in record_ids]
    output = citations(kb, records, style, fmt)
    sys.stdout.write(safe(output) + "\n")
    if fmt in (CiteFormat.bibtex, CiteFormat.csl_json):
        from belarus_cli.cite.formats import documents

        # A reference manager's entry needs a titled document: say which ids have none, rather than
        # leave the user to find that an id they asked for added nothing but the briefing.
        # Only a kind that can cite footnotes can lack a titled one: the briefing and its sections cite
        # none, and the briefing is their whole entry.
        untitled = [r.id for r in records if _cites_footnotes(r) and not documents(kb, [r])]
        if untitled:
            which = "it" if len(untitled) == 1 else "them"
            listed = ", ".join(untitled)
            say(f"{listed}: no titled document in the footnotes, so only the briefing is exported for {which}")
    if copy:
        count = f"{len(records)} citations" if len(records) > 1 else "citation"
        _copy(output, f"{count} ({style.value}, {fmt.value})")


@app.command()
def note(
    ctx: typer.Context,
    record_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...", help="Record ids; - reads them from standard input.", autocompletion=complete_ids
        ),
    ],
    style: StyleOpt = Style.commons,
    fmt: Annotated[
        NoteFormat, typer.Option("--format", "-f", case_sensitive=False, help="markdown, html or docx (Word).")
    ] = NoteFormat.markdown,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (docx needs one).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it exists.")] = False,
    copy: Annotated[bool, typer.Option("--copy", help="Also put the note on the clipboard.")] = False,
) -> None:
    """A briefing-note block ready to paste: each fact one sentence, each with a footnote citing it.

    Example: belarus search Protasevich --format json | jq -r '.[].id' | belarus note - -o note.docx
    """
    from belarus_cli.cite import note as notes
    from belarus_cli.output.escape import safe
    from belarus_cli.search.resolve import record_by_id

    if "-" in record_ids and sys.stdin is None:  # started with standard input closed (<&-)
        raise UsageError("- reads record ids from standard input, which is closed")
    ids = [i for given in record_ids for i in (sys.stdin.read().split() if given == "-" else [given])]
    if not ids:
        raise UsageError("no record ids given (- read none from standard input)")
    kb = session(ctx).kb()
    records = [record_by_id(kb, record_id) for record_id in ids]
    if output is not None and output.exists() and not force:
        raise UsageError(f"--output {quoted(output)} exists: add --force to replace it")
    from belarus_cli.output.files import write_atomically  # the old file stays whole if writing fails

    if fmt == NoteFormat.docx:
        if output is None:
            raise UsageError("--format docx writes a file: give --output NOTE.docx")
        try:
            write_atomically(output, lambda path: notes.write_docx(kb, records, style, path))
        except notes.PandocMissing as exc:
            raise UsageError(str(exc)) from None
        say(f"wrote {_facts(len(records))} with their footnotes to {quoted(output)}")
        return
    text = notes.markdown(kb, records, style) if fmt == NoteFormat.markdown else notes.html_block(kb, records, style)
    if output is not None:
        write_atomically(output, lambda path: path.write_text(text, encoding="utf-8"))
        say(f"wrote {_facts(len(records))} with their footnotes to {quoted(output)}")
    else:
        sys.stdout.write(safe(text))
    if copy:
        _copy(text, f"the note ({fmt.value})")


def _cites_footnotes(record: Record) -> bool:
    return record.kind == "footnotes" or "footnotes" in KINDS[record.kind].by_name


def _facts(count: int) -> str:
    return "1 fact" if count == 1 else f"{count} facts"


def _copy(text: str, what: str) -> None:
    """--copy: the clipboard, or the terminal, and a report of which that claims no more than it knows."""
    from belarus_cli.output.clipboard import copy as to_clipboard

    try:
        copied = to_clipboard(text)
    except OSError as exc:
        raise UsageError(f"--copy: {exc}") from None
    say(copied.report(what))


@app.command()
def chart(
    ctx: typer.Context,
    series_id: Annotated[
        str | None,
        typer.Argument(
            metavar="SERIES", help="A series id; none lists them.", autocompletion=complete_of_kind("series")
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Draw a data series from the briefing as a bar chart, with its source line; or its numbers as
    CSV, JSON or Markdown.

    Example: belarus chart belarus-exports-to-uk-2016-2020 --format csv
    """
    from belarus_cli.cite.styles import short_citation
    from belarus_cli.output.escape import safe
    from belarus_cli.search.resolve import record_by_id
    from belarus_cli.views.chart import bar_chart, series_view

    kb = session(ctx).kb()
    if series_id is None:
        _show_list(ctx, "series", kb.of_kind("series"), fmt, pager=False)
        return
    record = record_by_id(kb, series_id)
    if record.kind != "series":
        raise UsageError(f"{quoted(series_id)} is a {record.singular}, not a series; `belarus chart` lists the series")
    if fmt in (Format.csv, Format.json, Format.markdown):
        session(ctx).show(series_view(record, short_citation(kb, record)), fmt)
        return
    bar = "#" if session(ctx).terminal.plain or fmt is Format.plain else "█"
    lines = bar_chart(record, bar=bar, cited=short_citation(kb, record))
    sys.stdout.write("\n".join(safe(line) for line in lines) + "\n")


@app.command()
def export(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="FILE.db or FILE.sqlite (SQLite, for Datasette) or FILE.json.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE (and its metadata) if it exists.")] = False,
) -> None:
    """The whole knowledge base in one file: a SQLite database with Datasette's metadata beside it, or
    one JSON document.

    Example: belarus export belarus.db && datasette belarus.db -m belarus.metadata.json
    """
    from belarus_cli.export import write

    kb = session(ctx).kb()
    written = write(kb, path, force=force)
    say("wrote " + " and ".join(quoted(p) for p in written))


@app.command()
def info(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """The briefing's details, how many records of each kind, and the data directory in use.

    Example: belarus info
    """
    from belarus_cli.views.card import briefing_card

    session(ctx).show(briefing_card(session(ctx).kb()), fmt)


@app.command()
def validate(
    ctx: typer.Context,
    source: Annotated[
        bool,
        typer.Option(
            "--source",
            help="Also check quotes, footnotes and numbers against the briefing's text: the "
            "copy shipped with belarus, or FILE.",
        ),
    ] = False,
    briefing: Annotated[
        str | None, typer.Argument(metavar="[FILE]", help="Another copy of the briefing's text (implies --source).")
    ] = None,
) -> None:
    """Check the knowledge base; with --source, check it against the briefing's text too.

    Example: belarus validate --source
    """
    from pathlib import Path

    kb = session(ctx).kb(fresh=True)  # raises DataError (exit 2) with every problem in the files
    counts = ", ".join(f"{len(kb.of_kind(k))} {k}" for k in RECORD_KINDS)
    if not source and briefing is None:
        sys.stdout.write(f"ok: {counts}\n")
        return
    from belarus_cli.kb.briefing_check import check_against_briefing, read_briefing
    from belarus_cli.kb.briefing_text import SHIPPED_BRIEFING
    from belarus_cli.kb.records import display_path

    path = Path(briefing) if briefing is not None else None
    try:
        text = read_briefing(kb, path)
    except UnicodeDecodeError as exc:
        shown = briefing or str(SHIPPED_BRIEFING)
        raise UsageError(f"--source {quoted(shown)}: cannot read it as UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        shown = briefing or str(SHIPPED_BRIEFING)
        raise UsageError(f"--source {quoted(shown)}: {exc.strerror or exc}") from None
    shown = display_path(path) if path else "the briefing's text shipped with belarus"
    report = check_against_briefing(kb, text, display_path(path or SHIPPED_BRIEFING))
    quotes = kb.of_kind("quotes")
    # Another file altogether: one line, not a line per quote (with a handful of quotes, none found may
    # be a handful of mistakes, listed as such).
    if path is not None and len(quotes) >= 5 and not report.found:
        raise UsageError(
            f"--source {quoted(briefing)}: none of the {len(quotes)} quotes is in it; is it the briefing's text?"
        )
    if report.problems:
        raise DataError(report.problems)
    sys.stdout.write("".join(line + "\n" for line in report.found))
    sys.stdout.write(f"ok: {counts}; every quote verbatim in {shown}\n")
