"""The JSON that scripts and notebooks build on: its keys are a contract, frozen here.

A list's records carry their kind and exactly the fields written in the data (so the keys are the
registry's fields for that kind, never anything else); search adds score, citation and the matched
spelling; the timeline adds whether a --from/--to range only may hold the event; show adds links both
ways, the footnotes' sources and the citation. Changing any of these keys breaks users' scripts:
change this test only with a note in the README.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from belarus_cli.kb.kinds import KINDS, SINGULAR_TO_KEY

from .conftest import Run

LIST_KEYS = {
    ("people", "roman-protasevich"): {"kind", "id", "name", "roles", "aliases", "section", "footnotes"},
    ("organisations", "ryanair"): {"kind", "id", "name", "category", "description", "section"},
    ("timeline", "ryanair-forced-landing"): {
        "kind",
        "id",
        "date",
        "title",
        "summary",
        "people",
        "organisations",
        "section",
        "footnotes",
        "tags",
        "keywords",
    },
    ("figures", "detained-35000"): {
        "kind",
        "id",
        "value",
        "value_text",
        "qualifier",
        "unit",
        "counts",
        "as_at",
        "section",
        "tags",
    },
    ("quotes", "lukashenko-purge"): {"kind", "id", "text", "speaker", "date", "section", "tags"},
    ("footnotes", "fn-1"): {"kind", "id", "number", "section", "role", "text", "sources", "organisations"},
}
TIMELINE_EXTRA = {"may_be_outside_range"}
SEARCH_EXTRA = {"score", "citation", "matched_spelling", "snippet", "source", "matched_words"}
SHOW_EXTRA = {"links", "linked_from", "sources", "citation"}


def records(run: Run, *args: str) -> list[dict[str, Any]]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    value = json.loads(result.stdout)
    assert isinstance(value, list)
    return value


@pytest.mark.parametrize(("command", "record_id"), sorted(LIST_KEYS))
def test_list_keys(run: Run, command: str, record_id: str) -> None:
    found = {r["id"]: r for r in records(run, command)}
    extra = TIMELINE_EXTRA if command == "timeline" else set()
    assert set(found[record_id]) == LIST_KEYS[command, record_id] | extra
    for record in found.values():  # every record of the list: its kind's fields and nothing else
        kind = KINDS[SINGULAR_TO_KEY[record["kind"]]]
        assert set(record) - {"kind"} - extra <= set(kind.by_name) | {"id"}


def test_search_keys(run: Run) -> None:
    hits = records(run, "search", "Pratasevich")
    assert hits[0]["id"] == "roman-protasevich"
    assert set(hits[0]) == LIST_KEYS["people", "roman-protasevich"] | SEARCH_EXTRA
    assert hits[0]["matched_spelling"] == "Raman Pratasevich → Roman Protasevich"
    assert isinstance(hits[0]["score"], float) and isinstance(hits[0]["citation"], str)


def test_show_keys(run: Run) -> None:
    result = run("show", "ryanair-forced-landing", "--format", "json")
    card = json.loads(result.stdout)
    assert set(card) == LIST_KEYS["timeline", "ryanair-forced-landing"] | SHOW_EXTRA
    assert {tuple(sorted(link)) for link in card["links"] + card["linked_from"]} == {("id", "kind", "label")}
    assert card["sources"] == [{"footnote": 1, "source": "“Flight diverted”, BBC News, 24 May 2021"}]


def test_info_keys(run: Run) -> None:
    rows = records(run, "info")
    assert all(set(row) == {"field", "value"} for row in rows)
    assert [row["field"] for row in rows] == [
        "title",
        "author",
        "publisher",
        "date",
        "licence",
        "events",
        "people",
        "organisations",
        "figures",
        "quotes",
        "series",
        "footnotes",
        "sections",
        "data directory",
    ]
