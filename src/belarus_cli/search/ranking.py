"""How a query is scored against the index: words, typos, other spellings, Cyrillic, numbers.

A query word is matched against the vocabulary exactly, as a prefix and fuzzily (RapidFuzz, in C); the
work per query grows with the vocabulary and the postings it touches, never with pairs of records. A
record scores the mean over query words of its best weighted match (the field weights are the kind
registry's), must match at least half the words, and gains a bonus where a field holds the whole phrase.
"""

from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass, field

from belarus_cli.kb.filters import RecordFilter
from belarus_cli.kb.records import Record

from .index import SLOTS, SearchIndex, searched_values
from .normalise import normalise, query_tokens

EXACT, PREFIX, FUZZY = 1.0, 0.85, 0.9
MIN_SCORE = 0.5
SHORTLIST = 200  # candidates that get the phrase bonus and a Hit


@dataclass
class Hit:
    record: Record
    score: float
    terms: set[str] = field(default_factory=set)  # normalised vocabulary tokens that matched
    via: str | None = None  # "Pratasevich → Protasevich" when another spelling matched


def similar_terms(index: SearchIndex, token: str) -> dict[str, float]:
    """Vocabulary tokens like ``token``, with how alike (1.0 exact)."""
    found: dict[str, float] = {}
    if token in index.postings:
        found[token] = EXACT
    if len(token) >= 3:
        start = bisect.bisect_left(index.vocabulary, token)
        for word in index.vocabulary[start : start + 200]:
            if not word.startswith(token):
                break
            found.setdefault(word, PREFIX)
    # Typos only: a word the vocabulary holds as typed gets no fuzzy neighbours, which keeps near
    # misses ("sanction" for "sanctions") from crowding the results and spares importing RapidFuzz
    # (12 ms) for most queries. Measured on the benchmarks: hit@1 no worse on any case file.
    if token not in index.postings and len(token) >= 4 and not any(c.isdigit() for c in token):
        from rapidfuzz import fuzz, process

        cutoff = 85 if len(token) <= 5 else 78
        for word, score, _ in process.extract(
            token, index.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=25
        ):
            if word not in found and not any(c.isdigit() for c in word):
                found[word] = FUZZY * (score / 100) ** 2
    return found


def search(index: SearchIndex, query: str, *, where: RecordFilter | None = None, limit: int | None = 10) -> list[Hit]:
    """The records that match ``query`` and pass ``where``, best first (ties by id: deterministic)."""
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
        for term, similarity in similar_terms(index, word).items():
            for posting in index.postings_of(term):
                record, slot = divmod(posting, SLOTS)
                weight, _alias, is_name = index.fields[record][slot]
                offer(record, position, similarity * weight)
                terms.setdefault(record, set()).add(term)
                if is_name:
                    sims = named.setdefault(record, [0.0] * len(words))
                    sims[position] = max(sims[position], similarity)
    for entity, sims in named.items():  # names lift the records that link to them
        for record, weight in index.linked_from.get(entity, []):
            for position, similarity in enumerate(sims):
                if similarity:
                    offer(record, position, similarity * weight)
    return _rank(index, query, best, words, terms, where, limit)


def _rank(
    index: SearchIndex,
    query: str,
    best: dict[int, list[float]],
    words: list[str],
    terms: dict[int, set[str]],
    where: RecordFilter | None,
    limit: int | None,
) -> list[Hit]:
    phrase = " ".join(words)
    needed = (len(words) + 1) // 2
    base: list[tuple[float, int]] = []
    for position, scores in best.items():
        if sum(1 for s in scores if s > 0) < needed:
            continue
        if where and not where.matches(index.records[position]):
            continue
        base.append((sum(scores) / len(words), position))
    # Phrase bonuses only for the strongest candidates: a record that holds the whole phrase has
    # matched every word already, so it is among them.
    shortlist = heapq.nlargest(max(SHORTLIST, (limit or 0) * 5), base) if limit is not None else base
    hits: list[Hit] = []
    for score, position in shortlist:
        record = index.records[position]
        score += phrase_bonus(record, phrase, len(words))
        if score < MIN_SCORE:
            continue
        hits.append(Hit(record, round(score, 4), terms.get(position, set()), _spelling(record, query)))
    hits.sort(key=lambda h: (-h.score, h.record.id))
    return hits[:limit] if limit is not None else hits


def phrase_bonus(record: Record, phrase: str, length: int) -> float:
    """A value equal to the whole query (a keyword, a name) counts in full; the phrase inside a value,
    half. Read from the record for the shortlist only, rather than stored for all."""
    bonus = 0.0
    for _name, weight, value in searched_values(record):
        for text in value if isinstance(value, list) else [value]:
            normalised = normalise(str(text))
            if normalised == phrase:
                bonus = max(bonus, weight)
            elif length > 1 and f" {phrase} " in f" {normalised} ":
                bonus = max(bonus, weight / 2)
    return bonus


def suggest(index: SearchIndex, query: str, limit: int = 3) -> list[str]:
    """Names and titles that look like the query, for "did you mean ...?"."""
    from rapidfuzz import fuzz, process

    choices: dict[str, str] = {}
    for record in index.records:
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


def _spelling(record: Record, query: str) -> str | None:
    """ "Pratasevich → Protasevich": the alias most like what was typed, when the name lacks it."""
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


def hit_json(hit: Hit, citation: str) -> dict[str, object]:
    return {**hit.record.to_json(), "score": hit.score, "citation": citation, "matched_spelling": hit.via}
