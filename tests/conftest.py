"""Shared fixtures: an isolated home and cache for the whole run, the tiny hand-written knowledge base,
a pinned terminal, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

# Run by an interpreter the project is not installed in (a global pytest in a fresh clone, or a shell
# where the quick start's venv is not active), every test failed with "No module named 'typer'"; with
# only some requirements there, or another clone installed, some failed. Then the run moves, before
# anything is collected, into the project's own .venv (the quick start's), made and installed there if
# it is not yet: `pytest` in a clone with nothing beside it runs the tests.
BOOTSTRAPPED = "BELARUS_TESTS_IN_VENV"  # set in the run that moved: it must not move again


def pytest_configure(config: pytest.Config) -> None:
    from tests.requirements_check import unmet_requirements

    missing = unmet_requirements()
    if missing:
        _run_in_the_project_venv(config, missing)


def _run_in_the_project_venv(config: pytest.Config, missing: list[str]) -> None:
    import subprocess

    root = Path(__file__).resolve().parent.parent
    venv = root / ".venv"
    python = venv / "bin" / "python"
    more = f"; and {len(missing) - 3} more" if len(missing) > 3 else ""
    why = f"{sys.executable} lacks {'; '.join(missing[:3])}{more}"
    advice = (
        "install the project into the interpreter that runs pytest (the README's quick start: python3 -m venv "
        ".venv && . .venv/bin/activate && pip install -e '.[test]' && pytest)"
    )
    if os.environ.get(BOOTSTRAPPED) or sys.platform == "win32":
        pytest.exit(f"belarus tests: {why}: {advice}", returncode=4)
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:  # pytest holds the terminal's output until it ends: give it back first
        capture.stop_global_capturing()
    print(f"belarus tests: {why}; running them in {venv} (made and installed there if need be)", file=sys.stderr)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        # The same check in the venv: one left by an older checkout or an older pyproject.toml is updated.
        check = [str(python), str(Path(__file__).with_name("requirements_check.py"))]
        if subprocess.run(check, capture_output=True).returncode != 0:
            install = [str(python), "-m", "pip", "install", "--quiet", "-e", f"{root}[test]"]
            subprocess.run(install, check=True, cwd=root)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.exit(f"belarus tests: {why}, and {venv} could not be made ({error}): {advice}", returncode=4)
    os.chdir(config.invocation_params.dir)
    arguments = [str(python), "-m", "pytest", *config.invocation_params.args]
    os.execve(str(python), arguments, {**os.environ, BOOTSTRAPPED: "1"})


if TYPE_CHECKING:
    from typer.testing import Result

TESTS = Path(__file__).parent
FIXTURE_KB = TESTS / "data" / "kb"
FIXTURE_SOURCE = TESTS / "data" / "source.txt"
REPO = TESTS.parent
REAL_DATA = REPO / "data"
# The reference copy beside the repository, where there is one (not in a user's clone).
REFERENCE_BRIEFING = REPO.parent / "shared" / "sources" / "belarus-one-year-on-2021-10-05.txt"

# Tests that start `python -m belarus_cli` in a subprocess run this checkout's code too, as the
# in-process ones do (pytest's `pythonpath` reaches only this process): without it they ran whatever
# belarus_cli the interpreter had installed, another clone's or none.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session", autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test reads or writes the user's real home or cache: for the whole run, module- and
    session-scoped fixtures included, HOME, XDG_CACHE_HOME and BELARUS_CACHE_DIR are temporary."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        patch.setenv("BELARUS_CACHE_DIR", str(home / ".cache" / "belarus"))
        patch.delenv("BELARUS_DATA", raising=False)
        patch.delenv("BELARUS_NO_CACHE", raising=False)
        yield home


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The same output everywhere: no colour, a wide terminal, no data directory from the caller,
    and a cache directory of the test's own."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("BELARUS_DATA", raising=False)
    monkeypatch.delenv("BELARUS_NO_CACHE", raising=False)
    monkeypatch.setenv("BELARUS_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture knowledge base, to break in one place per test."""
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, target)
    return target


Run = Callable[..., "Result"]


@pytest.fixture
def run() -> Run:
    from typer.testing import CliRunner

    from belarus_cli.cli import app

    runner = CliRunner()

    def invoke(*args: str, data: Path | None = FIXTURE_KB, input: str | None = None) -> Result:
        argv = (["--data", str(data)] if data is not None else []) + list(args)
        return runner.invoke(app, argv, input=input)

    return invoke


def assert_clean(result: Any) -> None:
    """The command ended through an exit code, not an exception escaping it: under CliRunner a
    traceback is never printed, so "Traceback" in the output proves nothing; this does."""
    assert result.exception is None or type(result.exception) is SystemExit, repr(result.exception)
