"""CLI wiring: exit codes, output formats, global options, messages on stderr."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from belarus_cli import __version__

from .conftest import FIXTURE_SOURCE, assert_clean

LIST_COMMANDS = ["people", "organisations", "timeline", "figures", "quotes", "footnotes"]


def test_version(run: Any) -> None:
    result = run("--version", data=None)
    assert result.exit_code == 0
    assert result.stdout == f"belarus {__version__}\n"


def test_help_lists_every_command(run: Any) -> None:
    result = run("--help", data=None)
    assert result.exit_code == 0
    for command in [*LIST_COMMANDS, "search", "validate"]:
        assert command in result.stdout


@pytest.mark.parametrize("command", LIST_COMMANDS)
def test_list_json_is_full_records(run: Any, command: str) -> None:
    result = run(command, "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert isinstance(records, list) and records
    assert all("id" in r and "kind" in r and "section" in r for r in records)


@pytest.mark.parametrize("command", LIST_COMMANDS)
def test_list_csv_and_markdown(run: Any, command: str) -> None:
    rows = list(csv.reader(io.StringIO(run(command, "--format", "csv").stdout)))
    assert len(rows) >= 2 and len({len(r) for r in rows}) == 1
    markdown = run(command, "-f", "markdown").stdout.splitlines()
    assert markdown[0].startswith("| ") and markdown[1].startswith("|---")
    assert len(markdown) == len(rows) + 1


def test_people_table_shows_names(run: Any) -> None:
    result = run("people")
    assert result.exit_code == 0
    assert "Roman Protasevich" in result.stdout and "roman-protasevich" in result.stdout


def test_bad_format_is_a_usage_error(run: Any) -> None:
    result = run("people", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_timeline_is_in_date_order(run: Any) -> None:
    events = json.loads(run("timeline", "-f", "json").stdout)
    assert [e["id"] for e in events] == ["election-day", "protests-early-september", "ryanair-forced-landing"]


def test_timeline_range_and_bad_date(run: Any) -> None:
    events = json.loads(run("timeline", "--from", "2021", "-f", "json").stdout)
    assert [e["id"] for e in events] == ["ryanair-forced-landing"]
    result = run("timeline", "--from", "2021-13")
    assert result.exit_code == 2
    assert "--from: '2021-13' has no month 13" in result.stderr


def test_search_finds_other_spellings_and_cyrillic(run: Any) -> None:
    for query in ["Protasevich", "Pratasevich", "Протасевич", "Protasevish"]:
        result = run("search", query, "-f", "json")
        assert result.exit_code == 0, (query, result.output)
        assert json.loads(result.stdout)[0]["id"] == "roman-protasevich", query


def test_search_finds_a_footnote_by_its_id(run: Any) -> None:
    hits = json.loads(run("search", "fn-2", "-f", "json").stdout)
    assert hits[0]["id"] == "fn-2"


def test_search_json_has_score_and_citation(run: Any) -> None:
    hits = json.loads(run("search", "plane", "forced", "to", "land", "-f", "json").stdout)
    assert hits[0]["id"] == "ryanair-forced-landing"
    assert hits[0]["kind"] == "event" and hits[0]["score"] > 0
    assert "cited in Test Author, “Test briefing”" in hits[0]["citation"] and "Flight diverted" in hits[0]["citation"]


def test_search_typo_finds_and_nothing_found_exits_1_with_suggestions(run: Any) -> None:
    typo = run("search", "Lukashenkovich", "-f", "json")
    assert typo.exit_code == 0, typo.output
    assert json.loads(typo.stdout)[0]["id"] == "alexandr-lukashenko"
    filtered_out = run("search", "Protasevich", "--kind", "quote")
    assert filtered_out.exit_code == 1
    assert filtered_out.stdout == ""
    # The words match; the filter left nothing: say so, and suggest no other spelling (issue 16 battery).
    assert filtered_out.stderr.splitlines() == [
        "belarus: no matches for 'Protasevich' with those filters (--kind, --tag, --from, --to)",
    ]
    nothing = run("search", "zzzzqqqq")
    assert nothing.exit_code == 1
    assert nothing.stderr == "belarus: no matches for 'zzzzqqqq'\n"
    assert nothing.stdout == ""


def test_search_empty_query_is_usage_error(run: Any) -> None:
    result = run("search", "   ")
    assert result.exit_code == 2
    assert "give some words" in result.stderr


def test_search_kind_filter(run: Any) -> None:
    hits = json.loads(run("search", "Protasevich", "--kind", "event", "-f", "json").stdout)
    assert {h["kind"] for h in hits} == {"event"}
    planet = run("search", "x", "--kind", "planet")
    assert planet.exit_code == 2  # refused by the parser, before any data is read
    assert "'planet' is not one of 'event', 'person', 'organisation'" in planet.stderr


def test_data_option_and_environment(run: Any, monkeypatch: pytest.MonkeyPatch, kb_dir: Path) -> None:
    missing = run("people", data=kb_dir / "nope")
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr
    monkeypatch.setenv("BELARUS_DATA", str(kb_dir))
    assert "roman-protasevich" in run("people", data=None).stdout


def test_bad_data_exits_2_with_one_line_per_problem(run: Any, kb_dir: Path) -> None:
    (kb_dir / "bad.yaml").write_text("events:\n  - id: a\n    colour: red\n", encoding="utf-8")
    result = run("people", data=kb_dir)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any("bad.yaml:3 › a › colour: unknown field" in line for line in lines)
    assert lines[-1].startswith("belarus: the knowledge base has")
    assert_clean(result)


def test_validate_ok_and_source_check(run: Any) -> None:
    assert run("validate").stdout.startswith("ok: 3 events, 2 people")
    result = run("validate", "--source", str(FIXTURE_SOURCE))
    assert result.exit_code == 0, result.output
    assert "lukashenko-purge: section summary" in result.stdout
    assert "line 9" in result.stdout


def checked_against_source(run: Any, kb_dir: Path, name: str, old: str, new: str) -> Any:
    """`validate --source` on the test base with one edit made to one of its files."""
    path = kb_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return run("validate", "--source", str(FIXTURE_SOURCE), data=kb_dir)


def test_validate_reports_missing_quote(run: Any, kb_dir: Path) -> None:
    result = checked_against_source(run, kb_dir, "section-1.yaml", "text: purge", "text: purges")
    assert result.exit_code == 2
    assert "lukashenko-purge › text: text not found verbatim in the briefing" in result.stderr


def test_validate_checks_a_quote_s_clause_and_its_said_by_words_against_the_briefing(run: Any, kb_dir: Path) -> None:
    printed = "speaker: alexandr-lukashenko\n    as_reported: Lukashenko spoke of a “purge”"
    speaker = "speaker: alexandr-lukashenko"
    assert checked_against_source(run, kb_dir, "section-1.yaml", speaker, printed).exit_code == 0
    reworded = checked_against_source(run, kb_dir, "section-1.yaml", "spoke of", "talked of")
    assert reworded.exit_code == 2
    assert "lukashenko-purge › as_reported: not found verbatim in the briefing" in reworded.stderr


def test_validate_checks_a_passage_is_printed_in_the_records_own_section(run: Any, kb_dir: Path) -> None:
    speaker = "speaker: alexandr-lukashenko"
    with_passage = speaker + "\n    passage: Lukashenko spoke of a “purge”."
    assert checked_against_source(run, kb_dir, "section-1.yaml", speaker, with_passage).exit_code == 0
    reworded = checked_against_source(run, kb_dir, "section-1.yaml", "spoke of", "talked of")
    assert reworded.exit_code == 2
    assert "lukashenko-purge › passage: not found verbatim in the briefing's text" in reworded.stderr
    elsewhere = checked_against_source(
        run, kb_dir, "section-1.yaml", "Lukashenko talked of a “purge”.", "More than 35,000 people were detained."
    )
    assert elsewhere.exit_code == 2
    assert "lukashenko-purge › passage: found in section 1, not in the record's sections" in elsewhere.stderr


def test_validate_against_a_file_that_is_not_the_briefing_says_so_once(run: Any, tmp_path: Path) -> None:
    """A fresh user's check: another file gave a "not found" line for every quote."""
    other = tmp_path / "other.txt"
    other.write_text("Minutes of a meeting that quotes nobody.\n", encoding="utf-8")
    from .conftest import REAL_DATA

    result = run("validate", "--source", str(other), data=REAL_DATA)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "quotes is in it; is it the briefing's text?" in result.stderr


