"""The search index: every record's searchable text as tokens, with postings, built once per knowledge
base and cached with it. How a query is scored against it is ``ranking``'s business.

Each record's searchable fields (the kind registry's ``Field.search`` weights) are normalised (see
``normalise``) into a few index fields, one per weight, plus one per alias so a result can say which
spelling matched. Every token goes into one vocabulary with postings. A record also carries the records
that link to it through a lifting reference (a quote's speaker, an event's people), so that a match on
Babaryka's name lifts the events that involve him without copying his names into every event.
"""

from __future__ import annotations

import bisect
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import closing
from functools import partial
from typing import Any

from belarus_cli.kb.bulk import cores, map_in_workers, paused_gc
from belarus_cli.kb.kind_types import ALIAS_LIST, WEAK
from belarus_cli.kb.kinds import KINDS
from belarus_cli.kb.records import KnowledgeBase, Record, speaker_ids

from .meaning import Meaning, Vectors
from .normalise import normalise, russian_stems

# What the index keeps of a field is only its kind: (weight, position in the record's aliases or -1,
# is the name of a person or organisation). The text itself stays in the record and is read again only
# for the few records shown, so the index stays small however large the knowledge base grows.
IndexField = tuple[float, int, bool]
SLOTS = 64  # a posting is record * SLOTS + the field's place in the record; more fields are not indexed
PARALLEL_RECORDS = 20_000  # below this, worker processes cost more than they save
SEPARATOR = " | "  # between values joined into one field; never a token, so no phrase spans two values


POSTINGS_CHUNK = 50_000  # terms per stored chunk of postings: writing never joins all of them at once


