"""Install the package the way the README says (non-editable) and run the console script elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.slow
def test_wheel_install_finds_its_data_from_any_directory(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "BELARUS_DATA"} | {"NO_COLOR": "1"}
    result = subprocess.run(
        [str(bin_dir / "belarus"), "search", "Protasevich", "--format", "json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert '"id": "roman-protasevich"' in result.stdout
    version = subprocess.run(
        [str(bin_dir / "python"), "-m", "belarus_cli", "--version"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert version.stdout.startswith("belarus ")


def _pyproject(root: Path, dependencies: list[str], test: list[str]) -> Path:
    lines = [
        "[project]",
        'name = "belarus-cli"',
        f"dependencies = {json.dumps(dependencies)}",  # a JSON list of strings is a TOML array
        "[project.optional-dependencies]",
        f"test = {json.dumps(test)}",
        'docx = ["surely-not-a-distribution-docx>=1"]',
    ]
    (root / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_the_bootstrap_check_names_what_is_missing_or_too_old(tmp_path: Path) -> None:
    from .requirements_check import unmet_requirements

    root = _pyproject(
        tmp_path,
        ["pytest>=1", "pytest<1", "surely-not-a-distribution>=1", "windows-only-dist; sys_platform == 'nonesuch'"],
        ["belarus-cli[docx]"],
    )
    unmet = unmet_requirements(root)
    assert [item.split(" (")[0] for item in unmet] == [
        "pytest",  # too old or too new: the version is checked, not only the import
        "surely-not-a-distribution",
        "surely-not-a-distribution-docx",  # the project's own extras are followed
        "belarus-cli",  # installed, but from this checkout's sibling, not from tmp_path
    ]
    assert "wanted" in unmet[0] and "not editable from" in unmet[-1]


def test_the_bootstrap_check_passes_the_interpreter_running_these_tests() -> None:
    from .requirements_check import unmet_requirements

    assert unmet_requirements(REPO) == []  # else conftest would have moved this run into .venv
