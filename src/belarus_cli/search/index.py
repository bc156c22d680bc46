"""Rank every kind of record against a query: words, typos, other spellings, Cyrillic, numbers.

The index is built once per knowledge base (and cached with it). Each record's searchable text is
normalised (see ``text_norm``) into a few fields, one per weight, plus one per alias so the result can
say which spelling matched. Every token goes into one vocabulary with postings. A query word is matched
against the vocabulary exactly, as a prefix and fuzzily (RapidFuzz, in C); the work per query grows with
the vocabulary and the postings it touches, never with pairs of records.

A record also matches through the people and organisations it links to: a match on Babaryka's name or
aliases lifts the events that involve him, without copying his names into every event.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..kb.dates import PartialDate
from ..kb.bulk import paused_gc
from ..kb.records import KnowledgeBase, Record
from .normalise import normalise, query_tokens

# How much a match counts, by the field it is in.
PRIMARY, ALIAS, KEYWORD, STRONG, TAGS, WEAK = 3.0, 3.0, 2.5, 2.0, 1.5, 1.0
SPEAKER_LINK, LINK = 2.0, 1.2  # a quote's speaker; any other linked person or organisation
_FIELD_WEIGHTS: dict[str, float] = {
    "name": PRIMARY,
    "title": PRIMARY,
    "value_text": PRIMARY,
    "keywords": KEYWORD,
    "counts": STRONG,
    "text": STRONG,
    "id": STRONG,
    "tags": TAGS,
    "summary": WEAK,
    "roles": WEAK,
    "description": WEAK,
    "context": WEAK,
    "document": WEAK,
    "note": WEAK,
    "unit": WEAK,
    "qualifier": WEAK,
    "source_line": WEAK,
}
EXACT, PREFIX, FUZZY = 1.0, 0.85, 0.9
MIN_SCORE = 0.5
SHORTLIST = 200  # candidates that get the phrase bonus and a Hit
SEPARATOR = " | "  # between values joined into one field; never a token, so no phrase spans two values


# What the index keeps of a field is only its kind: (weight, position in the record's aliases or -1,
# is a person's or organisation's name). The text itself stays in the record and is read again only
# for the few records shown, so the index stays small however large the knowledge base grows.
Field = tuple[float, int, bool]
SLOTS = 64  # a posting is record * SLOTS + the field's place in the record; more fields are not indexed
PARALLEL_RECORDS = 20_000  # below this, worker processes cost more than they save


@dataclass
class Hit:
    record: Record
    score: float
    terms: set[str] = field(default_factory=set)  # normalised vocabulary tokens that matched
    via: str | None = None  # "Pratasevich → Protasevich" when another spelling matched


class SearchIndex:
    """Fields per record, and postings: token -> packed unsigned ints (record * SLOTS + field)."""

    fields: list[tuple[Field, ...]]  # per record, shared between records with the same layout
    postings: dict[str, Any]  # bytes (an array of "I" values), read through memoryview
    vocabulary: list[str]
    linked_from: dict[int, list[tuple[int, float]]]

    def __init__(self, kb: KnowledgeBase, state: tuple[Any, ...] | None = None) -> None:
        self.kb = kb
        self.records: list[Record] = [r for r in kb if r.kind != "source"]
        if state is not None:
            self.fields, self.vocabulary, self.linked_from, *blob_parts = state
            blobs = (blob for part in blob_parts for blob in part)
            self.postings = dict(zip(self.vocabulary, blobs, strict=True))
            return
        self.fields = []
        postings: dict[str, bytes] = {}
        for chunk_fields, chunk_postings in _build(self.records):  # chunks in record order, one at a time
            self.fields.extend(chunk_fields)
            if not postings:
                postings = chunk_postings
                continue
            for token, packed in chunk_postings.items():
                earlier = postings.get(token)
                postings[token] = earlier + packed if earlier else packed
            del chunk_postings
        position = {r.id: i for i, r in enumerate(self.records)}
        linked_from: dict[int, list[tuple[int, float]]] = {}
        for index, record in enumerate(self.records):
            for target, weight in _links(record):
                if target in position:
                    linked_from.setdefault(position[target], []).append((index, weight))
        self.postings = postings
        self.vocabulary = sorted(postings)
        self.linked_from = linked_from

    @classmethod
    def for_kb(cls, kb: KnowledgeBase) -> SearchIndex:
        """The index from the cache when the data is unchanged; built (and cached) otherwise."""
        with paused_gc():
            return cls._for_kb(kb)

    @classmethod
    def _for_kb(cls, kb: KnowledgeBase) -> SearchIndex:
        from ..kb import cache

        if kb.cache_key:
            state = cache.read(f"index-{kb.cache_scope}", kb.cache_key)
            if state is not None:
                try:
                    index = cls(kb, tuple(state))
                    if len(index.fields) == len(index.records):
                        return index
                except (TypeError, ValueError):
                    pass  # another shape: rebuild
        index = cls(kb)
        if kb.cache_key:
            cache.write(f"index-{kb.cache_scope}", kb.cache_key, index.cache_parts())
        return index

    def cache_parts(self, chunk: int = 50_000) -> Iterator[Any]:
        """The index for ``cache.write``: postings in vocabulary order, a chunk at a time (peak memory)."""
        yield self.fields
        yield self.vocabulary
        yield self.linked_from
        for start in range(0, len(self.vocabulary), chunk):
            yield [self.postings[token] for token in self.vocabulary[start : start + chunk]]

    def _postings(self, term: str) -> Any:
        """The packed postings of one term, read in place (no copy, no int objects until used)."""
        return memoryview(self.postings[term]).cast("I")

    # -- matching -----------------------------------------------------------------------------------

    def _similar(self, token: str) -> dict[str, float]:
        """Vocabulary tokens like ``token``, with how alike (1.0 exact)."""
        found: dict[str, float] = {}
        if token in self.postings:
            found[token] = EXACT
        if len(token) >= 3:
            start = bisect.bisect_left(self.vocabulary, token)
            for word in self.vocabulary[start : start + 200]:
                if not word.startswith(token):
                    break
                found.setdefault(word, PREFIX)
        # Typos only: a word the vocabulary holds as typed gets no fuzzy neighbours, which keeps near
        # misses ("sanction" for "sanctions") from crowding the results and spares importing RapidFuzz
        # (12 ms) for most queries. Measured on the benchmarks: hit@1 no worse on any case file.
        if token not in self.postings and len(token) >= 4 and not any(c.isdigit() for c in token):
            from rapidfuzz import fuzz, process

            cutoff = 85 if len(token) <= 5 else 78
            for word, score, _ in process.extract(token, self.vocabulary, scorer=fuzz.ratio,
                                                  score_cutoff=cutoff, limit=25):
                if word not in found and not any(c.isdigit() for c in word):
                    found[word] = FUZZY * (score / 100) ** 2
        return found

    def search(
        self,
        query: str,
        *,
        kinds: set[str] | None = None,
        tags: set[str] | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        limit: int | None = 10,
    ) -> list[Hit]:
        words = query_tokens(query)
        if not words:
            return []
        best: dict[int, list[float]] = {}  # record -> best weighted similarity per query word
        named: dict[int, list[float]] = {}  # person/organisation -> best similarity of its names per word
        terms: dict[int, set[str]] = {}

        def offer(record: int, position: int, score: float) -> None:
            scores = best.setdefault(record, [0.0] * len(words))
            if score > scores[position]:
                scores[position] = score

        for position, word in enumerate(words):
            for term, similarity in self._similar(word).items():
                for posting in self._postings(term):
                    record, slot = divmod(posting, SLOTS)
                    weight, alias, is_name = self.fields[record][slot]
                    score = similarity * weight
                    offer(record, position, score)
                    terms.setdefault(record, set()).add(term)
                    if is_name:
                        sims = named.setdefault(record, [0.0] * len(words))
                        sims[position] = max(sims[position], similarity)
        for entity, sims in named.items():  # names lift the records that link to them
            for record, weight in self.linked_from.get(entity, []):
                for position, similarity in enumerate(sims):
                    if similarity:
                        offer(record, position, similarity * weight)
        return self._rank(query, best, words, terms, kinds, tags, start, end, limit)

    def _rank(
        self,
        query: str,
        best: dict[int, list[float]],
        words: list[str],
        terms: dict[int, set[str]],
        kinds: set[str] | None,
        tags: set[str] | None,
        start: PartialDate | None,
        end: PartialDate | None,
        limit: int | None,
    ) -> list[Hit]:
        phrase = " ".join(words)
        needed = (len(words) + 1) // 2
        base: list[tuple[float, int]] = []
        for index, scores in best.items():
            if sum(1 for s in scores if s > 0) < needed:
                continue
            if (kinds or tags or start or end) and not _passes(self.records[index], kinds, tags, start, end):
                continue
            base.append((sum(scores) / len(words), index))
        # Phrase bonuses only for the strongest candidates: a record that holds the whole phrase has
        # matched every word already, so it is among them.
        shortlist = heapq.nlargest(max(SHORTLIST, (limit or 0) * 5), base) if limit is not None else base
        hits: list[Hit] = []
        for score, index in shortlist:
            score += self._phrase_bonus(index, phrase, len(words))
            if score < MIN_SCORE:
                continue
            hits.append(Hit(self.records[index], round(score, 4), terms.get(index, set()),
                            self._spelling(index, query)))
        hits.sort(key=lambda h: (-h.score, h.record.id))
        return hits[:limit] if limit is not None else hits

    def _phrase_bonus(self, index: int, phrase: str, length: int) -> float:
        """A value equal to the whole query (a keyword, a name) counts in full; the phrase inside a
        value, half. Read from the record for the shortlist only, rather than stored for all."""
        data = self.records[index].data
        bonus = 0.0
        for name, weight in (*_FIELD_WEIGHTS.items(), ("aliases", ALIAS)):
            value = data.get(name)
            for text in value if isinstance(value, list) else [value] if value is not None else []:
                normalised = normalise(str(text))
                if normalised == phrase:
                    bonus = max(bonus, weight)
                elif length > 1 and f" {phrase} " in f" {normalised} ":
                    bonus = max(bonus, weight / 2)
        return bonus

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Names and titles that look like the query, for "did you mean ...?"."""
        from rapidfuzz import fuzz, process

        choices: dict[str, str] = {}
        for record in self.records:
            name = str(record.get("name") or record.get("title") or "")
            for text in [name, *record.list("aliases")] if 0 < len(name) <= 80 else []:
                choices.setdefault(normalise(str(text)), name)
        wanted = normalise(query)
        if not wanted:
            return []
        found = process.extract(wanted, list(choices), scorer=fuzz.WRatio, score_cutoff=60, limit=limit * 3)
        suggestions: list[str] = []
        for text, _, _ in found:
            if choices[text] not in suggestions:
                suggestions.append(choices[text])
        return suggestions[:limit]


    def _spelling(self, index: int, query: str) -> str | None:
        """"Pratasevich → Protasevich": the alias most like what was typed, when the name lacks it."""
        record = self.records[index]
        aliases = [str(a) for a in record.list("aliases")]
        name = str(record.get("name") or "")
        if not aliases or not name:
            return None
        from rapidfuzz import fuzz

        typed = query.casefold()
        alias = max(aliases, key=lambda a: (fuzz.partial_ratio(typed, a.casefold()), fuzz.ratio(typed, a.casefold())))
        if fuzz.partial_ratio(typed, alias.casefold()) < 80:
            return None
        # "Lukashenko → Alexandr Lukashenko" says nothing: show only spellings the name does not contain.
        if alias.casefold() in name.casefold():
            return None
        return f"{alias} → {name}"


