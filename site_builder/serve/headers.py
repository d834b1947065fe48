"""The deployed site's headers, read from netlify.toml, for the preview to send with every answer.

A page the production Content-Security-Policy would break must break in the
preview too, so the preview reads the same ``[[headers]]`` tables Netlify does
(``for`` patterns with ``*`` splats and ``:name`` placeholders; a later
table's value for the same header wins). See docs/preview.md ("Headers").
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from site_builder.build import PROJECT_ROOT
from site_builder.errors import Problem, SiteError, display_path

DEFAULT_HEADERS = PROJECT_ROOT / "netlify.toml"  # the deployed site's headers, sent by the preview too


@dataclass
class HeaderRule:
    """One ``[[headers]]`` table of netlify.toml: the headers for the paths ``pattern`` matches."""

    pattern: re.Pattern
    values: dict[str, str]


def read_header_rules(path: Path) -> list[HeaderRule]:
    """The ``[[headers]]`` rules of a netlify.toml, in order; splats (``*``) and placeholders (``:name``)."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    rules = []
    for table in data.get("headers", []):
        parts = re.split(r"(\*|:[A-Za-z_]\w*)", table["for"])
        regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part) for part in parts)
        values = {name: " ".join(str(value).split()) for name, value in table.get("values", {}).items()}
        rules.append(HeaderRule(re.compile(regex + r"\Z"), values))
    return rules


def deployed_headers(path: Path | None) -> list[HeaderRule]:
    """The header rules of ``path``; none (with a warning) when it is missing, a located problem when it is broken."""
    if path is None or not path.is_file():
        print(f"warning: no {display_path(path or DEFAULT_HEADERS)}: the preview sends none of the deployed site's headers",
              file=sys.stderr, flush=True)
        return []
    try:
        return read_header_rules(path)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise SiteError([Problem(display_path(path), f"cannot read its [[headers]] ({type(exc).__name__}: {exc})",
                                 hint="each [[headers]] table needs `for = \"/path/*\"` and a [headers.values] table")]) from None


def headers_for(rules: list[HeaderRule], path: str) -> dict[str, str]:
    """The headers every rule matching ``path`` gives; a later rule's value for the same name wins."""
    headers: dict[str, str] = {}
    for rule in rules:
        if rule.pattern.match(path):
            headers.update(rule.values)
    return headers
