"""A cache of the parsed, validated knowledge base (and of the search index) in the user's cache dir.

- Keyed by a hash of every data file's name and bytes, the package version, the Python version and
  the name, size and modification time of each of the package's own files, so any change to any data
  file rebuilds it (the cache can never serve stale data), and so does other code at the same version
  (a ``git pull`` into an editable install, whose index would differ).
- Stored with ``marshal`` (plain dicts, lists and strings only: loading it runs no code, unlike
  pickle), behind a magic header that carries the key. A cache is a sequence of parts, each marshalled
  on its own behind its length, so writing never holds the serialised form of the whole knowledge base
  (100,000 records: about 70 MB) in memory at once. A ``Raw`` part (packed records, postings, vectors)
  is stored as its bytes and read back as a view of the memory-mapped file: a search reads the pages
  it needs, not the whole cache.
- Written atomically (temporary file, then ``os.replace``) with owner-only permissions.
- Checked on every read: a CRC-32 of everything before it ends the file, so a changed byte
  ("people held" made "PEOPLE held") is a corrupt cache, not a fact. A cache too large to check whole
  on each read (CHECKED_BYTES) is checked a record at a time as records are built, and a corrupt one
  is dropped and the command run again from the data (``CorruptCacheError``); only a regular file the user
  owns, writable by no one else, is opened, without blocking (a FIFO planted at its name in a shared
  directory would otherwise hang every command).
- A corrupt, foreign (another user's, or writable by others) or unreadable cache is ignored and
  rebuilt; a cache directory that cannot be written is skipped; a temporary file left by a killed
  build is removed by the next. Never fatal.

The cache directory follows each platform's convention (what platformdirs would give) without
importing it, to keep start-up cheap; ``BELARUS_CACHE_DIR`` overrides it, ``BELARUS_NO_CACHE=1``
turns caching off.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from belarus_cli import __version__

Built = TypeVar("Built")

try:  # the C BLAKE2 that hashlib.blake2b re-exports, without hashlib loading OpenSSL (~2.5 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

MAGIC = b"BELARUS-CACHE\x0a"  # the layout of what is stored; bump when it changes
KEY_BYTES = 32
LENGTH_BYTES = 8
MARSHALLED, RAW, CHECKED_RAW = b"M", b"R", b"C"  # each part's tag, before its length
ALIGN = 8  # every part starts on a multiple of 8 bytes, so that a raw part reads as an array in place
HEADER = ALIGN + LENGTH_BYTES  # the tag, padding, then the length
# The file ends with the CRC-32 of everything before it (8 bytes, little-endian): it catches a changed or
# lost byte at a few instructions a byte, where BLAKE2 cost a search 5% of its start-up. The directory is
# the user's own (0o700, owner checked), so a checksum guards against corruption, not an adversary.
DIGEST_BYTES = 8
# Checked on read up to this size: the shipped knowledge base's caches are about 1.4 MB; a synthetic one
# of 100,000 records (75 MB) would read every page for it (44 ms), where a search reads only the pages
# it needs, so a cache that large is checked a record at a time instead (records.PackedRecords): the
# facts shown are checked; the postings and vectors, which only rank, are not (README, "Speed").
CHECKED_BYTES = 16 * 1024 * 1024
STALE_SECONDS = 3600  # a temporary file this old belongs to no build still running


class CorruptCacheError(Exception):
    """A cached record's bytes fail their checksum (in a cache too large to check whole on each read):
    the CLI drops the cache and runs the command again, from the data files (cli/app.py ``main``)."""

    def __init__(self, kind: str, key: bytes) -> None:
        super().__init__(kind, key)  # as its arguments, so that it crosses from a worker process intact
        self.kind, self.key = kind, key

    def __str__(self) -> str:
        return f"a record in the {self.kind} cache changed since it was written"


def forget(kind: str, key: bytes) -> None:
    """Remove the cache of ``kind`` and ``key`` and the search index built with it, if there."""
    for cached in (kind, kind.replace("kb-", "index-", 1)):
        path = _path(cached, key)
        if path is not None:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass  # another process replaced or removed it; a rebuild replaces it anyway


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN


class Raw(bytes):
    """A part stored as it is, and read back as a memoryview of the mapped file (no copy)."""


class CheckedRaw(Raw):
    """A raw part with its own CRC-32, checked on reading a cache too large to be checked whole: for
    what is shown as fact (ids, kinds, files) but read in place, not marshalled."""


class RawStream:
    """A raw part written a piece at a time, so that it is never joined in memory; read back as Raw."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self.pieces = pieces


def cache_dir() -> Path | None:
    if os.environ.get("BELARUS_NO_CACHE"):
        return None
    override = os.environ.get("BELARUS_CACHE_DIR")
    if override:
        return Path(override)
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no HOME and no password-database entry: run without a cache
        return None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "belarus" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "belarus"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # A relative XDG_CACHE_HOME is to be ignored (the XDG spec): it would put the cache in the working
    # directory, which may be the data directory itself.
    return (Path(xdg) if os.path.isabs(xdg) else home / ".cache") / "belarus"


