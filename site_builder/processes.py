"""Worker processes, and what the machine tells about processes and memory.

``run`` maps a function over many items in forked workers with a progress bar:
workers are forked after the parent has built what they need, so only item
indexes go in and results come back; a dying worker is an error, never a wait.
A worker exits after ``RENEW_ITEMS`` items and a fresh one is forked in its
place, so none holds more than that many items' worth of copied pages and memos.
``tree_memory`` tells what a process and its children hold together, and
``run_measured`` the peak of a command it runs.
``meminfo`` reads Linux ``/proc/meminfo``; ``process_tag`` and
``left_by_dead_process`` name files after the process that made them, so the
next build can remove what a killed one left. Design notes: docs/architecture.md.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
import traceback
from typing import Callable

MIN_PARALLEL = 64  # fewer items than this are not worth a fork
# A worker exits after this many items and a fresh one is forked: the kernel copies each memory page
# a worker writes a reference count into, and at 10,000 briefings a worker that rendered half the site
# had copied most of the parent, 86 MB private at the fork and 505 MB at the end (benchmarks/README.md).
RENEW_ITEMS = 1000


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


class Prefix:
    """A call made in the parent, once, as soon as the first ``count`` results are in,
    while the workers go on with the rest (e.g. indexing the pages rendered first)."""

    def __init__(self, count: int, call: Callable[[list], None]):
        self.count, self.call, self.done = count, call, False

    def offer(self, results: list, ready: int, last: bool = False) -> None:
        """Call now if ``results``, of which the first ``ready`` are in, holds the prefix
        (``last``: every result is in, however few there are)."""
        if not self.done and (ready >= self.count or last):
            self.done = True
            self.call(results[:self.count])


def run(function: Callable[[int], object], count: int, label: str = "", progress: "Progress | None" = None,
        prefix: Prefix | None = None, renew: int = RENEW_ITEMS) -> list:
    """``[function(i) for i in range(count)]``, spread over forked workers; order is kept.

    An exception raised by ``function`` in a worker is raised here (as a
    RuntimeError with the worker's traceback when it cannot be pickled).
    Items are handed out in order, so ``prefix`` is called early when its
    items come first; it is called before this returns in any case.
    A worker exits once it has worked ``renew`` items and a fresh one is forked.
    """
    prefix = prefix or Prefix(0, lambda results: None)
    jobs = workers()
    if count < MIN_PARALLEL or jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        results: list = []
        prefix.offer(results, 0)
        for i in range(count):
            results.append(function(i))
            prefix.offer(results, i + 1)
            if progress is not None and i % 50 == 0:
                progress.update(label, i, count)
        prefix.offer(results, count, last=True)
        if progress is not None:
            progress.update(label, count, count)
        return results
    size = max(8, min(256, count // (jobs * 16) or 1))
    chunks = [(start, min(start + size, count)) for start in range(0, count, size)]
    return _Shared(function, chunks, jobs, renew).run(label, progress, count, prefix)


class _Shared:
    """One parallel run: chunks taken from a shared counter by ``children`` forked workers at a time,
    each renewed after ``renew`` items."""

    def __init__(self, function: Callable[[int], object], chunks: list[tuple[int, int]], children: int,
                 renew: int = RENEW_ITEMS):
        self.context = multiprocessing.get_context("fork")
        self.function, self.chunks, self.renew = function, chunks, renew
        self.counter = self.context.Value("q", 0)
        self.results = self.context.Queue()  # each worker sends through a thread of its own: it never waits to be read
        self.workers = [self.context.Process(target=self._work, daemon=True) for _ in range(children)]

    def run(self, label: str, progress: "Progress | None", count: int, prefix: Prefix) -> list:
        parts: dict[int, list] = {}
        leading = 0  # chunks 0 .. leading-1 are all in
        # Objects made before the fork are moved out of the collector's reach: a
        # collection in a worker would otherwise write to every one of them and so
        # copy the pages the worker shares with the parent (copy-on-write).
        gc.freeze()
        try:
            for worker in self.workers:
                worker.start()
            while len(parts) < len(self.chunks):
                self._receive(parts)
                _show(progress, label, parts, count)
                while leading in parts:
                    leading += 1
                ready = self.chunks[leading - 1][1] if leading else 0
                if not prefix.done and ready >= prefix.count:
                    prefix.offer([item for index in range(leading) for item in parts[index]], ready)
        finally:
            gc.unfreeze()
            for worker in self.workers:
                if worker.is_alive():
                    worker.terminate()
                worker.join()
            self.results.close()
        results = [item for index in range(len(self.chunks)) for item in parts[index]]
        prefix.offer(results, count, last=True)
        return results

    def _renew(self) -> None:
        """A fresh worker in the place of each that did its share while chunks are left; an error for one that died."""
        for place, worker in enumerate(self.workers):
            if worker.exitcode is None or worker.is_alive():
                continue
            if worker.exitcode != 0:
                raise RuntimeError("a worker process stopped before finishing its work")
            if self.counter.value < len(self.chunks):  # (one read: no lock needed)
                worker.join()
                gc.freeze()  # what the parent made since the last fork, too (see ``run``)
                self.workers[place] = self.context.Process(target=self._work, daemon=True)
                self.workers[place].start()

    def _take(self) -> int | None:
        with self.counter.get_lock():
            index = self.counter.value
            self.counter.value += 1
        return index if index < len(self.chunks) else None

    def _chunk(self, index: int) -> list:
        start, stop = self.chunks[index]
        return [self.function(i) for i in range(start, stop)]

    def _work(self) -> None:
        """In a worker: take chunks until none are left or ``renew`` items are done; send each result, or the error."""
        done = 0
        while done < self.renew and (index := self._take()) is not None:
            done += self.chunks[index][1] - self.chunks[index][0]
            try:
                message = pickle.dumps((index, self._chunk(index), None), pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:
                message = pickle.dumps((index, None, _portable(exc)), pickle.HIGHEST_PROTOCOL)
                self.results.put(message)
                return
            self.results.put(message)

    def _receive(self, parts: dict[int, list]) -> None:
        """Wait for the next result of a worker and keep it; raise the error a worker sent."""
        while True:
            self._renew()
            try:
                message = self.results.get(timeout=0.05)
            except queue.Empty:
                self._renew()
                if not any(worker.is_alive() for worker in self.workers):
                    raise RuntimeError("a worker process stopped before finishing its work") from None
                continue
            index, part, error = pickle.loads(message)
            if error is not None:
                raise error
            parts[index] = part
            return


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a RuntimeError carrying its traceback."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return RuntimeError(f"in a worker process:\n{text}")


def _show(progress: "Progress | None", label: str, parts: dict[int, list], count: int) -> None:
    if progress is not None:
        progress.update(label, min(count, sum(len(part) for part in parts.values())), count)


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

def meminfo(field: str) -> int | None:
    """The ``/proc/meminfo`` line ``field`` (e.g. ``MemAvailable``) in bytes; None where unknown."""
    prefix = field.encode("ascii") + b":"
    try:
        with open("/proc/meminfo", "rb") as f:
            for line in f:
                if line.startswith(prefix):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def tree_memory(pid: int | None = None, leave_out: frozenset[int] = frozenset()) -> int:
    """Bytes of memory a process (this one by default) and all its descendants use together.

    Each counts its proportional share (PSS, /proc/PID/smaps_rollup), so the
    pages forked workers still share with the builder count once; where PSS is
    unreadable the resident size counts. 0 where /proc is missing. The processes
    in ``leave_out`` and their descendants do not count.
    """
    return sum(tree_members(pid, leave_out).values())


def tree_members(pid: int | None = None, leave_out: frozenset[int] = frozenset()) -> dict[int, int]:
    """``tree_memory`` of each process of the tree: PID -> bytes."""
    pid = os.getpid() if pid is None else pid
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
                resident[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                continue
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    tree, todo = set(), [pid] if pid in parents else []
    while todo:
        tree.add(current := todo.pop())
        todo += [child for child in children.get(current, ()) if child not in tree and child not in leave_out]
    # Bytes each accounts for, shared pages divided among their sharers (PSS).
    return {member: _proc_kilobytes(f"/proc/{member}/smaps_rollup", b"Pss:", resident.get(member, 0)) for member in tree}


def run_measured(command: list[str], timeout: float) -> tuple[subprocess.CompletedProcess, int]:
    """``subprocess.run(command, capture_output=True, text=True, timeout=timeout)``, and the
    most memory the command held at once (its own high-water mark, ``VmHWM``, read while it
    runs; 0 where unknown). Not wait4's ``ru_maxrss``: Linux carries the spawning process's
    resident size into the child's across exec, so a 300 MB builder would read every command
    it runs as 300 MB. It is read every 20 ms, so a command that peaks and ends between two
    reads is read short: meant for commands that run for seconds (Pagefind)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs: dict[str, str] = {}
    readers = [threading.Thread(target=lambda name=name, stream=stream: outputs.__setitem__(name, stream.read()),
                                daemon=True) for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    killed: list[bool] = []
    timer = threading.Timer(timeout, lambda: killed.append(True) or process.kill())
    timer.start()
    peak = 0
    try:
        while True:
            reaped, status = os.waitpid(process.pid, os.WNOHANG)
            if reaped:
                break
            peak = max(peak, _high_water(process.pid))
            time.sleep(0.02)
    finally:
        timer.cancel()
    for reader in readers:
        reader.join()
    process.stdout.close()
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    if killed:
        raise subprocess.TimeoutExpired(command, timeout)
    done = subprocess.CompletedProcess(command, process.returncode, outputs.get("out", ""), outputs.get("err", ""))
    return done, peak


def _high_water(pid: int) -> int:
    """The most resident memory ``pid``'s present program has held, in bytes (0 where unknown)."""
    return _proc_kilobytes(f"/proc/{pid}/status", b"VmHWM:", 0)


def _proc_kilobytes(path: str, field: bytes, default: int) -> int:
    """Bytes of a ``field: N kB`` line of a /proc file; ``default`` where it cannot be read."""
    try:
        with open(path, "rb") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return default


def process_tag(pid: int | None = None) -> str:
    """``PID.START`` for a process (this one by default): its PID and when it started (clock
    ticks since boot, 0 where unknown), so a PID the system hands out again is not mistaken
    for the process that left a file behind."""
    pid = os.getpid() if pid is None else pid
    return f"{pid}.{_start_time(pid) or 0}"


def tag_alive(tag: str) -> bool:
    """Whether the process a ``process_tag`` names still runs (unsure counts as alive)."""
    pid, _, start = tag.partition(".")
    if not pid.isdigit() or not start.isdigit():
        return True
    now = _start_time(int(pid))
    if now is not None:
        return start == "0" or int(start) == now
    if os.path.isdir("/proc/self"):
        return False  # /proc lists every process, and not this one
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def owner_tag(name: str, prefix: str) -> str | None:
    """The ``process_tag`` in a file name made as ``prefix + tag + "." + more``; None if it has none."""
    if not name.startswith(prefix):
        return None
    pid, start, *more = name[len(prefix):].split(".") + ["", ""]
    return f"{pid}.{start}" if pid.isdigit() and start.isdigit() else None


def left_by_dead_process(name: str, prefix: str) -> bool:
    """Whether ``name`` is a file or folder that a process which no longer runs made (see ``owner_tag``)."""
    tag = owner_tag(name, prefix)
    return tag is not None and not tag_alive(tag)


def _start_time(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return int(f.read().rsplit(b")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def cycle_collection_paused():
    """Python's cycle collector off for one build (and in the workers it forks), then as it was.

    Nearly everything a build makes lives until the build ends, and it makes
    few reference cycles, yet the collector scans the whole growing heap each
    time it has grown by a quarter (what that cost: benchmarks/README.md).
    ``serve`` builds again and again in one process, so the collector
    is switched back on when the build is over.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
