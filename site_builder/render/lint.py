"""Warnings that ``check`` prints about bodies: things that build but are likely mistakes.

A picture from another site (``![x](https://other.example/a.jpg)``) is dropped from
the page (see ``markdown_body.sanitize``), so ``check`` says where it is and how to
publish it as the site's own file instead; so is a "/static/..." picture with no file.
"""

from __future__ import annotations

import re

from site_builder.errors import Problem
from site_builder.render.markdown_body import STATIC_PREFIX, is_local_url
from site_builder.model import Briefing, Page

# ![alt](address "title"), <img ... src="address">, and ![alt][name] with its [name]: address line.
_INLINE = re.compile(r"!\[[^\]\n]*\]\(\s*<?(?P<url>[^\s)>]+)")
_HTML = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?(?P<url>[^\"'\s>]+)", re.IGNORECASE)
_BY_NAME = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\[(?P<name>[^\]\n]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<name>[^\]\n]+)\]:\s*<?(?P<url>[^\s>]+)", re.MULTILINE)
PICTURE_HINT = ("download the picture into content/static/img/ (if you may publish it), write it as "
                "![what it shows](/static/img/NAME.jpg) and credit it in a caption; see 'Pictures' in README.md")


def body_warnings(items: list[Briefing | Page], statics: set[str]) -> list[Problem]:
    """A warning for each picture a body takes from another site, or from static/ (``statics``,
    paths such as "img/a.jpg") where there is no such file."""
    warnings = []
    for item in items:
        body = item.body
        if "![" not in body and "<img" not in body.lower():
            continue
        for start, url in _pictures(body):
            if not is_local_url(url):
                message, hint = f"the picture {url} is not on this site and is left out of the page", PICTURE_HINT
            elif url.startswith(STATIC_PREFIX) and url[len(STATIC_PREFIX):].partition("#")[0] not in statics:
                message = f"the picture {url} is not a file of the site"
                hint = f"put the file at content{url}, or correct the name (it is case-sensitive)"
            else:
                continue
            line = body.count("\n", 0, start)
            column = start - (body.rfind("\n", 0, start) + 1) + 1
            warnings.append(Problem(item.source, message, item.body_line + line, column, hint, "warning"))
    return warnings


def _pictures(body: str) -> list[tuple[int, str]]:
    """(offset, address) of every picture a body shows."""
    found = [(m.start(), m.group("url")) for pattern in (_INLINE, _HTML) for m in pattern.finditer(body)]
    if "]:" in body:
        named = {m.group("name").strip().lower(): m.group("url") for m in _DEFINITION.finditer(body)}
        for m in _BY_NAME.finditer(body):
            url = named.get((m.group("name") or m.group("alt")).strip().lower())
            if url:
                found.append((m.start(), url))
    return sorted(found)
