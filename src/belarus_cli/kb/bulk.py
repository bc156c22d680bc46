"""Building large data fast: the garbage collector paused, and work spread over every core.

Both the loader (parse and check each file) and the search index (index each chunk of records) use
these, so that there is one way to go parallel and one place to tune it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading a knowledge base allocates hundreds of thousands of dicts and lists that live on; each
    allocation burst would trigger collections that walk them all again (4x slower to unmarshal 100,000
    records). The data holds no reference cycles, so nothing is lost by pausing; and what was loaded is
    then frozen (moved out of the collector's generations), or the first collection after the pause
    would walk it all (0.4 s at 100,000 records)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


# In a worker process only: the work and the jobs it was handed when it was forked. With the fork start
# method a process's arguments are inherited, not pickled, so neither the function nor the jobs (file
# contents, records) are ever serialised on the way in; results are, on the way back.
_WORKER: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _adopt(work: Callable[[Any], Any], jobs: Sequence[Any]) -> None:
    global _WORKER
    _WORKER = (work, jobs)
    import signal

    # Ctrl-C reaches the whole process group: it is the parent's to handle (exit 130, workers stopped),
    # or every worker printed its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(position: int) -> Any:
    assert _WORKER is not None, "runs in a worker started by map_in_workers"
    work, jobs = _WORKER
    return work(jobs[position])


def cores() -> int:
    return os.cpu_count() or 1


def map_in_workers(
    work: Callable[[Job], Result],
    jobs: Sequence[Job],
    *,
    parallel: bool = True,
    cost: Callable[[Job], int] | None = None,
) -> Generator[Result, None, None]:
    """``work(job)`` for every job, yielded in job order: in forked worker processes when ``parallel``
    and the machine has several cores, else here. ``cost`` starts the dearest jobs first.

    Consume it inside ``with contextlib.closing(...)``: Ctrl-C while the caller works on a result
    arrives outside this generator, and an interrupted run ends with os._exit, which never closes it,
    so its workers stayed behind holding the terminal's output open (one test run in ten hung)."""
    import multiprocessing

    if not parallel or len(jobs) < 2 or cores() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (work(job) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(range(len(jobs)), key=lambda i: -cost(jobs[i])) if cost else list(range(len(jobs)))
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(min(cores(), len(jobs)), mp_context=context, initializer=_adopt, initargs=(work, jobs))
    try:
        futures = {position: pool.submit(_run, position) for position in order}
        for position in range(len(jobs)):
            result = futures.pop(position).result()
            yield result
            del result
    except BaseException:  # Ctrl-C, an error, or the caller stopping early: leave no worker behind
        # Waiting for the running jobs, or for the pool's manager thread, could hang (for good, or one
        # test run in a dozen), so the workers (``_processes`` is the pool's own list) are stopped and
        # joined with a time limit and the pool is not waited for; the CLI then ends an interrupted run
        # with os._exit, so no exit hook waits for that thread either.
        workers = list(getattr(pool, "_processes", {}).values())
        for process in workers:
            process.terminate()
        for process in workers:
            process.join(timeout=2)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
