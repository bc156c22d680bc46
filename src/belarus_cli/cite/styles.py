"""The named citation styles: each arranges a record's ``Parts`` as one plain string.

commons (the Commons Library's own footnote style), oscola and harvard; ``STYLES`` is the registry the
CLI's ``--style`` choices come from.
"""

from __future__ import annotations

from collections.abc import Callable

from belarus_cli.kb.records import KnowledgeBase, Record

from . import Style
from .parts import Parts, pages_text, parts


def _citing_text(p: Parts, note_word: str) -> str:
    if not p.citing:
        return ""
    return ", citing " + "; ".join(f"{text} ({note_word} {n})" for n, text in p.citing)


def _title(title: str, markdown: bool) -> str:
    return f"*{title}*" if markdown else title


def commons(p: Parts, markdown: bool) -> str:
    pages = pages_text(p.pages, "p", "pp")
    return (
        f"{p.lead}{p.author}, {_title(p.title, markdown)}, {p.publisher}, {p.date_long}, "
        f"{p.section_label}{', ' + pages if pages else ''}{_citing_text(p, 'fn')}"
    )


def oscola(p: Parts, markdown: bool) -> str:
    section = "Summary" if p.section_number == "summary" else f"s {p.section_number}"
    text = (
        f"{p.lead}{p.author}, {_title(p.title, markdown)} ({p.publisher}, {p.date_long}) {section}, "
        f"{p.pages}{_citing_text(p, 'n')}"
    )
    return text if text.endswith(".") else text + "."


def harvard(p: Parts, markdown: bool) -> str:
    initial = f", {p.author_given[0]}." if p.author_given else ""
    pages = pages_text(p.pages, "p.", "pp.")
    text = (
        f"{p.author_family}{initial} ({p.year}) {_title(p.title, markdown)}. {p.publisher}, {p.date_long}. "
        f"{p.section_label[0].upper() + p.section_label[1:]}{', ' + pages if pages else ''}."
    )
    if p.lead:
        text = p.lead + text
    if p.citing:
        text += " Citing: " + "; ".join(f"{source} (fn {n})" for n, source in p.citing) + "."
    return text


STYLES: dict[Style, Callable[[Parts, bool], str]] = {
    Style.commons: commons,
    Style.oscola: oscola,
    Style.harvard: harvard,
}


def cite(kb: KnowledgeBase, record: Record, style: Style = Style.commons, *, markdown: bool = False) -> str:
    return STYLES[style](parts(kb, record), markdown)


def short_citation(kb: KnowledgeBase, record: Record) -> str:
    """The citation carried by search results in JSON: the default style, plain text."""
    return cite(kb, record)
