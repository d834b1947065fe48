"""Writing the preview's output files in place, so that a reader sees the old file or the new one.

The live session replaces files one at a time while the server answers from
the same folder; it remembers what each held first, so that an edit that
fails half-way can put the output back as the last good build left it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes, undo: dict[Path, bytes | None] | None = None) -> bool:
    """Replace ``path`` with ``data`` unless it holds exactly that; a reader sees the old file or the new one.
    ``undo`` keeps what the file held first (None: it did not exist)."""
    try:
        before: bytes | None = path.read_bytes()
        if before == data:
            return False
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        before, mode = None, 0o644
    if undo is not None:
        undo.setdefault(path, before)
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


def page_file(url: str) -> str:
    """The output file of a page's URL path within the site (``/briefings/x/`` -> ``briefings/x/index.html``)."""
    path = url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def restore(undo: dict[Path, bytes | None]) -> None:
    """Put back what ``replace_file`` noted in ``undo`` (deleting the files that did not exist), and forget it."""
    for path, data in undo.items():
        with contextlib.suppress(OSError):
            if data is None:
                path.unlink()
            else:
                replace_file(path, data)
    undo.clear()
