"""Search: a static Pagefind index of the rendered pages, made before the write stage.

Pagefind (the ``search`` extra, ``pagefind[extended]`` from PyPI, which bundles
the binary) reads the pages that mark their searchable part with
``data-pagefind-body``; their ``data-pagefind-filter``, ``-meta`` and ``-sort``
attributes give the filters (country, platform, actor, election, tag, year),
result titles and the date sort. The pages are written to a scratch folder,
indexed there, and the bundle comes back as ``pagefind/...`` output files, so
a failed index leaves the previous site untouched. Without Pagefind the build still succeeds: the search page then offers only
the browsable indexes it shows to readers without JavaScript.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

from site_builder.cache import digest
from site_builder.errors import Problem, SiteError
from site_builder.processes import left_by_dead_process, process_tag, run_measured
from site_builder.output.pagefind_binary import pagefind_executable
from site_builder.output.write import staged_path

BUNDLE_DIR = "pagefind"
MARKER = b"data-pagefind-body"
# Parts of the bundle the site does not load.
UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")

log = logging.getLogger(__name__)


def searchable(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The HTML pages that ask to be indexed."""
    return [(path, data) for path, data in files if path.endswith(".html") and MARKER in data]


SHARD_PAGES = 1000  # the most pages per Pagefind run: it holds a run's pages in memory (~170 KB each)
# An edit indexes its page's run again (some 2.5 CPU ms a briefing page), so a site of up to
# EDIT_RUNS * SHARD_PAGES pages is cut into runs of about EDIT_RUN_PAGES, at most EDIT_RUNS of them:
# each run is one more bundle the search page merges (one more small file per filter and one
# more index chunk per word searched), benchmarks/README.md ("Body edits, fifth pass").
EDIT_RUN_PAGES = 250
EDIT_RUNS = 8
SHARDS_FILE = "shards.json"


def shard_dir(number: int) -> str:
    """Where shard ``number`` (from 0) lives in the site: the first is the main bundle."""
    return BUNDLE_DIR if number == 0 else f"{BUNDLE_DIR}/shard-{number}"


def plan_shards(paths: list[str], shard_pages: int = SHARD_PAGES) -> list[list[str]]:
    """The pages of each Pagefind run, at most about ``shard_pages`` each (``run_count``).

    A page's run is chosen by a hash of its path, not by its position, so an
    edit, a new briefing or a deleted one changes the runs of those pages only
    and the build indexes only those again (until the number of runs grows).
    Should a run come out empty (only for tiny runs), the pages are dealt out
    in hash order instead, so that every run, the main bundle first, has pages.
    """
    if not paths:
        return []
    count = run_count(len(paths), shard_pages)
    ranked = sorted(paths, key=lambda p: (_path_hash(p), p))
    runs: list[list[str]] = [[] for _ in range(count)]
    for path in ranked:
        runs[_path_hash(path) % count].append(path)
    if any(not run for run in runs):
        runs = [ranked[i::count] for i in range(count)]
    return [sorted(run) for run in runs]


