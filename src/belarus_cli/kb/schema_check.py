"""Check parsed data files against the schema and build records, collecting every problem.

Each problem is one line, ``file:line › record id › field: problem``, so that a colleague editing the
YAML by hand can go straight to it.
"""

from __future__ import annotations

import re
from typing import Any

from belarus_cli.errors import Problems
from belarus_cli.output.escape import quoted

from .dates import QUALIFIERS, is_qualifier, parse_date
from .kind_types import (
    ALIAS_LIST,
    BOOL,
    CHOICE,
    DATE,
    FOOTNOTE_LIST,
    FOOTNOTE_REF,
    INT,
    NUMBER,
    QUALIFIER,
    REF,
    REF_LIST,
    ROW_FIELDS,
    ROWS,
    SECTION,
    SECTION_ENTRY_FIELDS,
    SECTION_LIST,
    SECTIONS,
    SOURCE_ENTRY_FIELDS,
    SOURCES,
    TAG_LIST,
    TEXT,
    TEXT_LIST,
    URL,
    Field,
    Kind,
)
from .kinds import CITES, KINDS, footnote_id, section_id
from .records import Record, display_path
from .yaml_reader import REFUSED, Lines

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # used with fullmatch: "$" lets a final newline in
TAG_PATTERN = ID_PATTERN


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


