"""The command line: parse options, call one domain function, hand the rows to ``render``.

Heavy libraries (Rich, PyYAML, RapidFuzz) are imported inside the modules that use them, never here,
so ``belarus --help`` and ``--version`` stay fast.
"""

# No `from __future__ import annotations` here: Typer reads these annotations at every start, and as
# strings each would be compiled and evaluated (about 15 ms a run).

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .. import __version__
from ..kb.dates import PartialDate, parse_date
from ..errors import BelarusError, DataError, ExitCode, NotFoundError, UsageError
from ..kb.records import KnowledgeBase
from ..output.renderers import Format, emit

MAX_PROBLEM_LINES = 200
MAX_QUERY_CHARACTERS = 1000


def _say(message: str) -> None:
    from ..output.escape import safe

    sys.stderr.write(safe(message) + "\n")


def _report(error: BelarusError) -> None:
    if isinstance(error, DataError):
        for line in error.problems[:MAX_PROBLEM_LINES]:
            _say(line)
        hidden = len(error.problems) - MAX_PROBLEM_LINES
        if hidden > 0:
            _say(f"... and {hidden} more")
        _say(f"belarus: {error}; fix the lines above (exit {int(error.exit_code)})")
        return
    _say(f"belarus: {error}")
    if isinstance(error, NotFoundError) and error.suggestions:
        _say("did you mean: " + ", ".join(error.suggestions) + "?")


class _Group(TyperGroup):
    """Turns the domain's errors, Ctrl-C and a closed pipe into clean exits, in one place."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BelarusError as error:
            _report(error)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # The reader (head, less) went away: stop quietly, and keep Python from complaining at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as error:  # a bug: one line a researcher can report, not a traceback
            # The parser's own exceptions (usage errors, typer.Exit) carry an exit code: Typer reports them.
            if hasattr(error, "exit_code") or isinstance(error, typer.Abort) or os.environ.get("BELARUS_DEBUG"):
                raise
            _say(f"belarus: internal error: {type(error).__name__}: {error} (a bug in belarus {__version__}; "
                 "please report it with the command you ran; BELARUS_DEBUG=1 shows the traceback)")
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


app = typer.Typer(
    cls=_Group,
    name="belarus",
    help="Find, check and cite facts from the House of Commons Library briefing "
    "'Belarus: One year on from the disputed Presidential election' (5 October 2021).",
    no_args_is_help=True,
    # Plain help and usage errors: Rich-formatted help costs ~60 ms of imports on every --help, and a
    # usage error stays one line rather than a box.
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- shared options ------------------------------------------------------------------------------------

FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format: table, json, csv or markdown."),
]
FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="From this date: 2021, 2021-05 or 2021-05-23.")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Up to this date (inclusive), same forms as --from.")
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"belarus {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option("--data", envvar="BELARUS_DATA", metavar="DIR",
                     help="Knowledge-base directory to use instead of the shipped one."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    ctx.obj = {"data": data}


def _kb(ctx: typer.Context) -> KnowledgeBase:
    from ..kb.store import load, resolve_data_dir

    root = ctx.find_root()
    cached = root.obj.get("kb") if isinstance(root.obj, dict) else None
    if cached is None:
        cached = load(resolve_data_dir(root.obj.get("data") if isinstance(root.obj, dict) else None))
        root.obj["kb"] = cached
    return cached


def _date_option(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _nothing(what: str) -> NoReturn:
    raise NotFoundError(f"no {what}")


def _list(
    ctx: typer.Context, kind: str, fmt: Format, records: list[Any] | None = None, *, pager: bool = False
) -> None:
    from ..views.lists import columns_for, record_json

    kb = _kb(ctx)
    rows = kb.of_kind(kind) if records is None else records
    if not rows:
        _nothing(kind)
    _emit(fmt, columns_for(kind, kb), rows, as_json=record_json, pager=pager)


def _emit(fmt: Format, columns: Any, rows: Any, *, as_json: Any, pager: bool = False, group: Any = None) -> None:
    if pager and sys.stdout.isatty():
        import io
        import pydoc

        buffer = io.StringIO()
        emit(fmt, columns, rows, as_json=as_json, out=buffer, group=group)
        pydoc.pager(buffer.getvalue())
        return
    emit(fmt, columns, rows, as_json=as_json, group=group)


def _completion_kb() -> KnowledgeBase | None:
    """The knowledge base for shell completion (the environment's, or the shipped one); None if broken."""
    from ..kb.store import load, resolve_data_dir

    try:
        return load(resolve_data_dir(None))
    except BelarusError:
        return None


def _complete_ids(incomplete: str) -> list[str]:
    kb = _completion_kb()
    return [r.id for r in kb if r.id.startswith(incomplete) and r.kind != "source"] if kb else []


def _complete_of_kind(kind: str) -> Any:
    """Ids of one kind, and for people and organisations their names too (--person Kol<TAB>)."""

    def complete(incomplete: str) -> list[str]:
        kb = _completion_kb()
        if kb is None:
            return []
        wanted = incomplete.casefold()
        found = [r.id for r in kb.of_kind(kind) if r.id.startswith(wanted)]
        found += [str(r.get("name")) for r in kb.of_kind(kind)
                  if r.get("name") and str(r.get("name")).casefold().startswith(wanted)]
        return found

    return complete


def _complete_tags(incomplete: str) -> list[str]:
    kb = _completion_kb()
    return sorted({t for r in kb for t in r.list("tags") if t.startswith(incomplete)}) if kb else []


PagerOpt = Annotated[bool, typer.Option("--pager", help="Page long output (when stdout is a terminal).")]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", metavar="TAG", help="Only records with this tag (repeatable).",
                 autocompletion=_complete_tags),
]


