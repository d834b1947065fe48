"""The build: a flat list of timed stages from content files to a written site.

``check_content`` runs the stages that can find problems in content (load,
validate, resolve) and returns every problem at once. ``build`` runs them all
and writes only when there is no problem, so bad content never breaks the site.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from site_builder import processes
from site_builder.render import theme
from site_builder.output.assets import Asset, collect_assets, static_files
from site_builder.cache import DEFAULT_CACHE_DIR, BuildCache, digest
from site_builder.content.config import SiteConfig, load_config
from site_builder.render.data_export import export_json
from site_builder.content.entities import KnowledgeBase, load_knowledge_base
from site_builder.errors import Problem, SiteError
from site_builder.render.lint import body_warnings
from site_builder.content.load import check_inside, markdown_files, read_document
from site_builder.render.markdown_body import LinkTarget, render_markdown, statics_used
from site_builder.model import ENTITY_KINDS, Briefing, Page
from site_builder.output.produce import OutputWriter, globals_key, input_key, output_intact
from site_builder.content.desk import copy_problems
from site_builder.render.pages import plan_pages
from site_builder.content.resolve import resolve_briefings
from site_builder.content.schema import read_briefing, read_page
from site_builder.output.search import SHARD_PAGES, remove_dead_scratch
from site_builder.output.search_stage import STALE, EarlySearch, search_index
from site_builder.content.site import Site, build_site
from site_builder.render.templating import make_environment, raised_in_template, template_problem
from site_builder.content.validate import validate_collection, validate_templates
from site_builder.output.write import OutputLock, recover, unsafe_output
from site_builder.content.yamlfile import MAX_BYTES

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
class Content:
    """Everything read and resolved from the content folder."""

    config: SiteConfig
    kb: KnowledgeBase
    briefings: list[Briefing]
    pages: list[Page]


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
    timings: list[tuple[str, float]] = field(default_factory=list)
    # (seconds Pagefind indexing took, seconds of them beside rendering) when it started during rendering
    early_search: tuple[float, float] | None = None
    state: BuiltState | None = None  # with ``keep_state``, when pages were planned (not on a no-change build)


class _Timer:
    def __init__(self, report: BuildReport):
        self.report, self.start = report, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.timings.append((stage, now - self.start))
        self.start = now


def load_content(options: BuildOptions, cache: BuildCache | None = None) -> tuple[Content, list[Problem]]:
    """Load, validate and resolve everything; return the content and every problem found."""
    cache = cache or BuildCache(None)
    content_dir = options.content
    if not content_dir.is_dir():
        raise SiteError([Problem(str(content_dir), "content folder does not exist",
                                 hint="run from the project folder or pass --content DIR")])
    config, problems = load_config(content_dir, options.base_url)
    kb, kb_problems = load_knowledge_base(content_dir)
    problems += kb_problems
    briefings: list[Briefing] = []
    pages: list[Page] = []
    for kind, found in (("briefings", briefings), ("pages", pages)):
        for item, more in _read_documents(markdown_files(content_dir / kind), kind, options, cache):
            problems += more
            if item is not None:
                found.append(item)
    problems += validate_collection(briefings, pages)
    problems += copy_problems(briefings, content_dir)
    _, resolve_problems = resolve_briefings(briefings, kb)
    problems += resolve_problems
    return Content(config, kb, briefings, pages), problems


def _read_one(path: Path, kind: str, content_dir: Path, today: dt.date) -> tuple[Briefing | Page | None, list[Problem]]:
    doc, problems = read_document(path, content_dir)
    if doc is None:
        return None, problems
    item, more = read_briefing(doc, today) if kind == "briefings" else read_page(doc)
    return item, problems + more


def _read_documents(paths: list[Path], kind: str, options: BuildOptions, cache: BuildCache) -> list[tuple]:
    """Parsed briefings or pages with their problems, in ``paths`` order.

    A file whose bytes (and name, and the date) are unchanged since the last build
    comes from the cache; the others are parsed in worker processes. Cached
    values are kept pickled: resolving fills in parsed objects, so every build
    gets fresh ones.
    """
    content_dir = options.content
    old = cache.store("documents-" + kind) if cache.enabled else {}
    new: dict[bytes, bytes] = {}
    keys: list[bytes | None] = []
    inside: dict[Path, bool] = {}
    for path in paths:
        key = None
        if cache.enabled and not path.is_symlink():
            if path.parent not in inside:
                inside[path.parent] = check_inside(path.parent, content_dir, "") is None
            if inside[path.parent]:
                try:
                    if path.stat().st_size <= MAX_BYTES:  # a huge file is refused unread, never hashed
                        key = digest(kind, os.getcwd(), str(path), options.today.isoformat(), path.read_bytes())
                except OSError:
                    key = None
        keys.append(key)
    missing = [i for i, key in enumerate(keys) if key is None or key not in old]
    parsed = processes.run(lambda i: pickle.dumps(_read_one(paths[missing[i]], kind, content_dir, options.today),
                                                 pickle.HIGHEST_PROTOCOL), len(missing), "read")
    fresh = dict(zip(missing, parsed))
    results = []
    for i, key in enumerate(keys):
        data = fresh[i] if i in fresh else old[key]
        if key is not None:
            new[key] = data
        results.append(pickle.loads(data))
    if cache.enabled and (fresh or len(new) != len(old)):
        cache.replace("documents-" + kind, new)
    cache.settle("documents-" + kind)
    return results


def check_content(options: BuildOptions) -> list[Problem]:
    """Every problem in the content and the templates, then every warning, without writing anything."""
    try:
        with cycle_collection_paused():
            content, problems = load_content(options)
    except SiteError as exc:
        return exc.problems
    return problems + check_templates(options, content.config) + content_warnings(content, options)


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
    at a time per output folder: another waits for it (``write.OutputLock``).
    """
    report = BuildReport()
    timer = _Timer(report)
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
            return _build(options, cache, report, timer, progress)
    finally:
        progress.close()


