"""The command layer: the Typer app, its errors and the session every command shares (``app``), the
shared options, choices and completion (``options``) and the commands, wiring only (``commands``)."""

# The C module, not ``signal``: that one imports enum, which takes long enough for a Ctrl-C to land in it.
import _signal  # type: ignore[import-not-found]


def _interrupted_while_starting(signum: int, frame: object) -> None:
    # The documented exit code, at once and quietly. Not SystemExit: raised inside an import, it can
    # surface wrapped ("RuntimeError: Error calling __set_name__" while a dataclass is being made), and
    # nothing has been written yet that an orderly exit would flush.
    import os

    os._exit(130)


# Ctrl-C while the command layer is imported (most of a warm command's life) printed a traceback from
# inside typer's or datetime's imports; once imported, main() turns Ctrl-C into exit 130 itself.
try:
    _previous = _signal.signal(_signal.SIGINT, _interrupted_while_starting)
except ValueError:  # not the main thread (imported by a test runner's worker): nothing to guard
    _previous = None
try:
    from . import commands  # noqa: F401 - registers the commands on the app
    from .app import app, main
finally:
    if _previous is not None:
        _signal.signal(_signal.SIGINT, _previous)

__all__ = ["app", "main"]