def _tagged(records: list[Any], tags: list[str] | None) -> list[Any]:
    wanted = set(tags or [])
    return [r for r in records if not wanted or wanted & set(r.list("tags"))]


# -- commands ------------------------------------------------------------------------------------------


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str], typer.Argument(metavar="QUERY...", help="Words to look for, in any spelling or script.")
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", metavar="KIND", help="Only this kind: event, person, organisation, figure, quote, "
                     "footnote, series (repeatable)."),
    ] = None,
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
    from ..output.renderers import Column
    from ..kb.kinds import SINGULAR_TO_KEY
    from ..search.index import Hit, SearchIndex, hit_json

    text = " ".join(query).strip()
    if not text:
        raise UsageError("give some words to search for, e.g. belarus search Protasevich")
    if len(text) > MAX_QUERY_CHARACTERS:
        raise UsageError(f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARACTERS:,}")
    kinds = set()
    for name in kind or []:
        key = SINGULAR_TO_KEY.get(name.lower()) or (name.lower() if name.lower() in SINGULAR_TO_KEY.values() else None)
        if key is None or key == "source":
            names = ", ".join(k for k in SINGULAR_TO_KEY if k != "source")
            raise UsageError(f"--kind: unknown kind {name!r}; use one of {names}")
        kinds.add(key)
    kb = _kb(ctx)
    index = SearchIndex.for_kb(kb)
    hits = index.search(text, kinds=kinds or None, tags=set(tag or []) or None,
                        start=_date_option(date_from, "--from"), end=_date_option(date_to, "--to"), limit=limit)
    if not hits:
        raise NotFoundError(f"no matches for {text!r}", index.suggest(text))
    def match(hit: Hit) -> str:
        return hit.record.label + (f"  ({hit.via})" if hit.via else "")

    if fmt is Format.table:  # kind and date share a column so that an 80-column terminal keeps the id whole
        typed = [w for w in text.split() if w.isalnum()]
        columns = [Column("kind / date", lambda h: "\n".join(filter(None, [h.record.singular, h.record.date_text]))),
                   Column("id", lambda h: h.record.id, no_wrap=True),
                   Column("match", match, ratio=1, highlight=lambda h: typed + sorted(h.terms))]
    else:
        columns = [Column("kind", lambda h: h.record.singular), Column("id", lambda h: h.record.id),
                   Column("date", lambda h: h.record.date_text), Column("match", match)]
    def as_json(hit: Hit) -> dict[str, Any]:
        from ..cite.styles import short_citation  # JSON output only

        return hit_json(hit, short_citation(kb, hit.record))

    emit(fmt, columns, hits, as_json=as_json)


