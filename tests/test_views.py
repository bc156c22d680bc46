"""show, chart, info, list filters and terminal manners."""

from __future__ import annotations

import csv
import io
import json
import shutil
from typing import Any

import pytest


def test_show_links_both_ways_and_cites(run: Any) -> None:
    card = json.loads(run("show", "roman-protasevich", "-f", "json").stdout)
    assert card["name"] == "Roman Protasevich"
    assert {"kind": "event", "id": "ryanair-forced-landing", "label": "Ryanair flight forced to land in Minsk"} in card[
        "linked_from"
    ]
    assert card["sources"] == [{"footnote": 1, "source": "“Flight diverted”, BBC News, 24 May 2021"}]
    assert "cited in Test Author, “Test briefing”" in card["citation"]
    event = json.loads(run("show", "ryanair-forced-landing", "-f", "json").stdout)
    assert [link["id"] for link in event["links"]] == ["roman-protasevich", "ryanair"]


def test_show_table_has_every_field(run: Any) -> None:
    out = run("show", "detained-35000").stdout
    for text in ["figure", "35,000", "more than", "people detained since the election", "citation"]:
        assert text in out


def test_show_unknown_id_suggests(run: Any) -> None:
    result = run("show", "roman-protasevic")
    assert result.exit_code == 1
    assert "no record with id 'roman-protasevic'" in result.stderr
    assert "did you mean: roman-protasevich" in result.stderr


def test_chart_lists_and_draws(run: Any) -> None:
    assert "exports" in run("chart").stdout
    out = run("chart", "exports").stdout.splitlines()
    assert out[0] == "Exports, 2019-2020"
    bars = [line for line in out if line.strip().startswith(("2019", "2020"))]
    assert bars[0].count("#") == 50 and bars[1].count("#") == round(50 * 814 / 2306)
    source = out.index("Source: IMF")
    assert out[source + 1] == "Note: The prose gives 2.6 billion for 2019."  # the inconsistency, beside it
    assert out[source + 2].startswith("In: ") and "section 2" in " ".join(out[source + 2 :])
    assert run("chart", "election-day").exit_code == 2


def test_info(run: Any) -> None:
    rows = {r["field"]: r["value"] for r in json.loads(run("info", "-f", "json").stdout)}
    assert rows["title"] == "Test briefing" and rows["events"] == "3" and rows["footnotes"] == "2"
    assert rows["data directory"].endswith("kb")


def test_quotes_by_any_spelling(run: Any) -> None:
    for who in ["alexandr-lukashenko", "Lukashenka", "Лукашенко"]:
        assert [q["id"] for q in json.loads(run("quotes", "--by", who, "-f", "json").stdout)] == ["lukashenko-purge"]


def test_timeline_person_and_org_filters(run: Any) -> None:
    by_person = json.loads(run("timeline", "--person", "Pratasevich", "-f", "json").stdout)
    assert [e["id"] for e in by_person] == ["ryanair-forced-landing"]
    assert [e["id"] for e in json.loads(run("timeline", "--org", "ryanair", "-f", "json").stdout)] == [
        "ryanair-forced-landing"
    ]
    assert run("timeline", "--person", "qqqqzzzz").exit_code == 1


def test_timeline_table_grouped_by_year(run: Any) -> None:
    lines = run("timeline").stdout.splitlines()
    assert lines[1].startswith("2020") and "9 Aug 2020" in lines[1]
    assert "" in [line.strip() for line in lines]  # a blank line between years when plain
    assert any(line.startswith("2021") for line in lines)


def test_filters_on_lists(run: Any) -> None:
    assert json.loads(run("organisations", "--category", "media", "-f", "json").stdout)[0]["id"] == "bbc-news"
    assert json.loads(run("footnotes", "--section", "2", "-f", "json").stdout)[0]["number"] == 2
    assert run("figures", "--tag", "nope").exit_code == 2  # no record has the tag: a usage error


def test_no_box_drawing_or_colour_when_piped(run: Any) -> None:
    out = run("people").stdout
    assert "\x1b[" not in out
    assert not set("─━│┃┏┓") & set(out)


def test_completion_offers_ids_tags_and_names(monkeypatch: Any) -> None:
    from belarus_cli.cli import options

    from .conftest import FIXTURE_KB

    monkeypatch.setenv("BELARUS_DATA", str(FIXTURE_KB))
    assert sorted(options.complete_ids("ryan")) == ["ryanair", "ryanair-forced-landing"]
    assert options.complete_tags("avi") == ["aviation"]
    assert options.complete_of_kind("people")("Rom") == ["roman-protasevich", "Roman Protasevich"]
    assert options.complete_of_kind("organisations")("BBC") == ["bbc-news", "BBC News"]


