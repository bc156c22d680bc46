"""The pieces every citation arranges, gathered once per record: the briefing (author, title,
publisher, date), the pinpoint (section and its pages from the contents list: the briefing's text has no
page marks, so a record is placed by its section's page range, never by a guessed page), who said a
quote and where, and the sources of the footnotes the record cites (Ibid resolved)."""

from __future__ import annotations

from typing import NamedTuple

from belarus_cli.kb.dates import parse_date
from belarus_cli.kb.records import KnowledgeBase, Record, speaker_ids


# NamedTuples, not frozen dataclasses: search and timeline import this module for short sources, and
# a frozen dataclass costs about four million instructions to define, a NamedTuple one.
class Document(NamedTuple):
    """One document a footnote cites, in the parts the footnote prints (each "" where it gives none)."""

    author: str
    title: str
    publisher: str
    date: str  # as printed, in words: "7 September 2020", "September 2021", "17 September"
    year: str  # for an author-date reference; "" when the footnote gives no year
    url: str
    footnote: int = 0  # the briefing's footnote that cites it
    iso_date: str = ""  # the date as the data holds it ("2020-09-07"), for the exports

    @property
    def work(self) -> tuple[str, str, str, str]:
        """What makes two citations one work: the same author, title, publisher and date."""
        return (self.author, self.title, self.publisher, self.iso_date)

    @property
    def designation(self) -> bool:
        """A title that names a kind of document rather than a work ("press release", "HC Deb 24 May
        2021", "Note Verbale, 358/2020"): written as it is, not in quotation marks."""
        return self.title.casefold().startswith(DESIGNATIONS)


# The starts of titles that are designations of a document, not titles of a work (see Document).
DESIGNATIONS = ("press release", "note verbale", "hc deb", "pq ", "council implementing regulation", "federal notice")


class Parts(NamedTuple):
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
    speaker: str  # for a quote: who said it ("" for any other record, or a quote the briefing leaves unattributed)
    speaker_family: str  # a person's family name, for author-date ("Raab"); "" for a body
    said_on: str  # for a quote: when, in words, as the record dates it ("" when it does not)
    reported: bool  # the quote comes from an article that quoted the speaker, not the speaker's own document
    outlet: str  # for a quote no footnote sources: where it appeared, as its attribution line prints it
    documents: list[Document]  # the originals the record's footnotes cite (a comment footnote gives none)


def page_range(kb: KnowledgeBase, number: str, *, whole: bool = False) -> str:
    """The pages of section ``number`` by the contents list; ``whole``: with its subsections (chapter 2
    runs to where chapter 3 begins), as a section's own record cites it."""
    sections = kb.source.data["sections"]
    for index, section in enumerate(sections):
        if str(section["number"]) == number:
            start = int(section["page"])
            inside = f"{number}." if whole and number != "summary" else None
            later = [
                int(s["page"]) for s in sections[index + 1 :] if not (inside and str(s["number"]).startswith(inside))
            ]
            if not later:
                return f"{start}ff"
            end = later[0]  # the next section may start part-way down that page
            return str(start) if end == start else f"{start}–{end}"
    return ""


def record_pages(kb: KnowledgeBase, record: Record) -> str:
    """The pages a record is cited at: its section's; a section's own record with its subsections."""
    return page_range(kb, str(record.get("section", "")), whole=record.kind == "sections")


def pages_text(pages: str, single: str, plural: str) -> str:
    """ "p 9" or "pp 9–13" ("pp 29ff"), with the style's own abbreviations."""
    if not pages:
        return ""
    return f"{plural} {pages}" if ("–" in pages or pages.endswith("ff")) else f"{single} {pages}"


def short_source(kb: KnowledgeBase, record: Record, *, whole: bool = False) -> str:
    """Where a record's fact comes from, in a few words: "fn 11: Viasna"; "" when it cites no footnote.

    The first footnote the record cites (its own number, for a footnote), named by its first source's
    publisher, author or title (Ibid resolved); a footnote that cites no document (a comment) is named
    by its number alone, so that a remark is never passed off as a source."""
    numbers = footnote_numbers(record)
    if not numbers:
        return ""
    documents = cited_documents(kb, numbers[0])
    first = documents[0] if documents else None
    name = (first.publisher or first.author or first.title) if first else ""
    name = name if whole or len(name) <= 40 else name[:39].rstrip() + "…"  # whole: CSV, Markdown, exports
    more = f" (+{len(numbers) - 1})" if len(numbers) > 1 else ""
    return f"fn {numbers[0]}: {name}{more}" if name else f"fn {numbers[0]}{more}"