class RecordChecker:
    """Checks one file's records; cross-record checks happen in ``check_links``."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.origin = ""
        self.lines = Lines()

    def file(self, file: str, value: Any, origin: str = "", lines: Lines | None = None) -> list[Record]:
        """Records of one parsed file; ``file`` is how messages name it, ``origin`` its full path."""
        self.origin = origin or file
        self.lines = lines or Lines()
        if value is None:
            self.problems.add(file, 0, None, None, "file is empty: expected kinds such as 'events:'")
            return []
        if not isinstance(value, dict):
            self.problems.add(
                file,
                self.lines.line(value, 1),
                None,
                None,
                f"expected a mapping of kinds (events:, people:, ...), found {_type_name(value)}",
            )
            return []
        records: list[Record] = []
        for key, items in value.items():
            line = self.lines.key_lines(value).get(key, 1)
            kind = KINDS.get(key)
            if kind is None:
                known = ", ".join(KINDS)
                self.problems.add(file, line, None, key, f"unknown kind; expected one of {known}")
                continue
            if kind.key == "source":
                if isinstance(items, dict):
                    records.extend(self.record(file, kind, items, line))
                else:
                    self.problems.add(file, line, None, key, f"expected a mapping, found {_type_name(items)}")
                continue
            if not isinstance(items, list):
                self.problems.add(file, line, None, key, f"expected a list of records, found {_type_name(items)}")
                continue
            item_lines = self.lines.item_lines(items) or [line] * len(items)
            for item, item_line in zip(items, item_lines, strict=True):
                if isinstance(item, dict):
                    records.extend(self.record(file, kind, item, item_line))
                elif item is not None:  # None: a refused tag or alias, reported by the reader already
                    self.problems.add(
                        file, item_line, None, key, f"each {kind.singular} must be a mapping, found {_type_name(item)}"
                    )
        return records

    def record(self, file: str, kind: Kind, data: dict[str, Any], line: int) -> list[Record]:
        line = self.lines.line(data, line)
        key_lines = self.lines.key_lines(data)
        record_id = self._record_id(file, kind, data, line, key_lines)
        ok = True

        def report(name: str | None, message: str) -> None:
            nonlocal ok
            ok = False
            self.problems.add(file, key_lines.get(name, line) if name else line, record_id, name, message)

        for name in data:
            known = kind.by_name.get(name)
            if known is None:
                allowed = ", ".join(f.name for f in kind.fields if not f.derived)
                article = "an" if kind.singular[0] in "aeiou" else "a"
                report(name, f"unknown field for {article} {kind.singular}; allowed: {allowed}")
            elif known.derived:
                report(name, f"not written in the data: {known.help}")
        for spec in kind.fields:
            if spec.derived:
                continue
            if data.get(spec.name) is REFUSED:  # reported while reading: the record is not built
                ok = False
                continue
            if spec.name not in data or data[spec.name] is None:
                if spec.required:
                    report(None, f"missing required field '{spec.name}'")
                continue
            found = self._check_value(spec, data[spec.name])
            for message in [found] if isinstance(found, str) else found or []:
                report(spec.name, message)
        if kind.key == "quotes" and not data.get("speaker") and not data.get("speakers") and not data.get("note"):
            report(None, "a quote with no speaker needs a note saying why (the briefing does not attribute it)")
        if kind.key == "quotes" and data.get("speaker") and data.get("speakers"):
            report("speakers", "give one speaker or several speakers, not both")
        if kind.key == "quotes" and data.get("said_by") and (data.get("speaker") or data.get("speakers")):
            report("said_by", "give said_by only where no record is the speaker, not beside speaker or speakers")
        reported, text = data.get("as_reported"), data.get("text")
        if kind.key == "quotes" and isinstance(reported, str) and isinstance(text, str):
            if f"“{' '.join(text.split())}”" not in " ".join(reported.split()):
                report("as_reported", "must hold the quote's text in “curly quotation marks”, as printed")
        notes, comments = data.get("footnotes"), data.get("comment_footnotes")
        if ok and isinstance(notes, list) and isinstance(comments, list):  # ok: both lists of numbers
            for number in sorted(set(notes) & set(comments), key=str):
                report("comment_footnotes", f"footnote {number} is in footnotes too: a footnote supports or comments")
        if ok:
            for message, name in _record_rules(kind.key, data):
                report(name, message)
        if kind.key == "footnotes" and ok:
            cites = bool(data.get("sources")) or data.get("ibid") is not None
            if data.get("role") == "comment" and cites:
                report("role", "a comment cites nothing: remove its sources and ibid, or make its role 'both'")
            elif data.get("role") in CITES and not cites:
                report(
                    "role", f"a footnote whose role is {quoted(data.get('role'))} lists the sources it cites (or ibid)"
                )
        if not ok and record_id is not None:
            self.problems.refused.add(record_id)
        if not ok or record_id is None:
            return []
        if kind.derives_id:
            data["id"] = record_id
        return [Record(kind.key, record_id, data, self.origin, line, key_lines)]

    def _record_id(
        self, file: str, kind: Kind, data: dict[str, Any], line: int, key_lines: dict[str, int]
    ) -> str | None:
        if kind.derives_id:
            number = data.get("number")
            return footnote_id(number) if isinstance(number, int) and not isinstance(number, bool) else None
        value = data.get("id")
        if isinstance(value, str) and ID_PATTERN.fullmatch(value):
            return value
        if "id" in data:
            shown = value if isinstance(value, str) else _type_name(value)
            self.problems.add(
                file,
                key_lines.get("id", line),
                None,
                "id",
                f"{quoted(shown)} is not a valid id: use lowercase letters, digits and single hyphens",
            )
        return None

    def _check_value(self, spec: Field, value: Any) -> str | list[str] | None:  # noqa: C901 - one branch per type
        kind = spec.type
        if kind in (TEXT, SECTION, REF):
            if isinstance(value, str) and not value.strip():
                return "is empty: give the text, or leave the field out"
            return None if _is_text(value) else f"expected text, found {_type_name(value)}"
        if kind == URL:
            return _check_url(value)
        if kind == CHOICE:
            if value in spec.choices:
                return None
            return f"{quoted(value)} is not one of: {', '.join(spec.choices)}"
        if kind in (INT, FOOTNOTE_REF):
            ok = isinstance(value, int) and not isinstance(value, bool)
            return None if ok else f"expected a whole number, found {_type_name(value)}"
        if kind == NUMBER:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            return None if ok else f"expected a number, found {_type_name(value)}"
        if kind == BOOL:
            return None if isinstance(value, bool) else f"expected true or false, found {_type_name(value)}"
        if kind == DATE:
            return _check_date(value)
        if kind == QUALIFIER:
            if is_qualifier(value):
                return None
            return f"{quoted(value)} is not one of: {', '.join(QUALIFIERS)} (or since, by, ... with early, mid, ...)"
        if kind in (TEXT_LIST, ALIAS_LIST, TAG_LIST, REF_LIST, SECTION_LIST):
            if isinstance(value, list) and any(isinstance(v, str) and not v.strip() for v in value):
                return "holds an empty entry: remove it"
            if not isinstance(value, list) or not all(_is_text(v) for v in value):
                return f"expected a list of text, found {_type_name(value)}"
            if kind == TAG_LIST:
                bad = [v for v in value if not TAG_PATTERN.fullmatch(v)]
                return f"tags must be lowercase-hyphenated: {quoted(bad[0])}" if bad else None
            return None
        if kind == FOOTNOTE_LIST:
            ok = isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            return None if ok else "expected a list of footnote numbers"
        if kind == SECTIONS:
            return _check_entries(value, SECTION_ENTRY_FIELDS, required=SECTION_ENTRY_FIELDS)
        if kind == SOURCES:
            return _check_entries(value, SOURCE_ENTRY_FIELDS, required=())
        if kind == ROWS:
            return _check_entries(value, ROW_FIELDS, required=ROW_FIELDS)
        raise AssertionError(f"unhandled field type {kind}")


def _record_rules(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """Rules across a record's fields, once each field is of the right type: (message, field)."""
    found: list[tuple[str, str]] = []
    for start, end in (("date", "date_end"), ("as_at", "as_at_end")):
        if isinstance(data.get(start), str) and isinstance(data.get(end), str):
            first, last = parse_date(data[start]), parse_date(data[end])
            if last.last_day() < first.first_day():
                found.append((f"ends ({data[end]}) before it begins ({data[start]})", end))
    if kind == "series":
        periods = data.get("periods") or []
        for position, row in enumerate(data.get("rows") or [], 1):
            values = row.get("values") if isinstance(row, dict) else None
            if isinstance(values, list) and len(values) != len(periods):
                found.append((f"row {position} has {len(values)} values for {len(periods)} periods", "rows"))
        if not periods:
            found.append(("a series needs at least one period", "periods"))
    if kind == "source":
        for position, section in enumerate(data.get("sections") or [], 1):
            page = section.get("page") if isinstance(section, dict) else None
            if not (isinstance(page, int) and not isinstance(page, bool) and page > 0):
                shown = quoted(page) if isinstance(page, str) else page
                found.append((f"section entry {position}: page must be a page number, found {shown}", "sections"))
    return found


