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

from site_builder.content.yaml_problems import (SCALAR_KINDS, BadScalar, bad_scalar, duplicate, explain,
                                                 screen, unclosed_bracket, unclosed_quote)
from site_builder.errors import Problem

MAX_BYTES = 5 * 1024 * 1024
# Characters that XML (the feeds) forbids and no editor means to type; NUL and
# line breaks are handled apart. They come with text copied out of PDFs.
CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same characters as UTF-8 bytes, so that a file without any is recognised
# quickly (a one-byte UTF-8 character never occurs inside a longer one).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20)])
CONTROL_HINT = ("delete the invisible character at this position (it often comes with text copied from a PDF "
                "or a word processor); retype the letters around it if you cannot see it")
BOM = "\ufeff"

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_COLLECTION_TAGS = {_SequenceNode: _SEQ, _MappingNode: _MAP}
_RESOLVED_LIMIT = 4096  # plain scalars whose tag each loader class remembers


def _content_loader(base: type) -> type:
    """A safe loader without implicit timestamps and YAML 1.1 yes/no booleans.

    Built on libyaml (``yaml.CSafeLoader``) when PyYAML has it and on the
    pure-Python ``yaml.SafeLoader`` otherwise; both resolve and construct alike.
    """

    resolved: dict[str, str] = {}  # plain scalar -> tag; a tag depends only on the value

    class Loader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind, value, implicit):
            # Same tags as Resolver.resolve (this loader has no path resolvers),
            # with each plain scalar matched against the patterns once.
            if kind is _ScalarNode:
                if not implicit[0]:
                    return _STR
                tag = resolved.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(resolved) >= _RESOLVED_LIMIT:
                        resolved.clear()
                    resolved[value] = tag
                return tag
            return _COLLECTION_TAGS.get(kind) or super().resolve(kind, value, implicit)

        def construct_mapping(self, node, deep=False):
            # Keys as the editor wrote them ("1", "null", "2025-01-01"), so that messages and
            # positions name them so; only fields with text names exist.
            if not isinstance(node, yaml.MappingNode):
                return super().construct_mapping(node, deep)  # raises PyYAML's own error
            self.flatten_mapping(node)
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                            "found unhashable key", key_node.start_mark)
                if key_node.tag != _STR:
                    self.construct_object(key_node)  # a bad '!!int abc' key is refused at its place
            return {key.value: self.construct_object(value, deep=deep) for key, value in node.value}

        def descend_resolver(self, current_node, current_index):
            pass

        def ascend_resolver(self):
            pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers
                if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    if Loader.yaml_path_resolvers:
        raise RuntimeError("the content loader's resolve() assumes no path resolvers")
    for tag in SCALAR_KINDS:
        Loader.add_constructor(tag, _located(base.yaml_constructors[tag]))
    return Loader


def _located(construct):
    """``construct`` raising ``BadScalar`` at the node instead of a bare ValueError, KeyError, ... ."""

    def checked(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, TypeError, LookupError, AttributeError, OverflowError,
                yaml.constructor.ConstructorError) as exc:  # binascii.Error is a ValueError
            raise BadScalar(node, exc) from exc

    return checked


