"""belarus export: the whole knowledge base as a SQLite database for Datasette, or one JSON document;
never over a file the user has without --force."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .conftest import REAL_DATA, Run, assert_clean

KINDS = ("events", "people", "organisations", "figures", "quotes", "series", "footnotes", "sections")


def test_the_database_holds_every_record_its_links_and_a_search_index(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "belarus.db"
    result = run("export", str(target), data=REAL_DATA)
    assert result.exit_code == 0, result.output
    info = {row["field"]: row["value"] for row in json.loads(run("info", "-f", "json", data=REAL_DATA).stdout)}
    listed = {kind: int(info[kind]) for kind in KINDS}
    db = sqlite3.connect(target)
    tables = {name for (name,) in db.execute("select name from sqlite_master where type = 'table'")}
    for kind in KINDS:
        assert kind in tables and f"{kind}_fts" in tables, kind
    counts = {k: db.execute(f"select count(*) from {k}").fetchone()[0] for k in ("events", "quotes", "people")}
    assert counts == {k: v for k, v in listed.items() if k in counts}
    assert db.execute("select count(*) from records").fetchone()[0] == sum(listed.values())
    for link in ("record_people", "record_organisations", "record_footnotes", "record_tags", "quote_speakers"):
        assert db.execute(f"select count(*) from {link}").fetchone()[0] > 0, link
    searched = "select e.id from events e join events_fts f on e.rowid = f.rowid where events_fts match ?"
    hits = {i for (i,) in db.execute(searched, ["Protasevich"])}
    assert "protasevich-sapega-arrested" in hits
    said = db.execute("select speaker_id from quote_speakers where quote_id = 'raab-pariah-status'").fetchall()
    assert said == [("dominic-raab",)]
    details = dict(db.execute("select key, value from briefing"))
    assert details["licence"] == "Open Parliament Licence v3.0" and details["author"] == "Claire Mills"
    row = db.execute("select year, section, source, citation from events where id = 'presidential-election-2020'")
    year, section, source, citation = row.fetchone()
    assert (year, section) == (2020, "1.1") and "House of Commons Library" in citation and source
    metadata = json.loads((tmp_path / "belarus.metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] == "Open Parliament Licence v3.0"
    assert metadata["databases"]["belarus"]["tables"]["records"]["facets"] == [
        "kind", {"array": "tags"}, "section", "year",
    ]  # fmt: skip


def test_the_json_document_is_the_whole_knowledge_base(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "belarus.json"
    assert run("export", str(target), data=REAL_DATA).exit_code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["briefing"]["author"] == "Claire Mills"
    assert {q["id"] for q in document["quotes"]} >= {"raab-pariah-status"}
    assert all(record["citation"] for kind in ("events", "figures") for record in document[kind])


def test_export_never_replaces_a_file_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"the user's own work")
    result = run("export", str(target))
    assert result.exit_code == 2 and "exists: add --force to replace it" in result.stderr
    assert target.read_bytes() == b"the user's own work"
    assert not (tmp_path / "mine.metadata.json").exists()
    assert run("export", str(target), "--force").exit_code == 0
    assert sqlite3.connect(target).execute("select count(*) from records").fetchone()[0] > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []  # nothing left behind


def test_export_refuses_a_file_it_cannot_write_in_one_line(run: Run, tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "notes.txt"))
    assert result.exit_code == 2 and "give a file ending in .db, .sqlite, .sqlite3, .json" in result.stderr
    result = run("export", str(tmp_path / "missing-folder" / "belarus.db"))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert_clean(result)


def test_the_json_document_escapes_control_bidi_and_invisible_characters(
    run: Run, kb_dir: Path, tmp_path: Path
) -> None:
    """Issue 16 battery (F6): `export FILE.json` wrote U+202E, zero-width and C1 characters raw, where
    `-f json` escapes them; the escapes parse back to the same strings."""
    path = kb_dir / "section-1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("text: purge", 'text: "pu\\u202erge\\u200b\\x9b"'), "utf-8"
    )
    target = tmp_path / "kb.json"
    assert run("export", str(target), data=kb_dir).exit_code == 0
    raw = target.read_text(encoding="utf-8")
    assert not any(c in raw for c in "\u202e\u200b\x9b") and "\\u202e" in raw
    quote = next(q for q in json.loads(raw)["quotes"] if q["id"] == "lukashenko-purge")
    assert quote["text"] == "pu\u202erge\u200b\x9b"
