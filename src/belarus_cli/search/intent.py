"""What kind of answer a question asks for, read from its question words: "how many" wants a figure,
"what did Raab say" a quote, "when" a dated record, "the Chatham House piece on ..." a source. The
words themselves carry no weight in the match (they are stop words); this turns them into a preference
among records that match the rest."""

from __future__ import annotations

from belarus_cli.kb.records import Record, speaker_ids

from .normalise import COUNT_WORDS, REMARK_WORDS, SECTION_WORDS, SOURCE_WORDS, tokens

PREFERENCE = 1.1  # how much more a record of the asked-for kind counts: a preference, not an override
# A source asked for by what it is ("the BBC article on ..."): its footnote competes with the records
# that cite it, which say the same in more words, so the preference is stronger.
SOURCE_PREFERENCE = 1.3

# Verbs whose subject is the speaker: "what did Raab say", "what did Moscow call the incident", "what did
# Lukashenko threaten the EU with". Not in the passive, where the words before name who was spoken of
# ("Belarus accused of engineering ...", "described as", "warned by").
_SPEAKING = frozenset(
    "say said says call called calls describe described describes tell told "
    "accuse accused warn warned threaten threatened".split()
)
_PASSIVE = frozenset({"of", "as", "by"})
_QUOTE_WORDS = frozenset({"quote", "quoted", "quotes"})
_REMARKS = REMARK_WORDS  # "Raab's comment on": stop words too
# The same questions asked in Russian or Belarusian, transliterated as ``tokens`` gives them, so that
# no search pays for transliterating these lists (a test ties _SAID to normalise.REPORTING_WORDS).
_HOW_MANY = frozenset({"skolko", "kolki"})
_WHEN = frozenset({"kogda", "kali"})
_SAID = frozenset({"skazal", "skazala", "zayavil", "zayavila", "skazau", "zayaviu"})


def preferred(query: str) -> set[str]:
    """Kinds (plural keys) or "dated" that the question's words ask for; empty for a plain query."""
    words = tokens(query)
    wanted: set[str] = set()
    for first, second in zip(words, [*words[1:], ""], strict=True):
        if (first == "how" and second in ("many", "much")) or (first in COUNT_WORDS and second == "of"):
            wanted.add("figures")
    if _HOW_MANY.intersection(words):
        wanted.add("figures")
    if "when" in words or _WHEN.intersection(words):
        wanted.add("dated")
    if (
        _speaking(words)
        or _QUOTE_WORDS.intersection(words)
        or _REMARKS.intersection(words)
        or _SAID.intersection(words)
    ):
        wanted.add("quotes")
    if SOURCE_WORDS.intersection(words):
        wanted.add("footnotes")
    if SECTION_WORDS.intersection(words):
        wanted.add("sections")
    return wanted


def _speaking(words: list[str]) -> list[int]:
    """Where a verb of speaking has the speaker for its subject: not "accused of", "described as"."""
    following = [*words[1:], ""]
    return [i for i, word in enumerate(words) if word in _SPEAKING and following[i] not in _PASSIVE]


def speaker_words(query: str) -> set[str]:
    """The words naming who spoke: those just before a verb of speaking ("what did Raab say", "Raab
    said", "what did Moscow call ..."), up to three, stopping at a question word; in Russian or
    Belarusian, the word each side of "сказал" or "заявил" ("что сказал Рааб", "Рааб заявил").
    "Analyst says Lukashenko ..." names no speaker the knowledge base holds by that word, so
    Lukashenko's quotes are not put first."""
    from .normalise import STOPWORDS, query_tokens

    words = tokens(query)
    found: set[str] = set()
    speaking = set(_speaking(words))
    for position, word in enumerate(words):
        if position in speaking or word in _REMARKS:
            for before in reversed(words[max(0, position - 4) : position]):
                if before == "s":  # the possessive's s: "Raab's comments"
                    continue
                if before in STOPWORDS:
                    break
                found.add(before)
    content = set(query_tokens(query))  # without Russian function words ("о", "про")
    for position, word in enumerate(words):
        if word in _SAID:  # the nearest word each side: "что сказал Рааб", "Рааб заявил"
            found.update([w for w in words[position + 1 :] if w in content][:1])
            found.update([w for w in reversed(words[:position]) if w in content][:1])
    return found


def first(record: Record, wanted: set[str], named: set[str]) -> bool:
    """ "What did Raab say ...": Raab's own quotes come before everything else that matches.
    ``named`` holds the ids of the people and bodies the query names."""
    return "quotes" in wanted and record.kind == "quotes" and bool(named.intersection(speaker_ids(record)))


def boost(record: Record, wanted: set[str]) -> float:
    """How much more ``record`` counts for the kind of answer the question asks for."""
    if not wanted:
        return 1.0
    if record.kind == "footnotes" and "footnotes" in wanted:
        return SOURCE_PREFERENCE
    if record.kind in wanted or ("dated" in wanted and record.date is not None and record.kind == "events"):
        return PREFERENCE
    return 1.0
