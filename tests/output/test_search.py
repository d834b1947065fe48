"""The search index, the search page and the filterable listing, as built (no browser).

The browser tests (tests/browser/) search and filter for real; these check what
the build writes and that the site keeps working without an index or JavaScript.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.output import search
from site_builder.build import BuildOptions, build
from conftest import FIXTURE_SITE, REPO

pytestmark = pytest.mark.skipif(search.pagefind_executable() is None,
                                reason="Pagefind is not installed: pip install -e '.[search]'")


def page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / path).read_text(encoding="utf-8"), "html.parser")


def test_build_writes_a_pagefind_bundle(built_site: Path):
    bundle = built_site / "pagefind"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert "en" in entry["languages"]
    pages = entry["languages"]["en"]["page_count"]
    briefings = len(list((built_site / "briefings").glob("*/index.html"))) - 1  # less the year folder's own pages
    assert pages >= 3 and pages >= briefings - 1
    assert not (bundle / "pagefind-component-ui.js").exists(), "unused parts of the bundle are left out"


def test_only_chosen_parts_of_pages_are_indexed(built_site: Path):
    briefing = page(built_site, "briefings/czech-accounts/index.html")
    body = briefing.select("[data-pagefind-body]")
    assert len(body) == 1 and body[0].name == "article"
    for path in ("index.html", "briefings/index.html", "timeline/index.html", "search/index.html", "404.html"):
        assert not page(built_site, path).select("[data-pagefind-body]"), path
    term = page(built_site, "countries/czechia/index.html")
    assert term.select_one("header.term-header[data-pagefind-body]") is not None


def test_briefings_carry_filters_meta_and_a_date_sort(built_site: Path):
    doc = page(built_site, "briefings/czech-accounts/index.html")
    filters: dict[str, set[str]] = {}
    for element in doc.select("[data-pagefind-filter]"):
        name, _, inline = element["data-pagefind-filter"].partition(":")
        filters.setdefault(name, set()).add(inline or element.get_text(strip=True))
    assert filters["Country"] == {"Czechia", "Russia"}  # the target, and the country of the accused actor
    assert filters["Platform"] == {"TikTok"}
    assert "Andrej Babiš" in filters["Actor"]
    assert filters["Election"] == {"2025 Czech parliamentary election"}
    assert "takedown" in filters["Tag"]
    assert filters["Year"] == {"2025"}
    time = doc.select_one("time[data-pagefind-sort]")
    assert time["data-pagefind-sort"] == "date[datetime]" and time["datetime"] == "2025-10-02"
    assert doc.select_one("[data-pagefind-meta=summary]").get_text(strip=True)


def test_search_page_loads_pagefind_and_keeps_indexes_for_readers_without_javascript(built_site: Path):
    doc = page(built_site, "search/index.html")
    scripts = [s["src"] for s in doc.find_all("script", src=True)]
    assert any(s.startswith("/assets/js/search.") for s in scripts)
    form = doc.select_one("form#search-form")
    assert form.has_attr("hidden"), "the search field shows only with JavaScript, which it needs"
    assert form.find("input", attrs={"name": "q", "type": "search"}) and form.find("label", attrs={"for": "search-input"})
    root = doc.select_one("#search")
    assert root["data-bundle"] == "/pagefind/" and root["data-base-url"] == "/"
    assert "JavaScript" in root.get_text()
    browse = {a["href"] for a in doc.select(".browse a")}
    assert {"/briefings/", "/timeline/", "/countries/", "/platforms/", "/actors/", "/elections/", "/tags/",
            "/countries/czechia/", "/briefings/year/2025/"} <= browse


def test_every_page_has_the_search_form_but_no_inline_script_or_style(built_site: Path):
    for path in sorted(built_site.rglob("*.html")):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in doc.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", f"inline script in {path}"
        assert not doc.find_all("style"), f"<style> in {path}"
        assert not doc.find_all(style=True), f"style attribute in {path}"
        if path.name != "404.html" and "search" not in path.parts:
            form = doc.select_one("form[role=search]")
            assert form is not None and form["action"] == "/search/" and form.find("input", attrs={"name": "q"})


def test_listing_filters_are_links_that_work_without_javascript(built_site: Path):
    doc = page(built_site, "briefings/index.html")
    panel = doc.select_one("nav.facets[data-filter]")
    links = panel.select("a[data-facet]")
    facets = {a["data-facet"] for a in links}
    assert {"Target", "Confidence", "Platform", "Election", "Tag", "Year"} <= facets
    assert facets <= {"Target", "Accused", "Confidence", "Platform", "Election", "Tag", "Year"}
    for a in links:
        assert (built_site / a["href"].lstrip("/") / "index.html").is_file(), a["href"]
    tiktok = panel.select_one('a[data-facet=Platform][data-value=TikTok]')
    assert tiktok["href"] == "/platforms/tiktok/"
    assert any(s["src"].startswith("/assets/js/filter.") for s in doc.find_all("script", src=True))


def test_later_pages_of_a_listing_link_to_the_filters_instead_of_repeating_them(built_site: Path):
    first = page(built_site, "briefings/index.html")
    second = page(built_site, "briefings/page/2/index.html")
    assert first.select("nav.facets[data-filter] a[data-facet]")
    assert not second.select("[data-filter]") and not second.select("a[data-facet]")
    link = second.select_one("nav.facets a[href]")
    assert link["href"] == "/briefings/#facets-h" and "Filter all briefings" in link.get_text()


def test_year_pages_list_that_years_briefings(built_site: Path):
    doc = page(built_site, "briefings/year/2025/index.html")
    years = {t["datetime"][:4] for t in doc.select("#listing article.card time")}
    assert years == {"2025"}
    assert doc.select_one('a[data-facet=Year][data-value="2025"][aria-current=page]')


def test_the_site_builds_without_pagefind(tmp_path: Path, monkeypatch, caplog):
    fixture = FIXTURE_SITE
    shutil.copytree(fixture, tmp_path / "content")
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    build(BuildOptions(content=tmp_path / "content", output=tmp_path / "public", cache_dir=tmp_path / "cache"))
    assert (tmp_path / "public" / "search" / "index.html").is_file()
    assert not (tmp_path / "public" / "pagefind").exists()
    assert "Pagefind is not installed" in caplog.text


def test_index_files_come_back_as_output_paths():
    html = b'<html lang="en"><body><article data-pagefind-body><h1>Hello</h1><p>TikTok in Czechia</p></article></body></html>'
    files = search.build_search_index([("a/index.html", html), ("b/index.html", b"<html><body>skip</body></html>")])
    paths = {p for p, _ in files}
    assert "pagefind/pagefind.js" in paths and all(p.startswith("pagefind/") for p in paths)
    assert search.build_search_index([("b/index.html", b"<html></html>")]) == []


def test_index_view_is_the_marked_element_alone():
    page = (b'<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><nav><a href="/">Home</a></nav>'
            b'<article class="briefing" id="b" data-pagefind-body><h1>Title</h1>'
            b'<article class="card"><p>nested</p></article><p>after &lt;article&gt; in text</p></article>'
            b'<footer><article>not indexed</article></footer></body></html>')
    view = search.index_view(page)
    assert view == (b'<!DOCTYPE html><html><body><article class="briefing" id="b" data-pagefind-body><h1>Title</h1>'
                    b'<article class="card"><p>nested</p></article><p>after &lt;article&gt; in text</p></article>'
                    b'</body></html>')
    header = b'<body><header class="term-header" data-pagefind-body=""><h1>x</h1></header><main>y</main></body>'
    assert search.index_view(header) == \
        b'<!DOCTYPE html><html><body><header class="term-header" data-pagefind-body=""><h1>x</h1></header></body></html>'


# Pages of which Pagefind reads more than the marked element (checked with Pagefind
# itself below): each is kept whole.
def _document(head: bytes, body: bytes) -> bytes:
    return b'<!DOCTYPE html><html lang="en"><head>' + head + b"</head><body>" + body + b"</body></html>"


READ_OUTSIDE = {
    "filter in the header": _document(b"", b'<header><span data-pagefind-filter="Country">Moldova</span></header>'
                                           b"<main data-pagefind-body><h1>T</h1><p>Chisinau polls</p></main>"),
    "meta in head": _document(b'<meta data-pagefind-meta="image:/m.png" content="">',
                              b"<main data-pagefind-body><h1>T</h1><p>Chisinau polls</p></main>"),
    "heading before the element": _document(b"", b"<h1>Outside</h1><main data-pagefind-body><h1>T</h1><p>polls</p></main>"),
    "no heading in the element": _document(b"<title>From title</title>",
                                           b"<main data-pagefind-body><p>Chisinau polls</p></main>"),
    "image after the element": _document(b"", b'<main data-pagefind-body><h1>T</h1><p>polls</p></main><IMG src="/i.png" alt="i">'),
}


@pytest.mark.parametrize("name", READ_OUTSIDE)
def test_index_view_keeps_a_page_whole_when_pagefind_reads_outside_the_element(name: str):
    assert search.index_view(READ_OUTSIDE[name]) == READ_OUTSIDE[name]


def _reference_view(page: bytes) -> bytes:
    """index_view as first written, with whole-page regular expressions: the oracle for the faster one."""
    import re
    marked = re.compile(rb"<([a-z][a-z0-9]*)\b[^>]*?\sdata-pagefind-body[\s=/>]")
    outside = re.compile(rb"<h1[\s/>]|<img[\s/>]|data-pagefind-", re.IGNORECASE)
    opened = marked.search(page)
    if opened is None or marked.search(page, opened.end()) is not None:
        return page
    depth = 1
    for tag in re.finditer(rb"<(/?)%s[\s/>]" % re.escape(opened.group(1)), page[opened.end():]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = page.find(b">", opened.end() + tag.end() - 1) + 1
            if end == 0 or not re.search(rb"<h1[\s/>]", page[opened.start():end], re.IGNORECASE) \
                    or outside.search(page[:opened.start()]) or outside.search(page[end:]):
                return page
            return b"<!DOCTYPE html><html><body>" + page[opened.start():end] + b"</body></html>"
    return page


PAGE_PARTS = ["<article data-pagefind-body>", "<article class=\"card\">", "</article>", "<div data-pagefind-body=\"\">",
              "</div>", "<main>", "</main>", "<h1>T</h1>", "<H1 class=x>T</H1>", "<h1x>", "<img src=a.png>", "<IMG/>", "<img\vsrc=v.png>",
              "<imgx>", '<span data-pagefind-filter="Country">Moldova</span>', '<p title="a>b data-pagefind-body">',
              "data-pagefind-body", "<p data-pagefind-bodyguard>", "<p>text</p>", "&lt;h1&gt;", ">", "<", " "]


MARKED_PAIRS = [("<article data-pagefind-body>", "</article>"), ('<div class="x" data-pagefind-body="">', "</div>"),
                ("<main\ndata-pagefind-body>", "</main>")]
BITS = st.lists(st.sampled_from(PAGE_PARTS), max_size=6).map("".join)


@st.composite
def pages(draw) -> bytes:
    """Mostly one marked element with something before, inside and after it; sometimes any parts at all."""
    if draw(st.booleans()) and draw(st.booleans()):
        return ("<!DOCTYPE html><html><body>" + draw(BITS) + draw(BITS) + "</body></html>").encode()
    opening, closing = draw(st.sampled_from(MARKED_PAIRS))
    inside = draw(st.sampled_from(["<h1>T</h1>", "<H1>T</H1>", ""])) + draw(BITS)
    return (f"<!DOCTYPE html><html><head>{draw(BITS)}</head><body>{draw(BITS)}{opening}{inside}{closing}"
            f"{draw(BITS)}</body></html>").encode()


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_index_view_cuts_exactly_where_whole_page_patterns_would(page: bytes):
    assert search.index_view(page) == _reference_view(page)


def test_the_page_examples_are_cut_and_kept_whole_alike():
    """The generated pages above reach both outcomes (else the property says little)."""
    cut = b'<!DOCTYPE html><html><head></head><body><p>x</p><article data-pagefind-body><h1>T</h1></article></body></html>'
    kept = cut.replace(b"<p>x</p>", b"<IMG/>")
    assert search.index_view(cut) != cut and search.index_view(kept) == kept
    assert _reference_view(cut) == search.index_view(cut) and _reference_view(kept) == kept


def test_pagefind_reads_what_index_view_keeps_pages_whole_for(tmp_path: Path):
    """Each READ_OUTSIDE page, cut to its marked element, gives Pagefind a different record:
    the reasons to keep a page whole are Pagefind's own."""
    for name, view in (("whole", lambda data: data), ("cut", search.cut_to_marked)):
        for number, page in enumerate(READ_OUTSIDE.values()):
            target = tmp_path / name / f"p{number}" / "index.html"
            target.parent.mkdir(parents=True)
            target.write_bytes(view(page))
        search._run_pagefind(search.pagefind_executable(), tmp_path / name, tmp_path / f"{name}-bundle", "en")
    whole, cut = _fragments(tmp_path / "whole-bundle"), _fragments(tmp_path / "cut-bundle")
    assert len(whole) == len(READ_OUTSIDE) and not set(whole) & set(cut)