class Postings:
    """Each vocabulary term's postings, packed unsigned ints (record * SLOTS + field). Built, a dict
    of bytes; from the cache, chunks of one mapped byte string each, with every term's offsets, found
    by the term's place in the sorted vocabulary: a search reads only its own terms' postings."""

    def __init__(self, vocabulary: list[str], by_term: dict[str, bytes], chunks: list[tuple[Any, Any]]) -> None:
        self.vocabulary = vocabulary
        self.by_term = by_term
        self.chunks = [(blob, memoryview(offsets).cast("Q")) for blob, offsets in chunks]
        if chunks and sum(len(offsets) - 1 for _, offsets in self.chunks) != len(vocabulary):
            raise ValueError("the cached postings are of another vocabulary")

    def _place(self, term: str) -> int:
        place = bisect.bisect_left(self.vocabulary, term)
        return place if place < len(self.vocabulary) and self.vocabulary[place] == term else -1

    def __contains__(self, term: str) -> bool:
        return term in self.by_term if self.by_term else self._place(term) >= 0

    def of(self, term: str) -> memoryview:
        """The term's postings, read in place (no copy, no int objects until used)."""
        if self.by_term:
            return memoryview(self.by_term[term]).cast("I")
        place = self._place(term)
        if place < 0:
            raise KeyError(term)
        blob, offsets = self.chunks[place // POSTINGS_CHUNK]
        local = place % POSTINGS_CHUNK
        return memoryview(blob)[offsets[local] : offsets[local + 1]].cast("I")

    def parts(self) -> Iterator[Any]:
        """For the cache: per chunk of the vocabulary, its postings joined, then their offsets."""
        from belarus_cli.kb.cache import Raw

        for start in range(0, len(self.vocabulary), POSTINGS_CHUNK):
            packed = [self.by_term[term] for term in self.vocabulary[start : start + POSTINGS_CHUNK]]
            offsets = array("Q", [0])
            for item in packed:
                offsets.append(offsets[-1] + len(item))
            yield Raw(b"".join(packed))
            yield Raw(offsets.tobytes())


class SearchIndex:
    """Fields per record, and postings: token -> packed unsigned ints (record * SLOTS + field)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        fields: list[tuple[IndexField, ...]],
        postings: Postings,
        linked_from: dict[int, Any],
        stem_groups: dict[str, list[str]],
        meaning: Meaning | None,
        names: Any,
    ) -> None:
        self.kb = kb
        self._names = names  # "normalised name<TAB>name" lines, bytes-like: what names() reads
        self.records: Sequence[Record] = kb.facts()  # built as they are read, when from the cache
        self.fields = fields  # per record, shared between records with the same layout
        self.postings = postings
        self.vocabulary = postings.vocabulary  # sorted
        self.linked_from = linked_from  # entity -> packed (record, lift weight) pairs: see links_to
        # English stem -> the vocabulary's words with that stem ("arrest" -> arrested, arrests), and
        # "ru:" and a Russian stem -> the words written in Cyrillic with it ("ru:litv" -> litva, litve)
        self.stem_groups = stem_groups
        self.meaning = meaning  # the records' meaning vectors (see meaning.py); None without the model
        self.similar: dict[str, dict[str, float]] = {}  # query token -> like vocabulary tokens (ranking's memo)
        self.related: dict[str, list[str]] = {}  # query token -> those of them only related in meaning
        self._words: list[str] | None = None

    @property
    def words(self) -> list[str]:
        """The vocabulary's tokens without digits or stop words: what a typo is matched against (a
        number, an id-like token or a function word is never a typo's neighbour: "things" found "this"),
        worked out on the first typo."""
        if self._words is None:
            from .normalise import STOPWORDS

            self._words = [w for w in self.vocabulary if w.isalpha() and w not in STOPWORDS]  # tokens: [a-z0-9.]
        return self._words

    @classmethod
    def build(cls, kb: KnowledgeBase) -> SearchIndex:
        records = kb.facts(keep=False)  # from the cache: each worker builds its own records, once
        fields: list[tuple[IndexField, ...]] = []
        postings: dict[str, bytes] = {}
        parallel = len(records) >= PARALLEL_RECORDS
        size = max(1, -(-len(records) // cores()) if parallel else len(records))  # a chunk per core
        bounds = [(start, min(start + size, len(records))) for start in range(0, len(records), size)]
        meaning = Meaning.empty()
        russian: dict[str, str] = {}
        chunks = map_in_workers(lambda bound: _chunk(kb, records, meaning, *bound), bounds, parallel=parallel)
        place = kb.fact_positions()
        links: dict[int, list[tuple[int, float]]] = {}
        names: list[bytes] = []
        # Closed on Ctrl-C while a chunk is merged here, between two results, so its workers are stopped.
        with closing(chunks):
            for chunk_fields, chunk_postings, chunk_vectors, chunk_russian, chunk_links, chunk_names in chunks:
                fields.extend(chunk_fields)  # in record order, a chunk at a time
                names.append(chunk_names)
                for index, target, weight in chunk_links:
                    if (found := place(target)) >= 0:
                        links.setdefault(found, []).append((index, weight))
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
        # Packed, (record, weight) as a double each, so that restoring 100,000 records' links is one
        # string per entity rather than a tuple per link.
        linked_from = {
            entity: array("d", [v for pair in pairs for v in pair]).tobytes() for entity, pairs in links.items()
        }
        vocabulary = sorted(postings)
        stem_groups = _stem_groups(vocabulary, russian)
        names_text = b"\n".join(part for part in names if part)
        return cls(kb, fields, Postings(vocabulary, postings, []), linked_from, stem_groups, meaning, names_text)

    @classmethod
    def restore(cls, kb: KnowledgeBase, state: list[Any]) -> SearchIndex:
        """The index from ``cache_parts``; ValueError or TypeError when the parts are of another shape."""
        fields, vocabulary, linked_from, stem_groups, meaning, planes, rows, scales, names, *blob_parts = state
        chunks = list(zip(blob_parts[::2], blob_parts[1::2], strict=True))
        postings = Postings(vocabulary, {}, chunks)
        restored = Meaning.restore([meaning, planes, rows, scales])
        index = cls(kb, fields, postings, linked_from, stem_groups, restored, names)
        if len(index.fields) != len(index.records) or (index.meaning and index.meaning.count != len(index.records)):
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

    def cache_parts(self) -> Iterator[Any]:
        """The index for ``cache.write``: postings in vocabulary order, a chunk at a time (peak memory)."""
        yield self.fields
        yield self.vocabulary
        yield self.linked_from
        yield self.stem_groups
        yield from self.meaning.state() if self.meaning else Meaning.absent()
        from belarus_cli.kb.cache import Raw

        yield Raw(self._names)
        yield from self.postings.parts()

    def names(self) -> dict[str, str]:
        """Every name and short title, normalised, with the name it stands for (aliases too): what
        "did you mean ...?" chooses from. Kept in the cache as one string, read only when needed."""
        choices: dict[str, str] = {}
        for line in bytes(self._names).decode("utf-8").splitlines():
            text, _, name = line.partition("\t")
            choices.setdefault(text, name)
        return choices

    def postings_of(self, term: str) -> memoryview:
        return self.postings.of(term)

    def links_to(self, entity: int) -> Iterator[tuple[int, float]]:
        """(record, lift weight) for each record whose reference to ``entity`` lifts it."""
        packed = self.linked_from.get(entity)
        if packed:
            values = memoryview(packed).cast("d")
            for start in range(0, len(values), 2):
                yield int(values[start]), values[start + 1]


def _name_lines(record: Record) -> list[str]:
    """The record's name (or short title) and aliases, normalised, each with the name: one line each
    (a tab or line break inside a name would split it, and means nothing here)."""
    name = str(record.get("name") or record.get("title") or "")
    if not 0 < len(name) <= 80:
        return []
    shown = " ".join(name.split())
    return [normalise(str(text)) + "\t" + shown for text in [name, *record.spellings()]]


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
    """What a record says, for its meaning vector: its searched text but ids, tags, the curated
    keywords (meaning must not rest on them) and the briefing's passage (a sentence that says more than
    the record: it blurred the vector, 0.3 points of hit@1 on the development sets), and a quote's
    speaker by name."""
    parts: list[str] = []
    for name, _weight, value in searched_values(record):
        if name not in ("id", "tags", "keywords", "passage"):
            parts.extend(str(v) for v in value) if isinstance(value, list) else parts.append(str(value))
    if record.kind == "quotes" and speaker_ids(record):
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


Chunk = tuple[
    list[tuple[IndexField, ...]], dict[str, bytes], Vectors | None, dict[str, str], list[tuple[int, str, float]], bytes
]


def _chunk(kb: KnowledgeBase, records: Sequence[Record], meaning: Meaning | None, start: int, end: int) -> Chunk:
    """Fields, postings, meaning vectors and lifting links of records[start:end] (in a worker process,
    for a large base: numpy and the model's weights are then loaded there, not in the process that
    stays). Each record is read once."""
    fields: list[tuple[IndexField, ...]] = []
    layouts: dict[tuple[IndexField, ...], tuple[IndexField, ...]] = {}  # one tuple per distinct layout
    postings: defaultdict[str, array[int]] = defaultdict(partial(array, "I"))
    russian: dict[str, str] = {}  # Cyrillic words' tokens -> their Russian stems
    texts: list[str] = []  # what each record says, for its meaning vector
    links: list[tuple[int, str, float]] = []  # (record, the id it links to, lift weight)
    names: list[str] = []  # for "did you mean"
    for index in range(start, end):
        record = records[index]
        names.extend(_name_lines(record))
        if meaning:
            texts.append(meaning_text(kb, record))
        links.extend((index, target, weight) for target, weight in _lifting_links(record))
        own: list[IndexField] = []
        for slot, (item, text, raw) in enumerate(fields_of(record)):
            own.append(item)
            if not raw.isascii():
                russian.update(russian_stems(raw))
            posting = index * SLOTS + slot
            for token in set(text.split()):
                postings[token].append(posting)
        layout = tuple(own)
        fields.append(layouts.setdefault(layout, layout))
    vectors = meaning.vectors_of(texts) if meaning else None
    named = "\n".join(names).encode("utf-8")
    return fields, {token: packed.tobytes() for token, packed in postings.items()}, vectors, russian, links, named


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
