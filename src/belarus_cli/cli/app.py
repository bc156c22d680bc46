"""The Typer app: errors turned into one line and a named exit code, the global options, and the
``Session`` every command shares (the knowledge base, loaded once, and the terminal's facts).

Heavy libraries (Rich, PyYAML, RapidFuzz) are imported inside the modules that use them, never here,
so ``belarus --help`` and ``--version`` stay fast.
"""

# No `from __future__ import annotations` here: Typer reads these annotations at every start, and as
# strings each would be compiled and evaluated (about 15 ms a run).

import errno
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from belarus_cli import __version__
from belarus_cli.errors import BelarusError, DataError, ExitCode, NotFoundError
from belarus_cli.kb.records import KnowledgeBase
from belarus_cli.output.renderers import Format, emit
from belarus_cli.output.terminal import Terminal
from belarus_cli.output.view import View

MAX_PROBLEM_LINES = 200


def say(message: str) -> None:
    """A message for the user, on stderr (stdout carries only the payload), escaped like all output and
    always one line: a key or file name holding a line break cannot split it or forge a second line
    ("evil\\nbelarus: ok, no problems")."""
    from belarus_cli.output.escape import safe

    one_line = message.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    if sys.stderr is None:  # started with stderr closed: the exit code still says what happened
        return
    try:
        sys.stderr.write(safe(one_line) + "\n")
        sys.stderr.flush()
    except OSError:
        # A full or closed stderr must not turn the outcome into another one: what is still buffered
        # would fail again in Python's flush at exit, which then exits 120 (stderr on /dev/full).
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def _report(error: BelarusError) -> None:
    if isinstance(error, DataError):
        for line in error.problems[:MAX_PROBLEM_LINES]:
            say(line)
        hidden = len(error.problems) - MAX_PROBLEM_LINES
        if hidden > 0:
            say(f"... and {hidden} more")
        say(f"belarus: {error}; fix the lines above (exit {int(error.exit_code)})")
        return
    say(f"belarus: {error}")
    if isinstance(error, NotFoundError) and error.suggestions:
        say("did you mean: " + ", ".join(error.suggestions) + "?")


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
        except OSError as error:
            if error.errno not in WRITE_ERRORS:
                raise
            cannot_write(error)
        except Exception as error:  # a bug: one line a researcher can report, not a traceback
            # The parser's own exceptions (usage errors, typer.Exit) carry an exit code: Typer reports them.
            # A corrupt cached record is main()'s to handle: it drops the cache and runs the command again.
            if hasattr(error, "exit_code") or isinstance(error, typer.Abort) or os.environ.get("BELARUS_DEBUG"):
                raise
            if type(error).__name__ == "CorruptCacheError" and not _retried:
                raise
            say(
                f"belarus: internal error: {type(error).__name__}: {error} (a bug in belarus {__version__}; "
                "please report it with the command you ran; BELARUS_DEBUG=1 shows the traceback)"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _show_usage_error_in_one_line(error: Any, file: Any = None) -> None:
    """Click prints a usage error as four lines (Usage, Try, a blank, Error); belarus says every bad
    input in one: "belarus: Invalid value for '--style' / '-s': 'apa' is not one of ... (belarus cite
    --help)". The message is Click's own, control characters shown as the screen shows them."""
    from belarus_cli.output.escape import safe

    command = error.ctx.command_path if getattr(error, "ctx", None) is not None else "belarus"
    message = " ".join(safe(error.format_message()).split())
    typer.echo(f"belarus: {message} ({command} --help)", err=True)


# Typer 0.28 raises and shows the usage errors of the Click it vendors (typer._click), which no public
# setting formats; like the zsh fix in options.py, this replaces one method, and the tests say if a
# Typer upgrade moves it.
typer.core._click.exceptions.UsageError.show = _show_usage_error_in_one_line  # type: ignore[attr-defined]


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


class Session:
    """What every command of one run shares: decided once, at the start, and passed down."""

    def __init__(self, data: str | None, terminal: Terminal) -> None:
        self.data = data  # --data or BELARUS_DATA; None for the shipped knowledge base
        self.terminal = terminal
        self._kb: KnowledgeBase | None = None

    def kb(self, *, fresh: bool = False) -> KnowledgeBase:
        """The knowledge base, from the cache where it serves; ``fresh`` parses and checks every file
        whatever the cache holds (validate: rules added since the cache was written apply too)."""
        if self._kb is None or fresh:
            from belarus_cli.kb.store import load, resolve_data_dir

            self._kb = load(resolve_data_dir(self.data), use_cache=not fresh)
        return self._kb

    def show(self, view: View, fmt: Format, *, pager: bool = False) -> None:
        emit(view, fmt, self.terminal, pager=pager)


def session(ctx: typer.Context) -> Session:
    found = ctx.find_root().obj
    assert isinstance(found, Session), "the app callback sets the session"
    return found


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"belarus {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="BELARUS_DATA",
            metavar="DIR",
            help="Knowledge-base directory to use instead of the shipped one.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    ctx.obj = Session(data=data, terminal=Terminal.of(sys.stdout))


# What a failed write of the output looks like: a full disk or quota, a closed or broken descriptor.
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EBADF, errno.EIO})


