"""Keep the README's examples true: run every `$ belarus ...` line in its ```console blocks.

    python scripts/readme_examples.py          # exit 1 and show a diff when an example's output changed
    python scripts/readme_examples.py --write  # rewrite the outputs in README.md from real runs

Examples run against the shipped data with NO_COLOR and an 100-column terminal, the way
tests/test_docs.py checks them.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)
WIDTH = "100"


def run_example(command_line: str) -> str:
    """The output of one `belarus ...` command line, as a user at a 100-column terminal would see it."""
    from typer.testing import CliRunner

    from belarus_cli.cli import app

    args = shlex.split(command_line)
    assert args[0] == "belarus", command_line
    env = {"NO_COLOR": "1", "COLUMNS": WIDTH, "BELARUS_DATA": ""}
    result = CliRunner().invoke(app, args[1:], env=env)
    output = result.stdout + result.stderr
    return "\n".join(line.rstrip() for line in output.splitlines())


def render_block(block: str) -> str:
    lines = block.splitlines()
    out: list[str] = []
    for line in lines:
        if line.startswith("$ belarus"):  # output may hold "$ millions"
            out.append(line)
            out.extend(run_example(line[2:]).splitlines())
    return "\n".join(out) + "\n"


def rendered(text: str) -> str:
    return BLOCK.sub(lambda m: "```console\n" + render_block(m.group(1)) + "```", text)


def main() -> int:
    os.environ.pop("BELARUS_DATA", None)
    text = README.read_text(encoding="utf-8")
    new = rendered(text)
    if "--write" in sys.argv:
        README.write_text(new, encoding="utf-8")
        return 0
    if new != text:
        sys.stdout.writelines(difflib.unified_diff(text.splitlines(True), new.splitlines(True), "README.md", "actual"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
