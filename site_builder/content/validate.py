"""Checks across files: two briefings may not share a slug or a title, pages may not take reserved paths,
and every template compiles (so ``check`` finds a broken template before a build does)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from site_builder.errors import Problem, display_path
from site_builder.model import TERM_KINDS, Briefing, Page
from site_builder.content.slugs import fold
from site_builder.render.templating import template_problem

RESERVED = {*TERM_KINDS, "briefings", "timeline", "assets", "search", "feed", "404"}
# Templates the render stage always uses; a missing one fails every build.
REQUIRED_TEMPLATES = (
    "home.html", "briefings.html", "briefing.html", "term_index.html", "term.html", "timeline.html",
    "page.html", "404.html", "feed.xml", "sitemap.xml", "sitemap_index.xml", "robots.txt",
)


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


# Templates known to compile, by file, source and the environment's filters and tests, so a
# preview server or a test run that checks again and again compiles each version once.
_COMPILED: set[tuple] = set()


def validate_templates(env: jinja2.Environment, template_dirs: list[Path],
                       required: tuple[str, ...] = REQUIRED_TEMPLATES) -> list[Problem]:
    """Compile every template; report syntax errors at their line and required templates that are missing."""
    problems: list[Problem] = []
    names = set(env.list_templates())
    for name in sorted(names):
        try:
            source, filename, _ = env.loader.get_source(env, name)
            key = (filename, hash(source), tuple(sorted(env.filters)), tuple(sorted(env.tests)))
            if key in _COMPILED:
                continue
            env.get_template(name)
        except jinja2.TemplateError as exc:
            problems.append(template_problem(exc, template_dirs))
            continue
        if len(_COMPILED) > 4096:
            _COMPILED.clear()
        _COMPILED.add(key)
    folder = template_dirs[0] if template_dirs else Path("templates")
    for name in required:
        if name not in names:
            problems.append(Problem(display_path(folder / name), f"template '{name}' is missing",
                                    hint=f"restore {name} from the repository's templates/ folder"))
    return problems
