"""Publishing a folder in one step: swap it in, lock out a second build, put back what a killed one left.

The new site goes live with one ``renameat2(RENAME_EXCHANGE)`` (two renames where the
system has none); ``OutputLock`` keeps a second build of the same output waiting;
``recover`` restores a site a killed swap left aside. See docs/publishing.md.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from site_builder.errors import display_path


def swap_in(staging: Path, output: Path, keep_spare: bool = False) -> None:
    """Put the complete folder ``staging`` in place of ``output``, at once.

    Linux swaps the two folders in one step (``exchange``): at every instant
    ``output`` is the previous site or the new one. Where it cannot, two
    renames move the previous site aside (``.NAME.old-*``) and the new one in;
    a build killed between them leaves no output, and the next build puts the
    previous site back first (``recover``). With ``keep_spare`` the previous
    site is kept as ``.NAME.spare-*`` for the next build to fill (``Staging``);
    otherwise it is deleted in the background.
    """
    leftovers = beside(output)
    if not os.path.lexists(output):
        os.rename(staging, output)
        previous = None
    elif exchange(staging, output):
        previous = staging
    else:
        previous = beside_name(output, "old")
        os.rename(output, previous)
        os.rename(staging, output)
    garbage = leftovers["old"] + leftovers["del"] + leftovers["spare"]  # ``new`` ones: ``recover``, under the lock
    if previous is not None and keep_spare:
        try:
            os.rename(previous, beside_name(output, "spare"))
        except OSError:
            garbage.append(previous)
    elif previous is not None:
        garbage.append(previous)
    _discard(output, garbage)


def beside_name(output: Path, kind: str) -> Path:
    return output.parent / f".{output.name}.{kind}-{secrets.token_hex(4)}"


def beside(output: Path) -> dict[str, list[Path]]:
    """The folders builds leave beside ``output``: ``new`` (being built, or a killed build's),
    ``old`` (a previous site moved aside by the two-rename swap), ``del`` (being deleted),
    ``spare`` (the site before the last one, for the next build to fill)."""
    found: dict[str, list[Path]] = {"new": [], "old": [], "del": [], "spare": []}
    prefix = f".{output.name}."
    try:
        names = os.listdir(output.parent)
    except OSError:
        return found
    for name in sorted(names):
        kind = name[len(prefix):].partition("-")[0] if name.startswith(prefix) else ""
        if kind in found and "-" in name[len(prefix):]:
            found[kind].append(output.parent / name)
    return found


def _discard(output: Path, folders: list[Path]) -> None:
    """Delete ``folders`` beside ``output`` in the background, each renamed ``.NAME.del-*`` first:
    every ``.NAME.old-*`` folder is then a complete site, no build takes as its spare a folder
    being deleted, and once a build is over no ``.NAME.new-*`` folder is left."""
    doomed = []
    for folder in folders:
        if not folder.name.startswith(f".{output.name}.del-"):
            target = beside_name(output, "del")
            try:
                os.rename(folder, target)
            except OSError:
                continue
            folder = target
        doomed.append(folder)
    remove_later(doomed)


def recover(output: Path) -> None:
    """Before a build (holding ``OutputLock``): undo what a killed build left.

    A missing output with a previous site moved aside (``.NAME.old-*``, killed
    between the two renames of ``swap_in``) gets that site back; the folders of
    killed builds (``.NAME.new-*``) and leftovers being deleted go, in the
    background; one spare folder stays.
    """
    output = output.resolve()
    found = beside(output)
    if found["old"] and not os.path.lexists(output):
        newest = max(found["old"], key=lambda folder: folder.stat().st_ctime_ns)
        os.rename(newest, output)
        found["old"].remove(newest)
    _discard(output, found["new"] + found["old"] + found["del"] + found["spare"][1:])


class OutputLock:
    """One build at a time per output folder: ``fcntl.flock`` on ``.NAME.lock`` beside it, holding
    the holder's PID.

    A second build waits, saying once for whom (``on_wait``, by default a line
    on stderr). The kernel releases the lock when its holder ends, however it
    ends, so a killed build's lock never blocks. Worker processes forked while
    it is held close their copy, so the lock does not outlive a killed build
    in its workers. The file itself stays.
    """

    def __init__(self, output: Path, on_wait: Callable[[str], None] | None = None):
        output = output.resolve()
        self.path = output.parent / f".{output.name}.lock"
        self.on_wait = on_wait or (lambda message: print(message, file=sys.stderr, flush=True))
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                self.on_wait(f"waiting for the build in process {holder} to finish (lock {display_path(self.path)})")
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        _held_locks.add(fd)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.fd is not None:
            _held_locks.discard(self.fd)
            os.close(self.fd)
            self.fd = None


def _close_held_locks() -> None:
    for fd in _held_locks:
        try:
            os.close(fd)
        except OSError:
            pass
    _held_locks.clear()


RENAME_EXCHANGE = 2  # linux/fs.h


_AT_FDCWD = -100


_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM, errno.EXDEV}


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``, glibc 2.28+).

    False, with nothing changed, where the system or the file system cannot
    (no such call, another OS, a file system without it); other errors raise.
    """
    if not _renameat2:
        try:
            function = ctypes.CDLL(None, use_errno=True).renameat2
            function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        except (OSError, AttributeError, TypeError):
            function = None
        _renameat2.append(function)
    if _renameat2[0] is None:
        return False
    if _renameat2[0](_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


_REMOVE = "import shutil, sys\nfor folder in sys.argv[1:]:\n    shutil.rmtree(folder, ignore_errors=True)\n"


def remove_later(folders: list[Path]) -> None:
    """Delete ``folders`` (old outputs renamed aside) in a process of its own, so the build
    need not wait: deleting a 10k-briefing site's 35,000 files took 9 s on one disk.
    Should that process be stopped, the next build deletes what it left.
    Where no process can be started, they are deleted now.
    """
    if not folders:
        return
    try:
        subprocess.Popen([sys.executable, "-c", _REMOVE, *map(str, folders)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def spare_folder(output: Path) -> Path | None:
    """The spare folder beside ``output``, renamed as a staging folder (a killed build's is deleted)."""
    for spare in beside(output)["spare"]:
        root = beside_name(output, "new")
        try:
            os.rename(spare, root)
        except OSError:
            continue
        return root
    return None


_held_locks: set[int] = set()
_renameat2: list = []

if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_locks)