def test_an_empty_id_is_a_usage_error(run: Any) -> None:
    for command in ("show", "cite"):
        result = run(command, " ")
        assert result.exit_code == 2 and "an empty id: give a record id" in result.stderr, command


def test_validate_unreadable_source(run: Any, tmp_path: Path) -> None:
    result = run("validate", "--source", str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert "--source" in result.stderr


def test_validate_refuses_a_source_part_the_footnote_does_not_print(run: Any, kb_dir: Path) -> None:
    """Issue 13: a footnote's sources are what it prints; nothing invented."""
    result = checked_against_source(run, kb_dir, "footnotes.yaml", "publisher: BBC News", "publisher: BBC World")
    assert result.exit_code == 2
    assert "source 1's publisher 'BBC World' is not printed in footnote 1" in result.stderr


@pytest.mark.parametrize(
    ("role", "message"),
    [("comment", "a comment cites nothing"), ("opinion", "'opinion' is not one of: source, comment, both")],
)
def test_validate_refuses_a_footnote_role_its_sources_contradict(
    run: Any, kb_dir: Path, role: str, message: str
) -> None:
    path = kb_dir / "footnotes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("role: source", f"role: {role}", 1), "utf-8")
    result = run("validate", data=kb_dir)
    assert result.exit_code == 2
    assert message in result.stderr


def test_validate_refuses_a_speaker_the_briefing_does_not_name_there(run: Any, kb_dir: Path) -> None:
    """Issue 14: validate --source checks who said a quote as it checks the words."""
    speaker = "speaker: alexandr-lukashenko"
    result = checked_against_source(run, kb_dir, "section-1.yaml", speaker, "speaker: roman-protasevich")
    assert result.exit_code == 2
    assert "speaker: Roman Protasevich is not named in section" in result.stderr


def test_validate_refuses_an_alias_the_briefing_neither_prints_nor_spells(run: Any, kb_dir: Path) -> None:
    """Issue 14: other spellings of a printed name are aliases (Pratasevich, Лукашенко); a name the
    briefing never prints (a first name it leaves out, a translation) is refused there and accepted in
    other_names, which search reads as a name too."""
    path = kb_dir / "people.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[Lukashenka, Лукашенко]", "[Lukashenka, Лукашенко, Batka, Purg]"), "utf-8")
    result = run("validate", "--source", str(FIXTURE_SOURCE), data=kb_dir)
    assert result.exit_code == 2
    assert "› aliases: 'Batka' is not printed in the briefing and does not spell a name it prints" in result.stderr
    assert "'Purg' is not printed" in result.stderr  # inside "purge" is not printed: whole words only
    assert "Pratasevich" not in result.stderr and "Лукашенко" not in result.stderr
    moved = "[Lukashenka, Лукашенко]\n    other_names: [Batka]"
    path.write_text(text.replace("[Lukashenka, Лукашенко]", moved), "utf-8")
    assert run("validate", "--source", str(FIXTURE_SOURCE), data=kb_dir).exit_code == 0
    found = json.loads(run("search", "Batka", "--format", "json", data=kb_dir).stdout)
    assert found[0]["id"] == "alexandr-lukashenko"
    assert "other names (not in the briefing)" in run("show", "alexandr-lukashenko", data=kb_dir).stdout


