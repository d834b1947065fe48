"""Builds of one output folder run one at a time: real ``site-builder build`` processes at once.

A second build waits for the first, saying so once on stderr, and the site
each leaves is one build's whole site, its Pagefind bundle complete. A lock
whose holder was killed (even one that had forked a process still running)
does not block.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURE_SITE, REPO
from .conftest import STRACE, build_command, bundle_problems, hashes, run, wait_for_no_leftovers, without_search

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
DRAFTS = ["--drafts"]


def _references(base: Path) -> dict[str, dict[str, str]]:
    """The site each of the two builds makes on its own, built cold elsewhere."""
    found = {}
    for name, extra in (("drafts", DRAFTS), ("plain", [])):
        shutil.copytree(FIXTURE_SITE, base / name / "content")
        result = run(base / name, build_command("--no-cache", *extra))
        assert result.returncode == 0, result.stderr
        found[name] = without_search(hashes(base / name / "public"))
    assert found["drafts"] != found["plain"]
    return found


def _start(root: Path, extra: list[str], log: Path, slow: bool = False) -> subprocess.Popen:
    """A build; ``slow``: each of its renames held up 0.2 s (by strace, when there is one), so that
    another build has all the time it needs to run in the middle of this one's publishing."""
    command = build_command(*extra)
    if slow and STRACE:
        command = [STRACE, "-f", "-qq", "-o", "/dev/null", "-e", "inject=rename,renameat,renameat2:delay_enter=200000",
                   *command]
    return subprocess.Popen(command, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=log.open("w"))


def _whole_site_of_one_build(root: Path, references: dict[str, dict[str, str]]) -> None:
    site = without_search(hashes(root / "public"))
    assert site in references.values(), "the site is one build's, not a mix"
    assert bundle_problems(root / "public") == []


def test_two_builds_at_once_both_succeed_and_leave_one_whole_site(tmp_path: Path) -> None:
    references = _references(tmp_path / "references")
    root = tmp_path / "work"
    shutil.copytree(FIXTURE_SITE, root / "content")
    assert run(root, build_command()).returncode == 0  # a previous site, and a cache both builds share
    started = time.time()
    builds = [_start(root, DRAFTS, tmp_path / "0.log", slow=True)]
    while builds[0].poll() is None and not _changed_since(root / "public", started):
        time.sleep(0.01)
    builds.append(_start(root, [], tmp_path / "1.log"))  # while the first one publishes
    codes = [build.wait(timeout=600) for build in builds]
    logs = [(tmp_path / f"{n}.log").read_text() for n in range(2)]
    assert codes == [0, 0], logs
    _whole_site_of_one_build(root, references)
    assert sum("waiting for the build in process" in log for log in logs) <= 1
    assert wait_for_no_leftovers(root) == []


def _changed_since(folder: Path, moment: float) -> bool:
    for parent, _, names in os.walk(folder):
        for name in names:
            try:
                if os.stat(os.path.join(parent, name)).st_mtime > moment:
                    return True
            except OSError:
                pass
    return False


HOLDER = """
import os, sys, time
from pathlib import Path
from site_builder.output.swap import OutputLock
with OutputLock(Path("public")):
    child = os.fork()  # a process forked while the lock is held, as the render workers are
    if child == 0:
        time.sleep(600)
        os._exit(0)
    print(child, flush=True)
    time.sleep(600)
"""


def test_a_second_build_waits_for_the_first_and_a_killed_holder_does_not_block(tmp_path: Path) -> None:
    references = _references(tmp_path / "references")
    root = tmp_path / "work"
    shutil.copytree(FIXTURE_SITE, root / "content")
    assert run(root, build_command()).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], cwd=root, env=ENV, stdout=subprocess.PIPE, text=True)
    child = int(holder.stdout.readline())
    try:
        logs = [tmp_path / "drafts.log", tmp_path / "plain.log"]
        builds = [_start(root, extra, log) for extra, log in zip((DRAFTS, []), logs)]
        message = f"waiting for the build in process {holder.pid} to finish (lock "
        deadline = time.monotonic() + 120
        while not all(message in log.read_text() for log in logs) and time.monotonic() < deadline:
            assert all(build.poll() is None for build in builds), "no build runs while the lock is held"
            time.sleep(0.05)
        assert all(log.read_text().count(message) == 1 for log in logs), [log.read_text() for log in logs]
        time.sleep(1)
        assert all(build.poll() is None for build in builds), "they still wait"
        os.kill(holder.pid, signal.SIGKILL)  # its forked child lives on: the lock goes with the holder all the same
        holder.wait()
        codes = [build.wait(timeout=600) for build in builds]
        texts = [log.read_text() for log in logs]
        assert codes == [0, 0], texts
        assert sum(text.count("waiting for the build in process") for text in texts) == 2, "each said it once"
        assert os.path.exists(f"/proc/{child}") or sys.platform != "linux"
    finally:
        for pid in (holder.pid, child):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        holder.wait()
    _whole_site_of_one_build(root, references)
    lock = root / ".public.lock"
    assert lock.read_text().strip().isdigit(), "the lock file names its last holder"
    assert wait_for_no_leftovers(root) == []
