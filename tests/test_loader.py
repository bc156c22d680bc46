"""Every kind of bad data gets its own one-line message with file, line and record id."""

from __future__ import annotations

from pathlib import Path

import pytest

from belarus_cli.errors import DataError
from belarus_cli.kb.store import load

GOOD_EVENT = """\
events:
  - id: extra-event
    date: "2021-05"
    title: A title
    summary: A summary.
    section: "1"
"""


def problems(kb_dir: Path, name: str, content: str | bytes) -> list[str]:
    path = kb_dir / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(kb_dir)
    return caught.value.problems


def refuses(kb_dir: Path, content: str, message: str) -> bool:
    """Loading ``content`` as a data file fails, and one of the problems says ``message``."""
    return any(message in problem for problem in problems(kb_dir, "x.yaml", content))


def only(found: list[str]) -> str:
    assert len(found) == 1, found
    return found[0]


def test_fixture_knowledge_base_loads(kb_dir: Path) -> None:
    kb = load(kb_dir)
    assert kb.get("roman-protasevich") is not None
    footnote = kb.footnote(2)
    assert footnote is not None and footnote.get("ibid") == 1
    assert {r.kind for r in kb} == {
        "source",
        "footnotes",
        "people",
        "organisations",
        "events",
        "figures",
        "quotes",
        "series",
    }


def test_good_extra_file_loads(kb_dir: Path) -> None:
    (kb_dir / "extra.yaml").write_text(GOOD_EVENT, encoding="utf-8")
    assert load(kb_dir).get("extra-event") is not None


def test_syntax_error_names_line_and_column(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "bad.yaml", "events:\n  - id: x\n    title: a: b\n"))
    assert message.endswith(
        "bad.yaml:3 › YAML syntax error (column 13): mapping values are not allowed in this context"
    )
    message = only(problems(kb_dir, "bad.yaml", "events:\n  - id: x\n    title: [unclosed\n"))
    assert message.endswith("bad.yaml:4 › YAML syntax error (column 1): did not find expected ',' or ']'")


def test_repeated_key_is_refused_with_both_lines(kb_dir: Path) -> None:
    text = GOOD_EVENT + "    title: Another title\n"
    message = only(problems(kb_dir, "dup.yaml", text))
    assert "dup.yaml:7" in message
    assert "extra-event" in message
    assert "key 'title' repeated (first on line 4)" in message


def test_unknown_field(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT + "    colour: red\n"))
    assert "x.yaml:7 › extra-event › colour: unknown field for an event" in message


def test_unknown_kind(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", "sanctionz:\n  - id: a\n"))
    assert "x.yaml:1 › sanctionz: unknown kind" in message


def test_missing_required_field(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT.replace("    summary: A summary.\n", "")))
    assert "x.yaml:2 › extra-event › missing required field 'summary'" in message


def test_wrong_type(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT + "    tags: ryanair\n"))
    assert "x.yaml:7 › extra-event › tags: expected a list of text, found text" in message


def test_unquoted_date_and_number_value(kb_dir: Path) -> None:
    found = problems(kb_dir, "x.yaml", GOOD_EVENT.replace('"2021-05"', "2021"))
    assert "extra-event › date: expected a quoted date" in only(found)


@pytest.mark.parametrize(
    ("date", "reason"),
    [("2021-13", "no month 13"), ("2021-02-30", "not a day of February 2021"), ("May 2021", "is not a date")],
)
def test_malformed_and_impossible_dates(kb_dir: Path, date: str, reason: str) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT.replace("2021-05", date)))
    assert "x.yaml:3 › extra-event › date:" in message
    assert reason in message


def test_duplicate_id_across_files(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT.replace("extra-event", "ryanair-forced-landing")))
    assert "x.yaml:2 › ryanair-forced-landing › id: duplicate id (first in" in message
    assert "section-1.yaml:2" in message


