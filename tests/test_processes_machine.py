"""machine: fields of /proc/meminfo in bytes; whether the process that named a file still runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_builder.processes import left_by_dead_process, meminfo, owner_tag, process_tag, tag_alive


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/meminfo is Linux's")
def test_memory_fields_come_in_bytes() -> None:
    total, available = meminfo("MemTotal"), meminfo("MemAvailable")
    assert total is not None and available is not None
    assert 0 < available <= total and total > 64 << 20
    assert meminfo("NoSuchField") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="start times come from /proc")
def test_a_file_named_by_a_process_is_left_by_a_dead_one_only_once_that_process_ended() -> None:
    """Real processes: one running, one ended; a live PID with another start time is a reused PID."""
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    try:
        live = process_tag(running.pid)
        pid, start = live.split(".")
        assert int(pid) == running.pid and int(start) > 0 and tag_alive(live)
        assert left_by_dead_process(f"site-builder-search-{live}.abc", "site-builder-search-") is False
        assert tag_alive(f"{running.pid}.{int(start) + 1}") is False, "the same PID, started at another time"
        assert owner_tag(f".outputs-1a2b.{live}.x1y2", ".outputs-1a2b.") == live
        assert owner_tag("site-builder-search-x7k_q2", "site-builder-search-") is None  # named by no process
        assert left_by_dead_process("site-builder-search-x7k_q2", "site-builder-search-") is False
    finally:
        running.kill()
        running.wait()
    assert tag_alive(process_tag(running.pid)) is False
    assert left_by_dead_process(f"site-builder-search-{running.pid}.{start}.abc", "site-builder-search-")
    assert left_by_dead_process(f"site-builder-search-{ended.stdout.strip()}.5.abc", "site-builder-search-")
