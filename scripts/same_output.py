"""Record, or compare against, the exact bytes a build writes and the preview serves.

A restructuring of the package must not change one byte of the site. This script
builds `content/` and a generated 300-briefing corpus four ways (cold without the
cache, cold with it, warm with it, and after one body edit with it), serves the
corpus with `site-builder serve`, applies one body edit through the live preview,
and hashes every file and every served page. Pagefind's bundle is not
byte-stable between runs, so only its file count is recorded.

    python scripts/same_output.py record manifest.json
    python scripts/same_output.py compare manifest.json     # exit 1 and list what differs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-12-03"
EDIT = "\n\nOne more paragraph, added to prove that an edit renders the same way.\n"


def _hash_tree(root: Path) -> dict:
    files, pagefind = {}, 0
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if rel.startswith("pagefind/"):
            pagefind += 1
            continue
        files[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"files": files, "pagefind_files": pagefind}


def _build(content: Path, output: Path, cache: Path, *extra: str) -> None:
    cmd = [sys.executable, "-m", "site_builder", "build", "--content", str(content), "--output", str(output),
           "--cache-dir", str(cache), "--today", TODAY, *extra]
    subprocess.run(cmd, check=True, cwd=REPO, stdout=subprocess.DEVNULL)


def _edit(content: Path) -> Path:
    briefing = sorted((content / "briefings").glob("*.md"))[0]
    briefing.write_text(briefing.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    return briefing


def _builds(content: Path, work: Path) -> dict:
    out = {}
    _build(content, work / "nocache", work / "cache-none", "--no-cache")
    out["no-cache"] = _hash_tree(work / "nocache")
    _build(content, work / "public", work / "cache")
    out["cold"] = _hash_tree(work / "public")
    _build(content, work / "public", work / "cache")
    out["warm"] = _hash_tree(work / "public")
    _edit(content)
    _build(content, work / "public", work / "cache")
    out["edited"] = _hash_tree(work / "public")
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def _served(port: int, pages: list[str]) -> dict:
    """Hashes of the served pages; the reload script's port, which differs per run, is left out."""
    tag = f"/livereload.js?port={port}".encode()
    return {p: hashlib.sha256(_get(f"http://127.0.0.1:{port}/{p}").replace(tag, b"")).hexdigest() for p in pages}


def _preview(content: Path, work: Path) -> dict:
    """Serve the corpus, hash every HTML page, edit one body, wait for the live update, hash again."""
    port = _free_port()
    output = work / "preview"
    cmd = [sys.executable, "-m", "site_builder", "serve", "--content", str(content), "--output", str(output),
           "--cache-dir", str(work / "preview-cache"), "--port", str(port), "--today", TODAY]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the preview server did not start")
                time.sleep(0.2)
        pages = sorted(p.relative_to(output).as_posix().removesuffix("index.html")
                       for p in output.rglob("*.html"))
        before = _served(port, pages)
        briefing = _edit(content)
        page = f"briefings/{briefing.stem}/"
        while b"One more paragraph" not in _get(f"http://127.0.0.1:{port}/{page}"):
            if time.monotonic() > deadline:
                raise SystemExit("the preview never showed the edit")
            time.sleep(0.1)
        after = _served(port, pages)
        while True:  # the settle check runs half a second after the last save: wait until nothing changes
            time.sleep(1.0)
            again = _served(port, pages)
            if again == after or time.monotonic() > deadline:
                return {"before": before, "after": again}
            after = again
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def record() -> dict:
    manifest = {}
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        work = Path(tmp)
        sites = {"content": work / "site-content", "corpus": work / "site-corpus"}
        shutil.copytree(REPO / "content", sites["content"])
        subprocess.run([sys.executable, "-m", "benchmarks.corpus", "300", str(sites["corpus"])],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        for name, content in sites.items():
            pristine = work / f"{name}-pristine"
            shutil.copytree(content, pristine)
            manifest[name] = _builds(content, work / f"{name}-out")
            shutil.rmtree(content)
            shutil.copytree(pristine, content)
        manifest["preview"] = _preview(sites["corpus"], work / "corpus-preview")
    return manifest


def _differences(old: dict, new: dict, where: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in sorted(set(old) | set(new)):
            if key not in new:
                out.append(f"{where}{key}: missing now")
            elif key not in old:
                out.append(f"{where}{key}: new")
            else:
                out += _differences(old[key], new[key], f"{where}{key} / ")
        return out
    return [] if old == new else [f"{where.rstrip(' /')}: {old} -> {new}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["record", "compare"])
    parser.add_argument("manifest", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    manifest = record()
    if args.mode == "record":
        args.manifest.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {sum(len(v['files']) for s in ('content', 'corpus') for v in manifest[s].values())} "
              f"file hashes and {len(manifest['preview']['before'])} served pages in {args.manifest}")
        return 0
    differences = _differences(json.loads(args.manifest.read_text(encoding="utf-8")), manifest)
    for line in differences[:50]:
        print(line)
    print(f"{len(differences)} differences" if differences else "byte-identical")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
