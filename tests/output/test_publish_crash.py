"""A build killed at any moment of publishing leaves the previous site or the new one, whole.

Real builds (``python -m site_builder build``) of the fixture site, with a
previous build in place and content changed, are killed by ``strace`` at the
N-th rename, exchange or hard link of the build, for N = 1, 2, ... until one
completes. After each kill the output is hashed file by file: it must be the
old site or the new one. Then a build runs normally and must give the new
site and leave nothing behind: no staging or previous-site folders, no cache
temporary file, no scratch folder of a dead build. The two-rename fallback of
the swap runs with ``renameat2`` failing with EINVAL, as on a file system
without RENAME_EXCHANGE.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.output.search import MEMORY_DIR, SCRATCH_PREFIX

from conftest import FIXTURE_SITE, REPO
from .conftest import STRACE, build_command, bundle_problems, hashes, run, wait_for_no_leftovers, without_search

needs_strace = pytest.mark.skipif(STRACE is None, reason="strace is not installed (scripts/test.sh installs it): "
                                                         "the kills are injected at the build's own system calls")
RENAMES = "rename,renameat"
EXCHANGE = "renameat2"
NO_EXCHANGE = ["-e", "inject=renameat2:error=EINVAL"]  # as a file system without RENAME_EXCHANGE answers


@dataclass
class Sites:
    root: Path  # where the builds run: content/, public/, .cache/
    pristine: Path  # public/ and .cache/ as the previous build left them
    old: dict[str, str]
    new: dict[str, str]

    def reset(self) -> None:
        """The previous site and its cache in place, nothing else beside them."""
        for path in self.root.iterdir():
            if path.is_dir() and (path.name in ("public", ".cache") or path.name.startswith(".public.")):
                shutil.rmtree(path)
        for path in self.pristine.iterdir():  # keeps mtimes: the cache trusts them
            shutil.copytree(path, self.root / path.name, symlinks=True)

    def check_after_kill(self, fallback: bool) -> str:
        """'old' or 'new': what the output holds; fails on anything else."""
        output = self.root / "public"
        if not output.exists():
            aside = [p for p in self.root.iterdir() if p.name.startswith(".public.old-")]
            assert fallback, "with RENAME_EXCHANGE the output is never missing"
            assert len(aside) == 1 and hashes(aside[0]) == self.old, "a missing output has the whole old site aside"
            return "missing"
        files = hashes(output)
        if files == self.old:
            return "old"
        assert without_search(files) == without_search(self.new), "the output is neither the old site nor the new one"
        assert bundle_problems(output) == []
        return "new"


def _changed(content: Path) -> None:
    """Pages change, a briefing goes (with its files) and the rest stays."""
    path = content / "briefings" / "moldova-vote.md"
    text = path.read_text()
    path.write_text(re.sub(r"(?m)^title: .*$", 'title: "A changed title for the Moldovan vote"', text, count=1))
    (content / "briefings" / "older-x.md").unlink()


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    base = tmp_path_factory.mktemp("crash")
    root, pristine, reference = base / "work", base / "pristine", base / "reference"
    shutil.copytree(FIXTURE_SITE, root / "content")
    summary = root / "content" / "briefings" / "czech-accounts.md"
    summary.write_text(summary.read_text().replace("\nsummary: ", "\nsummary: At first, ", 1))
    first = run(root, build_command())
    assert first.returncode == 0, first.stderr
    summary.write_text(summary.read_text().replace("summary: At first, ", "summary: ", 1))
    second = run(root, build_command())  # the site of the first build is now the spare the next one fills
    assert second.returncode == 0, second.stderr
    assert wait_for_no_leftovers(root) == []
    assert [p.name for p in root.glob(".public.spare-*")], "a spare folder for the next build"
    for path in root.iterdir():
        if path.name in ("public", ".cache") or path.name.startswith(".public.spare-"):
            shutil.copytree(path, pristine / path.name, symlinks=True)
    old = hashes(root / "public")
    _changed(root / "content")
    shutil.copytree(root / "content", reference / "content")
    cold = run(reference, build_command("--no-cache"))
    assert cold.returncode == 0, cold.stderr
    new = hashes(reference / "public")
    assert without_search(new) != without_search(old) and new.keys() != old.keys()
    broken = root / "broken"
    shutil.copytree(root / "content", broken)
    (broken / "briefings" / "moldova-vote.md").write_text("---\ntitle: [unclosed\n---\n")
    return Sites(root, pristine, old, new)


def kill_sweep(sites: Sites, syscalls: str, extra: list[str], cache: list[str], fallback: bool,
               points: list[int] | None = None) -> list[str]:
    """Kill the build at the N-th call of ``syscalls`` for each N (of ``points``, or 1, 2, ... until a
    build is not killed); after each, check the output, then build normally and check again."""
    seen = []
    numbers = points or range(1, 1000)
    for n in numbers:
        sites.reset()
        traced = [STRACE, "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2,link,linkat",
                  *extra, "-e", f"inject={syscalls}:signal=KILL:when={n}", *build_command(*cache)]
        result = run(sites.root, traced)
        killed = result.returncode == -signal.SIGKILL
        assert killed or result.returncode == 0, f"when={n}: {result.returncode} {result.stderr}"
        state = sites.check_after_kill(fallback)
        seen.append(f"{n}:{'killed' if killed else 'done'}:{state}")
        if state == "missing":  # a failing build puts the old site back before it reads anything
            failed = run(sites.root, build_command(*cache, content="broken"))
            assert failed.returncode == 1 and hashes(sites.root / "public") == sites.old
        after = run(sites.root, build_command(*cache))
        assert after.returncode == 0, after.stderr
        assert not [p for p in sites.root.iterdir() if p.name.startswith((".public.new-", ".public.old-"))], \
            "what is left to delete is renamed at once, and deleted in the background"
        assert without_search(hashes(sites.root / "public")) == without_search(sites.new)
        assert bundle_problems(sites.root / "public") == []
        assert wait_for_no_leftovers(sites.root) == [], f"when={n}"
        if not killed and points is None:
            break
    return seen


@needs_strace
@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cached", "no-cache"])
def test_a_build_killed_at_any_rename_leaves_the_old_site_or_the_new_one(sites: Sites, cache: list[str]) -> None:
    renames = kill_sweep(sites, RENAMES, [], cache, fallback=False)
    exchanges = kill_sweep(sites, EXCHANGE, [], cache, fallback=False)
    assert exchanges == ["1:killed:old", "2:done:new"], "one exchange publishes the site"
    assert renames[-1].endswith(":done:new") and all(":killed:" in s for s in renames[:-1]), renames
    if not cache:  # a cached build writes each of the cache's stores with a rename
        assert len(renames) >= 4 and renames[0] == "1:killed:old", renames


@needs_strace
@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cached", "no-cache"])
def test_where_folders_cannot_be_exchanged_a_killed_build_leaves_the_old_site_aside_and_the_next_puts_it_back(
        sites: Sites, cache: list[str]) -> None:
    seen = kill_sweep(sites, RENAMES, NO_EXCHANGE, cache, fallback=True)
    states = [s.split(":", 1)[1] for s in seen]
    assert "killed:missing" in states, f"a kill between the two renames: {seen}"
    assert "killed:new" in states and states[-1] == "done:new", seen


@needs_strace
def test_a_build_killed_while_linking_the_kept_files_leaves_the_old_site(sites: Sites) -> None:
    sites.reset()
    traced = [STRACE, "-f", "-qq", "-e", "trace=linkat", *build_command()]
    counted = run(sites.root, traced)
    assert counted.returncode == 0, counted.stderr
    links = len(re.findall(r"linkat\(.*/public/.*\.public\.new-", counted.stderr))
    assert links > 20, "an incremental build links the files it keeps"
    seen = kill_sweep(sites, "link,linkat", [], [], fallback=False, points=[1, links // 2, links])
    assert seen == [f"{n}:killed:old" for n in (1, links // 2, links)]


def test_a_killed_builds_scratch_folder_is_removed_by_the_next_build(sites: Sites) -> None:
    """Killed while Pagefind indexes: its scratch folder, named with its process, goes with the next build."""
    sites.reset()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(build_command("--no-cache"), cwd=sites.root, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    prefix = f"{SCRATCH_PREFIX}{process.pid}."
    scratch = None
    deadline = time.monotonic() + 120
    while scratch is None and process.poll() is None and time.monotonic() < deadline:
        for parent in (MEMORY_DIR, tempfile.gettempdir()):
            names = [n for n in os.listdir(parent) if n.startswith(prefix)] if os.path.isdir(parent) else []
            if names:
                scratch = Path(parent) / names[0]
                break
        else:
            time.sleep(0.002)
    process.kill()
    process.wait()
    assert scratch is not None, "the build's scratch folder is named with its process id"
    _wait_for_processes_using(scratch)  # Pagefind, orphaned, finishes its run
    assert scratch.exists()
    assert sites.check_after_kill(fallback=False) == "old"
    after = run(sites.root, build_command("--no-cache"))
    assert after.returncode == 0, after.stderr
    assert not scratch.exists()
    assert wait_for_no_leftovers(sites.root) == []


def _wait_for_processes_using(path: Path, seconds: float = 60.0) -> None:
    needle = str(path).encode()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        busy = False
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                busy |= needle in Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                pass
        if not busy:
            return
        time.sleep(0.05)
