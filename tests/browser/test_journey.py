"""A reader's journey by clicking, search, filters: Debian's chromium, the production CSP, no console errors.

Screenshots at 375 px and 1280 px go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import real_errors
from .pages import CZECH_BRIEFING, briefings_naming, search_filtered_by_platform

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

WIDTHS = (375, 1280)


def shot(page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}-{page.viewport_size['width']}.png"), full_page=True)


def arrived(watched, artifacts: Path, name: str, url: str) -> None:
    """The click led to ``url``; screenshot it and check the page logged no error."""
    expect(watched.page).to_have_url(url)
    shot(watched.page, artifacts, name)
    assert real_errors(watched) == [], name


@pytest.mark.parametrize("width", WIDTHS)
def test_home_to_country_to_briefing_to_actor_to_timeline(width, base_url, make_page, artifacts):
    watched = make_page(width=width)
    page = watched.page
    main = page.locator("main")
    page.goto(base_url + "/")
    expect(page.locator("h1")).to_have_text("Interference Watch")
    arrived(watched, artifacts, "1-home", base_url + "/")

    main.get_by_role("link", name="Czechia", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Czechia")
    arrived(watched, artifacts, "2-country", base_url + "/countries/czechia/")

    main.get_by_role("link", name=re.compile("TikTok takes down dozens")).first.click()
    arrived(watched, artifacts, "3-briefing", base_url + CZECH_BRIEFING)

    main.get_by_role("link", name="Andrej Babiš", exact=True).first.click()
    expect(page.locator(".term-ranked .ranked a").first).to_be_visible()
    arrived(watched, artifacts, "4-actor", base_url + "/actors/andrej-babis/")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timeline").click()
    expect(page.locator("svg.timeline-svg")).to_be_visible()
    arrived(watched, artifacts, "5-timeline", base_url + "/timeline/")


@pytest.mark.parametrize("width", WIDTHS)
def test_search_tiktok_czech_finds_the_czech_briefing_first(width, base_url, make_page, artifacts):
    watched = make_page(width=width)
    page = watched.page
    page.goto(base_url + "/")
    if width >= 1000:  # the header form, as a reader on a desktop would use it
        page.get_by_role("searchbox", name="Search briefings").fill("TikTok Czech")
        page.get_by_role("searchbox", name="Search briefings").press("Enter")
    else:  # the search page's own field
        page.goto(base_url + "/search/")
        field = page.get_by_label("Search briefings by word or name")
        field.fill("TikTok Czech")
        field.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/"))
    first = page.locator(".search-result-link").first
    expect(first).to_have_attribute("href", CZECH_BRIEFING)
    expect(page.locator(".search-result-excerpt").first).to_contain_text("TikTok")
    shot(page, artifacts, "6-search")
    assert real_errors(watched) == []


def test_search_results_filter_by_platform(base_url, make_page, site_dir, artifacts):
    watched = make_page()
    search_filtered_by_platform(watched, base_url, site_dir)
    shot(watched.page, artifacts, "7-search-filtered")
    assert real_errors(watched) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_listing_filters_by_platform_in_place(width, base_url, make_page, site_dir, artifacts):
    watched = make_page(width=width)
    page = watched.page
    page.goto(base_url + "/briefings/")
    toggle = page.locator("a[data-facet=Platform][data-value=TikTok]")
    expect(toggle).to_have_attribute("role", "button")
    if not toggle.is_visible():  # a phone: the filters are folded away
        page.locator(".facets-panel > summary").click()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expected = briefings_naming(site_dir, "TikTok")
    expect(page.locator("#filter-status")).to_have_text(re.compile(rf"^{len(expected)} briefings? for Platform: TikTok"))
    assert {t.strip() for t in page.locator("#listing .card-title a").all_inner_texts()} == expected
    expect(page).to_have_url(base_url + "/briefings/?Platform=TikTok")
    shot(page, artifacts, "8-listing-filtered")
    page.get_by_role("button", name="Clear filters").click()
    expect(page).to_have_url(base_url + "/briefings/")
    expect(page.locator("#filter-status")).to_have_text("")
    assert real_errors(watched) == []


def test_no_console_errors_on_any_page_template(base_url, make_page, site_dir):
    from .pages import template_pages

    watched = make_page()
    for name, path in template_pages(site_dir).items():
        response = watched.page.goto(base_url + path)
        watched.page.wait_for_load_state("networkidle")
        assert response.status == (404 if name == "404" else 200), name
        errors = real_errors(watched)
        if name == "404":  # the browser reports the page's own 404 status
            errors = [e for e in errors if "status of 404" not in e]
        assert errors == [], f"{name} ({path})"


def test_a_years_listing_keeps_its_year_when_filtering(base_url, make_page, site_dir):
    watched = make_page()
    page = watched.page
    year = sorted(p.name for p in (site_dir / "briefings" / "year").iterdir())[-1]
    page.goto(base_url + f"/briefings/year/{year}/")
    expect(page.locator(f"a[data-facet=Year][data-value='{year}']")).to_have_attribute("aria-pressed", "true")
    page.locator("a[data-facet=Platform]").first.click()
    expect(page.locator("#filter-status")).to_contain_text(f"Year: {year}")
    metas = page.locator("#listing .meta").all_inner_texts()  # the date, then the attribution badge
    assert metas and all(m.strip().splitlines()[0].endswith(year) for m in metas)
    page.get_by_role("button", name="Clear filters").click()
    expect(page).to_have_url(base_url + "/briefings/")
    assert real_errors(watched) == []
