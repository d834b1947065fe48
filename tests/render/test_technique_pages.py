"""The technique matrix, technique pages, briefings' techniques, briefings.json and the search facets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build_into
from site_builder.content import techniques as disarm


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's own content, built once for these tests."""
    return build_into(REPO / "content", tmp_path_factory.mktemp("techniques") / "public", cache_dir=None)


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def _used(site: Path) -> dict[str, list[str]]:
    data = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    used: dict[str, list[str]] = {}
    for b in data["briefings"]:
        for technique_id in b["techniques"]:
            used.setdefault(technique_id, []).append(b["slug"])
    return used


def test_briefings_json_lists_technique_ids_per_briefing(site: Path) -> None:
    data = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    by_slug = {b["slug"]: b["techniques"] for b in data["briefings"]}
    assert by_slug["eu-urgent-request-tiktok-romania-election-2024"][0] == "T0100.003"
    assert all(by_slug.values())
    assert all(re.fullmatch(r"T\d{4}(\.\d{3})?", t) for ids in by_slug.values() for t in ids)
    assert data["techniques_framework"] == disarm.framework().version


def test_the_matrix_has_the_tactics_as_columns_in_phase_order_with_counts_in_the_cells(site: Path) -> None:
    page = _page(site, "techniques/index.html")
    table = page.select_one(".matrix-scroll table.matrix")
    assert table is not None and table.caption is not None
    headers = [th.get_text(" ", strip=True) for th in table.select("thead tr:nth-of-type(2) th")]
    assert headers == [f"{t.id} {t.name}" for t in disarm.framework().tactics]
    used = _used(site)
    cells = {a["href"].rstrip("/").rsplit("/", 1)[1]: td for td in table.select("td.heat") for a in td.select("a")}
    assert set(cells) == set(used)
    for technique_id, td in cells.items():
        count = len(used[technique_id])
        assert td.select_one(".tcount").get_text(strip=True) == f"{count} briefing{'s' if count != 1 else ''}"
        assert re.fullmatch(r"heat heat-[1-4]", " ".join(td["class"]))
    assert "heat-4" in " ".join(" ".join(td["class"]) for td in cells.values())  # the most used is the darkest


def test_techniques_no_briefing_uses_are_behind_a_details_toggle(site: Path) -> None:
    page = _page(site, "techniques/index.html")
    hidden = page.select("table.matrix tr.unused details li")
    shown = page.select("table.matrix td.heat")
    assert len(hidden) + len(shown) == len(disarm.framework().techniques)
    assert all(d.summary for d in page.select("tr.unused details"))


def test_the_matrix_credits_the_framework_with_its_licence_and_version(site: Path) -> None:
    text = _page(site, "techniques/index.html").get_text(" ", strip=True)
    assert "DISARM Foundation" in text and "CC BY-SA 4.0" in text
    assert disarm.framework().version in text


def test_each_used_technique_has_a_page_feed_and_timeline_that_link_back(site: Path) -> None:
    used = _used(site)
    data = {b["slug"]: b for b in json.loads((site / "briefings.json").read_text(encoding="utf-8"))["briefings"]}
    for technique_id, slugs in used.items():
        page = _page(site, f"techniques/{technique_id}/index.html")
        technique = disarm.framework().get(technique_id)
        assert page.h1.get_text(" ", strip=True) == f"{technique_id} {technique.name}"
        text = page.get_text(" ", strip=True)
        assert technique.tactics[0] in text and "CC BY-SA 4.0" in text and "DISARM Foundation" in text
        assert disarm.paragraphs(technique.description)[0][:60] in text
        cards = [a["href"] for a in page.select(".card-title a")]
        newest_first = sorted(slugs, key=lambda s: data[s]["date"], reverse=True)
        assert cards == [f"/briefings/{s}/" for s in newest_first]
        assert (site / f"techniques/{technique_id}/feed.xml").is_file()
        # its timeline: a page, or (short) on its first page, where the old address leads
        moved = f"/techniques/{technique_id}/timeline/ /techniques/{technique_id}/ 301"
        assert (site / f"techniques/{technique_id}/timeline/index.html").is_file() != \
            (moved in (site / "_redirects").read_text(encoding="utf-8").splitlines())
        assert page.select_one(f'link[type="application/atom+xml"][href="/techniques/{technique_id}/feed.xml"]')
        for slug in slugs:  # and the briefing links the technique
            briefing = _page(site, f"briefings/{slug}/index.html")
            assert briefing.select_one(f'.briefing-techniques a[href="/techniques/{technique_id}/"]')


def test_a_technique_page_lists_the_countries_targeted_with_it(site: Path) -> None:
    page = _page(site, "techniques/T0057.001/index.html")
    targets = page.select_one("section[aria-labelledby=targets-h]")
    assert targets is not None
    # Before the roles work lands, a briefing's targets are the countries of its elections.
    first = targets.select_one("li")
    assert first.a.get_text(strip=True) == "Moldova" and "2 briefings" in first.get_text(" ", strip=True)


def test_briefing_pages_group_techniques_by_tactic_and_feed_the_search_filters(site: Path) -> None:
    page = _page(site, "briefings/moldova-votes-parliamentary-election-2025/index.html")
    section = page.select_one(".briefing-techniques")
    tactics = [dt.get_text(strip=True) for dt in section.select("dt")]
    order = [t.name for t in disarm.framework().tactics]
    assert tactics == sorted(tactics, key=order.index) and len(tactics) >= 3
    assert {e.get_text(" ", strip=True) for e in section.select('[data-pagefind-filter="Tactic"]')} == set(tactics)
    techniques = [e.get_text(" ", strip=True) for e in section.select('[data-pagefind-filter="Technique"]')]
    assert "T0057.001 Pay for Physical Action" in techniques
    assert section.find_parent(attrs={"data-pagefind-body": True}) is not None


def test_the_search_index_has_technique_and_tactic_filters(site: Path) -> None:
    if not (site / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]
    filters = list((site / "pagefind" / "filter").iterdir())
    assert filters  # the filter chunks exist; which names they hold is binary, checked in the browser search test


def test_the_navigation_links_the_technique_index(site: Path) -> None:
    assert _page(site, "index.html").select_one('nav.site-nav a[href="/techniques/"]')
