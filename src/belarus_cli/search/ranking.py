"""How a query is scored against the index: words, stems, typos, other spellings, Cyrillic, numbers.

A query word is matched against the vocabulary exactly, by its English stem, as a prefix and fuzzily
(RapidFuzz, in C); the work per query grows with the vocabulary and the postings it touches, never with
pairs of records. A record's score is the mean of its best weighted match for each query word (the
field weights are the kind registry's, saturated as bm25 saturates term frequency), each word weighted
by how rare it is (bm25's inverse document frequency), so that a record covering more of the query, and
its rarer words, ranks higher: there is no all-or-nothing cut. A phrase bonus rewards a field holding
the whole query (its content words, or all it typed from the first to the last, "on" and "for" too,
each typo read as its likeliest spelling); question words ("how many", "when", "what did ... say")
prefer the kind of record they ask for (see ``intent``). The meaning layer (``meaning``) adds likeness
in meaning and fills in records that share no word with the query.
"""

from __future__ import annotations

import bisect
import heapq
import math
from dataclasses import dataclass, field

from belarus_cli.kb.filters import RecordFilter
from belarus_cli.kb.records import Record, fact_id, kind_positions

from .equivalents import equivalents
from .index import SLOTS, SearchIndex, searched_values
from .intent import boost, first, preferred, speaker_words
from .normalise import STOPWORDS, normalise, query_tokens, russian_stems, stems

EXACT, STEM, PREFIX, FUZZY = 1.0, 0.95, 0.85, 0.9
SWAPPED = FUZZY * 0.9**2  # two adjacent letters swapped: as alike as a fuzzy ratio of 0.9
# An English stem matched in a name or alias ("frontier" in "Reporters sans frontières", "office" in
# "officers") is weak evidence: names are not inflected words. It counts at most as an exact match in a
# strong field (0.6 x 3.0 < 2.0), not as the name itself; 0.4 to 0.8 ranked the development sets alike.
NAME_STEM = 0.6
EQUIVALENT = 0.8  # an everyday equivalent ("Moscow" for Russia): weaker than the word itself
RELATED = 0.5  # a related word ("wives" for "spouses") counts this much times its cosine (see related.py)
RELATED_HELD = 0.3  # ... and this much for a word the knowledge base holds as typed: it has its own matches
# A Russian or Belarusian word's English reading ("санкции" -> sanctions, see cross_lingual.py)
# counts this much times how well the English word matches: of the development sets' 142 cross-lingual
# cases, 0.3 put 90.1% first, 0.5 92.3%, 0.8 93.0% (but fewer with the curated keywords removed)
TRANSLATED = 0.5
RELATED_TAKEN = 5  # of a word's related words, the most alike this many that the knowledge base holds
RELATIVE_FLOOR = 0.1  # results under this share of the best one's score are noise, not answers
SHORTLIST = 100  # candidates that get the phrase bonus and a meaning cosine (200 and 60 ranked every case file alike)
NAMED = 0.9  # a name matched at least this well counts as named by the query
MEANING = 0.5  # what likeness in meaning adds to a lexical score scaled to 1 (see meaning.py)
MEANING_CANDIDATES = 30  # the records most alike in meaning that join the lexical candidates


@dataclass
class Hit:
    record: Record
    score: float
    terms: set[str] = field(default_factory=set)  # normalised vocabulary tokens that matched
    via: str | None = None  # "Pratasevich → Protasevich" when another spelling matched
    coverage: float = 0.0  # the share of the query (by rarity) the record matches in words; 0: meaning only


def similar_terms(index: SearchIndex, token: str, russian: str = "") -> dict[str, float]:
    """Vocabulary tokens like ``token``, with how alike (1.0 exact); worked out once per token and index.
    ``russian`` is the word's Russian stem key when it was typed in Cyrillic (``russian_stems``)."""
    found = index.similar.get(token + russian)
    if found is None:
        found = index.similar[token + russian] = _similar_terms(index, token, russian)
    return found


