"""Records and the knowledge base that indexes them. Plain data: nothing here reads files or prints."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import PartialDate, parse_date
from .kinds import KINDS, footnote_id


def display_path(path: str | Path) -> str:
    """Relative to the working directory where possible, so messages stay short and clickable."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@dataclass(frozen=True, slots=True)
class Record:
    kind: str  # the plural key: "people", "events", ...
    id: str
    data: dict[str, Any]  # every field as written (footnotes gain their derived "id")
    file: str = ""  # full path of the data file
    line: int = 0
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # When the record happened, was said, or is as at: parsed once, here (validated, so it cannot fail).
    date: PartialDate | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        text = self.data.get("date") or self.data.get("as_at")
        object.__setattr__(self, "date", parse_date(text) if isinstance(text, str) else None)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)

    @property
    def singular(self) -> str:
        return KINDS[self.kind].singular

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def list(self, name: str) -> list[Any]:
        value = self.data.get(name)
        return list(value) if isinstance(value, list) else []

    @property
    def date_text(self) -> str:
        return self.date.display(self.data.get("date_qualifier")) if self.date else ""

    @property
    def label(self) -> str:
        """The one line that names the record in a list (the kind registry says how)."""
        return KINDS[self.kind].label(self.data)

    def to_json(self) -> dict[str, Any]:
        """The full record, as written in the data, with its kind first."""
        return {"kind": self.singular, **self.data}


@dataclass
class KnowledgeBase:
    source: Record
    records: dict[str, Record]
    data_dir: Path
    cache_key: bytes = b""  # hash of the data files' contents; keys the search-index cache too
    cache_scope: str = ""  # which data directory, so two directories do not evict each other
    _links: dict[str, list[Record]] | None = field(default=None, repr=False)

    def to_payload(self, chunk: int = 4096) -> Iterator[list[Any]]:
        """The records as chunks of plain tuples, for the cache (see cache.write)."""
        # Field lines serve only the messages of a failed validation, and cached data passed: leave them out.
        records = list(self.records.values())
        for start in range(0, len(records), chunk):
            yield [(r.kind, r.id, r.data, r.file, r.line) for r in records[start : start + chunk]]

    @classmethod
    def from_payload(cls, payload: list[Any], data_dir: Path, key: bytes, scope: str) -> KnowledgeBase:
        records = {item[1]: Record(*item) for part in payload for item in part}
        source = next(r for r in records.values() if r.kind == "source")
        return cls(source, records, data_dir, key, scope)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def of_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records.values() if r.kind == kind]

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def footnote(self, number: int) -> Record | None:
        return self.records.get(footnote_id(number))

    def speaker_name(self, quote: Record) -> str:
        """Who said a quote, by name; "(unattributed)" where the briefing does not say."""
        speaker_id = quote.get("speaker")
        if not speaker_id:
            return "(unattributed)"
        speaker = self.records.get(str(speaker_id))
        return str(speaker.get("name")) if speaker else str(speaker_id)

    def section(self, number: str) -> dict[str, Any] | None:
        return next((s for s in self.source.data["sections"] if str(s["number"]) == number), None)

    def linked_to(self, record_id: str) -> list[Record]:
        """Records that name ``record_id`` in any reference field (the reverse of their links)."""
        if self._links is None:
            links: dict[str, list[Record]] = {}
            for record in self.records.values():
                for target in referenced_ids(record):
                    links.setdefault(target, []).append(record)
            self._links = links
        return self._links.get(record_id, [])


def referenced_ids(record: Record) -> list[str]:
    """Every id that ``record`` points at, in field order, without repeats."""
    found: list[str] = []
    for spec in KINDS[record.kind].fields:
        if spec.refs:
            value = record.data.get(spec.name)
            for target in value if isinstance(value, list) else [value]:
                if isinstance(target, str) and target not in found:
                    found.append(target)
    return found
