"""Find the knowledge base, read every file, validate it and index it.

Nothing bad gets through silently: every problem in every file is collected and raised together as one
``DataError``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from belarus_cli.errors import DataError, Problems, UsageError
from belarus_cli.output.escape import quoted

from .bulk import map_in_workers, paused_gc
from .kinds import footnote_id
from .records import KnowledgeBase, Record, display_path
from .yaml_reader import Lines, parse_yaml_bytes, read_bytes

DATA_ENV = "BELARUS_DATA"


def default_data_dir() -> Path:
    """The data shipped in the wheel, or the repository's ``data/`` when run from a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data"
    return packaged if packaged.is_dir() else package.parents[1] / "data"


def resolve_data_dir(option: str | None) -> Path:
    if option is not None and not option.strip():
        # Typer passes an empty BELARUS_DATA on as unset, so this came from the command line: likely
        # `--data "$DIR"` with DIR unset, which must not quietly answer from the shipped data instead.
        raise UsageError("--data is empty: give a data directory, or leave --data out for the shipped data")
    chosen = option or os.environ.get(DATA_ENV) or None
    path = Path(chosen).expanduser() if chosen else default_data_dir()
    if not path.is_dir():
        # Typer hands BELARUS_DATA over as the option's value: tell the two apart by the command line.
        from_env = option is not None and option == os.environ.get(DATA_ENV) and "--data" not in " ".join(sys.argv)
        origin = DATA_ENV if from_env or (chosen and not option) else "--data" if option else "the installed package"
        raise UsageError(f"data directory {quoted(path)} (from {origin}) does not exist or is not a directory")
    return path


def data_files(data_dir: Path) -> list[Path]:
    """The directory's *.yaml and *.yml files. A dangling symlink or a non-file among them, or a
    directory that cannot be listed, is an error that says so, never silently skipped: a skipped
    people.yml gave 200 "no person" lines."""
    try:
        found = sorted(p for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError as exc:
        raise UsageError(f"data directory {quoted(data_dir)}: {exc.strerror or exc}") from None
    broken = [p for p in found if not p.is_file()]
    if broken:
        raise UsageError(f"{display_path(broken[0])}: {_not_a_file(broken[0])}; remove it or point it at a data file")
    if not found:
        raise UsageError(f"no *.yaml files in data directory {quoted(data_dir)}")
    return found


def _not_a_file(path: Path) -> str:
    import errno

    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop"
        return "a dangling symlink" if path.is_symlink() else exc.strerror or "not readable"
    return "not a file"


def record_id_at(value: Any, line: int, lines: Lines) -> str | None:
    """The id of the record whose text contains ``line``, so a YAML problem names its record."""
    if not isinstance(value, dict) or not line:
        return None
    best: tuple[int, str | None] = (0, None)
    for items in value.values():
        if not isinstance(items, list):
            continue
        for item, start in zip(items, lines.item_lines(items), strict=False):
            if start <= line and start >= best[0]:
                record_id = item.get("id") if isinstance(item, dict) else None
                if record_id is None and isinstance(item, dict) and "number" in item:
                    record_id = footnote_id(item["number"])
                best = (start, record_id if isinstance(record_id, str) else None)
    return best[1]


def load(data_dir: Path, *, use_cache: bool = True) -> KnowledgeBase:
    """The knowledge base in ``data_dir``: from the cache when no file has changed, else parsed (always
    parsed and checked when not ``use_cache``; the cache is then refreshed)."""
    with paused_gc():
        return _load(data_dir, use_cache)


def _load(data_dir: Path, use_cache: bool = True) -> KnowledgeBase:
    from . import cache

    paths = data_files(data_dir)
    scope = cache.scope_of(data_dir)
    files = cache.signature(paths)

    def restore_with(key: bytes) -> Callable[[list[Any]], KnowledgeBase]:
        return lambda payload: KnowledgeBase.from_payload(payload, data_dir, key, scope)

    known = cache.known_key(scope, files) if files and use_cache else None
    if known:  # no file changed since its bytes were hashed: the cache serves without reading them
        served = cache.restored(f"kb-{scope}", known, restore_with(known))
        if served is not None:
            return served
    problems = Problems()
    contents: list[tuple[Path, bytes]] = []
    for path in paths:
        raw, read_problems = read_bytes(path)
        for problem in read_problems:
            problems.add(display_path(path), problem.line, None, None, problem.message)
        if raw is not None:
            contents.append((path, raw))
    if problems.lines:
        raise DataError(problems.lines)
    key = cache.content_key([(path.name, raw) for path, raw in contents])

    def build() -> KnowledgeBase:
        kb = _parse_and_validate(contents, data_dir, problems)
        kb.cache_key, kb.cache_scope = key, scope
        return kb

    kb = cache.get_or_build(
        f"kb-{scope}",
        key,
        build=build,
        reuse=use_cache,
        restore=restore_with(key),
        parts=lambda kb: kb.to_payload(),
    )
    if files and key and cache.cache_dir():
        cache.remember_key(scope, files, key)  # taken before the files were read: a later write shows
    if len(kb.records) >= REOPEN_RECORDS and isinstance(kb.records, dict):
        # A large knowledge base just built: reopened from its cache, so that its records are read as
        # needed rather than all held while the search index is built (peak memory).
        return cache.restored(f"kb-{scope}", key, restore_with(key)) or kb
    return kb


REOPEN_RECORDS = 20_000  # from this size a freshly built knowledge base is reopened from its cache
PARALLEL_BYTES = 4 * 1024 * 1024  # below this, starting worker processes costs more than it saves


def _parse_and_validate(contents: list[tuple[Path, bytes]], data_dir: Path, problems: Problems) -> KnowledgeBase:
    from .schema_check import check_links  # only when the cache cannot serve (start-up)

    jobs = [(display_path(path), str(path.resolve()), raw) for path, raw in contents]
    size = sum(len(raw) for _, raw in contents)
    contents.clear()  # the files' bytes live on in ``jobs`` only, and go once parsed (peak memory)
    results = map_in_workers(_parse_and_check_job, jobs, parallel=size >= PARALLEL_BYTES, cost=lambda job: len(job[2]))
    records: list[Record] = []
    with closing(results):  # Ctrl-C here, between two results: the workers are stopped (see map_in_workers)
        for file_records, file_problems, refused in results:
            records.extend(Record(*item) for item in file_records)
            problems.lines.extend(file_problems)
            problems.refused.update(refused)
    jobs.clear()
    by_id = check_links(records, problems)
    if problems.lines:
        raise DataError(problems.lines)
    source = next(r for r in by_id.values() if r.kind == "source")
    return KnowledgeBase(source=source, records=by_id, data_dir=data_dir)


FileChecked = tuple[list[tuple[Any, ...]], list[str], list[str]]


def _parse_and_check_job(job: tuple[str, str, bytes]) -> FileChecked:
    return parse_and_check_file(*job)


def parse_and_check_file(shown: str, origin: str, raw: bytes) -> FileChecked:
    """One file's records (as tuples, cheap to send between processes), its problems, and the ids of
    its records left unbuilt for them."""
    from .schema_check import RecordChecker

    problems = Problems()
    value, yaml_problems, lines = parse_yaml_bytes(raw)
    for problem in yaml_problems:
        problems.add(shown, problem.line, record_id_at(value, problem.line, lines), None, problem.message)
    if value is None and yaml_problems:
        return [], problems.lines, []
    records = RecordChecker(problems).file(shown, value, origin, lines)
    built = [(r.kind, r.id, r.data, r.file, r.line, r.field_lines) for r in records]
    return built, problems.lines, sorted(problems.refused)