def test_validate_refuses_a_figure_qualifier_the_briefing_does_not_print(run: Any, kb_dir: Path) -> None:
    """Issue 14: 'several thousands' and 'at least tens of thousands' said more than the text."""
    result = checked_against_source(run, kb_dir, "section-1.yaml", "qualifier: more than", "qualifier: at least")
    assert result.exit_code == 2
    assert "› qualifier: 'at least' is not printed in section" in result.stderr


def test_validate_refuses_a_quote_document_its_footnote_does_not_print_so(run: Any, kb_dir: Path) -> None:
    """Issue 14: quotation marks added round a linked title ('President of Russia, "Telephone ..."')
    misstate the footnote; the document is as the footnote prints it (Ibid followed)."""
    path = kb_dir / "section-1.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = "    section: summary\n    footnotes: [1]\n    document: '\"Flight diverted\", BBC News, 24 May 2021'"
    path.write_text(
        text.replace("    section: summary\n    tags: [repression]", quoted + "\n    tags: [repression]"), "utf-8"
    )
    assert run("validate", "--source", str(FIXTURE_SOURCE), data=kb_dir).exit_code == 0  # as printed: “…”
    added = quoted.replace('\'"Flight diverted", BBC News', '\'BBC News, "Flight diverted"')
    path.write_text(
        text.replace("    section: summary\n    tags: [repression]", added + "\n    tags: [repression]"), "utf-8"
    )
    result = run("validate", "--source", str(FIXTURE_SOURCE), data=kb_dir)
    assert result.exit_code == 2
    assert "lukashenko-purge › document: " in result.stderr and "is not as footnote 1 prints it" in result.stderr


