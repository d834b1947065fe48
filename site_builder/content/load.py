"""Read content files from disk: the only stage of the pipeline that reads content.

Produces ``Document`` values (frontmatter data with positions, markdown body
and the line the body starts on) and ``Problem`` values for files that cannot
be read. Symlinks that point outside the content folder are refused so that a
content tree cannot pull in files from elsewhere on the machine.
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import Problem, command_name
from site_builder.content.regular import NotRegular, read_regular
from site_builder.content.yamlfile import MAX_BYTES, YamlData, parse_yaml, read_text, too_large


# A line break, then a line holding only '---' or '...' and the spaces that str.strip() removes.
_FENCE = re.compile(r"\n[^\S\n]*(?:---|\.\.\.)[^\S\n]*(?=\n|\Z)")


@dataclass
class Document:
    path: Path
    name: str  # path as shown to editors
    meta: YamlData
    body: str
    body_line: int


def split_frontmatter(text: str, name: str) -> tuple[str, str, int] | Problem:
    """Split ``---`` frontmatter from the body; returns (yaml, body, body_line)."""
    if not text.strip():
        return Problem(name, "file is empty", 1, hint=f"a briefing starts with a '---' line, then title, date and summary; run '{command_name()} new \"Title\"' for a template")
    first_end = text.find("\n")
    if (text[:first_end] if first_end >= 0 else text).strip() != "---":
        return Problem(name, "file does not start with '---' frontmatter", 1, 1,
                       hint="put a line with only '---' first, the YAML fields, then another '---' line before the text")
    fence = _FENCE.search(text, first_end) if first_end >= 0 else None
    if fence:
        start, end = fence.span()
        return text[first_end + 1:start], text[end + 1:], text.count("\n", 0, start) + 3
    return Problem(name, "frontmatter is not closed: no second '---' line", 1, 1,
                   hint="add a line with only '---' after the last YAML field")


def read_content_text(path: Path, root: Path) -> tuple[str, str | None, list[Problem]]:
    """(display name, text or None, problems) for a content file inside ``root``."""
    try:
        real = path.resolve()  # once, for both the name and the check
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        real = Path(os.path.abspath(path))
    name = _display_name(path, real)
    problem = _outside(real, root, name)
    if problem:
        return name, None, [problem]
    try:
        problem = too_large(path.stat().st_size, name)  # before reading: never load a huge file
        if problem:
            return name, None, [problem]
        raw = read_regular(path, MAX_BYTES)  # never blocks on a pipe, never loads more than the limit
    except OSError as exc:  # named as written: a link's target may not exist
        return name, None, [_unreadable(path, _display_name(path, Path(os.path.abspath(path))), exc)]
    text, problems = read_text(raw, name)
    return name, text, problems


def read_document(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    name, text, problems = read_content_text(path, root)
    if text is None:
        return None, problems
    split = split_frontmatter(text, name)
    if isinstance(split, Problem):
        return None, [split]
    yaml_text, body, body_line = split
    meta, problems = parse_yaml(yaml_text, name, line_offset=1)
    if meta is None:
        return None, problems
    if not isinstance(meta.data, dict):
        return None, problems + [Problem(name, "frontmatter must be 'key: value' lines", 2, 1,
                                         hint="write fields like 'title: ...' between the two '---' lines")]
    return Document(path, name, meta, body, body_line), problems


def read_yaml_file(path: Path, root: Path) -> tuple[YamlData | None, list[Problem]]:
    """Read a plain YAML file (site.yaml, entity files) with positions."""
    name, text, problems = read_content_text(path, root)
    if text is None:
        return None, problems
    return parse_yaml(text, name)


def check_inside(path: Path, root: Path, name: str) -> Problem | None:
    """Refuse files (or symlinks) that resolve outside the content folder."""
    return _outside(path.resolve(), root, name)


def _unreadable(path: Path, name: str, exc: OSError) -> Problem:
    """Why a content file cannot be read, and what to do: a folder or a pipe named like a file,
    a link to nothing or to itself, a file without read permission."""
    if isinstance(exc, NotRegular):
        if exc.what == "a folder":
            return Problem(name, "is a folder, not a text file", 1,
                           hint=f"rename the folder so that its name does not end in '{path.suffix}', or move it "
                                "out of the content folder")
        return Problem(name, f"is {exc.what}, not a text file", 1,
                       hint="delete it, and save the text from your editor as a file of that name")
    if exc.errno == errno.ELOOP:
        return Problem(name, "is a link that leads back to itself (a loop of symbolic links)", 1,
                       hint="delete the link and put the file itself here")
    if exc.errno == errno.ENOENT and path.is_symlink():
        return Problem(name, f"is a link to {os.readlink(path)}, which does not exist", 1,
                       hint="delete the link, or put the file it names in place")
    return Problem(name, f"cannot read file: {exc.strerror or exc}", 1,
                   hint="check that the file exists and that you may read it")


def _display_name(path: Path, real: Path) -> str:
    """``display_path(path)`` for a path already resolved to ``real``."""
    try:
        return str(real.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _outside(real: Path, root: Path, name: str) -> Problem | None:
    try:
        real.relative_to(root.resolve())
    except ValueError:
        return Problem(name, "file is a link to a place outside the content folder", 1,
                       hint="copy the file into the content folder instead of linking to it")
    return None


def markdown_files(folder: Path) -> list[Path]:
    """Markdown files in a folder, sorted by name so builds are reproducible."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if not p.name.startswith("."))  # a folder or pipe named x.md too:
    # reading it reports what it is, rather than leaving it out unsaid
