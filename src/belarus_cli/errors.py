"""One exception family and the exit codes the CLI documents.

Domain modules raise these; only ``cli.py`` turns them into a message on stderr and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NOTHING_FOUND = 1
    USAGE_OR_DATA = 2
    INTERNAL = 70  # a bug in belarus (EX_SOFTWARE): never the user's input
    CANNOT_WRITE = 74  # the output could not be written: stdout closed, a full disk (EX_IOERR)
    INTERRUPTED = 130


class BelarusError(Exception):
    """Base of every error the CLI reports as a clean message."""

    exit_code: ExitCode = ExitCode.USAGE_OR_DATA


class UsageError(BelarusError):
    """A bad option value or argument (exit 2)."""


class NotFoundError(BelarusError):
    """Nothing matched: an unknown id, no search hits (exit 1)."""

    exit_code = ExitCode.NOTHING_FOUND

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class DataError(BelarusError):
    """The knowledge base has problems; each is one line ``file:line › id › field: problem``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"the knowledge base has {len(problems)} {noun}")


@dataclass
class Problems:
    """Data problems collected one line each (`file:line › record id › field: problem`), reported together."""

    lines: list[str] = field(default_factory=list)
    # Ids of records left unbuilt for problems of their own: a reference to one is not reported again
    # ("no footnote 5" for every record citing a footnote whose url was refused).
    refused: set[str] = field(default_factory=set)

    def add(self, file: str, line: int, record_id: str | None, where: str | None, message: str) -> None:
        parts = [f"{file}:{line}" if line else file]
        if record_id:
            parts.append(record_id)
        parts.append(f"{where}: {message}" if where else message)
        self.lines.append(" › ".join(parts))


class CannotWriteError(BelarusError):
    """The output could not be written: a full disk, a closed or failing device (exit 74)."""

    exit_code = ExitCode.CANNOT_WRITE
