"""Checks of the data against the briefing's text: quotes verbatim, footnotes as printed, numbers and
years present where the record says they are. ``check_against_briefing`` runs them all for ``validate``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from belarus_cli.output.escape import quoted

from .briefing_text import SHIPPED_BRIEFING, SourceText, squash
from .records import KnowledgeBase, Record, display_path, speaker_ids


@dataclass(frozen=True)
class QuoteCheck:
    record: Record
    section: str | None  # where it was found; None when missing
    line: int | None
    problem: str | None


def check_quotes(kb: KnowledgeBase, source: SourceText) -> list[QuoteCheck]:
    results = []
    for quote in kb.of_kind("quotes"):
        found = source.locate_all(str(quote.get("text")))
        if not found:
            results.append(QuoteCheck(quote, None, None, "text not found verbatim in the briefing"))
            continue
        own = [loc for loc in found if loc.section == quote.get("section")]
        where = own[0] if own else found[0]
        problem = None if own else f"found in section {where.section}, but the record says {quote.get('section')}"
        results.append(QuoteCheck(quote, where.section, where.line, problem))
    return results


def check_quoted_wording(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str, str]]:
    """A quote's ``as_reported`` clause, ``said_by`` words and ``outlet`` are the briefing's own: (record,
    field, problem)."""
    problems = []
    for quote in kb.of_kind("quotes"):
        for name in ("as_reported", "said_by", "outlet"):
            value = quote.get(name)
            if value and not source.locate_all(str(value)):
                problems.append((quote, name, "not found verbatim in the briefing"))
    credit = kb.source.get("image_credit")  # the briefing's own words too, though not a quote
    if credit and not source.locate_all(str(credit)):
        problems.append((kb.source, "image_credit", "not found verbatim in the briefing"))
    return problems


def check_passages(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str]]:
    """A record's ``passage`` is the briefing's sentence, printed in the record's own sections."""
    problems = []
    for record in kb.records.values():
        passage = record.get("passage")
        if not passage:
            continue
        sections = {str(s) for s in [record.get("section"), *record.list("also_in")] if s}
        found = {loc.section for loc in source.locate_all(str(passage)) if loc.in_footnote is None}
        if not found:
            problems.append((record, "not found verbatim in the briefing's text"))
        elif not found & sections:
            problems.append((record, f"found in section {min(found)}, not in the record's sections"))
    return problems


def check_headings(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str]]:
    """A section's ``headings`` are printed in it, each a line of its own, in order (a box's title
    after the box's number: "1 Human rights conventions ...")."""
    problems = []
    for record in kb.of_kind("sections"):
        lines = [line.strip() for line in source.section_lines(str(record.get("section")))]
        after = 0
        for heading in map(str, record.list("headings")):
            printed = re.compile(r"(?:\d+ )?" + re.escape(heading.strip()))
            at = next((i for i, line in enumerate(lines) if printed.fullmatch(line)), None)
            if at is None:
                problems.append(
                    (record, f"{quoted(heading)} is not printed as a heading in section {record.get('section')}")
                )
            elif at < after:
                problems.append((record, f"{quoted(heading)} is printed before the heading listed ahead of it"))
            else:
                after = at
    return problems


def check_footnotes(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record | None, str]]:
    problems: list[tuple[Record | None, str]] = []
    for number, printed in sorted(source.footnotes.items()):
        record = kb.footnote(number)
        if record is None:
            problems.append((None, f"footnote {number} of the briefing has no record"))
        elif squash(str(record.get("text"))) != printed:
            problems.append((record, f"text differs from the briefing's footnote {number}: {quoted(printed)}"))
        elif source.mark_sections.get(number, record.get("section")) != record.get("section"):
            problems.append(
                (
                    record,
                    f"its mark is in section {source.mark_sections[number]}, "
                    f"but the record says {record.get('section')}",
                )
            )
        else:
            problems.extend((record, message) for message in _source_parts_printed(record, printed))
    return problems


SOURCE_PARTS = ("author", "title", "publisher", "date_note", "language")  # each as the footnote prints it


def _source_parts_printed(record: Record, printed: str) -> list[str]:
    """A footnote's role and sources against its printed text: every part of every source it lists is
    printed in it (nothing invented), and a footnote that cites a document names one."""
    problems: list[str] = []
    text = _plain(printed)
    for position, cited in enumerate(record.list("sources"), 1):
        for part in SOURCE_PARTS:
            value = cited.get(part) if isinstance(cited, dict) else None
            if isinstance(value, str) and _plain(value) not in text:
                problems.append(
                    f"source {position}'s {part} {quoted(value)} is not printed in footnote {record.get('number')}"
                )
    return problems


def _plain(text: str) -> str:
    """Case, spacing and the style of quotation marks and dashes set aside: they are layout."""
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    return " ".join(text.translate(table).casefold().split())


