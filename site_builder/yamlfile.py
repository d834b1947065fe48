"""Read a text file and its YAML with positions, so every problem has a line.

PyYAML's own constructors lose positions and surprise editors (``NO`` becomes
``False``, ``2025-02-30`` raises a bare ValueError). This loader is safe (no
Python objects), keeps dates as strings for the schema to check with a
location, knows only ``true``/``false`` as booleans, and records the line and
column of every key and list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from site_builder.errors import Problem

MAX_BYTES = 5 * 1024 * 1024
BOM = "\ufeff"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader without implicit timestamps and YAML 1.1 yes/no booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

Position = tuple[int, int]
KeyPath = tuple


@dataclass
class YamlData:
    """Parsed YAML plus the (line, column) of every key path, 1-based."""

    data: object
    positions: dict[KeyPath, Position] = field(default_factory=dict)


def read_text(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM allowed), normalise line endings; explain failures."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(path, f"file is {len(raw) // 1024 // 1024} MB, larger than the {MAX_BYTES // 1024 // 1024} MB limit",
                              hint="content files are text; split the file or remove pasted binary data")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line, col,
                              hint="save the file with UTF-8 encoding in your editor")]
    if text.startswith(BOM):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(path, "file contains a NUL byte; it is not a text file", line,
                              hint="remove the binary data or replace the file with a text file")]
    return text, []


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[YamlData | None, list[Problem]]:
    """Parse one YAML document; positions are shifted by ``line_offset`` lines."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, [Problem(path, f"YAML syntax error: {message}", line, col, hint=_yaml_hint(text, exc, mark))]
    except yaml.YAMLError as exc:
        return None, [Problem(path, f"YAML error: {exc}", line_offset + 1, hint="check the YAML syntax")]
    finally:
        loader.dispose()
    positions: dict[KeyPath, Position] = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), positions, problems, path, line_offset)
    return YamlData(data, positions), problems


def _yaml_hint(text: str, exc: yaml.MarkedYAMLError, mark) -> str:
    problem = str(exc.problem or "")
    lines = text.split("\n")
    bad_line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in bad_line or "tab" in problem:
        return "YAML does not allow tab characters for indentation; indent with spaces"
    if "could not determine a constructor" in problem:
        return "remove the '!' tag; content may only hold text, numbers, dates, lists and mappings"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be in quotes, e.g. title: \"Vote: the results\""
    if "found character" in problem and "'`'" in problem:
        return "quote values that start with a backtick"
    return "check indentation and quoting on this line and the one before it"


def _walk(node: yaml.Node, keypath: KeyPath, positions: dict, problems: list, path: str, offset: int) -> None:
    positions.setdefault(keypath, (node.start_mark.line + 1 + offset, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            where = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(Problem(path, f"key '{key}' appears twice", *where,
                                        hint=f"keep one '{key}:' line and delete the other"))
            seen.add(key)
            positions[keypath + (key,)] = where
            _walk(value_node, keypath + (key,), positions, problems, path, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, keypath + (index,), positions, problems, path, offset)


def locate(positions: dict[KeyPath, Position], keypath: KeyPath) -> Position | tuple[None, None]:
    """Best known position for a key path: itself, else its nearest located parent."""
    probe = tuple(keypath)
    while True:
        if probe in positions:
            return positions[probe]
        if not probe:
            return (None, None)
        probe = probe[:-1]