def test_dangling_reference(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT + "    people: [nobody-here]\n"))
    assert "x.yaml:7 › extra-event › people: no person has the id 'nobody-here'" in message


def test_reference_to_wrong_kind(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT + "    people: [ryanair]\n"))
    assert "'ryanair' is a organisation, not a person" in message


def test_unknown_footnote_and_section(kb_dir: Path) -> None:
    found = problems(kb_dir, "x.yaml", GOOD_EVENT.replace('section: "1"', 'section: "9.9"') + "    footnotes: [77]\n")
    assert any("extra-event › section: no section '9.9' in the source" in p for p in found)
    assert any("extra-event › footnotes: no footnote 77" in p for p in found)


def test_invalid_id(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "x.yaml", GOOD_EVENT.replace("extra-event", "Extra Event")))
    assert "x.yaml:2 › id: 'Extra Event' is not a valid id" in message


def test_not_utf8(kb_dir: Path) -> None:
    message = only(problems(kb_dir, "latin1.yaml", GOOD_EVENT.replace("A title", "Caf\xe9").encode("latin-1")))
    assert "latin1.yaml:4 › not UTF-8 (byte 0xe9)" in message


def test_empty_file(kb_dir: Path) -> None:
    assert "empty.yaml › file is empty" in only(problems(kb_dir, "empty.yaml", ""))


