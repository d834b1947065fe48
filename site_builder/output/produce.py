"""Render and write: only the pages whose inputs changed, only the files whose bytes changed.

Pages are rendered in forked workers that write straight into the staging
folder (see ``write.Staging``), so the parent never holds the whole site in
memory. The output manifest in the cache remembers, for every output file, the
hash of its bytes and the size and mtime it was written with; a file whose
size or mtime differs on disk is not trusted and is written again. Without a
trusted manifest (first build, ``--no-cache``, another output folder) every
file is written and the whole folder is swapped in at once.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from pathlib import Path
from typing import Callable

import jinja2

from site_builder import cache as cache_keys, processes
from site_builder.cache import BuildCache, digest, files_under
from site_builder.output import reasons, search
from site_builder.render import dependencies
from site_builder.render.incremental import Fingerprinter, Replayer
from site_builder.render.template_deps import TemplateFacts, template_facts, template_keys
from site_builder.render.pages import PageJob, render_page
from site_builder.output.write import PageFiles, Staging


@dataclasses.dataclass
class _Work:
    """State the forked workers read: set before the fork, never sent through a pipe."""

    jobs: list[PageJob]
    env: jinja2.Environment
    site: object
    staging: Staging
    trusted: dict[str, bytes]
    fingerprints: Fingerprinter
    # (whole entities, whole briefings, bodies) -> the fingerprinter for the pages of templates that may
    # show the details of entities or briefings they reach through other objects (``detail_readers``),
    # and that may show bodies at all (``body_readers``): ``_mode``
    modes: dict[tuple[bool, bool, bool], Fingerprinter]
    facts: TemplateFacts
    old_pages: dict[str, tuple[bytes, list | None]]
    full: bool
    templates: dict[str, bytes]
    globals_key: bytes
    made_with: dict[str, bytes]  # page -> digest of its template hash and the globals, last build
    template_keys: dict[str, bytes]  # template -> that digest this build (``template_keys``)
    changed: dict[int, str]  # id of a briefing or entity that changed since the last build -> its token
    entity_changed: bool  # an entity among them
    chosen: bool = False  # ``jobs`` are the pages the dependency index chose: render each, decide nothing
    walker: dependencies.DependencyWalker = dataclasses.field(default_factory=dependencies.DependencyWalker)
    replayers: dict[tuple[bool, bool, bool], Replayer] = dataclasses.field(default_factory=dict)


_work: list[_Work] = []


class OutputWriter:
    """One build's write stage: decides what to render, stages changed files, publishes them."""

    def __init__(self, output: Path, cache: BuildCache, progress: processes.Progress | None = None):
        self.output = output.resolve()
        self.cache = cache
        self.progress = progress
        self.store_name = "outputs-" + digest(str(self.output)).hex()[:12]
        old = cache.store(self.store_name)
        self.old_files: dict[str, tuple[bytes, int, int]] = old.get("files", {})
        self.old_pages: dict[str, tuple[bytes, list | None]] = old.get("pages", {})
        self.trusted = self._trusted()
        self.full = not self.trusted
        self.staging = Staging(self.output, recycle=not self.full)
        self.files: dict[str, bytes] = {}  # path -> digest of this build's bytes
        self.pages: dict[str, tuple[bytes, list | None]] = {}
        self.written: list[str] = []
        # Pages meant for the search index -> hash of what Pagefind reads of them (search.index_digest).
        self.searchable: dict[str, bytes] = dict(old.get("searchable", {}))
        self.old_objects: dict[str, dict[str, bytes]] = old.get("objects", {})
        self.objects: dict[str, dict[str, bytes]] = {}  # token -> hash of each field (``reasons``)
        self.old_made_with: dict[str, bytes] = old.get("made_with", {})
        self.made_with: dict[str, bytes] = {}
        # The dependency index (``render/dependencies.py``): the structure digest, each briefing's
        # whole hash, and per page the briefings its data holds.
        self.old_structure: bytes | None = old.get("structure")
        self.old_wholes: dict[str, bytes] = old.get("wholes", {})
        self.old_deps: dict[str, dependencies.Deps | None] = old.get("deps", {})
        self.structure: bytes | None = None
        self.wholes: dict[str, bytes] = {}
        self.deps: dict[str, dependencies.Deps | None] = {}
        self.by_index = False  # the pages to render were chosen by the dependency index (``_render_chosen``)
        self.changed: dict[str, str] = {}  # token -> what changed, since the last build
        self.causes: Counter = Counter()  # why pages were rendered (``reasons.lines``)

    def _trusted(self) -> dict[str, bytes]:
        """Digests of output files that are on disk exactly as the last build wrote them."""
        trusted = {}
        if not self.output.is_dir():
            return trusted
        root = str(self.output)  # plain strings: one stat per output file, and no path objects made
        for rel, (data_digest, size, mtime) in self.old_files.items():
            try:
                st = os.stat(f"{root}/{rel}")
            except OSError:
                continue
            if st.st_size == size and st.st_mtime_ns == mtime:
                trusted[rel] = data_digest
        return trusted

    def add_file(self, rel: str, data: bytes) -> None:
        """A file that is not a page (JSON, assets, search bundle): staged when its bytes changed."""
        d = digest(data)
        self.files[rel] = d
        if self.full or self.trusted.get(rel) != d:
            self.staging.write(rel, data)
            self.written.append(rel)

    def render_pages(self, jobs: list[PageJob], env: jinja2.Environment, site, globals_key: bytes,
                     indexed_first: Callable[[], None] | None = None,
                     document_keys: dict[str, bytes] | None = None) -> int:
        """Render the pages whose render key or recorded site answers changed; returns how many.

        Deciding is spread over the workers with the rendering: each computes
        its pages' render keys and renders only those that changed. Briefings,
        which most pages show, are hashed first (also in the workers) and the
        hashes seeded into the parent's fingerprinter before the workers fork.
        Pages meant for the search index (``PageJob.indexed``) go first, and
        ``indexed_first`` is called as soon as they are recorded, while the
        workers render the rest.
        """
        modes = {(entities, whole, bodies): Fingerprinter(entities, whole, bodies) for entities in (False, True)
                 for whole in (False, True) for bodies in (False, True) if bodies or not whole}
        fingerprints = modes[False, False, True]
        briefings = list(getattr(site, "briefings", []))
        objects = reasons.site_objects(site)
        entity_hashes = {reasons.token(e): fingerprints.field_hashes(e) for e in objects[len(briefings):]}
        hashed = self._briefing_hashes(briefings, modes, digest(repr(sorted(entity_hashes.items()))),
                                       document_keys or {})
        for (entities, whole, bodies), prints in modes.items():  # (its hash, its hash reached through another)
            pick = (0, 0) if whole else (0, 1) if bodies else (1, 1)
            prints.seed(briefings, [tuple((e if entities else h)[i] for i in pick) for h, e in hashed])
        self.objects = {reasons.token(b): h[2] for b, (h, _) in zip(briefings, hashed)}
        self.objects.update(entity_hashes)
        self.changed = reasons.changes(self.old_objects, self.objects)
        changed_ids = {id(o): reasons.token(o) for o in objects if reasons.token(o) in self.changed}
        jobs = sorted(jobs, key=lambda job: not job.indexed)  # stable: page order otherwise kept
        facts = template_facts(env, self.cache)
        self.wholes = {b.slug: h[0] for b, (h, _) in zip(briefings, hashed)}
        self.structure = dependencies.structure_digest(
            site, (h[1] for h, _ in hashed), {t: f for t, f in self.objects.items() if not t.startswith("briefings/")},
            facts.hashes, globals_key)
        work = _Work(jobs, env, site, self.staging, {} if self.full else self.trusted, fingerprints, modes,
                     facts, self.old_pages, self.full, facts.hashes, globals_key, self.old_made_with,
                     template_keys({job.template for job in jobs}, facts.hashes, globals_key), changed_ids,
                     any(not name.startswith("briefings/") for name in self.changed))
        if not self.full and self.structure == self.old_structure:
            return self._render_chosen(work, indexed_first)
        _work[:] = [work]
        first = sum(1 for job in jobs if job.indexed)
        rendered_first: list[int] = []

        def record_first(results: list) -> None:
            rendered_first.append(self._record(jobs[:first], results, env, site))
            if indexed_first is not None:
                indexed_first()
        try:
            results = processes.run(_produce, len(jobs), "render", self.progress, processes.Prefix(first, record_first))
        finally:
            _work.clear()
        return rendered_first[0] + self._record(jobs, results, env, site, start=first)

    def _briefing_hashes(self, briefings: list, modes: dict[tuple[bool, bool, bool], Fingerprinter], entities: bytes,
                         document_keys: dict[str, bytes]) -> list[tuple]:
        """Each briefing's hashes (``Fingerprinter.briefing_hashes``, with entities as named and whole).

        A briefing is made of its file, its body's HTML and the entities it names
        (``content/resolve.py``; the tags' spelling comes from the first briefing
        naming each), so its hashes are kept under the key of its file, its HTML
        and every entity's field hashes (``entities``): an edit hashes only the
        briefings it changed, an entity edit all of them. The rest are hashed
        in the workers, once per mode, rather than in every worker that needs them.
        """
        keys = [digest(document_keys[b.source], b.html, entities) if b.source in document_keys else None
                for b in briefings]
        known = self.cache.store("briefing-hashes") if self.cache.enabled else {}
        todo = [i for i, key in enumerate(keys) if key is None or key not in known]
        fresh = processes.run(lambda n: (modes[False, False, True].briefing_hashes(briefings[todo[n]]),
                                         modes[True, False, True].briefing_hashes(briefings[todo[n]], fields=False)),
                              len(todo), "hash")
        computed = dict(zip(todo, fresh))
        hashed = [computed[i] if i in computed else known[key] for i, key in enumerate(keys)]
        kept = {key: h for key, h in zip(keys, hashed) if key is not None}
        if self.cache.enabled and (todo or kept.keys() != known.keys()):
            self.cache.replace("briefing-hashes", kept)
        return hashed

    def _render_chosen(self, work: _Work, indexed_first: Callable[[], None] | None) -> int:
        """Render the pages the dependency index chooses: the site's structure is as it was last build.

        Each page is the same page with the same data as last build except
        inside the briefings whose whole hash changed; it is rendered when it
        holds one of them (``Deps.shows``) and its templates may show a body
        (``template_deps.body_readers``), when the last build did not record
        its dependencies, when its templates or output file changed, or when
        what it asked of the site is answered differently now.
        """
        self.by_index = True
        changed = {slug for slug, whole in self.wholes.items() if self.old_wholes.get(slug) != whole}
        replayers: dict[tuple[bool, bool, bool], Replayer] = {}
        chosen: list[PageJob] = []
        for job in work.jobs:
            mode = _mode(work.facts, job.template)
            old, deps = self.old_pages.get(job.path), self.old_deps.get(job.path)
            shows = mode[2] and deps is not None and deps.shows(changed, mode[1])
            if (old is None or deps is None or job.path not in self.trusted or shows
                    or self.old_made_with.get(job.path) != work.template_keys[job.template]):
                chosen.append(job)
                continue
            if mode not in replayers:
                replayers[mode] = Replayer(work.site, work.modes[mode])
            if not replayers[mode].still_true(old[1]):
                chosen.append(job)
        every = work.jobs
        work.jobs, work.chosen = chosen, True
        _work[:] = [work]
        first = sum(1 for job in every if job.indexed)  # indexed pages come first in ``every`` and ``chosen``
        rendered_first: list[int] = []

        def results_of_every(results: list) -> list:
            by_path = dict(zip((job.path for job in chosen), results))
            return [by_path.get(job.path, (self.old_pages[job.path][0], None)) for job in every]

        def record_first(results: list) -> None:
            # The search index starts as soon as every indexed page is recorded, beside the rest.
            rendered_first.append(self._record(every[:first], results_of_every(results)[:first], work.env, work.site))
            if indexed_first is not None:
                indexed_first()
        try:
            results = processes.run(_produce, len(chosen), "render", self.progress,
                                    processes.Prefix(sum(1 for job in chosen if job.indexed), record_first))
        finally:
            _work.clear()
        return rendered_first[0] + self._record(every, results_of_every(results), work.env, work.site, start=first)

    def _record(self, jobs: list[PageJob], results: list, env: jinja2.Environment, site, start: int = 0) -> int:
        """Note what rendering ``jobs[start:]`` gave; returns how many of them were rendered."""
        rendered = 0
        for job, result in zip(jobs[start:], results[start:]):
            if result is None:  # an error in a worker: render here to raise it with its traceback
                render_page(env, job, site)
                raise RuntimeError(f"rendering {job.path} failed in a worker process")
            key, outcome = result
            if outcome is None:  # unchanged since the last build
                self.files[job.path] = self.trusted[job.path]
                self.pages[job.path] = self.old_pages[job.path]
                self.made_with[job.path] = self.old_made_with.get(job.path, b"")
                self.deps[job.path] = self.old_deps.get(job.path)
                continue
            rendered += 1
            data_digest, written, questions, index_digest, made_with, causes, deps = outcome
            self.deps[job.path] = deps
            self.made_with[job.path] = made_with
            self.causes.update(causes)
            self.files[job.path] = data_digest
            self.pages[job.path] = (key, questions)
            if written:
                self.written.append(job.path)
            if index_digest is not None:
                self.searchable[job.path] = index_digest
            else:
                self.searchable.pop(job.path, None)
        return rendered

    def searchable_pages(self) -> PageFiles:
        """The files of the pages that ask to be indexed, in staging or the output folder."""
        return PageFiles(self.staging.root, self.output, self.written, self.searchable.keys() & self.files.keys())

    def publish(self) -> None:
        """Move the changed files into place and remember what is on disk for the next build."""
        keep = set(self.files)
        self.staging.publish(self.written, keep, self.full)
        new_files = {}
        written, root = set(self.written), str(self.output)
        for rel, data_digest in self.files.items():
            if rel in written or self.full:
                try:
                    st = os.stat(f"{root}/{rel}")
                except OSError:
                    continue
                new_files[rel] = (data_digest, st.st_size, st.st_mtime_ns)
            else:
                new_files[rel] = self.old_files[rel]
        self.cache.replace(self.store_name, {"files": new_files, "pages": self.pages, "objects": self.objects,
                                             "made_with": self.made_with, "structure": self.structure,
                                             "wholes": self.wholes, "deps": self.deps,
                                             "searchable": {p: d for p, d in self.searchable.items() if p in keep}})

    def reasons(self) -> list[str]:
        """Why the pages rendered this build were rendered (``--verbose``)."""
        if self.full:
            return ["every page: no earlier build of this output folder to compare with"]
        said = reasons.lines(self.changed, Counter(self.causes))
        return said + [reasons.BY_INDEX] if self.by_index else said

    def discard(self) -> None:
        self.staging.discard()


