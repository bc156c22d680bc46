"""The related-words and cross-lingual tables: a binary search over their sorted lines, and the stem's
pointer line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from belarus_cli.search import cross_lingual, related

LINES = [
    "# a header line, as the real table has",
    "=marri\tmarriage",
    "=spous\tspouse",
    "borrowing\tlending 74\tloan 73",
    "marriage\twedding 80",
    "spouse\twife 86\thusband 87",
    "zebra\thorse 60",
]


@pytest.fixture
def table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    path = tmp_path / "related_words.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    monkeypatch.setattr(related, "TABLE", path)
    related._table.cache_clear()
    yield
    related._table.cache_clear()


@pytest.mark.usefixtures("table")
def test_every_word_of_the_table_is_found_and_no_other() -> None:
    assert related.related_words("borrowing") == [("lending", 0.74), ("loan", 0.73)]
    assert related.related_words("zebra") == [("horse", 0.6)]
    assert related.related_words("spouse") == [("wife", 0.86), ("husband", 0.87)]
    for absent in ("aardvark", "borrow", "spous", "zzz", "", "#"):
        assert related.related_words(absent) == []


@pytest.mark.usefixtures("table")
def test_a_word_the_table_lacks_is_sent_by_its_stem_to_one_it_has() -> None:
    assert related.related_words("spouses", "spous") == related.related_words("spouse")
    assert related.related_words("aardvarks", "aardvark") == []


def test_without_the_table_search_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(related, "TABLE", tmp_path / "missing.txt")
    related._table.cache_clear()
    try:
        assert related.related_words("borrowing") == []
    finally:
        related._table.cache_clear()


def sorted_body(table: Path) -> tuple[list[str], list[str]]:
    """A shipped table's lines but its header, and their keys, checked as the binary search needs
    them: sorted by their bytes, each key once."""
    body = [line for line in table.read_bytes().decode("utf-8").splitlines() if not line.startswith("#")]
    assert [line.encode() for line in body] == sorted(line.encode() for line in body)
    keys = [line.split("\t", 1)[0] for line in body]
    assert len(keys) == len(set(keys))
    return body, keys


def test_the_shipped_table_is_sorted_by_bytes_and_well_formed() -> None:
    """The binary search needs lines sorted by their bytes; every cosine is hundredths above the floor."""
    body, keys = sorted_body(related.TABLE)
    assert len(body) > 20_000
    for line in body:
        key, *items = line.split("\t")
        if key.startswith(related.STEM_MARK):
            assert len(items) == 1 and items[0] in keys
            continue
        assert 1 <= len(items) <= related.KEPT
        for item in items:
            word, _, hundredths = item.partition(" ")
            assert word and word != key and round(related.FLOOR * 100) <= int(hundredths) <= 100


def test_the_cross_lingual_table_is_sorted_by_bytes_and_well_formed() -> None:
    """Keys are Russian stem keys as search computes them; scores are thousandths above the floor."""
    body, keys = sorted_body(cross_lingual.TABLE)
    assert len(body) > 2_000 and all(key.startswith("ru:") for key in keys)
    for line in body:
        items = line.split("\t")[1:]
        assert items
        for item in items:
            word, _, thousandths = item.partition(" ")
            assert word.isascii() and word.isalpha() and int(thousandths) >= round(cross_lingual.FLOOR * 1000)
