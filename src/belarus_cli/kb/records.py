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
    def date_end(self) -> PartialDate | None:
        """Where the record spans a period ("from 24 May to 4 June 2021"), its last date; None."""
        text = self.data.get("date_end")
        return parse_date(text) if isinstance(text, str) and self.date else None

    def overlaps(self, start: PartialDate | None, end: PartialDate | None) -> bool:
        """True when any day of the record's date, or of its span, lies within [start, end]."""
        if self.date is None:
            return False
        return (self.date_end or self.date).overlaps(start, None) and self.date.overlaps(None, end)

    @property
    def date_text(self) -> str:
        if self.date is None:
            return ""
        shown = self.date.display(self.data.get("date_qualifier"))
        last = self.date_end
        return f"{shown} – {last.display()}" if last else shown

    @property
    def label(self) -> str:
        """The one line that names the record in a list (the kind registry says how)."""
        return KINDS[self.kind].label(self.data)

    def to_json(self) -> dict[str, Any]:
        """The full record, as written in the data, with its kind first."""
        return {"kind": self.singular, **self.data}


class PackedStrings:
    """Strings kept as one run of UTF-8 bytes and their offsets (views of the mapped cache): the
    100,000 ids of a large knowledge base cost nothing to restore, where a list of them took 12 ms."""

    def __init__(self, blob: Any, offsets: Any) -> None:
        self.blob = blob
        self.offsets = memoryview(offsets).cast("I")  # string i is blob[offsets[i]:offsets[i + 1]]
        if not self.offsets or self.offsets[-1] != len(blob):
            raise ValueError("the cached strings are of another shape")

    @staticmethod
    def pack(strings: list[str]) -> tuple[bytes, bytes]:
        encoded = [text.encode("utf-8") for text in strings]
        offsets = array("I", [0])
        for item in encoded:
            offsets.append(offsets[-1] + len(item))
        return b"".join(encoded), offsets.tobytes()

    def __getitem__(self, index: int) -> str:
        return str(self.blob[self.offsets[index] : self.offsets[index + 1]], "utf-8")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __iter__(self) -> Iterator[str]:
        return (self[index] for index in range(len(self)))


