"""machine: fields of /proc/meminfo in bytes; whether the process that named a file still runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_builder.processes import (left_by_dead_process, meminfo, owner_tag, process_tag, run_measured, tag_alive,
                                    tree_members, tree_memory)


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


HOLD = "import sys, time; block = bytearray(int(sys.argv[1]) << 20); block[::4096] = b'x' * len(block[::4096]); " \
       "print('ready', flush=True); time.sleep(float(sys.argv[2]))"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory is read from /proc")
def test_the_memory_of_a_process_tree_counts_its_children() -> None:
    """A real child holding 200 MB it wrote to: the tree holds that much more while it runs."""
    before = tree_memory()
    child = subprocess.Popen([sys.executable, "-c", HOLD, "200", "60"], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        members = tree_members()
        assert child.pid in members and members[child.pid] >= 190 << 20
        assert tree_memory() - before >= 190 << 20
        assert tree_memory(child.pid) == pytest.approx(members[child.pid], rel=0.05)
    finally:
        child.kill()
        child.wait()
    assert tree_memory() < before + (100 << 20)
    assert tree_members(2 ** 22 + 7) == {}, "no such process: nothing"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="wait4 gives the peak on Linux")
def test_a_command_run_measured_gives_its_output_and_its_peak_memory() -> None:
    """The child holds its 120 MB for 0.2 s: the peak is read every 20 ms while a command runs, and a
    child that frees its memory and ends between two reads (it held it for 0 s here before) is read
    short, which failed on a loaded machine."""
    done, peak = run_measured([sys.executable, "-c", HOLD, "120", "0.2"], timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ready\n", "")
    assert peak >= 120 << 20
    small, small_peak = run_measured([sys.executable, "-c", "import sys, time; time.sleep(0.3); sys.exit('failed')"],
                                     timeout=60)
    assert (small.returncode, small.stderr) == (1, "failed\n") and 0 < small_peak < peak
    with pytest.raises(subprocess.TimeoutExpired):
        run_measured([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory is read from /proc")
def test_a_command_run_measured_is_not_charged_with_the_memory_of_the_process_running_it() -> None:
    """The builder holds hundreds of MB when it runs Pagefind: a small command must read small,
    where wait4's ru_maxrss carries the spawning process's resident size into the child."""
    held = bytearray(400 << 20)
    held[::4096] = b"x" * len(held[::4096])
    _, peak = run_measured([sys.executable, "-c", "import time; time.sleep(0.3)"], timeout=60)
    assert 0 < peak < 100 << 20
    del held
