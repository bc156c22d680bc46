"""The pieces every citation arranges, gathered once per record: the briefing (author, title,
publisher, date), the pinpoint (section and its pages from the contents list: the briefing's text has no
page marks, so a record is placed by its section's page range, never by a guessed page), who said a
quote and where, and the sources of the footnotes the record cites (Ibid resolved)."""

from __future__ import annotations

from dataclasses import dataclass

from belarus_cli.kb.dates import parse_date
from belarus_cli.kb.records import KnowledgeBase, Record


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


def pages_text(pages: str, single: str, plural: str) -> str:
    """ "p 9" or "pp 9–13" ("pp 29ff"), with the style's own abbreviations."""
    if not pages:
        return ""
    return f"{plural} {pages}" if ("–" in pages or pages.endswith("ff")) else f"{single} {pages}"


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
    bits = [kb.speaker_name(record)]
    if record.get("context"):
        bits.append(str(record.get("context")))
    if record.date_text:
        bits.append(parse_date(str(record.get("date"))).display(record.get("date_qualifier"), long=True))
    lead = ", ".join(bits)
    if record.get("document"):
        return f"{lead}, quoted in {record.get('document')}, cited in "
    return f"{lead}, quoted in "
