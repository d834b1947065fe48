"""The built fixture site, parsed with BeautifulSoup."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from site_builder.build import BuildOptions, build
from site_builder.errors import SiteError
from conftest import FIXTURE_SITE, TODAY, build_into


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def target_of(root: Path, href: str) -> Path | None:
    """The output file an internal link points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("#", "mailto:")):
        return None
    path = parts.path
    assert path.startswith("/"), f"internal links are root-relative: {href}"
    target = root / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def test_every_internal_link_and_asset_resolves(built_site: Path):
    checked = 0
    for page in html_files(built_site):
        doc = soup(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in doc.find_all(tag):
                value = element.get(attr)
                if not value or tag == "link" and element.get("rel") == ["canonical"]:
                    continue
                target = target_of(built_site, value)
                if target is not None:
                    checked += 1
                    assert target.is_file(), f"{page.relative_to(built_site)} links to missing {value}"
    assert checked > 200


def briefing_links(page: Path) -> set[str]:
    doc = soup(page)
    section = doc.find(id="briefings-h").find_parent("section")
    return {a["href"] for a in section.select("article.card .card-title a")}


def all_pages_of(first: Path) -> list[Path]:
    pages = [first]
    folder = first.parent / "page"
    if folder.is_dir():
        pages += sorted(folder.glob("*/index.html"))
    return pages


def test_each_entity_page_lists_exactly_the_briefings_that_name_it(built_site: Path):
    data = json.loads((built_site / "briefings.json").read_text())
    expected: dict[str, set[str]] = {}
    for b in data["briefings"]:
        for kind in ("countries", "platforms", "actors", "elections", "tags"):
            for name in b[kind]:
                expected.setdefault((kind, name), set()).add(f"/briefings/{b['slug']}/")
    seen = 0
    for kind in ("countries", "platforms", "actors", "elections", "tags"):
        for entity_dir in sorted(p for p in (built_site / kind).iterdir() if p.is_dir()):
            first = entity_dir / "index.html"
            name = soup(first).h1.get_text(strip=True)
            listed = set().union(*(briefing_links(p) for p in all_pages_of(first)))
            assert listed == expected[(kind, name)], f"{kind}/{entity_dir.name}"
            seen += 1
    assert seen == len(expected)


def test_links_go_both_ways(built_site: Path):
    page = soup(built_site / "briefings" / "czech-accounts" / "index.html")
    chips = {a["href"] for a in page.select("aside.factbox a[href^='/']") if "#" not in a["href"]
             and a["href"] != "/methodology/"}
    assert "/actors/andrej-babis/" in chips and "/elections/2025-czech-parliamentary-election/" in chips
    for href in chips:
        assert "/briefings/czech-accounts/" in briefing_links(target_of(built_site, href))


def test_briefing_page_content(built_site: Path):
    page = soup(built_site / "briefings" / "czech-accounts" / "index.html")
    assert page.h1.get_text(strip=True) == "Accounts removed before the Czech vote"
    body = page.select_one(".prose")
    linked = [a.get_text() for a in body.select("a.entity")]
    assert linked.count("TikTok") == 1 and "Stačilo!" in linked and "Andrej Babiš" in linked
    assert page.select_one(".factbox .fact-origin .scale-alleged")
    assert page.select_one("ol.sources a")["href"] == "https://news.example.org/a"
    assert page.find("link", rel="canonical")["href"] == "https://fixture.example.org/briefings/czech-accounts/"
    assert page.find("meta", property="og:type")["content"] == "article"
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["@type"] == "NewsArticle" and ld["datePublished"] == "2025-10-02"
    assert page.select_one('a[rel="prev"]')["href"] == "/briefings/moldova-vote/"


def test_timeline_is_in_order(built_site: Path):
    for page in [built_site / "timeline" / "index.html", *sorted((built_site / "timeline").glob("*/index.html"))]:
        dates = [t["datetime"] for t in soup(page).select("li.event time")]
        assert dates and dates == sorted(dates), page


def test_drafts_are_left_out_unless_asked(content: Path, tmp_path: Path):
    out = build_into(content, tmp_path / "plain")
    assert not (out / "briefings" / "draft-note").exists()
    assert "draft-note" not in (out / "feed.xml").read_text()
    assert "Unfinished draft" not in (out / "briefings.json").read_text()
    out = build_into(content, tmp_path / "drafts", drafts=True)
    assert (out / "briefings" / "draft-note" / "index.html").is_file()


def test_pagination_of_term_pages(built_site: Path):
    # per_page is 2 in the fixture: three briefings fill two pages of the briefing index.
    assert (built_site / "briefings" / "page" / "2" / "index.html").is_file()
    assert not (built_site / "briefings" / "page" / "3").exists()


def test_feeds_sitemap_robots_and_json(built_site: Path):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert [e.find(f"{atom}id").text for e in feed.findall(f"{atom}entry")][0].endswith("/briefings/czech-accounts/")
    term_feed = ET.parse(built_site / "platforms" / "tiktok" / "feed.xml").getroot()
    assert len(term_feed.findall(f"{atom}entry")) == 1
    sitemap = ET.parse(built_site / "sitemap.xml").getroot()
    locs = [u.text for u in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://fixture.example.org/timeline/" in locs and all(l.startswith("https://fixture.example.org/") for l in locs)
    assert "Sitemap: https://fixture.example.org/sitemap.xml" in (built_site / "robots.txt").read_text()
    data = json.loads((built_site / "briefings.json").read_text())
    assert {b["slug"] for b in data["briefings"]} == {"czech-accounts", "moldova-vote", "older-x"}
    assert data["briefings"][0]["attribution"][0] == {"actor": "Russian government", "confidence": "alleged",
                                                      "claimed_by": "Example Research Lab", "note": "",
                                                      "source": 1, "locator": None, "basis": "", "origin": "Russia",
                                                      "date": "2025-10-02", "denial": False}


def test_the_main_feed_carries_whole_bodies_and_term_feeds_summaries(built_site: Path):
    atom = "{http://www.w3.org/2005/Atom}"
    main = {e.find(f"{atom}id").text: e for e in ET.parse(built_site / "feed.xml").getroot().iter(f"{atom}entry")}
    term = ET.parse(built_site / "countries" / "moldova" / "feed.xml").getroot().findall(f"{atom}entry")
    assert term and all(e.find(f"{atom}content") is None for e in term)
    for entry in term:  # the same briefing, its summary and link, without the body
        whole = main[entry.find(f"{atom}id").text]
        assert entry.find(f"{atom}summary").text == whole.find(f"{atom}summary").text
        assert entry.find(f"{atom}link").get("href") == whole.find(f"{atom}link").get("href")
        assert "<p>" in whole.find(f"{atom}content").text


def test_a_short_timeline_is_on_its_terms_first_page_and_its_old_address_leads_there(built_site: Path):
    moved = (built_site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/countries/czechia/timeline/ /countries/czechia/ 301" in moved
    for line in moved:  # each old address leads to a page the site has, and is not one itself
        old, new, status = line.split()
        assert status == "301" and old == f"{new}timeline/" and (built_site / new.lstrip("/") / "index.html").is_file()
        assert not (built_site / old.lstrip("/")).exists()
    doc = soup(built_site / "countries" / "czechia" / "index.html")
    assert doc.select("aside ol.events li.event"), "its events are on the page"
    assert not [a["href"] for a in doc.select("a[href]") if a["href"].endswith("/czechia/timeline/")]
    assert "/countries/czechia/timeline/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_assets_are_fingerprinted(built_site: Path):
    css = [p.name for p in (built_site / "assets" / "css").iterdir()]
    assert any(name.startswith("site.") and len(name.split(".")) == 3 for name in css)


def test_base_url_override(content: Path, tmp_path: Path):
    out = tmp_path / "o"
    build(BuildOptions(content=content, output=out, today=TODAY, base_url="https://mirror.example.net/"))
    page = soup(out / "index.html")
    assert page.find("link", rel="canonical")["href"] == "https://mirror.example.net/"


def test_a_site_under_a_sub_path_links_every_page_and_asset_under_it(content: Path, tmp_path: Path):
    """Published at https://host/watch/, every internal link and asset carries /watch/ and resolves."""
    out = tmp_path / "o"
    build(BuildOptions(content=content, output=out, today=TODAY, base_url="https://mirror.example.net/watch"))
    checked = 0
    for page in html_files(out):
        doc = soup(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action")):
            for element in doc.find_all(tag):
                value = element.get(attr)
                if not value or urlsplit(value).netloc or value.startswith(("#", "mailto:")):
                    continue
                assert value.startswith("/watch/"), f"{page.relative_to(out)}: {tag} {attr}={value}"
                target = target_of(out, value.removeprefix("/watch"))
                assert target is not None and target.is_file(), f"{page.relative_to(out)} links to missing {value}"
                checked += 1
    assert checked > 200
    assert soup(out / "index.html").find("link", rel="canonical")["href"] == "https://mirror.example.net/watch/"


def test_moving_the_site_under_a_path_renders_cached_bodies_again(content: Path, tmp_path: Path):
    """The bodies' cache knows the base path: bodies converted for / are not reused under /watch/."""
    out, cache = tmp_path / "o", tmp_path / "cache"
    build(BuildOptions(content=content, output=out, today=TODAY, cache_dir=cache))
    build(BuildOptions(content=content, output=out, today=TODAY, cache_dir=cache, base_url="https://h.example/watch/"))
    fresh = tmp_path / "fresh"
    build(BuildOptions(content=content, output=fresh, today=TODAY, cache_dir=None, base_url="https://h.example/watch/"))
    for page in html_files(fresh):
        assert (out / page.relative_to(fresh)).read_bytes() == page.read_bytes(), page.relative_to(fresh)
    assert 'href="/watch/actors/example-research-lab/"' in (out / "briefings" / "czech-accounts" / "index.html").read_text()


@pytest.mark.parametrize("breakage", ["unknown entity", "bad date", "missing title"])
def test_failed_build_leaves_previous_output_intact(content: Path, tmp_path: Path, breakage: str):
    out = build_into(content, tmp_path / "public")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    target = content / "briefings" / "older-x.md"
    text = target.read_text()
    broken = {
        "unknown entity": text.replace("countries: [Czechia]", "countries: [Czechland]"),
        "bad date": text.replace("date: 2025-06-01", "date: 2025-13-01"),
        "missing title": text.replace("title: Posts on X about the Czech race\n", ""),
    }[breakage]
    target.write_text(broken)
    with pytest.raises(SiteError) as info:
        build(BuildOptions(content=content, output=out, today=TODAY))
    problem = info.value.problems[0]
    assert problem.path.endswith("older-x.md") and problem.line in (2, 3, 5)
    if breakage == "unknown entity":
        assert "Czechland" in problem.message and "Czechia" in problem.hint
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_timeline_index_lists_the_latest_entries_and_year_pages_list_all(tmp_path: Path):
    """/timeline/ stays small however large the archive: the latest entries there, every entry on its year's page."""
    from benchmarks.corpus import generate
    from site_builder.render.pages import TIMELINE_LATEST

    content = generate(tmp_path / "content", 90)
    out = build_into(content, tmp_path / "public")
    entries = lambda page: [(t["datetime"], li.get_text(" ", strip=True)) for li in soup(page).select("li.event")
                            for t in li.select("time")[:1]]
    years = sorted((out / "timeline").glob("*/index.html"))
    every = [entry for page in years for entry in entries(page)]
    assert len(every) > TIMELINE_LATEST and every == sorted(every, key=lambda e: e[0])
    index = soup(out / "timeline" / "index.html")
    assert entries(out / "timeline" / "index.html") == every[-TIMELINE_LATEST:]
    note = index.select_one("p.shown").get_text(" ", strip=True)
    assert f"latest {TIMELINE_LATEST} of {len(every)} entries" in note
    year_links = [a["href"] for a in index.select("nav.years a")]
    assert year_links == ["/timeline/"] + [f"/timeline/{p.parent.name}/" for p in reversed(years)]  # newest first
    assert len(years) > 1
    assert all(soup(page).select_one("p.shown") is None for page in years)


def test_sitemap_splits_into_numbered_parts_past_its_limit():
    """A sitemap may list 50,000 URLs; past the limit sitemap.xml indexes numbered parts holding every page."""
    from conftest import FIXTURE_SITE
    from site_builder.build import link_site, load_content
    from site_builder.render.pages import render_site

    options = BuildOptions(content=FIXTURE_SITE, today=TODAY, cache_dir=None)
    content, problems = load_content(options)
    assert problems == []
    site, _, env = link_site(options, content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    parse = lambda data: ET.fromstring(data)
    whole = {o.path: o.data for o in render_site(site, env)}
    listed = [loc.text for loc in parse(whole["sitemap.xml"]).iter(f"{ns}loc")]
    assert parse(whole["sitemap.xml"]).tag == f"{ns}urlset" and len(listed) > 10
    assert not any(path.startswith("sitemap-") for path in whole)
    split = {o.path: o.data for o in render_site(site, env, sitemap_urls=10)}
    index = parse(split["sitemap.xml"])
    assert index.tag == f"{ns}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{ns}loc")]
    assert parts == [f"https://fixture.example.org/sitemap-{n}.xml" for n in range(1, -(-len(listed) // 10) + 1)]
    urls = []
    for part in parts:
        urlset = parse(split[part.rsplit("/", 1)[1]])
        assert urlset.tag == f"{ns}urlset"
        locs = [loc.text for loc in urlset.iter(f"{ns}loc")]
        assert 0 < len(locs) <= 10
        urls += locs
    assert urls == listed


def test_the_cycle_collector_is_off_during_a_build_and_restored_after(content: Path, tmp_path: Path):
    import gc
    from site_builder.build import cycle_collection_paused

    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with cycle_collection_paused():
            assert not gc.isenabled()
            1 / 0
    assert gc.isenabled(), "restored after an error too"
    gc.disable()
    try:
        with cycle_collection_paused():
            pass
        assert not gc.isenabled(), "left off when it was off"
    finally:
        gc.enable()
    (content / "briefings" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    with pytest.raises(SiteError):
        build_into(content, tmp_path / "out")
    assert gc.isenabled(), "a failed build switches it back on"


@pytest.mark.slow
def test_a_large_year_links_a_page_per_month_listing_all_its_entries(tmp_path: Path):
    from benchmarks.corpus import generate
    from site_builder.build import link_site, load_content
    from site_builder.render.pages import render_site

    options = BuildOptions(content=generate(tmp_path / "content", 90), today=TODAY, cache_dir=None)
    content, problems = load_content(options)
    assert problems == []
    site, _, env = link_site(options, content)
    limit = 30
    out = {o.path: BeautifulSoup(o.data.decode("utf-8"), "html.parser")
           for o in render_site(site, env, year_page_entries=limit) if o.path.startswith("timeline/")}
    entries = lambda doc: [t["datetime"] for t in doc.select("li.event time")]
    by_year: dict[int, list[str]] = {}
    for event in site.timeline:
        by_year.setdefault(event.date.year, []).append(event.date.isoformat())
    assert any(len(days) > limit for days in by_year.values()) and any(len(days) <= limit for days in by_year.values())
    for year, days in by_year.items():
        doc = out[f"timeline/{year}/index.html"]
        if len(days) <= limit:
            assert entries(doc) == days and not doc.select("ul.periods")
            continue
        assert entries(doc) == [], "a large year's page lists months, not entries"
        links = doc.select("ul.periods a")
        months = sorted({day[5:7] for day in days})
        assert [a["href"] for a in links] == [f"/timeline/{year}/{m}/" for m in months]
        listed = []
        for a, m in zip(links, months):
            month_page = out[f"timeline/{year}/{m}/index.html"]
            assert month_page.h1.get_text(strip=True).endswith(f"{year}") and month_page.select_one("svg.timeline-svg")
            found = entries(month_page)
            assert found and all(day[:7] == f"{year}-{m}" for day in found)
            assert f"{len(found)} entr" in a.find_next("span", class_="count").get_text()
            listed += found
        assert listed == days, "the month pages together list every entry of the year, in order"


@pytest.mark.slow
def test_a_long_term_timeline_links_a_page_per_year_listing_all_its_entries(tmp_path: Path):
    from benchmarks.corpus import generate
    from site_builder.build import link_site, load_content
    from site_builder.render.pages import render_site

    options = BuildOptions(content=generate(tmp_path / "content", 90), today=TODAY, cache_dir=None)
    content, _ = load_content(options)
    site, _, env = link_site(options, content)
    counts = sorted(len(site.term_events(e)) for kind in site.terms for e in site.terms[kind])
    entries = lambda data: [t["datetime"] for t in BeautifulSoup(data.decode("utf-8"), "html.parser").select("li.event time")]
    long = short = folded = 0
    # half the terms' timelines split by year; then none, so that long single pages are listed whole
    for limit in (counts[len(counts) // 2], counts[-1]):
        rendered = render_site(site, env, year_page_entries=limit)
        out = {o.path: o.data for o in rendered if "/timeline/" in o.path}
        moved = next(o.data.decode("utf-8") for o in rendered if o.path == "_redirects").splitlines()
        for kind in site.terms:
            for entity in site.terms[kind]:
                days = [e.date.isoformat() for e in site.term_events(entity)]
                if f"{entity.url.lstrip('/')}timeline/index.html" not in out:  # its first page shows every entry
                    assert len(days) <= limit and f"{entity.url}timeline/ {entity.url} 301" in moved
                    folded += 1
                    continue
                index = out[f"{entity.url.lstrip('/')}timeline/index.html"]
                if len(days) <= limit:
                    short += 1
                    assert entries(index) == days
                    continue
                long += 1
                doc = BeautifulSoup(index.decode("utf-8"), "html.parser")
                years = sorted({day[:4] for day in days})
                assert entries(index) == [] and [a["href"] for a in doc.select("ul.periods a")] == \
                    [f"{entity.url}timeline/{y}/" for y in years]
                listed = [day for y in years for day in entries(out[f"{entity.url.lstrip('/')}timeline/{y}/index.html"])]
                assert listed == days, "the year pages together list every entry, in order"
        assert not [line for line in moved if f"{line.split()[0].lstrip('/')}index.html" in out]
    assert long and short and folded


def test_events_and_claims_link_to_the_sources_they_rest_on(content: Path, tmp_path: Path):
    path = content / "briefings" / "czech-accounts.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    claimed_by: Example Research Lab\n",
                        "    claimed_by: Example Research Lab\n    note: The lab did not publish its data\n")
    text = text.replace("  - actor: Russian government\n    source: 1\n", "  - actor: Russian government\n    source: lab\n")
    text = text.replace("    published: 2025-10-02\n",
                        "    published: 2025-10-02\n    archived: https://web.archive.org/web/2025/https://news.example.org/a\n"
                        "  - publisher: Example Lab\n    title: Report\n    url: https://lab.example.org/r\n    id: lab\n")
    text = text.replace("  - date: 2025-08-29\n    source: 1\n", "  - date: 2025-08-29\n    source: 1\n    locator: para 3\n")
    path.write_text(text, encoding="utf-8")
    out = build_into(content, tmp_path / "public")
    page = soup(out / "briefings" / "czech-accounts" / "index.html")
    sources = page.select("ol.sources > li")
    assert [li.get("id") for li in sources] == ["source-1", "source-2"]
    assert sources[0].find("a", string="archived copy")["href"].startswith("https://web.archive.org/")
    claim = page.select_one(".factbox .fact-origin .claim")
    marker = claim.select_one("a.cite-ref")
    assert marker["href"] == "#source-2" and marker.get_text() == "[source 2]"
    assert " ".join(claim.get_text().split()).endswith(
        "Claimed by Example Research Lab. [source 2] Basis: The lab did not publish its data.")
    event = page.select_one("ol.events li.event a.cite-ref")
    assert event["href"] == "#source-1" and event.get_text() == "[source 1, para 3]"
    data = json.loads((out / "briefings.json").read_text(encoding="utf-8"))
    briefing = next(b for b in data["briefings"] if b["slug"] == "czech-accounts")
    assert [(a["source"], a["locator"]) for a in briefing["attribution"]] == [(2, None)]
    assert [(e["source"], e["locator"]) for e in briefing["events"]] == [(1, "para 3")]
    assert [(s["id"], bool(s["archived"])) for s in briefing["sources"]] == [(None, True), ("lab", False)]


def test_a_local_picture_with_caption_and_credit_is_published_fingerprinted(tmp_path):
    """README's example: a picture in content/static/img/, shown from a body with a caption and a
    credit, points at its fingerprinted file, under the site's path too."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    (content / "static" / "img").mkdir(parents=True)
    (content / "static" / "img" / "chisinau-queue.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    briefing = content / "briefings" / "moldova-vote.md"
    briefing.write_text(briefing.read_text() + (
        '\n<figure>\n  <img src="/static/img/chisinau-queue.jpg" alt="Voters queue outside a polling station in Chișinău">\n'
        "  <figcaption>Voters queue in Chișinău on 28 September. Photo: Jane Doe / Example Agency, CC BY 4.0</figcaption>\n"
        "</figure>\n"))
    for base, prefix in (("https://example.org/", "/"), ("https://example.org/watch/", "/watch/")):
        out = tmp_path / f"out{len(prefix)}"
        build(BuildOptions(content=content, output=out, base_url=base, cache_dir=None, today=TODAY))
        page = next(out.glob("briefings/moldova*/index.html")).read_text()
        src = re.search(r'<img src="([^"]+)" alt="Voters queue', page).group(1)
        assert re.fullmatch(re.escape(prefix) + r"assets/img/chisinau-queue\.[0-9a-f]{10}\.jpg", src), src
        assert (out / src.removeprefix(prefix)).read_bytes().startswith(b"\xff\xd8")
        assert "<figcaption>Voters queue in Chișinău on 28 September. Photo: Jane Doe / Example Agency, CC BY 4.0" in page
