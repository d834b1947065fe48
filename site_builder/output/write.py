"""Write: put the rendered files into a staging folder that ``swap`` then publishes whole.

An incremental build starts from the spare folder the last one kept and
hard-links into it the output files it keeps (``Staging``). Output folders
that would destroy content are refused. See docs/publishing.md.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Set
from pathlib import Path

from site_builder.errors import Problem, display_path
from site_builder.output.swap import beside, beside_name, spare_folder, swap_in


def unsafe_output(output: Path, protected: list[Path], sources: list[Path] = ()) -> Problem | None:
    """A problem if writing to ``output`` could delete something that is not build output.

    The output may not be, or contain, any ``protected`` or ``sources`` folder, nor
    ``/`` or the home folder; it may not lie inside a ``sources`` folder either
    (content, templates, static), where it would replace files and be read back.
    """
    out = output.resolve()
    hint = "choose a separate folder for the built site, e.g. --output public"
    if out in {Path("/").resolve(), Path.home().resolve()}:
        return Problem(str(output), f"refusing to use {out} as the output folder: building replaces the whole folder", hint=hint)
    for p in [*protected, *sources]:
        if p is None:
            continue
        p = p.resolve()
        if out == p or p.is_relative_to(out):
            return Problem(display_path(output), f"output folder would replace {display_path(p)}", hint=hint)
    for p in sources:
        if p is not None and out.is_relative_to(p.resolve()):
            return Problem(display_path(output), f"output folder is inside {display_path(p)}; building would overwrite its files",
                           hint=hint)
    if out.exists() and not out.is_dir():
        return Problem(display_path(output), "output path exists and is a file", hint="remove the file or choose another --output")
    return None


def write_outputs(output: Path, files: list[tuple[str, bytes]]) -> int:
    """Write every file into a fresh folder, then swap it in place of ``output``."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        for rel, data in files:
            target = safe_join(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(files)


def safe_join(root: Path, rel: str) -> Path:
    """Join a relative output path to ``root``; refuse anything that escapes it."""
    candidate = (root / rel).resolve()
    if rel.startswith(("/", "\\")) or ".." in Path(rel).parts or not candidate.is_relative_to(root.resolve()):
        raise ValueError(f"output path {rel!r} escapes the output folder")
    return candidate


# O_EXCL: a staged file is always a new file, never written through a link to a file of the live site.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


class Staging:
    """A build's files, written into a folder beside the output folder and published only on success.

    ``publish`` swaps the staging folder in for the whole output folder
    (``swap_in``), so the site changes all at once. An incremental build
    (``recycle``) starts from the spare folder the last one left, the site
    before the last, whose folders are already made (making 23,000 folders is
    what would cost most), writes only the files whose bytes changed, then
    makes every other file a hard link to the output file it keeps (a copy,
    with its mtime, where links cannot be made) and removes what the site no
    longer has (``_fill``). Written files are always new files, never written
    through a link. Every problem is found before publishing, so a failed
    build leaves the previous site untouched; ``discard`` removes the folder.
    """

    def __init__(self, output: Path, recycle: bool = False):
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.root = spare_folder(self.output) if recycle else None
        if self.root is None:
            self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-", dir=self.output.parent))
        self._root = str(self.root)

    def write(self, rel: str, data: bytes) -> None:
        # Plain strings and os calls: a build writes tens of thousands of files. Writing
        # 23,000 pages to a memory file system took 0.9-1.3 s through pathlib, 0.7-0.8 s so.
        target = f"{self._root}/{staged_path(rel)}"
        try:
            handle = os.open(target, _NEW_FILE, 0o666)
        except FileNotFoundError:
            try:
                os.makedirs(os.path.dirname(target), exist_ok=True)
            except OSError:
                _make_room(self._root, rel)
            handle = os.open(target, _NEW_FILE, 0o666)
        except OSError:  # written again, or a recycled folder's file or folder in the way: a new file
            _make_room(self._root, rel)
            handle = os.open(target, _NEW_FILE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)

    def publish(self, written: list[str], keep: set[str], full: bool) -> None:
        """Swap the staging folder in; unless ``full``, first make it hold, beside the ``written``
        files, the output files in ``keep``, and nothing else."""
        if not full:
            _fill(str(self.output), self._root, keep, set(written))
        self.root.mkdir(exist_ok=True)
        swap_in(self.root, self.output, keep_spare=True)

    def discard(self) -> None:
        """Give up this build's folder: it becomes the spare when there is none (whatever it holds,
        the next build checks every file of it), otherwise it is deleted."""
        if not beside(self.output)["spare"]:
            try:
                os.rename(self.root, beside_name(self.output, "spare"))
                return
            except OSError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)