def _produce(index: int):
    work, job = _work[0], _work[0].jobs[index]  # what only this page held is let go after it (``IdMemo.page``)
    with work.modes[_mode(work.facts, job.template)].page(), work.walker.page(), dependencies.let_go(job):
        return _page(work, job)


def _page(work: _Work, job: PageJob):
    """In a worker: one page's render key, and the page rendered unless it is unchanged.

    Returns (key, None) for an unchanged page, (key, (digest, written, questions, index digest, ...))
    for a rendered one, None when rendering failed; the index digest is None for a page not indexed.
    """
    context = {k: v for k, v in job.context.items() if k != "site"}
    made_with = work.template_keys[job.template]
    mode = _mode(work.facts, job.template)
    fingerprints = work.modes[mode]
    key = cache_keys.page_key(work.templates.get(job.template, b""), work.globals_key, job.path,
                               fingerprints.of(context))
    old = work.old_pages.get(job.path)
    if not work.full and not work.chosen and old is not None and old[0] == key and job.path in work.trusted:
        if mode not in work.replayers:
            work.replayers[mode] = Replayer(work.site, fingerprints)
        if work.replayers[mode].still_true(old[1]):
            return key, None
    causes = () if work.full else _causes(work, job, context, made_with, old, key)
    try:
        data, recorder = render_page(work.env, job, work.site)
    except Exception:
        return None
    data_digest = digest(data)
    written = work.trusted.get(job.path) != data_digest
    if written:
        work.staging.write(job.path, data)
    return key, (data_digest, written, recorder.questions(fingerprints), search.index_digest(data), made_with,
                 causes, work.walker.of(context))


