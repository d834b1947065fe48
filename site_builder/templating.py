"""The Jinja environment: autoescaping everywhere, strict undefined, helpers for templates.

Templates are the only place that makes HTML; this module gives them URLs,
asset names, dates and JSON-LD as data, never markup.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_builder.config import SiteConfig
from site_builder.errors import Problem, display_path


def make_environment(template_dirs: list[Path], config: SiteConfig, asset_urls: dict[str, str]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def url(path: str) -> str:
        return config.base_path + path.lstrip("/")

    def asset(name: str) -> str:
        if name not in asset_urls:
            raise jinja2.TemplateRuntimeError(f"unknown static file '{name}'; it must exist under static/")
        return url(asset_urls[name])

    env.globals.update(config=config, url=url, asset=asset, absolute=config.absolute)
    env.filters.update(datefmt=format_date, isodate=iso_date, monthname=month_name, jsonld=json_ld)
    return env


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


def template_problem(exc: jinja2.TemplateError, template_dirs: list[Path]) -> Problem:
    """A template error as a located problem: template file and line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name = exc.filename or exc.name or "template"
        return Problem(display_path(name), f"template syntax error: {exc.message}", exc.lineno,
                       hint="fix the Jinja tag on this line ({% ... %} and {{ ... }} must be closed)")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(display_path(template_dirs[0]) if template_dirs else "templates",
                       f"template '{exc.name}' is missing", hint="restore it from the repository's templates/ folder")
    location = _runtime_location(exc)
    return Problem(location[0], f"template error: {exc}", location[1],
                   hint="check the names used in this template against the data described in README.md")


def _runtime_location(exc: BaseException) -> tuple[str, int | None]:
    tb = exc.__traceback__
    found: tuple[str, int | None] = ("templates", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".json")):
            found = (display_path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return found
