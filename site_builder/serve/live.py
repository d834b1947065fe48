"""Live preview: the last good build kept in memory, and an edit to a briefing applied to it.

``serve`` starts a ``LiveSession`` after every good full build, in a thread
(``start_in_background``). ``apply`` looks for what changed on disk and, when
only briefing files changed and each kept what the site's index is made of
(slug, title, date, status, the names it gives, its events), updates those
briefings in place, renders only the pages whose data leads to them and
replaces each changed file atomically; otherwise it returns None and ``serve``
runs the full ``build``. Why this is exact, and what takes the full build:
docs/preview.md ("The live session").
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.render import templating
from site_builder.build import BuildOptions, BuiltState, Content, link_site, load_content, render_bodies
from site_builder.cache import BuildCache, digest
from site_builder.render.data_export import export_json
from site_builder.content.load import markdown_files, read_document
from site_builder.render.markdown_body import render_markdown
from site_builder.model import Briefing, Event
from site_builder.render.incremental import Fingerprinter, SiteRecorder
from site_builder.render.template_deps import template_facts
from site_builder.render.pages import PageJob, plan_pages, render_page
from site_builder.content.resolve import resolve_briefings
from site_builder.content.desk import copy_problems
from site_builder.content.schema import read_briefing
from site_builder.content.site import Site
from site_builder.output.write import staged_path
from site_builder.serve.scan import Snapshot, rescan, scan_inputs
from site_builder.serve.writes import page_file, replace_file, restore
from site_builder.serve.inplace import adopt, index_key
from site_builder.serve.reach import EVERYTHING, NOTHING, UNHASHED, Answers, Reach, events_show_only_index

# A page of the rest that could not be stopped for more than LONG_S the last time (stix.json at 10k:
# 2-3 s, one call), or a feed or data file not rendered here yet, waits until no edit came for
# QUIET_S: a save in a quick series never waits for it.
LONG_S = 0.1
QUIET_S = 2.0
UNKNOWN_GAP = 1.0  # a feed's or data file's, until it is rendered here once


@dataclass
class Edit:
    """What applying one change did."""

    briefings: list[str]  # content files applied
    rendered: list[str]  # pages rendered again
    written: list[str]  # output files whose bytes changed
    seconds: float = 0.0
    left: int = 0  # pages (and briefings.json) left for ``finish``


def start_in_background(options: BuildOptions, cache: BuildCache, snapshot: Snapshot,
                        built: BuiltState | None = None) -> Future:
    """``LiveSession.start`` in a thread, so that the browser reloads without waiting for it.

    The future's ``result()`` waits for the session (None, or the exception
    raised, when there is none). Nothing else may use ``cache`` until then.
    Without a cache folder every file is parsed again, in forked workers, and
    a process is forked only from the main thread: the session starts there.
    """
    future: Future = Future()

    def run() -> None:
        started = time.perf_counter()
        try:
            session = LiveSession.start(options, cache, snapshot, built)
        except BaseException as exc:
            future.set_exception(exc)
            return
        if session is not None:
            session.started_in = time.perf_counter() - started
        future.set_result(session)

    if cache.enabled:
        threading.Thread(target=run, name="live-session", daemon=True).start()
    else:
        run()
    return future


class LiveSession:
    """One good build kept in memory; ``apply`` brings it up to date with a briefing edit."""

    def __init__(self, options: BuildOptions, cache: BuildCache, snapshot: Snapshot, content: Content,
                 files: dict[str, Briefing], site: Site, env: jinja2.Environment, jobs: list[PageJob]):
        self.options, self.cache, self.snapshot = options, cache, snapshot
        self.output = options.output.resolve()
        self.content, self.files, self.site, self.env, self.jobs = content, files, site, env, jobs
        self.published = {b.slug for b in site.briefings}
        self.briefings_dir = os.path.join(options.content, "briefings") + os.sep
        self.on_timeline: dict[str, list[Event]] = defaultdict(list)
        for event in site.timeline:
            if event.briefing is not None and event.kind == "event":
                self.on_timeline[event.briefing.slug].append(event)
        # briefing slug -> indexes of the pages showing it; under EVERYTHING the pages rendered on every edit
        self.shows: dict[str, set[int]] = defaultdict(set)
        self.deps: list[frozenset[str]] = [NOTHING] * len(jobs)  # page index -> the slugs it shows
        self.reach = Reach(through_events=not events_show_only_index(env))
        self.answers = Answers(site)
        self.body_readers = template_facts(env, cache).body_readers  # the templates a body edit can change
        self.started_in = 0.0  # seconds ``start`` took
        self.last_edit: Edit | None = None  # what the last ``apply`` that succeeded did
        # What the edits applied so far left for ``finish``: pages whose data changed, not yet rendered
        # again, and the briefings.json entries (before, after) not yet replaced; and the bytes every
        # file written since the output was last whole held before, so that a failure can put them back.
        self.stale: set[int] = set()
        self.exports: list[tuple[bytes, bytes]] = []
        self.undo: dict[Path, bytes | None] = {}
        # page index -> the longest stretch (s) of its last rendering in ``finish`` that could not be
        # stopped: pages that can be left soonest go first, so that a save waits least
        self.gaps: dict[int, float] = {}
        self.applied = 0.0  # time.monotonic() of the last edit applied
        manifest = cache.store("outputs-" + digest(str(self.output)).hex()[:12])  # see produce.OutputWriter
        asked = manifest.get("pages", {})
        for index, job in enumerate(jobs):
            self._depend(index, asked[job.path][1] if job.path in asked else None)

    @classmethod
    def start(cls, options: BuildOptions, cache: BuildCache, snapshot: Snapshot,
              built: BuiltState | None = None) -> LiveSession | None:
        """Load, link and plan the pages of the content a good build just wrote, or take
        ``built``, what that build made in memory (``BuildOptions.keep_state``).

        ``snapshot`` is ``scan_inputs`` taken before that build; None when an
        input changed since (the next change then takes the full build).
        """
        if built is not None:
            content, problems = built.content, []
        else:
            content, problems = load_content(options, cache)
        root = os.fspath(options.content)  # paths spelt as ``scan_inputs`` spells them
        paths = [os.path.join(root, p.relative_to(options.content).as_posix())
                 for p in markdown_files(options.content / "briefings")]
        if problems or len(paths) != len(content.briefings):
            return None
        if built is not None:
            site, env, jobs = built.site, built.env, built.jobs
        else:
            site, _, env = link_site(options, content, cache)
            jobs = plan_pages(site, env)
        for template in env.list_templates():
            env.get_template(template)  # compiled now rather than on the first edit
        render_markdown("", [])  # likewise the markdown converter
        if scan_inputs(options) != snapshot:
            return None
        return cls(options, cache, snapshot, content, dict(zip(paths, content.briefings)), site, env, jobs)

    def _depend(self, index: int, questions: list[tuple] | None) -> None:
        """Record which briefings page ``index`` shows: those its data and the site's answers to
        ``questions`` (those it asked when last rendered; None when they cannot be asked again) lead to."""
        found: set[str] = set()
        for name, value in self.jobs[index].context.items():
            if name != "site":
                found |= self.reach.of(value)
        if questions is None:
            found.add(EVERYTHING)
        for name, args, mode, _ in questions or ():
            if mode != "len":
                found |= self.reach.of(self.answers.get(name, args))
        for slug in self.deps[index] - found:
            self.shows[slug].discard(index)
        for slug in found - self.deps[index]:
            self.shows[slug].add(index)
        self.deps[index] = frozenset(found)

    def apply(self, paths: Iterable[str] | None = None, first: Collection[str] | None = None) -> Edit | None:
        """Apply what changed on disk since the last build or edit; None when it needs the full build.

        With ``paths`` (the files the file events name) only those are looked
        at, which spares scanning every input file before the browser can
        reload; ``pending`` then finds anything the events missed. Returns
        without changing anything when the full build is needed. With
        ``first`` (output files, those the browsers show) only the edited
        briefings' own pages and those of ``first`` are rendered now, the rest
        by ``finish``. An exception (a template failing on the new text) puts
        back every file written since the output was last whole and leaves the
        session unusable: start a new one after the next full build.
        """
        started = time.perf_counter()
        now = scan_inputs(self.options) if paths is None else rescan(self.snapshot, paths)
        if now is None:
            return None
        edited = []
        changed = [path for path, signature in now.items() if self.snapshot.get(path) != signature]
        for path in sorted([*changed, *(self.snapshot.keys() - now.keys())]):
            if self._unread(path):
                continue
            if path not in self.files or now.get(path) is None or os.path.islink(path):
                return None
            edited.append(path)
        updates = []
        for path in edited:
            new = self._read(path)
            if new is None or index_key(new) != index_key(self.files[path]):
                return None
            updates.append((self.files[path], new))
        with self._reverted_on_failure():
            rendered, written = self._update(updates, first)
        if not self.left:
            self.undo.clear()  # the output is whole again
        self.snapshot = now
        if self.cache.store("last-build"):
            self.cache.replace("last-build", {})  # the next build checks its inputs again
            self.cache.save()
        self.applied = time.monotonic()
        self.last_edit = Edit(edited, rendered, written, time.perf_counter() - started, self.left)
        return self.last_edit

    @property
    def left(self) -> int:
        """How many pages (and briefings.json) the edits applied so far left for ``finish``."""
        return len(self.stale) + bool(self.exports)

    def finish(self, stop: Callable[[], bool] = lambda: False,
               written: Callable[[list[str]], object] = lambda files: None, quiet_s: float = QUIET_S) -> Edit:
        """Render and write what ``apply`` left: HTML pages first, then feeds and data files (each
        kind by ``gaps``), then briefings.json. ``stop`` is asked between pieces of each page (True:
        leave the rest for later, as when another save waits: its ``apply`` renders first what the
        browsers show); ``written`` is told each file whose bytes changed, as soon as it is in place;
        a page that could not be stopped for long waits until no edit came for ``quiet_s``."""
        started = time.perf_counter()
        order = sorted(self.stale, key=lambda i: (not self.jobs[i].path.endswith(".html"), self._gap(i), i))
        with self._reverted_on_failure():
            rendered, files = self._render(order, stop, written, quiet_s)
            if not self.stale and self.exports:
                data = self._export(self.exports)
                self.exports = []
                if replace_file(self.output / staged_path("briefings.json"), data, self.undo):
                    files.append("briefings.json")
                    written(["briefings.json"])
        if not self.left:
            self.undo.clear()  # the output is whole again
        return Edit([], rendered, files, time.perf_counter() - started, self.left)

    @contextlib.contextmanager
    def _reverted_on_failure(self):
        try:
            yield
        except BaseException:
            restore(self.undo)
            raise

    def pending(self) -> bool:
        """True when the input files on disk differ from what the session last applied or built."""
        return scan_inputs(self.options) != self.snapshot

    def _unread(self, path: str) -> bool:
        """A file in the briefings folder that the build does not read (an editor's backup or swap file)."""
        name = os.path.basename(path)
        return path.startswith(self.briefings_dir) and (not name.endswith(".md") or name.startswith("."))

    def _read(self, path: str) -> Briefing | None:
        """The briefing in ``path``, resolved; None when it has any problem."""
        doc, problems = read_document(Path(path), self.options.content)
        if doc is None or problems:
            return None
        briefing, problems = read_briefing(doc, self.options.today)
        if briefing is None or problems or copy_problems([briefing], self.options.content):
            return None
        _, problems = resolve_briefings([briefing], self.content.kb)
        return None if problems else briefing

    def _update(self, updates: list[tuple[Briefing, Briefing]], first: Collection[str] | None) -> tuple[list[str], list[str]]:
        """Put the edits into the kept briefings, note the pages that show them and render those that
        go first (all with ``first`` None), writing what changed."""
        shown = [old for old, _ in updates if old.slug in self.published]
        exported = [self._exported(b) for b in shown]
        bodies_only = _bodies_only(updates)
        for old, new in updates:
            adopt(old, new, self.on_timeline.get(old.slug, []))
        render_bodies(Site(self.content.config, self.content.kb, [old for old, _ in updates], [], statics=self.site.statics))
        # Partials rendered once per argument (``templating.CachedPartials``) forget the briefings
        # changed in place, as that class asks.
        partials = self.env.globals.get(getattr(templating, "PARTIAL_GLOBAL", None))
        if partials is not None:
            partials.clear()
        showing = set().union(*(self.shows.get(b.slug, ()) for b in shown))
        if bodies_only:  # the other pages show nothing a body changes (``template_deps.body_readers``)
            showing = {i for i in showing if self.jobs[i].template in self.body_readers}
        self.stale.update(self.shows.get(EVERYTHING, ()), showing)
        self.exports += [(before, after) for before, after in zip(exported, map(self._exported, shown)) if before != after]
        if first is None:
            now = sorted(self.stale)
        else:
            own = {page_file(b.url) for b in shown}
            now = [i for i in sorted(self.stale) if self.jobs[i].path in own or self.jobs[i].path in first]
        rendered, written = self._render(now)
        if first is None:
            written += self.finish(quiet_s=0).written
        return rendered, written

    def _render(self, pages: list[int], stop: Callable[[], bool] = lambda: False,
                written: Callable[[list[str]], object] | None = None, quiet_s: float = 0.0) -> tuple[list[str], list[str]]:
        """Render ``pages`` again and write each whose bytes changed; what was rendered and written. With
        ``written`` (``finish``), told each file written, and ``stop`` asked as each page renders; a
        page that could not be stopped for long waits until no edit came for ``quiet_s``."""
        rendered, files = [], []
        for index in pages:
            job = self.jobs[index]
            if written is None:
                data, recorder = render_page(self.env, job, self.site)
            elif self._gap(index) > LONG_S and not self._quiet(stop, quiet_s):
                break
            elif (done := render_until(self.env, job, self.site, stop)) is None:
                break  # stopped: the page stays stale
            else:
                data, recorder, self.gaps[index] = done
            self._depend(index, recorder.questions(UNHASHED))  # the new text may ask other questions
            self.stale.discard(index)
            rendered.append(job.path)
            if replace_file(self.output / staged_path(job.path), data, self.undo):
                files.append(job.path)
                if written is not None:
                    written([job.path])
        return rendered, files

    def _gap(self, index: int) -> float:
        """The longest stretch page ``index`` could not be stopped the last time; not yet known, none for an
        HTML page (the pages a browser may show), and long for a feed or data file (``stix.json``)."""
        return self.gaps.get(index, 0.0 if self.jobs[index].path.endswith(".html") else UNKNOWN_GAP)

    def _quiet(self, stop: Callable[[], bool], seconds: float) -> bool:
        """Wait until ``seconds`` have passed since the last edit was applied; False as soon as ``stop``."""
        while time.monotonic() - self.applied < seconds:
            if stop():
                return False
            time.sleep(0.02)
        return not stop()

    def _exported(self, briefing: Briefing) -> bytes:
        """``briefings.json`` of a site with this briefing alone."""
        return export_json(Site(self.content.config, self.content.kb, [briefing], []))

    def _export(self, changed: list[tuple[bytes, bytes]]) -> bytes:
        """``briefings.json`` with the changed entries replaced in the file on disk, or made again.

        An entry is written the same alone as among all briefings (same depth,
        same keys), so replacing it gives the bytes ``export_json`` would.
        """
        try:
            data = (self.output / "briefings.json").read_bytes()
        except OSError:
            return export_json(self.site)
        for before, after in changed:
            old, new = _entry(before), _entry(after)
            if old is None or new is None or data.count(old) != 1:
                return export_json(self.site)
            data = data.replace(old, new)
        return data


def _bodies_only(updates: list[tuple[Briefing, Briefing]]) -> bool:
    """True when every edit changed only what a body makes (``BRIEFING_DETAILS``): the edited briefings
    hash the same without them, as the build hashes the pages of templates that show no body."""
    prints = Fingerprinter(bodies=False)
    return all(prints.of(old) == prints.of(new) for old, new in updates)


_ENTRIES = (b'"briefings": [\n', b'\n ],\n "elections"')  # around the briefings' entries in briefings.json


def _entry(export: bytes) -> bytes | None:
    """The one briefing's entry in the ``briefings.json`` of a site with one briefing."""
    start, end = export.find(_ENTRIES[0]), export.find(_ENTRIES[1])
    return export[start + len(_ENTRIES[0]):end] if 0 <= start < end else None


def render_until(env: jinja2.Environment, job: PageJob, site: Site,
                 stop: Callable[[], bool]) -> tuple[bytes, SiteRecorder, float] | None:
    """``render_page`` stopped as soon as ``stop`` says another save waits (None); else the page and
    the longest time between two pieces, when ``stop`` could not be asked (``stix.json`` is one call)."""
    gap, last = 0.0, time.perf_counter()

    def timed_stop() -> bool:
        nonlocal gap, last
        now = time.perf_counter()
        gap, last = max(gap, now - last), now
        return stop()

    done = render_page(env, job, site, timed_stop)
    return None if done is None else (*done, max(gap, time.perf_counter() - last))
