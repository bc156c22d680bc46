"""Search quality: hit@1, hit@5 and mean reciprocal rank over case files.

A case (see ``benchmarks/cases.yaml`` and ``benchmarks/sample_cases.yaml``) passes at a rank when the
result there satisfies every requirement in ``expect``: a requirement is a string, or a list of
alternatives of which one suffices, matched case-insensitively against the result's text fields.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from belarus_cli.kb.dates import PartialDate, parse_date
from belarus_cli.kb.records import Record
from belarus_cli.search.index import SearchIndex
from belarus_cli.search.ranking import search

DEPTH = 10  # results looked at for the reciprocal rank


@dataclass(frozen=True)
class CaseResult:
    case_id: str
    query: str
    difficulty: str
    rank: int | None  # 1-based rank of the first result that satisfies the case; None if none in DEPTH
    top: list[str]  # ids of the first results, for reading failures
    empty: bool = False  # nothing at all came back


def strings_of(value: Any) -> list[str]:
    """Every string in a record's data (numbers as text), nested values included; a date also as the
    briefing writes it ("2021-08-09" and "9 August 2021"), since that is how every view shows it."""
    if isinstance(value, str):
        date = _date(value) if value[:4].isdigit() and len(value) <= 10 else None
        return [value, date.display(long=True)] if date is not None and date.month else [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_of(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_of(v)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    return []


def _date(text: str) -> PartialDate | None:
    try:
        return parse_date(text)
    except ValueError:
        return None


def record_text(record: Record) -> str:
    return "\n".join(strings_of(record.data)).casefold()


def satisfies(record: Record, expect: list[Any]) -> bool:
    text = record_text(record)
    for requirement in expect:
        options = requirement if isinstance(requirement, list) else [requirement]
        if not any(str(option).casefold() in text for option in options):
            return False
    return True


def load_cases(path: Path) -> list[dict[str, Any]]:
    import yaml

    with open(path, encoding="utf-8") as handle:
        cases = yaml.safe_load(handle)
    if not isinstance(cases, list):
        raise ValueError(f"{path}: expected a list of cases")
    return cases


Searcher = Callable[[str], list[Record]]  # a query -> the first DEPTH records, best first


def belarus_searcher(index: SearchIndex) -> Searcher:
    return lambda query: [hit.record for hit in search(index, query, limit=DEPTH)]


def run_cases(searcher: SearchIndex | Searcher, cases: list[dict[str, Any]]) -> list[CaseResult]:
    find = belarus_searcher(searcher) if isinstance(searcher, SearchIndex) else searcher
    results = []
    for case in cases:
        found = find(str(case["query"]))
        rank = next((i for i, record in enumerate(found, 1) if satisfies(record, case["expect"])), None)
        results.append(
            CaseResult(
                str(case["id"]),
                str(case["query"]),
                str(case.get("difficulty", "")),
                rank,
                [record.id for record in found[:5]],
                empty=not found,
            )
        )
    return results


@dataclass(frozen=True)
class Scores:
    cases: int
    hit_at_1: float
    hit_at_5: float
    mrr: float
    empty: int  # queries that got no answer at all


def score(results: list[CaseResult]) -> Scores:
    n = len(results) or 1
    return Scores(
        cases=len(results),
        hit_at_1=sum(r.rank == 1 for r in results) / n,
        hit_at_5=sum(r.rank is not None and r.rank <= 5 for r in results) / n,
        mrr=sum(1 / r.rank for r in results if r.rank) / n,
        empty=sum(r.empty for r in results),
    )


def by_difficulty(results: list[CaseResult]) -> dict[str, Scores]:
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for result in results:
        groups[result.difficulty].append(result)
    return {name: score(group) for name, group in sorted(groups.items())}