@app.command()
def timeline(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    tag: TagOpt = None,
    person: Annotated[
        str | None,
        typer.Option("--person", "-p", metavar="PERSON", help="Only events involving this person (id or any spelling).",
                     autocompletion=_complete_of_kind("people")),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", "-o", metavar="ORG", help="Only events involving this organisation (id or name).",
                     autocompletion=_complete_of_kind("organisations")),
    ] = None,
    fmt: FormatOpt = Format.table,
    pager: PagerOpt = False,
) -> None:
    """Dated events in order, at the briefing's own precision.

    Example: belarus timeline --from 2021-05 --to 2021-06 --person Pratasevich
    """
    from ..output.renderers import Column
    from ..search.resolve import entity
    from ..kb.timeline import events_in_order

    kb = _kb(ctx)
    start, end = _date_option(date_from, "--from"), _date_option(date_to, "--to")
    if start and end and start.first_day() > end.last_day():
        raise UsageError(f"--from {start.iso()} is after --to {end.iso()}")
    events = events_in_order(kb, start=start, end=end, tags=set(tag or []))
    if person:
        who = entity(kb, person, "people").id
        events = [e for e in events if who in e.list("people")]
    if org:
        body = entity(kb, org, "organisations").id
        events = [e for e in events if body in e.list("organisations")]
    if not events:
        _nothing("events match those filters")
    if fmt is Format.table:
        from ..views.lists import columns_for

        # Grouped by year: the year starts each group, the date column keeps the briefing's precision.
        years = [e.date.year if e.date else 0 for e in events]
        starts = {e.id for i, e in enumerate(events) if i == 0 or years[i] != years[i - 1]}
        year = Column("year", lambda e: str(e.date.year) if e.id in starts and e.date else "", no_wrap=True)
        _emit(fmt, [year, *columns_for("events", kb)], events, as_json=dict, pager=pager,
              group=lambda e: e.date.year if e.date else 0)
        return
    _list(ctx, "events", fmt, events, pager=pager)


@app.command()
def people(ctx: typer.Context, tag: TagOpt = None, fmt: FormatOpt = Format.table, pager: PagerOpt = False) -> None:
    """Everyone the briefing names, with their roles.

    Example: belarus people --format csv
    """
    _list(ctx, "people", fmt, _tagged(_kb(ctx).of_kind("people"), tag), pager=pager)


@app.command()
def organisations(
    ctx: typer.Context,
    category: Annotated[
        str | None, typer.Option("--category", "-c", metavar="CATEGORY", help="Only this category, e.g. media, ngo.")
    ] = None,
    tag: TagOpt = None,
    fmt: FormatOpt = Format.table,
    pager: PagerOpt = False,
) -> None:
    """Every body, court, outlet, NGO and programme the briefing names.

    Example: belarus organisations --category media
    """
    rows = _tagged(_kb(ctx).of_kind("organisations"), tag)
    if category:
        rows = [r for r in rows if r.get("category") == category.lower()]
    _list(ctx, "organisations", fmt, rows, pager=pager)


@app.command()
def figures(ctx: typer.Context, tag: TagOpt = None, fmt: FormatOpt = Format.table, pager: PagerOpt = False) -> None:
    """Every number the briefing states, with what it counts.

    Example: belarus figures --tag sanctions
    """
    _list(ctx, "figures", fmt, _tagged(_kb(ctx).of_kind("figures"), tag), pager=pager)


