"""Shared fixtures: the tiny hand-written knowledge base, a pinned terminal, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from belarus_cli.cli.commands import app

TESTS = Path(__file__).parent
FIXTURE_KB = TESTS / "data" / "kb"
FIXTURE_SOURCE = TESTS / "data" / "source.txt"
REPO = TESTS.parent
REAL_DATA = REPO / "data"
BRIEFING = REPO.parent / "shared" / "sources" / "belarus-one-year-on-2021-10-05.txt"


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


Run = Callable[..., "object"]


@pytest.fixture
def run() -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str, data: Path | None = FIXTURE_KB, input: str | None = None) -> object:
        argv = (["--data", str(data)] if data is not None else []) + list(args)
        return runner.invoke(app, argv, input=input)

    return invoke
