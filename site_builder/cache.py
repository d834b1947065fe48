"""The build cache: what the last build learnt, so the next one redoes only what changed.

It lives in ``.cache/site-builder/`` (``--cache-dir``, ``--no-cache``);
deleting it is always safe. Everything in it is keyed by content hashes,
never by modification times, every key is made here, and the whole cache is
dropped when the builder's code or its libraries change, so a stale entry
cannot leak into the site. The stores: docs/architecture.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator

from site_builder import processes
from site_builder.content.yamlfile import MAX_BYTES
from site_builder.processes import left_by_dead_process, process_tag

DEFAULT_CACHE_DIR = Path(".cache") / "site-builder"
PREVIEW_OUTPUT = Path(".cache") / "preview"  # where serve renders, never the folder build publishes
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown", "nh3", "pyyaml", "markupsafe", "python-slugify", "pycountry")


def digest(*parts: bytes | str) -> bytes:
    """A 16-byte BLAKE2b hash of the parts, each length-prefixed so parts cannot run together."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


_code_version: list[bytes] = []


def code_version() -> bytes:
    """Hash of the builder's own source and its libraries' versions: a change drops the whole cache."""
    if not _code_version:
        parts: list[bytes | str] = [str(FORMAT), sys.version]
        for path in sorted(PACKAGE.rglob("*")):
            if path.suffix in (".py", ".html", ".json") and not {"__pycache__", "ingest"} & set(path.parts):
                parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
        for name in LIBRARIES:
            try:
                parts.append(f"{name}={metadata.version(name)}")
            except metadata.PackageNotFoundError:
                parts.append(f"{name}=?")
        _code_version.append(digest(*parts))
    return _code_version[0]


class BuildCache:
    """The stores of one cache folder, loaded lazily and kept in memory between builds.

    ``folder=None`` is a disabled cache: every lookup misses and nothing is saved.
    A long-running process (``serve``) keeps one ``BuildCache`` so rebuilds do not
    even read the pickles again; a one-shot build's is not ``resident``: a store
    it has finished with is written at once and let go (``settle``).
    """

    def __init__(self, folder: Path | None, resident: bool = True):
        self.folder = folder.resolve() if folder is not None else None
        self.resident = resident
        self._stores: dict[str, dict] = {}
        self._dirty: set[str] = set()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def store(self, name: str) -> dict:
        """The named store (a dict), read from disk on first use; empty when missing or stale."""
        if name not in self._stores:
            self._stores[name] = self._read(name)
        return self._stores[name]

    def replace(self, name: str, data: dict) -> None:
        self._stores[name] = data
        self._dirty.add(name)

    def touch(self, name: str) -> None:
        self._dirty.add(name)

    def save(self) -> None:
        """Write the stores changed by this build; a failure to save only costs speed next time."""
        self._write(sorted(self._dirty))

    def settle(self, name: str) -> None:
        """Write the named store now, for a build that will not change it again, and let
        go of it unless the cache is ``resident``.

        Only for stores keyed by content hashes, which stay true whether the build
        then succeeds or not. At 10,000 briefings the parsed documents, kept pickled,
        are 52 MB the rest of a one-shot build has no use for (asked for again, the
        store is read back from disk).
        """
        if name in self._dirty:
            self._write([name])
        if not self.resident:
            self._stores.pop(name, None)

    def _write(self, names: list[str]) -> None:
        if self.folder is None:
            self._dirty.difference_update(names)
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name in names:
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.{process_tag()}.", dir=self.folder)
                with os.fdopen(fd, "wb") as f:
                    pickle.dump((code_version(), self._stores[name]), f, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.folder / f"{name}.pickle")
        except OSError:
            pass
        self._dirty.difference_update(names)

    def remove_strays(self) -> None:
        """Delete the temporary files of writes a killed process left (``.NAME.PID.START.*``);
        those of a process still running, perhaps another build, are left alone."""
        if self.folder is None:
            return
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            store = name[1:].partition(".")[0]
            if name.startswith(".") and store and left_by_dead_process(name, f".{store}."):
                try:
                    os.unlink(self.folder / name)
                except OSError:
                    pass

    def _read(self, name: str) -> dict:
        if self.folder is None:
            return {}
        try:
            with open(self.folder / f"{name}.pickle", "rb") as f:
                version, data = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return {}
        return data if version == code_version() and isinstance(data, dict) else {}