@app.command()
def quotes(
    ctx: typer.Context,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="WHO", help="Only quotes by this person or body (id or any spelling).",
                     autocompletion=_complete_ids),
    ] = None,
    tag: TagOpt = None,
    fmt: FormatOpt = Format.table,
    pager: PagerOpt = False,
) -> None:
    """Every statement the briefing quotes, verbatim, with its speaker.

    Example: belarus quotes --by Lukashenka
    """
    from ..search.resolve import entity

    kb = _kb(ctx)
    rows = _tagged(kb.of_kind("quotes"), tag)
    if by:
        speaker = entity(kb, by, "people", "organisations")
        rows = [r for r in rows if r.get("speaker") == speaker.id]
    _list(ctx, "quotes", fmt, rows, pager=pager)


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
    kb = _kb(ctx)
    rows = sorted(kb.of_kind("footnotes"), key=lambda r: int(r.get("number")))
    if section:
        rows = [r for r in rows if r.get("section") == section]
    _list(ctx, "footnotes", fmt, rows, pager=pager)


@app.command()
def show(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record id, e.g. ryanair-fr4978-forced-landing.",
                                             autocompletion=_complete_ids)],
    fmt: FormatOpt = Format.table,
) -> None:
    """Everything about one record: fields, links both ways, footnote sources, citation.

    Example: belarus show roman-protasevich
    """
    from ..views.card import detail, detail_json, detail_rows
    from ..output.renderers import Column

    kb = _kb(ctx)
    from ..search.resolve import record_by_id

    found = detail(kb, record_by_id(kb, record_id))
    columns = [Column("field", lambda row: row[0], no_wrap=True), Column("value", lambda row: row[1], ratio=1)]
    if fmt is Format.json:
        from ..output.renderers import write_json

        write_json(detail_json(found), sys.stdout)
        return
    emit(fmt, columns, detail_rows(found), as_json=dict)


@app.command()
def cite(
    ctx: typer.Context,
    record_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="One or more record ids.",
                                                    autocompletion=_complete_ids)],
    style: Annotated[
        str, typer.Option("--style", "-s", metavar="STYLE", help="commons (the Library's own), oscola or harvard.")
    ] = "commons",
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="text, markdown, bibtex or csl-json (for Zotero)."),
    ] = "text",
    copy: Annotated[bool, typer.Option("--copy", help="Also put the result on the clipboard.")] = False,
) -> None:
    """A citation ready to paste: briefing, section and pages, and the footnote's own source.

    Example: belarus cite political-prisoners-722 --style oscola --copy
    """
    from ..cite import styles as citation
    from ..search.resolve import record_by_id

    try:
        chosen_style = citation.Style(style.lower())
    except ValueError:
        raise UsageError(f"--style: unknown style {style!r}; use commons, oscola or harvard") from None
    try:
        chosen_format = citation.CiteFormat(fmt.lower())
    except ValueError:
        raise UsageError(f"--format: unknown format {fmt!r}; use text, markdown, bibtex or csl-json") from None
    kb = _kb(ctx)
    records = [record_by_id(kb, record_id) for record_id in record_ids]
    if chosen_format is citation.CiteFormat.csl_json:
        output = citation.csl_json(kb, records)
    elif chosen_format is citation.CiteFormat.bibtex:
        output = "\n\n".join(citation.bibtex(kb, r) for r in records)
    else:
        markdown = chosen_format is citation.CiteFormat.markdown
        output = "\n".join(citation.cite(kb, r, chosen_style, markdown=markdown) for r in records)
    from ..output.escape import safe

    sys.stdout.write(safe(output) + "\n")
    if copy:
        from ..output.clipboard import copy as to_clipboard

        try:
            how = to_clipboard(output)
        except OSError as exc:
            raise UsageError(f"--copy: {exc}") from None
        count = f"{len(records)} citations" if len(records) > 1 else "citation"
        _say(f"copied {count} ({chosen_style.value}, {chosen_format.value}) to the {how}")


