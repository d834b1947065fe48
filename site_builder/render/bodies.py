"""The markdown stage: every briefing's and page's body to HTML, briefings linking their entities.

A body whose text, entity links and pictures are unchanged since the last
build comes from the cache; the others are converted in worker processes.
"""

from __future__ import annotations

from site_builder import processes
from site_builder.cache import BuildCache, body_key, cached_map
from site_builder.content.site import Site
from site_builder.errors import Problem, SiteError
from site_builder.model import ENTITY_KINDS, Briefing, Page
from site_builder.render.markdown_body import LinkTarget, render_markdown, statics_used


def render_bodies(site: Site, cache: BuildCache | None = None, progress: processes.Progress | None = None) -> None:
    """Set ``html`` on every briefing and page of ``site`` (the one field this stage fills in)."""
    cache = cache or BuildCache(None)
    items: list[Briefing | Page] = [*site.briefings, *site.pages]
    targets = [_link_targets(item) if isinstance(item, Briefing) else [] for item in items]
    base_path, statics = site.config.base_path, site.statics
    keys = [body_key(item.body, targets[i], base_path, statics_used(item.body, statics)) for i, item in enumerate(items)]
    html = cached_map(cache, "bodies", keys, "markdown", lambda i: _render(
        items[i].body, targets[i], base_path, statics_used(items[i].body, statics)), progress)
    unbuilt = [Problem(item.source, "the text is nested too deeply to be made into a page (lists, quotes, emphasis "
                                    "or HTML inside each other)", item.body_line,
                       hint="flatten the nesting: fewer '>' or list markers at the start of a line, fewer '*' or "
                            "'_' in a row, fewer HTML elements inside each other")
               for item, text in zip(items, html) if text is None]
    if unbuilt:
        raise SiteError(unbuilt)
    for item, text in zip(items, html):
        item.html = text


def _render(body: str, targets: list[LinkTarget], base_path: str, statics: dict[str, str]) -> str | None:
    """A body's HTML, or None when its nesting runs out of stack: the limits of ``body_limits`` keep
    every known shape far from it, and any other is still a problem with a file and line, not a crash."""
    try:
        return render_markdown(body, targets, base_path, statics)
    except RecursionError:
        return None


def _link_targets(briefing: Briefing) -> list[LinkTarget]:
    return [LinkTarget((e.name, *e.aliases), e.url, f"{e.label}: {e.name}")
            for kind in ENTITY_KINDS for e in briefing.entities.get(kind, ())]
