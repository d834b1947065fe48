"""Zero axe-core violations on every page template, in light and dark mode; lang and landmarks."""

from __future__ import annotations

import pytest

from .conftest import AXE
from .pages import template_pages

NAMES = ["home", "briefing", "briefings index", "briefings of a year", "timeline", "timeline of a year", "search",
         "search with results", "page", "404"] + [f"{k} {w}" for k in ("countries", "platforms", "actors", "elections",
                                                                      "tags") for w in ("index", "term")]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: bash scripts/browser-deps.sh (needs npm)")
    return AXE.read_text(encoding="utf-8")


def violations(page) -> list[str]:
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                        else str(n["target"]) for n in v["nodes"][:5])
            for v in result["violations"]]


@pytest.mark.parametrize("name", NAMES)
def test_no_axe_violations(name, site_dir, base_url, make_page, axe_source):
    path = template_pages(site_dir)[name]
    # axe is injected as an inline script, which the site's own policy rightly forbids.
    watched = make_page(bypass_csp=True)
    page = watched.page
    found = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(base_url + path)
        if name == "search with results":
            page.locator(".search-result").first.wait_for()
            page.wait_for_timeout(300)
        page.add_script_tag(content=axe_source)
        found[scheme] = violations(page)
    assert found == {"light": [], "dark": []}, f"{name} ({path})"


@pytest.mark.parametrize("name", ["home", "briefing", "countries term", "timeline", "search"])
def test_language_landmarks_and_skip_link_target(name, site_dir, base_url, make_page):
    page = make_page().page
    page.goto(base_url + template_pages(site_dir)[name])
    assert page.get_attribute("html", "lang") == "en"
    for landmark in ("banner", "navigation", "main", "contentinfo", "search"):
        if landmark == "search" and name == "search":
            continue  # the search page is the search itself
        assert page.get_by_role(landmark).count() >= 1, landmark
    assert page.locator("main#main").count() == 1
    assert page.locator("h1").count() == 1


@pytest.fixture(scope="module")
def long_timelines(tmp_path_factory):
    """A 150-briefing archive (timeline charts of bars), its timelines split as a larger one's are:
    years into months and terms' timelines into years (a low limit stands in for 1,000 entries)."""
    import datetime as dt

    from benchmarks.corpus import generate
    from site_builder.build import BuildOptions, build, link_site, load_content
    from site_builder.render.pages import render_site

    root = tmp_path_factory.mktemp("long-timelines")
    options = BuildOptions(content=generate(root / "content", 150), output=root / "public",
                           today=dt.date(2026, 1, 1), cache_dir=None)
    build(options)
    content, _ = load_content(options)
    site, _, env = link_site(options, content)
    for output in render_site(site, env, year_page_entries=20):
        if "timeline/" in output.path:
            target = options.output / output.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.data)
    return options.output


def test_no_axe_violations_on_long_timelines(long_timelines, make_page, axe_source):
    from .conftest import serve_folder

    year = sorted(p.parent for p in long_timelines.glob("timeline/*/*/index.html"))[0]
    term = sorted(p.parent for p in long_timelines.glob("countries/*/timeline/*/index.html"))[0]
    paths = ["timeline/", f"{year.parent.relative_to(long_timelines)}/", f"{year.relative_to(long_timelines)}/",
             f"{term.parent.relative_to(long_timelines)}/", f"{term.relative_to(long_timelines)}/"]
    assert 'class="tl-bar' in (long_timelines / "timeline" / "index.html").read_text(encoding="utf-8")
    server = serve_folder(long_timelines)
    base_url = next(server)
    try:
        page = make_page(bypass_csp=True).page
        found = {}
        for path in paths:
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                page.goto(f"{base_url}/{path}")
                page.add_script_tag(content=axe_source)
                found[(path, scheme)] = violations(page)
        assert all(v == [] for v in found.values()), {k: v for k, v in found.items() if v}
    finally:
        next(server, None)