def cached_map(cache: "BuildCache", store: str, keys: list[bytes | None], label: str,
               compute: Callable[[int], Any], progress: processes.Progress | None = None) -> list:
    """The value for each key: from the store where it is known, else ``compute(index)`` in worker
    processes; the store then holds exactly these keys. A None key is always computed, never stored."""
    old = cache.store(store) if cache.enabled else {}
    missing = [i for i, key in enumerate(keys) if key is None or key not in old]
    fresh = dict(zip(missing, processes.run(lambda j: compute(missing[j]), len(missing), label, progress)))
    values, new = [], {}
    for i, key in enumerate(keys):
        value = fresh[i] if i in fresh else old[key]
        if key is not None:
            new[key] = value
        values.append(value)
    if cache.enabled and (fresh or len(new) != len(old)):
        cache.replace(store, new)
    return values


# The cache keys, all made here: what each cached result depends on.

def document_key(kind: str, cwd: str, path: Path, today: dt.date) -> bytes:
    """A parsed briefing or page: its file's bytes and name, and the date (which decides "future")."""
    return digest(kind, cwd, str(path), today.isoformat(), path.read_bytes())


def knowledge_base_key(cwd: str, folder: Path, kinds: tuple[str, ...]) -> bytes:
    """The parsed knowledge base: each entity file's bytes, where it really is and whether it is a link."""
    parts: list[bytes | str] = [cwd, str(folder), os.path.realpath(folder)]
    for kind in kinds:
        path = folder / f"{kind}.yaml"
        parts += [kind, os.path.realpath(path), repr(path.is_symlink()), _file_part(str(path)) if path.exists() else "-"]
    return digest(*parts)


def related_key(count: int, briefings: list[tuple]) -> bytes:
    """The related briefings of every briefing: how many, and each briefing's slug, date and terms, in order."""
    return digest(str(count), repr(briefings))


def body_key(body: str, link_targets: list, base_path: str, statics: dict) -> bytes:
    """A body's HTML: its text, the entities it links, the site's path and the pictures it shows."""
    return digest(body, repr(link_targets), base_path, repr(statics))


def globals_key(config_hash: bytes, assets_hash: bytes, extra_hash: bytes) -> bytes:
    """What every page depends on besides its own data: settings, asset names, the builder's code."""
    return digest(code_version(), config_hash, assets_hash, extra_hash)


def page_key(template_hash: bytes, globals: bytes, path: str, context_hash: bytes) -> bytes:
    """A page's render key (see ``render.incremental``): its templates, the globals, its path, its data."""
    return digest(template_hash, globals, path, context_hash)


def input_key(folders: list[Path], settings: tuple) -> bytes:
    """Hash of every input file's path and bytes, the build settings and the builder's code."""
    parts: list[bytes | str] = [code_version(), repr(settings)]
    for folder in folders:
        parts.append(str(folder.resolve()))
        for relative, path in files_under(str(folder)):
            parts += [relative, _file_part(path)]
    return digest(*parts)


def files_under(folder: str, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(path relative to ``folder``, with ``/``; full path) of every file in it, in the order
    ``os.walk`` finds them: a folder's own entries by name, then each subfolder by name.

    Links to folders are neither listed nor followed; an unreadable folder is
    skipped. Paths stay plain strings: with ``pathlib`` a warm build spent more
    time making path objects than walking the 10,000 inputs and 35,000 outputs.
    """
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if not is_folder:
            yield prefix + entry.name, entry.path
        elif not entry.is_symlink():
            subfolders.append(entry)
    for entry in subfolders:
        yield from files_under(entry.path, prefix + entry.name + "/")


def _file_part(path: str) -> bytes | str:
    """What stands for one input file in the key: its bytes, or a stat line for anything
    that must not be read whole (links, devices, FIFOs, files over the size limit)."""
    try:
        st = os.lstat(path)
        if stat.S_ISREG(st.st_mode) and st.st_size <= MAX_BYTES:
            with open(path, "rb") as f:
                return f.read()
        if stat.S_ISLNK(st.st_mode):
            target = os.stat(path) if os.path.exists(path) else None
            shape = (target.st_mode, target.st_size, target.st_mtime_ns) if target else "dangling"
            return f"link to {os.readlink(path)} {shape}"
        return f"{st.st_mode} {st.st_size} {st.st_mtime_ns}"
    except OSError:
        return f"{path}: unreadable"
