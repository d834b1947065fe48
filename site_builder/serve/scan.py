"""The stat signature of the preview's input files: what the live session compares to tell what changed.

A full scan walks the content, template and static folders; ``rescan`` looks
again only at the files that file events name, so an edit is applied without
scanning every input first (``serve.settle`` scans everything a moment later).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from site_builder.build import BuildOptions

Snapshot = dict[str, tuple[int, int, int, int] | None]  # file -> (mtime, ctime, size, inode), None if unreadable


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
