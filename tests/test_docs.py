"""Docs as tests: the README's examples are real output, and every command is documented."""

from __future__ import annotations

import importlib.util
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from belarus_cli.cli import app

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name for c in app.registered_commands if c.name) or sorted(
    c.callback.__name__ for c in app.registered_commands if c.callback
)


def _script(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _examples_module() -> Any:
    return _script("readme_examples")


def test_data_format_doc_is_the_registry() -> None:
    """docs/data-format.md describes every kind and field exactly as kb/kinds.py defines them."""
    from belarus_cli.kb.kinds import KINDS

    script = _script("data_format_doc")
    doc = script.DOC.read_text(encoding="utf-8")
    assert script.rendered(doc) == doc, "docs/data-format.md is stale: run scripts/data_format_doc.py --write"
    assert sorted(m.group("kind") for m in script.BLOCK.finditer(doc)) == sorted(["common", *KINDS])


def test_readme_examples_show_real_output() -> None:
    examples = _examples_module()
    blocks = examples.BLOCK.findall(README)
    assert blocks, "the README has no ```console examples"
    for block in blocks:
        assert examples.render_block(block) == block, "README output is stale: run scripts/readme_examples.py --write"


def test_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```(?:sh|bash)\n(.*?)```", quick, re.DOTALL)
    lines = [line for block in commands for line in block.strip().splitlines()]
    assert len(lines) == 2, lines
    assert "belarus search Protasevich" in lines[0]
    test_command = lines[1].split("activate && ", 1)[-1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command.strip() in ci, (test_command, "is not what .ci/run runs")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_in_readme_with_help_and_example(command: str) -> None:
    assert f"belarus {command}" in README
    result = CliRunner().invoke(app, [command, "--help"], env={"NO_COLOR": "1", "COLUMNS": "120"})
    assert result.exit_code == 0
    assert "Example: belarus" in result.stdout


def test_exit_codes_section_matches_the_code() -> None:
    from belarus_cli.errors import ExitCode

    section = README.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ExitCode:
        assert f"| {int(code)} |" in section, code


def test_passages_are_what_the_script_chooses() -> None:
    """Every shipped ``passage`` is the sentence scripts/source_passages.py picks for its record, and
    no record lacks one the script would give: a record edited since must have its passage made again."""
    from belarus_cli.kb.store import load

    from .conftest import REAL_DATA

    script = _script("source_passages")
    kb = load(REAL_DATA)
    chosen = script.passages(kb)
    shipped = {r.id: r.get("passage") for kind in script.KINDS for r in kb.of_kind(kind) if r.get("passage")}
    assert len(chosen) > 250
    assert shipped == chosen, "passages are stale: run scripts/source_passages.py"
