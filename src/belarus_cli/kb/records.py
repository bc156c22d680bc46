"""Records and the knowledge base that indexes them. Plain data: nothing here reads files or prints."""

from __future__ import annotations

import bisect
import builtins
import marshal
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from .dates import PartialDate, parse_date
from .kinds import KINDS, footnote_id


def display_path(path: str | Path) -> str:
    """Relative to the working directory where possible, so messages stay short and clickable."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11's resolve)
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

    def spellings(self) -> builtins.list[str]:  # ``list`` here is the method above
        """Every other name a search may match: the aliases (the briefing's, and their spellings), then
        the names the briefing does not print (``other_names``)."""
        return [str(name) for name in [*self.list("aliases"), *self.list("other_names")]]

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


class PackedRecords(Mapping[str, Record]):
    """The records by id as the cache keeps them: heads (kind, id, file, line) in lists and each record's
    data marshalled on its own in one byte string, so that a search of 100,000 records builds only the
    few it shows (unpacking every record took more than the whole search)."""

    def __init__(
        self, heads: list[list[Any]], blob: Any, offsets: Any, by_id: Any, checksums: Any, origin: tuple[str, bytes]
    ) -> None:
        self.origin = origin  # the cache (kind, key) the records come from, to be dropped if one is corrupt
        self.ids, self.kinds, self.files, self.lines = heads
        self.blob = blob  # bytes-like: a view of the mapped cache file
        self.offsets = memoryview(offsets).cast("Q")  # record i is blob[offsets[i]:offsets[i + 1]]
        self.by_id = memoryview(by_id).cast("I")  # positions in the order of their ids, for bisect
        # Each record's CRC-32, checked as it is built: a cache too large to be checked whole on every
        # read (cache.CHECKED_BYTES) still never shows a changed byte of a record as fact.
        self.checksums = memoryview(checksums).cast("I")
        if (
            len(self.offsets) != len(self.ids) + 1
            or len(self.by_id) != len(self.ids)
            or len(self.checksums) != len(self.ids)
            or len(set(map(len, heads))) != 1
            or self.offsets[-1] != len(blob)
        ):
            raise ValueError("the cached records are of another shape")
        self.built: dict[int, Record] = {}

    def position(self, record_id: str) -> int:
        """Where ``record_id`` is, or -1: a binary search, where a dict of 100,000 ids took 80 ms to build."""
        found = bisect.bisect_left(self.by_id, record_id, key=self.ids.__getitem__)
        if found < len(self.by_id) and self.ids[self.by_id[found]] == record_id:
            return int(self.by_id[found])
        return -1

    @staticmethod
    def pack(records: list[Record]) -> Iterator[Any]:
        """The parts ``__init__`` takes, for the cache (field lines are left out: they serve only the
        messages of a failed validation, and cached data passed)."""
        yield [[r.id for r in records], [r.kind for r in records], [r.file for r in records], [r.line for r in records]]

        from .cache import Raw, RawStream

        offsets = array("Q", [0])
        checksums = array("I")

        def datas() -> Iterator[bytes]:  # one record at a time, never all of them joined in memory
            for record in records:
                data = marshal.dumps(record.data)
                offsets.append(offsets[-1] + len(data))
                checksums.append(zlib.crc32(data))
                yield data

        yield RawStream(datas())
        yield Raw(offsets.tobytes())
        yield Raw(array("I", sorted(range(len(records)), key=lambda i: records[i].id)).tobytes())
        yield Raw(checksums.tobytes())

    def at(self, position: int, keep: bool = True) -> Record:
        """The record at ``position``, built from its bytes the first time (and kept, unless not ``keep``:
        building an index reads every record once, and keeping them all would hold them all)."""
        record = self.built.get(position)
        if record is None:
            packed = self.blob[self.offsets[position] : self.offsets[position + 1]]
            if zlib.crc32(packed) != self.checksums[position]:
                from .cache import CorruptCacheError

                raise CorruptCacheError(*self.origin)
            data = marshal.loads(packed)
            record = Record(self.kinds[position], self.ids[position], data, self.files[position], self.lines[position])
            if keep:
                self.built[position] = record
        return record

    def __getitem__(self, record_id: str) -> Record:
        found = self.position(record_id) if isinstance(record_id, str) else -1
        if found < 0:
            raise KeyError(record_id)
        return self.at(found)

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self.position(record_id) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class KnowledgeBase:
    source: Record
    records: Mapping[str, Record]  # by id, in the data's order: a dict, or PackedRecords from the cache
    data_dir: Path
    cache_key: bytes = b""  # hash of the data files' contents; keys the search-index cache too
    cache_scope: str = ""  # which data directory, so two directories do not evict each other
    _links: dict[str, list[Record]] | None = field(default=None, repr=False)

    def to_payload(self) -> Iterator[Any]:
        """The records for the cache (see cache.write), as PackedRecords takes them."""
        return PackedRecords.pack(list(self.records.values()))

    @classmethod
    def from_payload(cls, payload: list[Any], data_dir: Path, key: bytes, scope: str) -> KnowledgeBase:
        heads, blob, offsets, by_id, checksums = payload
        records = PackedRecords(heads, blob, offsets, by_id, checksums, (f"kb-{scope}", key))
        source = records.at(records.kinds.index("source"))
        return cls(source, records, data_dir, key, scope)

    def facts(self, keep: bool = True) -> Sequence[Record]:
        """Every record but the briefing's own (the source), in order; from the cache, each is built
        only when it is first read (and kept, unless not ``keep``)."""
        records = self.records
        if isinstance(records, PackedRecords):
            return Facts(records, records.kinds.index("source"), keep)
        return [r for r in records.values() if r.kind != "source"]

    def fact_positions(self) -> Callable[[str], int]:
        """A record id -> its place in ``facts()`` (-1 for none), without building records."""
        records = self.records
        if isinstance(records, PackedRecords):
            source = records.kinds.index("source")

            def place(record_id: str) -> int:
                found = records.position(record_id)
                return -1 if found < 0 or found == source else found - (found > source)

            return place
        places = {r.id: i for i, r in enumerate(self.facts())}
        return lambda record_id: places.get(record_id, -1)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def of_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records.values() if r.kind == kind]

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def footnote(self, number: int) -> Record | None:
        return self.records.get(footnote_id(number))

    def speaker_name(self, quote: Record) -> str:
        """Who said a quote, by name ("the G7 and the European Union" for words said jointly);
        "(unattributed)" where the briefing does not say."""
        names = [self._name(i) for i in speaker_ids(quote)]
        if not names:
            return "(unattributed)"
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def _name(self, record_id: str) -> str:
        found = self.records.get(record_id)
        return str(found.get("name")) if found else record_id

    def with_parts(self, record_id: str) -> frozenset[str]:
        """``record_id`` and every body that is part of it, however deep (``part_of``): the OSCE's
        quotes include its ODIHR's."""
        found = {record_id}
        while True:
            more = {r.id for r in self.of_kind("organisations") if r.get("part_of") in found} - found
            if not more:
                return frozenset(found)
            found |= more

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


class Facts(Sequence[Record]):
    """PackedRecords by position among the facts (see KnowledgeBase.facts): every record but the
    one source, which the validator allows once."""

    def __init__(self, records: PackedRecords, source: int, keep: bool = True) -> None:
        self._records = records
        self._source = source
        self._keep = keep

    @overload
    def __getitem__(self, index: int) -> Record: ...
    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...
    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        return self._records.at(index if index < self._source else index + 1, self._keep)

    def __len__(self) -> int:
        return len(self._records) - 1

    def id_at(self, index: int) -> str:
        """The id of the fact at ``index``, read from the heads: the record is not built."""
        return str(self._records.ids[index if index < self._source else index + 1])


def fact_id(facts: Sequence[Record], index: int) -> str:
    """The id of ``facts[index]``, without building the record when the facts come from the cache."""
    return facts.id_at(index) if isinstance(facts, Facts) else facts[index].id


def speaker_ids(quote: Record) -> list[str]:
    """Who said a quote: its ``speaker``, or the ``speakers`` of words said jointly; [] if unattributed."""
    if quote.get("speaker"):
        return [str(quote.get("speaker"))]
    return [str(i) for i in quote.list("speakers")]


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
