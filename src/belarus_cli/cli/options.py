"""Options shared by several commands, defined once; choices derived from the registries they name
(kinds, categories, formats, styles), so a bad value fails at parse time with exit 2; and shell
completion of ids, names and tags."""

# No `from __future__ import annotations`: Typer reads these annotations at run time.

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from belarus_cli.cite import CiteFormat, Style
from belarus_cli.errors import BelarusError, UsageError
from belarus_cli.kb.dates import PartialDate, parse_date
from belarus_cli.kb.kinds import KINDS, ORGANISATION_CATEGORIES, RECORD_KINDS
from belarus_cli.kb.ordering import Order
from belarus_cli.kb.records import KnowledgeBase
from belarus_cli.output.renderers import Format

if TYPE_CHECKING:  # members of a StrEnum are str, which is how the commands use them
    KindName = str
    Category = str
else:
    KindName = StrEnum("KindName", {KINDS[key].singular: KINDS[key].singular for key in RECORD_KINDS})
    Category = StrEnum("Category", {name: name for name in ORGANISATION_CATEGORIES})


def date_option(value: str | None, option: str) -> PartialDate | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def date_range(date_from: str | None, date_to: str | None) -> tuple[PartialDate | None, PartialDate | None]:
    """--from and --to, each read at its own precision; the same usage error in every command when the
    range is back to front (search said "no matches" where the timeline refused)."""
    start, end = date_option(date_from, "--from"), date_option(date_to, "--to")
    if start and end and start.first_day() > end.last_day():
        raise UsageError(f"--from {start.iso()} is after --to {end.iso()}")
    return start, end


# -- completion ---------------------------------------------------------------------------------------


def _completion_kb() -> KnowledgeBase | None:
    """The knowledge base for shell completion (the environment's, or the shipped one); None if broken:
    completion offers nothing rather than print a traceback into the user's command line."""
    from belarus_cli.kb.store import load, resolve_data_dir

    try:
        return load(resolve_data_dir(None))
    except (BelarusError, OSError, ValueError, RecursionError, MemoryError):
        return None


