"""Install the package the way the README says (non-editable) and run the console script elsewhere."""

from __future__ import annotations

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