def fields_of(record: Record) -> list[tuple[Field, str]]:
    """The searchable fields of one record (one per weight, one per alias), each with its tokens."""
    data = record.data
    entity = record.kind in ("people", "organisations")
    grouped: dict[float, list[str]] = {}
    for name, weight in _FIELD_WEIGHTS.items():
        value = data.get(name)
        if value is None:
            continue
        texts = grouped.setdefault(weight, [])
        if isinstance(value, list):
            texts.extend(str(v) for v in value)
        else:
            texts.append(str(value).replace("-", " ") if name == "id" else str(value))
    date = record.date
    if date is not None:
        grouped.setdefault(WEAK, []).extend([date.iso(), date.display(long=True)])
    name = str(data.get("name") or "")
    found: list[tuple[Field, str]] = []
    for weight, texts in grouped.items():
        if texts:
            shown = texts[0] if len(texts) == 1 else SEPARATOR.join(texts)
            # The separator is not a token, so one normalise call serves the whole group.
            found.append(((weight, -1, entity and weight == PRIMARY and bool(name)), normalise(shown)))
    for position, alias in enumerate(record.list("aliases")):
        found.append(((ALIAS, position, entity), normalise(str(alias))))
    return found[:SLOTS]


Chunk = tuple[list[tuple[Field, ...]], dict[str, bytes]]


