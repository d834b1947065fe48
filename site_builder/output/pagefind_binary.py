"""Where the Pagefind binary is, found without importing Pagefind's Python package.

``pagefind.service.get_executable`` answers the same question, but importing
``pagefind.service`` brings asyncio and the service's types (some 30-40 ms of a
build's start, every build and every preview rebuild that indexes a page), for
a lookup that only needs a few file tests. This follows the same order: the
``PAGEFIND_BINARY_PATH`` variable, the binary shipped in ``pagefind_bin_extended``
then ``pagefind_bin`` (the wheels ``pagefind[extended]`` and ``pagefind`` install,
found by their import spec, not imported), then ``pagefind_extended`` or
``pagefind`` on PATH.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

BINARY_PACKAGES = ("pagefind_bin_extended", "pagefind_bin")
BINARY_NAMES = ("pagefind_extended", "pagefind")


def pagefind_executable() -> Path | None:
    """The Pagefind binary shipped by the ``pagefind`` PyPI packages, or one on PATH; None without one."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    if chosen is not None:
        return Path(chosen)
    for package in BINARY_PACKAGES:
        found = shipped_binary(package)
        if found is not None:
            return found
    external = shutil.which(BINARY_NAMES[0]) or shutil.which(BINARY_NAMES[1])
    return Path(external) if external else None


def shipped_binary(package: str) -> Path | None:
    """The binary in the folder of the installed package ``package``, if it holds one."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent
    suffixes = ("", ".exe") if os.name == "nt" else ("",)
    for name in BINARY_NAMES:
        for suffix in suffixes:
            candidate = folder / (name + suffix)
            if candidate.is_file():
                return candidate
    return None