@contextlib.contextmanager
def cycle_collection_paused():
    """Python's cycle collector off for one build (and in the workers it forks), then as it was.

    Nearly everything a build makes lives until the build ends, and it makes
    few reference cycles, yet the collector scans the whole growing heap each
    time it has grown by a quarter: at 10,000 briefings twelve full collections
    took 3.9 s of the main process, and the render workers paid the same way.
    Without it, in three paired builds, loading took 3.4-3.6 s instead of
    4.2-4.5 s and rendering 21.0-21.9 s instead of 24.0-26.2 s, with no process
    larger. ``serve`` builds again and again in one process, so the collector
    is switched back on when the build is over.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _build(options: BuildOptions, cache: BuildCache, report: BuildReport, timer: "_Timer",
           progress: processes.Progress) -> BuildReport:
    inputs = None
    if cache.enabled:  # nothing changed since the last build, and its output is intact: nothing to do
        settings = (str(options.output.resolve()), options.drafts, options.base_url, options.today.isoformat())
        inputs = input_key([options.content, options.templates, options.static], settings)
        last = cache.store("last-build")
        manifest = output_intact(options.output, cache) if last.get("inputs") == inputs else None
        timer.lap("check for changes")
        if manifest is not None:
            report.__dict__.update(last["report"], timings=report.timings, rendered=0, written=0)
            return report
    content, problems = load_content(options, cache)
    if problems:
        raise SiteError(problems + check_templates(options, content.config))
    timer.lap("load, validate, resolve")
    site, assets, env = link_site(options, content, cache, progress, timer.lap)
    report.drafts_skipped = len(content.briefings) - len(site.briefings)
    template_dirs = options.template_dirs()
    asset_urls = {a.source: a.output for a in assets}
    template_problems = validate_templates(env, template_dirs)  # compiles into env's cache for rendering
    if template_problems:
        raise SiteError(template_problems)
    writer = OutputWriter(options.output, cache, progress)
    language, shard_pages = content.config.language, options.search_shard_pages
    early = EarlySearch(writer, cache, language, shard_pages) if options.reindex_search else None
    try:
        try:
            jobs = plan_pages(site, env)
            if options.keep_state:
                report.state = BuiltState(content, site, env, jobs)
            report.rendered = writer.render_pages(jobs, env, site, globals_key(content.config, asset_urls),
                                                  early.start if early is not None else None)
        except Exception as exc:
            if not isinstance(exc, jinja2.TemplateError) and not raised_in_template(exc):
                raise
            raise SiteError([template_problem(exc, template_dirs)]) from None
        progress.close()
        timer.lap("render")
        rendered_at = time.perf_counter()
        writer.add_file("briefings.json", export_json(site))
        for a in assets:
            writer.add_file(a.output, a.data)
        timer.lap("data & assets")
        for path, data in search_index(writer, cache, language, options.reindex_search, shard_pages, early):
            writer.add_file(path, data)
        timer.lap("search index")
        report.early_search = early.overlap(rendered_at) if early is not None else None
        writer.publish()
    except BaseException:
        if early is not None:
            early.cancel()
        writer.discard()
        raise
    report.files = len(writer.files)
    report.written = len(writer.written)
    report.pages = sum(1 for path in writer.files if path.endswith(".html"))
    report.briefings = len(site.briefings)
    if inputs is not None and cache.store("search").get("key") != STALE:
        cache.replace("last-build", {"inputs": inputs, "report": {
            k: getattr(report, k) for k in ("pages", "files", "briefings", "drafts_skipped")}})
    cache.save()
    timer.lap("write")
    return report


def link_site(options: BuildOptions, content: Content, cache: BuildCache | None = None,
              progress: processes.Progress | None = None,
              lap: Callable[[str], None] = lambda stage: None) -> tuple[Site, list[Asset], jinja2.Environment]:
    """What rendering needs from loaded content: the linked and indexed site (drafts only
    with ``--drafts``) with its bodies in HTML, the static files, and the templates."""
    published = [b for b in content.briefings if options.drafts or not b.is_draft]
    site = build_site(content.config, content.kb, published, content.pages)
    lap("link & index")
    assets = collect_assets(options.static_dirs())
    site.statics = {a.source: a.output for a in assets}
    render_bodies(site, cache, progress)
    lap("markdown")
    env = make_environment(options.template_dirs(), content.config, site.statics)
    return site, assets, env


def render_bodies(site: Site, cache: BuildCache | None = None, progress: processes.Progress | None = None) -> None:
    """Markdown to HTML for every briefing and page; briefings link their entities.

    A body whose text and entity links are unchanged since the last build comes
    from the cache; the others are converted in worker processes.
    """
    cache = cache or BuildCache(None)
    items: list[Briefing | Page] = [*site.briefings, *site.pages]
    targets = [_link_targets(item) if isinstance(item, Briefing) else [] for item in items]
    old = cache.store("bodies")
    base_path, statics = site.config.base_path, site.statics
    keys = [digest(item.body, repr(t), base_path, repr(statics_used(item.body, statics)))
            for item, t in zip(items, targets)]
    missing = [i for i, key in enumerate(keys) if key not in old]
    converted = processes.run(lambda i: render_markdown(items[missing[i]].body, targets[missing[i]], base_path,
                                                       statics_used(items[missing[i]].body, statics)),
                             len(missing), "markdown", progress)
    fresh = dict(zip(missing, converted))
    new = {}
    for i, (item, key) in enumerate(zip(items, keys)):
        item.html = fresh[i] if i in fresh else old[key]
        new[key] = item.html
    if cache.enabled and (fresh or len(new) != len(old)):
        cache.replace("bodies", new)


def _link_targets(briefing: Briefing) -> list[LinkTarget]:
    return [LinkTarget((e.name, *e.aliases), e.url, f"{e.label}: {e.name}")
            for kind in ENTITY_KINDS for e in briefing.entities.get(kind, ())]
