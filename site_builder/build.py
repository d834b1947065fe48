"""The build: a flat list of timed stages from content files to a published site.

``check_content`` runs the stages that find problems in content (load, validate,
resolve) and returns every one; ``build`` runs them all and publishes only when
there is none, so bad content never breaks the site. Each stage is one call in
``_build``, timed for ``--verbose``; docs/architecture.md describes them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2

from site_builder import processes
from site_builder.cache import DEFAULT_CACHE_DIR, BuildCache, input_key
from site_builder.content.collect import Content, read_content
from site_builder.content.config import SiteConfig
from site_builder.content.site import Site, build_site
from site_builder.errors import Problem, SiteError
from site_builder.output.assets import Asset, collect_assets, static_files, static_problems
from site_builder.output.produce import OutputWriter, globals_key, output_intact
from site_builder.output.search import SHARD_PAGES, remove_dead_scratch
from site_builder.output.search_stage import STALE, EarlySearch, search_index
from site_builder.output.swap import OutputLock, recover
from site_builder.output.write import unsafe_output
from site_builder.processes import cycle_collection_paused
from site_builder.render import theme
from site_builder.render.bodies import render_bodies
from site_builder.render.data_export import export_json
from site_builder.render.lint import body_warnings
from site_builder.render.pages import plan_pages
from site_builder.render.templating import make_environment, raised_in_template, template_problem, validate_templates

__all__ = ["BuildOptions", "BuildReport", "BuiltState", "Content", "build", "check_content", "link_site",
           "load_content", "render_bodies", "cycle_collection_paused"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATES = theme.TEMPLATES
DEFAULT_STATIC = theme.STATIC


@dataclass
class BuildOptions:
    content: Path = Path("content")
    output: Path = Path("public")
    drafts: bool = False
    base_url: str | None = None
    templates: Path = DEFAULT_TEMPLATES
    static: Path = DEFAULT_STATIC
    today: dt.date = field(default_factory=dt.date.today)
    cache_dir: Path | None = DEFAULT_CACHE_DIR  # None: no cache, a cold build (--no-cache)
    progress: bool | None = None  # progress bar: None = only on a terminal
    # False (``serve``): keep the search bundle of the last build that made one
    # instead of running Pagefind again; the first build without one still indexes.
    reindex_search: bool = True
    search_shard_pages: int = SHARD_PAGES  # pages per Pagefind run (bounds its memory); see search.py
    keep_state: bool = False  # return what was built in the report (``serve`` keeps it for quick edits)

    def template_dirs(self) -> list[Path]:
        """The content folder's own ``templates/`` (when it has one) first, then the theme's."""
        own = self.content / "templates"
        return [own, self.templates] if own.is_dir() else [self.templates]

    def static_dirs(self) -> list[Path]:
        """The theme's static files, then the content folder's own ``static/``, which override them."""
        own = self.content / "static"
        return [self.static, own] if own.is_dir() else [self.static]


@dataclass
class BuiltState:
    """What a build made in memory before writing: the content, the site, the templates, the pages."""

    content: Content
    site: Site
    env: jinja2.Environment
    jobs: list


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    briefings: int = 0
    drafts_skipped: int = 0
    rendered: int = 0  # pages rendered this build (the others were unchanged)
    written: int = 0  # files whose bytes changed
    reasons: list[str] = field(default_factory=list)  # why pages were rendered, one line each (``--verbose``)
    timings: list[tuple[str, float]] = field(default_factory=list)
    # (seconds Pagefind indexing took, seconds of them beside rendering) when it started during rendering
    early_search: tuple[float, float] | None = None
    state: BuiltState | None = None  # with ``keep_state``, when pages were planned (not on a no-change build)


class Stages:
    """Runs the build's stages one after another, timing each into the report (``--verbose``)."""

    def __init__(self, report: BuildReport):
        self.report, self.start = report, time.perf_counter()

    def run(self, name: str, stage: Callable[..., Any], *args: Any) -> Any:
        try:
            return stage(*args)
        finally:
            self.lap(name)

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.report.timings.append((name, now - self.start))
        self.start = now


def load_content(options: BuildOptions, cache: BuildCache | None = None) -> tuple[Content, list[Problem]]:
    """Load, validate and resolve everything; return the content and every problem found."""
    return read_content(options.content, options.base_url, options.today, cache)


