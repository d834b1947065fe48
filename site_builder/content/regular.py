"""Reading a file only when it is a regular file, without ever blocking on it.

A named pipe called ``a.md`` or ``site.yaml`` blocks a plain ``open()`` until
something writes to it, so a build or ``check`` would hang; a device such as
``/dev/zero`` never ends. The file is opened without blocking and looked at
before any byte is read, and anything else is refused with what it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegular(OSError):
    """The path exists but is not a regular file: ``what`` says what it is."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def file_kind(mode: int) -> str:
    """What a non-regular file is, as an editor would call it."""
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a disk device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a file"


def read_regular(path: Path | str, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``path``; ``NotRegular`` for a folder, pipe or device, and the
    ``OSError`` of the system for a missing file or a loop of links."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(file_kind(mode))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)  # a file that grew since it was looked at is still cut short
    finally:
        os.close(fd)