@pytest.mark.parametrize("page", [
    b'<body><p>no marked element</p></body>',
    b'<body><div data-pagefind-body>one</div><div data-pagefind-body>two</div></body>',
    b'<body><div data-pagefind-body>never closed<div></div></body>',
    b'<body><div data-pagefind-bodyguard>not the marker</div></body>',
])
def test_index_view_keeps_a_page_it_cannot_cut_whole(page: bytes):
    assert search.index_view(page) == page


def _fragments(bundle: Path) -> dict[str, bytes]:
    return {p.name: gzip.decompress(p.read_bytes()) for p in (bundle / "fragment").iterdir()}


def test_cut_pages_give_pagefind_the_same_pages_as_whole_ones(built_site: Path, tmp_path: Path):
    """Each page's record in the index (its text, word count, filters, metadata and
    anchors, and the name Pagefind derives from them) is the same either way."""
    pages = [p for p in built_site.rglob("*.html") if search.MARKER in p.read_bytes()]
    assert len(pages) > 10
    for name, view in (("whole", lambda data: data), ("cut", search.index_view)):
        for page_file in pages:
            target = tmp_path / name / page_file.relative_to(built_site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(view(page_file.read_bytes()))
        search._run_pagefind(search.pagefind_executable(), tmp_path / name, tmp_path / f"{name}-bundle", "en")
    cut = sum(len((tmp_path / "cut" / p.relative_to(built_site)).read_bytes()) for p in pages)
    assert cut < 0.8 * sum(len(p.read_bytes()) for p in pages), "the cut pages leave out most of the markup"
    whole = _fragments(tmp_path / "whole-bundle")
    assert len(whole) == len(pages)
    assert _fragments(tmp_path / "cut-bundle") == whole


def _page_files(folder: Path, count: int) -> list[tuple[str, Path]]:
    """``count`` small searchable pages written as files, as (output path, file)."""
    pages = []
    for n in range(count):
        page_file = folder / f"p{n}.html"
        page_file.write_bytes(b'<html lang="en"><body><article data-pagefind-body><h1>Page %d</h1>'
                              b'<p>TikTok in Czechia</p></article></body></html>' % n)
        pages.append((f"p{n}/index.html", page_file))
    return pages


def test_large_archives_are_indexed_in_shards_listed_for_the_search_page(tmp_path: Path):
    pages = _page_files(tmp_path, 5)
    files = dict(search.build_search_index(pages, shard_pages=2))
    assert json.loads(files["pagefind/shards.json"]) == {
        "bundles": ["pagefind/", "pagefind/shard-1/", "pagefind/shard-2/"]}
    for shard in ("pagefind/", "pagefind/shard-1/", "pagefind/shard-2/"):
        assert shard + "pagefind.js" in files and shard + "pagefind-entry.json" in files
        assert any(p.startswith(shard + "fragment/") for p in files), f"{shard} indexes no page"
    assert sum(1 for p in files if p.startswith("pagefind/pagefind-ui.")) == 2  # the UI once, in the main bundle
    assert not any("shard-" in p and "pagefind-ui." in p for p in files)
    assert sum(1 for p in files if "/fragment/" in p) == 5
    assert (tmp_path / "p0.html").read_bytes().startswith(b"<html")  # linked, never moved or changed


@pytest.mark.parametrize("memory", ["with room", "missing"])
def test_scratch_folders_are_removed_after_every_run_and_after_a_failure(tmp_path: Path, monkeypatch, memory):
    disk, shm = tmp_path / "tmp", tmp_path / "shm"
    disk.mkdir()
    if memory == "with room":
        shm.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(disk))
    monkeypatch.setattr(search, "MEMORY_DIR", str(shm))
    scratch_parent = shm if memory == "with room" else disk
    pages = _page_files(tmp_path, 7)
    seen, sites = [], []
    real = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda exe, site, *a: seen.append(
        sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))) or sites.append(site) or real(exe, site, *a))
    files = dict(search.build_search_index(pages, shard_pages=2))
    assert sum(1 for p in files if "/fragment/" in p) == 7
    assert sorted(p for run in seen for p in run) == sorted(p for p, _ in pages), "each run saw its own pages"
    assert all(site.is_relative_to(scratch_parent) for site in sites), "in memory when there is room, else on disk"
    assert list(disk.iterdir()) == [] and (not shm.exists() or list(shm.iterdir()) == [])

    def failing(*args):
        raise search.SiteError([search.Problem("pagefind", "search indexing failed")])
    monkeypatch.setattr(search, "_run_pagefind", failing)
    with pytest.raises(search.SiteError):
        search.build_search_index(pages, shard_pages=2)
    assert list(disk.iterdir()) == [] and (not shm.exists() or list(shm.iterdir()) == [])


