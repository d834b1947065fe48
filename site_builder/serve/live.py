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
import stat
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
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
from site_builder.render.pages import PageJob, plan_pages, render_page
from site_builder.content.resolve import resolve_briefings
from site_builder.content.desk import copy_problems
from site_builder.content.schema import read_briefing
from site_builder.content.site import Site
from site_builder.output.write import staged_path
from site_builder.serve.reach import EVERYTHING, NOTHING, UNHASHED, Answers, Reach, events_show_only_index, field_names

Snapshot = dict[str, tuple[int, int, int, int] | None]  # file -> (mtime, ctime, size, inode), None if unreadable


@dataclass
class Edit:
    """What applying one change did."""

    briefings: list[str]  # content files applied
    rendered: list[str]  # pages rendered again
    written: list[str]  # output files whose bytes changed
    seconds: float = 0.0


def scan_inputs(options: BuildOptions) -> Snapshot:
    """The stat signature of every file under the content, template and static folders (links not followed
    into folders, like ``os.walk``)."""
    found: Snapshot = {}
    folders = [os.fspath(f) for f in (options.content, options.templates, options.static)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
                continue
            try:
                found[entry.path] = _signature(entry.stat())
            except OSError:
                found[entry.path] = None
    return found


def _signature(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


def rescan(snapshot: Snapshot, paths: Iterable[str]) -> Snapshot | None:
    """``snapshot`` with only ``paths`` (the files that file events name) looked at again.

    None when one of them is not a file of the snapshot (a new file, a folder,
    or a path written in another form than the snapshot's keys): only a full
    scan can tell what that changed.
    """
    now = dict(snapshot)
    for path in paths:
        if path not in snapshot:
            return None
        try:
            now[path] = _signature(os.stat(path))
        except FileNotFoundError:
            now.pop(path, None)
        except OSError:
            now[path] = None
    return now


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


def index_key(briefing: Briefing) -> tuple:
    """What the Site index is made of from one briefing (see the module docstring)."""
    return (briefing.slug, briefing.title, briefing.date, briefing.status, _names(briefing.refs),
            tuple((e.date, e.title, _names(e.refs)) for e in briefing.events),
            # accused: entities and roles; and what the pages of the accused and the listing's confidence
            # filter say of each claim (render/pages.Claims), which a quick edit would leave stale there
            tuple((a.actor_ref.name, a.denial, a.confidence, a.claimed_by, a.basis, a.date) for a in briefing.attribution))


def _names(refs: dict) -> tuple:
    return tuple((kind, tuple(ref.name for ref in refs[kind])) for kind in sorted(refs))


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
        self.started_in = 0.0  # seconds ``start`` took
        self.last_edit: Edit | None = None  # what the last ``apply`` that succeeded did
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

    def apply(self, paths: Iterable[str] | None = None) -> Edit | None:
        """Apply what changed on disk since the last build or edit; None when it needs the full build.

        With ``paths`` (the files the file events name) only those are looked
        at, which spares scanning every input file before the browser can
        reload; ``pending`` then finds anything the events missed. Returns
        without changing anything when the full build is needed. An exception
        (a template failing on the new text) leaves the session unusable:
        start a new one after the next full build.
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
        rendered, written = self._update(updates)
        self.snapshot = now
        if self.cache.store("last-build"):
            self.cache.replace("last-build", {})  # the next build checks its inputs again
            self.cache.save()
        self.last_edit = Edit(edited, rendered, written, time.perf_counter() - started)
        return self.last_edit

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

    def _update(self, updates: list[tuple[Briefing, Briefing]]) -> tuple[list[str], list[str]]:
        """Put the edits into the kept briefings, render the pages that show them, write what changed."""
        shown = [old for old, _ in updates if old.slug in self.published]
        exported = [self._exported(b) for b in shown]
        for old, new in updates:
            adopt(old, new, self.on_timeline.get(old.slug, []))
        render_bodies(Site(self.content.config, self.content.kb, [old for old, _ in updates], [], statics=self.site.statics))
        # Partials rendered once per argument (``templating.CachedPartials``) forget the briefings
        # changed in place, as that class asks.
        partials = self.env.globals.get(getattr(templating, "PARTIAL_GLOBAL", None))
        if partials is not None:
            partials.clear()
        pages = sorted({*self.shows.get(EVERYTHING, ()), *(i for b in shown for i in self.shows.get(b.slug, ()))})
        outputs = {}
        for index in pages:
            job = self.jobs[index]
            outputs[job.path], recorder = render_page(self.env, job, self.site)
            self._depend(index, recorder.questions(UNHASHED))  # the new text may ask other questions
        changed = [(before, self._exported(b)) for b, before in zip(shown, exported)]
        if any(before != after for before, after in changed):
            outputs["briefings.json"] = self._export(changed)
        written = [rel for rel, data in outputs.items() if replace_file(self.output / staged_path(rel), data)]
        return [self.jobs[i].path for i in pages], written

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


_ENTRIES = (b'"briefings": [\n', b'\n ],\n "elections"')  # around the briefings' entries in briefings.json


def _entry(export: bytes) -> bytes | None:
    """The one briefing's entry in the ``briefings.json`` of a site with one briefing."""
    start, end = export.find(_ENTRIES[0]), export.find(_ENTRIES[1])
    return export[start + len(_ENTRIES[0]):end] if 0 <= start < end else None


def adopt(old: Briefing, new: Briefing, on_timeline: list[Event]) -> None:
    """Give ``old`` the edited fields of ``new``, keeping its identity, its resolved names and its events.

    Every list, index and page context that holds the briefing then shows the
    edit. The names resolve as before (they are equal), and the site's own
    entities are kept, so a tag keeps the spelling the site shows; events keep
    their objects and take the new positions of their names, on the timeline
    too (timeline entries share their ``refs`` with the briefing's events).
    """
    moved = {id(o.refs): n.refs for o, n in zip(old.events, new.events)}
    for entry in on_timeline:
        entry.refs = moved.get(id(entry.refs), entry.refs)
    for o, n in zip(old.events, new.events):
        o.refs = n.refs
    for name in field_names(Briefing):
        if name not in ("entities", "events", "html"):
            setattr(old, name, getattr(new, name))


def replace_file(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` unless it holds exactly that; a reader sees the old file or the new one."""
    try:
        if path.read_bytes() == data:
            return False
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


