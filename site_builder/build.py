"""The build: a flat list of timed stages from content files to a written site.

``check_content`` runs the stages that can find problems in content (load,
validate, resolve) and returns every problem at once. ``build`` runs them all
and writes only when there is no problem, so bad content never breaks the site.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from site_builder.assets import collect_assets
from site_builder.config import SiteConfig, load_config
from site_builder.data_export import export_json
from site_builder.entities import KnowledgeBase, load_knowledge_base
from site_builder.errors import Problem, SiteError
from site_builder.load import markdown_files, read_document
from site_builder.markdown_body import LinkTarget, render_markdown
from site_builder.model import ENTITY_KINDS, Briefing, Page
from site_builder.render import render_site
from site_builder.resolve import resolve_briefings
from site_builder.schema import read_briefing, read_page
from site_builder.search import build_search_index
from site_builder.site import Site, build_site
from site_builder.templating import make_environment, template_problem
from site_builder.validate import validate_collection, validate_templates
from site_builder.write import unsafe_output, write_outputs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATES = PROJECT_ROOT / "templates"
DEFAULT_STATIC = PROJECT_ROOT / "static"


@dataclass
class BuildOptions:
    content: Path = Path("content")
    output: Path = Path("public")
    drafts: bool = False
    base_url: str | None = None
    templates: Path = DEFAULT_TEMPLATES
    static: Path = DEFAULT_STATIC
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class Content:
    """Everything read and resolved from the content folder."""

    config: SiteConfig
    kb: KnowledgeBase
    briefings: list[Briefing]
    pages: list[Page]


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    briefings: int = 0
    drafts_skipped: int = 0
    timings: list[tuple[str, float]] = field(default_factory=list)


class _Timer:
    def __init__(self, report: BuildReport):
        self.report, self.start = report, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.timings.append((stage, now - self.start))
        self.start = now


def load_content(options: BuildOptions) -> tuple[Content, list[Problem]]:
    """Load, validate and resolve everything; return the content and every problem found."""
    content_dir = options.content
    if not content_dir.is_dir():
        raise SiteError([Problem(str(content_dir), "content folder does not exist",
                                 hint="run from the project folder or pass --content DIR")])
    config, problems = load_config(content_dir, options.base_url)
    kb, kb_problems = load_knowledge_base(content_dir)
    problems += kb_problems
    briefings: list[Briefing] = []
    for path in markdown_files(content_dir / "briefings"):
        doc, doc_problems = read_document(path, content_dir)
        problems += doc_problems
        if doc is not None:
            briefing, more = read_briefing(doc, options.today)
            problems += more
            if briefing is not None:
                briefings.append(briefing)
    pages: list[Page] = []
    for path in markdown_files(content_dir / "pages"):
        doc, doc_problems = read_document(path, content_dir)
        problems += doc_problems
        if doc is not None:
            page, more = read_page(doc)
            problems += more
            if page is not None:
                pages.append(page)
    problems += validate_collection(briefings, pages)
    _, resolve_problems = resolve_briefings(briefings, kb)
    problems += resolve_problems
    return Content(config, kb, briefings, pages), problems


def check_content(options: BuildOptions) -> list[Problem]:
    """Every problem in the content and the templates, without writing anything."""
    try:
        content, problems = load_content(options)
    except SiteError as exc:
        return exc.problems
    return problems + check_templates(options, content.config)


def check_templates(options: BuildOptions, config: SiteConfig) -> list[Problem]:
    """Template syntax errors (file and line) and missing templates."""
    return validate_templates(make_environment([options.templates], config, {}), [options.templates])


def build(options: BuildOptions) -> BuildReport:
    """Build the site into ``options.output``; raise SiteError (writing nothing) on any problem."""
    report = BuildReport()
    timer = _Timer(report)
    guard = unsafe_output(options.output, [PROJECT_ROOT], sources=[options.content, options.templates, options.static])
    if guard:
        raise SiteError([guard])
    content, problems = load_content(options)
    if problems:
        raise SiteError(problems + check_templates(options, content.config))
    timer.lap("load, validate, resolve")
    published = [b for b in content.briefings if options.drafts or not b.is_draft]
    report.drafts_skipped = len(content.briefings) - len(published)
    site = build_site(content.config, content.kb, published, content.pages)
    timer.lap("link & index")
    render_bodies(site)
    timer.lap("markdown")
    assets = collect_assets(options.static)
    template_dirs = [options.templates]
    env = make_environment(template_dirs, content.config, {a.source: a.output for a in assets})
    template_problems = validate_templates(env, template_dirs)  # compiles into env's cache for rendering
    if template_problems:
        raise SiteError(template_problems)
    try:
        outputs = render_site(site, env)
    except jinja2.TemplateError as exc:
        raise SiteError([template_problem(exc, template_dirs)]) from None
    timer.lap("render")
    files = [(o.path, o.data) for o in outputs]
    files.append(("briefings.json", export_json(site)))
    files += [(a.output, a.data) for a in assets]
    files += build_search_index(files, content.config.language)
    timer.lap("search index")
    report.files = write_outputs(options.output, files)
    report.pages = sum(1 for path, _ in files if path.endswith(".html"))
    report.briefings = len(published)
    timer.lap("write")
    return report


def render_bodies(site: Site) -> None:
    """Markdown to HTML for every briefing and page; briefings link their entities."""
    for briefing in site.briefings:
        targets = [LinkTarget((e.name, *e.aliases), e.url, f"{e.label}: {e.name}")
                   for kind in ENTITY_KINDS for e in briefing.entities.get(kind, ())]
        briefing.html = render_markdown(briefing.body, targets)
    for page in site.pages:
        page.html = render_markdown(page.body)
