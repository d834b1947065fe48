"""What the machine reports about its memory (Linux ``/proc/meminfo``)."""

from __future__ import annotations


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
