"""The whole knowledge base in a file other tools open: a SQLite database for Datasette (``database``),
or one JSON document (``document``). ``write`` picks by the file's suffix and never replaces a file
unless asked; it writes beside the target first, so a failure leaves what was there untouched."""

from __future__ import annotations

from pathlib import Path

from belarus_cli.errors import UsageError
from belarus_cli.kb.records import KnowledgeBase
from belarus_cli.output.escape import quoted
from belarus_cli.output.files import write_atomically

DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
SUFFIXES = (*DATABASE_SUFFIXES, ".json")


def targets(path: Path) -> list[Path]:
    """The files an export to ``path`` writes: a database has its Datasette metadata beside it."""
    if path.suffix.lower() in DATABASE_SUFFIXES:
        return [path, path.with_name(path.stem + ".metadata.json")]
    return [path]


def write(kb: KnowledgeBase, path: Path, *, force: bool = False) -> list[Path]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{quoted(path)}: give a file ending in {', '.join(SUFFIXES)}")
    written = targets(path)
    existing = [p for p in written if p.exists()]
    if existing and not force:
        raise UsageError(f"{quoted(existing[0])} exists: add --force to replace it")
    if suffix == ".json":
        from .document import write_document

        write_atomically(path, lambda temporary: write_document(kb, temporary))
    else:
        from .database import write_database, write_metadata

        write_atomically(path, lambda temporary: write_database(kb, temporary))
        write_atomically(written[1], lambda temporary: write_metadata(kb, path.name, temporary))
    return written
