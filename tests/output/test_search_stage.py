"""The build's search stage: Pagefind indexing early, beside the render workers, and its fallbacks."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, TODAY, build_into

from site_builder.output import search
from site_builder.output import search_stage
from site_builder.build import BuildOptions, build
from site_builder.errors import SiteError

pytestmark = pytest.mark.skipif(search.pagefind_executable() is None,
                                reason="Pagefind is not installed: pip install -e '.[search]'")


def _searchable_pages(public: Path) -> set[str]:
    return {p.relative_to(public).as_posix() for p in public.rglob("*.html") if search.MARKER in p.read_bytes()}


def _indexed_urls(public: Path) -> set[str]:
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in public.glob("pagefind/**/fragment/*")]
    return {f["url"].lstrip("/") + ("index.html" if f["url"].endswith("/") else "") for f in fragments}


def _record_runs(monkeypatch, seconds: float = 0.0) -> list[tuple[str, bool, list[str]]]:
    """Each Pagefind run as (thread name, whether rendering had finished, its pages);
    each run made to take at least ``seconds``."""
    from site_builder.output import produce
    calls, rendering = [], [True]
    real_shard, real_render = search.index_shard, produce.OutputWriter.render_pages

    def index_shard(pages, *args, **kwargs):
        calls.append((threading.current_thread().name, not rendering[0], sorted(path for path, _ in pages)))
        time.sleep(seconds)
        return real_shard(pages, *args, **kwargs)

    def render_pages(self, *args, **kwargs):
        rendering[0] = True
        try:
            return real_render(self, *args, **kwargs)
        finally:
            rendering[0] = False
    monkeypatch.setattr(search, "index_shard", index_shard)
    monkeypatch.setattr(produce.OutputWriter, "render_pages", render_pages)
    return calls


def _first_run_before_the_rest(monkeypatch, calls: list) -> None:
    """The pages after those meant for the index wait (10 s at most) until the first Pagefind run
    has begun (``calls`` is not empty), so a small site's rendering cannot outrun it."""
    real_start = search_stage.EarlySearch.start

    def start(self):
        real_start(self)
        deadline = time.monotonic() + 10
        while not calls and time.monotonic() < deadline:
            time.sleep(0.01)
    monkeypatch.setattr(search_stage.EarlySearch, "start", start)


def _build(content: Path, tmp_path: Path, **options):
    return build(BuildOptions(content=content, output=tmp_path / "public", today=TODAY, cache_dir=tmp_path / "cache",
                              search_shard_pages=2, **options))


def test_indexing_starts_while_the_other_pages_render(content: Path, tmp_path: Path, monkeypatch):
    calls = _record_runs(monkeypatch, seconds=0.3)
    _first_run_before_the_rest(monkeypatch, calls)
    report = _build(content, tmp_path)
    public = tmp_path / "public"
    searchable = _searchable_pages(public)
    runs = search.plan_shards(sorted(searchable), 2)
    assert len(runs) >= 4
    assert calls[0][:2] == ("search index", False), "the first run starts in its thread while pages render"
    assert {call[0] for call in calls} == {"search index"}, "one run at a time, all in that thread"
    assert sorted(pages for _, _, pages in calls) == sorted(runs), "every run indexed once"
    assert _indexed_urls(public) == searchable
    took, beside = report.early_search
    assert took >= beside > 0


def test_a_searchable_page_not_rendered_first_is_indexed_all_the_same(content: Path, tmp_path: Path, monkeypatch):
    from site_builder.output import produce
    real = produce.OutputWriter.render_pages

    def wrong_hints(self, jobs, *args, **kwargs):  # the term pages' hint lost
        jobs = [dataclasses.replace(job, indexed=False) if job.template == "term.html" else job for job in jobs]
        return real(self, jobs, *args, **kwargs)
    monkeypatch.setattr(produce.OutputWriter, "render_pages", wrong_hints)
    calls = _record_runs(monkeypatch)
    _first_run_before_the_rest(monkeypatch, calls)
    _build(content, tmp_path)
    public = tmp_path / "public"
    searchable = _searchable_pages(public)
    assert any(path.startswith("countries/") for path in searchable)
    assert calls[0][0] == "search index"
    again = [pages for thread, done, pages in calls if thread == "MainThread" and done]
    assert sorted(again) == sorted(search.plan_shards(sorted(searchable), 2)), "indexed again, every run"
    assert _indexed_urls(public) == searchable