def test_a_run_goes_on_disk_when_memory_has_no_room_for_it(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(search, "MEMORY_DIR", str(tmp_path))
    free = os.statvfs(tmp_path).f_bavail * os.statvfs(tmp_path).f_frsize
    assert search.scratch_parent(1000) == str(tmp_path)
    assert search.scratch_parent(free // 3) is None


def test_serve_rebuilds_keep_the_last_bundle_and_the_next_build_indexes_again(tmp_path: Path, monkeypatch):
    fixture = FIXTURE_SITE
    shutil.copytree(fixture, tmp_path / "content")
    options = BuildOptions(content=tmp_path / "content", output=tmp_path / "public", cache_dir=tmp_path / "cache")
    build(options)
    bundle = {p.name: p.read_bytes() for p in (tmp_path / "public" / "pagefind").rglob("*") if p.is_file()}
    calls = []
    real = search.index_shard
    monkeypatch.setattr(search, "index_shard", lambda *a, **k: calls.append(1) or real(*a, **k))
    briefing = tmp_path / "content" / "briefings" / "czech-accounts.md"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\nA preview edit.\n", encoding="utf-8")
    serving = BuildOptions(**{**options.__dict__, "reindex_search": False})
    assert build(serving).written > 0
    assert calls == [], "a serve rebuild does not run Pagefind"
    assert bundle == {p.name: p.read_bytes() for p in (tmp_path / "public" / "pagefind").rglob("*") if p.is_file()}
    build(options)
    assert calls == [1], "the next build indexes the edit, though nothing changed since the serve rebuild"


def test_an_edit_indexes_again_only_the_run_that_holds_the_page(tmp_path: Path, monkeypatch):
    fixture = FIXTURE_SITE
    shutil.copytree(fixture, tmp_path / "content")
    options = BuildOptions(content=tmp_path / "content", output=tmp_path / "public", cache_dir=tmp_path / "cache",
                           search_shard_pages=2)
    build(options)
    listing = json.loads((tmp_path / "public" / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert len(listing["bundles"]) >= 3
    page = "briefings/czech-accounts/index.html"
    runs = search.plan_shards(sorted(p.relative_to(tmp_path / "public").as_posix()
                                     for p in (tmp_path / "public").rglob("*.html")
                                     if search.MARKER in p.read_bytes()), 2)
    holding = next(number for number, run in enumerate(runs) if page in run)
    indexed = []
    real = search.index_shard
    monkeypatch.setattr(search, "index_shard", lambda pages, number, *a, **k: indexed.append(
        (number, sorted(p for p, _ in pages))) or real(pages, number, *a, **k))
    briefing = tmp_path / "content" / "briefings" / "czech-accounts.md"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    build(options)
    assert indexed == [(holding, runs[holding])], "only the run with the edited page is indexed again"
    shard = tmp_path / "public" / search.shard_dir(holding)
    assert (shard / "pagefind.js").is_file()
    for other in listing["bundles"]:
        assert (tmp_path / "public" / other / "pagefind-entry.json").is_file()


@pytest.mark.parametrize("edit, reindexed", [
    (("</footer>", "<p>A new footer line.</p></footer>"), False),  # base.html, outside every indexed part
    (('<p class="kicker">Briefing', '<p class="kicker">Briefing report'), True),  # briefing.html, inside its article
])
def test_a_template_edit_indexes_again_only_when_it_changes_what_pagefind_reads(tmp_path: Path, monkeypatch,
                                                                                edit, reindexed: bool):
    fixture = FIXTURE_SITE
    shutil.copytree(fixture, tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    options = BuildOptions(content=tmp_path / "content", output=tmp_path / "public", cache_dir=tmp_path / "cache",
                           templates=tmp_path / "templates", search_shard_pages=2)
    build(options)
    bundle = {p: p.read_bytes() for p in (tmp_path / "public" / "pagefind").rglob("*") if p.is_file()}
    indexed = []
    real = search.index_shard
    monkeypatch.setattr(search, "index_shard", lambda pages, number, *a, **k: indexed.append(number)
                        or real(pages, number, *a, **k))
    template = next(t for t in (tmp_path / "templates").glob("*.html") if edit[0] in t.read_text(encoding="utf-8"))
    template.write_text(template.read_text(encoding="utf-8").replace(edit[0], edit[1], 1), encoding="utf-8")
    assert build(options).rendered >= 3
    briefing = (tmp_path / "public" / "briefings" / "czech-accounts" / "index.html").read_text(encoding="utf-8")
    assert edit[1] in briefing
    if reindexed:
        runs = search.plan_shards(sorted(p.relative_to(tmp_path / "public").as_posix()
                                         for p in (tmp_path / "public").rglob("*.html") if search.MARKER in p.read_bytes()), 2)
        assert sorted(indexed) == [n for n, run in enumerate(runs) if any(p.startswith("briefings/") for p in run)]
        assert indexed, "the runs that hold a briefing, again"
    else:
        assert indexed == [], "no run indexed again"
        assert bundle == {p: p.read_bytes() for p in (tmp_path / "public" / "pagefind").rglob("*") if p.is_file()}


def test_runs_keep_their_pages_when_the_archive_grows():
    paths = [f"briefings/b{n:05d}/index.html" for n in range(990)]  # one more page needs no more runs
    before = search.plan_shards(paths, 300)
    after = search.plan_shards(paths + ["briefings/new/index.html"], 300)
    assert len(before) == len(after) == 4
    moved = [path for number, run in enumerate(before) for path in run if path not in after[number]]
    assert moved == []
    assert all(run for run in search.plan_shards(paths[:5], 2))


def test_a_site_of_a_few_thousand_pages_is_indexed_in_small_runs_and_a_larger_one_in_bounded_runs():
    """An edit indexes its page's run again: at 1,000 briefings (some 1,700 pages) a run holds about
    EDIT_RUN_PAGES pages, not SHARD_PAGES; the number of runs (bundles a search merges) stays at
    EDIT_RUNS until SHARD_PAGES a run needs more; a small site stays one bundle."""
    def sizes(count: int) -> list[int]:
        return [len(run) for run in search.plan_shards([f"briefings/b{n:05d}/index.html" for n in range(count)])]
    assert sizes(200) == [200]
    mid = sizes(1700)
    assert len(mid) == 7 and sum(mid) == 1700 and max(mid) < 1.3 * search.EDIT_RUN_PAGES
    assert len(sizes(3000)) == search.EDIT_RUNS
    large = sizes(10_000)
    assert len(large) == 10 and max(large) < 1.2 * search.SHARD_PAGES


def test_every_page_for_the_index_is_planned_as_such_and_handed_to_pagefind_cut():
    """A page with the search marker that the plan does not flag as ``indexed`` makes the early index
    miss it and Pagefind run twice; one Pagefind would read whole (a data-pagefind-* attribute
    outside its marked part) is indexed again on any edit of the page around it, a footer's too."""
    from site_builder.build import link_site, load_content
    from site_builder.render.pages import plan_pages, render_page

    options = BuildOptions(content=FIXTURE_SITE)
    content, problems = load_content(options)
    assert problems == []
    site, _, env = link_site(options, content)
    marked = 0
    for job in plan_pages(site, env):
        data, _ = render_page(env, job, site)
        assert (search.MARKER in data) == job.indexed, job.path
        if job.indexed:
            marked += 1
            assert search.index_view(data) != data, f"{job.path}: Pagefind would read the whole page"
    assert marked > 20
