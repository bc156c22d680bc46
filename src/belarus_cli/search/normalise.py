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
# says what to write instead.
_UNITS = re.compile(
    r"(?P<percent>\bper\s*cent\b|%)"
    r"|(?P<usd>\bus\$|\$)"
    r"|(?P<currency>(?<![a-z])(?:gbp|eur|usd)(?=\d))"  # anyascii writes £1.5 as GBP1.5
    r"|(?<=\d)\s*(?:(?P<billion>bn|b)|(?P<million>m)|(?P<thousand>k))\b"
)


def _unit(match: re.Match[str]) -> str:
    group = match.lastgroup or ""
    if group == "currency":
        return f" {match.group(group)} "
    return f" {group} "


# Words that carry no weight in a query: English function words (after Snowball's English stop list,
# less "may", the month), question words (their intent is read by ``intent``) and the "s" that a
# possessive leaves once the apostrophe is gone ("Lukashenko's" -> lukashenko s).
STOPWORDS = frozenset(
    """a about above after again all am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his i if in into is it its itself just me more most my myself no nor not of off
    on once only or other our ours ourselves out over own s same she should so some such t than that the their
    theirs them themselves then there these they this those through to too under until very was we were what
    when where which while who whom why will with would you your yours yourself
    how many much say said says tell told ever""".split()
)

_NUMBER_RULES_NEEDED = re.compile(r"[0-9%$]|per\s*cent")


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    from anyascii import anyascii

    return anyascii(text).casefold()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Casefold and transliterate to ASCII (``ё`` and ``е`` both become ``e``)."""
    return _fold(text)


def normalise(text: str) -> str:
    text = fold(text) if len(text) < 200 else _fold(text)  # short strings (names) repeat: cache them
    if _NUMBER_RULES_NEEDED.search(text):  # most prose has no numbers: skip the number rules
        text = _UNITS.sub(_unit, _THOUSANDS.sub("", text))
    return " ".join(_TOKEN.findall(text))


def tokens(text: str) -> list[str]:
    return normalise(text).split()


def query_tokens(text: str) -> list[str]:
    """Tokens of a query, without stopwords unless the query is nothing but stopwords."""
    found = tokens(text)
    kept = [t for t in found if t not in STOPWORDS]
    return kept or found


_STEMMER: Any = None


def stems(words: list[str]) -> list[str]:
    """English stems (Snowball, through PyStemmer's C build): "arrests", "arrested" -> "arrest". Only
    alphabetic words of three letters or more are stemmed; others come back as they are."""
    global _STEMMER
    if _STEMMER is None:
        import Stemmer

        _STEMMER = Stemmer.Stemmer("english")
    stemmed: list[str] = _STEMMER.stemWords(words)
    return [s if len(w) >= 3 and w.isalpha() else w for w, s in zip(words, stemmed, strict=True)]
