"""The build's search stage: which Pagefind runs a build needs, and indexing them early.

``search`` talks to Pagefind; this decides what to index. Each run's key is
a hash of its pages' paths and of what Pagefind reads of them
(``search.index_digest``), so a build indexes again only the runs whose pages'
indexed parts changed: a template edit outside them indexes nothing again.
``EarlySearch`` starts indexing as soon as the pages meant for the index are
rendered, in a thread beside the workers rendering the rest, each Pagefind run
only when it fits in the build's memory budget (``MemoryRoom``).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

from site_builder.output import search
from site_builder.cache import BuildCache, digest
from site_builder.processes import meminfo, tree_members, tree_memory
from site_builder.output.produce import OutputWriter
from site_builder.output.write import PageFiles
from site_builder.output.search import SHARD_PAGES

STALE = b"stale"


@dataclass
class _SearchPlan:
    """The Pagefind runs for the searchable pages the writer knows of, and each run's key."""

    runs: list[list[str]]
    keys: list[bytes]
    sources: PageFiles  # a page's file is found only for the runs indexed again
    old: list[dict]


def _plan_search(writer: OutputWriter, cache: BuildCache, language: str, shard_pages: int) -> _SearchPlan:
    sources = writer.searchable_pages()
    runs = search.plan_shards(list(sources), shard_pages)
    # What Pagefind reads of each page, not its bytes: an edit outside the indexed part indexes nothing again.
    keys = [digest(language, str(len(runs)), *(p + writer.searchable[p].hex() for p in run)) for run in runs]
    old = cache.store("search").get("shards", []) if cache.enabled else []
    return _SearchPlan(runs, keys, sources, old)


MEMORY_BUDGET = 1 << 30  # the most all of a build's processes should hold at once; SITE_BUILDER_MEMORY (MB) overrides
# Pagefind's peak memory per page of a run, until a run is measured: runs of 1,000 pages of
# the 10,000-briefing term-heavy corpus peaked at 176-197 MB (benchmarks/README.md).
PAGEFIND_PAGE_BYTES = 200 << 10


def available_memory() -> int:
    """What the kernel estimates it can give without swapping (MemAvailable); unknown counts as plenty."""
    available = meminfo("MemAvailable")
    return 1 << 62 if available is None else available


def memory_budget() -> int:
    """The build's memory budget: SITE_BUILDER_MEMORY megabytes, or ``MEMORY_BUDGET``."""
    wanted = os.environ.get("SITE_BUILDER_MEMORY", "")
    return int(wanted) << 20 if wanted.isdigit() else MEMORY_BUDGET