def check_content(options: BuildOptions) -> list[Problem]:
    """Every problem in the content and the templates, then every warning, without writing anything."""
    try:
        with cycle_collection_paused():
            content, problems = load_content(options)
    except SiteError as exc:
        return exc.problems
    return (problems + static_problems(options.static_dirs()) + check_templates(options, content.config)
            + content_warnings(content, options))


def content_warnings(content: Content, options: BuildOptions) -> list[Problem]:
    """What check warns about: things that build but are likely mistakes (see ``lint``)."""
    return [w for b in content.briefings for w in b.warnings] + body_warnings(
        [*content.briefings, *content.pages], set(static_files(options.static_dirs())))


def check_templates(options: BuildOptions, config: SiteConfig) -> list[Problem]:
    """Template syntax errors (file and line) and missing templates."""
    template_dirs = options.template_dirs()
    return validate_templates(make_environment(template_dirs, config, {}), template_dirs)


def build(options: BuildOptions, cache: BuildCache | None = None) -> BuildReport:
    """Build the site into ``options.output``; raise SiteError (writing nothing) on any problem.

    ``cache`` keeps what one build learnt for the next (``serve`` passes the same
    one each time); by default it is the folder ``options.cache_dir``. One build
    at a time per output folder: another waits for it (``swap.OutputLock``).
    """
    report = BuildReport()
    guard = unsafe_output(options.output, [PROJECT_ROOT], sources=[options.content, options.templates, options.static])
    if guard:
        raise SiteError([guard])
    if cache is None:
        cache = BuildCache(options.cache_dir, resident=False)
    if cache.folder is not None and cache.folder.is_relative_to(options.output.resolve()):
        raise SiteError([Problem(str(options.cache_dir), "the cache folder is inside the output folder, which every build replaces",
                                 hint="use the default cache folder (.cache/site-builder) or pass --cache-dir elsewhere")])
    progress = processes.Progress(enabled=options.progress)
    try:
        with OutputLock(options.output), cycle_collection_paused():
            recover(options.output)  # what a killed build left
            remove_dead_scratch()
            cache.remove_strays()
            return _build(options, cache, report, progress)
    finally:
        progress.close()


def _build(options: BuildOptions, cache: BuildCache, report: BuildReport, progress: processes.Progress) -> BuildReport:
    stages = Stages(report)
    inputs = stages.run("check for changes", _unless_unchanged, options, cache, report)
    if inputs is _UNCHANGED:
        return report
    content = stages.run("load, validate, resolve", _valid_content, options, cache)
    site = stages.run("link & index", _linked_site, options, content, report, cache)
    assets = stages.run("markdown", _bodies_and_assets, options, site, cache, progress)
    writer = OutputWriter(options.output, cache, progress)
    early = EarlySearch(writer, cache, content.config.language, options.search_shard_pages) \
        if options.reindex_search else None
    with _published_or_discarded(writer, early):
        report.rendered = stages.run("render", _render, options, content, site, assets, writer, early, report, progress)
        rendered_at = time.perf_counter()
        if early is not None:
            early.rendering_over()
        stages.run("data & assets", _add_data_and_assets, writer, site, assets)
        stages.run("search index", _add_search_index, options, content, writer, cache, early)
        report.early_search = early.overlap(rendered_at) if early is not None else None
        stages.run("write", _publish, writer, cache, inputs, site, report)
    return report


_UNCHANGED = object()


def _unless_unchanged(options: BuildOptions, cache: BuildCache, report: BuildReport):
    """The key of every input; ``_UNCHANGED`` (with the last report) when the last build had the
    same inputs and its output is intact, so there is nothing to do; None without a cache."""
    if not cache.enabled:
        return None
    settings = (str(options.output.resolve()), options.drafts, options.base_url, options.today.isoformat())
    inputs = input_key([options.content, options.templates, options.static], settings)
    last = cache.store("last-build")
    if last.get("inputs") == inputs and output_intact(options.output, cache) is not None:
        report.__dict__.update(last["report"], timings=report.timings, rendered=0, written=0)
        return _UNCHANGED
    return inputs


def _valid_content(options: BuildOptions, cache: BuildCache) -> Content:
    content, problems = load_content(options, cache)
    problems += static_problems(options.static_dirs())
    if problems:
        raise SiteError(problems + check_templates(options, content.config))
    return content


