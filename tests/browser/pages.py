"""One page of every template, found in the built site, and the reader's journey targets."""

from __future__ import annotations

from pathlib import Path

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
    pages["timeline of a term"] = pages["countries term"] + "timeline/"
    if (site / "techniques" / "index.html").is_file():  # DISARM: the matrix and a technique's page
        pages["techniques index"] = "/techniques/"
        pages["technique"] = first_term(site, "techniques", "T0057.001")
    return pages