class MemoryRoom:
    """Whether a Pagefind run may start beside the render workers: only when the memory
    all the build's processes hold now (``tree_memory``), plus the run's expected peak,
    fits in ``budget``; otherwise the run waits until rendering is over.

    A run's expected peak is its pages times the most memory per page a run of
    this build, or of the last one (``per_page``), held. The workers' growth
    during that one run is not foreseen: the check is made again before each run.
    """

    def __init__(self, budget: int, per_page: int):
        self.budget, self.per_page = budget, per_page
        # Children this process had before the build (a program running builds in-process, such
        # as a test runner with a browser or a validator): not the build's, so not counted.
        self.others = frozenset(tree_members()) - {os.getpid()}
        self.rendered = threading.Event()  # set once the render workers are gone
        self.waited = False  # a run waited for the end of rendering
        self.first_run: float | None = None  # perf_counter when the first run started
        self.measured = False  # ``per_page`` comes from a run of this build

    def fits(self, pages: int) -> bool:
        return self.held() + pages * self.per_page <= self.budget

    def held(self) -> int:
        """Bytes the build's processes hold now: this one and the children it made."""
        return tree_memory(leave_out=self.others)

    def before(self, pages: int) -> None:
        if not self.rendered.is_set() and not self.fits(pages):
            self.waited = True
            self.rendered.wait()
        if self.first_run is None:
            self.first_run = time.perf_counter()

    def after(self, pages: int, peak: int) -> None:
        if pages and peak:
            self.per_page = max(self.per_page, peak // pages) if self.measured else peak // pages
            self.measured = True


class EarlySearch:
    """Pagefind indexing, in a thread, the pages meant for the index while the other pages render.

    Pagefind keeps about one and a half of two cores busy, so rendering beside
    it fills the rest. The bundle is used only if the finished build has the
    same searchable pages, read the same, as the ones indexed early (the
    pages meant for the index are a hint from ``render``); otherwise the
    search stage indexes again.
    """

    def __init__(self, writer: OutputWriter, cache: BuildCache, language: str, shard_pages: int):
        self.writer, self.cache, self.language, self.shard_pages = writer, cache, language, shard_pages
        self.plan: _SearchPlan | None = None
        self.shards: list[dict] | None = None
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.span: tuple[float, float] | None = None  # perf_counter when indexing started and ended
        per_page = cache.store("search").get("page_bytes") if cache.enabled else None
        self.room = MemoryRoom(memory_budget(), per_page or PAGEFIND_PAGE_BYTES)

    def start(self) -> None:
        """Called in the main thread once the pages meant for the index are recorded.

        Pagefind beside the render workers adds its memory to theirs (at 10k
        briefings about 180 MB to 0.9-1.0 GB), so each run waits for the end of
        rendering unless ``MemoryRoom`` finds room for it; the budget is never
        more than the build holds now plus what the machine has available.
        """
        self.room.budget = min(self.room.budget, self.room.held() + available_memory())
        self.plan = _plan_search(self.writer, self.cache, self.language, self.shard_pages)
        self.thread = threading.Thread(target=self._index, name="search index", daemon=True)
        self.thread.start()

    def _index(self) -> None:
        plan, began = self.plan, time.perf_counter()
        try:
            self.shards = search.index_runs(plan.runs, plan.sources, self.language, plan.keys, plan.old,
                                            stop=self.stop, gate=self.room)
        except BaseException as exc:  # raised in the main thread by ``result``
            self.error = exc
        finally:
            self.span = (self.room.first_run or began, time.perf_counter())

    def overlap(self, rendered_at: float) -> tuple[float, float] | None:
        """(seconds indexing took, seconds of them before ``rendered_at``), once it is over."""
        if self.span is None:
            return None
        began, ended = self.span
        return ended - began, max(0.0, min(ended, rendered_at) - began)

    def rendering_over(self) -> None:
        """Called once the render workers are gone: runs waiting for room go on."""
        self.room.rendered.set()

    def cancel(self) -> None:
        """Stop after the run in progress and wait for it (its scratch folder is removed)."""
        self.stop.set()
        self.room.rendered.set()
        if self.thread is not None:
            self.thread.join()

    def result(self, plan: _SearchPlan) -> tuple[bool, list[dict] | None]:
        """(True, shards) when the early index is the one ``plan`` asks for; (False, None) otherwise.

        The runs stay one at a time, in the thread: a second Pagefind run beside
        the first once rendering was over saved little and raised the peak
        memory of all processes at 10k from about 1.35 GB to 1.56 GB.
        """
        self.room.rendered.set()  # called once rendering is over: runs waiting for room go on
        if self.thread is None:
            return False, None
        if (plan.runs, plan.keys) != (self.plan.runs, self.plan.keys):
            self.cancel()
            return False, None
        self.thread.join()
        if self.error is not None:
            raise self.error
        return True, self.shards


def search_index(writer: OutputWriter, cache: BuildCache, language: str, reindex: bool = True,
                  shard_pages: int = SHARD_PAGES, early: EarlySearch | None = None) -> list[tuple[str, bytes]]:
    """The search bundle; each of its runs (``search.plan_shards``) indexed again only when
    one of its pages changed, so an edit re-indexes the run that holds the edited page.

    With ``reindex`` false the last bundle is kept even when pages changed (it
    may miss the latest edits) and marked stale, so the next build with
    ``reindex`` indexes again and a stale build is never taken as up to date.
    ``early`` is the indexing started while pages rendered, used when it
    indexed the pages this build has.
    """
    plan = _plan_search(writer, cache, language, shard_pages)
    store = cache.store("search")
    if cache.enabled and not reindex and plan.old and [s["key"] for s in plan.old] != plan.keys:
        cache.replace("search", {"key": STALE, "shards": plan.old})  # not up to date: no warm skip
        return search.bundle_files(plan.old)
    matched, shards = early.result(plan) if early is not None else (False, None)
    if not matched:
        shards = search.index_runs(plan.runs, plan.sources, language, plan.keys, plan.old)
    page_bytes = early.room.per_page if early is not None and early.room.measured else store.get("page_bytes")
    if shards is not None and cache.enabled and (shards != plan.old or store.get("key") == STALE
                                                 or page_bytes != store.get("page_bytes")):
        cache.replace("search", {"key": digest(*plan.keys), "shards": shards, "page_bytes": page_bytes})
    return search.bundle_files(shards)
