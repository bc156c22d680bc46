"""Search quality asserted in process on the shipped data (no timing: ranks only): issue 4's targets on
our own cases, the first held-out cases and the shared samples, and on every case file the benchmark
runs (``python benchmarks/search_quality.py`` prints the same figures) a floor under today's figures
and no empty answer, as issue 12 asks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.evaluation import CaseResult, by_difficulty, load_cases, run_cases, score

from belarus_cli.kb.store import load
from belarus_cli.search.index import SearchIndex

from .conftest import REAL_DATA

ROOT = Path(__file__).resolve().parents[1]
CASE_FILES = {
    "ours": ROOT / "benchmarks" / "cases.yaml",
    "held-out": ROOT / "benchmarks" / "heldout_cases.yaml",
    "sample": ROOT / "benchmarks" / "sample_cases.yaml",  # the shared sample cases, copied into the repository
}
HIT_AT_5, HIT_AT_1, EACH_DIFFICULTY_HIT_AT_5 = 0.95, 0.80, 0.85


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.for_kb(load(REAL_DATA))


def _misses(results: list[CaseResult]) -> list[tuple[str, str, int | None]]:
    return [(r.case_id, r.query, r.rank) for r in results if r.rank != 1]


@pytest.mark.parametrize("name", sorted(CASE_FILES))
def test_search_meets_the_quality_targets(index: SearchIndex, name: str) -> None:
    path = CASE_FILES[name]
    assert path.exists(), f"case file missing: {path}"
    results = run_cases(index, load_cases(path))
    overall = score(results)
    assert overall.cases >= (150 if name == "ours" else 20)
    assert overall.hit_at_5 >= HIT_AT_5, _misses(results)
    assert overall.hit_at_1 >= HIT_AT_1, _misses(results)
    for difficulty, scores in by_difficulty(results).items():
        assert scores.hit_at_5 >= EACH_DIFFICULTY_HIT_AT_5, (difficulty, _misses(results))


def test_every_difficulty_is_covered_by_our_cases() -> None:
    difficulties = {str(case.get("difficulty")) for case in load_cases(CASE_FILES["ours"])}
    assert difficulties == {"exact", "typo", "transliteration", "paraphrase", "cross-lingual"}


# Issue 12's figures today, less about 1.5 points, as floors on every case file the benchmark runs, the
# held-out sets included: a change that costs a file more than that fails here, not in the next blind
# run. A held-out file's misses are never printed (reading them is how tuning to them starts).
FLOORS = {  # file: (hit@1, hit@5), from benchmarks/search_quality.py in session 13 (sections)
    "cases.yaml": (0.97, 0.99),
    "heldout_cases.yaml": (0.96, 0.99),
    "sample_cases.yaml": (0.90, 0.95),
    "heldout_blind_2026-12-01.yaml": (0.95, 0.99),
    "dev5_cases.yaml": (0.82, 0.94),
    "dev6_cases.yaml": (0.79, 0.89),
    "dev7_exact_cases.yaml": (0.98, 0.99),
    "dev8_spelling_cases.yaml": (0.91, 0.95),
    "heldout_blind2_2026-12-01.yaml": (0.90, 0.97),
    "heldout_blind3_2026-12-02.yaml": (0.90, 0.97),
    "heldout_blind4_2026-12-02.yaml": (0.88, 0.97),
    "heldout_blind5_2026-12-02.yaml": (0.87, 0.95),
    "heldout_blind6_2026-12-02.yaml": (0.86, 0.95),
    "heldout_blind7_2026-12-03.yaml": (0.86, 0.94),
    "heldout_blind8_2026-12-03.yaml": (0.86, 0.96),
}


def test_every_benchmark_case_file_has_a_floor() -> None:
    from benchmarks.search_quality import DEFAULT_CASES

    assert sorted(path.name for path in DEFAULT_CASES) == sorted(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_case_file_falls_below_its_floor_or_gets_an_empty_answer(index: SearchIndex, name: str) -> None:
    from benchmarks.search_quality import UNSEEN

    results = run_cases(index, load_cases(ROOT / "benchmarks" / name))
    overall = score(results)
    at_1, at_5 = FLOORS[name]
    shown = [] if name in UNSEEN else _misses(results)
    assert overall.empty == 0, (overall.empty, shown)
    assert overall.hit_at_1 >= at_1 and overall.hit_at_5 >= at_5, (overall.hit_at_1, overall.hit_at_5, shown)
