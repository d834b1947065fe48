"""The phone rules at 390 px against 1280 px: a ranked list instead of a map too small to tap,
the listing's filters folded away, one search box, chart labels of at least 12 px; and the
listing's counts, which follow the filters chosen, and its downloads."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .test_journey import real_errors

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

PHONE, DESKTOP = 390, 1280


def visible_search_boxes(page) -> int:
    return page.evaluate("""() => Array.from(document.querySelectorAll('input[type=search]'))
        .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden').length""")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_ranked_list_replaces_the_map_on_a_phone(width, base_url, make_page):
    watched = make_page(width=width)
    page = watched.page
    for path in ("/", "/countries/"):
        page.goto(base_url + path)
        ranked, picture = page.locator(".map-list").first, page.locator(".map-picture").first
        if width == PHONE:
            expect(picture).to_be_hidden()
            expect(ranked).to_be_visible()
            links = ranked.locator("a")
            assert links.count() >= 1
            box = links.first.bounding_box()
            assert box and box["height"] >= 24, "each country is a link big enough to tap (WCAG 2.5.8)"
        else:
            expect(picture).to_be_visible()
            expect(ranked).to_be_hidden()
    assert real_errors(watched) == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_listings_filters_fold_away_on_a_phone(width, base_url, make_page):
    page = make_page(width=width).page
    page.goto(base_url + "/briefings/")
    page.wait_for_load_state("networkidle")
    first = page.locator("a[data-facet=Platform]").first
    if width == PHONE:
        expect(first).to_be_hidden()
        expect(page.locator("#listing article.card").first).to_be_in_viewport()
        page.locator(".facets-panel > summary").click()
        expect(first).to_be_visible()
    else:
        expect(first).to_be_visible()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_filters_stay_open_on_a_desktop_without_javascript(width, base_url, make_page):
    page = make_page(width=width, java_script_enabled=False).page
    page.goto(base_url + "/briefings/")
    link = page.locator("a[data-facet=Platform]").first
    if width == PHONE:
        expect(link).to_be_hidden()
    else:
        expect(link).to_be_visible()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_one_search_box(width, base_url, make_page):
    page = make_page(width=width).page
    for path in ("/", "/briefings/", "/countries/romania/", "/search/", "/search/?q=TikTok"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert visible_search_boxes(page) == 1, path


@pytest.mark.parametrize("path", ["/timeline/", "/countries/romania/"])
def test_chart_labels_are_at_least_12px_on_a_phone(path, base_url, make_page):
    page = make_page(width=PHONE).page
    page.goto(base_url + path)
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll('.timeline-svg text')).map((t) => {
        const svg = t.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(t).fontSize) * scale; })""")
    assert sizes and min(sizes) >= 12, min(sizes)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the chart scrolls inside its own box, not the page"


def test_counts_follow_the_filters_chosen(base_url, make_page):
    watched = make_page()
    page = watched.page
    page.goto(base_url + "/briefings/")
    tiktok = page.locator("a[data-facet=Platform][data-value=TikTok]")
    expect(tiktok).to_have_attribute("role", "button")
    tiktok.click()
    expect(page.locator("#filter-status")).not_to_be_empty()
    shown = page.locator("#listing article.card").count()
    expect(page.locator("li.facet-empty").first).to_be_attached()  # the counts have followed
    counts = {}
    for link in page.locator("a[data-facet]").all():
        facet, value = link.get_attribute("data-facet"), link.get_attribute("data-value")
        counts[(facet, value)] = int(link.locator("xpath=following-sibling::span[@data-count]").text_content())
    years = sum(n for (facet, _), n in counts.items() if facet == "Year")
    assert years == shown, "each of the chosen briefings has one year"
    assert counts[("Platform", "TikTok")] == shown
    empty = [(f, v) for (f, v), n in counts.items() if n == 0]
    assert empty, "some values would leave nothing with TikTok chosen"
    for facet, value in empty:
        link = page.locator(f"a[data-facet='{facet}'][data-value='{value}']")
        expect(link).to_have_attribute("aria-disabled", "true")
    live = [(f, v) for (f, v), n in counts.items() if n > 0 and f != "Platform"]
    assert live and all(page.locator(f"a[data-facet='{f}'][data-value='{v}']").get_attribute("aria-disabled") is None
                        for f, v in live)
    assert real_errors(watched) == []


def test_the_filtered_list_downloads_as_csv_and_json(base_url, make_page):
    watched = make_page()
    page = watched.page
    page.goto(base_url + "/briefings/")
    page.locator("a[data-facet=Platform][data-value=TikTok]").click()
    expect(page.locator("#downloads")).to_contain_text("these")
    shown = page.locator("#listing article.card").count()
    with page.expect_download() as event:
        page.locator("#downloads a[data-download=csv]").click()
    rows = list(csv.DictReader(io.StringIO(open(event.value.path(), encoding="utf-8").read())))
    assert len(rows) == shown and all("TikTok" in r["platforms"] for r in rows)
    with page.expect_download() as event:
        page.locator("#downloads a[data-download=json]").click()
    data = json.loads(open(event.value.path(), encoding="utf-8").read())
    assert len(data["briefings"]) == shown and data["filters"] == {"Platform": ["TikTok"]}
    assert real_errors(watched) == []


def test_target_and_platform_combine_and_each_count_says_what_choosing_it_would_leave(base_url, make_page, site_dir):
    """Moldova + TikTok: no briefing; the other targets count the TikTok briefings that target them, and
    the chosen values stay live (not greyed out) so they can be unchosen."""
    briefings = json.loads((site_dir / "briefings.json").read_text(encoding="utf-8"))["briefings"]
    tiktok = [b for b in briefings if "TikTok" in b["platforms"]]
    watched = make_page()
    page = watched.page
    page.goto(base_url + "/briefings/?Target=Moldova&Platform=TikTok")
    both = [b for b in tiktok if "Moldova" in b["targets"]]
    expect(page.locator("#filter-status")).to_have_text(
        f"{len(both)} briefing{'s' if len(both) != 1 else ''} for Target: Moldova; Platform: TikTok")
    expect(page.locator("li.facet-empty").first).to_be_attached()
    for target in {t for b in briefings for t in b["targets"]}:
        link = page.locator(f"a[data-facet=Target][data-value='{target}']")
        count = int(link.locator("xpath=following-sibling::span[@data-count]").text_content())
        assert count == sum(1 for b in tiktok if target in b["targets"]), target
        if target == "Moldova":
            assert link.get_attribute("aria-pressed") == "true" and link.get_attribute("aria-disabled") is None
    assert real_errors(watched) == []