def text_around(kb: KnowledgeBase, source: SourceText, record: Record) -> str:
    """The text a record may draw on: its sections and the footnotes it cites."""
    parts = [source.section_text(str(number)) for number in [record.get("section"), *record.list("also_in")]]
    parts += [source.footnotes.get(n, "") for n in record.list("footnotes")]
    return " ".join(parts)


def check_figures(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str, str]]:
    """(figure, field, problem) for a value_text or a qualifier ("more than") that the figure's sections
    and footnotes do not print: "several thousands" and "at least tens of thousands" said more."""
    problems = []
    for figure in kb.of_kind("figures"):
        around = text_around(kb, source, figure)
        where = f"section {figure.get('section')} or its footnotes"
        value_text, qualifier = figure.get("value_text"), figure.get("qualifier")
        if squash(str(value_text)) not in around:
            problems.append((figure, "value_text", f"{quoted(value_text)} is not in {where}"))
        if qualifier and _plain(str(qualifier)) not in _plain(around):
            problems.append((figure, "qualifier", f"{quoted(qualifier)} is not printed in {where}"))
    return problems


def check_event_years(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str]]:
    problems = []
    for event in kb.of_kind("events"):
        date = event.date
        if date is not None and str(date.year) not in text_around(kb, source, event):
            problems.append((event, f"year {date.year} is not in section {event.get('section')} or its footnotes"))
    return problems


@dataclass
class BriefingReport:
    shown: str  # how messages name the briefing's file
    found: list[str] = field(default_factory=list)  # where each quote was found, one line each
    problems: list[str] = field(default_factory=list)  # `file:line › id › field: problem`, one line each


def read_briefing(kb: KnowledgeBase, path: Path | None) -> SourceText:
    """The briefing's text at ``path``, or the copy shipped with the package; OSError or
    UnicodeDecodeError when it cannot be read."""
    return SourceText.from_file(path or SHIPPED_BRIEFING, kb.source.data["sections"])


def check_speakers(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str]]:
    """Every speaker of a quote is named where the quote is: in its sections or its footnotes, by its
    name, an alias, a person's family name, or a government's country ("the UK" for the UK Government)."""
    problems = []
    for quote in kb.of_kind("quotes"):
        text = _plain(text_around(kb, source, quote))
        for speaker_id in speaker_ids(quote):
            speaker = kb.get(speaker_id)
            if speaker is None:
                continue
            name = str(speaker.get("name") or "")
            names = [name, *map(str, speaker.list("aliases"))]
            if speaker.kind == "people":
                names.append(name.rpartition(" ")[2])
            if name.endswith(" Government"):
                names.append(name.removesuffix(" Government"))
            if not any(_plain(n) in text for n in names if n):
                sections = ", ".join([str(quote.get("section")), *map(str, quote.list("also_in"))])
                problems.append((quote, f"{name} is not named in section {sections} or the quote's footnotes"))
    return problems


# Romanisations differ in these letters (Tsikhanouskaya, Tikhanovskaya; Sapeha, Sapega): folded alike,
# a word spelt another way stays close to the briefing's.
_ROMANISATION = (
    ("x", "ks"), ("kh", "h"), ("ts", "c"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("ia", "a"), ("ya", "a"),
    ("ie", "e"), ("yu", "u"), ("iu", "u"), ("iy", "i"), ("ii", "i"), ("ey", "ei"), ("y", "i"), ("ou", "ov"),
    ("w", "v"),
)  # fmt: skip
SPELLS = 60  # how alike (RapidFuzz ratio, 0-100) each word must be to a printed one to count as a spelling


def _romanised_words(text: str) -> list[str]:
    from anyascii import anyascii

    words = re.findall(r"[a-z0-9]+", anyascii(text.translate(str.maketrans("", "", "ьЬъЪ"))).casefold())
    folded = []
    for word in words:
        for old, new in _ROMANISATION:
            word = word.replace(old, new)
        folded.append(re.sub(r"(.)\1", r"\1", word))
    return folded


def spells_a_printed_name(alias: str, printed: list[str]) -> bool:
    """Each word of ``alias``, romanised, is close to a word of a name the briefing prints: "Лукашэнка"
    and "Pratasevich" spell printed names; "ООН", "CSTO" or "Boris Johnson" (where the briefing has only
    "Mr Johnson") do not. A guide, not a proof: a translation close in letters (Латвия) passes, which is
    why the data format asks for translations in ``other_names``."""
    from rapidfuzz import fuzz

    known = {word for name in printed for word in _romanised_words(name)}
    words = _romanised_words(alias)
    return bool(words) and all(any(fuzz.ratio(word, k) >= SPELLS for k in known) for word in words)


def check_aliases(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str]]:
    """Every alias of a person or body is printed in the briefing, or spells a name that is; other names
    belong in ``other_names``."""
    whole = _plain(" ".join(source.lines))

    def is_printed(name: str) -> bool:  # as a whole word or words: "EaP" is not printed in "reappear"
        return re.search(rf"(?<!\w){re.escape(_plain(name))}(?!\w)", whole) is not None

    problems = []
    for record in [*kb.of_kind("people"), *kb.of_kind("organisations")]:
        aliases = [str(alias) for alias in record.list("aliases")]
        printed = [str(record.get("name") or ""), *(a for a in aliases if is_printed(a))]
        for alias in aliases:
            if not is_printed(alias) and not spells_a_printed_name(alias, printed):
                problems.append(
                    (
                        record,
                        f"{quoted(alias)} is not printed in the briefing and does not spell a name it prints: "
                        "move it to other_names",
                    )
                )
    return problems


