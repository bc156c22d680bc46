"""The meaning layer: a researcher's own words find what the briefing says in others."""

from __future__ import annotations

from functools import cache

import pytest

from belarus_cli.kb import cache as cache_file
from belarus_cli.kb.store import load
from belarus_cli.search import index as search_index
from belarus_cli.search import meaning as meaning_module
from belarus_cli.search.meaning import DIMENSIONS, Meaning, SignPlanes
from belarus_cli.search.ranking import search

from .conftest import FIXTURE_KB

TEXTS = [
    "Belarus exports potash fertiliser",
    "joint military exercises with Russian troops",
    "journalist arrested in Minsk",
    "European Union imposes sanctions",
]


@cache
def model() -> Meaning:
    built = Meaning.build(TEXTS)
    assert built is not None, "the wordllama wheel is a dependency: its files must be installed"
    return built


@pytest.mark.parametrize(
    ("query", "expected"),
    [("soldiers drills", 1), ("reporter detained", 2)],
)
def test_words_in_common_are_not_needed(query: str, expected: int) -> None:
    """None of these queries shares a word with the text it should find."""
    wanted = model().query(query.split())
    assert wanted is not None
    assert model().most_alike(wanted, 1) == {expected}
    cosines = [model().cosine(wanted, record) for record in range(len(TEXTS))]
    assert max(range(len(TEXTS)), key=cosines.__getitem__) == expected


def test_noise_is_given_no_meaning() -> None:
    assert model().query(["zzzzqqqq"]) is None
    assert model().query(["qwrtzk", "xx"]) is None
    assert model().knows("reporter") and not model().knows("zzzzqqqq")


def test_a_meaning_match_joins_the_results_without_a_shared_word(monkeypatch: pytest.MonkeyPatch) -> None:
    kb = load(FIXTURE_KB)
    index = search_index.SearchIndex.build(kb)
    assert index.meaning is not None
    hits = search(index, "aircraft grounded", limit=10)  # "Ryanair flight forced to land": no shared word
    assert "ryanair-forced-landing" in [hit.record.id for hit in hits]


def test_search_works_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meaning_module, "model_dir", lambda: None)
    index = search_index.SearchIndex.build(load(FIXTURE_KB))
    assert index.meaning is None
    assert search(index, "Protasevich", limit=1)[0].record.id == "roman-protasevich"


def test_a_record_and_the_same_words_as_a_query_get_the_same_vector() -> None:
    """The index (numpy, at build) and a query (pure Python, at search) must embed alike."""
    for record, text in enumerate(TEXTS):
        wanted = model().query(text.split())
        assert wanted is not None and model().signs.signs_of(record) == wanted.bits
        assert model().cosine(wanted, record) > 0.99  # the same vector, but for rounding to bytes


def test_a_restored_vocabulary_splits_words_as_the_whole_one_does() -> None:
    """The cache keeps the vocabulary in buckets, unpacked as a query needs them."""
    built = model()
    cache_file.write("meaning-test", b"k" * 32, built.state())
    stored = cache_file.read("meaning-test", b"k" * 32)
    assert stored is not None
    restored = Meaning.restore(stored)
    assert restored is not None and restored.vocabulary._whole is None
    for text in [*TEXTS, "Protasevich Лукашенко x"]:
        assert restored.token_ids(text) == built.token_ids(text)
    assert restored.vocabulary.get("zzzzqqqq-not-a-piece") is None


@pytest.mark.parametrize("seed", range(5))
def test_the_records_most_alike_are_those_a_bit_count_per_record_finds(seed: int) -> None:
    """The bit planes' count of agreements, and its cut-off, against the plain way: a count per record,
    sorted (ties to the earliest record, as a stable sort keeps them). Few records and few distinct
    signs, so that ties at the cut-off are common."""
    import random

    rng = random.Random(seed)
    shapes = [rng.getrandbits(DIMENSIONS) for _ in range(4)]
    bits = [rng.choice(shapes) ^ rng.getrandbits(3) for _ in range(rng.randint(1, 300))]
    planes = SignPlanes.of(bits)
    assert [planes.signs_of(record) for record in range(len(bits))] == bits
    query = rng.getrandbits(DIMENSIONS)
    for wanted in (1, 5, 30, len(bits), len(bits) + 3):
        agreements = [DIMENSIONS - (query ^ own).bit_count() for own in bits]
        expected = sorted(range(len(bits)), key=lambda r: -agreements[r])[:wanted]
        assert planes.most_alike(query, wanted) == set(expected)
