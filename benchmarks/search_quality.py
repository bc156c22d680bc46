"""Search quality on case files: hit@1, hit@5 and MRR, overall and per difficulty.

Usage (from the repository root):
    python benchmarks/search_quality.py                       # our cases, held-out cases, shared samples
    python benchmarks/search_quality.py path/to/cases.yaml    # any case files
    python benchmarks/search_quality.py --failures            # also list the cases that missed the top 5
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make `benchmarks` importable

from belarus_cli.kb.store import default_data_dir, load  # noqa: E402
from belarus_cli.search.index import SearchIndex  # noqa: E402
from benchmarks.evaluation import by_difficulty, load_cases, run_cases, score  # noqa: E402

DEFAULT_CASES = [
    ROOT / "benchmarks" / "cases.yaml",  # ours, written across the briefing before the data existed
    ROOT / "benchmarks" / "heldout_cases.yaml",  # written blind from the briefing after it; never tuned to
    ROOT / "benchmarks" / "sample_cases.yaml",  # the shared sample cases, copied so a clone stands alone
    ROOT / "benchmarks" / "heldout_blind_2026-12-01.yaml",  # issue 12's blind set: scored, never tuned on
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--failures", action="store_true")
    args = parser.parse_args()
    index = SearchIndex.for_kb(load(args.data or default_data_dir()))
    for path in args.cases:
        results = run_cases(index, load_cases(path))
        overall = score(results)
        print(f"{path.name}: {overall.cases} cases")
        print(f"  {'':16} {'cases':>5} {'hit@1':>7} {'hit@5':>7} {'MRR':>6}")
        rows = [("overall", overall), *by_difficulty(results).items()]
        for name, s in rows:
            print(f"  {name:16} {s.cases:5d} {s.hit_at_1:7.1%} {s.hit_at_5:7.1%} {s.mrr:6.3f}")
        if args.failures:
            for r in results:
                if r.rank is None or r.rank > 1:
                    print(f"  rank {r.rank or '-':>2}  {r.case_id}: {r.query!r} -> {', '.join(r.top)}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
