"""Citation output formats: pasteable text and Markdown in any style, and the reference-manager
exports (BibTeX, CSL-JSON). ``FORMATS`` is the registry the CLI's ``cite --format`` choices come from."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from belarus_cli.kb.dates import parse_date
from belarus_cli.kb.records import KnowledgeBase, Record

from . import CiteFormat, Style
from .parts import Document, record_documents
from .styles import cite


# Reference managers get one item per work: the briefing once, with one stable key however many of its
# records are cited, and each document the cited records' footnotes name. A record's pinpoint is not
# part of any item: it belongs in the citation ("section 2.1"), which the text styles print and
# ``csl_citation`` gives as a CSL locator.
def briefing_key(kb: KnowledgeBase) -> str:
    """The briefing's one key, in the usual author-year-word form: ``mills2021belarus``."""
    source = kb.source.data
    family = str(source["author"]).rpartition(" ")[2] or str(source["author"])
    year = parse_date(str(source["date"])).year
    first_word = next((w for w in re.split(r"\W+", str(source["title"])) if w), "")
    return f"{_ascii_key(family)}{year}{_ascii_key(first_word)}"


def _ascii_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def documents(kb: KnowledgeBase, records: list[Record]) -> list[Document]:
    """The documents the records' footnotes cite, each work once, in the order first cited. Only those
    the footnote names by a title: "Viasna Human Rights Center, Correct as of 5 October 2021" names a
    body, not a document, and a reference manager's item needs a title (biber refuses one without)."""
    found: dict[tuple[str, str, str, str], Document] = {}
    for record in records:
        for document in record_documents(kb, record):
            if document.title:
                found.setdefault(document.work, document)
    return list(found.values())


def document_key(kb: KnowledgeBase, document: Document) -> str:
    return f"{briefing_key(kb)}-fn{document.footnote}-{_ascii_key(document.title or document.publisher)[:24]}"


def _cited_in(kb: KnowledgeBase, document: Document) -> str:
    source = kb.source.data
    published = f"{source['publisher']}, {parse_date(str(source['date'])).display(long=True)}"
    return f"Cited in {source['author']}, {source['title']} ({published}), footnote {document.footnote}"


PRECISION_PARTS = {"decade": 1, "year": 1, "month": 2, "day": 3}


def _date_parts(iso: str) -> dict[str, Any]:
    date = parse_date(iso)
    return {"date-parts": [[date.year, date.month, date.day][: PRECISION_PARTS[date.precision]]]}


HONORIFICS = ("Dr", "Prof", "Professor", "Sir", "Dame")


def person_names(author: str) -> list[tuple[str, str]] | None:
    """(family, given) for each person an author line names ("Dr Ryhor Astapenia" -> Astapenia, Ryhor;
    "Michael Carpenter and Vlad Kobets" -> two), so that reference managers sort and abbreviate them as
    people; None for a body or role ("The UK Ambassador to the OSCE"), which stays one literal name.
    A person's name here is two to four capitalised words, none in capitals throughout ("UK")."""
    people = []
    for name in author.split(" and "):
        words = [w for w in name.split() if w.rstrip(".") not in HONORIFICS]
        if not 2 <= len(words) <= 4 or not all(len(w) > 1 and w[0].isupper() and not w.isupper() for w in words):
            return None
        people.append((words[-1], " ".join(words[:-1])))
    return people


def csl_items(kb: KnowledgeBase, records: list[Record]) -> list[dict[str, Any]]:
    source = kb.source.data
    given, _, family = str(source["author"]).rpartition(" ")
    author: dict[str, str] = {"family": family, "given": given} if given else {"literal": str(source["author"])}
    items: list[dict[str, Any]] = [
        {
            "id": briefing_key(kb),
            "type": "report",
            "title": str(source["title"]),
            "author": [author],
            "publisher": str(source["publisher"]),
            "genre": "Research briefing",
            "issued": _date_parts(str(source["date"])),
        }
    ]
    for document in documents(kb, records):
        item: dict[str, Any] = {"id": document_key(kb, document), "type": "document", "title": document.title}
        # The body that issued a document the footnote names no author for is its author, as Cite Them
        # Right treats an organisation ("NATO (2021) Statement by ...").
        people = person_names(document.author) if document.author else None
        if people:
            item["author"] = [{"family": family, "given": given} for family, given in people]
        elif document.author or document.publisher:
            item["author"] = [{"literal": document.author or document.publisher}]
        if document.publisher:
            item["publisher"] = document.publisher
        if document.iso_date:
            item["issued"] = _date_parts(document.iso_date)
        if document.url:
            item["URL"] = document.url
        item["note"] = _cited_in(kb, document)
        items.append(item)
    return items


