"""Everyday equivalents of the briefing's words that a researcher types and no stemmer or spelling
rule links: a capital standing for its government ("Moscow" for Russia, as the briefing itself writes
"Moscow as a client state"), a country's other name ("Britain" for the UK) and common abbreviations
("PM"). General English usage, not facts from the briefing: nothing here says what happened.

Keys and values are normalised tokens (``normalise.query_tokens``); a value of several words offers
each of them for the one query word ("pm" -> prime, minister).
"""

from __future__ import annotations

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
