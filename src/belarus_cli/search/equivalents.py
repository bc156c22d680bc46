"""Everyday equivalents of the briefing's words that a researcher types and no stemmer or spelling
rule links: a capital standing for its government ("Moscow" for Russia, as the briefing itself writes
"Moscow as a client state"), a country's other name ("Britain" for the UK) and common abbreviations
("PM"). General English usage, not facts from the briefing: nothing here says what happened.

Keys and values are normalised tokens (``normalise.query_tokens``); a value of several words offers
each of them for the one query word ("pm" -> prime, minister).
"""

from __future__ import annotations

from functools import lru_cache

EQUIVALENTS: dict[str, tuple[str, ...]] = {
    # countries' other names and adjectives
    "britain": ("uk", "british"),
    "england": ("uk", "british"),
    "america": ("us", "american"),
    "usa": ("us", "american"),
    # capitals for their governments
    "london": ("uk", "british"),
    "moscow": ("russia", "russian", "kremlin"),
    "minsk": ("belarus", "belarusian"),
    "washington": ("us", "american"),
    "brussels": ("eu", "european"),
    "kyiv": ("ukraine", "ukrainian"),
    "kiev": ("ukraine", "ukrainian"),
    "vilnius": ("lithuania", "lithuanian"),
    "warsaw": ("poland", "polish"),
    "riga": ("latvia", "latvian"),
    # abbreviations for offices
    "pm": ("prime", "minister"),
    "premier": ("prime", "minister"),
    "fm": ("foreign", "minister"),
    "mps": ("parliament", "parliamentary"),
}


# The same names typed in Russian or Belarusian (nominative and adjective; other inflections meet them
# by their Russian stem), for the English words the briefing uses: the records hold these names in
# English only, so without this "Британия" matched nothing but a fuzzy neighbour ("britanskaya") and
# "Лукашенко санкции Британия" ranked a UK defence quote above Lukashenko's "choke on those sanctions".
CYRILLIC_EQUIVALENTS: dict[tuple[str, ...], str] = {
    ("uk", "british", "britain"): "Британия Великобритания британский Брытанія Вялікабрытанія брытанскі",
    ("uk", "british"): "Англия английский Англія англійскі",
    ("us", "american"): "США Америка американский ЗША Амерыка амерыканскі",
    ("russia", "russian"): "Россия российский русский Расія расійскі",
    ("russia", "russian", "kremlin"): "Москва Масква",
    ("kremlin",): "Кремль Крэмль",
    ("lithuania", "lithuanian"): "Литва литовский Літва літоўскі",
    ("poland", "polish"): "Польша польский Польшча польскі",
    ("ukraine", "ukrainian"): "Украина украинский Украіна украінскі",
    ("latvia", "latvian"): "Латвия латвийский Латвія латвійскі",
    ("canada", "canadian"): "Канада канадский канадскі",
    ("eu", "european"): "Евросоюз Еўрасаюз",
    ("belarus", "belarusian"): "Белоруссия белорусский беларускі",
    ("un", "united", "nations"): "ООН ААН",
    ("osce",): "ОБСЕ АБСЕ",
}


@lru_cache(maxsize=1)
def _by_russian_stem() -> dict[str, tuple[str, ...]]:
    from .normalise import russian_stems

    table: dict[str, tuple[str, ...]] = {}
    for english, words in CYRILLIC_EQUIVALENTS.items():
        for word in words.split():
            for token, key in russian_stems(word).items():
                table.setdefault(key, english)
                table.setdefault(token, english)  # Belarusian words, which the Russian stemmer leaves long
    return table


def equivalents(token: str, russian: str, held: bool) -> tuple[str, ...]:
    """The English words that stand in for a query word: for a name typed in Cyrillic (``russian`` is
    its Russian stem key), by that key or its transliteration, even where a keyword holds it as typed,
    since the records name it in English; for an English word, only when the knowledge base does not
    hold it (``held``): "Minsk" typed means the city where the briefing says so."""
    if russian:
        table = _by_russian_stem()
        return table.get(russian) or table.get(token) or ()
    return () if held else EQUIVALENTS.get(token, ())