@app.command()
def chart(
    ctx: typer.Context,
    series_id: Annotated[str | None, typer.Argument(metavar="SERIES", help="A series id; none lists them.",
                                                    autocompletion=_complete_of_kind("series"))] = None,
) -> None:
    """Draw a data series from the briefing as a bar chart, with its source line.

    Example: belarus chart belarus-exports-to-uk-2016-2020
    """
    from ..views.chart import bar_chart
    from ..output.renderers import plain_terminal

    kb = _kb(ctx)
    if series_id is None:
        _list(ctx, "series", Format.table)
        return
    from ..search.resolve import record_by_id

    record = record_by_id(kb, series_id)
    if record.kind != "series":
        raise UsageError(f"{series_id!r} is a {record.singular}, not a series; `belarus chart` lists the series")
    from ..cite.styles import short_citation
    from ..output.escape import safe

    bar = "#" if plain_terminal(sys.stdout) else "█"
    lines = bar_chart(record, bar=bar, cited=short_citation(kb, record))
    sys.stdout.write("\n".join(safe(line) for line in lines) + "\n")


@app.command()
def info(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """The briefing's details, how many records of each kind, and the data directory in use.

    Example: belarus info
    """
    from ..output.renderers import Column
    from ..kb.kinds import KINDS, RECORD_KINDS

    kb = _kb(ctx)
    s = kb.source.data
    rows: list[tuple[str, str]] = [(name, str(s[name])) for name in ("title", "author", "publisher", "date", "licence")]
    rows += [(KINDS[k].key, str(len(kb.of_kind(k)))) for k in RECORD_KINDS]
    from ..kb.records import display_path

    rows.append(("data directory", display_path(kb.data_dir)))
    columns = [Column("field", lambda row: row[0], no_wrap=True), Column("value", lambda row: row[1], ratio=1)]
    emit(fmt, columns, rows, as_json=lambda row: {"field": row[0], "value": row[1]})


@app.command()
def validate(
    ctx: typer.Context,
    source: Annotated[
        Path | None,
        typer.Option("--source", metavar="FILE", help="Also check quotes, footnotes and numbers against "
                     "this text of the briefing."),
    ] = None,
) -> None:
    """Check the knowledge base; with --source, check it against the briefing's text too.

    Example: belarus validate --source ../shared/sources/belarus-one-year-on-2021-10-05.txt
    """
    kb = _kb(ctx)  # raises DataError (exit 2) with every problem in the files
    counts = ", ".join(f"{len(kb.of_kind(k))} {k}" for k in ("events", "people", "organisations", "figures",
                                                                "quotes", "series", "footnotes"))
    if source is None:
        sys.stdout.write(f"ok: {counts}\n")
        return
    from ..kb import briefing_check as source_checks
    from ..kb.records import display_path
    from ..kb.briefing_text import SourceText

    try:
        text = SourceText.from_file(source, kb.source.data["sections"])
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--source {str(source)!r}: cannot read it as UTF-8 text ({exc})") from None
    problems: list[str] = []

    def where(record: Any) -> str:
        return f"{display_path(record.file)}:{record.line} › {record.id}"

    shown = display_path(source)
    for check in source_checks.check_quotes(kb, text):
        if check.problem:
            problems.append(f"{where(check.record)} › text: {check.problem}")
        else:
            sys.stdout.write(f"{check.record.id}: section {check.section}, {shown} line {check.line}\n")
    for record, message in source_checks.check_footnotes(kb, text):
        problems.append(f"{where(record)} › text: {message}" if record else f"{shown} › {message}")
    for record, message in source_checks.check_figures(kb, text):
        problems.append(f"{where(record)} › value_text: {message}")
    for record, message in source_checks.check_event_years(kb, text):
        problems.append(f"{where(record)} › date: {message}")
    if problems:
        raise DataError(problems)
    sys.stdout.write(f"ok: {counts}; every quote verbatim in {shown}\n")


def main() -> None:
    app(prog_name="belarus")
