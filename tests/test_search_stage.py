"""The build's search stage: Pagefind indexing early, beside the render workers, and its fallbacks."""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import TODAY, build_into

from site_builder import search, search_stage
from site_builder.build import BuildOptions, build

pytestmark = pytest.mark.skipif(search.pagefind_executable() is None,
                                reason="Pagefind is not installed: pip install -e '.[search]'")


def _searchable_pages(public: Path) -> set[str]:
    return {p.relative_to(public).as_posix() for p in public.rglob("*.html") if search.MARKER in p.read_bytes()}


def _indexed_urls(public: Path) -> set[str]:
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in public.glob("pagefind/**/fragment/*")]
    return {f["url"].lstrip("/") + ("index.html" if f["url"].endswith("/") else "") for f in fragments}


def _record_index_runs(monkeypatch, produce_done: list[bool]) -> list[tuple[str, bool, int]]:
    """Each ``index_runs`` call as (thread name, whether rendering had finished, pages)."""
    from site_builder import produce
    calls = []
    real_runs, real_render = search.index_runs, produce.OutputWriter.render_pages

    def index_runs(runs, *args, **kwargs):
        calls.append((threading.current_thread().name, produce_done[0], sum(map(len, runs))))
        return real_runs(runs, *args, **kwargs)

    def render_pages(self, *args, **kwargs):
        produce_done[0] = False
        result = real_render(self, *args, **kwargs)
        produce_done[0] = True
        return result
    monkeypatch.setattr(search, "index_runs", index_runs)
    monkeypatch.setattr(produce.OutputWriter, "render_pages", render_pages)
    return calls


def test_indexing_starts_while_the_other_pages_render(content: Path, tmp_path: Path, monkeypatch):
    calls = _record_index_runs(monkeypatch, [False])
    report = build(BuildOptions(content=content, output=tmp_path / "public", today=TODAY, cache_dir=tmp_path / "cache"))
    searchable = _searchable_pages(tmp_path / "public")
    assert calls == [("search index", False, len(searchable))], "one indexing, in its thread, before rendering ended"
    assert _indexed_urls(tmp_path / "public") == searchable
    took, beside = report.early_search
    assert took >= beside >= 0 and took > 0


def test_a_searchable_page_not_rendered_first_is_indexed_all_the_same(content: Path, tmp_path: Path, monkeypatch):
    from site_builder import produce
    real = produce.OutputWriter.render_pages

    def wrong_hints(self, jobs, *args, **kwargs):  # the term pages' hint lost
        jobs = [dataclasses.replace(job, indexed=False) if job.template == "term.html" else job for job in jobs]
        return real(self, jobs, *args, **kwargs)
    monkeypatch.setattr(produce.OutputWriter, "render_pages", wrong_hints)
    calls = _record_index_runs(monkeypatch, [False])
    public = build_into(content, tmp_path / "public", cache_dir=tmp_path / "cache")
    searchable = _searchable_pages(public)
    assert any(path.startswith("countries/") for path in searchable)
    assert [(thread, done) for thread, done, _ in calls] == [("search index", False), ("MainThread", True)]
    assert calls[0][2] < calls[1][2] == len(searchable)
    assert _indexed_urls(public) == searchable


def test_with_little_memory_indexing_waits_for_rendering(content: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(search_stage, "available_memory", lambda: search_stage.EARLY_SEARCH_MEMORY - 1)
    calls = _record_index_runs(monkeypatch, [False])
    public = build_into(content, tmp_path / "public", cache_dir=tmp_path / "cache")
    assert calls == [("MainThread", True, len(_searchable_pages(public)))]
    assert _indexed_urls(public) == _searchable_pages(public)


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
    templates = tmp_path / "templates"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", templates)
    timeline = templates / "term_timeline.html"  # rendered after the pages meant for the index
    timeline.write_text(timeline.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}{{ 1 // 0 }}", 1),
                        encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        build_into(content, public, templates=templates, cache_dir=None)
    assert started == ["search index"]
    assert list((tmp_path / "shm").iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "search index"], "the indexing thread is over"
    assert {p.relative_to(public).as_posix(): p.read_bytes() for p in public.rglob("*") if p.is_file()} == before