def _chunk(records: list[Record], start: int, end: int) -> Chunk:
    fields: list[tuple[Field, ...]] = []
    layouts: dict[tuple[Field, ...], tuple[Field, ...]] = {}  # one tuple per distinct layout
    postings: dict[str, array[int]] = {}
    for index in range(start, end):
        own: list[Field] = []
        for slot, (item, text) in enumerate(fields_of(records[index])):
            own.append(item)
            posting = index * SLOTS + slot
            for token in set(text.split()):
                packed = postings.get(token)
                if packed is None:
                    postings[token] = packed = array("I")
                packed.append(posting)
        layout = tuple(own)
        fields.append(layouts.setdefault(layout, layout))
    return fields, {token: packed.tobytes() for token, packed in postings.items()}


_RECORDS_FOR_WORKERS: list[Record] = []  # inherited by forked workers, so records are never pickled


def _chunk_in_worker(start: int, end: int) -> Chunk:
    return _chunk(_RECORDS_FOR_WORKERS, start, end)


def _build(records: list[Record]) -> Iterator[Chunk]:
    """Fields and postings in chunks, in record order: on every core for a large knowledge base."""
    import multiprocessing
    import os

    workers = os.cpu_count() or 1
    if len(records) < PARALLEL_RECORDS or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield _chunk(records, 0, len(records))
        return
    from concurrent.futures import ProcessPoolExecutor

    global _RECORDS_FOR_WORKERS
    _RECORDS_FOR_WORKERS = records
    try:
        size = -(-len(records) // workers)
        bounds = [(start, min(start + size, len(records))) for start in range(0, len(records), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_chunk_in_worker, *zip(*bounds, strict=True))
    finally:
        _RECORDS_FOR_WORKERS = []


def _links(record: Record) -> list[tuple[str, float]]:
    links = [(str(record.get("speaker")), SPEAKER_LINK)] if record.get("speaker") else []
    return links + [(str(i), LINK) for i in record.list("people") + record.list("organisations")]


def _passes(
    record: Record,
    kinds: set[str] | None,
    tags: set[str] | None,
    start: PartialDate | None,
    end: PartialDate | None,
) -> bool:
    if kinds and record.kind not in kinds:
        return False
    if tags and not tags & set(record.list("tags")):
        return False
    if start is not None or end is not None:
        date = record.date
        if date is None or not date.overlaps(start, end):
            return False
    return True


def hit_json(hit: Hit, citation: str) -> dict[str, Any]:
    return {"kind": hit.record.singular, **hit.record.data, "score": hit.score, "citation": citation,
            "matched_spelling": hit.via}
