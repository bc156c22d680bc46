"""Cards: everything about one record (its fields, what it links to, what links to it, its sources,
its citation) for ``show``, and the briefing's own details for ``info``, as field/value views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from belarus_cli.cite.parts import footnote_numbers, pages_text, record_pages
from belarus_cli.cite.styles import cite, footnote_source
from belarus_cli.kb.kinds import KINDS, RECORD_KINDS
from belarus_cli.kb.records import KnowledgeBase, Record, display_path, in_words, referenced_ids
from belarus_cli.output.view import Column, View


@dataclass(frozen=True)
class Detail:
    record: Record
    fields: list[tuple[str, str]]  # (field name, value as text), in schema order
    links_out: list[Record]
    links_in: list[Record]
    footnotes: list[tuple[int, str]]  # (number, the source it cites, Ibid resolved)
    citation: str


def _text(value: Any) -> str:
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return "\n".join(", ".join(f"{k}: {v}" for k, v in item.items()) for item in value)
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _link_order(record: Record) -> tuple[int, tuple[int, int, int], str]:
    """By kind, then undated before dated, then by date and id (dates and no date never compared)."""
    kind = RECORD_KINDS.index(record.kind) if record.kind in RECORD_KINDS else len(RECORD_KINDS)
    return (kind, record.date.first_day() if record.date else (0, 0, 0), record.id)


# A field whose name alone would pass it off as the briefing's words.
LABELS = {"other_names": "other names (not in the briefing)"}


def detail(kb: KnowledgeBase, record: Record) -> Detail:
    fields: list[tuple[str, str]] = []
    for spec in KINDS[record.kind].fields:
        value = record.get(spec.name)
        if value is None or value == [] or spec.name in ("id", "footnotes"):
            continue
        if spec.name == "section":
            section = kb.section(str(value))
            value = f"{value} {section['title']}" if section and value != "summary" else value
        fields.append((LABELS.get(spec.name, spec.name), _text(value)))
    if record.kind == "sections":
        fields += _section_contents(kb, record)
    links_out = [r for r in (kb.get(i) for i in referenced_ids(record)) if r is not None]
    links_in = sorted(kb.linked_to(record.id), key=_link_order)
    numbers = footnote_numbers(record)
    # A footnote that only comments is shown as what it is, never as a source.
    notes = [(n, footnote_source(kb, n) or _as_comment(kb, n)) for n in numbers]
    return Detail(record, fields, links_out, links_in, notes, cite(kb, record))


def _section_contents(kb: KnowledgeBase, section: Record) -> list[tuple[str, str]]:
    """A section's pages, and how many records of each kind it states (as their own section or
    ``also_in``): what `show section-2-1` adds to the record's own fields."""
    number = str(section.get("section"))
    stated = [
        r for r in kb if r.kind not in ("source", "sections") and number in (str(r.get("section")), *r.list("also_in"))
    ]
    counts = [(key, sum(r.kind == key for r in stated)) for key in RECORD_KINDS]
    listed = ", ".join(f"{n} {key if n != 1 else KINDS[key].singular}" for key, n in counts if n) or "none"
    inside = [str(s["number"]) for s in kb.source.data["sections"] if str(s["number"]).startswith(f"{number}.")]
    if inside:  # a chapter: its pages run over its subsections, whose records are their own
        listed += f" in its own text; {in_words(inside)} hold their own"
    return [("pages", pages_text(record_pages(kb, section), "p", "pp")), ("records", listed)]


def _as_comment(kb: KnowledgeBase, number: int) -> str:
    note = kb.footnote(number)
    return "comment, not a source: " + " ".join(str(note.get("text", "")).split()) if note is not None else ""


def detail_json(d: Detail) -> dict[str, Any]:
    def brief(r: Record) -> dict[str, str]:
        return {"kind": r.singular, "id": r.id, "label": r.label}

    return {
        "kind": d.record.singular,
        **d.record.data,
        "links": [brief(r) for r in d.links_out],
        "linked_from": [brief(r) for r in d.links_in],
        "sources": [{"footnote": n, "source": s} for n, s in d.footnotes],
        "citation": d.citation,
    }


def detail_rows(d: Detail) -> list[tuple[str, str]]:
    """The card as (label, text) rows, for the table and Markdown views."""
    rows = [("kind", d.record.singular), ("id", d.record.id), *d.fields]
    if d.links_out:
        rows.append(("links to", "\n".join(f"{r.singular}: {r.id} ({_short(r.label)})" for r in d.links_out)))
    if d.links_in:
        rows.append(("linked from", "\n".join(f"{r.singular}: {r.id} ({_short(r.label)})" for r in d.links_in)))
    for number, source in d.footnotes:
        rows.append((f"footnote {number}", source))
    rows.append(("citation", d.citation))
    return rows


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


FIELD_VALUE = (Column("field", lambda row: row[0], no_wrap=True), Column("value", lambda row: row[1], ratio=1))


def record_card(kb: KnowledgeBase, record: Record) -> View:
    """``show``: the card as field/value rows; as JSON, the record with its links, sources and citation."""
    card = detail(kb, record)
    return View(FIELD_VALUE, detail_rows(card), document=detail_json(card))


def briefing_card(kb: KnowledgeBase) -> View:
    """``info``: the briefing's details, how many records of each kind, and the data directory."""
    source = kb.source.data
    rows = [(name, str(source[name])) for name in ("title", "author", "publisher", "date", "licence")]
    rows += [(key, str(len(kb.of_kind(key)))) for key in RECORD_KINDS]
    rows.append(("data directory", display_path(kb.data_dir)))
    return View(FIELD_VALUE, rows, row_json=lambda row: {"field": row[0], "value": row[1]})
