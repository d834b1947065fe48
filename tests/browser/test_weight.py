"""Page weight over the wire: a briefing page (HTML and its CSS, compressed) stays under 50 KB."""

from __future__ import annotations

import gzip
import re

from .pages import template_pages

LIMIT = 50 * 1024


def weight(site_dir, path: str) -> int:
    html = (site_dir / path.strip("/") / "index.html").read_bytes()
    parts = [html]
    for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html):
        parts.append((site_dir / href.decode().lstrip("/")).read_bytes())
    for src in re.findall(rb'<script[^>]* src="([^"]+)"', html):
        parts.append((site_dir / src.decode().lstrip("/")).read_bytes())
    return sum(len(gzip.compress(p, 6)) for p in parts)


def test_briefing_page_weighs_under_50_kb_compressed(site_dir):
    briefings = [p for p in (site_dir / "briefings").glob("*/index.html") if p.parent.name != "year"]
    assert briefings
    heaviest = max(weight(site_dir, f"/briefings/{p.parent.name}/") for p in briefings)
    assert heaviest < LIMIT, f"{heaviest / 1024:.1f} KiB"


def test_main_pages_stay_light(site_dir):
    pages = template_pages(site_dir)
    for name in ("home", "countries index", "countries term", "actors term", "timeline"):
        assert weight(site_dir, pages[name]) < 2 * LIMIT, name
