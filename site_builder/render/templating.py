"""The Jinja environment: autoescaping everywhere, strict undefined, helpers for templates.

Templates are the only place that makes HTML; this module gives them URLs,
asset names, dates and JSON-LD as data, never markup.

``cached_partial('partials/NAME.html', arg=value, ...)`` renders a partial
once per build for each set of arguments (Hugo's ``partialCached``); such a
partial sees only its arguments and the globals, so it cannot depend on the
page that calls it. Template checks for ``check`` live here too.

Each template is parsed at most once per build: the environment keeps the
syntax tree of each template it compiles (``Environment.parsed``), which the
template facts (``template_deps``) read, and with the build cache compiled
templates are kept there (``CachedCode``), so a build whose templates did not
change parses none.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.bccache import Bucket
from markupsafe import Markup

from site_builder.cache import BuildCache
from site_builder.content.config import SiteConfig, under_base
from site_builder.errors import Problem, display_path
from site_builder.render import stix


class Environment(jinja2.Environment):
    """Jinja's environment, keeping the source and syntax tree of each template it compiles from
    source, by name, so the template facts are read off the same parse."""

    def __init__(self, **options):
        super().__init__(**options)
        self.parsed: dict[str, tuple[str, nodes.Template]] = {}

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        if isinstance(source, str) and name is not None:
            tree = self.parse(source, name, filename)
            self.parsed[name] = (source, tree)
            source = tree
        return super().compile(source, name, filename, raw, defer_init)


CODE_STORE = "template-code"


class CachedCode(jinja2.BytecodeCache):
    """Compiled templates kept in the build cache, by template; Jinja checks each against its
    source's hash, so an edited template is compiled again. The store is dropped with the rest
    of the cache when the builder's code or Jinja's version changes."""

    def __init__(self, cache: BuildCache):
        self.cache = cache

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.cache.store(CODE_STORE).get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.store(CODE_STORE)[bucket.key] = bucket.bytecode_to_string()
        self.cache.touch(CODE_STORE)


def make_environment(template_dirs: list[Path], config: SiteConfig, asset_urls: dict[str, str],
                     cache: BuildCache | None = None) -> Environment:
    """The environment of one build; with an enabled ``cache``, compiled templates are kept in it."""
    env = Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # An environment serves one build (a template edit starts a new one), so
        # templates are not checked on disk again each time a page asks for one.
        auto_reload=False,
        bytecode_cache=CachedCode(cache) if cache is not None and cache.enabled else None,
    )

    base_path = config.base_path  # read once: a page asks for dozens of URLs

    def url(path: str) -> str:
        return under_base(base_path, path)

    def asset(name: str) -> str:
        if name not in asset_urls:
            raise jinja2.TemplateRuntimeError(f"unknown static file '{name}'; it must exist under static/")
        return url(asset_urls[name])

    env.globals.update(config=config, url=url, asset=asset, absolute=config.absolute)
    env.globals[PARTIAL_GLOBAL] = CachedPartials(env)
    env.globals.update(stix_briefing=stix.briefing_bundle, stix_site=stix.site_bundle)  # STIX 2.1 (render/stix.py)
    env.filters.update(datefmt=format_date, isodate=iso_date, monthname=month_name, jsonld=json_ld)
    return env


PARTIAL_GLOBAL = "cached_partial"


class CachedPartials:
    """The ``cached_partial`` global: a partial rendered once per set of arguments, for one environment.

    Only for partials that read nothing but their arguments and the
    environment's globals (see the module docstring). Arguments are told apart
    by identity, plain strings by value; the memo holds a reference to each
    argument so that no identity is reused while it lives. It lives as long
    as the environment, which is made for one build; anyone who changes an
    argument in place and renders again with the same environment must call
    ``clear`` first. Forked workers each fill their own copy.

    Markup longer than ``max_entry`` characters is not kept: feed entries
    carry whole bodies, are shown a few times each, and a large archive's
    would stay in every worker's memory for the rest of the build; cards and
    timeline entries, short and shown on many pages, are. The memo keeps at
    most ``max_chars`` characters in all, forgetting the oldest first.
    """

    def __init__(self, env: jinja2.Environment, max_chars: int = 64_000_000, max_entry: int = 4096):
        self._env = env
        self._memo: dict[tuple, tuple[tuple, Markup]] = {}
        self._chars = 0
        self.max_chars = max_chars
        self.max_entry = max_entry

    def __call__(self, name: str, /, **arguments: object) -> Markup:
        key = (name, *[(k, v if type(v) is str else id(v)) for k, v in arguments.items()])
        hit = self._memo.get(key)
        if hit is None:
            markup = Markup(self._env.get_template(name).render(arguments))
            if len(markup) > self.max_entry:
                return markup
            hit = self._memo[key] = (tuple(arguments.values()), markup)
            self._chars += len(markup)
            while self._chars > self.max_chars and len(self._memo) > 1:
                self._chars -= len(self._memo.pop(next(iter(self._memo)))[1])
        return hit[1]

    def clear(self) -> None:
        self._memo.clear()
        self._chars = 0


def cached_partial_names(tree: nodes.Template) -> set[str | None]:
    """The partials a parsed template renders through ``cached_partial``.

    None stands for one that cannot be named before rendering: a name that is
    not written out as text, or the global used other than by calling it.
    """
    calls = [c for c in tree.find_all(nodes.Call) if isinstance(c.node, nodes.Name) and c.node.name == PARTIAL_GLOBAL]
    found: set[str | None] = {c.args[0].value if c.args and isinstance(c.args[0], nodes.Const)
                              and isinstance(c.args[0].value, str) else None for c in calls}
    if sum(1 for n in tree.find_all(nodes.Name) if n.name == PARTIAL_GLOBAL) > len(calls):
        found.add(None)
    return found


def format_date(value: dt.date | None) -> str:
    return f"{value.day} {value.strftime('%B %Y')}" if value else ""


def iso_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B")


def json_ld(data: object) -> Markup:
    """JSON for a <script type="application/ld+json"> block; '<' and '&' escaped so text cannot close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def template_problem(exc: Exception, template_dirs: list[Path]) -> Problem:
    """A template error as a located problem: template file and line.

    Besides Jinja's own errors, any exception raised by a template's expression
    (``{{ 1 // 0 }}``, calling something that is not a function) is one, when
    the template's line is in its traceback (``raised_in_template``).
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name = exc.filename or exc.name or "template"
        return Problem(display_path(name), f"template syntax error: {exc.message}", exc.lineno,
                       hint="fix the Jinja tag on this line ({% ... %} and {{ ... }} must be closed)")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(display_path(template_dirs[0]) if template_dirs else "templates",
                       f"template '{exc.name}' is missing", hint="restore it from the repository's templates/ folder")
    location = _runtime_location(exc)
    detail = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return Problem(location[0], f"template error: {detail}", location[1],
                   hint="check the names used in this template against the data described in README.md")


def raised_in_template(exc: BaseException) -> bool:
    """True when a template's line is in the traceback of ``exc``: rendering a template raised it."""
    return _runtime_location(exc)[1] is not None


def _runtime_location(exc: BaseException) -> tuple[str, int | None]:
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("templates", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".json")):
            found = (display_path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found


# Templates the render stage always uses; a missing one fails every build.
REQUIRED_TEMPLATES = (
    "home.html", "briefings.html", "briefing.html", "term_index.html", "term.html", "timeline.html",
    "page.html", "404.html", "feed.xml", "sitemap.xml", "sitemap_index.xml", "robots.txt",
)

# Templates known to compile, by file, source and the environment's filters and tests, so a
# test run that checks again and again without a build cache compiles each version once. With
# one (``CachedCode``) every template is loaded, from there, into the environment for rendering.
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
            if key in _COMPILED and env.bytecode_cache is None:
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
