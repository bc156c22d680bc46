"""Citations ready to paste: a registry of named styles and of output formats, plain strings out.

Every citation names the briefing (author, title, publisher, date), the pinpoint (section and its
pages from the contents list: the briefing's text has no page marks, so a record is placed by its
section's page range, never by a guessed page), and the footnote's own source ("citing ..."). A quote
the briefing took from another document says so ("quoted in ...").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..kb.dates import parse_date
from ..kb.records import KnowledgeBase, Record


class Style(StrEnum):
    commons = "commons"
    oscola = "oscola"
    harvard = "harvard"


class CiteFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    bibtex = "bibtex"
    csl_json = "csl-json"


@dataclass(frozen=True)
class Parts:
    """What every style arranges: the pieces of one citation."""

    author: str
    author_family: str
    author_given: str
    title: str
    publisher: str
    date_long: str  # 5 October 2021
    year: int
    section_label: str  # "section 2.1" / "Summary"
    section_number: str
    pages: str  # "9-13", "29ff"
    lead: str  # for quotes: "who, where, when, quoted in [document, cited in] " ready to prefix
    citing: list[tuple[int, str]]  # (footnote number, its source as text)


def _page_range(kb: KnowledgeBase, number: str) -> str:
    sections = kb.source.data["sections"]
    for index, section in enumerate(sections):
        if str(section["number"]) == number:
            start = int(section["page"])
            later = [int(s["page"]) for s in sections[index + 1 :]]
            if not later:
                return f"{start}ff"
            end = later[0]  # the next section may start part-way down that page
            return str(start) if end == start else f"{start}–{end}"
    return ""


def footnote_source(kb: KnowledgeBase, number: int, seen: frozenset[int] = frozenset()) -> str:
    """A footnote's source as text; an Ibid footnote shows the source it repeats."""
    note = kb.footnote(number)
    if note is None:
        return ""
    target = note.get("ibid")
    if isinstance(target, int) and target not in seen:
        return footnote_source(kb, target, seen | {number})
    return " ".join(str(note.get("text", "")).split())


def parts(kb: KnowledgeBase, record: Record) -> Parts:
    source = kb.source.data
    author = str(source["author"])
    given, _, family = author.rpartition(" ")
    date = parse_date(str(source["date"]))
    section = str(record.get("section", ""))
    numbers = [int(record.get("number"))] if record.kind == "footnotes" else record.list("footnotes")
    citing = [(n, footnote_source(kb, n)) for n in numbers if kb.footnote(n) is not None]
    return Parts(
        author=author,
        author_family=family or author,
        author_given=given,
        title=str(source["title"]),
        publisher=str(source["publisher"]),
        date_long=date.display(long=True),
        year=date.year,
        section_label="Summary" if section == "summary" else f"section {section}",
        section_number=section,
        pages=_page_range(kb, section),
        lead=_quote_lead(kb, record),
        citing=citing,
    )


def _quote_lead(kb: KnowledgeBase, record: Record) -> str:
    if record.kind != "quotes":
        return ""
    from ..views.lists import speaker_name

    bits = [speaker_name(kb, record)]
    if record.get("context"):
        bits.append(str(record.get("context")))
    if record.date_text:
        bits.append(parse_date(str(record.get("date"))).display(record.get("date_qualifier"), long=True))
    lead = ", ".join(bits)
    if record.get("document"):
        return f"{lead}, quoted in {record.get('document')}, cited in "
    return f"{lead}, quoted in "


def _pages_text(pages: str, single: str, plural: str) -> str:
    if not pages:
        return ""
    return f"{plural} {pages}" if ("–" in pages or pages.endswith("ff")) else f"{single} {pages}"


def _citing_text(p: Parts, note_word: str) -> str:
    if not p.citing:
        return ""
    return ", citing " + "; ".join(f"{text} ({note_word} {n})" for n, text in p.citing)


def _title(title: str, markdown: bool) -> str:
    return f"*{title}*" if markdown else title


def commons(p: Parts, markdown: bool) -> str:
    pages = _pages_text(p.pages, "p", "pp")
    return (f"{p.lead}{p.author}, {_title(p.title, markdown)}, {p.publisher}, {p.date_long}, "
            f"{p.section_label}{', ' + pages if pages else ''}{_citing_text(p, 'fn')}")


def oscola(p: Parts, markdown: bool) -> str:
    section = "Summary" if p.section_number == "summary" else f"s {p.section_number}"
    text = (f"{p.lead}{p.author}, {_title(p.title, markdown)} ({p.publisher}, {p.date_long}) {section}, "
            f"{p.pages}{_citing_text(p, 'n')}")
    return text if text.endswith(".") else text + "."


def harvard(p: Parts, markdown: bool) -> str:
    initial = f", {p.author_given[0]}." if p.author_given else ""
    pages = _pages_text(p.pages, "p.", "pp.")
    text = (f"{p.author_family}{initial} ({p.year}) {_title(p.title, markdown)}. {p.publisher}, {p.date_long}. "
            f"{p.section_label[0].upper() + p.section_label[1:]}{', ' + pages if pages else ''}.")
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


# -- reference-manager formats ----------------------------------------------------------------------


def _note(p: Parts, record: Record) -> str:
    bits = [f"{p.section_label}, {_pages_text(p.pages, 'p.', 'pp.')}".rstrip(", "), f"belarus id {record.id}"]
    if p.lead:
        bits.insert(0, p.lead.removesuffix(" ").removesuffix(", cited in").removesuffix(", quoted in"))
    if p.citing:
        bits.append("citing " + "; ".join(f"{s} (fn {n})" for n, s in p.citing))
    return "; ".join(bits)


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(kb: KnowledgeBase, record: Record) -> str:
    p = parts(kb, record)
    date = parse_date(str(kb.source.data["date"]))
    key = f"{re.sub(r'[^a-z]', '', p.author_family.lower())}{p.year}-{record.id}"
    fields = {
        "author": f"{p.author_family}, {p.author_given}" if p.author_given else p.author,
        "title": p.title,
        "institution": p.publisher,
        "type": "Research briefing",
        "date": date.iso(),
        "year": str(date.year),
        "pages": p.pages.replace("–", "--"),
        "note": _note(p, record),
    }
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields.items() if value)
    return f"@report{{{key},\n{body}\n}}"


PRECISION_PARTS = {"decade": 1, "year": 1, "month": 2, "day": 3}


def csl_item(kb: KnowledgeBase, record: Record) -> dict[str, Any]:
    p = parts(kb, record)
    date = parse_date(str(kb.source.data["date"]))
    author: dict[str, str] = (
        {"family": p.author_family, "given": p.author_given} if p.author_given else {"literal": p.author}
    )
    return {
        "id": f"belarus-{record.id}",
        "type": "report",
        "title": p.title,
        "author": [author],
        "publisher": p.publisher,
        "genre": "Research briefing",
        "issued": {"date-parts": [[date.year, date.month, date.day][: PRECISION_PARTS[date.precision]]]},
        "section": p.section_label,
        "page": p.pages,
        "note": _note(p, record),
    }


def csl_json(kb: KnowledgeBase, records: list[Record]) -> str:
    return json.dumps([csl_item(kb, r) for r in records], ensure_ascii=False, indent=2)
