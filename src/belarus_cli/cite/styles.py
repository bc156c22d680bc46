"""The named citation styles: each arranges a record's ``Parts`` as one string, plain or Markdown.

- ``commons``, the default: modelled on the briefing's own footnotes (author, “title”, publisher,
  date), with the section and its pages as the pinpoint.
- ``oscola`` (4th edition): author, 'title' in roman within single quotation marks, then (publisher
  date) with no comma between them, the pinpoint, a full stop (as Brunel's guide cites a Commons
  Library briefing).
- ``harvard`` (Cite Them Right): an in-text citation carrying the pinpoint, "(Mills, 2021, section
  2.1)", and the reference, "Mills, C. (2021) *Title*. Publisher.", on its own line.

Every style uses one secondary form, the one Northampton's OSCOLA guide gives: the original (who said
it, the document the briefing's footnote names), then "cited in" the briefing, which is the work read.
A footnote that only comments is never cited; the briefing's footnote numbers are never printed (in
OSCOLA "(n 3)" means the writer's own note 3). ``STYLES`` is the registry the CLI's ``--style``
choices come from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from belarus_cli.kb.records import KnowledgeBase, Record

from . import Style
from .parts import Document, Parts, cited_documents, pages_text, parts, repeated_note, written_by


def _italic(title: str, markdown: bool) -> str:
    return f"*{title}*" if markdown else title


def _join(*bits: str) -> str:
    return ", ".join(bit for bit in bits if bit)


def _original(p: Parts, document: Callable[[Document], str]) -> str:
    """Who and where, before "cited in": "Dominic Raab, Foreign, Commonwealth and Development Office,
    Press Release, 6 September 2021"; "" when the record rests on the briefing alone."""
    documents = "; ".join(document(d) for d in p.documents)
    if not p.speaker:
        return documents
    if not documents:
        return _join(p.speaker, p.outlet, p.said_on)
    # The speaker's own document, or a statement by the body that published it, names the speaker once
    # (never "HM Treasury, HM Treasury", nor "Keir Giles, quoted in Keir Giles, ..."); record_documents
    # has already left out the others a footnote cites beside it.
    if any(written_by(p.speaker, d) for d in p.documents):
        return documents
    if p.reported:
        return f"{p.speaker}, quoted in {documents}"
    return f"{p.speaker}, {documents}"


def footnote_source(kb: KnowledgeBase, number: int) -> str:
    """A footnote's source as ``show`` lists it: as printed (Ibid resolved), or only its documents for a
    footnote that also comments; "" for one that only comments (never passed off as a source)."""
    documents = cited_documents(kb, number)
    note = repeated_note(kb, number)
    if not documents or note is None:
        return ""
    if note.get("role") == "both":
        return "; ".join(commons_document(d) for d in documents)
    return " ".join(str(note.get("text", "")).split())


def commons_document(d: Document) -> str:
    """As the briefing's footnotes print a document: "Dr Ryhor Astapenia, “Amid the crisis ...”, Chatham
    House Expert Comment, 30 November 2020"; a designation after its body: "OSCE, Note Verbale, ..."."""
    url = f"<{d.url}>" if d.url else ""
    if d.designation:
        return _join(d.author, d.publisher, d.title, d.date, url)
    return _join(d.author, f"“{d.title}”" if d.title else "", d.publisher, d.date, url)


def commons(p: Parts, markdown: bool) -> str:
    pages = pages_text(p.pages, "p", "pp")
    work = _join(p.author, f"“{p.title}”", p.publisher, p.date_long, p.section_label, pages)
    original = _original(p, commons_document)
    return f"{original}, cited in {work}" if original else work


def _oscola_document(d: Document) -> str:
    """Author, 'title' (publisher date); a designation ("Press Release") after the body that issued it,
    "Foreign, Commonwealth and Development Office, Press Release (6 September 2021)"."""
    if d.designation or not d.title:
        text = _join(d.author or d.publisher, d.title)
        where = f"{d.publisher} {d.date}".strip() if d.author and d.publisher else d.date
    else:
        text = _join(d.author, f"‘{d.title}’")
        where = " ".join(bit for bit in (d.publisher, d.date) if bit)
    text = f"{text} ({where})" if where and text else text or where
    return f"{text} <{d.url}>" if d.url else text


def oscola(p: Parts, markdown: bool) -> str:
    section = "Summary" if p.section_number == "summary" else f"s {p.section_number}" if p.section_number else ""
    work = f"{p.author}, ‘{p.title}’ ({p.publisher} {p.date_long}) {section}".rstrip()
    original = _original(p, _oscola_document)
    text = f"{original}, cited in {work}" if original else work
    return text if text.endswith(".") else text + "."


def _harvard_name(p: Parts) -> str:
    """The original's author-date name for the in-text citation: "Raab, 2021"; "BBC News, 2020"."""
    if p.speaker:
        name = p.speaker_family or p.speaker
        year = p.said_on[-4:] if p.said_on[-4:].isdigit() else next((d.year for d in p.documents if d.year), "")
    elif p.documents:
        # Every original the record rests on, as Cite Them Right lists several ("Nandy, 2021; O'Leary,
        # 2021"): naming only the first credited one of three sources with the whole fact.
        names: list[str] = []
        for document in p.documents:
            author = document.author.rpartition(" ")[2] if document.author else document.publisher or document.title
            if (named := f"{author}, {document.year or 'n.d.'}") not in names:
                names.append(named)
        return "; ".join(names)
    else:
        return ""
    return f"{name}, {year or 'n.d.'}"


def harvard(p: Parts, markdown: bool) -> str:
    initial = f", {p.author_given[0]}." if p.author_given else ""
    reference = f"{p.author_family}{initial} ({p.year}) {_italic(p.title, markdown)}. {p.publisher}."
    own = _join(p.author_family, str(p.year), p.section_label)
    original = _harvard_name(p)
    in_text = f"({original}, cited in {own})" if original else f"({own})"
    return f"In-text: {in_text}\nReference: {reference}"


STYLES: dict[Style, Callable[[Parts, bool], str]] = {
    Style.commons: commons,
    Style.oscola: oscola,
    Style.harvard: harvard,
}


def cite(kb: KnowledgeBase, record: Record, style: Style = Style.commons, *, markdown: bool = False) -> str:
    found = parts(kb, record)
    if not markdown:
        return STYLES[style](found, markdown)
    # The angle brackets a style puts round a URL are escaped too: "<javascript:...>" is a CommonMark
    # autolink, and a link must never come from the data (issue 16 battery, F10).
    return _UNESCAPED_ANGLE.sub(r"\\\1", STYLES[style](_markdown_safe(found), markdown))


# Markdown's own characters in the data are escaped before a style adds its italics, so that text from
# the data stays text: no raw HTML, no link, no <javascript:...> autolink (as `note` does).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~])")
_UNESCAPED_ANGLE = re.compile(r"(?<!\\)([<>])")


def _markdown_safe(found: Parts) -> Parts:
    def escaped(value: Any) -> Any:
        return _MARKDOWN_SPECIAL.sub(r"\\\1", value) if isinstance(value, str) else value

    documents = [d._replace(**{name: escaped(getattr(d, name)) for name in d._fields}) for d in found.documents]
    changed = {name: escaped(getattr(found, name)) for name in found._fields if name != "documents"}
    return found._replace(**changed, documents=documents)


def short_citation(kb: KnowledgeBase, record: Record) -> str:
    """The citation carried by search results in JSON: the default style, plain text."""
    return cite(kb, record)
