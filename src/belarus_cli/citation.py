"""Citations of records, as plain strings."""

from __future__ import annotations

from .dates import parse_date
from .model import KnowledgeBase, Record


def briefing_reference(kb: KnowledgeBase) -> str:
    s = kb.source.data
    date = parse_date(str(s["date"])).display(long=True)
    return f"{s['author']}, {s['title']} ({s['publisher']}, {date})"


def pinpoint(kb: KnowledgeBase, record: Record) -> str:
    number = str(record.get("section"))
    section = kb.section(number)
    name = "Summary" if number == "summary" else f"section {number}"
    page = f", p {section['page']}" if section else ""
    return f"{name}{page}"


def short_citation(kb: KnowledgeBase, record: Record) -> str:
    """'Claire Mills, Belarus: ... (House of Commons Library, 5 October 2021), section 2.1, p 9, fn 11'."""
    notes = record.list("footnotes")
    if record.kind == "footnotes":
        notes = [record.get("number")]
    fn = f", fn {', '.join(str(n) for n in notes)}" if notes else ""
    return f"{briefing_reference(kb)}, {pinpoint(kb, record)}{fn}"