def test_matched_words_are_emphasised_on_a_colour_terminal_only() -> None:
    import io

    from belarus_cli.output.renderers import Format, emit
    from belarus_cli.output.terminal import Terminal
    from belarus_cli.output.view import Column, View

    view = View([Column("m", str, highlight=lambda row: ["forced", "LAND"])], ["plane forced to land"])
    colour = io.StringIO()
    emit(view, Format.table, Terminal(plain=False, width=80), colour)
    assert "\x1b[1mforced\x1b[0m to \x1b[1mland\x1b[0m" in colour.getvalue()
    plain = io.StringIO()
    emit(view, Format.table, Terminal(plain=True, width=80), plain)
    assert plain.getvalue() == "m\nplane forced to land\n"


def test_80_columns_keep_every_id_whole_and_every_title() -> None:
    """Ids as long as the shipped ones (55 characters) beside a date: on an 80-column terminal, plain or
    colour, no line is wider than 80, each id is whole and each title is all there (stacked if need be)."""
    import io
    import re

    from belarus_cli.output.renderers import Format, emit
    from belarus_cli.output.terminal import Terminal
    from belarus_cli.output.view import Column, View

    rows = [
        (
            "royal-marines-42-commando-cold-weather-exercise-belarus",
            "latter half of 2020",
            "42 Commando trains with Belarusian troops in Belarus",
        ),
        ("tut-by-closed", "2021", "Independent news platform tut.by shut down"),
    ]
    view = View(
        [
            Column("date", lambda r: r[1], no_wrap=True),
            Column("id", lambda r: r[0], no_wrap=True),
            Column("event", lambda r: r[2], ratio=1),
        ],
        rows,
    )
    for plain in (True, False):
        out = io.StringIO()
        emit(view, Format.table, Terminal(plain=plain, width=80), out)
        text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
        assert max(len(line) for line in text.splitlines()) <= 80
        flat = " ".join(text.split())
        for record_id, _, title in rows:
            assert record_id in text.split()
            assert title in flat


def test_tables_squeeze_text_columns_before_stacking() -> None:
    from belarus_cli.output.text_table import render
    from belarus_cli.output.view import Column

    columns = [
        Column("id", str, no_wrap=True),
        Column("value", str),
        Column("counts", str, ratio=1),
        Column("as at", str),
    ]
    rows = [["a-rather-long-figure-id-of-forty-characters", "nearly half", "Russia's share of trade", "2019"]]
    text = render(columns, rows, width=80)
    assert text.splitlines()[0].split() == ["id", "value", "counts", "as", "at"]  # one header line: not stacked
    assert max(len(line) for line in text.splitlines()) <= 80


def test_search_at_80_columns_leads_with_the_fact_its_date_and_source(run: Any, monkeypatch: Any) -> None:
    """Issue 15: the id took 44 of 80 columns and ten results 71 lines. Now the fact leads across the
    width, and a line under it gives the kind, date and short source, with the id whole and last."""
    from .conftest import REAL_DATA

    monkeypatch.setenv("COLUMNS", "80")
    result = run("search", "Protasevich", "--format", "plain", data=REAL_DATA)
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Roman Protasevich", "  person · fn 15: BBC News  roman-protasevich"]
    assert max(len(line) for line in lines) <= 80
    hits = json.loads(run("search", "Protasevich", "--format", "json", data=REAL_DATA).stdout)
    assert len(lines) <= 2.7 * len(hits)  # ten results in about 25 lines, what a terminal shows at once
    words = result.stdout.split()
    for hit in hits:
        assert hit["id"] in words  # whole: last on its detail line, or on a line of its own
    for query in ("sanctions", "how many political prisoners", "Лукашенко", "Russia gas"):
        shown = run("search", query, "--format", "plain", data=REAL_DATA).stdout.splitlines()
        assert len(shown) <= 30, query
    assert "fn 15: BBC News" in result.stdout  # where the person's record comes from
    quoted = run("search", "attack on media freedom", "--format", "plain", data=REAL_DATA).stdout
    assert "G7 and European Union: “a serious attack on" in quoted  # a quote with who said it