def run_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    """How many Pagefind runs index ``pages`` pages: enough for ``shard_pages`` a run, and up to
    ``EDIT_RUNS`` so that a run holds about ``EDIT_RUN_PAGES`` and an edit indexes few pages again."""
    needed = -(-pages // max(1, shard_pages))
    return max(needed, min(-(-pages // EDIT_RUN_PAGES), EDIT_RUNS))


def _path_hash(path: str) -> int:
    return int.from_bytes(hashlib.blake2b(path.encode("utf-8"), digest_size=8).digest(), "big")


def shards_listing(count: int) -> tuple[str, bytes]:
    """``pagefind/shards.json``: the bundles the search page loads, the main one first."""
    listing = {"bundles": [shard_dir(number) + "/" for number in range(count)]}
    return f"{BUNDLE_DIR}/{SHARDS_FILE}", (json.dumps(listing) + "\n").encode("utf-8")


def build_search_index(files: list[tuple[str, bytes | Path]], language: str = "en",
                       executable: Path | None = None, shard_pages: int = SHARD_PAGES) -> list[tuple[str, bytes]]:
    """Index the searchable pages among ``files``; return the bundle as (path, bytes) under ``pagefind/``.

    A page is given as its bytes (kept only if it carries the marker) or as
    the path of a file already on disk (taken as searchable). Pages are indexed
    in runs of at most about ``shard_pages`` (``plan_shards``), so Pagefind's
    memory stays bounded however large the archive: the first run is the main
    bundle ``pagefind/``, the others go to ``pagefind/shard-N/`` and
    ``pagefind/shards.json`` lists them all, for the search page to merge
    (Pagefind's multi-index search). The build keeps each run's bundle and
    indexes again only the runs whose pages changed (``index_runs``).

    Returns an empty list (and logs a warning) when Pagefind is not installed.
    """
    pages = dict((path, source) for path, source in files if isinstance(source, Path))
    pages.update(searchable([(path, source) for path, source in files if isinstance(source, bytes)]))
    runs = plan_shards(sorted(pages), shard_pages)
    return bundle_files(index_runs(runs, pages, language, [None] * len(runs), executable=executable))


def index_runs(runs: list[list[str]], sources: Mapping[str, bytes | Path], language: str, keys: list,
               previous: list[dict] = (), executable: Path | None = None,
               stop: threading.Event | None = None, gate=None) -> list[dict] | None:
    """Each run's bundle as ``{"key", "files"}``: the one in ``previous`` when its key is
    unchanged (a key of None never matches), otherwise Pagefind indexes the run again.

    None (and a warning) when a run must be indexed and Pagefind is not installed;
    None as well when ``stop`` is set (checked before each run). ``gate``, when
    given, is asked before each run (``gate.before(pages)``, which may wait)
    and told the run's peak memory after it (``gate.after(pages, peak)``).
    """
    kept = [key is not None and number < len(previous) and previous[number]["key"] == key
            for number, key in enumerate(keys)]
    if not all(kept):
        executable = executable or pagefind_executable()
        if executable is None:
            warn_missing()
            return None
    shards = [previous[number] if keep else None for number, keep in enumerate(kept)]
    for number in [number for number, keep in enumerate(kept) if not keep]:
        if stop is not None and stop.is_set():
            return None
        pages = [(path, sources[path]) for path in runs[number]]
        peaks: list[int] = []
        if gate is not None:
            gate.before(len(pages))
            if stop is not None and stop.is_set():
                return None
        shards[number] = {"key": keys[number], "files": index_shard(pages, number, language, executable, peaks)}
        if gate is not None and peaks:
            gate.after(len(pages), peaks[0])
    return shards


MEMORY_DIR = "/dev/shm"  # a memory file system on Linux
SCRATCH_PREFIX = "site-builder-search-"  # then the owner's process_tag and a dot: dead owners' are removed


class Scratch:
    """A scratch folder holding one run's pages for Pagefind to read, and its bundle.

    It goes in memory (``MEMORY_DIR``) when that has room (``scratch_parent``):
    laying out thousands of folders and files, Pagefind writing its bundle and
    removing it all again costs far less there than on disk (benchmarks/README.md).
    In memory each page is
    cut down to what Pagefind reads (``index_view``); on disk pages are
    hard-linked to the built files, not copied. Runs are indexed one after the
    other, so memory holds one run's pages at a time. Its name holds the
    process that made it, so a later build removes it should this one be
    killed (``remove_dead_scratch``).
    """

    def __init__(self, pages: list[tuple[str, bytes | Path]]):
        size = sum(len(source) if isinstance(source, bytes) else os.stat(source).st_size for _, source in pages)
        parent = scratch_parent(size)
        try:
            self._lay_out(pages, parent)
        except OSError as exc:
            if parent is None or exc.errno != errno.ENOSPC:
                raise
            self._lay_out(pages, None)  # memory filled up meanwhile: on disk after all

    def _lay_out(self, pages: list[tuple[str, bytes | Path]], parent: str | None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{process_tag()}.", dir=parent))
        try:
            self.site = self.root / "site"
            self.site.mkdir()
            for path, source in pages:
                _place(self.site / staged_path(path), source, parent is not None)  # a folder made here: no links
        except BaseException:
            self.remove()
            raise

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def remove_dead_scratch() -> None:
    """Delete the scratch folders, in memory or on disk, of builds that were killed; those of
    running builds, named with their process (``processes.process_tag``), are left alone."""
    for parent in (MEMORY_DIR, tempfile.gettempdir()):
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        for name in names:
            if left_by_dead_process(name, SCRATCH_PREFIX):
                shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def scratch_parent(pages_bytes: int) -> str | None:
    """``MEMORY_DIR`` when it has room for three times ``pages_bytes`` (a run's pages and
    its bundle, with room to spare) and 64 MB more; otherwise None, the system's
    temporary folder."""
    try:
        room = os.statvfs(MEMORY_DIR)
    except OSError:
        return None
    if not os.access(MEMORY_DIR, os.W_OK | os.X_OK):
        return None
    return MEMORY_DIR if room.f_bavail * room.f_frsize >= 3 * pages_bytes + (64 << 20) else None


def bundle_files(shards: list[dict] | None) -> list[tuple[str, bytes]]:
    """The output files of a bundle made of ``shards`` (see ``index_runs``), with ``shards.json``."""
    if not shards:
        return []
    return [file for shard in shards for file in shard["files"]] + [shards_listing(len(shards))]


def warn_missing() -> None:
    log.warning("Pagefind is not installed, so the site has no search index; "
                "install it with: pip install -e '.[search]'")


def index_shard(pages: list[tuple[str, bytes | Path]], number: int, language: str = "en",
                executable: Path | None = None, peaks: list[int] | None = None) -> list[tuple[str, bytes]]:
    """One Pagefind run over ``pages``: its bundle as output files under ``shard_dir(number)``.

    The pages are laid out in a scratch folder (``Scratch``), removed when the
    run is over, whether it succeeded or not. The Pagefind UI's own files are
    kept in the main bundle only.
    """
    executable = executable or pagefind_executable()
    scratch = Scratch(pages)
    try:
        bundle = scratch.root / "bundle"
        peak = _run_pagefind(executable, scratch.site, bundle, language)
        if peaks is not None:
            peaks.append(peak)
        keep = UNUSED if number == 0 else UNUSED + ("pagefind-ui.",)  # one copy of the UI
        return [(f"{shard_dir(number)}/{p.relative_to(bundle).as_posix()}", p.read_bytes())
                for p in sorted(bundle.rglob("*")) if p.is_file() and not p.name.startswith(keep)]
    finally:
        scratch.remove()


def _place(target: Path, source: bytes | Path, in_memory: bool) -> None:
    """Put one page in the scratch folder: in memory, only the part Pagefind reads
    (``index_view``); on disk, a hard link to the built file when possible."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, bytes) or in_memory:
        target.write_bytes(index_view(source if isinstance(source, bytes) else source.read_bytes()))
        return
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        target.write_bytes(index_view(source.read_bytes()))


_MARKED = re.compile(rb"<([a-z][a-z0-9]*)\b[^>]*?\sdata-pagefind-body[\s=/>]")
_TAG = rb"<(/?)%s[\s/>]"
_TAG_END = frozenset(b" \t\n\r\f\v/>")  # what [\s/>] matches after a tag's name


def index_view(page: bytes) -> bytes:
    """The page as Pagefind needs it: the one element marked ``data-pagefind-body``, alone
    in a bare document (``cut_to_marked``), or the page itself.

    Pagefind indexes the text of that element only, but it parses the whole
    page: without the header, navigation and footer around it a 2,000-page run
    took 5-8% less CPU. The page is kept whole when Pagefind would read
    something outside the element: a ``data-pagefind-*`` attribute (a filter in
    the header, an image in <head>), the page's first <h1> (its title) or first
    <img> (its image); our templates keep all of it inside. It is kept whole
    too when the element holds no <h1> (the title would come from <title>).
    The tests compare the index of cut pages with the index of whole ones, and
    check with Pagefind that each reason to keep a page whole is one. (Plain
    searches of a lower-cased copy: a build checks some 11,000 pages at 10k.)
    """
    span = _marked_element(page)
    if span is None:
        return page
    start, end = span
    low = page.lower()
    if not _has_tag(low, b"<h1", start, end) or any(
            _has_tag(low, b"<h1", lo, hi) or _has_tag(low, b"<img", lo, hi) or low.find(b"data-pagefind-", lo, hi) >= 0
            for lo, hi in ((0, start), (end, len(low)))):
        return page
    return _bare(page, start, end)


def _has_tag(low: bytes, opening: bytes, lo: int, hi: int) -> bool:
    """Whether ``low`` (a lower-cased page) has a tag starting ``opening`` (``b"<h1"``) within [lo, hi)."""
    at = low.find(opening, lo, hi)
    while at >= 0:
        after = at + len(opening)
        if after < len(low) and low[after] in _TAG_END:
            return True
        at = low.find(opening, after, hi)
    return False


def cut_to_marked(page: bytes) -> bytes:
    """The marked element alone in a bare document, whatever else Pagefind would read; the page
    itself when it has not exactly one marked element."""
    span = _marked_element(page)
    return page if span is None else _bare(page, *span)


def _bare(page: bytes, start: int, end: int) -> bytes:
    return b"<!DOCTYPE html><html><body>" + page[start:end] + b"</body></html>"


def _marked_element(page: bytes) -> tuple[int, int] | None:
    """Where the one element marked ``data-pagefind-body`` starts and ends; None when no
    element or more than one is marked, or its end is not found (a literal ``<`` is
    always escaped in our pages' text, so every ``<tag`` is a tag)."""
    opened = _marker_tag(page, 0)
    if opened is None or _marker_tag(page, opened.end()) is not None:
        return None
    tags = re.compile(_TAG % re.escape(opened.group(1)))
    depth = 1
    for tag in tags.finditer(page, opened.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = page.find(b">", tag.end() - 1)
            return None if end < 0 else (opened.start(), end + 1)
    return None


def _marker_tag(page: bytes, after: int) -> re.Match | None:
    """The first opening tag from ``after`` on that carries ``data-pagefind-body`` (``_MARKED``).

    The attribute is found by a plain search, and the pattern only tried from the
    end of the tag before it: the pattern alone, searched over whole pages,
    took most of the time of cutting them.
    """
    at = page.find(MARKER, after)
    while at >= 0:
        window = max(after, page.rfind(b">", after, at) + 1)
        found = _MARKED.search(page, window, at + len(MARKER) + 1)
        if found is not None:
            return found
        at = page.find(MARKER, at + 1)
    return None


def index_digest(page: bytes) -> bytes | None:
    """A hash of what Pagefind reads of ``page`` (``index_view``); None for a page not meant for the index.

    A search run's key is made of these, so a template edit outside the indexed
    part (a footer, a stylesheet link) does not index the site again.
    """
    return digest(index_view(page)) if MARKER in page else None


def _run_pagefind(executable: Path, site: Path, bundle: Path, language: str) -> int:
    """Run Pagefind over ``site`` into ``bundle``; returns the most memory it held (bytes, 0 if unknown)."""
    command = [str(executable), "--site", str(site), "--output-path", str(bundle),
               "--force-language", language.split("-")[0].lower(), "--silent"]
    result, peak = run_measured(command, timeout=900)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SiteError([Problem("pagefind", f"search indexing failed: {detail[-1] if detail else result.returncode}",
                                 hint="run the build with a working 'pagefind[extended]' install")])
    return peak
