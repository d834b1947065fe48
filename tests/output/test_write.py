"""write: the new site is swapped in whole; the old one is deleted by a process of its own."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.output.swap import remove_later
from site_builder.output.write import PageFiles, Staging, write_outputs
from conftest import REPO

STRACE = shutil.which("strace")


def _wait_until_gone(paths: list[Path], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(p.exists() for p in paths):
            return True
        time.sleep(0.05)
    return False


def test_the_old_site_and_any_an_earlier_build_left_are_deleted_after_the_swap(tmp_path: Path) -> None:
    output = tmp_path / "public"
    write_outputs(output, [("index.html", b"first"), ("old/page.html", b"gone soon")])
    left = tmp_path / ".public.old-left"  # as a deletion that was stopped leaves it
    (left / "deep").mkdir(parents=True)
    (left / "deep" / "page.html").write_bytes(b"x")
    unrelated = tmp_path / ".other.old-keep"
    unrelated.mkdir()
    write_outputs(output, [("index.html", b"second")])
    assert (output / "index.html").read_bytes() == b"second" and not (output / "old").exists()
    assert _wait_until_gone([left]), "a leftover of an earlier build is deleted"
    assert _wait_until_gone(list(tmp_path.glob(".public.*-*"))), "and the previous site"
    assert unrelated.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == [".other.old-keep", "public"]


def test_without_a_process_to_spare_the_folders_are_deleted_at_once(tmp_path: Path, monkeypatch) -> None:
    import subprocess

    def no_process(*args, **kwargs):
        raise OSError("no more processes")
    monkeypatch.setattr(subprocess, "Popen", no_process)
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        (folder / "x").mkdir(parents=True)
    remove_later(folders)
    assert not any(folder.exists() for folder in folders)


def test_staged_files_hold_exactly_the_bytes_written_in_new_folders(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "public")
    big = bytes(range(256)) * 4096  # 1 MB: more than one write call may take
    staging.write("a/b/c/index.html", b"first version, longer")
    staging.write("a/b/c/index.html", b"second")  # rewritten: nothing of the first is left
    staging.write("a/b/d/big.bin", big)
    staging.write("top.txt", b"")
    root = staging.root
    assert (root / "a/b/c/index.html").read_bytes() == b"second"
    assert (root / "a/b/d/big.bin").read_bytes() == big
    assert (root / "top.txt").read_bytes() == b""
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((root / "a/b/c/index.html").stat().st_mode) == 0o666 & ~umask  # as any file the user makes
    staging.publish(["a/b/c/index.html", "a/b/d/big.bin", "top.txt"], set(), full=True)
    assert (tmp_path / "public" / "a/b/d/big.bin").read_bytes() == big


def test_an_incremental_publish_swaps_in_a_whole_site_of_new_files_and_links_to_the_kept_ones(tmp_path: Path) -> None:
    """Changed files are new files; kept ones are hard links to the previous site's (same inode,
    same mtime); files the build did not make are left out, and a link to a folder is not
    followed: the folder it points to is left alone."""
    out = tmp_path / "public"
    for rel, text in {"index.html": "old home", "a/x.html": "kept", "a/b/gone.html": "stale", "c/z.html": "stale",
                      "d/e/stray.txt": "not the build's", "h/kept.html": "kept", "h/i/gone.html": "stale"}.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "precious.txt").write_text("keep")
    (out / "l").mkdir()
    (out / "l" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    before = {rel: os.stat(out / rel) for rel in ("index.html", "a/x.html", "h/kept.html")}
    previous = out.stat().st_ino
    staging = Staging(out)
    staging.write("index.html", b"new home")
    staging.write("new/page.html", b"new page")
    staging.publish(["index.html", "new/page.html"], {"index.html", "new/page.html", "a/x.html", "h/kept.html"},
                    full=False)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() or p.is_symlink())
    assert files == ["a/x.html", "h/kept.html", "index.html", "new/page.html"]
    assert out.stat().st_ino != previous, "a new folder was swapped in"
    for rel in ("a/x.html", "h/kept.html"):
        now = os.stat(out / rel)
        assert (now.st_ino, now.st_mtime_ns, now.st_size) == (before[rel].st_ino, before[rel].st_mtime_ns,
                                                              before[rel].st_size)
    assert os.stat(out / "index.html").st_ino != before["index.html"].st_ino
    assert (out / "index.html").read_text() == "new home"
    spare = [p.name for p in tmp_path.glob(".public.*-*")]
    assert len(spare) == 1 and spare[0].startswith(".public.spare-"), "the previous site is kept as the spare"
    assert (tmp_path / "elsewhere" / "precious.txt").read_text() == "keep"
    assert (out / "a/x.html").read_text() == "kept"


def test_the_next_incremental_publish_fills_the_spare_folder_to_hold_exactly_the_new_site(tmp_path: Path) -> None:
    """The spare (the site before the last) has stale files, files where folders go, folders where
    files go, links: the published site holds exactly the build's files, kept ones linked to
    the live site's, and nothing is written through a link into the live site."""
    out = tmp_path / "public"
    first = {"index.html": "v1 home", "a/x.html": "kept", "a/y.html": "kept too", "b": "a file, later a folder",
             "c/z.html": "a folder, later a file", "d/e/stale.html": "stale"}
    for rel, text in first.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    (tmp_path / "elsewhere").mkdir()
    (out / "l").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    staging = Staging(out, recycle=True)
    staging.write("index.html", b"v2 home")
    staging.write("a/y.html", b"changed")
    staging.publish(["index.html", "a/y.html"], set(first) - {"d/e/stale.html"}, full=False)
    second = {"index.html": "v2 home", "a/x.html": "kept", "a/y.html": "changed", "b": "a file, later a folder",
              "c/z.html": "a folder, later a file"}
    live_before = {rel: (out / rel).read_bytes() for rel in second}
    staging = Staging(out, recycle=True)
    assert staging.root.name.startswith(".public.new-") and (staging.root / "a" / "x.html").exists(), "the spare"
    writes = {"index.html": b"v3 home", "b/inside.html": b"b is a folder now", "c": b"c is a file now",
              "a/x.html": b"x changes now"}
    for rel, data in writes.items():
        staging.write(rel, data)
    assert {rel: (out / rel).read_bytes() for rel in second} == live_before, "the live site is untouched"
    keep = set(writes) | {"a/y.html"}
    live_y = os.stat(out / "a/y.html").st_ino
    staging.publish(list(writes), keep, full=False)
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file() or p.is_symlink()}
    assert files == {**writes, "a/y.html": b"changed"}
    assert os.stat(out / "a/y.html").st_ino == live_y
    assert (tmp_path / "elsewhere").is_dir()


