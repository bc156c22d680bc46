"""Normalise text for matching: one script, one case, one way to write a number.

Transliteration uses ``anyascii`` (a maintained table for every script) so that Cyrillic spellings
match Latin ones without a hand-written table: Лукашенко -> lukashenko, Ціханоўская -> tsikhanouskaya.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
# Every way of writing a unit or currency, as one pattern (one pass per text): the group that matched
# says what to write instead. Compiled (by re's cache) only when a text has a unit: a query without one
# need not pay for it at start-up.
_UNITS = (
    r"(?P<percent>\bper\s*cent\b|%)"
    r"|(?P<usd>\bus\$|\$)"
    r"|(?P<currency>(?<![a-z])(?:gbp|eur|usd)(?=\d))"  # anyascii writes £1.5 as GBP1.5
    r"|(?<=\d)\s*(?:(?P<billion>bn|b)|(?P<million>m)|(?P<thousand>k))\b"
)
# What every one of those alternatives needs somewhere in the text. A date ("2021-05") or a count
# sends a text to the number rules, and _UNITS, tried at every position, cost as much as the rest of
# normalise: this one pattern, a literal or a digit first, finds in a fraction of the time that there
# is nothing to rewrite.
_ANY_UNIT = re.compile(r"[%$]|per\s*cent|(?:gbp|eur|usd)\d|\d\s*(?:bn|[bmk])\b")


def _unit(match: re.Match[str]) -> str:
    group = match.lastgroup or ""
    if group == "currency":
        return f" {match.group(group)} "
    return f" {group} "


# Words that carry no weight in a query: English function words (after Snowball's English stop list,
# less "may", the month), question words (their intent is read by ``intent``) and the "s" that a
# possessive leaves once the apostrophe is gone ("Lukashenko's" -> lukashenko s).
# Asking for someone's comment ("Raab's comments on ...") asks for their quotes, as "say" does (intent).
REMARK_WORDS = frozenset("comment comments commented remark remarks remarked".split())
STOPWORDS = (
    frozenset(
        """a about above after again all am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his i if in into is it its itself just me more most my myself no nor not of off
    on once only or other our ours ourselves out over own s same she should so some such t than that the their
    theirs them themselves then there these they this those through to too under until very was we were what
    when where which while who whom why will with would you your yours yourself
    how many much say said says tell told ever""".split()
    )
    | REMARK_WORDS
)

_NUMBER_RULES_NEEDED = re.compile(r"[0-9%$]|per\s*cent")


# Soft and hard signs, which anyascii writes as apostrophes that would split a word in two
# (сколько -> skol'ko): left out, as most romanisations of Belarusian and Russian names leave them.
_SIGNS = str.maketrans("", "", "ьЬъЪ")


# Pictographs, flags (regional indicators) and dingbats: anyascii spells them out ("🇧🇾" -> "BY",
# then read as the stop word "by"), so a query of symbols matched unrelated records. They carry no word.
_SYMBOLS = re.compile("[\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]")


# The non-ASCII characters of English text (typographic quotes and dashes, the pound and euro signs),
# written as anyascii writes them (a test holds the two alike): text with no other needs no
# transliteration, and importing anyascii (importlib.resources, tempfile, random) costs more than a query.
TYPOGRAPHY = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "\xa0": " ", "€": "EUR", "£": "GBP"}
)


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    text = text.translate(TYPOGRAPHY)
    if text.isascii():
        return text.casefold()
    ascii_text: str = _anyascii()(_SYMBOLS.sub(" ", text.translate(_SIGNS)))
    return ascii_text.casefold()


@lru_cache(maxsize=1)
def _anyascii() -> Any:
    """anyascii, reading its tables straight from its package folder: through importlib.resources
    (its default) the first table costs 13 ms of imports (zipfile among them), more than a search.
    Where the folder is not there (a zipped install, another layout), its own reader stays."""
    from pathlib import Path

    import anyascii

    tables = Path(anyascii.__file__).with_name("_data")
    if tables.is_dir() and hasattr(anyascii, "read_binary"):
        anyascii.read_binary = lambda _package, resource: tables.joinpath(resource).read_bytes()
    return anyascii.anyascii


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Casefold and transliterate to ASCII (``ё`` and ``е`` both become ``e``)."""
    return _fold(text)


def normalise(text: str) -> str:
    text = fold(text) if len(text) < 200 else _fold(text)  # short strings (names) repeat: cache them
    if _NUMBER_RULES_NEEDED.search(text):  # most prose has no numbers: skip the number rules
        if "," in text:
            text = _THOUSANDS.sub("", text)
        if _ANY_UNIT.search(text):
            text = re.sub(_UNITS, _unit, text)
    return " ".join(_TOKEN.findall(text))


def tokens(text: str) -> list[str]:
    return normalise(text).split()


# Words that name a publication, not what it says ("the Politico explainer on ..."): a question for a
# source (``intent``), so they carry no weight, as the footnotes do not hold them. "Report" and
# "statement" are left out: the briefing's events are reports and statements too ("the ODIHR report").
SOURCE_WORDS = frozenset(
    "article articles piece pieces paper papers explainer roundup commentary blog page webpage website "
    "publication published source sources cited footnote footnotes reference references".split()
)
# Words that ask for a part of the briefing ("which chapter covers ...", "раздел о ..."): a question for a
# section record (``intent``), so they carry no weight either. Transliterated, as ``tokens`` gives them.
SECTION_WORDS = frozenset(
    "chapter chapters section sections subheading subheadings heading headings "
    "razdel razdela razdele razdelu razdely razdzel razdzela razdzele".split()
)
# "the number of ...", "a count of ...": a question for a figure, as "how many" is (``intent``), so these
# words carry no weight just before "of" ("Number 10", "number two partner" keep theirs).
COUNT_WORDS = frozenset("number numbers count tally total amount".split())


