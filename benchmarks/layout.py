"""How many terminal lines a search's results take: issue 15 asks ten results at 80 columns in about 25.

Usage (from the repository root, with the package installed):
    python benchmarks/layout.py [--width 80] [CASE_FILE ...]

Runs every query of the case files (default: benchmarks/cases.yaml) through the real plain-table
renderer at ``--width`` and prints, for the queries that return ten results, the median, the 90th
percentile and the largest number of lines, and the three queries whose results take the most.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `benchmarks.evaluation` when run as a script

from belarus_cli.kb.store import load  # noqa: E402
from belarus_cli.output.renderers import RENDERERS, Format  # noqa: E402
from belarus_cli.output.terminal import Terminal  # noqa: E402
from belarus_cli.search.index import SearchIndex  # noqa: E402
from belarus_cli.search.ranking import search  # noqa: E402
from belarus_cli.views.results import results_view  # noqa: E402
from benchmarks.evaluation import load_cases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "benchmarks" / "cases.yaml"])
    args = parser.parse_args()
    kb = load(ROOT / "data")
    index = SearchIndex.for_kb(kb)
    terminal = Terminal(plain=True, width=args.width)
    sizes: list[tuple[int, str]] = []
    for path in args.files:
        for case in load_cases(path):
            hits = search(index, case["query"], limit=10)
            if len(hits) < 10:
                continue
            out = io.StringIO()
            RENDERERS[Format.plain](results_view(kb, hits, case["query"]), terminal, out)
            sizes.append((out.getvalue().count("\n"), case["query"]))
    if not sizes:
        print("no query returned ten results")
        return 1
    lines = sorted(size for size, _ in sizes)
    print(f"{len(lines)} queries with ten results at {args.width} columns: lines per ten results")
    tenth = lines[int(0.9 * (len(lines) - 1))]
    print(f"  median {statistics.median(lines):g}, 90th percentile {tenth}, most {lines[-1]}")
    for size, query in sorted(sizes, reverse=True)[:3]:
        print(f"  {size:3d}  {query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