def test_python_tag_is_refused_and_never_run(kb_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"events:\n  - !!python/object/apply:os.system ['touch {marker}']\n"
    message = only(problems(kb_dir, "evil.yaml", text))
    assert "evil.yaml:2 › YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in message
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(kb_dir: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    found = problems(kb_dir, "bomb.yaml", "\n".join(lines) + "\n")
    assert any("anchors and aliases (&name, *name) are not allowed" in p for p in found)


def test_every_problem_is_reported_at_once(kb_dir: Path) -> None:
    text = GOOD_EVENT + "    colour: red\n" + GOOD_EVENT.replace("events:\n", "").replace("extra-event", "second")
    text = text.replace('date: "2021-05"\n    title: A title\n    summary: A summary.\n    section: "1"\n-', "-")
    (kb_dir / "many.yaml").write_text(text + "    people: [ghost]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(kb_dir)
    assert len(caught.value.problems) == 2


def test_quote_without_speaker_needs_a_note(kb_dir: Path) -> None:
    text = "quotes:\n  - id: anon\n    text: purge\n    section: summary\n"
    message = only(problems(kb_dir, "x.yaml", text))
    assert "x.yaml:2 › anon › a quote with no speaker needs a note" in message
    (kb_dir / "x.yaml").write_text(text + "    note: The briefing does not say who.\n", encoding="utf-8")
    assert load(kb_dir).get("anon") is not None


def test_file_over_the_size_limit_is_refused_before_reading(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from belarus_cli.kb import yaml_reader

    monkeypatch.setattr(yaml_reader, "MAX_FILE_BYTES", 1024 * 1024)
    (kb_dir / "huge.yaml").write_bytes(b"events: []\n" + b"#" * (1024 * 1024 + 10) + b"\n")
    message = only(problems(kb_dir, "huge.yaml", (kb_dir / "huge.yaml").read_bytes()))
    assert "huge.yaml › file is 1,048,598 bytes, over the 1 MiB limit" in message


def test_a_footnote_id_is_derived_never_written(kb_dir: Path) -> None:
    note = "footnotes:\n  - {number: 7, id: fn-9, section: '1', role: comment, text: T}\n"
    message = only(problems(kb_dir, "x.yaml", note))
    assert "x.yaml:2 › fn-7 › id: not written in the data: derived from the number (`fn-23`)" in message


def test_a_comment_after_a_plain_value_is_refused(kb_dir: Path) -> None:
    """Issue 14: 'the coalition behind #freeviasna' was read as 'the coalition behind' and a comment."""
    text = GOOD_EVENT.replace("title: A title", "title: the coalition behind #freeviasna")
    assert "title: the coalition behind #freeviasna" in text
    message = only(problems(kb_dir, "x.yaml", text))
    assert "'#freeviasna' after the plain value 'the coalition behind' is read as a comment" in message
    quoted = GOOD_EVENT.replace("title: A title", 'title: "the coalition behind #freeviasna"')
    (kb_dir / "x.yaml").write_text(quoted, encoding="utf-8")
    event = load(kb_dir).get("extra-event")
    assert event is not None and event.get("title") == "the coalition behind #freeviasna"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("010", "'010' would be read as the number 8"),
        ("1:30", "'1:30' would be read as the number 90"),
        ("0x1F", "'0x1F' would be read as the number 31"),
        ("1_000", "'1_000' would be read as the number 1000"),
        (".nan", "'.nan' is not a plain decimal number"),
        ("-.inf", "'-.inf' is not a plain decimal number"),
        ("9" * 5000, "a number of 5000 digits is not data"),
        ("1.0e+400", "'1.0e+400' is too large to be a number"),  # issue 16 battery, F7: it became inf
    ],
)
def test_yaml_11_numbers_that_change_meaning_are_refused(kb_dir: Path, value: str, message: str) -> None:
    """Issue 14: `value: 010` was silently 8 and `1:30` 90."""
    figure = GOOD_EVENT.replace("events:", "figures:").replace(
        '    date: "2021-05"\n    title: A title\n    summary: A summary.\n',
        f"    value: {value}\n    value_text: '8'\n    unit: people\n    counts: people\n",
    )
    assert refuses(kb_dir, figure, message)


def test_a_refused_number_is_one_problem_naming_its_field(kb_dir: Path) -> None:
    """Issue 16 battery (remarks): '010' was reported without its field, then again as "missing required
    field 'value'" although the field is there."""
    figure = GOOD_EVENT.replace("events:", "figures:").replace(
        '    date: "2021-05"\n    title: A title\n    summary: A summary.\n',
        "    value: 010\n    value_text: '8'\n    unit: people\n    counts: people\n",
    )
    assert "› value: '010' would be read as the number 8" in only(problems(kb_dir, "x.yaml", figure))


def test_yes_and_no_are_not_booleans(kb_dir: Path) -> None:
    quote = "quotes:\n  - {id: q, text: purge, speaker: alexandr-lukashenko, section: '1', block: yes}\n"
    assert refuses(kb_dir, quote, "'yes' would be read as true: write true or false")


def test_dates_and_ids_take_ascii_digits_and_no_final_newline(kb_dir: Path) -> None:
    wide = GOOD_EVENT.replace('date: "2021-05"', 'date: "２０２１-05"')
    assert refuses(kb_dir, wide, "is not a date")
    newline = GOOD_EVENT.replace('date: "2021-05"', 'date: "2021-05\\n"')
    assert refuses(kb_dir, newline, "is not a date")
    trailing = GOOD_EVENT.replace("id: extra-event", 'id: "extra-event\\n"')
    assert refuses(kb_dir, trailing, "is not a valid id")


def test_an_end_before_the_start_is_refused(kb_dir: Path) -> None:
    text = GOOD_EVENT.replace('date: "2021-05"', 'date: "2021-05"\n    date_end: "2021-04"')
    assert refuses(kb_dir, text, "ends (2021-04) before it begins (2021-05)")


def test_series_values_must_match_the_periods(kb_dir: Path) -> None:
    series = (
        "series:\n  - id: s\n    title: T\n    periods: ['2019', '2020', '2021']\n"
        "    rows: [{label: L, unit: USD, values: [1, 2, 3, 4, 5]}]\n    source_line: S\n    section: '1'\n"
    )
    assert refuses(kb_dir, series, "row 1 has 5 values for 3 periods")


def test_ibid_must_end_in_a_source_without_a_loop(kb_dir: Path) -> None:
    looped = (
        "footnotes:\n  - {number: 40, section: '1', role: source, text: Ibid, ibid: 41}\n"
        "  - {number: 41, section: '1', role: source, text: Ibid, ibid: 40}\n"
    )
    assert refuses(kb_dir, looped, "Ibid loops: 40 -> 41 -> 40")


def test_a_quote_has_one_speaker_or_several_not_both(kb_dir: Path) -> None:
    quote = (
        "quotes:\n  - {id: q, text: purge, speaker: alexandr-lukashenko, "
        "speakers: [alexandr-lukashenko, roman-protasevich], section: '1'}\n"
    )
    assert refuses(kb_dir, quote, "give one speaker or several speakers, not both")


def test_also_in_names_other_known_sections(kb_dir: Path) -> None:
    unknown = GOOD_EVENT.replace('    section: "1"\n', '    section: "1"\n    also_in: ["9.9"]\n')
    assert refuses(kb_dir, unknown, "also_in: no section '9.9'")
    own = GOOD_EVENT.replace('    section: "1"\n', '    section: "1"\n    also_in: ["1"]\n')
    assert refuses(kb_dir, own, "is the record's own section already")


def test_a_source_part_that_is_not_text_is_refused(kb_dir: Path) -> None:
    """Issue 16: `author: {first: a}` passed validation and was printed as a Python dict; a 990-deep
    list in a source field crashed `show`."""
    base = 'footnotes:\n  - number: 50\n    section: "1"\n    text: T\n    role: source\n    sources:\n'
    assert refuses(kb_dir, base + "      - {title: T, author: {first: a}}\n", "author: expected text, found a mapping")
    deep = "[" * 990 + "]" * 990
    assert refuses(kb_dir, base + f"      - {{title: {deep}}}\n", "title: expected text")


def test_every_problem_of_a_footnote_source_is_reported_at_once(kb_dir: Path) -> None:
    """Issue 16 battery (F18): a source with a bad author, title and date reported only the first, so
    each fix revealed the next, one run of validate at a time."""
    content = (
        'footnotes:\n  - number: 50\n    section: "1"\n    text: T\n    role: source\n    sources:\n'
        '      - {author: 5, title: [x], date: "2021-02-30", colour: red}\n'
    )
    found = [p for p in problems(kb_dir, "x.yaml", content) if "sources" in p]
    assert len(found) == 4, found
    assert any("entry 1: author: expected text, found the number 5" in p for p in found)
    assert any("entry 1: title: expected text, found a list" in p for p in found)
    assert any("entry 1: date:" in p for p in found)
    assert any("entry 1: unknown field 'colour'" in p for p in found)
    assert all("\n" not in p for p in found)


def test_a_raw_control_character_is_reported_by_line_and_column(kb_dir: Path) -> None:
    """Issue 16 battery: the error gave 'position N' in a multi-line message, not a line."""
    found = problems(kb_dir, "x.yaml", 'people:\n  - id: x\n    name: "a\x07b"\n')
    assert any("x.yaml:3" in p and "character U+0007 is not allowed" in p and "\n" not in p for p in found), found


def test_a_section_record_is_the_contents_lists_section(kb_dir: Path) -> None:
    """Its id is made from its number and its title is the one the contents list gives: a record of
    section 2.1 under another title would cite pages that say something else."""
    good = "sections:\n  - {id: section-2, section: '2', title: Sanctions, summary: The sanctions imposed.}\n"
    (kb_dir / "good.yaml").write_text(good, encoding="utf-8")
    assert load(kb_dir).get("section-2") is not None
    (kb_dir / "good.yaml").unlink()
    retitled = good.replace("title: Sanctions", "title: Diplomacy").replace("id: section-2", "id: section-3")
    found = problems(kb_dir, "x.yaml", retitled)
    assert any("section-3 › id: the record of section '2' must have the id 'section-2'" in p for p in found), found
    assert any("title: the contents list titles section '2' 'Sanctions'" in p for p in found), found