def _quietly(complete: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """A completion that fails offers nothing: the shell shows no traceback (issue 16)."""

    def guarded(incomplete: str) -> list[str]:
        try:
            return complete(incomplete)
        except Exception:
            return []

    return guarded


def for_the_shell(values: Iterable[str]) -> list[str]:
    """Completion candidates a shell can take as they are: none holding a control or format character
    (data must not forge a line or send an escape sequence to the terminal), and in bash, which inserts
    a candidate exactly as given, each space or shell character escaped ("Dominic\\ Raab": a backslash,
    not quotes, so the candidate still starts with what was typed, which Typer requires); zsh and fish
    quote their own, zsh once ``quote_candidates_as_zsh_reads_them`` has mended Typer's quoting (Typer
    tells which shell asks in _BELARUS_COMPLETE)."""
    import os
    import re
    import unicodedata

    clean = [v for v in values if v and not any(unicodedata.category(c).startswith("C") for c in v)]
    if "bash" in os.environ.get("_BELARUS_COMPLETE", ""):  # Typer sets complete_bash
        return [re.sub(r"([^\w@%+=:,./-])", r"\\\1", v) for v in clean]
    return clean


def quote_candidates_as_zsh_reads_them() -> None:
    """Typer (0.28) writes zsh's candidates as ``_arguments '*: :(("value"))'`` for zsh to eval, and
    doubles a ' or " inside them: zsh reads that as closing and reopening the quotes, so "Michael
    O'Leary" came out "Michael OLeary" and matched nothing (issue 12). Its zsh candidates are quoted
    here as zsh reads them; nothing else of Typer's completion changes."""
    from typer._completion_classes import ZshComplete

    ZshComplete.format_completion = _zsh_candidate  # type: ignore[method-assign, assignment]


def _zsh_candidate(_: object, item: Any) -> str:
    return f'"{_for_zsh(item.value)}":"{_for_zsh(item.help)}"' if item.help else f'"{_for_zsh(item.value)}"'


def _for_zsh(text: str) -> str:
    """A value inside double quotes (\\, ", $ and ` take a backslash; a colon would end the value, so it
    takes one more for _arguments), inside the single quotes zsh evals (a ' closes them, escaped, and
    reopens them)."""
    import re

    inside_double = re.sub(r'([\\"$`])', r"\\\1", text).replace(":", r"\\:")
    return inside_double.replace("'", "'\\''")


@_quietly
def complete_ids(incomplete: str) -> list[str]:
    kb = _completion_kb()
    return for_the_shell(r.id for r in kb if r.id.startswith(incomplete)) if kb else []


def complete_of_kind(*kinds: str) -> Callable[[str], list[str]]:
    """Ids of these kinds, and for people and organisations their names, found from any spelling the data
    gives (--person tikh<TAB> offers Svetlana Tikhanovskaya; Лук<TAB> Alexandr Lukashenko)."""

    def complete(incomplete: str) -> list[str]:

        kb = _completion_kb()
        if kb is None:
            return []
        wanted = incomplete.casefold()
        records = [r for kind in kinds for r in kb.of_kind(kind)]
        found = [r.id for r in records if r.id.startswith(wanted)]
        for record in records:
            # Any spelling that starts as typed, completed in the case typed (Typer keeps only candidates
            # that start with it): "tikh" -> "tikhanovskaya", which --person reads as any spelling.
            for spelling in [str(record.get("name") or ""), *record.spellings()]:
                if spelling and spelling.casefold().startswith(wanted):
                    found.append(incomplete + spelling[len(incomplete) :])
        return for_the_shell(dict.fromkeys(found))

    return _quietly(complete)


@_quietly
def complete_tags(incomplete: str) -> list[str]:
    kb = _completion_kb()
    return for_the_shell(sorted({t for r in kb for t in r.list("tags") if t.startswith(incomplete)})) if kb else []


# -- the options ----------------------------------------------------------------------------------------

FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format: table, plain, json, csv or markdown."),
]
FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="From this date: 2021, 2021-05 or 2021-05-23.")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Up to this date (inclusive), same forms as --from.")
]
PagerOpt = Annotated[bool, typer.Option("--pager", help="Page long output (when stdout is a terminal).")]
SortOpt = Annotated[
    Order | None,
    typer.Option(
        "--sort",
        case_sensitive=False,
        help="Order: date (as the timeline places it), briefing (where it is stated) or name (A to Z).",
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag", "-t", metavar="TAG", help="Only records with this tag (repeatable).", autocompletion=complete_tags
    ),
]
KindOpt = Annotated[
    list[KindName] | None,
    typer.Option(
        "--kind",
        "-k",
        case_sensitive=False,
        help="Only this kind (repeatable): " + ", ".join(KINDS[k].singular for k in RECORD_KINDS) + ".",
    ),
]
CategoryOpt = Annotated[
    Category | None,
    typer.Option("--category", "-c", case_sensitive=False, help="Only organisations of this category."),
]
PersonOpt = Annotated[
    str | None,
    typer.Option(
        "--person",
        "-p",
        metavar="PERSON",
        help="Only events involving this person (id or any spelling).",
        autocompletion=complete_of_kind("people"),
    ),
]
OrgOpt = Annotated[
    str | None,
    typer.Option(
        "--org",
        "-o",
        metavar="ORG",
        help="Only events involving this organisation (id or name).",
        autocompletion=complete_of_kind("organisations"),
    ),
]
StyleOpt = Annotated[
    Style,
    typer.Option("--style", "-s", case_sensitive=False, help="commons (the Library's own), oscola or harvard."),
]
CiteFormatOpt = Annotated[
    CiteFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="text, markdown, bibtex or csl-json (for Zotero)."),
]
