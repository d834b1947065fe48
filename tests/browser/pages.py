"""One page of every template, found in the built site; the reader's journey targets and its search by platform."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

CZECH_BRIEFING = "/briefings/tiktok-removes-accounts-czech-election-2025/"
KINDS = ("countries", "platforms", "actors", "elections", "tags")


def first_term(site: Path, kind: str, prefer: str = "") -> str:
    folders = sorted(p.parent.name for p in (site / kind).glob("*/index.html"))
    slug = prefer if prefer in folders else folders[0]
    return f"/{kind}/{slug}/"


def template_pages(site: Path) -> dict[str, str]:
    """{name: url path} covering home, briefing, each kind of term page, each index, timeline, search, 404."""
    briefing = CZECH_BRIEFING if (site / CZECH_BRIEFING.strip("/") / "index.html").is_file() else \
        "/briefings/" + sorted(p.parent.name for p in (site / "briefings").glob("*/index.html")
                               if p.parent.name != "year")[0] + "/"
    year = sorted((site / "briefings" / "year").iterdir())[-1].name
    pages = {
        "home": "/",
        "briefing": briefing,
        "briefings index": "/briefings/",
        "briefings of a year": f"/briefings/year/{year}/",
        "timeline": "/timeline/",
        "timeline of a year": f"/timeline/{year}/",
        "search": "/search/",
        "search with results": "/search/?q=TikTok",
        "page": "/about/",
        "404": "/no-such-page/",
    }
    prefer = {"countries": "czechia", "platforms": "tiktok", "actors": "andrej-babis"}
    for kind in KINDS:
        pages[f"{kind} index"] = f"/{kind}/"
        pages[f"{kind} term"] = first_term(site, kind, prefer.get(kind, ""))
    # A term's own timeline page exists only when its first page cannot show every entry (none does in
    # the project's four briefings; test_accessibility's long timelines have them).
    timelines = sorted(site.glob("*/*/timeline/index.html"))
    if timelines:
        pages["timeline of a term"] = "/" + timelines[0].parent.relative_to(site).as_posix() + "/"
    if (site / "techniques" / "index.html").is_file():  # DISARM: the matrix and a technique's page
        pages["techniques index"] = "/techniques/"
        pages["technique"] = first_term(site, "techniques", "T0057.001")
    return pages


def briefings_naming(site_dir: Path, platform: str) -> set[str]:
    titles = set()
    for path in (site_dir / "briefings").glob("*/index.html"):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if any(a.get_text(strip=True) == platform for a in doc.select("[data-pagefind-filter=Platform]")):
            titles.add(doc.h1.get_text(strip=True))
    return titles


def search_filtered_by_platform(watched, base_url: str, site_dir: Path, platform: str = "TikTok") -> None:
    """Search 'election', tick one platform: exactly the briefings naming it are listed."""
    from playwright.sync_api import expect  # only tests that have it call this
    page = watched.page
    page.goto(base_url + "/search/?q=election")
    expect(page.locator(".search-result").first).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(platform)}")).check()
    expected = briefings_naming(site_dir, platform)
    results = page.locator("li.search-result")
    expect(results).to_have_count(len(expected))
    titles = {results.nth(i).locator(".search-result-link").first.inner_text().strip()
              for i in range(results.count())}
    assert titles == expected