def code_signature() -> bytes:
    """The signature (``tree_signature``) of the package's own files, taken once per process."""
    global _code_signature
    if _code_signature is None:
        _code_signature = tree_signature(Path(__file__).resolve().parent.parent)
    return _code_signature


def tree_signature(root: Path) -> bytes:
    """The relative path, size and modification time of each file under ``root`` (``__pycache__``
    left out), in a fixed order. Statted, not read, with plain strings (``relpath`` and ``Path``
    tripled its cost): the package's 60 files take about 0.2 ms."""
    entries: list[str] = []
    start = len(str(root)) + 1
    pending = [str(root)]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                for entry in listing:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            pending.append(entry.path)
                        continue
                    stat = entry.stat()
                    entries.append(f"{entry.path[start:]}|{stat.st_size}|{stat.st_mtime_ns}")
        except OSError:  # a package read from a zip file, say: the version alone keys it then
            entries.append(f"{directory[start:]}|unlisted")
    entries.sort()
    return "\n".join(entries).encode("utf-8", "surrogateescape")


_code_signature: bytes | None = None


def content_key(named_contents: list[tuple[str, bytes]]) -> bytes:
    digest = blake2b(digest_size=KEY_BYTES)
    digest.update(f"{__version__}|{sys.version_info[:2]}|{marshal.version}".encode())
    digest.update(code_signature())
    for name, content in named_contents:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(content).to_bytes(8, "little"))
        digest.update(content)
    return digest.digest()


RACY_NS = 2_000_000_000  # a file changed this close to when its stat was recorded is hashed again
FileStat = tuple[str, int, int, int, int, int]


def signature(paths: list[Path]) -> list[FileStat] | None:
    """What the file system says of each file: name, size, inode, device, and the modification and
    status-change times; None where that cannot be trusted to show every write. The status-change time
    (ctime) moves on every write and cannot be set back, as the modification time can (``touch``,
    ``os.utime``): on Windows it means creation instead, so there the bytes are always hashed."""
    if os.name != "posix":
        return None
    try:
        stats = [(p.name, p.stat()) for p in paths]
    except OSError:
        return None
    return [(name, st.st_size, st.st_ino, st.st_dev, st.st_mtime_ns, st.st_ctime_ns) for name, st in stats]


def known_key(scope: str, files: list[FileStat]) -> bytes | None:
    """The content key recorded for exactly these files, trusted as git trusts its index: the same
    size, inode and times mean the same bytes, unless a file changed within RACY_NS of the recording (a
    coarse clock could then hide a second write). A warm start then reads no data file at all."""
    stored = read(f"stat-{scope}", content_key([]))
    if not stored or len(stored) != 1:
        return None
    recorded_files, key, recorded_at = stored[0]
    if [tuple(f) for f in recorded_files] != files or not isinstance(key, bytes):
        return None
    if any(max(mtime, ctime) >= recorded_at - RACY_NS for *_, mtime, ctime in files):
        return None
    return key


def remember_key(scope: str, files: list[FileStat], key: bytes) -> None:
    import time

    write(f"stat-{scope}", content_key([]), [[files, key, time.time_ns()]])


def scope_of(directory: Path) -> str:
    """A short name for a data directory, so that each knowledge base keeps its own cache files."""
    return blake2b(str(directory.resolve()).encode("utf-8", "surrogateescape"), digest_size=4).hexdigest()


def get_or_build(
    kind: str,
    key: bytes,
    *,
    build: Callable[[], Built],
    restore: Callable[[list[Any]], Built],
    parts: Callable[[Built], Iterable[Any]],
    reuse: bool = True,
) -> Built:
    """The value cached under ``kind`` and ``key``, restored; else built, and cached for next time.

    ``restore`` raises (TypeError, ValueError, KeyError, IndexError, StopIteration) on a cache of another
    shape, which is then rebuilt. What ``build`` raises (bad data) propagates, and nothing is cached.
    An empty ``key`` means "do not cache".
    """
    if key and reuse:  # not ``reuse``: build, and write the cache afresh
        found = restored(kind, key, restore)
        if found is not None:
            return found
    value = build()
    if key:
        write(kind, key, parts(value))
    return value


def restored(kind: str, key: bytes, restore: Callable[[list[Any]], Built]) -> Built | None:
    """The value cached under ``kind`` and ``key``, restored; None when there is none, or it is of
    another shape (``restore`` raising TypeError, ValueError, KeyError, IndexError or StopIteration)."""
    stored = read(kind, key)
    if stored is None:
        return None
    try:
        return restore(stored)
    except (TypeError, ValueError, KeyError, IndexError, StopIteration, CorruptCacheError):
        return None


def _path(kind: str, key: bytes) -> Path | None:
    directory = cache_dir()
    return directory / f"{kind}-{key.hex()[:32]}.marshal" if directory else None


