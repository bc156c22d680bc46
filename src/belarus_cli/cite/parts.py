"""The pieces every citation arranges, gathered once per record: the briefing (author, title,
publisher, date), the pinpoint (section and its pages from the contents list: the briefing's text has no
page marks, so a record is placed by its section's page range, never by a guessed page), who said a
quote and where, and the sources of the footnotes the record cites (Ibid resolved)."""

from __future__ import annotations

from dataclasses import dataclass

from belarus_cli.kb.dates import parse_date
from belarus_cli.kb.records import KnowledgeBase, Record, speaker_ids


@dataclass(frozen=True)
class Document:
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
    def designation(self) -> bool:
        """A title that names a kind of document rather than a work ("press release", "HC Deb 24 May
        2021", "Note Verbale, 358/2020"): written as it is, not in quotation marks."""
        return self.title.casefold().startswith(DESIGNATIONS)


# The starts of titles that are designations of a document, not titles of a work (see Document).
DESIGNATIONS = ("press release", "note verbale", "hc deb", "pq ", "council implementing regulation", "federal notice")


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
    speaker: str  # for a quote: who said it ("" for any other record, or a quote the briefing leaves unattributed)
    speaker_family: str  # a person's family name, for author-date ("Raab"); "" for a body
    said_on: str  # for a quote: when, in words, as the record dates it ("" when it does not)
    reported: bool  # the quote comes from an article that quoted the speaker, not the speaker's own document
    documents: list[Document]  # the originals the record's footnotes cite (a comment footnote gives none)


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
    """The document a footnote cites, as text; "" for a footnote that only comments (a remark in the
    briefing's words is never passed off as a source). An Ibid footnote gives the source it repeats; a
    footnote that comments and cites (role ``both``) gives only the document, from its sources."""
    note = kb.footnote(number)
    if note is None or note.get("role") == "comment":
        return ""
    target = note.get("ibid")
    if isinstance(target, int) and target not in seen:
        return footnote_source(kb, target, seen | {number})
    if note.get("role") == "both":
        return "; ".join(filter(None, (document_text(s) for s in note.list("sources") if isinstance(s, dict))))
    return " ".join(str(note.get("text", "")).split())


def document_text(source: dict[str, object]) -> str:
    """One cited document from its parts, in the order the briefing prints them: author, “title”,
    publisher, date (as printed: ISO dates in words), then its address."""
    date = source.get("date")
    parts = [
        source.get("author"),
        f"“{source['title']}”" if source.get("title") else None,
        source.get("publisher"),
        parse_date(str(date)).display(long=True) if date else source.get("date_note"),
        f"<{source['url']}>" if source.get("url") else None,
    ]
    return ", ".join(" ".join(str(part).split()) for part in parts if part)


def short_source(kb: KnowledgeBase, record: Record) -> str:
    """Where a record's fact comes from, in a few words: "fn 11: Viasna"; "" when it cites no footnote.

    The first footnote the record cites (its own number, for a footnote), named by its first source's
    publisher, author or title (Ibid resolved); a footnote that cites no document (a comment) is named
    by its number alone, so that a remark is never passed off as a source."""
    numbers = [int(record.get("number"))] if record.kind == "footnotes" else record.list("footnotes")
    if not numbers:
        return ""
    note, seen = kb.footnote(numbers[0]), {numbers[0]}
    while note is not None and isinstance(note.get("ibid"), int) and note.get("ibid") not in seen:
        seen.add(int(note.get("ibid")))
        note = kb.footnote(int(note.get("ibid")))
    sources = note.list("sources") if note is not None else []
    first = sources[0] if sources and isinstance(sources[0], dict) else {}
    name = " ".join(str(first.get("publisher") or first.get("author") or first.get("title") or "").split())
    name = name if len(name) <= 40 else name[:39].rstrip() + "…"
    more = f" (+{len(numbers) - 1})" if len(numbers) > 1 else ""
    return f"fn {numbers[0]}: {name}{more}" if name else f"fn {numbers[0]}{more}"


def parts(kb: KnowledgeBase, record: Record) -> Parts:
    source = kb.source.data
    author = str(source["author"])
    given, _, family = author.rpartition(" ")
    date = parse_date(str(source["date"]))
    section = str(record.get("section", ""))
    numbers = [int(record.get("number"))] if record.kind == "footnotes" else record.list("footnotes")
    is_quote = record.kind == "quotes"
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
        speaker=kb.speaker_name(record) if is_quote and speaker_ids(record) else "",
        speaker_family=_family_name(kb, record) if is_quote else "",
        said_on=record.date.display(record.get("date_qualifier"), long=True) if is_quote and record.date else "",
        reported=is_quote and bool(record.get("document")),
        # each document once: "Ibid" and a repeated citation name the same work again
        documents=list(dict.fromkeys(d for n in numbers for d in cited_documents(kb, n) if d.footnote)),
    )


def _family_name(kb: KnowledgeBase, quote: Record) -> str:
    ids = speaker_ids(quote)
    speaker = kb.get(ids[0]) if len(ids) == 1 else None
    if speaker is None or speaker.kind != "people":
        return ""
    return str(speaker.get("name") or "").rpartition(" ")[2]


def cited_documents(kb: KnowledgeBase, number: int, seen: frozenset[int] = frozenset()) -> list[Document]:
    """The documents footnote ``number`` cites, from its sources (Ibid followed; none for a comment)."""
    note = kb.footnote(number)
    if note is None or note.get("role") == "comment":
        return []
    target = note.get("ibid")
    if isinstance(target, int) and target not in seen:
        return cited_documents(kb, target, seen | {number})
    found = []
    for cited in note.list("sources"):
        if not isinstance(cited, dict):
            continue
        date = parse_date(str(cited["date"])) if cited.get("date") else None

        def text(name: str, cited: dict[str, object] = cited) -> str:
            return " ".join(str(cited.get(name) or "").split())

        printed = date.display(long=True) if date else text("date_note")
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