def _check_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return f'expected a quoted date such as "2021-05", found {_type_name(value)}'
    try:
        parse_date(value)
    except ValueError as exc:
        return str(exc)
    return None


def _check_url(value: Any) -> str | None:
    """A web address, or why not: the briefing prints only http(s) ones, and anything else
    ("javascript:...", "file:...") would be a live link in the BibTeX, CSL and Markdown exports."""
    if not isinstance(value, str):
        return f"expected a web address, found {_type_name(value)}"
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value, flags=re.ASCII):
        return None
    return f"{quoted(value)} is not a web address: give one that starts http:// or https://"


def _check_entries(value: Any, allowed: tuple[str, ...], required: tuple[str, ...]) -> list[str]:
    """Every problem of a list of mappings (footnote sources, section entries, series rows), one message
    each: a source with a bad author, title and date is three problems, not one per run of validate."""
    if not isinstance(value, list) or not value:
        return [f"expected a list of mappings, found {_type_name(value)}"]
    found: list[str] = []
    for position, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            found.append(f"entry {position}: expected a mapping, found {_type_name(entry)}")
            continue
        found.extend(
            f"entry {position}: unknown field '{k}'; allowed: {', '.join(allowed)}" for k in entry if k not in allowed
        )
        found.extend(f"entry {position}: missing '{k}'" for k in required if k not in entry)
        # Every part but a page number and a row's values is text: `author: {first: a}` was printed as a
        # Python dict, and a 990-deep list in a source crashed `show`.
        for name, part in entry.items():
            if name in allowed and name not in ("values", "page", "number") and not isinstance(part, str):
                found.append(f"entry {position}: {name}: expected text, found {_type_name(part)}")
        if isinstance(entry.get("date"), str) and (message := _check_date(entry["date"])):
            found.append(f"entry {position}: date: {message}")
        if isinstance(entry.get("url"), str) and (message := _check_url(entry["url"])):
            found.append(f"entry {position}: url: {message}")
        if "values" in entry:
            values = entry["values"]
            if not isinstance(values, list) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
            ):
                found.append(f"entry {position}: values: expected a list of numbers")
    return found