def test_a_staged_file_written_again_is_a_new_file_never_one_it_was_linked_to(tmp_path: Path) -> None:
    live = tmp_path / "live.html"
    live.write_bytes(b"the live site's page")
    staging = Staging(tmp_path / "public")
    os.link(live, staging.root / "page.html")
    staging.write("page.html", b"new")
    assert live.read_bytes() == b"the live site's page"
    assert (staging.root / "page.html").read_bytes() == b"new"


def test_a_failed_builds_folder_becomes_the_spare_when_there_is_none_and_is_deleted_otherwise(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    first = Staging(out)
    first.write("page.html", b"from a build that failed")
    first.discard()
    spares = list(tmp_path.glob(".public.spare-*"))
    assert len(spares) == 1 and (spares[0] / "page.html").exists() and not first.root.exists()
    second = Staging(out)
    second.discard()
    assert not second.root.exists() and list(tmp_path.glob(".public.spare-*")) == spares
    third = Staging(out, recycle=True)  # the next build fills it: what it held is not kept
    third.write("index.html", b"home")
    third.publish(["index.html"], {"index.html"}, full=False)
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


PUBLISH = """
import sys
from site_builder.output.write import Staging
out, keep = sys.argv[1], [line for line in open(sys.argv[2]).read().split()]
staging = Staging(__import__("pathlib").Path(out), recycle=True)
staging.write("index.html", b"edited home")
staging.publish(["index.html"], set(keep), full=False)
"""


@pytest.mark.skipif(STRACE is None, reason="strace is not installed (scripts/test.sh installs it)")
def test_an_incremental_publish_stats_each_kept_file_once_and_makes_no_folder_the_spare_has(tmp_path: Path) -> None:
    """The spare already holds the site's folders and links to most kept files: the publish walks
    it once, stats each live file once, stats no staged file and makes no folder."""
    out = tmp_path / "public"
    pages = {f"s{i}/p{j}/index.html": f"page {i} {j}" for i in range(6) for j in range(8)} | {"index.html": "home"}
    Staging(out).publish([], set(), full=True)
    for _ in range(2):  # the second publish leaves the first's site as the spare
        staging = Staging(out, recycle=True)
        for rel, text in pages.items():
            staging.write(rel, text.encode())
        staging.publish(list(pages), set(pages), full=False)
    (tmp_path / "keep.txt").write_text("\n".join(pages))
    script = tmp_path / "publish.py"
    script.write_text(PUBLISH)
    traced = subprocess.run([STRACE, "-f", "-qq", "-e", "trace=mkdir,mkdirat,stat,lstat,newfstatat,statx",
                             sys.executable, str(script), str(out), str(tmp_path / "keep.txt")],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert traced.returncode == 0, traced.stderr
    calls = [line for line in traced.stderr.splitlines() if str(tmp_path) in line]
    assert not [c for c in calls if "mkdir" in c and re.search(r"\.public\.new-[^/\"]+/", c)], "the spare has every folder"
    live = [c for c in calls if "stat" in c and f'"{out}/' in c]
    staged = [c for c in calls if "stat" in c and re.search(r"\.public\.new-[^/\"]+/s", c)]  # not the written one
    assert len(live) == len(pages) - 1, "each kept file of the live site, once"
    assert staged == [], "the staged files' inodes come from the one walk"
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == set(pages)
    assert (out / "index.html").read_text() == "edited home" and (out / "s1/p2/index.html").read_text() == "page 1 2"


def test_page_files_find_a_page_where_this_build_left_it_and_only_its_pages(tmp_path: Path) -> None:
    staging, output = tmp_path / "staging", tmp_path / "public"
    files = PageFiles(staging, output, ["briefings/a/index.html", "feed.xml"], {"briefings/a/index.html", "index.html"})
    assert files["briefings/a/index.html"] == staging / "briefings" / "a" / "index.html"  # written this build
    assert files["index.html"] == output / "index.html"  # kept from the last build
    with pytest.raises(KeyError):
        files["feed.xml"]  # written, but not one of the pages asked for
    assert list(files) == ["briefings/a/index.html", "index.html"] and len(files) == 2
    assert dict(files) == {"briefings/a/index.html": staging / "briefings/a/index.html", "index.html": output / "index.html"}
