"""The knowledge base as a SQLite database that Datasette opens, written with sqlite-utils (Apache-2.0,
maintained; it makes the tables from the rows, the foreign keys and the FTS5 index in a few calls).

A table per kind holds every field (lists as JSON arrays), with each record's date as shown, its year,
section title, short source and citation; link tables join records to the people, organisations,
footnotes and tags they name and quotes to their speakers; ``records`` lists every record of every
kind, for browsing across kinds; ``briefing`` holds the briefing's details and its licence. Beside the
database, Datasette's metadata (``NAME.metadata.json``: ``datasette NAME.db -m NAME.metadata.json``)
gives the title, licence and source and facets by kind, tag, section and year.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

from belarus_cli.kb.kinds import KINDS, RECORD_KINDS
from belarus_cli.kb.records import KnowledgeBase, Record, speaker_ids

LICENCE = "Open Parliament Licence v3.0"
LICENCE_URL = "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/"
ATTRIBUTION = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
TEXT_FIELDS = ("title", "summary", "name", "description", "roles", "text", "context", "counts", "note")
LINKS = (("people", "people"), ("organisations", "organisations"), ("events", "events"))


def _row(kb: KnowledgeBase, record: Record) -> dict[str, Any]:
    from belarus_cli.cite.parts import short_source
    from belarus_cli.cite.styles import cite

    section = kb.section(str(record.get("section"))) if record.get("section") else None
    row: dict[str, Any] = {"id": record.id}
    for spec in KINDS[record.kind].fields:
        if spec.name != "id" and spec.name in record.data:
            value = record.data[spec.name]
            if isinstance(value, list | dict):
                value = json.dumps(value, ensure_ascii=False)
            elif isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
                value = str(value)  # beyond SQLite's integers: kept whole, as text
            row[spec.name] = value
    row["date_shown"] = record.date_text or None
    row["year"] = record.date.year if record.date else None
    row["section_title"] = section["title"] if section else None
    row["source"] = short_source(kb, record, whole=True) or None
    row["citation"] = cite(kb, record)
    return row


def write_database(kb: KnowledgeBase, path: Path) -> None:
    import sqlite3

    try:
        _write_database(kb, path)
    except sqlite3.DatabaseError as exc:  # "database or disk is full" and the like: a failed write
        raise OSError(errno.ENOSPC if "full" in str(exc) else errno.EIO, str(exc)) from None


def _write_database(kb: KnowledgeBase, path: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(path)
    details = kb.source.data
    db.table("briefing").insert_all(
        [{"key": key, "value": str(details[key])} for key in ("title", "author", "publisher", "date")]
        + [{"key": "licence", "value": LICENCE}, {"key": "attribution", "value": ATTRIBUTION}],
        pk="key",
    )
    everything = []
    for key in RECORD_KINDS:
        records = list(kb.of_kind(key))
        if not records:
            continue
        rows = [_row(kb, record) for record in records]
        table = db.table(key)
        table.insert_all(rows, pk="id", alter=True)
        searched = [c for c in TEXT_FIELDS if c in table.columns_dict]
        if searched:
            table.enable_fts(searched, create_triggers=False)
        everything += [
            {
                "id": r.id,
                "kind": r.singular,
                "label": r.label,
                "date_shown": row["date_shown"],
                "year": row["year"],
                "section": row.get("section"),
                "tags": row.get("tags"),
                "source": row["source"],
                "citation": row["citation"],
            }
            for r, row in zip(records, rows, strict=True)
        ]
    db.table("records").insert_all(everything, pk="id")
    db.table("records").enable_fts(["label"], create_triggers=False)
    _links(kb, db)


def _links(kb: KnowledgeBase, db: Any) -> None:
    """Many-to-many tables: which records name which people, bodies, events, footnotes and tags, and
    who said each quote."""
    named: dict[str, list[dict[str, Any]]] = {"people": [], "organisations": [], "events": []}
    footnotes: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    speakers: list[dict[str, Any]] = []
    for record in kb:
        if record.kind == "source":
            continue
        for field, table in LINKS:
            named[table] += [
                {"record_id": record.id, "kind": record.singular, f"{table}_id": i} for i in record.list(field)
            ]
        footnotes += [
            {"record_id": record.id, "kind": record.singular, "footnote": n} for n in record.list("footnotes")
        ]
        tags += [{"record_id": record.id, "kind": record.singular, "tag": t} for t in record.list("tags")]
        if record.kind == "quotes":
            speakers += [{"quote_id": record.id, "speaker_id": s} for s in speaker_ids(record)]
    for table, rows in named.items():
        if rows:
            db[f"record_{table}"].insert_all(rows, foreign_keys=[(f"{table}_id", table, "id")])
    if footnotes:
        db["record_footnotes"].insert_all(footnotes)
    if tags:
        db["record_tags"].insert_all(tags)
    if speakers:
        db["quote_speakers"].insert_all(speakers, foreign_keys=[("quote_id", "quotes", "id")])


def metadata(kb: KnowledgeBase, database: str) -> dict[str, Any]:
    """Datasette's metadata: the briefing as the title, its licence and source; facets by kind, tag,
    section and year where a table has them."""
    details = kb.source.data
    facets: dict[str, list[Any]] = {"records": ["kind", {"array": "tags"}, "section", "year"]}
    for key in RECORD_KINDS:
        fields = {spec.name for spec in KINDS[key].fields}
        facets[key] = [
            *([{"array": "tags"}] if "tags" in fields else []),
            *(["section"] if "section" in fields else []),
            *(["year"] if key in ("events", "figures", "quotes") else []),
        ]
    stem = database.rsplit(".", 1)[0]
    return {
        "title": f"{details['title']} ({details['publisher']}, {details['date']})",
        "description": f"Every record of the belarus knowledge base of the briefing by {details['author']}.",
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "source": f"{details['publisher']}: {details['title']}",
        "databases": {stem: {"tables": {table: {"facets": f} for table, f in facets.items() if f}}},
    }


def write_metadata(kb: KnowledgeBase, database: str, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(metadata(kb, database), handle, ensure_ascii=False, indent=2)
        handle.write("\n")
