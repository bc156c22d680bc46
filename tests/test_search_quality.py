"""Issue 4's quality targets, asserted in process on the shipped data (no timing: ranks only).

The case files are the benchmark's (``python benchmarks/search_quality.py`` prints the same figures):
our own cases, the held-out cases written blind from the briefing, and the shared sample cases.
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