class PageFiles(Mapping[str, Path]):
    """Where a build's pages are on disk, by output path: in the staging folder when the build
    ``written`` them, else in the output folder, where the last build left them.

    A page's path object is made only when it is asked for: the search stage
    asks for the pages of the Pagefind runs it indexes again, about 250 on an
    edit, not for the thousands of pages a site indexes (benchmarks/README.md,
    "Body edits, sixth pass").
    """

    def __init__(self, staging: Path, output: Path, written: Iterable[str], pages: Set[str]):
        self.staging, self.output = staging, output
        self.written, self.pages = frozenset(written), pages

    def __getitem__(self, rel: str) -> Path:
        if rel not in self.pages:
            raise KeyError(rel)
        return (self.staging if rel in self.written else self.output) / rel

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.pages))

    def __len__(self) -> int:
        return len(self.pages)


def _make_room(root: str, rel: str) -> None:
    """Clear the way for a new file at ``rel`` under ``root``: files or links where folders are
    needed, and whatever is at ``rel`` itself, go; missing folders are made."""
    path = root
    for part in rel.split("/")[:-1]:
        path = f"{path}/{part}"
        if os.path.lexists(path) and (os.path.islink(path) or not os.path.isdir(path)):
            try:
                os.unlink(path)
            except FileNotFoundError:  # another worker, writing beside, got there first
                pass
    target = f"{root}/{rel}"
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)
    elif os.path.lexists(target):
        os.unlink(target)
    os.makedirs(os.path.dirname(target), exist_ok=True)


_NO_LINKS = {errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EACCES}


def _fill(output: str, staging: str, keep: set[str], written: set[str]) -> None:
    """Make ``staging`` hold the files in ``written`` and, for every other path in ``keep``, a hard
    link to the output's file (a copy with its mtime where links cannot be made); remove
    anything else. A path that already links to the output's file is left as it is.

    Each thing done once: the staging folder walked once (``_sweep``, which also tells which
    kept files are there, with their inodes), each output file stat'ed once, and only the
    folders it lacks made: at 10,000 briefings an edit keeps some 35,000 files in 23,000 folders.
    """
    there, folders = _sweep(staging, keep, written)
    device = os.stat(staging).st_dev
    can_link = True
    for rel in sorted(keep.difference(written)):
        folder = rel.rpartition("/")[0]
        if folder and folder not in folders:
            try:
                os.makedirs(f"{staging}/{folder}", exist_ok=True)
            except OSError:
                _make_room(staging, rel)
            while folder and folder not in folders:
                folders.add(folder)
                folder = folder.rpartition("/")[0]
        source, target = f"{output}/{rel}", f"{staging}/{staged_path(rel)}"
        live = os.stat(source, follow_symlinks=False)
        entry = there.get(rel)
        if entry is not None:
            if (entry.inode(), device) == (live.st_ino, live.st_dev):
                continue
            if not can_link:
                st = entry.stat(follow_symlinks=False)
                if (st.st_size, st.st_mtime_ns) == (live.st_size, live.st_mtime_ns):
                    continue
            os.unlink(target)
        if can_link:
            try:
                os.link(source, target, follow_symlinks=False)
                continue
            except OSError as exc:
                if exc.errno not in _NO_LINKS:
                    raise
                can_link = False  # copy from here on
        shutil.copy2(source, target, follow_symlinks=False)


def _sweep(folder: str, keep: set[str], written: set[str]) -> tuple[dict[str, os.DirEntry], set[str]]:
    """Delete what under ``folder`` is not in ``keep`` (files, links, folders where a kept file
    goes), then the folders that hold nothing kept. Returns the kept files found that were not
    ``written`` (their directory entries, which know their inodes) and the folders left.

    Strings and ``os.scandir``'s entries: at 10,000 briefings a site holds 35,000 files in
    23,000 folders, and doing the same with paths and a listing of each folder took about 1.5 s.
    """
    there: dict[str, os.DirEntry] = {}
    folders: set[str] = set()

    def visit(path: str, prefix: str) -> bool:
        """Sweep the folder at ``path``; True when it holds something kept."""
        holds = False
        with os.scandir(path) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if rel in keep:  # a folder where a kept file goes
                        shutil.rmtree(entry.path)
                        holds = True
                    elif visit(entry.path, rel + "/"):
                        folders.add(rel)
                        holds = True
                    else:
                        os.rmdir(entry.path)
                elif rel in keep:
                    if rel not in written:
                        there[rel] = entry
                    holds = True
                else:
                    os.unlink(entry.path)
        return holds

    visit(folder, "")
    return there, folders


def staged_path(rel: str) -> str:
    """``rel`` checked to stay inside a folder the builder made itself (so no links in it)."""
    parts = rel.split("/")
    if not rel or rel.startswith(("/", "\\")) or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"output path {rel!r} escapes the output folder")
    return rel