def cannot_write(error: OSError | None) -> NoReturn:
    """One line, exit 74, and stdout pointed at nothing so that Python's own flush at exit is quiet."""
    say(f"belarus: cannot write output: {error.strerror if error else 'standard output is closed'}")
    if sys.stdout is not None:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
    raise SystemExit(int(ExitCode.CANNOT_WRITE))


def _never_fail_to_encode() -> None:
    """An output encoding that cannot hold the text (PYTHONIOENCODING=ascii, an odd locale, a file name
    with a byte that is not UTF-8) writes \\u escapes instead of failing with exit 70."""
    for stream in (sys.stdout, sys.stderr):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("_", "-")
        if stream is not None and hasattr(stream, "reconfigure") and encoding not in ("utf-8", "utf8"):
            stream.reconfigure(errors="backslashreplace")  # strict or surrogateescape both failed here


_retried: list[bool] = []  # set once main() has dropped a corrupt cache and runs the command again


def _run_once_more_if_the_cache_is_corrupt() -> None:
    """Run the command; if a cached record fails its checksum (before any output: every view builds its
    records first), drop that cache and run the command again, from the data files. Once only: a
    second corrupt record is reported as the bug it would then be."""
    try:
        app(prog_name="belarus")
    except Exception as error:
        # By name: importing the cache module here would put it on the path of --help and --version.
        if type(error).__name__ != "CorruptCacheError":
            raise
        from belarus_cli.kb.cache import forget

        forget(error.kind, error.key)  # type: ignore[attr-defined]
        _retried.append(True)
        app(prog_name="belarus")


def main() -> None:
    if sys.stdout is None:  # started with its standard output closed
        cannot_write(None)
    try:
        _never_fail_to_encode()  # inside: a Ctrl-C this early must end as quietly as one later
        if os.environ.get("_BELARUS_COMPLETE") == "complete_zsh":  # zsh asks for candidates (TAB)
            from .options import quote_candidates_as_zsh_reads_them

            quote_candidates_as_zsh_reads_them()
        _run_once_more_if_the_cache_is_corrupt()
    except SystemExit as ending:
        try:  # what is still buffered (--version writes before a command runs)
            sys.stdout.flush()
        except OSError as error:
            if error.errno in WRITE_ERRORS:
                cannot_write(error)
        if ending.code == int(ExitCode.INTERRUPTED):
            # Interrupted: everything the command cleans up (temporary files, workers) is done by now;
            # Python's exit hooks would wait for the worker pool's manager thread, which can hang.
            try:
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
            os._exit(int(ExitCode.INTERRUPTED))
        raise
    except KeyboardInterrupt:  # while Typer builds the command from the functions, before _Group runs it
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except OSError as error:  # a write during option parsing (--version to a full disk)
        if error.errno not in WRITE_ERRORS:
            raise
        cannot_write(error)
