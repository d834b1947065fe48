"""Keyboard, focus, narrow screens and zoom, dark mode, print, and reading without JavaScript."""

from __future__ import annotations

import re

import pytest

from .pages import CZECH_BRIEFING, template_pages

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

MAIN_PAGES = ["home", "briefing", "briefings index", "countries term", "actors term", "elections term",
              "countries index", "timeline", "search with results", "404"]


def test_skip_link_is_first_visible_on_focus_and_moves_focus_to_main(base_url, make_page):
    page = make_page().page
    page.goto(base_url + CZECH_BRIEFING)
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link shows on screen when focused"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("main")).to_be_focused()


def test_focus_is_visible_on_links_buttons_and_fields(base_url, make_page):
    page = make_page().page
    page.goto(base_url + "/")
    seen = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return [e.tagName, s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }""")
        tag, outline, width, shadow = style
        assert (outline != "none" and width >= 2) or shadow != "none", f"no visible focus on {tag}"
        seen.add(tag)
    assert {"A", "INPUT", "BUTTON"} <= seen


def test_map_and_graph_links_are_reachable_by_keyboard(base_url, make_page):
    page = make_page().page
    page.goto(base_url + "/countries/")
    country = page.locator("svg.map-svg a.map-country").first
    country.focus()
    expect(country).to_be_focused()
    href = country.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + href)


def test_listing_filter_works_from_the_keyboard(base_url, make_page):
    page = make_page().page
    page.goto(base_url + "/briefings/")
    toggle = page.locator("a[data-facet=Year]").first
    expect(toggle).to_have_attribute("role", "button")
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#filter-status")).not_to_be_empty()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("width,scale", [(320, 1), (640, 2)], ids=["320px", "200%-zoom"])
def test_no_sideways_scrolling_at_320px_or_200_percent_zoom(width, scale, base_url, make_page, site_dir):
    page = make_page(width=width, height=700, device_scale_factor=scale).page
    pages = template_pages(site_dir)
    for name in MAIN_PAGES:
        page.goto(base_url + pages[name])
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"


def luminance(colour: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", colour)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_dark_mode_follows_the_system_setting(base_url, make_page):
    page = make_page(color_scheme="dark").page
    page.goto(base_url + CZECH_BRIEFING)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("() => getComputedStyle(document.body).color")
    assert luminance(background) < 0.2 < 0.7 < luminance(text)
    light = make_page(color_scheme="light").page
    light.goto(base_url + CZECH_BRIEFING)
    assert luminance(light.evaluate("() => getComputedStyle(document.body).backgroundColor")) > 0.9


def test_print_hides_navigation_and_keeps_the_briefing(base_url, make_page):
    page = make_page().page
    page.goto(base_url + CZECH_BRIEFING)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("article.briefing h1")).to_be_visible()
    expect(page.locator(".sources")).to_be_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_reading_without_javascript(base_url, make_page):
    page = make_page(java_script_enabled=False).page
    page.goto(base_url + "/search/?q=TikTok")
    expect(page.locator(".search-fallback")).to_contain_text("JavaScript")
    expect(page.locator(".browse").get_by_role("link", name="All briefings")).to_be_visible()
    page.goto(base_url + "/briefings/")
    link = page.locator("a[data-facet=Platform][data-value=TikTok]")
    link.click()
    expect(page).to_have_url(base_url + "/platforms/tiktok/")
    page.goto(base_url + "/timeline/")
    expect(page.locator("svg.timeline-svg")).to_be_visible()
