"""The preview server in a real browser: a save reloads the open page, every time.

``site-builder serve`` runs as a subprocess; chromium opens a briefing with
livereload's script, the test edits the briefing's file, and the page must
show the edit without being touched, under the deployed site's
Content-Security-Policy (no inline script). Two saves a second apart must both show
(livereload alone ignored a reload within 3 s of the last one). The time from
save to reloaded page is printed; the target lives in benchmarks/live_edit.py.
"""

from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import production_headers
from safety.helpers import FIXTURE, Project
from safety.test_serve import BRIEFING, serving, wait_for
from site_builder.build import DEFAULT_STATIC, DEFAULT_TEMPLATES

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.copytree(DEFAULT_TEMPLATES, tmp_path / "templates")
    shutil.copytree(DEFAULT_STATIC, tmp_path / "static")
    return Project(tmp_path)


def test_a_saved_edit_reloads_the_open_page_each_time(project: Project, make_page):
    with serving(project) as (base, server, log, _):
        url = f"{base}/briefings/tiktok-czech-accounts/"
        wait_for(url, lambda status, body: status == 200, server, log)
        watched = make_page()
        page = watched.page
        response = page.goto(url)
        # The deployed site's policy, which allows no inline script: the reload script is a file of the preview.
        assert response.headers["content-security-policy"] == production_headers()["Content-Security-Policy"]
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
        times = []
        for n in (1, 2):
            text = f"Edit number {n} while previewing."
            path = project.path(BRIEFING)
            start = time.perf_counter()
            path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
            expect(page.locator("main")).to_contain_text(text, timeout=10_000)
            times.append(time.perf_counter() - start)
            time.sleep(0.5)
        print(f"save to reloaded page: {', '.join(f'{t * 1000:.0f} ms' for t in times)}")
        assert watched.take_errors() == [], "nothing the policy blocked, no failed request"
        assert server.poll() is None


def test_the_problems_page_keeps_its_style_and_reloads_under_the_policy(project: Project, make_page):
    """Broken content shows the problems page, styled by a file of the preview (the policy allows no
    inline style), and it reloads by itself into the page once the content is fixed."""
    with serving(project) as (base, server, log, _):
        url = f"{base}/briefings/tiktok-czech-accounts/"
        wait_for(url, lambda status, body: status == 200, server, log)
        watched = make_page()
        page = watched.page
        page.goto(url)
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
        project.edit(BRIEFING, "countries: [Czechia, Russia]", "countries: [Czechai, Russia]")
        expect(page.locator("h1")).to_have_text("The site could not be rebuilt", timeout=10_000)
        # The reloaded page's h1 can be in the DOM before its stylesheet has arrived: wait for the style.
        expect(page.locator("body")).to_have_css("max-width", "960px", timeout=10_000)
        with pytest.raises(urllib.error.HTTPError) as problems:
            urllib.request.urlopen(url, timeout=10)
        assert problems.value.code == 500
        assert problems.value.headers["Content-Security-Policy"] == production_headers()["Content-Security-Policy"]
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
        project.edit(BRIEFING, "countries: [Czechai, Russia]", "countries: [Czechia, Russia]")
        expect(page.locator("h1")).not_to_have_text("The site could not be rebuilt", timeout=10_000)
        blocked = [e for e in watched.take_errors() if "status of 500" not in e]  # the problems page's own status
        assert blocked == [], "nothing the policy blocked, no failed request"


def test_an_edit_reloads_the_pages_that_show_it_first_and_leaves_the_others_alone(project: Project, make_page):
    """Three tabs: the briefing, a country's page listing it, the timeline (which shows only its title).
    A summary edit renders those two pages first and reloads their tabs; the rest of the edit's pages
    follow, and the timeline's tab is never reloaded."""
    with serving(project) as (base, server, log, _):
        urls = {name: f"{base}/{path}" for name, path in
                (("own", "briefings/tiktok-czech-accounts/"), ("term", "countries/czechia/"), ("other", "timeline/"))}
        wait_for(urls["own"], lambda status, body: status == 200, server, log)
        wait_for(base + "/", lambda status, body: "Ready for quick edits" in log.read_text(), server, log)
        pages = {}
        for name, url in urls.items():
            pages[name] = make_page().page
            pages[name].goto(url)
            pages[name].wait_for_function("() => window.LiveReload !== undefined", timeout=10_000)
            pages[name].evaluate("window.notReloaded = true")
        time.sleep(0.5)  # every client has said which page it shows
        project.edit(BRIEFING, "TikTok removed dozens of accounts", "TikTok took down dozens of accounts")
        for name in ("own", "term"):
            expect(pages[name].locator("main")).to_contain_text("TikTok took down dozens", timeout=10_000)
        wait_for(base + "/", lambda status, body: "Then " in log.read_text(), server, log)
        assert "2 pages rendered" in log.read_text(), "the briefing's page and the country's, first"
        time.sleep(0.5)
        kept = {name: page.evaluate("window.notReloaded === true") for name, page in pages.items()}
        assert kept == {"own": False, "term": False, "other": True}
        assert server.poll() is None
