"""The shipped knowledge base, held to the briefing's text (../shared/sources/...)."""

from __future__ import annotations

import pytest

from belarus_cli import source_checks
from belarus_cli.model import KnowledgeBase
from belarus_cli.source_text import SourceText
from belarus_cli.store import load

from .conftest import BRIEFING, REAL_DATA

# Issue 3's floor for each kind ("about 40" people and "about 45" organisations are floors of 35 and 45).
MINIMUM = {"people": 35, "organisations": 45, "events": 80, "figures": 100, "quotes": 55}

# Issue 3 is open: sections 2.2, 3, 3.1, 3.2, 3.3 and 4 are not curated yet. strict=True makes these
# fail the moment the data reaches them, so the marks cannot outlive the gap they record.
NOT_YET_CURATED = pytest.mark.xfail(strict=True, reason="issue 3: sections 2.2 to 4 not curated yet")
SHORT_KINDS = {"events", "figures", "quotes"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load(REAL_DATA)


@pytest.fixture(scope="module")
def source(kb: KnowledgeBase) -> SourceText:
    assert BRIEFING.exists(), f"the briefing's text is expected at {BRIEFING}"
    return SourceText.from_file(BRIEFING, kb.source.data["sections"])


def test_sections_match_the_contents_list(kb: KnowledgeBase, source: SourceText) -> None:
    numbers = [str(s["number"]) for s in kb.source.data["sections"]]
    assert numbers == ["summary", "1", "1.1", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3", "4"]
    assert [number for _, number in source.headings] == numbers
    pages = {str(s["number"]): s["page"] for s in kb.source.data["sections"]}
    assert pages == {"summary": 4, "1": 6, "1.1": 6, "2": 9, "2.1": 9, "2.2": 14, "3": 19, "3.1": 19,
                     "3.2": 20, "3.3": 27, "4": 29}


def test_all_98_footnotes_as_printed(kb: KnowledgeBase, source: SourceText) -> None:
    assert sorted(int(r.get("number")) for r in kb.of_kind("footnotes")) == list(range(1, 99))
    assert source_checks.check_footnotes(kb, source) == []


def test_ibid_points_back_to_a_cited_source(kb: KnowledgeBase) -> None:
    ibids = [r for r in kb.of_kind("footnotes") if r.get("ibid")]
    assert sorted(int(r.get("number")) for r in ibids) == [5, 28, 43, 83, 97]
    for note in ibids:
        target = kb.footnote(int(note.get("ibid")))
        assert target is not None and int(target.get("number")) < int(note.get("number"))


@pytest.mark.parametrize(
    "kind", [pytest.param(k, marks=NOT_YET_CURATED) if k in SHORT_KINDS else k for k in sorted(MINIMUM)]
)
def test_counts_reach_the_floor(kb: KnowledgeBase, kind: str) -> None:
    assert len(kb.of_kind(kind)) >= MINIMUM[kind]


def test_every_quote_verbatim_in_its_section(kb: KnowledgeBase, source: SourceText) -> None:
    problems = [(c.record.id, c.problem) for c in source_checks.check_quotes(kb, source) if c.problem]
    assert problems == []


def test_every_figure_number_in_its_section_or_footnotes(kb: KnowledgeBase, source: SourceText) -> None:
    assert [(r.id, m) for r, m in source_checks.check_figures(kb, source)] == []


def test_every_event_year_in_its_section_or_footnotes(kb: KnowledgeBase, source: SourceText) -> None:
    assert [(r.id, m) for r, m in source_checks.check_event_years(kb, source)] == []


@NOT_YET_CURATED
def test_exports_table_both_rows(kb: KnowledgeBase) -> None:
    series = kb.get("belarus-exports-to-uk-2016-2020")
    assert series is not None
    assert series.get("periods") == ["2016", "2017", "2018", "2019", "2020"]
    rows = {row["label"]: row["values"] for row in series.get("rows")}
    assert list(rows.values()) == [[1080, 2382, 3068, 2306, 814], [4.6, 8.3, 9.3, 7.2, 2.9]]


def test_validate_against_the_briefing_exits_0(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "--source", str(BRIEFING), data=REAL_DATA)
    assert result.exit_code == 0, result.stderr[-3000:]
    assert "every quote verbatim" in result.stdout