def content_tokens(text: str) -> list[str]:
    """Tokens of a text without stopwords (English, and Russian or Ukrainian ones written in Cyrillic)
    unless it is nothing but stopwords."""
    found = tokens(text)
    content = text if text.isascii() else _CYRILLIC_WORD.sub(_unless_stopword, text)
    kept = [t for t in tokens(content) if t not in STOPWORDS]
    return kept or found


def query_tokens(text: str) -> list[str]:
    """The words of a query that say what it is about: its content tokens, less those that say what
    kind of answer it wants (a publication's, a count word before "of"), unless nothing else is left."""
    found = content_tokens(text)
    typed = tokens(text)
    counting = {t for t, after in zip(typed, typed[1:], strict=False) if after == "of" and t in COUNT_WORDS}
    asking = SOURCE_WORDS | SECTION_WORDS | counting
    return [t for t in found if t not in asking] or found


_CYRILLIC_WORD = re.compile(r"[\u0400-\u052f]+(?:['ʼ’][\u0400-\u052f]+)*")
_CYRILLIC_STOPWORDS: frozenset[str] | None = None


def _is_cyrillic_stopword(word: str) -> bool:
    """Russian and Ukrainian function words, from the stop-words package (BSD; the Ukrainian list
    stands in for Belarusian, which none of the maintained lists covers), with a few Belarusian
    question words that neither holds."""
    global _CYRILLIC_STOPWORDS
    if _CYRILLIC_STOPWORDS is None:
        from stop_words import get_stop_words

        listed = {*get_stop_words("russian"), *get_stop_words("ukrainian")}
        listed.update(BELARUSIAN_FUNCTION_WORDS, REPORTING_WORDS)
        _CYRILLIC_STOPWORDS = frozenset(_cyrillic_key(w) for w in listed)
    return _cyrillic_key(word) in _CYRILLIC_STOPWORDS


# Question and reporting words that the lists lack, in Belarusian and Russian: their intent is read by
# ``intent``, as the English ones are.
BELARUSIAN_FUNCTION_WORDS = ("што", "калі", "колькі", "ці", "ў", "як", "хто", "дзе", "чаму", "пра", "аб", "гэта")
REPORTING_WORDS = ("сказал", "сказала", "заявил", "заявила", "сказаў", "заявіў", "заявіла")


def _cyrillic_key(word: str) -> str:
    return word.casefold().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def _unless_stopword(match: re.Match[str]) -> str:
    return " " if _is_cyrillic_stopword(match.group()) else match.group()


_RUSSIAN: Any = None


def russian_stems(text: str) -> dict[str, str]:
    """Each Cyrillic word's token -> "ru:" and its Russian stem (Snowball), transliterated: so that
    Литва, Литве and Литву meet before transliteration tells them apart. Belarusian words get the
    Russian stemmer too, which strips their common endings; no maintained Belarusian stemmer exists."""
    global _RUSSIAN
    if text.isascii():
        return {}
    if _RUSSIAN is None:
        import Stemmer

        _RUSSIAN = Stemmer.Stemmer("russian")
    found: dict[str, str] = {}
    for word in _CYRILLIC_WORD.findall(text):
        token = normalise(word)
        if token and " " not in token and len(word) >= 3:
            found[token] = "ru:" + normalise(_RUSSIAN.stemWord(_cyrillic_key(word))).replace(" ", "")
    return found


_STEMMER: Any = None


def stems(words: list[str]) -> list[str]:
    """English stems (Snowball, through PyStemmer's C build): "arrests", "arrested" -> "arrest"; an
    irregular form is stemmed as its base form ("met" as "meet", "fled" as "flee": WordNet's list, in
    ``irregular_verbs.txt``), which no suffix rule reaches. Only alphabetic words of three letters or
    more are stemmed; others come back as they are."""
    global _STEMMER
    if _STEMMER is None:
        import Stemmer

        _STEMMER = Stemmer.Stemmer("english")
    # A query's few words are looked up in the mapped table; an index's vocabulary in it parsed once.
    base = _base_forms().get if len(words) > 64 else _base_form
    stemmed: list[str] = _STEMMER.stemWords([base(w, w) for w in words])
    return [s if len(w) >= 3 and w.isalpha() else w for w, s in zip(words, stemmed, strict=True)]


def _base_form(word: str, default: str) -> str:
    """An irregular form's base form ("met" -> "meet"), looked up in ``irregular_verbs.txt``."""
    if not word.isascii() or not word.isalpha():
        return default
    from .sorted_table import line_of

    line = line_of(_irregular_verbs(), word.encode())
    return line.partition(b"\t")[2].decode() if line else default


@lru_cache(maxsize=1)
def _base_forms() -> dict[str, str]:
    lines = bytes(_irregular_verbs()).decode("utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _irregular_verbs() -> bytes:
    """The table (about 2,000 lines, mapped: a search looks up a few of them)."""
    from pathlib import Path

    from .sorted_table import mapped

    return mapped(Path(__file__).with_name("irregular_verbs.txt"))
