"""processes.run: forked workers share the items; order, errors and dead workers."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

import pytest

from site_builder import processes


@pytest.fixture(autouse=True)
def two_processes(monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_JOBS", "2")


def slow(value):
    """Items take a little time, so one worker cannot take every chunk before the other starts."""
    time.sleep(0.0003)
    return value


def test_results_keep_the_order_of_the_items_and_every_worker_takes_chunks() -> None:
    parent = os.getpid()
    results = processes.run(lambda i: slow((i * i, os.getpid())), 3000, renew=3000)
    assert [square for square, _ in results] == [i * i for i in range(3000)]
    pids = {pid for _, pid in results}
    assert parent not in pids and len(pids) == 2, "two forked workers; the parent collects"


def test_a_worker_that_has_worked_its_share_of_items_is_renewed() -> None:
    results = processes.run(lambda i: slow((i * i, os.getpid())), 3000, renew=400)
    assert [square for square, _ in results] == [i * i for i in range(3000)]
    items_of: dict[int, int] = {}
    for _, pid in results:
        items_of[pid] = items_of.get(pid, 0) + 1
    assert len(items_of) >= 3000 // (400 + 93), "a fresh worker for every 400 items or one chunk more"
    assert max(items_of.values()) < 400 + 93, "none worked more than its share and the chunk it was in"


class Unpicklable(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.lock = threading.Lock()


def test_an_error_in_a_worker_is_raised_in_the_parent() -> None:
    def fails_in_the_worker(i: int) -> int:
        if i == 2500:
            raise ValueError(f"item {i} is wrong")
        return slow(i)

    with pytest.raises(ValueError, match="item 2500 is wrong"):
        processes.run(fails_in_the_worker, 3000)

    def fails_unpicklably(i: int) -> int:
        if i == 2500:
            raise Unpicklable("cannot travel")
        return slow(i)

    with pytest.raises(RuntimeError, match="cannot travel"):
        processes.run(fails_unpicklably, 3000)


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    def dies_in_the_worker(i: int) -> int:
        if i == 2500:
            os._exit(3)
        return slow(i)

    with pytest.raises(RuntimeError, match="stopped before finishing"):
        processes.run(dies_in_the_worker, 3000)


def test_small_batches_and_one_process_run_in_the_parent(monkeypatch) -> None:
    parent = os.getpid()
    assert {pid for pid in processes.run(lambda i: os.getpid(), processes.MIN_PARALLEL - 1)} == {parent}
    monkeypatch.setenv("SITE_BUILDER_JOBS", "1")
    assert {pid for pid in processes.run(lambda i: os.getpid(), 3000)} == {parent}


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_the_prefix_call_comes_once_its_items_are_in_while_the_rest_are_not(monkeypatch, jobs) -> None:
    monkeypatch.setenv("SITE_BUILDER_JOBS", jobs)
    finished = multiprocessing.get_context("fork").Value("q", 0)  # items done, counted by the workers

    def item(i):
        time.sleep(0.004 if i >= 100 else 0)
        with finished.get_lock():
            finished.value += 1
        return i * 3
    seen = []
    results = processes.run(item, 600, prefix=processes.Prefix(100, lambda first: seen.append((first, finished.value))))
    assert results == [i * 3 for i in range(600)]
    assert len(seen) == 1
    first, done_then = seen[0]
    assert first == results[:100]
    assert 100 <= done_then < 600, "called while later items were still being worked on"


@pytest.mark.parametrize("count", [0, 10, 600])
def test_the_prefix_call_comes_before_run_returns_however_many_items(count) -> None:
    for wanted in (0, 5, 1000):
        seen = []
        results = processes.run(lambda i: i, count, prefix=processes.Prefix(wanted, seen.append))
        assert seen == [results[:wanted]]
