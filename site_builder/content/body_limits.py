"""Limits on the shape of a body, so that rendering any file takes a bounded time.

Python-Markdown rebuilds a paragraph's text after each inline match, each match costs
time and memory, and the HTML parsers it and nh3 use slow down with nesting depth and
with tags left open (docs/markdown-worst-cases.md). A body over a limit is reported
by ``check`` with its line and a fix, and ``build`` and ``serve`` refuse it the same
way, since all three read bodies through ``schema``. Every limit is far above real
briefings.
"""

from __future__ import annotations

import re

from site_builder.errors import Problem

MAX_PARAGRAPH_CHARS = 20_000  # characters between two blank lines
MAX_DEPTH = 100  # HTML elements inside each other; quotes ('>') or list levels on a line
MAX_OPEN_TAGS = 200  # '<' and a tag name with no '>' before the next '<'
MAX_MARKUP = 100_000  # characters an inline pattern starts from: each match costs about 50 us and an element
MARKUP_CHARACTERS = "\\`*_[]!<&"
MAX_FOOTNOTES = 2_000  # '[^' (references and definitions): each reference costs time in proportion to those before
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)(>?)")
_BLANK = re.compile(r"\n[ \t]*\n")
_QUOTES = re.compile(r"^(?:[ \t]*>)+", re.MULTILINE)
_LIST_ITEM = re.compile(r"^( {400,})(?:[-*+]|\d+[.)])[ \t]", re.MULTILINE)
# A line starting with more than MAX_DEPTH quote and list markers ("- - - … x", "1. 1. … x"): each
# opens a level inside the last, and Python-Markdown recurses once a level (500 ran out of stack).
_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+){%d,}" % (MAX_DEPTH + 1), re.MULTILINE)
# A run of more than MAX_DEPTH emphasis characters: emphasis inside emphasis, as deep (3,000 ran out of stack).
_EMPHASIS = re.compile(r"\*{%d,}|_{%d,}" % (MAX_DEPTH + 1, MAX_DEPTH + 1))
_RULE = re.compile(r"[ \t*_-]*")  # a line of only these is a horizontal rule, however long


def body_problems(body: str, name: str, first_line: int) -> list[Problem]:
    """Problems with the shape of ``body``, whose first line is line ``first_line`` of file ``name``."""
    def line(at: int) -> int:
        return first_line + body.count("\n", 0, at)
    problems = []
    start = 0
    # Each search below runs only when the body holds enough of what it looks for (a count
    # or a search of a plain string takes a microsecond; the patterns, a hundred).
    for gap in [*_BLANK.finditer(body), None] if len(body) > MAX_PARAGRAPH_CHARS else ():
        end = gap.start() if gap else len(body.rstrip())
        if end - start > MAX_PARAGRAPH_CHARS:
            problems.append(Problem(name, f"paragraph of {end - start:,} characters, over the limit of {MAX_PARAGRAPH_CHARS:,}", line(start),
                                    hint="split this paragraph (or table, or list) with a blank line"))
        start = gap.end() if gap else start
    for found in _QUOTES.finditer(body) if body.count(">") > MAX_DEPTH else ():
        if found.group().count(">") > MAX_DEPTH:
            problems.append(Problem(name, f"quotes nested {found.group().count('>')} deep, over the limit of {MAX_DEPTH}",
                                    line(found.start()), hint="remove the extra '>' at the start of this line"))
            break
    deep_list = _LIST_ITEM.search(body) if " " * 400 in body else None
    if deep_list:
        problems.append(Problem(name, f"list nested over {MAX_DEPTH} levels deep", line(deep_list.start()),
                                hint="indent this list item less"))
    problems += _nesting_problems(body, name, line)
    problems += _tag_problems(body, name, line)
    footnotes = body.count("[^")
    if footnotes > MAX_FOOTNOTES:
        at = body.index("[^")
        for _ in range(MAX_FOOTNOTES):
            at = body.index("[^", at + 2)
        problems.append(Problem(name, f"{footnotes:,} footnote references and definitions ('[^'), over the limit of "
                                      f"{MAX_FOOTNOTES:,} for one body", line(at),
                                hint="split this briefing into several, or write '\\[^' where no footnote is meant"))
    if len(body) > MAX_MARKUP and markup_count(body) > MAX_MARKUP:
        problems.append(Problem(name, f"{markup_count(body):,} markup characters ({' '.join(MARKUP_CHARACTERS)}), "
                                      f"over the limit of {MAX_MARKUP:,} for one body", first_line,
                                hint="split this briefing into several, or remove the runs of these characters"))
    return problems


def markup_count(text: str) -> int:
    """How many characters of ``text`` an inline pattern (emphasis, link, code, escape, HTML) starts from."""
    return sum(text.count(c) for c in MARKUP_CHARACTERS)


def _nesting_problems(body: str, name: str, line) -> list[Problem]:
    """Quote and list markers, or emphasis characters, nested over ``MAX_DEPTH`` on one line (the first of each)."""
    problems = []
    markers = _MARKERS.search(body) if len(body) > 2 * MAX_DEPTH else None
    quotes = _QUOTES.match(body, markers.start()) if markers else None
    if markers and not (quotes and quotes.group().count(">") > MAX_DEPTH):  # only quotes: reported above
        problems.append(Problem(name, f"list items and quotes nested over {MAX_DEPTH} deep at the start of this line",
                                line(markers.start()), hint="remove the extra '- ', '1. ' or '>' markers at the start "
                                                            "of this line, or write '\\-' for a dash shown as is"))
    for run in _EMPHASIS.finditer(body) if "*" * MAX_DEPTH in body or "_" * MAX_DEPTH in body else ():
        start = body.rfind("\n", 0, run.start()) + 1
        end = body.find("\n", run.end())
        if not _RULE.fullmatch(body, start, len(body) if end < 0 else end):
            problems.append(Problem(name, f"a run of {len(run.group())} '{run.group()[0]}' characters: emphasis "
                                          f"nested over {MAX_DEPTH} deep", line(run.start()),
                                    hint=f"remove the run, or write '\\{run.group()[0]}' for each one shown as is"))
            break
    return problems


def _tag_problems(body: str, name: str, line) -> list[Problem]:
    depth, opened = 0, 0
    problems = []
    for tag in _TAG.finditer(body) if body.count("<") > MAX_DEPTH else ():
        closing, tag_name, rest, closed = tag.groups()
        if not closed:
            opened += 1
            if opened == MAX_OPEN_TAGS + 1:
                problems.append(Problem(name, f"more than {MAX_OPEN_TAGS} tags opened with '<' and never closed with '>'",
                                        line(tag.start()), hint="close this tag with '>', or write '&lt;' for a '<' that starts no tag"))
        elif closing:
            depth = max(depth - 1, 0)
        elif tag_name.lower() not in _VOID and not rest.endswith("/"):
            depth += 1
            if depth == MAX_DEPTH + 1:
                problems.append(Problem(name, f"HTML elements nested over {MAX_DEPTH} deep", line(tag.start()),
                                        hint="close the elements opened before this one (e.g. '</div>'), or remove some"))
    return problems
