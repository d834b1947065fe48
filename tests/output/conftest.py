"""Real builds of the fixture site in processes of their own, and what publishing leaves behind:
shared by test_publish_crash.py (builds killed at a chosen system call) and test_publish_lock.py."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_builder.processes import left_by_dead_process
from site_builder.output.search import MEMORY_DIR, SCRATCH_PREFIX

from conftest import REPO, TODAY

STRACE = shutil.which("strace")


def build_command(*extra: str, content: str = "content") -> list[str]:
    return [sys.executable, "-m", "site_builder", "build", "--content", content, "--output", "public",
            "--today", TODAY.isoformat(), *extra]


def run(root: Path, command: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600, env=env)


def hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, as a hash of its bytes."""
    found = {}
    for parent, _, names in os.walk(folder):
        for name in names:
            path = Path(parent) / name
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def without_search(files: dict[str, str]) -> dict[str, str]:
    """Pagefind's bundle is not byte-stable between runs (Pagefind/pagefind#638): compared by ``bundle_problems``."""
    return {path: digest for path, digest in files.items() if not path.startswith("pagefind/")}


def bundle_problems(site: Path) -> list[str]:
    """What the Pagefind bundles of ``site`` name and lack: each bundle's entry names its metadata,
    the metadata names fragments, index and filter chunks, each of which must be there."""
    problems = []
    listing = json.loads((site / "pagefind" / "shards.json").read_text())
    for bundle in listing["bundles"]:
        folder = site / bundle
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        for code, language in entry["languages"].items():
            meta = folder / f"pagefind.{language['hash']}.pf_meta"
            if not meta.is_file():
                problems.append(f"{meta.name} is missing")
                continue
            if not (folder / f"wasm.{language['wasm']}.pagefind").is_file():
                problems.append(f"wasm.{language['wasm']}.pagefind is missing")
            chunk = re.escape(code.encode()) + rb"_[0-9a-f]{7}(?![0-9a-f])"  # a CBOR length byte may come before
            names = set(re.findall(chunk, gzip.decompress(meta.read_bytes())))
            assert names, "the metadata names its chunks"
            for name in sorted(n.decode() for n in names):
                if not any((folder / kind / f"{name}.pf_{kind}").is_file() for kind in ("fragment", "index", "filter")):
                    problems.append(f"{bundle}: {name} is named in {meta.name} but missing")
    return problems


def leftovers(root: Path) -> list[str]:
    """What killed builds could leave: folders beside the output, cache temporary files,
    scratch folders of dead processes."""
    beside = [p.name for p in root.iterdir() if p.name.startswith(".public.") and p.name != ".public.lock"]
    spares = [name for name in beside if name.startswith(".public.spare-")]
    found = [name for name in beside if name not in spares[:1]]  # one spare stays: the next build fills it
    cache = root / ".cache" / "site-builder"
    if cache.is_dir():
        found += [f".cache: {p.name}" for p in cache.iterdir() if not p.name.endswith(".pickle")]
    for parent in (MEMORY_DIR, tempfile.gettempdir()):
        if os.path.isdir(parent):
            found += [f"{parent}/{n}" for n in os.listdir(parent) if left_by_dead_process(n, SCRATCH_PREFIX)]
    return found


def wait_for_no_leftovers(root: Path, seconds: float = 60.0) -> list[str]:
    """Leftovers once the background deletion had time to finish (it runs in a process of its own)."""
    deadline = time.monotonic() + seconds
    while (left := leftovers(root)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left