def read(kind: str, key: bytes) -> list[Any] | None:
    """The parts written by ``write``, or None when there is no usable cache."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        # Not blocking (a FIFO at this name would wait for a writer for ever) and not through a symlink.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            import stat

            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None  # a FIFO, a device, a directory: not a cache
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None  # foreign: not ours, or others could have written it
            if handle.read(len(MAGIC)) != MAGIC or handle.read(KEY_BYTES) != key:
                return None
            import mmap

            # The mapping outlives the file object; the file is only ever replaced, never rewritten in
            # place (see write), so the pages mapped stay what was checked.
            whole = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        if len(whole) < DIGEST_BYTES:
            return None
        checked = len(whole) <= CHECKED_BYTES
        if checked and _digest(whole[:-DIGEST_BYTES]) != whole[-DIGEST_BYTES:]:
            return None  # changed since it was written: corrupt
        body = whole[:-DIGEST_BYTES]
        parts: list[Any] = []
        offset = _aligned(len(MAGIC) + KEY_BYTES)
        while offset < len(body):
            tag = bytes(body[offset : offset + 1])
            size = int.from_bytes(body[offset + ALIGN : offset + HEADER], "little")
            start, end = offset + HEADER, offset + HEADER + size
            if tag == b"\0" and size == 0:
                return parts if end == len(body) else None  # the end mark, and nothing after it
            if end > len(body) or tag not in (MARSHALLED, RAW, CHECKED_RAW):
                return None  # truncated, or not a part
            digest = body[offset + 1 : offset + 1 + PART_DIGEST_BYTES]
            if tag != RAW and not checked and _digest(body[start:end], PART_DIGEST_BYTES) != digest:
                return None  # a changed byte in a large cache's ids, names or index tables: corrupt
            parts.append(marshal.loads(body[start:end]) if tag == MARSHALLED else body[start:end])
            offset = _aligned(end)
        return None  # no end mark: a write that never finished
    except (OSError, EOFError, ValueError, TypeError):
        return None  # missing, unreadable or corrupt: rebuild


def write(kind: str, key: bytes, parts: Iterable[Any]) -> None:
    """Store ``parts`` (plain values), each serialised only when its turn comes."""
    path = _path(kind, key)
    if path is None:
        return
    import tempfile  # only a write needs it: tempfile imports random, which every read would pay for

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                written = handle.write(MAGIC + key)
                for part in parts:
                    written += handle.write(bytes(_aligned(written) - written))
                    if isinstance(part, RawStream):
                        written += handle.write(RAW.ljust(ALIGN, b"\0"))
                        length_at = written
                        written += handle.write(bytes(LENGTH_BYTES))  # the length, once it is known
                        size = sum(handle.write(piece) for piece in part.pieces)
                        handle.seek(length_at)
                        handle.write(size.to_bytes(LENGTH_BYTES, "little"))
                        handle.seek(0, os.SEEK_END)
                        written += size
                        continue
                    raw = isinstance(part, Raw)
                    data = part if raw else marshal.dumps(part)
                    # A marshalled or checked part's CRC-32 sits in its tag's padding: checked on reading
                    # a cache too large to check whole (other raw parts: the records check themselves).
                    if raw and not isinstance(part, CheckedRaw):
                        tag = RAW
                    else:
                        tag = (CHECKED_RAW if raw else MARSHALLED) + _digest(data, PART_DIGEST_BYTES)
                    written += handle.write(tag.ljust(ALIGN, b"\0"))
                    written += handle.write(len(data).to_bytes(LENGTH_BYTES, "little"))
                    written += handle.write(data)
                    del data
                written += handle.write(bytes(_aligned(written) - written))
                handle.write(bytes(HEADER))  # end mark: a zero tag and length
                handle.flush()
                handle.write(_digest_of(temporary))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(path.parent, kind, keep=path)
    except (OSError, ValueError):
        return  # unwritable cache directory, full disk, ...: work without a cache


PART_DIGEST_BYTES = 4  # a marshalled part's CRC-32, in the padding after its tag


def _digest(data: Any, size: int = DIGEST_BYTES) -> bytes:
    import zlib

    return zlib.crc32(data).to_bytes(size, "little")


def _digest_of(path: str) -> bytes:
    """The checksum of the file as written so far, read back a megabyte at a time (a part's length is
    written after the part, so it cannot be kept while writing)."""
    import zlib

    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc.to_bytes(DIGEST_BYTES, "little")


def _prune(directory: Path, kind: str, keep: Path) -> None:
    """Drop older caches of the same kind so the directory does not grow with every edit, and the
    temporary files of builds that were killed (an hour old: no build still running takes so long)."""
    import time

    for old in directory.glob(f"{kind}-*.marshal"):
        if old != keep:
            old.unlink(missing_ok=True)
    for left in directory.glob(".*.tmp"):
        try:
            if time.time() - left.stat().st_mtime > STALE_SECONDS:
                left.unlink(missing_ok=True)
        except OSError:
            pass
