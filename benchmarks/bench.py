"""Build-speed benchmark: cold, warm and incremental builds of the synthetic corpus, and Hugo's time.

    python -m benchmarks.bench --sizes 1000,10000 [--work /tmp/site-builder-bench] [--json out.json]

For each size it generates the corpus (``benchmarks.corpus``), then runs the
real command line (``python -m site_builder build -v``) in a fresh process for:

- cold: empty cache and output folder
- warm: nothing changed
- body: one briefing's body edited
- entity: one entity's description edited
- template: the briefing template edited
- serve edit: one body edited, rebuilt in a process that keeps the cache in
  memory and does not run Pagefind, as ``serve`` does (wall is the rebuild
  alone; CPU not measured)

and prints wall and CPU seconds, peak memory (largest process, from wait4),
pages, files written, ms per page and the stage-by-stage breakdown. When
``hugo`` is on PATH (Debian package ``hugo``) the same corpus is converted into
a Hugo site (``benchmarks.hugo_site``) and built cold and warm in the same run,
and the ratio ours/Hugo is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.corpus import generate
from benchmarks.hugo_site import convert

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    scenario: str
    wall: float
    cpu: float
    peak_mb: float
    pages: int = 0
    written: int = 0
    rendered: int = 0
    stages: list[tuple[str, float]] = field(default_factory=list)
    ok: bool = True

    @property
    def ms_per_page(self) -> float:
        return self.wall * 1000 / self.pages if self.pages else 0.0


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, float, str, int]:
    """(wall s, cpu s, peak MB, stdout, exit code) of a command in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out, process.returncode


def ours(scenario: str, work: Path, extra: list[str] = ()) -> Run:
    command = [sys.executable, "-m", "site_builder", "build", "--content", str(work / "content"),
               "--output", str(work / "public"), "--cache-dir", str(work / "cache"),
               "--templates", str(work / "templates"), "--static", str(work / "static"),
               "--today", "2025-01-01", "-v", *extra]
    wall, cpu, peak, out, code = measure(command, cwd=ROOT)
    run = Run(scenario, wall, cpu, peak, ok=code == 0)
    if code != 0:
        print(out, file=sys.stderr)
        return run
    if m := re.search(r"(\d+) pages, (\d+) files", out):
        run.pages = int(m.group(1))
    if m := re.search(r"(\d+) pages rendered, (\d+) files written", out):
        run.rendered, run.written = int(m.group(1)), int(m.group(2))
    run.stages = [(name.strip(), float(ms)) for name, ms in re.findall(r"^  (\S[^\n]*?)\s+([\d.]+) ms$", out, re.M)]
    return run


SERVE = """
import datetime as dt, sys, time
from pathlib import Path
from site_builder.build import BuildOptions, build
from site_builder.cache import BuildCache
w = Path(sys.argv[1])
o = BuildOptions(content=w / "content", output=w / "public", templates=w / "templates", static=w / "static",
                 today=dt.date(2025, 1, 1), cache_dir=w / "cache", progress=False, reindex_search=False)
cache = BuildCache(o.cache_dir)
build(o, cache)
body = w / "content" / "briefings" / "briefing-000002.md"
body.write_text(body.read_text(encoding="utf-8") + "\\nA preview edit.\\n", encoding="utf-8")
start = time.perf_counter()
r = build(o, cache)
print(f"{time.perf_counter() - start:.3f} {r.pages} {r.rendered} {r.written}")
"""


def serve_rebuild(work: Path) -> Run:
    """What ``serve`` does on an edit: rebuild in a process that keeps the cache in memory."""
    wall, cpu, peak, out, code = measure([sys.executable, "-c", SERVE, str(work)], cwd=ROOT)
    if code != 0:
        print(out, file=sys.stderr)
        return Run("serve edit", 0, cpu, peak, ok=False)
    seconds, pages, rendered, written = out.split()[-4:]
    return Run("serve edit", float(seconds), 0.0, peak, int(pages), int(written), int(rendered))


