"""The command line: parse options, call one domain function, hand the rows to ``render``.

Heavy libraries (Rich, PyYAML, RapidFuzz) are imported inside the modules that use them, never here,
so ``belarus --help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import __version__
from .dates import PartialDate, parse_date
from .errors import BelarusError, DataError, ExitCode, NotFoundError, UsageError
from .model import KnowledgeBase
from .render import Format, emit

MAX_PROBLEM_LINES = 200


def _say(message: str) -> None:
    from .safe_text import safe

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


app = typer.Typer(
    cls=_Group,
    name="belarus",
    help="Find, check and cite facts from the House of Commons Library briefing "
    "'Belarus: One year on from the disputed Presidential election' (5 October 2021).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# -- shared options ------------------------------------------------------------------------------------

FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format: table, json, csv or markdown."),
]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", "-t", help="Only records with this tag (repeatable).")]
FromOpt = Annotated[str | None, typer.Option("--from", help="From this date: 2021, 2021-05 or 2021-05-23.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Up to this date (inclusive), same forms as --from.")]


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
    from .store import load, resolve_data_dir

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


def _list(ctx: typer.Context, kind: str, fmt: Format, records: list[Any] | None = None, title: str = "") -> None:
    from .views import columns_for, record_json

    kb = _kb(ctx)
    rows = kb.of_kind(kind) if records is None else records
    if not rows:
        _nothing(kind)
    emit(fmt, columns_for(kind, kb), rows, as_json=record_json, title=title or None)


# -- commands ------------------------------------------------------------------------------------------


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help="Words to look for, in any spelling or script.")],
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="Only this kind: event, person, organisation, figure, quote, "
                     "footnote, series (repeatable)."),
    ] = None,
    tag: TagOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="At most this many results.")] = 10,
    fmt: FormatOpt = Format.table,
) -> None:
    """Search every kind of record, best match first.

    Example: belarus search Pratasevich
    """
    from .citation import short_citation
    from .render import Column
    from .schema import SINGULAR_TO_KEY
    from .search import SearchIndex, hit_json

    text = " ".join(query).strip()
    if not text:
        raise UsageError("give some words to search for, e.g. belarus search Protasevich")
    kinds = set()
    for name in kind or []:
        key = SINGULAR_TO_KEY.get(name.lower()) or (name.lower() if name.lower() in SINGULAR_TO_KEY.values() else None)
        if key is None or key == "source":
            raise UsageError(f"--kind: unknown kind {name!r}; use one of {', '.join(sorted(SINGULAR_TO_KEY)[:-1])}")
        kinds.add(key)
    kb = _kb(ctx)
    index = SearchIndex(kb)
    hits = index.search(text, kinds=kinds or None, tags=set(tag or []) or None,
                        start=_date_option(date_from, "--from"), end=_date_option(date_to, "--to"), limit=limit)
    if not hits:
        raise NotFoundError(f"no matches for {text!r}", index.suggest(text))
    columns = [
        Column("kind", lambda h: h.record.singular, no_wrap=True),
        Column("id", lambda h: h.record.id, no_wrap=True),
        Column("date", lambda h: h.record.date_text),
        Column("match", lambda h: h.record.label + (f"  ({h.via})" if h.via else ""), ratio=1),
    ]
    emit(fmt, columns, hits, as_json=lambda h: hit_json(h, short_citation(kb, h.record)))


@app.command()
def timeline(
    ctx: typer.Context,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    tag: TagOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Dated events in order, at the briefing's own precision.

    Example: belarus timeline --from 2021-05 --to 2021-06
    """
    from .timeline import events_in_order

    start, end = _date_option(date_from, "--from"), _date_option(date_to, "--to")
    events = events_in_order(_kb(ctx), start=start, end=end, tags=set(tag or []))
    if not events:
        _nothing("events in that range")
    _list(ctx, "events", fmt, events)


@app.command()
def people(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Everyone the briefing names, with their roles.

    Example: belarus people --format csv
    """
    _list(ctx, "people", fmt)


@app.command()
def organisations(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Every body, court, outlet, NGO and programme the briefing names.

    Example: belarus organisations
    """
    _list(ctx, "organisations", fmt)


@app.command()
def figures(ctx: typer.Context, tag: TagOpt = None, fmt: FormatOpt = Format.table) -> None:
    """Every number the briefing states, with what it counts.

    Example: belarus figures --tag sanctions
    """
    kb = _kb(ctx)
    wanted = set(tag or [])
    rows = [r for r in kb.of_kind("figures") if not wanted or wanted & set(r.list("tags"))]
    _list(ctx, "figures", fmt, rows)


@app.command()
def quotes(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Every statement the briefing quotes, verbatim, with its speaker.

    Example: belarus quotes --format markdown
    """
    _list(ctx, "quotes", fmt)


@app.command()
def footnotes(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """The briefing's 98 footnotes and the sources they cite.

    Example: belarus footnotes --format json
    """
    kb = _kb(ctx)
    rows = sorted(kb.of_kind("footnotes"), key=lambda r: int(r.get("number")))
    _list(ctx, "footnotes", fmt, rows)


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
    from . import source_checks
    from .source_text import SourceText
    from .store import display_path

    try:
        text = SourceText.from_file(source, kb.source.data["sections"])
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--source {str(source)!r}: cannot read it as UTF-8 text ({exc})") from None
    problems: list[str] = []

    def where(record: Any) -> str:
        return f"{record.file}:{record.line} › {record.id}"

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
