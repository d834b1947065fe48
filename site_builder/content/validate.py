"""Checks across files: two briefings may not share a slug or a title, pages may not take reserved paths."""

from __future__ import annotations

from site_builder.errors import Problem
from site_builder.model import TERM_KINDS, Briefing, Page
from site_builder.content.slugs import fold

# "pagefind": the search bundle's folder (output/search.py), which the search stage replaces whole.
RESERVED = {*TERM_KINDS, "briefings", "timeline", "assets", "search", "feed", "404", "pagefind"}


def validate_collection(briefings: list[Briefing], pages: list[Page]) -> list[Problem]:
    problems: list[Problem] = []
    by_slug: dict[str, Briefing] = {}
    by_title: dict[str, Briefing] = {}
    for b in briefings:
        if b.slug in by_slug:
            problems.append(Problem(b.source, f"slug '{b.slug}' is also used by {by_slug[b.slug].source}", b.lines.get("slug", 1),
                                    hint="give one of the two briefings a different 'slug:' or file name"))
        by_slug.setdefault(b.slug, b)
        key = fold(b.title)
        if key in by_title:
            problems.append(Problem(b.source, f"title '{b.title}' is also the title of {by_title[key].source}", b.lines.get("title", 1),
                                    hint="titles must tell briefings apart; make this one more specific"))
        by_title.setdefault(key, b)
    seen_pages: dict[str, Page] = {}
    for page in pages:
        if page.slug in RESERVED:
            problems.append(Problem(page.source, f"page slug '{page.slug}' is reserved for the site's own section", page.lines.get("slug", 1),
                                    hint="choose another 'slug:' for this page"))
        elif page.slug in seen_pages:
            problems.append(Problem(page.source, f"page slug '{page.slug}' is also used by {seen_pages[page.slug].source}", page.lines.get("slug", 1),
                                    hint="give one of the two pages a different 'slug:'"))
        seen_pages.setdefault(page.slug, page)
    return problems