def test_a_source_is_cut_only_as_far_as_its_line_needs() -> None:
    """Under the fact the source has the rest of the detail line: "fn 11: Viasna Human…" at 130
    columns left half the line empty. In a column of its own it keeps to ``cut_to``."""
    from belarus_cli.output.text_table import render
    from belarus_cli.output.view import Column

    columns = [
        Column("result", str, ratio=1, primary=True, dim_last_line=True),
        Column("kind", str),
        Column("source", str, cut_to=24),
    ]
    source = "fn 11: Viasna Human Rights Center, Correct as of 5 October 2021"
    rows = [["722: people held as political prisoners\npolitical-prisoners-722", "figure", source]]
    wide = render(columns, rows, width=130).splitlines()
    assert wide[1] == f"  figure · {source}  political-prisoners-722"
    narrow = render(columns, rows, width=80).splitlines()
    assert narrow[1].startswith("  figure · fn 11: Viasna Human Rights") and narrow[1].endswith(
        "…  political-prisoners-722"
    )
    assert len(narrow) == 2 and max(len(line) for line in narrow) <= 80  # the id still ends the line
    tight = render(columns, rows, width=50).splitlines()
    assert "fn 11: Viasna Human…" in "\n".join(tight)  # never cut below its length in a column
    in_columns = render([Column("id", str, no_wrap=True), *columns[1:]], [["x", "figure", source]], width=130)
    assert in_columns.splitlines()[1].split("  ")[-1] == "fn 11: Viasna Human…"


def test_lists_and_the_timeline_say_where_each_fact_comes_from(run: Any) -> None:
    from .conftest import REAL_DATA

    for command in (["timeline"], ["figures"], ["quotes"]):
        table = run(*command, "--format", "plain", data=REAL_DATA).stdout
        assert table.splitlines()[0].split()[-1] == "source", command
        rows = list(csv.reader(io.StringIO(run(*command, "--format", "csv", data=REAL_DATA).stdout)))
        assert "id" in rows[0] and rows[0][-2:] == ["source", "citation"], command  # the id column kept
        assert any(row[-2].startswith("fn ") for row in rows[1:]), command
        assert all("House of Commons Library, 5 October 2021" in row[-1] for row in rows[1:]), command
    found = list(csv.reader(io.StringIO(run("search", "Protasevich", "-f", "csv", data=REAL_DATA).stdout)))
    assert found[0][-2:] == ["source", "citation"] and "cited in Claire Mills" in found[1][-1]
    markdown = run("quotes", "--by", "Raab", "-f", "markdown", data=REAL_DATA).stdout
    assert markdown.splitlines()[0].endswith("| source | citation |")


def test_a_name_opens_the_record_where_an_id_is_expected(run: Any, kb_dir: Any) -> None:
    """Issue 15: 'belarus show protasevich' said "no record with id"; a name, family name or any
    spelling now opens the one person it names, and lists the candidates when it names several."""
    assert json.loads(run("show", "protasevich", "-f", "json").stdout)["id"] == "roman-protasevich"
    assert json.loads(run("show", "Лукашенко", "-f", "json").stdout)["id"] == "alexandr-lukashenko"
    assert run("cite", "lukashenka").exit_code == 0  # cite and note take names too
    path = kb_dir / "people.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[Lukashenka, Лукашенко]", "[Lukashenka, Лукашенко, Protasevich]"), "utf-8")
    result = run("show", "protasevich", data=kb_dir)
    assert result.exit_code == 1
    assert "'protasevich' names 2 records: roman-protasevich (Roman Protasevich); alexandr-lukashenko" in result.stderr


def test_quotes_come_in_the_order_they_were_made_and_lists_sort_as_asked(run: Any) -> None:
    """Issue 15: quotes --by Raab listed 2021 before 2020."""
    from .conftest import REAL_DATA

    quotes = json.loads(run("quotes", "--by", "Raab", "-f", "json", data=REAL_DATA).stdout)
    dates = [q["date"] for q in quotes]
    assert len(dates) > 3 and dates == sorted(dates)
    names = [p["name"] for p in json.loads(run("people", "--sort", "name", "-f", "json", data=REAL_DATA).stdout)]
    assert names == sorted(names, key=str.casefold)
    # A figure by what it counts (issue 16 battery, F2: it sorted by the printed number, "1,080" first).
    counts = [f["counts"] for f in json.loads(run("figures", "--sort", "name", "-f", "json", data=REAL_DATA).stdout)]
    assert len(counts) > 50 and counts == sorted(counts, key=str.casefold)
    briefing = [p["id"] for p in json.loads(run("people", "-f", "json", data=REAL_DATA).stdout)]
    assert briefing[0] == "alexandr-lukashenko"  # as the briefing introduces them: the Summary first
    assert run("quotes", "--sort", "size").exit_code == 2