def test_with_no_room_in_the_memory_budget_indexing_waits_for_rendering(content: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_MEMORY", "1")  # 1 MB: no Pagefind run fits beside the renderers
    calls = _record_runs(monkeypatch)
    report = _build(content, tmp_path)
    public = tmp_path / "public"
    assert calls and {call[:2] for call in calls} == {("search index", True)}, "every run after rendering"
    assert _indexed_urls(public) == _searchable_pages(public)
    took, beside = report.early_search
    assert took > 0 and beside == 0


def test_a_run_fits_when_the_build_now_and_its_expected_peak_are_within_the_budget():
    room = search_stage.MemoryRoom(0, 1 << 20)
    room.budget = room.held() + (60 << 20)  # 60 MB to spare, 1 MB a page
    assert room.fits(10) and not room.fits(100)
    room.after(10, 30 << 20)  # a run of 10 pages peaked at 30 MB: 3 MB a page from now on
    assert room.per_page == 3 << 20 and room.fits(10) and not room.fits(25)
    room.after(10, 10 << 20)  # the most measured is kept
    assert room.per_page == 3 << 20


def test_a_run_without_room_waits_until_rendering_is_over():
    room = search_stage.MemoryRoom(0, 1 << 20)
    went = threading.Event()
    runner = threading.Thread(target=lambda: room.before(10) or went.set())
    runner.start()
    assert not went.wait(0.5), "waits while rendering goes on"
    room.rendered.set()
    assert went.wait(10) and room.waited
    runner.join()
    room.before(10 ** 6)  # rendering is over: no wait, whatever the size


def test_the_memory_a_pagefind_run_held_is_measured_and_kept_for_the_next_build(content: Path, tmp_path: Path):
    _build(content, tmp_path)
    first = search_stage.BuildCache(tmp_path / "cache").store("search")["page_bytes"]
    assert first > 0 and first != search_stage.PAGEFIND_PAGE_BYTES, "measured, not the first guess"


def test_a_failure_while_indexing_early_leaves_no_scratch_and_the_old_site(content: Path, tmp_path: Path,
                                                                            monkeypatch):
    public = build_into(content, tmp_path / "public")
    before = {p.relative_to(public).as_posix(): p.read_bytes() for p in public.rglob("*") if p.is_file()}
    monkeypatch.setattr(search, "MEMORY_DIR", str(tmp_path / "shm"))
    (tmp_path / "shm").mkdir()
    real = search._run_pagefind
    started = []
    monkeypatch.setattr(search, "_run_pagefind",  # still indexing when the error comes
                        lambda *a: started.append(threading.current_thread().name) or time.sleep(1) or real(*a))
    _first_run_before_the_rest(monkeypatch, started)
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    timeline = templates / "timeline.html"  # rendered after the pages meant for the index
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}{{ 1 // 0 }}", 1),
                        encoding="utf-8")
    with pytest.raises(SiteError, match="ZeroDivisionError"):
        build_into(content, public, templates=templates, cache_dir=None)
    assert started == ["search index"]
    assert list((tmp_path / "shm").iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "search index"], "the indexing thread is over"
    assert {p.relative_to(public).as_posix(): p.read_bytes() for p in public.rglob("*") if p.is_file()} == before


def test_after_a_body_edit_the_index_chooses_pages_and_indexing_starts_beside_the_rest(content: Path, tmp_path: Path,
                                                                                     monkeypatch):
    from site_builder.output import produce, reasons
    _build(content, tmp_path)
    briefing = sorted((content / "briefings").glob("*.md"))[0]
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\nA sentence an editor added.\n", encoding="utf-8")
    events: list[tuple[str, str]] = []
    real_shard, real_produce = search.index_shard, produce._produce

    def index_shard(pages, *args, **kwargs):
        events.append(("index", ""))
        return real_shard(pages, *args, **kwargs)

    def produce_slowly(index):  # each page not meant for the index takes a while
        job = produce._work[0].jobs[index]
        if not job.indexed:
            time.sleep(0.1)
        events.append(("indexed page" if job.indexed else "other page", job.path))
        return real_produce(index)
    monkeypatch.setattr(search, "index_shard", index_shard)
    monkeypatch.setattr(produce, "_produce", produce_slowly)
    report = _build(content, tmp_path)
    assert reasons.BY_INDEX in report.reasons
    kinds = [kind for kind, _ in events]
    assert "index" in kinds and "other page" in kinds, events
    assert kinds.index("index") < len(kinds) - 1 - kinds[::-1].index("other page"), \
        f"indexing starts before the last page not meant for the index is rendered: {events}"
    assert all(kind != "indexed page" for kind in kinds[kinds.index("index"):]), "indexed pages are all rendered first"
    public = tmp_path / "public"
    assert _indexed_urls(public) == _searchable_pages(public)
    assert "A sentence an editor added." in "".join(
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in public.glob("pagefind/**/fragment/*"))


def test_an_edit_looks_up_the_files_of_the_runs_it_indexes_again_only(content: Path, tmp_path: Path, monkeypatch):
    """The search stage is handed where every searchable page is (``write.PageFiles``) and asks
    for the pages of the runs it indexes again, not for every page of the site."""
    from site_builder.output import write
    _build(content, tmp_path)
    calls = _record_runs(monkeypatch)
    asked: list[str] = []
    real_item = write.PageFiles.__getitem__

    def item(self, rel):
        asked.append(rel)
        return real_item(self, rel)
    monkeypatch.setattr(write.PageFiles, "__getitem__", item)
    briefing = sorted((content / "briefings").glob("*.md"))[0]
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\nA sentence an editor added.\n", encoding="utf-8")
    _build(content, tmp_path)
    reindexed = sorted(page for _, _, pages in calls for page in pages)
    assert reindexed and sorted(asked) == reindexed
    assert len(asked) < len(_searchable_pages(tmp_path / "public")) / 2


HOLD = "import sys, time; block = bytearray(int(sys.argv[1]) << 20); block[::4096] = b'x' * len(block[::4096]); " \
       "print('ready', flush=True); time.sleep(60)"


def _holding(megabytes: int) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(megabytes)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory is read from /proc")
def test_the_memory_budget_counts_the_children_the_build_makes_not_those_it_found():
    """A program that runs builds in-process (a test runner beside a validator or a browser) has
    children of its own: they are not the build's, and must not keep its indexing waiting."""
    own = frozenset(search_stage.tree_members()) - {os.getpid()}
    budget = search_stage.tree_memory(leave_out=own) + (150 << 20)  # this process, and 150 MB more
    found = _holding(300)
    try:
        room = search_stage.MemoryRoom(budget=budget, per_page=1)
        assert room.fits(1), "a child that was there before the build does not count"
        made = _holding(300)
        try:
            assert not room.fits(1), "a child made during the build counts"
        finally:
            made.kill()
            made.wait()
    finally:
        found.kill()
        found.wait()
