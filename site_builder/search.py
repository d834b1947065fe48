"""Search: a static Pagefind index of the rendered pages, made before the write stage.

Pagefind (the ``search`` extra, ``pagefind[extended]`` from PyPI, which bundles
the binary) reads the pages that mark their searchable part with
``data-pagefind-body``; their ``data-pagefind-filter``, ``-meta`` and ``-sort``
attributes give the filters (country, platform, actor, election, tag, year),
result titles and the date sort. The pages are written to a scratch folder,
indexed there, and the bundle comes back as ``pagefind/...`` output files, so
the write stage still swaps in the whole site at once and a failed index
leaves the previous site untouched.

Without Pagefind the build still succeeds: the search page then offers only
the browsable indexes it shows to readers without JavaScript.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
from pathlib import Path

from site_builder.errors import Problem, SiteError
from site_builder.write import safe_join

BUNDLE_DIR = "pagefind"
MARKER = b"data-pagefind-body"
# Parts of the bundle the site does not load.
UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")

log = logging.getLogger(__name__)


def pagefind_executable() -> Path | None:
    """The Pagefind binary shipped by the ``pagefind`` PyPI packages, or one on PATH."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except Exception:  # a broken install is treated like a missing one
        return None


def searchable(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The HTML pages that ask to be indexed."""
    return [(path, data) for path, data in files if path.endswith(".html") and MARKER in data]


def build_search_index(files: list[tuple[str, bytes]], language: str = "en",
                       executable: Path | None = None) -> list[tuple[str, bytes]]:
    """Index the searchable pages among ``files``; return the bundle as (path, bytes) under ``pagefind/``.

    Returns an empty list (and logs a warning) when Pagefind is not installed.
    """
    executable = executable or pagefind_executable()
    if executable is None:
        log.warning("Pagefind is not installed, so the site has no search index; "
                    "install it with: pip install -e '.[search]'")
        return []
    pages = searchable(files)
    if not pages:
        return []
    with tempfile.TemporaryDirectory(prefix="site-builder-search-") as tmp:
        site = Path(tmp) / "site"
        for path, data in pages:
            target = safe_join(site, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        site.mkdir(exist_ok=True)
        command = [str(executable), "--site", str(site), "--output-subdir", BUNDLE_DIR,
                   "--force-language", language.split("-")[0].lower(), "--silent"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise SiteError([Problem("pagefind", f"search indexing failed: {detail[-1] if detail else result.returncode}",
                                     hint="run the build with a working 'pagefind[extended]' install")])
        bundle = site / BUNDLE_DIR
        return [(f"{BUNDLE_DIR}/{p.relative_to(bundle).as_posix()}", p.read_bytes())
                for p in sorted(bundle.rglob("*")) if p.is_file() and not p.name.startswith(UNUSED)]
