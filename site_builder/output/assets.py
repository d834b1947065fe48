"""Static files, copied with content-hash names so they can be cached forever.

``static/css/site.css`` is published as ``assets/css/site.3f2a9c1b.css``; the
templates ask for ``asset('css/site.css')`` and get the hashed URL.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from site_builder.content.regular import file_kind
from site_builder.content.slugs import windows_reserved
from site_builder.errors import Problem

UNHASHED = {"favicon.ico", "robots.txt"}


@dataclass(frozen=True)
class Asset:
    source: str  # path under static/, posix
    output: str  # path under the output folder, posix
    data: bytes


def collect_assets(static_dirs: list[Path]) -> list[Asset]:
    """Every file under the folders, by path; a later folder's file replaces an earlier one's."""
    found = static_files(static_dirs)
    return [Asset(rel, fingerprinted_name(rel, data), data)
            for rel, data in ((rel, found[rel].read_bytes()) for rel in sorted(found))]


def static_files(static_dirs: list[Path]) -> dict[str, Path]:
    """The files under the folders by their path there ("img/a.jpg"); a later folder's replaces an earlier one's."""
    return {path.relative_to(static_dir).as_posix(): path
            for static_dir, path in _entries(static_dirs) if path.is_file()}


def _entries(static_dirs: list[Path]):
    """(folder, path) of everything under the folders but hidden names, in name order: the walk behind both
    what is published (``static_files``) and what cannot be (``static_problems``)."""
    for static_dir in static_dirs:
        if static_dir.is_dir():
            for path in sorted(static_dir.rglob("*")):
                if not path.name.startswith("."):
                    yield static_dir, path


def static_problems(static_dirs: list[Path]) -> list[Problem]:
    """What under the static folders cannot be published: a named pipe, device, socket or link to
    nothing (skipped without a word before, so a picture went missing from the site), and a name
    Windows keeps for a device ("aux.jpg"), which stops the repository and the site checking out there."""
    problems: list[Problem] = []
    for _, path in _entries(static_dirs):
        if windows_reserved(path.name):
            problems.append(Problem(str(path), f"'{path.name}' is a name Windows keeps for a device",
                                    hint="rename it (for instance add '-1' before the extension)"))
        elif not path.is_dir() and not path.is_file():
            kind = file_kind(os.lstat(path).st_mode) if not path.is_symlink() else "a link to nothing or to itself"
            problems.append(Problem(str(path), f"is not a file (it is {kind}), so it cannot be published",
                                    hint="replace it with the file itself or remove it"))
    return problems


def fingerprinted_name(rel: str, data: bytes) -> str:
    if Path(rel).name in UNHASHED:
        return rel
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, ext = rel.rpartition(".")
    return f"assets/{stem}.{digest}.{ext}" if dot else f"assets/{rel}.{digest}"
