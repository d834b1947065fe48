"""The build cache: stores written atomically, settled early, read back equal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, REPO, TODAY
from site_builder.build import BuildOptions, build
from site_builder.cache import BuildCache
from site_builder.errors import SiteError

TEMPLATES = REPO / "templates"


def test_settle_writes_at_once_and_a_one_shot_cache_lets_go(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", resident=False)
    data = {b"key": b"parsed document"}
    cache.replace("documents-briefings", data)
    cache.settle("documents-briefings")
    assert (tmp_path / "cache" / "documents-briefings.pickle").is_file()
    assert "documents-briefings" not in cache._stores
    assert cache.store("documents-briefings") == data  # read back from disk
    assert BuildCache(tmp_path / "cache").store("documents-briefings") == data


def test_a_resident_cache_keeps_a_settled_store_in_memory(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache")
    data = {b"key": b"parsed document"}
    cache.replace("bodies", data)
    cache.settle("bodies")
    assert cache.store("bodies") is data
    assert BuildCache(tmp_path / "cache").store("bodies") == data


def test_a_disabled_cache_settles_nothing(tmp_path: Path) -> None:
    cache = BuildCache(None, resident=False)
    cache.replace("bodies", {b"k": b"v"})
    cache.settle("bodies")
    cache.save()
    assert not any(tmp_path.iterdir())


def test_a_build_that_fails_while_rendering_keeps_its_parsed_documents(tmp_path: Path) -> None:
    """Parsing is keyed by the files' bytes, so it stays true when a template breaks later."""
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    briefing = templates / "briefing.html"
    text = briefing.read_text(encoding="utf-8")
    assert "</article>" in text
    briefing.write_text(text.replace("</article>", "{{ no_such_thing.attribute }}</article>", 1), encoding="utf-8")
    options = BuildOptions(content=FIXTURE_SITE, output=tmp_path / "public", templates=templates,
                           today=TODAY, cache_dir=tmp_path / "cache", progress=False)
    with pytest.raises(SiteError) as failed:
        build(options)
    assert "briefing.html" in str(failed.value) and "no_such_thing" in str(failed.value)
    assert not (tmp_path / "public").exists()
    parsed = BuildCache(tmp_path / "cache").store("documents-briefings")
    briefings = sorted((FIXTURE_SITE / "briefings").glob("*.md"))
    assert briefings and len(parsed) == len(briefings)
    assert not (tmp_path / "cache" / "last-build.pickle").exists()  # nothing claims the build finished
