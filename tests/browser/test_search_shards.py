"""Search over an index split into several Pagefind bundles, merged by the search page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import real_errors
from .pages import CZECH_BRIEFING, search_filtered_by_platform

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


def test_the_index_really_is_split(sharded_site_dir: Path):
    listing = json.loads((sharded_site_dir / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(listing["bundles"]) >= 3
    for bundle in listing["bundles"]:
        assert (sharded_site_dir / bundle / "pagefind.js").is_file()


def test_merged_search_finds_results_from_every_bundle(sharded_base_url, sharded_site_dir, make_page):
    watched = make_page()
    search_filtered_by_platform(watched, sharded_base_url, sharded_site_dir)
    assert real_errors(watched) == []


def test_merged_search_ranks_across_bundles(sharded_base_url, make_page):
    watched = make_page()
    page = watched.page
    page.goto(sharded_base_url + "/search/?q=TikTok%20Czech")
    expect(page.locator(".search-result-link").first).to_have_attribute("href", CZECH_BRIEFING)
    assert real_errors(watched) == []