class PackedRecords(Mapping[str, Record]):
    """The records by id as the cache keeps them: heads (id, kind, file, line) as packed strings and
    arrays, and each record's data marshalled on its own in one byte string, so that a search of
    100,000 records builds only the few it shows (unpacking every record took more than the whole
    search) and restores no list of 100,000 of anything."""

    def __init__(
        self, heads: list[Any], blob: Any, offsets: Any, by_id: Any, checksums: Any, origin: tuple[str, bytes]
    ) -> None:
        self.origin = origin  # the cache (kind, key) the records come from, to be dropped if one is corrupt
        (self.kind_names, self.file_names), id_blob, id_offsets, kinds, files, lines = heads
        self.ids = PackedStrings(id_blob, id_offsets)
        self._kinds = memoryview(kinds).cast("B")  # indexes into kind_names
        self._files = memoryview(files).cast("I")  # indexes into file_names
        self._lines = memoryview(lines).cast("I")
        self.blob = blob  # bytes-like: a view of the mapped cache file
        self.offsets = memoryview(offsets).cast("Q")  # record i is blob[offsets[i]:offsets[i + 1]]
        self.by_id = memoryview(by_id).cast("I")  # positions in the order of their ids, for bisect
        # Each record's CRC-32, checked as it is built: a cache too large to be checked whole on every
        # read (cache.CHECKED_BYTES) still never shows a changed byte of a record as fact.
        self.checksums = memoryview(checksums).cast("I")
        count = len(self.ids)
        if (
            len(self.offsets) != count + 1
            or len(self.by_id) != count
            or len(self.checksums) != count
            or not len(self._kinds) == len(self._files) == len(self._lines) == count
            or self.offsets[-1] != len(blob)
        ):
            raise ValueError("the cached records are of another shape")
        self.built: dict[int, Record] = {}
        self._source: int | None = None
        self._positions: dict[str, int] = {}

    def kind_at(self, position: int) -> str:
        return str(self.kind_names[self._kinds[position]])

    def positions_of(self, kind: str) -> list[int]:
        """Where the records of ``kind`` are: a search of the kinds' bytes, no record built."""
        if kind not in self.kind_names:
            return []
        kinds, code, found = bytes(self._kinds), bytes([self.kind_names.index(kind)]), []
        at = kinds.find(code)
        while at >= 0:
            found.append(at)
            at = kinds.find(code, at + 1)
        return found

    def source_position(self) -> int:
        """Where the briefing's own record (the one source) is: a search of the kinds' bytes."""
        if self._source is None:
            found = bytes(self._kinds).find(bytes([self.kind_names.index("source")]))
            if found < 0:
                raise ValueError("the cached records have no source")
            self._source = found
        return self._source

    def position(self, record_id: str) -> int:
        """Where ``record_id`` is, or -1: a binary search, where a dict of 100,000 ids took 80 ms to build
        (the ids looked up are remembered: a view asks for the same people and bodies again and again)."""
        known = self._positions.get(record_id)
        if known is not None:
            return known
        found = bisect.bisect_left(self.by_id, record_id, key=self.ids.__getitem__)
        at = int(self.by_id[found]) if found < len(self.by_id) and self.ids[self.by_id[found]] == record_id else -1
        self._positions[record_id] = at
        return at

    @staticmethod
    def pack(records: list[Record]) -> Iterator[Any]:
        """The parts ``__init__`` takes, for the cache (field lines are left out: they serve only the
        messages of a failed validation, and cached data passed)."""
        from .cache import CheckedRaw, Raw, RawStream

        kind_names = sorted({r.kind for r in records})
        file_names = sorted({r.file for r in records})
        kind_of = {name: i for i, name in enumerate(kind_names)}
        file_of = {name: i for i, name in enumerate(file_names)}
        id_blob, id_offsets = PackedStrings.pack([r.id for r in records])
        yield [kind_names, file_names]
        yield CheckedRaw(id_blob)
        yield CheckedRaw(id_offsets)
        yield CheckedRaw(array("B", [kind_of[r.kind] for r in records]).tobytes())
        yield CheckedRaw(array("I", [file_of[r.file] for r in records]).tobytes())
        yield CheckedRaw(array("I", [r.line for r in records]).tobytes())

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
            record = Record(
                self.kind_at(position),
                self.ids[position],
                data,
                str(self.file_names[self._files[position]]),
                int(self._lines[position]),
            )
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

    def values(self) -> Iterator[Record]:  # type: ignore[override]
        """Every record in order, by position: not looked up by id, one binary search each."""
        return (self.at(position) for position in range(len(self.ids)))

    def items(self) -> Iterator[tuple[str, Record]]:  # type: ignore[override]
        return ((record.id, record) for record in self.values())

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
        *heads, blob, offsets, by_id, checksums = payload
        records = PackedRecords(heads, blob, offsets, by_id, checksums, (f"kb-{scope}", key))
        source = records.at(records.source_position())
        return cls(source, records, data_dir, key, scope)

    def facts(self, keep: bool = True) -> Sequence[Record]:
        """Every record, the briefing's own (the source) among them, in order, as search reads them;
        from the cache, each is built only when it is first read (and kept, unless not ``keep``)."""
        records = self.records
        if isinstance(records, PackedRecords):
            return Facts(records, keep)
        return list(records.values())

    def fact_positions(self) -> Callable[[str], int]:
        """A record id -> its place in ``facts()`` (-1 for none), without building records."""
        records = self.records
        if isinstance(records, PackedRecords):
            return records.position
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
        """Who said a quote, by name ("the G7 and the European Union" for words said jointly), or as the
        briefing words it where no record is the speaker; "(unattributed)" where the briefing does not say."""
        names = [self._name(i) for i in speaker_ids(quote)]
        if not names:
            said_by = " ".join(str(quote.get("said_by") or "").split())
            return said_by[:1].upper() + said_by[1:] if said_by else "(unattributed)"
        return in_words(names)

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
    """PackedRecords by position (see KnowledgeBase.facts)."""

    def __init__(self, records: PackedRecords, keep: bool = True) -> None:
        self.packed = records
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
        return self.packed.at(index, self._keep)

    def __len__(self) -> int:
        return len(self.packed)

    def id_at(self, index: int) -> str:
        """The id of the fact at ``index``, read from the heads: the record is not built."""
        return str(self.packed.ids[index])


def kind_positions(facts: Sequence[Record], kind: str) -> list[int]:
    """Where the facts of ``kind`` are, without building records when they come from the cache."""
    if isinstance(facts, Facts):
        return facts.packed.positions_of(kind)
    return [i for i, record in enumerate(facts) if record.kind == kind]


def in_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