def _linked_site(options: BuildOptions, content: Content, report: BuildReport | None = None,
                 cache: BuildCache | None = None) -> Site:
    """The linked and indexed site: published briefings only, unless ``--drafts``."""
    published = [b for b in content.briefings if options.drafts or not b.is_draft]
    if report is not None:
        report.drafts_skipped = len(content.briefings) - len(published)
    return build_site(content.config, content.kb, published, content.pages, cache=cache)


def _bodies_and_assets(options: BuildOptions, site: Site, cache: BuildCache | None,
                       progress: processes.Progress | None) -> list[Asset]:
    assets = collect_assets(options.static_dirs())
    site.statics = {a.source: a.output for a in assets}
    render_bodies(site, cache, progress)
    return assets


def link_site(options: BuildOptions, content: Content, cache: BuildCache | None = None,
              progress: processes.Progress | None = None,
              lap: Callable[[str], None] = lambda stage: None) -> tuple[Site, list[Asset], jinja2.Environment]:
    """What rendering needs from loaded content (the preview's live session starts from it):
    the linked site with its bodies in HTML, the static files, and the templates."""
    site = _linked_site(options, content)
    lap("link & index")
    assets = _bodies_and_assets(options, site, cache, progress)
    lap("markdown")
    return site, assets, make_environment(options.template_dirs(), content.config, site.statics)


def _render(options: BuildOptions, content: Content, site: Site, assets: list[Asset], writer: OutputWriter,
            early: EarlySearch | None, report: BuildReport, progress: processes.Progress) -> int:
    """Render the pages whose inputs changed into staging; a template's error is reported at its line."""
    template_dirs = options.template_dirs()
    env = make_environment(template_dirs, content.config, site.statics, writer.cache)
    problems = validate_templates(env, template_dirs)  # compiles into env's cache for rendering
    if problems:
        raise SiteError(problems)
    try:
        jobs = plan_pages(site, env)
        if options.keep_state:
            report.state = BuiltState(content, site, env, jobs)
        return writer.render_pages(jobs, env, site, globals_key(content.config, {a.source: a.output for a in assets}),
                                   early.start if early is not None else None, content.document_keys)
    except Exception as exc:
        if not isinstance(exc, jinja2.TemplateError) and not raised_in_template(exc):
            raise
        raise SiteError([template_problem(exc, template_dirs)]) from None
    finally:
        progress.close()


def _add_data_and_assets(writer: OutputWriter, site: Site, assets: list[Asset]) -> None:
    """``briefings.json`` shows no briefing's body: when the dependency index decided (nothing but bodies
    changed, ``render/dependencies.py``) the file on disk is this build's, and is not made again."""
    if writer.by_index and "briefings.json" in writer.trusted:
        writer.files["briefings.json"] = writer.trusted["briefings.json"]
    else:
        writer.add_file("briefings.json", export_json(site))
    for a in assets:
        writer.add_file(a.output, a.data)


def _add_search_index(options: BuildOptions, content: Content, writer: OutputWriter, cache: BuildCache,
                      early: EarlySearch | None) -> None:
    for path, data in search_index(writer, cache, content.config.language, options.reindex_search,
                                   options.search_shard_pages, early):
        writer.add_file(path, data)


def _publish(writer: OutputWriter, cache: BuildCache, inputs: bytes | None, site: Site, report: BuildReport) -> None:
    """Swap the new site in, and remember its inputs so an unchanged next build does nothing."""
    writer.publish()
    report.files = len(writer.files)
    report.written = len(writer.written)
    report.reasons = writer.reasons()
    report.pages = sum(1 for path in writer.files if path.endswith(".html"))
    report.briefings = len(site.briefings)
    if inputs is not None and cache.store("search").get("key") != STALE:
        cache.replace("last-build", {"inputs": inputs, "report": {
            k: getattr(report, k) for k in ("pages", "files", "briefings", "drafts_skipped")}})
    cache.save()


@contextlib.contextmanager
def _published_or_discarded(writer: OutputWriter, early: EarlySearch | None):
    """On any failure (or interrupt) the staged files are discarded and the published site stays."""
    try:
        yield
    except BaseException:
        if early is not None:
            early.cancel()
        writer.discard()
        raise
