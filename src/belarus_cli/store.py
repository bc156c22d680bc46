"""Find the knowledge base, read every file, validate it and index it.

Nothing bad gets through silently: every problem in every file is collected and raised together as one
``DataError``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import DataError, UsageError
from .model import KnowledgeBase
from .validate import Problems, RecordChecker, check_links
from .yaml_reader import read_yaml

DATA_ENV = "BELARUS_DATA"


def default_data_dir() -> Path:
    """The data shipped in the wheel, or the repository's ``data/`` when run from a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parents[1] / "data"


def resolve_data_dir(option: str | None) -> Path:
    chosen = option or os.environ.get(DATA_ENV) or None
    path = Path(chosen).expanduser() if chosen else default_data_dir()
    if not path.is_dir():
        origin = "--data" if option else DATA_ENV if chosen else "the installed package"
        raise UsageError(f"data directory {str(path)!r} (from {origin}) does not exist or is not a directory")
    return path


def data_files(data_dir: Path) -> list[Path]:
    files = sorted(p for p in data_dir.glob("*.yaml") if p.is_file())
    if not files:
        raise UsageError(f"no *.yaml files in data directory {str(data_dir)!r}")
    return files


def display_path(path: Path) -> str:
    """Relative to the working directory where that is shorter, so messages stay readable."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def record_id_at(value: Any, line: int) -> str | None:
    """The id of the record whose text contains ``line``, so a YAML problem names its record."""
    if not isinstance(value, dict) or not line:
        return None
    best: tuple[int, str | None] = (0, None)
    for items in value.values():
        if not isinstance(items, list):
            continue
        for item, start in zip(items, getattr(items, "item_lines", []), strict=False):
            if start <= line and start >= best[0]:
                record_id = item.get("id") if isinstance(item, dict) else None
                if record_id is None and isinstance(item, dict) and "number" in item:
                    record_id = f"fn-{item['number']}"
                best = (start, record_id if isinstance(record_id, str) else None)
    return best[1]


def load(data_dir: Path) -> KnowledgeBase:
    problems = Problems()
    checker = RecordChecker(problems)
    records = []
    for path in data_files(data_dir):
        shown = display_path(path)
        value, yaml_problems = read_yaml(path)
        for problem in yaml_problems:
            problems.add(shown, problem.line, record_id_at(value, problem.line), None, problem.message)
        if value is None and yaml_problems:
            continue
        records.extend(checker.file(shown, value))
    by_id = check_links(records, problems)
    if problems.lines:
        raise DataError(problems.lines)
    source = next(r for r in by_id.values() if r.kind == "source")
    return KnowledgeBase(source=source, records=by_id, data_dir=data_dir)