def csl_citation(kb: KnowledgeBase, record: Record) -> dict[str, str]:
    """The record cited as a CSL citation item: the briefing, with the record's section as its locator."""
    section = str(record.get("section", ""))
    return (
        {"id": briefing_key(kb), "label": "section", "locator": section}
        if section != "summary"
        else {"id": briefing_key(kb)}
    )


def csl_json(kb: KnowledgeBase, records: list[Record]) -> str:
    import json  # only for this format: the CLI imports this module at start-up for its choices

    return json.dumps(csl_items(kb, records), ensure_ascii=False, indent=2)


# TeX's special characters, each written so that classic BibTeX and biber read it as the character
# (a backslash first, or the others' escapes would be escaped again).
_TEX = {
    "\\": r"\textbackslash{}",
    # Classic BibTeX counts braces whatever precedes them, so "\{" would unbalance an entry: a brace from
    # the data becomes a command whose own braces are balanced.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _TEX))


def bibtex_escape(text: str) -> str:
    return _TEX_SPECIAL.sub(lambda m: _TEX[m.group()], text)


def _as_printed(title: str) -> str:
    """A title in double braces: BibTeX styles lower-case titles ("belarusian identity") unless told
    the case is the title's own, as it is here (as the briefing prints it)."""
    return "{{" + bibtex_escape(title) + "}}"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _bibtex_entry(kind: str, key: str, fields: dict[str, str], raw: frozenset[str] = frozenset()) -> str:
    body = ",\n".join(
        f"  {name} = {value}" if name in raw else f"  {name} = {{{bibtex_escape(value)}}}"
        for name, value in fields.items()
        if value
    )
    return f"@{kind}{{{key},\n{body}\n}}"


def bibtex_entries(kb: KnowledgeBase, records: list[Record]) -> list[str]:
    """Classic BibTeX types and fields (``techreport``: author, title, institution, type, year, month;
    ``misc`` for the documents), which BibTeX (plain, unsrt, alpha, abbrv) and biber read without a
    warning (tests/test_reference_managers.py runs both where they are installed)."""
    source = kb.source.data
    given, _, family = str(source["author"]).rpartition(" ")
    date = parse_date(str(source["date"]))
    entries = [
        _bibtex_entry(
            "techreport",
            briefing_key(kb),
            {
                "author": f"{family}, {given}" if given else str(source["author"]),
                "title": _as_printed(str(source["title"])),
                "institution": str(source["publisher"]),
                "type": "Research briefing",
                "year": str(date.year),
                "month": _MONTHS[date.month - 1] if date.month else "",
            },
            raw=frozenset({"month", "title"}),
        )
    ]
    for document in documents(kb, records):
        when = parse_date(document.iso_date) if document.iso_date else None
        issuer = document.author or document.publisher
        people = person_names(document.author) if document.author else None
        if people:  # "Astapenia, Ryhor and Carpenter, Michael": BibTeX's own form for people
            author = (
                "{" + " and ".join(f"{bibtex_escape(family)}, {bibtex_escape(given)}" for family, given in people) + "}"
            )
        else:  # a body, in braces: one name as printed, never split into given and family
            author = "{{" + bibtex_escape(issuer) + "}}" if issuer else ""
        entries.append(
            _bibtex_entry(
                "misc",
                document_key(kb, document),
                {
                    # The body that issued a document with no named author is its author, as in CSL
                    # (and BibTeX's styles need an author, or a key, to sort by).
                    "author": author,
                    # With no author, classic styles sort and label by ``key``: the title, as printed.
                    "key": "" if issuer else document.title,
                    "title": _as_printed(document.title),
                    "howpublished": document.publisher if document.author else "",
                    "year": str(when.year) if when else "",
                    "month": _MONTHS[when.month - 1] if when and when.month else "",
                    # Verbatim (biblatex, the url package): "\\_" would be part of the link. The data's
                    # check lets no brace, backslash or space into a URL, so braces hold it whole.
                    "url": "{" + document.url + "}" if document.url else "",
                    "note": _cited_in(kb, document),
                },
                raw=frozenset({"month", "author", "title", "url"}),
            )
        )
    return entries


def _text(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    # One citation a line; Harvard's come in two lines each (in-text, reference), so a blank line apart.
    return ("\n\n" if style == Style.harvard else "\n").join(cite(kb, r, style) for r in records)


def _markdown(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    # Paragraphs: single newlines would run every citation into one paragraph in Word (pandoc, Typora).
    return "\n\n".join(cite(kb, r, style, markdown=True).replace("\n", "  \n") for r in records)


def _bibtex(kb: KnowledgeBase, records: list[Record], style: Style) -> str:
    return "\n\n".join(bibtex_entries(kb, records))


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
