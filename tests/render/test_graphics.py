"""Build-time pictures: geometry for known inputs, and the SVG the built site carries."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace as NS

from bs4 import BeautifulSoup

from site_builder.render.graphics import timeline_chart, world_map
from site_builder.render.graphics.worldmap import load_outlines, numeric_code
from conftest import REPO


def ev(day: str, kind: str = "event", title: str = "something") -> NS:
    return NS(date=dt.date.fromisoformat(day), kind=kind, title=title)


def entity(kind: str, name: str, **more) -> NS:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return NS(kind=kind, name=name, slug=slug, url=f"/{kind}/{slug}/", **more)


def page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / path).read_text(encoding="utf-8"), "html.parser")


# --- timeline ---------------------------------------------------------------

def test_timeline_has_one_mark_per_event_in_its_lane_and_in_date_order():
    events = [ev("2025-08-01"), ev("2025-10-03", "vote", "Czech vote"), ev("2025-09-28"),
              ev("2025-10-02", "briefing", "Accounts removed")]
    chart = timeline_chart(events, "Czechia")
    assert len(chart.marks) == 4
    assert [lane.kind for lane in chart.lanes] == ["vote", "event", "briefing"]
    lane_y = {lane.kind: lane for lane in chart.lanes}
    for mark in chart.marks:
        assert lane_y[mark.kind].top < mark.y < lane_y[mark.kind].bottom
        assert chart.plot_left <= mark.x <= chart.plot_right
    by_date = sorted(chart.marks, key=lambda m: m.date)
    assert [m.x for m in by_date] == sorted(m.x for m in by_date)
    assert "Czechia" in chart.title and "4 entries" in chart.title
    assert "2 events" in chart.description and "1 voting day" in chart.description
    assert any("Czech vote" in m.label and "3 October 2025" in m.label for m in chart.marks)


def test_timeline_stacks_same_day_marks_and_labels_the_axis():
    chart = timeline_chart([ev("2025-10-03"), ev("2025-10-03"), ev("2025-10-04")])
    ys = [m.y for m in chart.marks]
    assert len(set(ys)) >= 2, "marks on the same day must not sit on top of each other"
    assert chart.ticks and [t.x for t in chart.ticks] == sorted(t.x for t in chart.ticks)
    assert any("2025" in t.label for t in chart.ticks)


def test_timeline_of_nothing_is_none():
    assert timeline_chart([]) is None


def test_long_timelines_tick_by_year():
    chart = timeline_chart([ev("2019-03-01"), ev("2025-03-01")])
    assert [t.label for t in chart.ticks] == [str(y) for y in range(2019, 2026)]


def test_large_timelines_draw_bars_counting_the_entries_of_each_period():
    from site_builder.render.graphics.timeline import MAX_BARS, MAX_DOTS
    start = dt.date(2012, 1, 1)  # one entry every 6 days, over six and a half years: more months than bars
    events = [ev((start + dt.timedelta(days=6 * i + i * i // 400)).isoformat(), "event" if i % 5 else "vote") for i in range(MAX_DOTS + 1)]
    chart = timeline_chart(events)
    assert chart.marks == [] and chart.bars
    lanes = {lane.kind: lane for lane in chart.lanes}
    for kind, lane in lanes.items():
        in_lane = [b for b in chart.bars if b.kind == kind]
        assert sum(b.count for b in in_lane) == lane.count == sum(1 for e in events if e.kind == kind)
        for bar in in_lane:
            assert lane.top <= bar.y and bar.y + bar.height <= lane.bottom
            assert chart.plot_left <= bar.x and bar.x + bar.width <= chart.plot_right
        by_count = sorted(in_lane, key=lambda b: b.count)
        assert [b.height for b in by_count] == sorted(b.height for b in by_count) and by_count[0].height < by_count[-1].height
    assert len({b.x for b in chart.bars}) <= MAX_BARS
    assert chart.height < 200, "bars keep the chart one lane high per kind, however many entries"
    assert "Bars" in chart.description and f"{MAX_DOTS + 1} entries" in chart.title
    assert any(re.fullmatch(r"Q[1-4] 20\d\d: \d+ (events|event)", b.label) for b in chart.bars)


def test_a_lane_stacked_too_deep_turns_into_bars():
    from site_builder.render.graphics.timeline import MAX_DOTS, MAX_ROWS
    same_day = [ev("2025-10-03") for _ in range(MAX_ROWS + 1)]
    assert len(same_day) < MAX_DOTS
    chart = timeline_chart(same_day)
    assert chart.marks == [] and [(b.count, b.label) for b in chart.bars] == [(MAX_ROWS + 1, f"October 2025: {MAX_ROWS + 1} events")]
    assert len(timeline_chart(same_day[:MAX_ROWS]).marks) == MAX_ROWS


# --- map --------------------------------------------------------------------

def test_outline_data_is_compact_and_keyed_by_iso_numeric_code():
    data = load_outlines()
    codes = {c["id"] for c in data["countries"]}
    assert {"203", "498", "643", "156"} <= codes  # Czechia, Moldova, Russia, China
    assert "Natural Earth" in data["source"]
    assert numeric_code("CZ") == "203" and numeric_code("") is None
    size = REPO.joinpath("site_builder", "render", "graphics", "world-110m.json").stat().st_size
    assert size < 120_000


def test_map_links_each_covered_country_and_frames_them():
    covered = [(entity("countries", "Czechia", code="CZ"), 3), (entity("countries", "Moldova", code="MD"), 1),
               (entity("countries", "Kosovo", code="XK"), 1)]
    m = world_map(covered)
    assert [s.name for s in m.covered] == ["Czechia", "Moldova"]
    assert [s.url for s in m.covered] == ["/countries/czechia/", "/countries/moldova/"]
    assert all(s.d.startswith("M") and s.d.endswith("z") for s in m.covered)
    assert m.covered[0].level > m.covered[1].level
    assert m.missing == ["Kosovo"]
    left, top, width, height = map(float, m.view_box.split())
    world = load_outlines()
    assert width < world["width"] / 4, "two small neighbours get a close-up, not the whole world"
    assert "Czechia (3 briefings)" in m.description and "Kosovo" in m.description
    assert m.background, "the neighbours are drawn for context"


def test_map_of_nothing_shows_the_world():
    m = world_map([])
    assert not m.covered
    assert float(m.view_box.split()[2]) == load_outlines()["width"]


# --- in the built site ----------------------------------------------------------

def test_timeline_page_has_one_dot_per_entry_and_a_text_alternative(built_site: Path):
    doc = page(built_site, "timeline/index.html")
    svg = doc.select_one("svg.timeline-svg")
    assert svg is not None and svg.get("role") == "img"
    labelled = svg["aria-labelledby"].split()
    assert doc.find(id=labelled[0]).name == "title" and doc.find(id=labelled[1]).name == "desc"
    entries = doc.select("ol.events li.event")
    assert len(svg.select("circle.tl-dot")) == len(entries) > 0
    assert all(c.find("title") for c in svg.select("circle"))


def test_country_and_election_pages_have_a_timeline(built_site: Path):
    for path in ("countries/czechia/index.html", "elections/2025-czech-parliamentary-election/index.html"):
        doc = page(built_site, path)
        svg = doc.select_one("svg.timeline-svg")
        assert svg is not None, path
        # The first page shows every entry of a short timeline (its events, and its briefings as cards):
        # it has no timeline page of its own.
        assert not (built_site / path.replace("index.html", "timeline/index.html")).exists()
        listed = doc.select("aside ol.events li.event") + doc.select(".card")
        assert len(svg.select("circle.tl-dot")) == len(listed)


def test_countries_map_links_every_targeted_country_to_its_page(built_site: Path):
    for path in ("countries/index.html", "index.html"):
        doc = page(built_site, path)
        svg = doc.select_one("svg.map-svg")
        assert svg is not None and svg.find("title") and svg.find("desc")
        links = svg.select("a.map-country")
        hrefs = {a["href"] for a in links}
        assert {"/countries/czechia/", "/countries/moldova/"} <= hrefs
        for a in links:
            assert a.find("title").get_text().strip() and a.find("path")["d"]
            assert (built_site / a["href"].lstrip("/") / "index.html").is_file()


def test_pictures_use_no_style_attributes_or_scripts(built_site: Path):
    for path in ("index.html", "timeline/index.html", "actors/andrej-babis/index.html", "countries/czechia/index.html"):
        doc = page(built_site, path)
        for svg in doc.find_all("svg"):
            assert not svg.find_all(style=True) and not svg.find_all(["style", "script"]), path


def test_companion_lists_are_the_first_of_the_complete_lists(tmp_path: Path):
    """The site's companion lists, cut to the first of each kind, are the first of what ``Site.shared`` says."""
    import sys
    sys.path.insert(0, str(REPO))
    from benchmarks.corpus import generate
    from site_builder.build import BuildOptions, load_content
    from site_builder.content.site import COMPANIONS, build_site

    generate(tmp_path / "content", 120, seed=3)
    content, problems = load_content(BuildOptions(content=tmp_path / "content", cache_dir=None))
    site = build_site(content.config, content.kb, content.briefings, content.pages)
    entities = {(e.kind, e.slug): e for kind in site.terms for e in site.terms[kind]}
    complete = {key: [(entities[o], n) for o, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
                for key, counts in site.shared.items()}
    assert any(len(complete[key]) > len(site.companions[key]) for key in complete), "some lists were cut"
    assert all(site.companions[key][:COMPANIONS] == complete[key][:COMPANIONS] for key in complete)  # a term page's list
