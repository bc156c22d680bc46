"""A cache of the parsed, validated knowledge base (and of the search index) in the user's cache dir.

- Keyed by a hash of every data file's name and bytes, the package version and the Python version, so
  any change to any data file rebuilds it: the cache can never serve stale data.
- Stored with ``marshal`` (plain dicts, lists and strings only: loading it runs no code, unlike
  pickle), behind a magic header that carries the key. A cache is a sequence of parts, each marshalled
  on its own behind its length, so writing never holds the serialised form of the whole knowledge base
  (100,000 records: about 70 MB) in memory at once.
- Written atomically (temporary file, then ``os.replace``) with owner-only permissions.
- A corrupt, foreign (another user's, or writable by others) or unreadable cache is ignored and
  rebuilt; a cache directory that cannot be written is skipped. Never fatal.

The cache directory follows each platform's convention (what platformdirs would give) without
importing it, to keep start-up cheap; ``BELARUS_CACHE_DIR`` overrides it, ``BELARUS_NO_CACHE=1``
turns caching off.
"""

from __future__ import annotations

import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from belarus_cli import __version__

Built = TypeVar("Built")

try:  # the C BLAKE2 that hashlib.blake2b re-exports, without hashlib loading OpenSSL (~2.5 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

MAGIC = b"BELARUS-CACHE\x05"  # the layout of what is stored; bump when it changes
KEY_BYTES = 32
LENGTH_BYTES = 8


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
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "belarus"


def content_key(named_contents: list[tuple[str, bytes]]) -> bytes:
    digest = blake2b(digest_size=KEY_BYTES)
    digest.update(f"{__version__}|{sys.version_info[:2]}|{marshal.version}".encode())
    for name, content in named_contents:
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(content).to_bytes(8, "little"))
        digest.update(content)
    return digest.digest()


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
) -> Built:
    """The value cached under ``kind`` and ``key``, restored; else built, and cached for next time.

    ``restore`` raises (TypeError, ValueError, KeyError, IndexError, StopIteration) on a cache of another
    shape, which is then rebuilt. What ``build`` raises (bad data) propagates, and nothing is cached.
    An empty ``key`` means "do not cache".
    """
    if key:
        stored = read(kind, key)
        if stored is not None:
            try:
                return restore(stored)
            except (TypeError, ValueError, KeyError, IndexError, StopIteration):
                pass  # another shape: rebuild it
    value = build()
    if key:
        write(kind, key, parts(value))
    return value


def _path(kind: str, key: bytes) -> Path | None:
    directory = cache_dir()
    return directory / f"{kind}-{key.hex()[:32]}.marshal" if directory else None


def read(kind: str, key: bytes) -> list[Any] | None:
    """The parts written by ``write``, or None when there is no usable cache."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None  # foreign: not ours, or others could have written it
            if handle.read(len(MAGIC)) != MAGIC or handle.read(KEY_BYTES) != key:
                return None
            body = memoryview(handle.read())
        parts: list[Any] = []
        offset = 0
        while offset < len(body):
            size = int.from_bytes(body[offset : offset + LENGTH_BYTES], "little")
            start, offset = offset + LENGTH_BYTES, offset + LENGTH_BYTES + size
            if size == 0:
                return parts if offset == len(body) else None  # the end mark, and nothing after it
            if offset > len(body):
                return None  # truncated
            parts.append(marshal.loads(body[start:offset]))
        return None  # no end mark: a write that never finished
    except (OSError, EOFError, ValueError, TypeError):
        return None  # missing, unreadable or corrupt: rebuild


def write(kind: str, key: bytes, parts: Iterable[Any]) -> None:
    """Store ``parts`` (plain values), each serialised only when its turn comes."""
    path = _path(kind, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + key)
                for part in parts:
                    data = marshal.dumps(part)
                    handle.write(len(data).to_bytes(LENGTH_BYTES, "little"))
                    handle.write(data)
                    del data
                handle.write(bytes(LENGTH_BYTES))  # end mark: a zero length
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(path.parent, kind, keep=path)
    except (OSError, ValueError):
        return  # unwritable cache directory, full disk, ...: work without a cache


def _prune(directory: Path, kind: str, keep: Path) -> None:
    """Drop older caches of the same kind so the directory does not grow with every edit."""
    for old in directory.glob(f"{kind}-*.marshal"):
        if old != keep:
            old.unlink(missing_ok=True)