def _mode(facts: TemplateFacts, template: str) -> tuple[bool, bool, bool]:
    """How a template's pages are hashed: whole entities, whole briefings, bodies (``_Work.modes``)."""
    whole = template in facts.briefing_readers
    return template in facts.entity_readers, whole, whole or template in facts.body_readers


def _causes(work: _Work, job: PageJob, context: dict, made_with: bytes, old, key: bytes) -> tuple[str, ...]:
    """Why a page of an incremental build is rendered: the changes it holds, or another cause."""
    if old is None:
        return ("new page",)
    if job.path not in work.trusted:
        return ("output file changed or missing on disk",)
    if work.made_with.get(job.path) != made_with:
        return ("templates, settings or static files changed",)
    if old[0] == key:
        return ("what the page asked of the site changed",)
    return tuple(reasons.held(context, work.changed, work.entity_changed)) or ("its lists or other data changed",)


def globals_key(config, asset_urls: dict[str, str], extra: tuple = ()) -> bytes:
    """What every page depends on besides its own data: settings, asset names, the builder's code."""
    fingerprints = Fingerprinter()
    return cache_keys.globals_key(fingerprints.of(config), fingerprints.of(sorted(asset_urls.items())),
                                  fingerprints.of(list(extra)))


def output_intact(output: Path, cache: BuildCache) -> dict | None:
    """The last build's manifest if every output file is on disk as it was written, and no other file."""
    output = output.resolve()
    manifest = cache.store("outputs-" + digest(str(output)).hex()[:12])
    files = manifest.get("files")
    if not files or not output.is_dir():
        return None
    seen = 0
    for relative, path in files_under(str(output)):
        entry = files.get(relative)
        if entry is None:
            return None
        try:
            st = os.stat(path)
        except OSError:  # gone since it was listed
            return None
        if (st.st_size, st.st_mtime_ns) != entry[1:]:
            return None
        seen += 1
    return manifest if seen == len(files) else None
