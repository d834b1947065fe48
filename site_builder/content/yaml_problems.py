"""Problems in YAML explained for editors: where a value or bracket went wrong, and how to fix it.

PyYAML reports where its parser stopped; these turn that into the line an
editor must change (an unclosed quote, an over-indented key, a tab, a value
its tag cannot be built from) and refuse anchors and deep nesting early.
"""

from __future__ import annotations

import re
import sys

import yaml

from site_builder.errors import Problem

# Content needs a handful of nesting levels; a deeper document is a mistake or an
# attack on the YAML library (deep nesting overflows the C stack of libyaml's composer).
MAX_DEPTH = 64

# What each scalar tag of the safe loader needs, for messages about values it cannot build.
SCALAR_KINDS = {
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:binary": "base64 data",
    "tag:yaml.org,2002:str": "text",
}


class BadScalar(yaml.constructor.ConstructorError):
    """A value its tag cannot be built from ('!!int abc', '0x_', '!!timestamp 2025-02-30'), at the value."""

    def __init__(self, node: yaml.Node, cause: Exception):
        super().__init__(None, None, f"cannot construct {node.tag}", node.start_mark)
        self.node = node
        self.cause = cause


_SHOWN = 40  # characters of a bad value quoted in its message


def bad_scalar(text: str, path: str, offset: int, exc: BadScalar) -> Problem:
    """The problem for a value its tag cannot build, with the tag as written (if any) and a fix."""
    node, mark = exc.node, exc.node.start_mark
    where = (mark.line + 1 + offset, mark.column + 1)
    tag = written_tag(text, mark) or ""
    without_tag = f"remove the '{tag}' tag (content needs no tags)" if tag else ""
    if type(node) is not yaml.ScalarNode:
        shape = "list" if type(node) is yaml.SequenceNode else "mapping"
        return Problem(path, f"the '{tag or node.tag}' tag needs a single value, not a {shape}", *where,
                       hint=without_tag or "check indentation and quoting on this line")
    value = node.value
    shown = repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "...")
    quoted = '"' + value[:_SHOWN].replace("\\", "\\\\").replace('"', '\\"') + '"'
    quote = f"quote the value if it is text, e.g. {quoted}" if value else ""
    hint = "; ".join(filter(None, (without_tag, quote))) or "check the value on this line"
    digits = sum(char.isdigit() for char in value)
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    if limit and digits > limit and node.tag.endswith(":int"):
        return Problem(path, f"{shown} has {digits} digits, more than the {limit} a number may have", *where, hint=hint)
    if not tag:  # resolved as a number from how it looks, such as '0b_' or '0x_'
        return Problem(path, f"{shown} looks like a number but is not a valid one", *where, hint=hint)
    kind = SCALAR_KINDS.get(node.tag, node.tag)
    reason = f" ({exc.cause})" if node.tag.endswith(":timestamp") and isinstance(exc.cause, ValueError) else ""
    what = shown if value else "the empty value"
    return Problem(path, f"{what} is not {kind}, which its '{tag}' tag requires{reason}", *where, hint=hint)