def _printed_footnote(kb: KnowledgeBase, source: SourceText, number: int, depth: int = 0) -> str:
    """A footnote's text as printed, an "Ibid" followed to the footnote it repeats."""
    record = kb.footnote(number)
    repeats = record.get("ibid") if record is not None else None
    if repeats is not None and depth < 50:
        return _printed_footnote(kb, source, int(repeats), depth + 1)
    return source.footnotes.get(number, "")


def check_quote_documents(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str]]:
    """A quote's ``document`` is as its footnote prints it: quotation marks around a title only where
    the footnote has them (a linked title is printed without), nothing added, nothing reordered."""
    problems = []
    for quote in kb.of_kind("quotes"):
        document, numbers = quote.get("document"), quote.list("footnotes")
        if not document or not numbers:
            continue
        printed = " ".join(_printed_footnote(kb, source, int(n)) for n in numbers)
        if _plain(str(document)) not in _plain(printed):
            shown = ", ".join(str(n) for n in numbers)
            problems.append((quote, f"{quoted(document)} is not as footnote {shown} prints it"))
    return problems


def check_footnoted_names(kb: KnowledgeBase, source: SourceText) -> list[tuple[Record, str]]:
    """A person or body the briefing names only in its footnotes (a publisher, a ministry cited as a
    source) lists the footnotes that name it: nothing else says where the briefing mentions it."""
    body = _plain(" ".join(source.section_text(str(s["number"])) for s in kb.source.data["sections"]))
    notes = {number: _plain(text) for number, text in source.footnotes.items()}
    problems = []
    for record in [*kb.of_kind("people"), *kb.of_kind("organisations")]:
        names = [_plain(n) for n in [str(record.get("name") or ""), *map(str, record.list("aliases"))] if len(n) > 2]
        if not names:
            continue
        named = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names))
        if named.search(body):
            continue
        printing = sorted(number for number, text in notes.items() if named.search(text))
        missing = [n for n in printing if n not in record.list("footnotes")]
        if missing:
            listed = ", ".join(str(n) for n in missing)
            problems.append((record, f"named only in footnotes, and footnote {listed} names it: list it"))
    return problems


def check_against_briefing(kb: KnowledgeBase, source: SourceText, shown: str) -> BriefingReport:
    report = BriefingReport(shown)

    def where(record: Record) -> str:
        return f"{display_path(record.file)}:{record.line} › {record.id}"

    for check in check_quotes(kb, source):
        if check.problem:
            report.problems.append(f"{where(check.record)} › text: {check.problem}")
        else:
            report.found.append(f"{check.record.id}: section {check.section}, {shown} line {check.line}")
    for quote, name, message in check_quoted_wording(kb, source):
        report.problems.append(f"{where(quote)} › {name}: {message}")
    for drawn_from, message in check_passages(kb, source):
        report.problems.append(f"{where(drawn_from)} › passage: {message}")
    for record, message in check_footnotes(kb, source):
        report.problems.append(f"{where(record)} › text: {message}" if record else f"{shown} › {message}")
    for record, name, message in check_figures(kb, source):
        report.problems.append(f"{where(record)} › {name}: {message}")
    for record, message in check_event_years(kb, source):
        report.problems.append(f"{where(record)} › date: {message}")
    for record, message in check_footnoted_names(kb, source):
        report.problems.append(f"{where(record)} › footnotes: {message}")
    for record, message in check_quote_documents(kb, source):
        report.problems.append(f"{where(record)} › document: {message}")
    for record, message in check_aliases(kb, source):
        report.problems.append(f"{where(record)} › aliases: {message}")
    for record, message in check_speakers(kb, source):
        report.problems.append(f"{where(record)} › speaker: {message}")
    for record, message in check_headings(kb, source):
        report.problems.append(f"{where(record)} › headings: {message}")
    return report
