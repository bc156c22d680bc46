"""Normalise text for matching: one script, one case, one way to write a number.

Transliteration uses ``anyascii`` (a maintained table for every script) so that Cyrillic spellings
match Latin ones without a hand-written table: Лукашенко -> lukashenko, Ціханоўская -> tsikhanouskaya.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


STOPWORDS = frozenset(
    "a an the of in on at to for by with and or from as is was were be been it its this that into "
    "about over after before than what who whom which when where how did does do has have had".split()
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
