"""Tables of lines sorted by their bytes, mapped rather than read: a lookup is a binary search over the
lines, so a search reads the few lines it needs and never parses the whole file. Header lines start
with "#", which sorts before every key. Used by the related words and the irregular verb forms."""

from __future__ import annotations

from pathlib import Path


def mapped(path: Path) -> bytes:
    """The file's bytes, memory-mapped; empty when it is missing or empty (the lookups then find nothing)."""
    import mmap

    try:
        with open(path, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)  # type: ignore[return-value]
    except (OSError, ValueError):
        return b""


def line_of(data: bytes, key: bytes) -> bytes | None:
    """The line of ``data`` whose first tab-separated field is ``key``."""
    low, high = 0, len(data)
    while low < high:
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        tab = data.find(b"\t", start, end)
        found = data[start : tab if tab >= 0 else end]
        if found == key:
            return data[start:end]
        if found < key:
            low = end + 1
        else:
            high = start
    return None