def check_links(records: list[Record], problems: Problems) -> dict[str, Record]:
    """Duplicate ids, references that do not resolve, sections the source does not list."""
    by_id: dict[str, Record] = {}
    for record in records:
        first = by_id.get(record.id)
        if first is not None:
            problems.add(
                display_path(record.file),
                record.line,
                record.id,
                "id",
                f"duplicate id (first in {display_path(first.file)}:{first.line})",
            )
            continue
        by_id[record.id] = record
    sources = [r for r in by_id.values() if r.kind == "source"]
    if not sources:
        problems.add("(knowledge base)", 0, None, None, "no 'source:' record describing the briefing")
    sections = {str(s.get("number")) for s in sources[0].data["sections"]} if sources else set()
    for record in by_id.values():
        _check_record_links(record, by_id, sections, problems)
    if sources:
        _check_section_records(by_id, sources[0], problems)
    _check_ibid_chains(by_id, problems)
    return by_id


def _check_section_records(by_id: dict[str, Record], source: Record, problems: Problems) -> None:
    """A section record is the contents list's section: its id made from the number, the title as listed."""
    listed = {str(s.get("number")): s for s in source.data["sections"] if isinstance(s, dict)}
    for record in by_id.values():
        if record.kind != "sections":
            continue
        number = str(record.get("section"))
        entry = listed.get(number)
        if entry is None:  # reported as an unknown section already
            continue

        def report(name: str, message: str, record: Record = record) -> None:
            problems.add(display_path(record.file), record.line_of(name), record.id, name, message)

        if record.id != section_id(number):
            report("id", f"the record of section {quoted(number)} must have the id {quoted(section_id(number))}")
        if str(record.get("title")) != str(entry.get("title")):
            report("title", f"the contents list titles section {quoted(number)} {quoted(entry.get('title'))}")


def _check_ibid_chains(by_id: dict[str, Record], problems: Problems) -> None:
    """Every "Ibid" leads, without a loop, to a footnote that cites a document."""
    for record in by_id.values():
        if record.kind != "footnotes" or record.get("ibid") is None:
            continue
        seen = [int(record.get("number"))]
        note: Record | None = record
        while note is not None and isinstance(note.get("ibid"), int):
            target = int(note.get("ibid"))
            if target in seen:
                chain = " -> ".join(map(str, [*seen, target]))
                problems.add(
                    display_path(record.file), record.line_of("ibid"), record.id, "ibid", f"Ibid loops: {chain}"
                )
                break
            seen.append(target)
            note = by_id.get(footnote_id(target))
        else:
            if note is not None and not note.list("sources"):
                problems.add(
                    display_path(record.file),
                    record.line_of("ibid"),
                    record.id,
                    "ibid",
                    f"Ibid leads to footnote {seen[-1]}, which cites no document",
                )


def _check_record_links(record: Record, by_id: dict[str, Record], sections: set[str], problems: Problems) -> None:
    data = record.data

    def report(name: str, message: str) -> None:
        problems.add(display_path(record.file), record.line_of(name), record.id, name, message)

    for spec in KINDS[record.kind].linking_fields:
        value = data.get(spec.name)
        if value is None:
            continue
        if spec.type in (SECTION, SECTION_LIST):
            for number in value if isinstance(value, list) else [value]:
                if sections and str(number) not in sections:
                    report(
                        spec.name, f"no section {quoted(number)} in the source; known: {', '.join(sorted(sections))}"
                    )
            if spec.type == SECTION_LIST and str(data.get("section")) in map(str, value):
                report(spec.name, f"section {quoted(data.get('section'))} is the record's own section already")
        elif spec.type in (REF, REF_LIST):
            for target in value if isinstance(value, list) else [value]:
                found = by_id.get(target)
                if (found is not None and found.kind in spec.refs) or (found is None and target in problems.refused):
                    continue
                wanted = " or ".join(KINDS[k].singular for k in spec.refs)
                if found is None:
                    report(spec.name, f"no {wanted} has the id {quoted(target)}")
                else:
                    report(spec.name, f"{quoted(target)} is a {found.singular}, not a {wanted}")
        else:
            for number in value if isinstance(value, list) else [value]:
                if footnote_id(number) not in by_id and footnote_id(number) not in problems.refused:
                    report(spec.name, f"no footnote {number}")