def parts(kb: KnowledgeBase, record: Record) -> Parts:
    source = kb.source.data
    author = str(source["author"])
    given, _, family = author.rpartition(" ")
    date = parse_date(str(source["date"]))
    section = str(record.get("section", ""))
    is_quote = record.kind == "quotes"
    return Parts(
        author=author,
        author_family=family or author,
        author_given=given,
        title=str(source["title"]),
        publisher=str(source["publisher"]),
        date_long=date.display(long=True),
        year=date.year,
        # The briefing's own record is cited whole: no section, no pages.
        section_label="" if not section else "Summary" if section == "summary" else f"section {section}",
        section_number=section,
        pages=record_pages(kb, record),
        speaker=kb.speaker_name(record) if is_quote and (speaker_ids(record) or record.get("said_by")) else "",
        speaker_family=_family_name(kb, record) if is_quote else "",
        said_on=record.date.display(record.get("date_qualifier"), long=True) if is_quote and record.date else "",
        reported=is_quote and bool(record.get("document")),
        outlet=" ".join(str(record.get("outlet") or "").split()) if is_quote else "",
        documents=record_documents(kb, record),
    )


def _family_name(kb: KnowledgeBase, quote: Record) -> str:
    ids = speaker_ids(quote)
    speaker = kb.get(ids[0]) if len(ids) == 1 else None
    if speaker is None or speaker.kind != "people":
        return ""
    return str(speaker.get("name") or "").rpartition(" ")[2]


def footnote_numbers(record: Record) -> list[int]:
    """The footnotes a record rests on: those it cites, or a footnote's own number."""
    return [int(record.get("number"))] if record.kind == "footnotes" else record.list("footnotes")


def repeated_note(kb: KnowledgeBase, number: int) -> Record | None:
    """Footnote ``number``, or for an "Ibid" the footnote it repeats (validate refuses loops)."""
    note, seen = kb.footnote(number), {number}
    while note is not None and isinstance(note.get("ibid"), int) and note.get("ibid") not in seen:
        seen.add(int(note.get("ibid")))
        note = kb.footnote(int(note.get("ibid")))
    return note


def record_documents(kb: KnowledgeBase, record: Record) -> list[Document]:
    """The documents a record's footnotes cite, each work once: "Ibid" and a citation repeated in
    another footnote name the same work again."""
    found: dict[tuple[str, str, str, str], Document] = {}
    for number in footnote_numbers(record):
        for document in cited_documents(kb, number):
            found.setdefault(document.work, document)
    cited = list(found.values())
    if record.kind == "quotes" and speaker_ids(record):
        # A quote's words are in its speaker's own document, where one is cited: footnote 93's second
        # article (Carpenter and Kobets) shares Whitmore's view, and is not the source of his words.
        speaker = kb.speaker_name(record)
        return [d for d in cited if written_by(speaker, d)] or cited
    return cited


def written_by(speaker: str, document: Document) -> bool:
    """The speaker wrote or issued the document: named as its author or its publisher."""
    return speaker.casefold() in f"{document.author} {document.publisher}".casefold()


def cited_documents(kb: KnowledgeBase, number: int) -> list[Document]:
    """The documents footnote ``number`` cites, from its sources (Ibid followed; none for a comment)."""
    note = repeated_note(kb, number)
    if note is None or note.get("role") == "comment":
        return []
    number = int(note.get("number"))
    found = []
    for cited in note.list("sources"):
        if not isinstance(cited, dict):
            continue
        date = parse_date(str(cited["date"])) if cited.get("date") else None

        def text(name: str, cited: dict[str, object] = cited) -> str:
            return " ".join(str(cited.get(name) or "").split())

        # A date the footnote qualifies ("Correct as of 5 October 2021", "last updated April 2021") is
        # printed as the footnote words it: a bare date would read as the day it was published.
        shown, worded = (date.display(long=True) if date else ""), text("date_note")
        printed = worded if worded and shown in worded else shown
        found.append(
            Document(
                author=text("author"),
                title=text("title"),
                publisher=text("publisher"),
                date="" if printed and printed in text("title") else printed,  # "HC Deb 24 May 2021" dates itself
                year=str(date.year) if date else "",
                url=text("url"),
                footnote=number,
                iso_date=date.iso() if date else "",
            )
        )
    return [d for d in found if d.author or d.title or d.publisher or d.url]