# What YAML counts as a line break, so that its marks' line numbers find their lines.
_YAML_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def yaml_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML counts them (``mark.line`` indexes this list)."""
    return _YAML_LINE_BREAK.split(text)


def written_tag(text: str, mark) -> str | None:
    """The tag ('!!int', '!<tag:yaml.org,2002:int>') written where a node starts, if it has one."""
    lines = yaml_lines(text)
    line = lines[mark.line] if mark.line < len(lines) else ""
    match = re.match(r"!<[^>]*>|![^\s,\[\]{}]*", line[mark.column:])
    return match.group() if match else None


def duplicate(path: str, key: str, where: tuple[int, int]) -> Problem:
    return Problem(path, f"key '{key}' appears twice", *where, hint=f"keep one '{key}:' line and delete the other")


def unclosed_bracket(exc: yaml.MarkedYAMLError):
    """('[', ']', mark of the '[') when the error is a flow list or mapping left open."""
    context = str(exc.context or "")
    if exc.context_mark is None or "expected ',' or" not in str(exc.problem or ""):
        return None
    if "flow sequence" in context:
        return "[", "]", exc.context_mark
    if "flow mapping" in context:
        return "{", "}", exc.context_mark
    return None


def _bad_place(text: str, mark) -> tuple[str, str]:
    """The line a syntax error is on, and the character it points at."""
    lines = yaml_lines(text)
    bad_line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    return bad_line, bad_line[mark.column] if mark is not None and mark.column < len(bad_line) else ""


def _indented_key(bad_line: str, mark) -> bool:
    """True when 'mapping values are not allowed' points at the first ':' of an indented 'key: value' line."""
    return bad_line[:1].isspace() and ":" not in bad_line[:mark.column]


def explain(text: str, exc: yaml.MarkedYAMLError, mark) -> tuple[str, str]:
    """What libyaml's or PyYAML's syntax error means in the editor's words ('' when we do not
    know; the same for both parsers), and how to fix it."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    bad_line, char = _bad_place(text, mark)
    if "\t" in bad_line or "tab" in problem:
        return ("a tab character is used for indentation or spacing",
                "YAML does not allow tab characters for indentation; indent with spaces")
    if "could not determine a constructor" in problem:
        if char != "!":  # a plain value YAML gives a tag of its own, such as '='
            value = bad_line[mark.column:].split(" #")[0].strip() or char
            return "", f"quote the value if it is text, e.g. note: \"{value}\""
        return "", "remove the '!' tag; content may only hold text, numbers, dates, lists and mappings"
    if "mapping values are not allowed" in problem:
        if _indented_key(bad_line, mark):
            return ("this line is indented more than the field above it, which holds a value already",
                    "start the field where the fields above it start, or put it under a field that ends with ':'")
        return ("the value holds ': ', which YAML reads as the start of another field",
                "a value containing ': ' must be in quotes, e.g. title: \"Vote: the results\"")
    if "could not find expected ':'" in problem:
        return ("this line is not 'field: value': the ':' after the field's name is missing",
                "write it as 'field: value', e.g. summary: One sentence.; if it continues the line above, join the two")
    if "block collection" in context:
        return ("a line inside a list does not start with '- ' like the items around it",
                "start the line with '- ' as the other items, or move it out of the list to where its field belongs")
    if "cannot start any token" in problem and char.strip():
        return (f"a value cannot start with '{char}' unless it is in quotes",
                f"a value that starts with '{char}' must be in quotes, e.g. note: \"{char}example\"")
    if "unhashable key" in problem:
        return "", "a field name must be a plain word followed by ':', e.g. 'title:'"
    if "found undefined alias" in problem or "anchor" in problem:
        return "", "a value starting with '*' or '&' must be in quotes, e.g. note: \"*unconfirmed*\""
    hint = "check indentation and quoting on this line and the one before it"
    if "block mapping" in context:
        return "this line does not line up with the fields around it (or text follows a quoted value)", hint
    return "", hint


_BLOCK_INDICATOR = re.compile(r"[-?:](?=\s)")
_DEEP_INDENT = " " * MAX_DEPTH
_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)$""")


def unclosed_quote(text: str, last_line: int) -> int | None:
    """Index of the first line up to ``last_line`` whose quoted value is never closed on it."""
    for index, line in enumerate(yaml_lines(text)[: last_line + 1]):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, rest = match.groups()
        if quote == '"':
            closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
        else:
            closed = "'" in rest.replace("''", "")
        if not closed:
            return index
    return None


def too_deep(path: str, line: int, column: int) -> Problem:
    return Problem(path, f"lists and fields are nested more than {MAX_DEPTH} levels deep", line, column,
                   hint="content needs only a few levels; check for stray '[', '{' or '- '")


def screen(text: str, path: str, offset: int, loader_class: type) -> Problem | None:
    """Refuse aliases and deep nesting before composing: both can exhaust memory or the stack.

    Only documents that could hold them are scanned, so ordinary files pay nothing.
    """
    if ("*" not in text and "&" not in text
            and not (text.startswith(_DEEP_INDENT) or "\n" + _DEEP_INDENT in text)  # a line indented that deep
            and text.count("[") + text.count("{") + len(_BLOCK_INDICATOR.findall(text)) < MAX_DEPTH):
        return None
    loader = loader_class(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            where = (event.start_mark.line + 1 + offset, event.start_mark.column + 1)
            if isinstance(event, (yaml.AliasEvent,)) or getattr(event, "anchor", None):
                return Problem(path, "YAML anchors and aliases ('&name', '*name') are not allowed in content", *where,
                               hint="write the value out in full; if it is text starting with '*' or '&', put it in quotes")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return too_deep(path, *where)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and "nesting depth" in str(getattr(exc, "problem", "")):
            # PyYAML 6.0.4 and later stop at their own depth limit before ours.
            return too_deep(path, mark.line + 1 + offset, mark.column + 1)
        return None  # the full parse reports syntax errors with its own hint
    finally:
        loader.dispose()
    return None