def test_a_chart_exports_its_numbers(run: Any) -> None:
    """Issue 15: chart --format csv|json|markdown gives the series' data, as printed in the briefing."""
    from .conftest import REAL_DATA

    series = "belarus-exports-to-uk-2016-2020"
    rows = list(csv.reader(io.StringIO(run("chart", series, "-f", "csv", data=REAL_DATA).stdout)))
    assert rows[0] == ["period", "$ millions (USD million)", "% total (per cent)"]
    assert rows[4] == ["2019", "2306", "7.2"]
    document = json.loads(run("chart", series, "-f", "json", data=REAL_DATA).stdout)
    assert document["source_line"] == "Source: IMF, Direction of Trade Statistics" and document["citation"]
    assert "| 2020 | 814 | 2.9 |" in run("chart", series, "-f", "markdown", data=REAL_DATA).stdout
    assert "#" in run("chart", series, "-f", "plain", data=REAL_DATA).stdout  # the bars, as before


def test_completion_gives_the_shell_one_safe_word_from_any_spelling(monkeypatch: Any, kb_dir: Any) -> None:
    """Issue 15: --person Dom<TAB> inserted `Dominic Raab` unquoted in bash and the command failed;
    --person tikh<TAB> found nothing. Issue 16: a name holding ESC or a newline reached the shell raw."""
    from belarus_cli.cli import options

    monkeypatch.setenv("BELARUS_DATA", str(kb_dir))
    path = kb_dir / "people.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[Lukashenka, Лукашенко]", '[Lukashenka, Лукашенко, "Luka\\u001b[31m"]'), "utf-8")
    complete = options.complete_of_kind("people")
    assert complete("lukashenka") == ["lukashenka"]  # an alias, completed in the case typed
    assert complete("Лук") == ["Лукашенко"]
    assert all("\x1b" not in value for value in complete("Luka"))
    monkeypatch.setenv("_BELARUS_COMPLETE", "complete_bash")
    assert complete("Rom") == ["roman-protasevich", "Roman\\ Protasevich"]  # one shell word, as typed
    monkeypatch.setenv("_BELARUS_COMPLETE", "complete_zsh")
    assert complete("Rom")[1] == "Roman Protasevich"  # zsh and fish quote their own
    # quotes --by names a person or a body: it completes names of both (issue 16 battery, F3: ids only).
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_BELARUS_COMPLETE": "complete_bash",
        "COMP_WORDS": "belarus quotes --by Rom",
        "COMP_CWORD": "3",
    }
    offered = subprocess.run([sys.executable, "-m", "belarus_cli"], env=env, capture_output=True, text=True).stdout
    assert "Roman\\ Protasevich" in offered.splitlines()


AWKWARD_NAME = """Ann "Nan" O'Brien: $HOME `id` back\\slash"""  # each character zsh quoting treats specially


def _zsh_candidates(kb_dir: Any, typed: str) -> str:
    """What belarus prints when zsh asks for candidates for ``typed`` (a name with every awkward
    character added to the fixture's people)."""
    import os
    import subprocess
    import sys

    path = kb_dir / "people.yaml"
    text = path.read_text(encoding="utf-8")
    added = f"[Lukashenka, Лукашенко, {json.dumps(AWKWARD_NAME)}]"
    path.write_text(text.replace("[Lukashenka, Лукашенко]", added), "utf-8")
    env = {**os.environ, "BELARUS_DATA": str(kb_dir), "_BELARUS_COMPLETE": "complete_zsh"}
    env["_TYPER_COMPLETE_ARGS"] = typed
    return subprocess.run([sys.executable, "-m", "belarus_cli"], env=env, capture_output=True, text=True).stdout


