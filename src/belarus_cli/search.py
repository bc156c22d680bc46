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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate
from .model import KnowledgeBase, Record
from .text_norm import normalise, query_tokens

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
_NAME_WEIGHTS = (PRIMARY, ALIAS)
EXACT, PREFIX, FUZZY = 1.0, 0.85, 0.9
MIN_SCORE = 0.5
SEPARATOR = " | "  # between values joined into one field; never a token, so no phrase spans two values


@dataclass(frozen=True, slots=True)
class _Field:
    record: int
    weight: float
    text: str  # normalised tokens, space-separated
    shown: str  # as written, for "which spelling matched"
    alias_of: str | None = None  # the canonical name when this field is an alias
    is_name: bool = False  # a person's or organisation's name or alias: propagates to linked records


@dataclass
class Hit:
    record: Record
    score: float
    terms: set[str] = field(default_factory=set)  # normalised vocabulary tokens that matched
    via: str | None = None  # "Pratasevich → Protasevich" when another spelling matched


class SearchIndex:
    def __init__(self, kb: KnowledgeBase, state: tuple[Any, ...] | None = None) -> None:
        self.kb = kb
        self.records: list[Record] = [r for r in kb if r.kind != "source"]
        if state is not None:
            fields, self.postings, self.vocabulary, self.linked_from = state
            self.fields = [_Field(*item) for item in fields]
            return
        position = {r.id: i for i, r in enumerate(self.records)}
        self.fields = []
        postings: dict[str, list[int]] = {}
        linked_from: dict[int, list[tuple[int, float]]] = {}
        for index, record in enumerate(self.records):
            for item in self._fields_of(index, record):
                field_index = len(self.fields)
                self.fields.append(item)
                for token in set(item.text.split()):
                    postings.setdefault(token, []).append(field_index)
            for target, weight in _links(record):
                if target in position:
                    linked_from.setdefault(position[target], []).append((index, weight))
        self.postings = postings
        self.vocabulary = sorted(postings)
        self.linked_from = linked_from

    @classmethod
    def for_kb(cls, kb: KnowledgeBase) -> SearchIndex:
        """The index from the cache when the data is unchanged; built (and cached) otherwise."""
        from . import cache

        if kb.cache_key:
            state = cache.read(f"index-{kb.cache_scope}", kb.cache_key)
            if state is not None:
                try:
                    index = cls(kb, tuple(state))
                    if all(0 <= f.record < len(index.records) for f in index.fields[-1:]):
                        return index
                except (TypeError, ValueError):
                    pass  # another shape: rebuild
        index = cls(kb)
        if kb.cache_key:
            fields = [(f.record, f.weight, f.text, f.shown, f.alias_of, f.is_name) for f in index.fields]
            cache.write(f"index-{kb.cache_scope}", kb.cache_key,
                        (fields, index.postings, index.vocabulary, index.linked_from))
        return index

    # -- building -----------------------------------------------------------------------------------

    def _fields_of(self, index: int, record: Record) -> Iterable[_Field]:
        data = record.data
        entity = record.kind in ("people", "organisations")
        grouped: dict[float, list[str]] = {}
        for name, weight in _FIELD_WEIGHTS.items():
            value = data.get(name)
            values = value if isinstance(value, list) else [value] if value is not None else []
            for text in values:
                grouped.setdefault(weight, []).append(str(text).replace("-", " ") if name == "id" else str(text))
        date = record.date
        if date is not None:
            grouped.setdefault(WEAK, []).extend([date.iso(), date.display(long=True)])
        name = str(data.get("name") or "")
        for weight, texts in grouped.items():
            shown = texts[0] if len(texts) == 1 else SEPARATOR.join(texts)
            text = normalise(shown)  # the separator is not a token: one call for the whole group
            yield _Field(index, weight, text, shown, None, entity and weight == PRIMARY and bool(name))
        for alias in record.list("aliases"):
            yield _Field(index, ALIAS, normalise(str(alias)), str(alias), name, entity)

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
        if len(token) >= 4 and not any(c.isdigit() for c in token):
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
        via: dict[int, tuple[float, str]] = {}
        terms: dict[int, set[str]] = {}

        def offer(record: int, position: int, score: float) -> None:
            scores = best.setdefault(record, [0.0] * len(words))
            if score > scores[position]:
                scores[position] = score

        for position, word in enumerate(words):
            for term, similarity in self._similar(word).items():
                for field_index in self.postings[term]:
                    item = self.fields[field_index]
                    score = similarity * item.weight
                    offer(item.record, position, score)
                    terms.setdefault(item.record, set()).add(term)
                    if item.is_name:
                        sims = named.setdefault(item.record, [0.0] * len(words))
                        sims[position] = max(sims[position], similarity)
                    if item.alias_of and item.alias_of != item.shown:
                        previous = via.get(item.record)
                        if previous is None or score > previous[0]:
                            via[item.record] = (score, f"{item.shown} → {item.alias_of}")
        for entity, sims in named.items():  # names lift the records that link to them
            for record, weight in self.linked_from.get(entity, []):
                for position, similarity in enumerate(sims):
                    if similarity:
                        offer(record, position, similarity * weight)
                if entity in via and record not in via:
                    via[record] = (0.0, via[entity][1])
        return self._rank(best, words, terms, via, kinds, tags, start, end, limit)

    def _rank(
        self,
        best: dict[int, list[float]],
        words: list[str],
        terms: dict[int, set[str]],
        via: dict[int, tuple[float, str]],
        kinds: set[str] | None,
        tags: set[str] | None,
        start: PartialDate | None,
        end: PartialDate | None,
        limit: int | None,
    ) -> list[Hit]:
        phrase = " ".join(words)
        needed = (len(words) + 1) // 2
        hits: list[Hit] = []
        for index, scores in best.items():
            if sum(1 for s in scores if s > 0) < needed:
                continue
            record = self.records[index]
            if not _passes(record, kinds, tags, start, end):
                continue
            score = sum(scores) / len(words) + self._phrase_bonus(index, phrase, len(words))
            if score < MIN_SCORE:
                continue
            shown_via = via.get(index)
            hits.append(Hit(record, round(score, 4), terms.get(index, set()), shown_via[1] if shown_via else None))
        hits.sort(key=lambda h: (-h.score, h.record.id))
        return hits[:limit] if limit is not None else hits

    def _phrase_bonus(self, index: int, phrase: str, length: int) -> float:
        """Whole-field and phrase matches lift a record above scattered word matches."""
        bonus = 0.0
        for item in self._fields_by_record().get(index, []):
            if item.text == phrase:
                bonus = max(bonus, item.weight)
            elif length > 1 and f" {phrase} " in f" {item.text} ":
                bonus = max(bonus, item.weight / 2)
        return bonus

    def _fields_by_record(self) -> dict[int, list[_Field]]:
        cached: dict[int, list[_Field]] | None = getattr(self, "_by_record", None)
        if cached is None:
            cached = {}
            for item in self.fields:
                cached.setdefault(item.record, []).append(item)
            self._by_record = cached
        return cached

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Names and titles that look like the query, for "did you mean ...?"."""
        from rapidfuzz import fuzz, process

        choices: dict[str, str] = {}
        for item in self.fields:
            if item.weight >= PRIMARY and len(item.shown) <= 80 and SEPARATOR not in item.shown:
                choices.setdefault(item.text, item.alias_of or item.shown)
        wanted = normalise(query)
        if not wanted:
            return []
        found = process.extract(wanted, list(choices), scorer=fuzz.WRatio, score_cutoff=60, limit=limit * 3)
        suggestions: list[str] = []
        for text, _, _ in found:
            if choices[text] not in suggestions:
                suggestions.append(choices[text])
        return suggestions[:limit]


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