def _similar_terms(index: SearchIndex, token: str, russian: str) -> dict[str, float]:
    found: dict[str, float] = {}
    if token in index.postings:
        found[token] = EXACT
    for word in index.stem_groups.get(russian, []) if russian else []:
        found.setdefault(word, STEM)
    if len(token) >= 3 and token.isalpha():
        for word in index.stem_groups.get(stems([token])[0], []):
            found.setdefault(word, STEM)
        start = bisect.bisect_left(index.vocabulary, token)
        for word in index.vocabulary[start : start + 200]:
            if not word.startswith(token):
                break
            found.setdefault(word, PREFIX)
    # Typos only: a word the vocabulary holds as typed gets no fuzzy neighbours, which keeps near
    # misses ("sanction" for "sanctions") from crowding the results and spares importing RapidFuzz
    # (12 ms) for most queries.
    if token not in index.postings and len(token) >= 4 and not any(c.isdigit() for c in token):
        from rapidfuzz import fuzz, process

        cutoff = 85 if len(token) <= 5 else 78
        for word, score, _ in process.extract(token, index.words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=25):
            if word not in found:
                found[word] = FUZZY * (score / 100) ** 2
        # Two letters swapped ("fule" for fuel) is the commonest slip, and the ratio counts it as two
        # edits, under the cutoff of a short word: the swaps are tried as spellings of their own.
        for place in range(len(token) - 1):
            swapped = token[:place] + token[place + 1] + token[place] + token[place + 2 :]
            if swapped != token and swapped in index.postings and swapped not in STOPWORDS:
                found[swapped] = max(found.get(swapped, 0.0), SWAPPED)
    named = equivalents(token, russian, held=token in index.postings)
    for equivalent in named:
        for word, similarity in similar_terms(index, equivalent).items():
            found.setdefault(word, EQUIVALENT * similarity)
    if russian and not named:
        translated = _translated(index, russian, found)
        found.update(translated)
        index.related[token + russian] = sorted(translated, key=lambda word: (-translated[word], word))
    if len(token) >= 3 and token.isalpha() and not russian:
        related = _related(index, token, found)
        found.update(related)
        index.related[token + russian] = sorted(related, key=lambda word: (-related[word], word))
    return found


def _related(index: SearchIndex, token: str, found: dict[str, float]) -> dict[str, float]:
    """Words alike in meaning that the knowledge base holds ("spouses" -> wives, husband), weaker than
    any spelling of the word itself; the stem finds an inflection the table lacks."""
    from .related import related_words

    taken: dict[str, float] = {}
    held = 0
    weight = RELATED_HELD if token in index.postings else RELATED
    for word, likeness in related_words(token, stems([token])[0]):
        if word in index.postings:
            held += 1
            if word not in found:
                taken[word] = weight * likeness
            if held == RELATED_TAKEN:
                break
    return taken


def _translated(index: SearchIndex, russian: str, found: dict[str, float]) -> dict[str, float]:
    """The English words a Russian or Belarusian word reads as ("задержаны" -> detained), by the
    cross-lingual table, and the knowledge base's words that are those or share their stem: weaker
    than any spelling of the word itself, as related words are."""
    from .cross_lingual import english_words

    taken: dict[str, float] = {}
    for english in english_words(russian):
        for word, similarity in similar_terms(index, english).items():
            if similarity >= STEM and word not in found:
                taken[word] = max(taken.get(word, 0.0), TRANSLATED * similarity)
    return taken


def unmatched_words(index: SearchIndex, query: str) -> dict[str, list[str]]:
    """The query's meaningful words that nothing in the knowledge base holds in any spelling, each with
    the related words (``related``) that stood in for it, if any."""
    russian = russian_stems(query)
    unmatched: dict[str, list[str]] = {}
    for word in query_tokens(query):
        key = russian.get(word, "")
        found = similar_terms(index, word, key)
        related = index.related.get(word + key, [])
        if len(found) == len(related):  # every match is a related word (or there is none)
            unmatched[word] = related
    return unmatched


