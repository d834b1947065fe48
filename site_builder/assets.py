"""Static files, copied with content-hash names so they can be cached forever.

``static/css/site.css`` is published as ``assets/css/site.3f2a9c1b.css``; the
templates ask for ``asset('css/site.css')`` and get the hashed URL.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

UNHASHED = {"favicon.ico", "robots.txt"}


@dataclass(frozen=True)
class Asset:
    source: str  # path under static/, posix
    output: str  # path under the output folder, posix
    data: bytes


def collect_assets(static_dir: Path) -> list[Asset]:
    assets = []
    if not static_dir.is_dir():
        return assets
    for path in sorted(static_dir.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(static_dir).as_posix()
        data = path.read_bytes()
        assets.append(Asset(rel, fingerprinted_name(rel, data), data))
    return assets


def fingerprinted_name(rel: str, data: bytes) -> str:
    if Path(rel).name in UNHASHED:
        return rel
    digest = hashlib.sha256(data).hexdigest()[:10]
    stem, dot, ext = rel.rpartition(".")
    return f"assets/{stem}.{digest}.{ext}" if dot else f"assets/{rel}.{digest}"
