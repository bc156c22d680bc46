"""The one parallel map: results in job order, unpicklable work allowed (forked workers inherit it),
and the loader and the index give the same answer on every core as on one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from belarus_cli.kb import bulk, store
from belarus_cli.search import index as search_index
from belarus_cli.search.ranking import search

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or bulk.cores() < 2, reason="needs fork and two cores")


@needs_fork
def test_results_come_back_in_job_order_from_other_processes() -> None:
    jobs = [3, 1000, 5, 70]
    results = list(bulk.map_in_workers(lambda n: (n * 2, os.getpid()), jobs, cost=lambda n: n))
    assert [doubled for doubled, _ in results] == [6, 2000, 10, 140]
    assert {pid for _, pid in results} - {os.getpid()}  # the lambda ran in a worker: nothing was pickled


def test_serial_when_asked() -> None:
    assert list(bulk.map_in_workers(lambda n: (n, os.getpid()), [1, 2], parallel=False)) == [
        (1, os.getpid()),
        (2, os.getpid()),
    ]


@needs_fork
def test_loading_and_indexing_on_every_core_match_one_core(kb_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELARUS_NO_CACHE", "1")
    serial = store.load(kb_dir)
    serial_hits = search(search_index.SearchIndex.build(serial), "Pratasevich forced landing")
    monkeypatch.setattr(store, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(search_index, "PARALLEL_RECORDS", 0)
    parallel = store.load(kb_dir)
    assert [(r.id, r.data, r.line) for r in parallel] == [(r.id, r.data, r.line) for r in serial]
    parallel_hits = search(search_index.SearchIndex.build(parallel), "Pratasevich forced landing")
    assert [(h.record.id, h.score) for h in parallel_hits] == [(h.record.id, h.score) for h in serial_hits]
