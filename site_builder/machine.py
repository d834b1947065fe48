"""What the machine reports: its memory (Linux ``/proc/meminfo``), and whether a process still runs."""

from __future__ import annotations

import os


def meminfo(field: str) -> int | None:
    """The ``/proc/meminfo`` line ``field`` (e.g. ``MemAvailable``) in bytes; None where unknown."""
    prefix = field.encode("ascii") + b":"
    try:
        with open("/proc/meminfo", "rb") as f:
            for line in f:
                if line.startswith(prefix):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def process_tag(pid: int | None = None) -> str:
    """``PID.START`` for a process (this one by default): its PID and when it started (clock
    ticks since boot, 0 where unknown), so a PID the system hands out again is not mistaken
    for the process that left a file behind."""
    pid = os.getpid() if pid is None else pid
    return f"{pid}.{_start_time(pid) or 0}"


def tag_alive(tag: str) -> bool:
    """Whether the process a ``process_tag`` names still runs (unsure counts as alive)."""
    pid, _, start = tag.partition(".")
    if not pid.isdigit() or not start.isdigit():
        return True
    now = _start_time(int(pid))
    if now is not None:
        return start == "0" or int(start) == now
    if os.path.isdir("/proc/self"):
        return False  # /proc lists every process, and not this one
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def owner_tag(name: str, prefix: str) -> str | None:
    """The ``process_tag`` in a file name made as ``prefix + tag + "." + more``; None if it has none."""
    if not name.startswith(prefix):
        return None
    pid, start, *more = name[len(prefix):].split(".") + ["", ""]
    return f"{pid}.{start}" if pid.isdigit() and start.isdigit() else None


def left_by_dead_process(name: str, prefix: str) -> bool:
    """Whether ``name`` is a file or folder that a process which no longer runs made (see ``owner_tag``)."""
    tag = owner_tag(name, prefix)
    return tag is not None and not tag_alive(tag)


def _start_time(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return int(f.read().rsplit(b")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None
