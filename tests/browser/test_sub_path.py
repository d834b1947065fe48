"""The site published under a path (base_url https://example.org/watch/): pages, body links,
assets and search all stay under /watch/ in a real browser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build

from .conftest import REPO, real_errors, serve_folder

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


@pytest.fixture(scope="module")
def sub_path_url(tmp_path_factory):
    """The site built into <root>/watch/ with its search split into bundles, the root served."""
    root = tmp_path_factory.mktemp("sub-path")
    build(BuildOptions(content=REPO / "content", output=root / "watch", today=dt.date(2026, 1, 1), cache_dir=None,
                       base_url="https://example.org/watch/", search_shard_pages=2))
    for url in serve_folder(root):
        yield url + "/watch/"


def _failures(page) -> list[str]:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return failed


def test_a_reader_goes_from_home_through_a_briefing_to_an_entity_under_the_path(sub_path_url, make_page):
    watched = make_page()
    page, failed = watched.page, _failures(watched.page)
    page.goto(sub_path_url)
    assert page.locator("link[rel=stylesheet]").first.get_attribute("href").startswith("/watch/assets/")
    assert page.evaluate("[...document.styleSheets].some(s => s.cssRules.length > 0)"), "the stylesheet loaded"
    page.locator("article.card h3 a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(sub_path_url + "briefings/"), page.url
    entity = page.locator(".prose a.entity").first
    assert entity.get_attribute("href").startswith("/watch/")
    entity.click()
    page.wait_for_load_state()
    assert page.url.startswith(sub_path_url) and page.locator("h1").inner_text().strip()
    assert failed == [] and real_errors(watched) == []


def test_search_under_the_path_finds_briefings_and_links_to_them_there(sub_path_url, make_page):
    watched = make_page()
    page, failed = watched.page, _failures(watched.page)
    page.goto(sub_path_url + "search/?q=election")
    links = page.locator(".search-result-link")
    expect(links.first).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(href.startswith("/watch/") for href in hrefs), hrefs
    links.first.click()
    page.wait_for_load_state()
    assert page.url == sub_path_url.removesuffix("/watch/") + hrefs[0]
    assert failed == [] and real_errors(watched) == []