@pytest.mark.parametrize("shell", ["zsh", "bash"])
def test_zsh_completion_keeps_every_character_of_a_name(kb_dir: Any, shell: str) -> None:
    """Issue 12: Typer doubled a ' for zsh, which zsh reads as closing and reopening its quotes, so
    "Michael O'Leary" was offered as "Michael OLeary". Evaluated as zsh's completion function and
    _arguments do (``eval $(...)``, then ``eval ws=( ... )`` over the ((...)) list), in zsh, and in bash,
    whose quoting rules for these characters are the same POSIX ones, the candidate is the name exactly,
    its colon escaped for _describe (a bare one would end the value)."""
    import subprocess

    if not shutil.which(shell):
        pytest.skip(f"{shell} is not installed")
    offered = _zsh_candidates(kb_dir, "belarus timeline --person Ann")
    read_back = """_arguments() { a=${1#'*: :(('}; a=${a%'))'}; eval "ws=( $a )"; printf '%s\\n' "${ws[@]}"; }
    eval $OFFERED"""
    words = subprocess.run([shell, "-c", read_back], env={"OFFERED": offered}, capture_output=True, text=True).stdout
    assert words.splitlines() == [AWKWARD_NAME.replace(":", "\\:")]


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed")
def test_zsh_itself_completes_a_name_with_an_apostrophe(tmp_path: Any) -> None:
    """Issue 12, in zsh itself: an interactive zsh (driven through its zpty module) with belarus's
    completion loaded turns --person Michael\\ O\\'<TAB> into the whole name, which it did not."""
    import os
    import subprocess
    import sys

    script = tmp_path / "drive.zsh"
    buffer = tmp_path / "buffer"
    script.write_text(
        "zmodload zsh/zpty\n"
        "zpty -b z zsh -f -i\n"
        "zpty -w z 'PS1=\"> \"; autoload -U compinit; compinit -u -D'\n"
        "zpty -w z 'eval \"$(_BELARUS_COMPLETE=source_zsh belarus)\"'\n"
        f'zpty -w z \'show() {{ print -r -- "[$BUFFER]" >| {buffer} }}; zle -N show; bindkey "^X" show\'\n'
        "sleep 1\n"
        "zpty -w -n z $'belarus timeline --person Michael\\\\ O\\\\\\'\\t'\n"
        "sleep 4\n"
        "zpty -w -n z $'\\x18'\n"
        "sleep 1\n"
        "zpty -d z\n",
        "utf-8",
    )
    command = tmp_path / "bin" / "belarus"  # this checkout's belarus, whatever is installed
    command.parent.mkdir()
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m belarus_cli "$@"\n', "utf-8")
    command.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "BELARUS_DATA"}
    env["PATH"] = f"{command.parent}{os.pathsep}{env.get('PATH', '')}"
    subprocess.run(["zsh", "-f", str(script)], timeout=30, env=env)
    assert buffer.read_text(encoding="utf-8").strip() == "[belarus timeline --person Michael\\ O\\'Leary ]"


def test_columns_line_up_by_display_width_not_characters() -> None:
    """Issue 16: a Chinese name shifted the next column by its length."""
    from belarus_cli.output.text_table import display_width, render
    from belarus_cli.output.view import Column

    lines = render([Column("name", str), Column("x", str)], [["卢卡申科", "y"], ["Lukashenko", "y"]], width=80)
    first, second = lines.splitlines()[1:]
    assert display_width(first[: first.index("y")]) == display_width(second[: second.index("y")])


def test_a_pager_that_does_not_exist_loses_no_output(monkeypatch: Any, capsys: Any) -> None:
    """Issue 16 battery: --pager with a broken $PAGER lost all output and exited 0."""
    from belarus_cli.output.renderers import Format, emit
    from belarus_cli.output.terminal import Terminal
    from belarus_cli.output.view import Column, View

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("PAGER", "/no/such/pager")
    monkeypatch.delenv("MANPAGER", raising=False)
    out = Tty()
    emit(View([Column("m", str)], ["a fact"]), Format.plain, Terminal(plain=True, width=80), out, pager=True)
    assert "a fact" in out.getvalue()
    assert "pager '/no/such/pager' not found" in capsys.readouterr().err


def test_a_filter_never_puts_another_person_in_place_of_a_name_nobody_has(run: Any, kb_dir: Any) -> None:
    """Issue 16 battery (F1, F9): `timeline --person nobody` listed Lisa Nandy's events, `quotes --by
    nobody` Strategic Comments' quote (exit 0); a family name two people share said "no events match".
    Now a name nothing is like is exit 1 and names it; a shared name lists the records it names."""
    from .conftest import REAL_DATA

    for command in (
        ["timeline", "--person", "nobody"],
        ["quotes", "--by", "nobody"],
        ["timeline", "--org", "nonexistent body"],
    ):
        result = run(*command, data=REAL_DATA)
        assert result.exit_code == 1 and result.stdout == "", command
        assert "matches 'no" in result.stderr, command
    assert run("timeline", "--person", "Lukashenka", data=REAL_DATA).exit_code == 0  # another spelling
    assert run("quotes", "--by", "Dominik Rab", data=REAL_DATA).exit_code == 0  # a typo
    people = kb_dir / "people.yaml"
    people.write_text(
        people.read_text(encoding="utf-8")
        + "  - {id: olga-protasevich, name: Olga Protasevich, roles: [test], aliases: [Protasevich], section: '1'}\n",
        encoding="utf-8",
    )
    shared = run("timeline", "--person", "Protasevich", data=kb_dir)
    assert shared.exit_code == 1 and "names 2 records" in shared.stderr and "olga-protasevich" in shared.stderr
