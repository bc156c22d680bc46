"""Citation output formats: pasteable text and Markdown in any style, and the reference-manager
exports (BibTeX, CSL-JSON). ``FORMATS`` is the registry the CLI's ``cite --format`` choices come from."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from belarus_cli.kb.dates import parse_date
from belarus_cli.kb.records import KnowledgeBase, Record

from . import CiteFormat, Style
from .parts import Parts, pages_text, parts
from .styles import _commons_document, _original, cite


def styles_original(p: Parts) -> str:
    return _original(p, _commons_document)


def _note(p: Parts, record: Record) -> str:
    bits = [f"{p.section_label}, {pages_text(p.pages, 'p.', 'pp.')}".rstrip(", "), f"belarus id {record.id}"]
    original = styles_original(p)
    if original:
        bits.insert(0, f"{original}, cited in this briefing")
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
    import json  # only for this format: the CLI imports this module at start-up for its choices

    return json.dumps([csl_item(kb, r) for r in records], ensure_ascii=False, indent=2)


def _text(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    # One citation a line; Harvard's come in two lines each (in-text, reference), so a blank line apart.
    return ("\n\n" if style == Style.harvard else "\n").join(cite(kb, r, style) for r in records)


def _markdown(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    # Paragraphs: single newlines would run every citation into one paragraph in Word (pandoc, Typora).
    return "\n\n".join(cite(kb, r, style, markdown=True).replace("\n", "  \n") for r in records)


def _bibtex(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    return "\n\n".join(bibtex(kb, r) for r in records)


def _csl(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    return csl_json(kb, records)


FORMATS: dict[CiteFormat, Callable[[KnowledgeBase, list[Record], Style], str]] = {
    CiteFormat.text: _text,
    CiteFormat.markdown: _markdown,
    CiteFormat.bibtex: _bibtex,
    CiteFormat.csl_json: _csl,
}


def citations(kb: KnowledgeBase, records: list[Record], style: Style, fmt: CiteFormat) -> str:
    """``records`` cited in ``style`` (text and Markdown) or exported as ``fmt``, ready to paste."""
    return FORMATS[fmt](kb, records, style)
