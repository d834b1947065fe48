"""Run a function over many items in forked worker processes, with a progress bar.

Workers are forked after the parent has built everything they need (the site,
the templates), so nothing is pickled on the way in but item indexes; only
results come back. Where fork is not available, or for small batches, the
work runs in the parent process with the same results.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from typing import Callable, Sequence

MIN_PARALLEL = 64  # fewer items than this are not worth a fork
_task: list[Callable] = []


def workers() -> int:
    """Worker processes to use: the usable cores, at most 8; SITE_BUILDER_JOBS overrides."""
    wanted = os.environ.get("SITE_BUILDER_JOBS")
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _run_chunk(bounds: tuple[int, int]) -> list:
    start, stop = bounds
    function = _task[0]
    return [function(i) for i in range(start, stop)]


def run(function: Callable[[int], object], count: int, label: str = "", progress: "Progress | None" = None) -> list:
    """``[function(i) for i in range(count)]``, spread over forked workers; order is kept."""
    jobs = workers()
    if count < MIN_PARALLEL or jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for i in range(count):
            results.append(function(i))
            if progress is not None and i % 50 == 0:
                progress.update(label, i, count)
        if progress is not None:
            progress.update(label, count, count)
        return results
    size = max(8, min(256, count // (jobs * 16) or 1))
    chunks = [(start, min(start + size, count)) for start in range(0, count, size)]
    _task[:] = [function]
    results: list = [None] * len(chunks)
    done = 0
    # Objects made before the fork are moved out of the collector's reach: a
    # collection in a worker would otherwise write to every one of them and so
    # copy the pages the worker shares with the parent (copy-on-write).
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for index, part in pool.imap_unordered(_indexed, list(enumerate(chunks))):
                results[index] = part
                done += len(part)
                if progress is not None:
                    progress.update(label, done, count)
    finally:
        _task.clear()
        gc.unfreeze()
    return [item for part in results for item in part]


def _indexed(item: tuple[int, tuple[int, int]]) -> tuple[int, list]:
    index, bounds = item
    return index, _run_chunk(bounds)


class Progress:
    """A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal."""

    def __init__(self, stream=None, enabled: bool | None = None, min_seconds: float = 1.0):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self.min_seconds = min_seconds
        self.shown = False

    def update(self, label: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if not self.shown and time.perf_counter() - self.started < self.min_seconds and done < total:
            return  # short builds print no bar
        width = 30
        filled = width * done // total
        self.stream.write(f"\r{label:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()
            self.shown = False