PURE_LOADER = _content_loader(yaml.SafeLoader)
FAST_LOADER = _content_loader(yaml.CSafeLoader) if getattr(yaml, "__with_libyaml__", False) else None
_Loader = FAST_LOADER or PURE_LOADER
# Scalar tags built without the generic constructor (the others take the slow path).
_SCALAR_CONSTRUCTORS = {tag: yaml.SafeLoader.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")}

_UNREADABLE = (yaml.reader.ReaderError, UnicodeEncodeError)  # characters the YAML reader refuses
Position = tuple[int, int]
KeyPath = tuple
VALUE = "\x00value"  # last part of a key path that locates the key's value (no key holds a NUL)


@dataclass
class YamlData:
    """Parsed YAML plus the (line, column) of every key path, 1-based."""

    data: object
    positions: dict[KeyPath, Position] = field(default_factory=dict)


SAVE_AS_UTF8 = "save the file with UTF-8 encoding in your editor (Save As... > Encoding: UTF-8)"


def too_large(size: int, path: str) -> Problem | None:
    """A problem for a file over the size limit (checked before reading it)."""
    if size <= MAX_BYTES:
        return None
    return Problem(path, f"file is {size / 1024 / 1024:.0f} MB, larger than the {MAX_BYTES // 1024 // 1024} MB limit", 1,
                   hint="content files are text; split the file or remove pasted binary data")


def read_text(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (BOM allowed), normalise line endings; explain failures."""
    problem = too_large(len(raw), path)
    if problem:
        return None, [problem]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, "file is saved as UTF-16 ('Unicode'), not UTF-8", 1, 1, hint=SAVE_AS_UTF8)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start:exc.start + 1]
        guess = byte.decode("cp1252", errors="ignore")
        seen = f", probably '{guess}' saved as Windows-1252" if guess.isprintable() and guess.strip() else ""
        return None, [Problem(path, f"not valid UTF-8 (byte 0x{byte[0]:02x}{seen})", line, col, hint=SAVE_AS_UTF8)]
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(path, "file contains a NUL byte; it is not a text file", line,
                              hint="remove the binary data or replace the file with a text file")]
    control = _find_control(raw, text)
    if control:
        return None, [_control_problem(text, path, 0, control.start())]
    return text, []


def _control_problem(text: str, path: str, offset: int, index: int) -> Problem:
    """The problem for the invisible character at ``text[index]``, at its line and column."""
    line = text.count("\n", 0, index) + 1 + offset
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return Problem(path, f"invisible control character U+{ord(text[index]):04X} in the text", line, col,
                   hint=CONTROL_HINT)


def _unreadable(text: str, path: str, offset: int, exc: Exception) -> Problem:
    """The problem for a character the YAML reader refuses (U+007F to U+009F, a lone surrogate)."""
    if isinstance(exc, UnicodeEncodeError):
        index = exc.start
    else:
        index = text.find(chr(exc.character)) if isinstance(getattr(exc, "character", None), int) else -1
    if index < 0:
        return Problem(path, f"YAML error: {exc}", offset + 1, hint="check the YAML syntax")
    return _control_problem(text, path, offset, index)


def _find_control(raw: bytes, text: str) -> re.Match | None:
    """The first ``CONTROL`` character of ``text`` (decoded from ``raw``), if any."""
    if len(raw.translate(None, _CONTROL_BYTES)) == len(raw) and "\ufffe" not in text and "\uffff" not in text:
        return None
    return CONTROL.search(text)


def parse_yaml(text: str, path: str, line_offset: int = 0,
               loader_class: type | None = None) -> tuple[YamlData | None, list[Problem]]:
    """Parse one YAML document; positions are shifted by ``line_offset`` lines.

    ``loader_class`` is ``FAST_LOADER`` (libyaml, the default when installed) or
    ``PURE_LOADER``. They give the same values, positions and problems for
    well-formed YAML; the wording of syntax errors is each parser's own, and
    only libyaml accepts a tab after 'key:'.
    """
    loader_class = loader_class or _Loader
    try:  # the pure-Python reader checks every character as it is created, libyaml's while it parses
        refused = screen(text, path, line_offset, loader_class)
        loader = loader_class(text)
    except _UNREADABLE as exc:
        return None, [_unreadable(text, path, line_offset, exc)]
    if refused:
        return None, [refused]
    positions: dict[KeyPath, Position] = {}
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        data = _construct(loader, node, positions, problems, path, line_offset) if node is not None else None
    except BadScalar as exc:
        return None, [bad_scalar(text, path, line_offset, exc)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if "could not find expected ':'" in str(exc.problem) and exc.context_mark is not None:
            mark = exc.context_mark  # the line without its ':', not the line after it where the parser noticed
        line = mark.line + 1 + line_offset if mark else None
        col = mark.column + 1 if mark else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if isinstance(exc, yaml.constructor.ConstructorError):  # parsed fine: no quote or bracket is open
            return None, [Problem(path, f"YAML syntax error: {message}", line, col, hint=explain(text, exc, mark)[1])]
        quote_line = unclosed_quote(text, mark.line if mark else len(text))
        if quote_line is not None:
            return None, [Problem(path, "YAML syntax error: the quoted value on this line is not closed",
                                  quote_line + 1 + line_offset, None,
                                  hint="end the value with the same quote mark it starts with, on the same line")]
        opened = unclosed_bracket(exc)
        if opened is not None:
            bracket, close, start = opened
            return None, [Problem(path, f"YAML syntax error: the list or mapping opened with '{bracket}' here is not "
                                        "closed", start.line + 1 + line_offset, start.column + 1,
                                  hint=f"close it with '{close}' on the same line, e.g. countries: [Czechia, Russia]; "
                                       f"put text containing '{bracket}' or ',' in quotes")]
        plain, hint = explain(text, exc, mark)
        return None, [Problem(path, f"YAML syntax error: {plain or message}", line, col, hint=hint)]
    except _UNREADABLE as exc:
        return None, [_unreadable(text, path, line_offset, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, f"YAML error: {exc}", line_offset + 1, hint="check the YAML syntax")]
    finally:
        loader.dispose()
    return YamlData(data, positions), problems


class _Unusual(Exception):
    """A node the direct builder leaves to PyYAML's constructor (tags, merge keys, complex keys)."""


def _construct(loader, node: yaml.Node, positions: dict, problems: list, path: str, offset: int) -> object:
    """The document's value, filling in ``positions`` and duplicate-key problems.

    Content uses plain mappings, lists and scalars; those are built in one pass
    over the nodes. Anything else (or any error) is built by PyYAML's
    constructor and then walked for positions, which gives the same result
    more slowly and raises the constructor's own errors.
    """
    try:
        positions[()] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
        return _build(loader, node, (), positions, problems, path, offset)
    except Exception:  # noqa: BLE001 - redone below, where the error (if any) is raised as PyYAML raises it
        positions.clear()
        problems.clear()
    data = loader.construct_document(node)
    _walk(node, (), positions, problems, path, offset)
    return data


def _build(loader, node: yaml.Node, keypath: KeyPath, positions: dict, problems: list, path: str, offset: int):
    """What ``construct_document`` plus ``_walk`` give for plain nodes, in one pass.

    The caller has recorded the node's own position. Text scalars, the most
    common nodes, are taken in place rather than through a call.
    """
    kind = type(node)
    if kind is _ScalarNode:
        return _scalar(loader, node)
    if kind is _SequenceNode and node.tag == _SEQ:
        items = []
        for index, item in enumerate(node.value):
            child = keypath + (index,)
            if child not in positions:
                mark = item.start_mark
                positions[child] = (mark.line + 1 + offset, mark.column + 1)
            items.append(item.value if type(item) is _ScalarNode and item.tag == _STR
                         else _build(loader, item, child, positions, problems, path, offset))
        return items
    if kind is not _MappingNode or node.tag != _MAP:
        raise _Unusual
    data = {}
    seen: set = set()
    for key_node, value_node in node.value:
        if type(key_node) is not _ScalarNode:
            raise _Unusual
        key = key_node.value
        mark = key_node.start_mark
        where = (mark.line + 1 + offset, mark.column + 1)
        if key in seen:
            problems.append(duplicate(path, key, where))
        seen.add(key)
        child = keypath + (key,)
        positions[child] = where  # the value's own position never replaces its key's
        if type(value_node) is _ScalarNode:
            _value_position(positions, child, mark, value_node.start_mark, offset)
        value = (value_node.value if type(value_node) is _ScalarNode and value_node.tag == _STR
                 else _build(loader, value_node, child, positions, problems, path, offset))
        if key_node.tag != _STR:
            _scalar(loader, key_node)  # a merge key ('<<') or a tag is left to the constructor
        data[key] = value
    return data


def _scalar(loader, node: yaml.ScalarNode):
    """A scalar's value; other tags, merge keys ('<<') among them, are left to the constructor."""
    if node.tag == _STR:
        return node.value
    constructor = _SCALAR_CONSTRUCTORS.get(node.tag)
    if constructor is None:
        raise _Unusual
    return constructor(loader, node)


def _walk(node: yaml.Node, keypath: KeyPath, positions: dict, problems: list, path: str, offset: int) -> None:
    positions.setdefault(keypath, (node.start_mark.line + 1 + offset, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            where = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            if key in seen:
                problems.append(duplicate(path, key, where))
            seen.add(key)
            positions[keypath + (key,)] = where
            if isinstance(value_node, yaml.ScalarNode) and isinstance(key_node, yaml.ScalarNode):
                _value_position(positions, keypath + (key,), key_node.start_mark, value_node.start_mark, offset)
            _walk(value_node, keypath + (key,), positions, problems, path, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, keypath + (index,), positions, problems, path, offset)


def _value_position(positions: dict, keypath: KeyPath, key_mark, value_mark, offset: int) -> None:
    """Record where a key's scalar value starts, unless it is where ``locate_value`` expects it."""
    if value_mark.line != key_mark.line or value_mark.column != key_mark.column + len(str(keypath[-1])) + 2:
        positions[keypath + (VALUE,)] = (value_mark.line + 1 + offset, value_mark.column + 1)


def locate_value(positions: dict[KeyPath, Position], keypath: KeyPath) -> Position | tuple[None, None]:
    """Where the value of a key starts ("date: 2025-13-01" -> the '2'), else ``locate``'s answer.

    Most values follow their key after ': ', so only the others are recorded.
    """
    explicit = positions.get(keypath + (VALUE,))
    if explicit is not None:
        return explicit
    if keypath and isinstance(keypath[-1], str) and keypath in positions:
        line, col = positions[keypath]
        return line, col + len(keypath[-1]) + 2
    return locate(positions, keypath)


def locate(positions: dict[KeyPath, Position], keypath: KeyPath) -> Position | tuple[None, None]:
    """Best known position for a key path: itself, else its nearest located parent."""
    probe = tuple(keypath)
    while True:
        if probe in positions:
            return positions[probe]
        if not probe:
            return (None, None)
        probe = probe[:-1]
