"""`belarus note`: a briefing-note block, each fact one sentence with a footnote citing it (issue 13),
as Markdown footnotes, HTML, and a Word document read back to count its real footnotes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from .conftest import REAL_DATA, Run, assert_clean

IDS = ["raab-pariah-status", "political-prisoners-722", "roman-protasevich", "fn-3"]
RAAB = "Locking up political opponents will only deepen the pariah status of the Lukashenko regime"


def test_markdown_gives_one_sentence_and_one_footnote_per_fact(run: Run) -> None:
    result = run("note", *IDS, data=REAL_DATA)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)] == [1, 2, 3, 4]
    assert [int(n) for n in re.findall(r"^\[\^(\d+)\]:", text, re.M)] == [1, 2, 3, 4]
    assert f"Dominic Raab said on 6 September 2021: “{RAAB}”.[^1]" in text  # verbatim, who and when
    assert "722: people held as political prisoners" in text
    assert "cited in Claire Mills" in text


def test_ids_can_come_from_standard_input(run: Run) -> None:
    piped = run("note", "-", data=REAL_DATA, input="raab-pariah-status\n\nfn-3\n")
    assert piped.exit_code == 0, piped.output
    assert piped.stdout == run("note", "raab-pariah-status", "fn-3", data=REAL_DATA).stdout
    empty = run("note", "-", data=REAL_DATA, input="\n")
    assert empty.exit_code == 2 and "no record ids" in empty.stderr
    assert_clean(empty)


def test_html_is_escaped_and_linked(run: Run) -> None:
    text = run("note", *IDS, "--format", "html", data=REAL_DATA).stdout
    assert text.count('<sup id="fnref') == 4 and text.count('<li id="fn') == 4
    assert "<script" not in text and "&lt;" not in text.replace("&lt;https", "")


def test_markdown_from_the_data_is_text_not_markup(run: Run, kb_dir: Path) -> None:
    path = kb_dir / "section-1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("text: purge", "text: '<img src=x onerror=alert(1)> *purge*'"), "utf-8"
    )
    text = run("note", "lukashenko-purge", data=kb_dir).stdout
    assert "\\<img src=x onerror=alert(1)\\> \\*purge\\*" in text


def test_docx_has_a_real_footnote_per_fact(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("pypandoc")
    out = tmp_path / "note.docx"
    result = run("note", *IDS, "--format", "docx", "--output", str(out), "--style", "oscola", data=REAL_DATA)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as docx:
        footnotes = docx.read("word/footnotes.xml").decode("utf-8")
        body = docx.read("word/document.xml").decode("utf-8")
    real = re.findall(
        r'<w:footnote (?:(?!w:type="separator"|w:type="continuationSeparator")[^>])*>(.*?)</w:footnote>',
        footnotes,
        re.S,
    )
    assert len(real) == len(IDS)
    assert all("cited in" in note or "Claire Mills" in note for note in real)
    assert body.count("<w:footnoteReference") == len(IDS)
    assert "pariah status" in body


def test_docx_read_back_by_pandoc(run: Run, tmp_path: Path) -> None:
    pypandoc = pytest.importorskip("pypandoc")
    out = tmp_path / "note.docx"
    assert run("note", *IDS, "-f", "docx", "-o", str(out), data=REAL_DATA).exit_code == 0
    back = pypandoc.convert_file(str(out), "markdown")
    assert len(re.findall(r"^\[\^\d+\]:", back, re.M)) == len(IDS)


def test_never_overwrites_without_force_and_docx_needs_a_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "note.md"
    out.write_text("mine", encoding="utf-8")
    refused = run("note", "fn-1", "-o", str(out))
    assert refused.exit_code == 2 and "--force" in refused.stderr and out.read_text(encoding="utf-8") == "mine"
    assert run("note", "fn-1", "-o", str(out), "--force").exit_code == 0 and out.read_text(encoding="utf-8") != "mine"
    no_file = run("note", "fn-1", "--format", "docx")
    assert no_file.exit_code == 2 and "--output" in no_file.stderr


def test_docx_shows_control_and_bidi_characters_as_the_screen_does(run: Run, kb_dir: Path, tmp_path: Path) -> None:
    """Issue 16 battery (F5): the Word document kept U+202E raw (Word then reversed the text after it)
    and dropped ESC silently; every other format shows them as \\u202e and \\u001b."""
    pytest.importorskip("pypandoc")
    path = kb_dir / "section-1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("text: purge", 'text: "pu\\u202erge \\e[31mred"'), "utf-8")
    out = tmp_path / "note.docx"
    assert run("note", "lukashenko-purge", "-f", "docx", "-o", str(out), data=kb_dir).exit_code == 0
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "\u202e" not in body and "\x1b" not in body
    assert "\\u202e" in body and "\\u001b" in body


def test_docx_on_a_full_disk_is_exit_74_in_one_line(run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 16 battery (F14): pandoc's 'No space left on device' was an internal error (exit 70) with
    its GHC backtrace."""
    pypandoc = pytest.importorskip("pypandoc")

    def full(*args: object, **kwargs: object) -> None:
        raise RuntimeError(
            'Pandoc died with exitcode "1" during conversion: pandoc: x.docx: withBinaryFile: '
            "resource exhausted (No space left on device)\nHasCallStack backtrace:\n  collectBacktraces"
        )

    monkeypatch.setattr(pypandoc, "convert_text", full)
    out = tmp_path / "note.docx"
    result = run("note", "raab-pariah-status", "-f", "docx", "-o", str(out), data=REAL_DATA)
    assert result.exit_code == 74 and "No space left on device" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()


def test_a_fragment_that_would_mislead_alone_is_given_in_the_briefing_s_own_clause(run: Run) -> None:
    """A fresh user's check: "Alexandr Lukashenko said on by 1 September 2021: “deprive his country of
    sovereignty”" turned a denial into its opposite; the briefing says he "has suggested that deeper
    integration will not “deprive his country of sovereignty”"."""
    text = run("note", "lukashenko-not-deprive-sovereignty", data=REAL_DATA).stdout
    assert (
        "As the briefing reports: Lukashenko has suggested that deeper integration will not “deprive his country "
        "of sovereignty” (by 1 September 2021).[^1]"
    ) in text


def test_every_quote_s_sentence_reads_as_english(run: Run) -> None:
    """ "said on by 1 September 2021", "said in end of October 2020" and "protests.”." were printed; a
    qualified date now goes in brackets, and a quote ending in a full stop gets no second one."""
    from belarus_cli.cite.note import fact
    from belarus_cli.kb.store import load

    kb = load(REAL_DATA)
    sentences = [fact(kb, quote) for quote in kb.of_kind("quotes")]
    assert len(sentences) > 70
    for sentence in sentences:
        assert not re.search(r"\b(on|in) (by|before|after|end|early|mid|late|beginning|latter|as of|since)\b", sentence)
        assert not re.search(r"[.?!]”\.$", sentence), sentence
    assert any(s.startswith("Several members of the UN Security Council said on 26 May 2021: “") for s in sentences)