def test_validate_asks_a_body_named_only_in_footnotes_to_list_them(run: Any, kb_dir: Path) -> None:
    """Issue 14 (eighth records audit): a publisher named only in footnotes listed none of them."""
    listed = '    section: "1"\n    footnotes: [1]\n'
    result = checked_against_source(run, kb_dir, "organisations.yaml", listed, '    section: "1"\n')
    assert result.exit_code == 2
    assert "bbc-news › footnotes: named only in footnotes, and footnote 1 names it: list it" in result.stderr


def test_sections_are_listed_in_the_contents_order_and_cited_at_their_pages(run: Any) -> None:
    from .conftest import REAL_DATA

    listed = json.loads(run("sections", "-f", "json", data=REAL_DATA).stdout)
    assert [r["section"] for r in listed] == ["summary", "1", "1.1", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3", "4"]
    cited = run("cite", "section-3-2", data=REAL_DATA)
    assert cited.exit_code == 0 and cited.stdout.rstrip().endswith("5 October 2021, section 3.2, pp 20–27")
    note = run("note", "section-3-3", data=REAL_DATA).stdout
    assert note.startswith("Section 3.3 (“Diplomatic measures”) covers the steps other than sanctions")
    chapter = run("cite", "section-2", data=REAL_DATA).stdout  # a chapter runs to where the next begins
    assert chapter.rstrip().endswith("section 2, pp 9–19")
    assert run("show", "3.2", data=REAL_DATA).stdout == run("show", "section-3-2", data=REAL_DATA).stdout
    exported = run("cite", "section-3-2", "-f", "bibtex", data=REAL_DATA)
    assert exported.stdout.startswith("@techreport{mills2021belarus,") and "no titled document" not in exported.output
    table = run("sections", data=REAL_DATA).stdout
    assert "20–27" in table and "An engineered migrant crisis?" in table
    none = run("sections")  # the fixture knowledge base has no section records
    assert none.exit_code == 1 and "no section records" in none.output


def test_the_briefing_itself_is_found_shown_and_cited_whole(run: Any, kb_dir: Path) -> None:
    from .conftest import REAL_DATA

    found = json.loads(run("search", "Belarus one year on Commons Library", "-f", "json", data=REAL_DATA).stdout)
    assert found[0]["id"] == "briefing"
    assert run("show", "briefing", data=REAL_DATA).exit_code == 0
    commons = run("cite", "briefing", data=REAL_DATA).stdout.strip()
    assert commons.endswith("House of Commons Library, 5 October 2021") and "section" not in commons
    oscola = run("cite", "briefing", "-s", "oscola", data=REAL_DATA).stdout.strip()
    assert oscola.endswith("(House of Commons Library 5 October 2021).")
    assert "In-text: (Mills, 2021)\n" in run("cite", "briefing", "-s", "harvard", data=REAL_DATA).stdout
    assert run("note", "briefing", data=REAL_DATA).stdout.startswith("House of Commons Library briefing by Claire")


def test_validate_checks_the_cover_images_credit_is_printed(run: Any, tmp_path: Path) -> None:
    import shutil

    from .conftest import REAL_DATA

    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    source = data / "source.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("p0013", "p0014"), encoding="utf-8")
    result = run("validate", "--source", data=data)
    assert result.exit_code == 2 and "briefing › image_credit: not found verbatim in the briefing" in result.output


def test_a_sections_card_gives_its_pages_and_what_it_holds(run: Any) -> None:
    from .conftest import REAL_DATA

    card = run("show", "section-3-2", data=REAL_DATA).stdout
    assert "pp 20–27" in card and re.search(r"records +\d+ events, ", card)
    chapter = " ".join(run("show", "2", data=REAL_DATA).stdout.split())
    assert "pages pp 9–19" in chapter and "in its own text; 2.1 and 2.2 hold their own" in chapter