def search(index: SearchIndex, query: str, *, where: RecordFilter | None = None, limit: int | None = 10) -> list[Hit]:
    """The records that match ``query`` and pass ``where``, best first (ties by id: deterministic)."""
    words = query_tokens(query)
    if not words:
        return []
    best: dict[int, list[float]] = {}  # record -> best weighted similarity per query word
    named: dict[int, list[float]] = {}  # person/organisation -> best similarity of its names per word
    terms: dict[int, set[str]] = {}
    direct: list[set[int]] = [set() for _ in words]  # records that hold each word themselves

    def offer(record: int, position: int, score: float) -> None:
        scores = best.setdefault(record, [0.0] * len(words))
        if score > scores[position]:
            scores[position] = score

    russian = russian_stems(query)
    fields, empty = index.fields, [0.0] * len(words)
    for position, word in enumerate(words):
        held = direct[position]
        # A word the vocabulary holds as typed is not a name cut short ("next" is not Nexta): its
        # prefix matches in names count as weakly as a stem does there.
        whole = word in index.postings
        for term, similarity in similar_terms(index, word, russian.get(word, "")).items():
            as_name = NAME_STEM if similarity == STEM or (whole and similarity == PREFIX) else similarity
            # The innermost loop of every search, once per posting: offer() is written out in it.
            for posting in index.postings_of(term):
                record, slot = divmod(posting, SLOTS)
                weight, _alias, is_name = fields[record][slot]
                scores = best.get(record)
                if scores is None:
                    scores = best[record] = empty.copy()
                match = (as_name if is_name else similarity) * weight
                if match > scores[position]:
                    scores[position] = match
                held.add(record)
                found = terms.get(record)
                if found is None:
                    terms[record] = {term}
                else:
                    found.add(term)
                if is_name:
                    sims = named.setdefault(record, [0.0] * len(words))
                    sims[position] = max(sims[position], as_name)
    for entity, sims in named.items():  # names lift the records that link to them
        for record, weight in index.links_to(entity):
            for position, similarity in enumerate(sims):
                if similarity:
                    offer(record, position, similarity * weight)
    total = len(index.records)
    # bm25's inverse document frequency; a word nothing holds carries no weight at all.
    rarity = [math.log(1 + (total - len(d) + 0.5) / (len(d) + 0.5)) if d else 0.0 for d in direct]
    # Who the question says spoke ("what did Raab say"): their quotes come first.
    speakers = speaker_words(query)
    spoken = [position for position, word in enumerate(words) if word in speakers]
    names = {index.records[e].id for e, sims in named.items() if spoken and _names_speaker(sims, spoken)}
    return _rank(index, query, best, words, rarity, terms, names, where, limit)


def _names_speaker(sims: list[float], spoken: list[int]) -> bool:
    """Whether the words before "say" name this person or body, every one of them ("what did Raab
    say", "Dominic Raab said"). One word of several is not enough: "exile group says" named the G7
    ("Group of Seven"), whose quotes then came before the exiles' own; and "what did the NATO chief
    say" means Stoltenberg, not NATO's own statements. Such questions still prefer quotes (intent)."""
    return all(sims[position] >= NAMED for position in spoken)


def _rank(
    index: SearchIndex,
    query: str,
    best: dict[int, list[float]],
    words: list[str],
    rarity: list[float],
    terms: dict[int, set[str]],
    names: set[str],
    where: RecordFilter | None,
    limit: int | None,
) -> list[Hit]:
    matched = [word for word, rare in zip(words, rarity, strict=True) if rare]  # words nothing holds are left out
    spelt = _spellings(index, query, matched)
    matched = [spelt.get(word, word) for word in matched]
    phrase = " ".join(matched)  # a typo in its likeliest spelling ("intergration" as integration)
    # The query as typed, its function words kept ("integration on hold for russia and belarus"): a
    # title quoted whole holds that, and never the content words alone, which skip "on" and "for".
    matched_set = set(matched)
    typed = _typed_phrase(query, matched_set, spelt)
    weight = sum(rarity) or 1.0
    wanted = preferred(query)
    filtered = bool(where)
    records = index.records
    base: list[tuple[float, int]] = []
    for position, scores in best.items():
        if filtered and where and not where.matches(records[position]):
            continue
        # saturated(), written out: this runs once per candidate
        base.append((sum(r * s / (s + SATURATION) for r, s in zip(rarity, scores, strict=True)) / weight, position))
    # Phrase bonuses only for the strongest candidates: a record that holds the whole phrase has
    # matched every word already, so it is among them.
    shortlist = heapq.nlargest(max(SHORTLIST, (limit or 0) * 5), base) if limit is not None else base

    def bonus(position: int) -> float:
        # Only a record holding every matched word as typed can hold the phrase: the rest are not read.
        if not matched_set <= terms.get(position, set()):
            return 0.0
        record = index.records[position]
        found = phrase_bonus(record, phrase, len(matched))
        return max(found, phrase_bonus(record, typed, len(matched))) if typed and typed != phrase else found

    # A record is built from the cache only when it must be read (a question's preference, a speaker's
    # quotes first, a result shown): ids come from the cache's heads.
    lexical = {
        position: (score + bonus(position)) * (boost(index.records[position], wanted) if wanted else 1.0)
        for score, position in shortlist
    }
    # "Which chapter covers ...": every section competes, by meaning where no word of it matches, and
    # the sections come first; there are a dozen, and the question names no other kind of answer.
    parts = set(kind_positions(records, "sections")) if "sections" in wanted else set()
    for position in parts:
        if position not in lexical and (not filtered or (where and where.matches(records[position]))):
            lexical[position] = 0.0
    final = {position: round(score, 4) for position, score in _with_meaning(index, query, lexical, where).items()}
    floor = max(final.values(), default=0.0) * RELATIVE_FLOOR
    kept = [position for position, score in final.items() if score >= floor and score > 0]
    speakers_first = "quotes" in wanted and bool(names)
    kept.sort(
        key=lambda p: (
            bool(parts) and p not in parts,
            speakers_first and not first(index.records[p], wanted, names),
            -final[p],
            fact_id(index.records, p),
        )
    )
    hits = [
        Hit(
            index.records[p],
            final[p],
            terms.get(p, set()),
            None,
            round(sum(r for r, s in zip(rarity, best[p], strict=True) if s) / weight, 4) if p in best else 0.0,
        )
        for p in (kept[:limit] if limit is not None else kept)
    ]
    for hit in hits:  # for the results returned only: it costs a fuzzy comparison per alias
        hit.via = _spelling(hit.record, query)
    return hits


