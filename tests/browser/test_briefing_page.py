"""The briefing page in chromium: on a 390 px phone the text starts within the first screen (844 px),
the fact box above it and everything else folded away; on a 1280 px laptop the fact box sits beside
the text; the copy button copies the citation, and without JavaScript the citation is plain text."""

from __future__ import annotations

import pytest

from .test_journey import real_errors

SLUGS = ("eu-urgent-request-tiktok-romania-election-2024", "moldova-votes-parliamentary-election-2025",
         "moldova-election-european-leaders-react-2025", "tiktok-removes-accounts-czech-election-2025")


def box(page, selector: str) -> dict:
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect(); "
                                           "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }")


@pytest.mark.parametrize("slug", SLUGS)
def test_on_a_phone_the_text_starts_within_the_first_screen(slug, base_url, make_page):
    watched = make_page(width=390, height=844)
    page = watched.page
    page.goto(f"{base_url}/briefings/{slug}/")
    first, facts = box(page, ".prose > p"), box(page, "aside.factbox")
    assert facts["bottom"] <= first["top"], "the fact box is above the text"
    assert first["top"] < 844, f"the first paragraph starts at {first['top']:.0f} px"
    assert not page.is_visible("details.also-mentioned a.chip"), "the chips are folded away"
    page.click("details.also-mentioned > summary")
    assert page.is_visible("details.also-mentioned a.chip")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert real_errors(watched) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_on_a_laptop_the_fact_box_sits_beside_the_text(slug, base_url, make_page):
    watched = make_page(width=1280, height=800)
    page = watched.page
    page.goto(f"{base_url}/briefings/{slug}/")
    text, facts = box(page, ".prose"), box(page, "aside.factbox")
    assert facts["left"] >= text["right"], "beside the text, to its right"
    assert facts["top"] < text["top"] + 200 and facts["bottom"] > text["top"], "level with the start of the text"
    assert box(page, ".prose > p")["top"] < 800
    if page.query_selector(".claim-more"):  # a claim's claimant and basis are shown without a click
        assert page.is_visible(".claim-more .claim-by")
    assert real_errors(watched) == []


def test_the_copy_button_copies_the_citation(base_url, make_page):
    watched = make_page(width=1280)
    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.goto(f"{base_url}/briefings/{SLUGS[0]}/")
    button = page.locator("button.copy-button")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Interference Watch, “EU presses TikTok") and copied.endswith(f"/briefings/{SLUGS[0]}/")
    assert real_errors(watched) == []


def test_without_javascript_the_citation_is_selectable_text(base_url, make_page):
    watched = make_page(width=390, java_script_enabled=False)
    page = watched.page
    page.goto(f"{base_url}/briefings/{SLUGS[0]}/")
    assert not page.is_visible("button.copy-button")
    assert page.is_visible("#citation-text")
    assert page.eval_on_selector("#citation-text", "e => getComputedStyle(e).userSelect") in ("all", "auto", "text")
