"""The search index: every record's searchable text as tokens, with postings, built once per knowledge
base and cached with it. How a query is scored against it is ``ranking``'s business.

Each record's searchable fields (the kind registry's ``Field.search`` weights) are normalised (see
``normalise``) into a few index fields, one per weight, plus one per alias so a result can say which
spelling matched. Every token goes into one vocabulary with postings. A record also carries the records
that link to it through a lifting reference (a quote's speaker, an event's people), so that a match on
Babaryka's name lifts the events that involve him without copying his names into every event.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

from belarus_cli.kb.bulk import cores, map_in_workers, paused_gc
from belarus_cli.kb.kind_types import ALIAS_LIST, WEAK
from belarus_cli.kb.kinds import KINDS
from belarus_cli.kb.records import KnowledgeBase, Record

from .meaning import Meaning, Vectors
from .normalise import normalise, russian_stems

# What the index keeps of a field is only its kind: (weight, position in the record's aliases or -1,
# is the name of a person or organisation). The text itself stays in the record and is read again only
# for the few records shown, so the index stays small however large the knowledge base grows.
IndexField = tuple[float, int, bool]
SLOTS = 64  # a posting is record * SLOTS + the field's place in the record; more fields are not indexed
PARALLEL_RECORDS = 20_000  # below this, worker processes cost more than they save
SEPARATOR = " | "  # between values joined into one field; never a token, so no phrase spans two values


class SearchIndex:
    """Fields per record, and postings: token -> packed unsigned ints (record * SLOTS + field)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        fields: list[tuple[IndexField, ...]],
        postings: dict[str, Any],
        linked_from: dict[int, list[tuple[int, float]]],
        vocabulary: list[str] | None = None,
        stem_groups: dict[str, list[str]] | None = None,
        meaning: Meaning | None = None,
    ) -> None:
        self.kb = kb
        self.records: list[Record] = [r for r in kb if r.kind != "source"]
        self.fields = fields  # per record, shared between records with the same layout
        self.postings = postings  # bytes (an array of "I" values), read through memoryview
        self.vocabulary = vocabulary if vocabulary is not None else sorted(postings)
        self.linked_from = linked_from
        # English stem -> the vocabulary's words with that stem ("arrest" -> arrested, arrests), and
        # "ru:" and a Russian stem -> the words written in Cyrillic with it ("ru:litv" -> litva, litve)
        self.stem_groups = stem_groups if stem_groups is not None else _stem_groups(self.vocabulary, {})
        self.meaning = meaning  # the records' meaning vectors (see meaning.py); None without the model
        self.similar: dict[str, dict[str, float]] = {}  # query token -> like vocabulary tokens (ranking's memo)

    @classmethod
    def build(cls, kb: KnowledgeBase) -> SearchIndex:
        records = [r for r in kb if r.kind != "source"]
        fields: list[tuple[IndexField, ...]] = []
        postings: dict[str, bytes] = {}
        parallel = len(records) >= PARALLEL_RECORDS
        size = max(1, -(-len(records) // cores()) if parallel else len(records))  # a chunk per core
        bounds = [(start, min(start + size, len(records))) for start in range(0, len(records), size)]
        meaning = Meaning.empty()
        russian: dict[str, str] = {}
        chunks = map_in_workers(lambda bound: _chunk(kb, records, meaning, *bound), bounds, parallel=parallel)
        for chunk_fields, chunk_postings, chunk_vectors, chunk_russian in chunks:  # in record order, one at a time
            fields.extend(chunk_fields)
            russian.update(chunk_russian)
            if meaning is not None and chunk_vectors is not None:
                meaning.extend(chunk_vectors)
            if not postings:
                postings = chunk_postings
                continue
            for token, packed in chunk_postings.items():
                earlier = postings.get(token)
                postings[token] = earlier + packed if earlier else packed
            del chunk_postings
        position = {r.id: i for i, r in enumerate(records)}
        linked_from: dict[int, list[tuple[int, float]]] = {}
        for index, record in enumerate(records):
            for target, weight in _lifting_links(record):
                if target in position:
                    linked_from.setdefault(position[target], []).append((index, weight))
        stem_groups = _stem_groups(sorted(postings), russian)
        return cls(kb, fields, postings, linked_from, stem_groups=stem_groups, meaning=meaning)

    @classmethod
    def restore(cls, kb: KnowledgeBase, state: list[Any]) -> SearchIndex:
        """The index from ``cache_parts``; ValueError or TypeError when the parts are of another shape."""
        fields, vocabulary, linked_from, stem_groups, meaning, *blob_parts = state
        blobs = (blob for part in blob_parts for blob in part)
        postings = dict(zip(vocabulary, blobs, strict=True))
        index = cls(kb, fields, postings, linked_from, vocabulary, stem_groups, Meaning.restore(meaning))
        if len(index.fields) != len(index.records) or (index.meaning and len(index.meaning.bits) != len(index.records)):
            raise ValueError("the cached index is of another knowledge base")
        return index

    @classmethod
    def for_kb(cls, kb: KnowledgeBase) -> SearchIndex:
        """The index from the cache when the data is unchanged; built (and cached) otherwise."""
        from belarus_cli.kb import cache

        with paused_gc():
            return cache.get_or_build(
                f"index-{kb.cache_scope}",
                kb.cache_key,
                build=lambda: cls.build(kb),
                restore=lambda state: cls.restore(kb, state),
                parts=lambda index: index.cache_parts(),
            )

    def cache_parts(self, chunk: int = 50_000) -> Iterator[Any]:
        """The index for ``cache.write``: postings in vocabulary order, a chunk at a time (peak memory)."""
        yield self.fields
        yield self.vocabulary
        yield self.linked_from
        yield self.stem_groups
        yield self.meaning.state() if self.meaning else []
        for start in range(0, len(self.vocabulary), chunk):
            yield [self.postings[token] for token in self.vocabulary[start : start + chunk]]

    def postings_of(self, term: str) -> Any:
        """The packed postings of one term, read in place (no copy, no int objects until used)."""
        return memoryview(self.postings[term]).cast("I")


def _stem_groups(vocabulary: list[str], russian: dict[str, str]) -> dict[str, list[str]]:
    from .normalise import stems

    words = [w for w in vocabulary if len(w) >= 3 and w.isalpha()]
    groups: dict[str, list[str]] = {}
    for word, stem in zip(words, stems(words), strict=True):
        groups.setdefault(stem, []).append(word)
    for word, stem in sorted(russian.items()):
        groups.setdefault(stem, []).append(word)
    return groups


def meaning_text(kb: KnowledgeBase, record: Record) -> str:
    """What a record says, for its meaning vector: its searched text but ids, tags and the curated
    keywords (meaning must not rest on them), and a quote's speaker by name."""
    parts: list[str] = []
    for name, _weight, value in searched_values(record):
        if name not in ("id", "tags", "keywords"):
            parts.extend(str(v) for v in value) if isinstance(value, list) else parts.append(str(value))
    if record.kind == "quotes" and record.get("speaker"):
        parts.append(kb.speaker_name(record))
    return " ".join(parts)


def searched_values(record: Record) -> Iterator[tuple[str, float, Any]]:
    """(field name, weight, value) of every searched field the record fills, in the registry's order."""
    for spec in KINDS[record.kind].searched:
        value = record.data.get(spec.name)
        if value is not None:
            yield spec.name, spec.search, value


def fields_of(record: Record) -> list[tuple[IndexField, str, str]]:
    """The searchable fields of one record (one per weight, one per alias), each with its tokens and
    the text they come from."""
    kind = KINDS[record.kind]
    is_entity = any(spec.names for spec in kind.fields)
    named = is_entity and any(spec.names and record.data.get(spec.name) for spec in kind.fields)
    grouped: dict[float, list[str]] = {}
    names_in: set[float] = set()  # weights whose group holds the record's name
    aliases: list[str] = []
    for name, weight, value in searched_values(record):
        if kind.by_name[name].type == ALIAS_LIST:
            aliases.extend(str(v) for v in value)
            continue
        texts = grouped.setdefault(weight, [])
        if isinstance(value, list):
            texts.extend(str(v) for v in value)
        else:
            texts.append(str(value).replace("-", " ") if name == "id" else str(value))
        if kind.by_name[name].names:
            names_in.add(weight)
    if record.date is not None:
        grouped.setdefault(WEAK, []).extend([record.date.iso(), record.date.display(long=True)])
    found: list[tuple[IndexField, str, str]] = []
    for weight, texts in grouped.items():
        if texts:
            shown = texts[0] if len(texts) == 1 else SEPARATOR.join(texts)
            # The separator is not a token, so one normalise call serves the whole group.
            found.append(((weight, -1, named and weight in names_in), normalise(shown), shown))
    alias_weight = next((spec.search for spec in kind.fields if spec.type == ALIAS_LIST), 0.0)
    for position, alias in enumerate(aliases):
        found.append(((alias_weight, position, is_entity), normalise(alias), alias))
    return found[:SLOTS]


Chunk = tuple[list[tuple[IndexField, ...]], dict[str, bytes], Vectors | None, dict[str, str]]


def _chunk(kb: KnowledgeBase, records: list[Record], meaning: Meaning | None, start: int, end: int) -> Chunk:
    """Fields, postings and meaning bits of records[start:end] (in a worker process, for a large base:
    numpy and the model's weights are then loaded there, not in the process that stays)."""
    fields: list[tuple[IndexField, ...]] = []
    layouts: dict[tuple[IndexField, ...], tuple[IndexField, ...]] = {}  # one tuple per distinct layout
    postings: dict[str, array[int]] = {}
    russian: dict[str, str] = {}  # Cyrillic words' tokens -> their Russian stems
    for index in range(start, end):
        own: list[IndexField] = []
        for slot, (item, text, raw) in enumerate(fields_of(records[index])):
            own.append(item)
            if not raw.isascii():
                russian.update(russian_stems(raw))
            posting = index * SLOTS + slot
            for token in set(text.split()):
                packed = postings.get(token)
                if packed is None:
                    postings[token] = packed = array("I")
                packed.append(posting)
        layout = tuple(own)
        fields.append(layouts.setdefault(layout, layout))
    vectors = meaning.vectors_of(meaning_text(kb, records[i]) for i in range(start, end)) if meaning else None
    return fields, {token: packed.tobytes() for token, packed in postings.items()}, vectors, russian


def _lifting_links(record: Record) -> list[tuple[str, float]]:
    """(target id, weight) for every reference whose target's name, matched, lifts this record."""
    links: list[tuple[str, float]] = []
    for spec in KINDS[record.kind].fields:
        if spec.lifts:
            value = record.data.get(spec.name)
            links.extend(
                (str(target), spec.lifts) for target in (value if isinstance(value, list) else [value]) if target
            )
    return links