def hugo(scenario: str, site: Path, clean: bool) -> Run:
    if clean:
        shutil.rmtree(site / "public", ignore_errors=True)
        shutil.rmtree(site / "resources", ignore_errors=True)
    wall, cpu, peak, out, code = measure(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")])
    pages = sum(1 for _ in (site / "public").rglob("*.html")) if code == 0 else 0
    if code != 0:
        print(out, file=sys.stderr)
    return Run(f"hugo {scenario}", wall, cpu, peak, pages=pages, ok=code == 0)


def _append(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bench_size(n: int, base: Path, use_hugo: bool) -> list[Run]:
    work = base / f"n{n}"
    corpus = base / f"corpus-{n}"
    if not (corpus / ".complete").exists():
        generate(corpus, n)
        (corpus / ".complete").write_text("ok")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(corpus, work / "content", ignore=shutil.ignore_patterns(".complete"))
    shutil.copytree(ROOT / "templates", work / "templates")
    shutil.copytree(ROOT / "static", work / "static")
    runs = [ours("cold", work), ours("warm", work)]
    body = work / "content" / "briefings" / "briefing-000001.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nAn editor adds one more sentence.\n", encoding="utf-8")
    runs.append(ours("edit body", work))
    _append(work / "content" / "entities" / "actors.yaml", 'description: "', 'description: "Edited. ')
    runs.append(ours("edit entity", work))
    _append(work / "templates" / "briefing.html", "</article>", "</article>\n<!-- edited -->")
    runs.append(ours("edit template", work))
    runs.append(serve_rebuild(work))
    runs.append(ours("no-cache", work, ["--no-cache"]))
    if use_hugo:
        site = convert(corpus, base / f"hugo-{n}")
        runs += [hugo("cold", site, clean=True), hugo("warm", site, clean=False)]
    return runs


def report(n: int, runs: list[Run]) -> None:
    print(f"\n== {n} briefings ==")
    print(f"{'scenario':<16}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'pages':>8}{'rendered':>9}{'written':>9}{'ms/page':>9}")
    for r in runs:
        flag = "" if r.ok else "  FAILED"
        print(f"{r.scenario:<16}{r.wall:9.2f}{r.cpu:9.2f}{r.peak_mb:9.0f}{r.pages:8d}{r.rendered:9d}{r.written:9d}"
              f"{r.ms_per_page:9.3f}{flag}")
    by = {r.scenario: r for r in runs}
    if "hugo cold" in by and by["hugo cold"].ok:
        search = dict(by["cold"].stages).get("search index", 0.0) / 1000  # Hugo makes no search index
        print(f"ratio ours/Hugo, cold: {by['cold'].wall / by['hugo cold'].wall:.2f}"
              f" (without the search index stage: {(by['cold'].wall - search) / by['hugo cold'].wall:.2f})"
              f"   warm: {by['warm'].wall / by['hugo warm'].wall:.2f}")
    print("stages (ms):")
    names = [name for name, _ in by["cold"].stages]
    for r in runs:
        if r.stages:
            print(f"  {r.scenario:<14}" + "  ".join(f"{name}={ms:.0f}" for name, ms in r.stages))
    del names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated corpus sizes")
    parser.add_argument("--work", type=Path, default=Path("/tmp/site-builder-bench"), help="scratch folder")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even when installed")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    use_hugo = not args.no_hugo and shutil.which("hugo") is not None
    if not use_hugo and not args.no_hugo:
        print("hugo not found (apt-get install hugo): no ratio will be printed", file=sys.stderr)
    results = {}
    for n in (int(s) for s in args.sizes.split(",") if s):
        runs = bench_size(n, args.work, use_hugo)
        report(n, runs)
        results[n] = [asdict(r) | {"ms_per_page": r.ms_per_page} for r in runs]
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
