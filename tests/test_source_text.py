from __future__ import annotations

from belarus_cli.kb.briefing_text import SourceText, undo_layout

SECTIONS = [
    {"number": "summary", "title": "Summary"},
    {"number": "1", "title": "Background"},
    {"number": "2", "title": "Sanctions"},
]
TEXT = """Contents

Summary\t4
1 Background\t6

Summary

A [“linked quote”](#) costs US\\$1.5 billion.

1 Background

NATO said the act endangered the lives of the

¹ A footnote that interrupts the page, citing “a phrase”

passengers and crew.¹

2

Sanctions

More text.
"""


def source() -> SourceText:
    return SourceText(TEXT, SECTIONS)


def test_undo_layout() -> None:
    assert undo_layout("[“x”](#) and \\$2 and *ibid*") == "“x” and $2 and ibid"


def test_headings_found_after_contents() -> None:
    assert [number for _, number in source().headings] == ["summary", "1", "2"]


def test_quote_across_a_footnote_block_is_found() -> None:
    location = source().locate("endangered the lives of the passengers and crew")
    assert location is not None and location.section == "1" and location.line == 12


def test_quote_inside_link_and_dollar() -> None:
    location = source().locate("“linked quote” costs US$1.5 billion")
    assert location is not None and location.section == "summary"


def test_quote_in_footnote_names_it() -> None:
    location = source().locate("a phrase")
    assert location is not None and location.in_footnote == 1


def test_missing_quote() -> None:
    assert source().locate("not in the text") is None
    assert source().locate("   ") is None


def test_section_text_excludes_footnotes() -> None:
    assert "interrupts" not in source().section_text("1")
    assert "passengers and crew." in source().section_text("1")
