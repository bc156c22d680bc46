"""Start-up speed: median wall time of real commands against the import floor of the stack.

Usage (from the repository root, with the package installed):
    python benchmarks/startup.py [--runs 21]
    python benchmarks/startup.py --instructions      # instructions counted by valgrind's callgrind

Wall times on a shared machine vary by a third from run to run; instruction counts do not, so they
are what a change is judged by.

Each command runs once untimed first (to build the cache, write byte code and warm the OS file cache), then --runs
times; the medians are printed with their ratio to
    python -c "import typer, rich.table, rich.console, yaml, rapidfuzz.process"
measured in the same run with the same interpreter.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

BASELINE = [sys.executable, "-c", "import typer, rich.table, rich.console, yaml, rapidfuzz.process"]


def belarus() -> list[str]:
    script = shutil.which("belarus", path=os.path.dirname(sys.executable)) or shutil.which("belarus")
    return [script] if script else [sys.executable, "-m", "belarus_cli"]


def environment() -> dict[str, str]:
    # Byte-code caching on, as on a user's machine: with PYTHONDONTWRITEBYTECODE set (some CI and
    # sandbox images set it) an editable install recompiles its own modules on every run, while the
    # floor's libraries were compiled by pip at install time, which would compare unlike with unlike.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def instructions(command: list[str]) -> float:
    """Instructions the whole process executes, counted by callgrind (after one run that warms up)."""
    env = environment()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", counted.stderr)
    if not found:
        raise SystemExit(f"valgrind gave no count for {command}: {counted.stderr.strip()[-200:]}")
    return float(found.group(1))


def median_seconds(command: list[str], runs: int) -> float:
    env = environment()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--instructions", action="store_true", help="count instructions (valgrind) instead")
    args = parser.parse_args()
    cli = belarus()
    commands = {
        "import floor (typer+rich+yaml+rapidfuzz)": BASELINE,
        "belarus search Protasevich": [*cli, "search", "Protasevich"],
        "belarus search (a paraphrase)": [*cli, "search", "people", "locked", "up", "for", "their", "politics"],
        "belarus timeline": [*cli, "timeline"],
        "belarus --help": [*cli, "--help"],
        "belarus --version": [*cli, "--version"],
    }
    if args.instructions:
        if not shutil.which("valgrind"):
            raise SystemExit("--instructions needs valgrind")
        counts = {name: instructions(command) for name, command in commands.items()}
        floor = counts["import floor (typer+rich+yaml+rapidfuzz)"]
        print(f"instructions (callgrind), {sys.executable}")
        for name, count in counts.items():
            print(f"  {name:42} {count / 1e6:7.0f} M  {count / floor:5.2f}x")
        return 0
    results = {name: median_seconds(command, args.runs) for name, command in commands.items()}
    floor = results["import floor (typer+rich+yaml+rapidfuzz)"]
    print(f"median of {args.runs} runs, {sys.executable}")
    for name, seconds in results.items():
        print(f"  {name:42} {seconds * 1000:7.1f} ms  {seconds / floor:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
