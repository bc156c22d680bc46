"""Writing a file the user asked for without losing what was there: the new file is made beside the
target and moved into place in one step, so a full disk or a failure leaves the old file whole."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from belarus_cli.errors import CannotWriteError, UsageError

from .escape import quoted

# A write that failed for want of room or a device, not because of what was asked: exit 74.
NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def write_atomically(path: Path, make: Callable[[Path], object]) -> None:
    """``make`` writes a new file at the path it is given, beside ``path``, which then takes its place.
    OSError becomes a one-line error: CannotWriteError (exit 74) for a full disk, UsageError else."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".part{path.suffix}", dir=directory)
    except OSError as exc:
        raise UsageError(f"{quoted(path)}: {exc.strerror or exc}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        temporary.unlink()  # reserved only: sqlite3 and pandoc make their own file
        make(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        failed = CannotWriteError if exc.errno in NO_ROOM else UsageError
        raise failed(f"cannot write {quoted(path)}: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)