def _with_meaning(
    index: SearchIndex, query: str, lexical: dict[int, float], where: RecordFilter | None
) -> dict[int, float]:
    """Lexical scores (scaled so the best is 1) plus MEANING times each candidate's likeness in meaning
    (the cosine of its vector and the query's); the records most alike in meaning by sign bits join the
    candidates though they share no word with the query."""
    meaning = index.meaning
    wanted = meaning.query(query.split()) if meaning else None
    if meaning is None or wanted is None:
        return lexical
    top = max(lexical.values(), default=0.0) or 1.0
    final = {position: score / top + MEANING * meaning.cosine(wanted, position) for position, score in lexical.items()}
    for position in sorted(meaning.most_alike(wanted, MEANING_CANDIDATES)):
        if position not in final and (where is None or where.matches(index.records[position])):
            final[position] = MEANING * meaning.cosine(wanted, position)
    return final


SATURATION = 2.0  # bm25's k: a match in a strong field counts more, but less than matching another word


def saturated(score: float) -> float:
    """A word's weighted match, saturated as bm25 saturates term frequency: a name (3.0) counts 0.6, a
    summary (1.0) 0.33, so covering more of the query beats matching one word in a weightier field."""
    return score / (score + SATURATION)


WEAK = 0.5  # a best result matching less than this share of the query's words is a weak answer


def weak(hits: list[Hit], query: str, unmatched: dict[str, list[str]]) -> bool:
    """The best result matches under half of what was asked (by rarity), or half the query's words match
    nothing at all: the briefing may not cover it."""
    words = query_tokens(query)
    return bool(hits) and (hits[0].coverage < WEAK or len(unmatched) >= WEAK * len(words))


SPELLING = 0.7  # the least likeness of a typo's spelling for the phrase bonus: a fuzzy ratio of 0.88


def _spellings(index: SearchIndex, query: str, words: list[str]) -> dict[str, str]:
    """A typo's likeliest spelling in the knowledge base ("intergration" -> integration), for the
    phrase bonus: the word it matches best, when that is a close spelling and not a Cyrillic word's."""
    russian = russian_stems(query)
    found: dict[str, str] = {}
    for word in words:
        if word in index.postings or word in russian:
            continue
        like = sorted(similar_terms(index, word).items(), key=lambda item: -item[1])
        # One clear best, never a tie ("integr" is a prefix of several words alike)
        if like and like[0][1] >= SPELLING and (len(like) == 1 or like[1][1] < like[0][1]):
            found[word] = like[0][0]
    return found


def _typed_phrase(query: str, matched: set[str], spelt: dict[str, str]) -> str:
    """The query's tokens from its first matched word to its last, function words included, each typo
    in its likeliest spelling."""
    from .normalise import tokens

    words = [spelt.get(word, word) for word in tokens(query)]
    places = [i for i, word in enumerate(words) if word in matched]
    return " ".join(words[places[0] : places[-1] + 1]) if places else ""


def phrase_bonus(record: Record, phrase: str, length: int) -> float:
    """A value equal to the whole query (a keyword, a name) counts in full; the phrase inside a value,
    half. Read from the record for the shortlist only, rather than stored for all. Values in other
    scripts count too: "Belyatskiy" is a transliteration of the alias Беляцкий and of no Latin one."""
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

    choices = index.names()
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
    aliases = record.spellings()
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
