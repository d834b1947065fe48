"""Build-speed benchmark: cold, warm and incremental builds of the synthetic corpus, and Hugo's and Pelican's times.

    python -m benchmarks.bench --sizes 1000,10000 [--work /tmp/site-builder-bench] [--json out.json]
    python -m benchmarks.bench --sizes 50000 --only cold,hugo,pelican --pelican /path/to/bin/pelican
    python -m benchmarks.bench --sizes 10000 --only cold,hugo --pairs 3   # three more cold pairs, side by side
    python -m benchmarks.bench --sizes 1000,2000 --profile default,term-heavy --no-pelican   # both shapes, side by side

For each size it generates the corpus (``benchmarks.corpus``), then runs the
real command line (``python -m site_builder build -v``) in a fresh process for:

- cold: empty cache and output folder
- warm: nothing changed
- body: one briefing's body edited
- title: another briefing's title edited (the pages that list it change too)
- entity: one entity's description edited
- template: the briefing template edited
- serve edit: one body edited while previewing: ``serve``'s live session
  applies it (``benchmarks.live_edit``; wall is the edit alone, CPU not
  measured; ``benchmarks.preview_reload`` times save to reloaded page in a
  browser)

and prints wall and CPU seconds, peak memory (of the largest process, from
wait4, and of all the run's processes together, their proportional shares
(PSS) sampled from /proc),
pages, files written, ms per page, the stage-by-stage breakdown and, after the
cold build, the files under the output folder per top folder (page kind). When
``hugo`` is on PATH (Debian package ``hugo``) the same corpus is converted into
a Hugo site (``benchmarks.hugo_site``) and built cold and warm in the same run,
and the ratio ours/Hugo is printed. Likewise with Pelican (``--pelican PATH``,
or ``pelican`` on PATH; not a dependency of the project): the corpus is
converted into a Pelican project (``benchmarks.pelican_site``), built cold
(no output, no cache) and warm (its content cache kept), and the ratio
ours/Pelican is printed.

``--only`` picks what runs besides our cold build, which always runs (every
ratio needs it): ``warm``, ``edits`` (body, entity, template, serve edit),
``no-cache``, ``hugo``, ``pelican``; the default is all of them. At 50,000
briefings ``--only cold,hugo,pelican`` skips the expensive edit scenarios;
``--no-serve-edit`` keeps the other edits but skips the serve edit.

``--profile`` names the corpus shapes (``benchmarks.corpus.PROFILES``,
comma-separated; default ``default``): each profile is measured at each size,
Hugo's site converted from that profile's corpus (paginated as always), and
with more than one profile a table puts their figures and Hugo's side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import hugo_site, pelican_site
from benchmarks.corpus import PROFILES, generate
from site_builder.processes import meminfo, tree_members

ROOT = Path(__file__).resolve().parent.parent
CHOICES = ("cold", "warm", "edits", "no-cache", "hugo", "pelican")  # cold always runs


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
    tree_mb: float = 0.0  # peak of all the run's processes together (sampled)
    kinds: dict[str, int] = field(default_factory=dict)  # files under the output folder per top folder
    at_peak: dict[str, float] = field(default_factory=dict)  # MB per kind of process at the sampled peak

    @property
    def ms_per_page(self) -> float:
        return self.wall * 1000 / self.pages if self.pages else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return self.cpu * 1000 / self.pages if self.pages else 0.0

    @property
    def kb_per_page(self) -> float:
        """Peak memory of all the run's processes per page, in KB: flat from size to size when it grows linearly."""
        return self.tree_mb * 1024 / self.pages if self.pages else 0.0


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, float, str, int, float, dict]:
    """(wall s, cpu s, peak MB of the largest process, stdout, exit code, peak MB of all its processes together,
    and that peak's MB per kind of process: builder, workers, Pagefind).

    The first peak comes from wait4; the second is sampled from /proc every 100 ms
    (the builder's workers and Pagefind run beside it; see ``TreeMemory``), 0 without /proc.
    Files written by the run before are flushed first, so writing them back does not
    fall into this run.
    """
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeMemory(process.pid)
    sampler.start()
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out, process.returncode, sampler.peak_mb, sampler.at_peak


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants together.

    Each process counts its proportional share of memory (PSS, from
    /proc/PID/smaps_rollup), so pages that forked workers share with the
    builder count once; where PSS is unreadable its resident size is used.
    Files kept in memory count too: the growth of the machine's shared memory
    (/proc/meminfo's Shmem, where /dev/shm's files are) since the start, which
    holds Pagefind's scratch folders.
    """

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_mb = pid, interval, 0.0
        self.at_peak: dict[str, float] = {}  # MB per kind of process when the peak was sampled
        self.done = threading.Event()
        self.shmem_at_start = _shmem()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak_mb = max(self.peak_mb, self.sample())

    def stop(self) -> None:
        self.done.set()
        self.join()

    def sample(self) -> float:
        members = tree_members(self.pid)
        files_in_memory = max(0, _shmem() - self.shmem_at_start)
        total = (sum(members.values()) + files_in_memory) / 2**20
        if total > self.peak_mb:
            self.at_peak = {_role(pid, self.pid): 0.0 for pid in members}
            for pid, size in members.items():
                self.at_peak[_role(pid, self.pid)] += size / 2**20
            if files_in_memory:
                self.at_peak["files in memory"] = files_in_memory / 2**20
        return total


def _role(pid: int, builder: int) -> str:
    """What a process of the tree is: the builder, one of its workers, or the program it runs (Pagefind)."""
    if pid == builder:
        return "builder"
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8") as f:
            name = f.read().strip()
    except OSError:
        name = "?"
    return "workers" if name.startswith("python") else name


def _shmem() -> int:
    """Bytes of the machine's shared memory (tmpfs files among them); 0 where unknown."""
    return meminfo("Shmem") or 0


def ours(scenario: str, work: Path, extra: list[str] = ()) -> Run:
    command = [sys.executable, "-m", "site_builder", "build", "--content", str(work / "content"),
               "--output", str(work / "public"), "--cache-dir", str(work / "cache"),
               "--templates", str(work / "templates"), "--static", str(work / "static"),
               "--today", "2025-01-01", "-v", *extra]
    wall, cpu, peak, out, code, tree, at_peak = measure(command, cwd=ROOT)
    run = Run(scenario, wall, cpu, peak, ok=code == 0, tree_mb=tree, at_peak=at_peak)
    if code != 0:
        print(out, file=sys.stderr)
        return run
    if m := re.search(r"(\d+) pages, (\d+) files", out):
        run.pages = int(m.group(1))
    if m := re.search(r"(\d+) pages rendered, (\d+) files written", out):
        run.rendered, run.written = int(m.group(1)), int(m.group(2))
    run.stages = [(name.strip(), float(ms)) for name, ms in re.findall(r"^  (\S[^\n]*?)\s+([\d.]+) ms$", out, re.M)]
    return run


def serve_rebuild(corpus: Path, work: Path) -> Run:
    """What ``serve`` does on a body edit: the live session applies it (``benchmarks.live_edit``).

    Wall is the edit alone; the session's first build and start are not counted.
    """
    command = [sys.executable, "-m", "benchmarks.live_edit", str(corpus), "--work", str(work)]
    wall, cpu, peak, out, code, tree, at_peak = measure(command, cwd=ROOT)
    found = re.search(r"(\d+) pages: .*body edit (\d+) ms, (\d+) pages rendered, (\d+) files written", out)
    if code != 0 or found is None:
        print(out, file=sys.stderr)
        return Run("serve edit", 0, cpu, peak, ok=False)
    pages, ms, rendered, written = map(int, found.groups())
    return Run("serve edit", ms / 1000, 0.0, peak, pages, written, rendered, tree_mb=tree)


class Trash:
    """Folders a benchmark no longer needs, moved aside at once and deleted when it is over.

    Deleting tens of thousands of files just before a timed build slows that
    build's own file creation on some file systems: ext4 without a journal
    skips, one by one, inodes freed in the last minute or more (writing 23,500
    files took 1.8 s of system time after no deletion, 9 to 20 s after one).
    Whichever builder ran right after a deletion paid for it, so no timed build
    now follows a deletion made by the benchmark.
    """

    def __init__(self, base: Path):
        self.folder = base / ".trash"
        self._count = 0

    def discard(self, path: Path) -> None:
        if not path.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._count += 1
        path.rename(self.folder / f"{self._count}-{path.name}-{os.getpid()}")

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def hugo(scenario: str, site: Path, clean: bool, trash: Trash) -> Run:
    if clean:
        trash.discard(site / "public")
        trash.discard(site / "resources")
    wall, cpu, peak, out, code, tree, at_peak = measure(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")])
    pages = sum(1 for _ in (site / "public").rglob("*.html")) if code == 0 else 0
    if code != 0:
        print(out, file=sys.stderr)
    return Run(f"hugo {scenario}", wall, cpu, peak, pages=pages, ok=code == 0, tree_mb=tree)


def pelican(scenario: str, site: Path, executable: str, clean: bool, trash: Trash) -> Run:
    """Build the Pelican project; ``clean`` first moves its output and its content cache to ``trash``."""
    if clean:
        trash.discard(site / "output")
        trash.discard(site / "cache")
    command = [executable, str(site / "content"), "-s", str(site / "pelicanconf.py"), "-o", str(site / "output")]
    wall, cpu, peak, out, code, tree, at_peak = measure(command, cwd=site)
    ok = code == 0 and "Done: Processed" in out
    if not ok:
        print(out, file=sys.stderr)
    pages = sum(1 for _ in (site / "output").rglob("*.html")) if ok else 0
    return Run(f"pelican {scenario}", wall, cpu, peak, pages=pages, ok=ok, tree_mb=tree)


def page_kinds(public: Path) -> dict[str, int]:
    """Files under ``public`` per top folder (``index.html`` and other top-level files count as ``/``),
    and ``html`` per top folder for HTML pages alone, as ``kind`` and ``kind html``."""
    kinds: dict[str, int] = {}
    for path in public.rglob("*"):
        if not path.is_file():
            continue
        parts = path.relative_to(public).parts
        top = parts[0] if len(parts) > 1 else "/"
        kinds[top] = kinds.get(top, 0) + 1
        if path.suffix == ".html":
            kinds[f"{top} html"] = kinds.get(f"{top} html", 0) + 1
    return dict(sorted(kinds.items()))


def _append(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bench_size(n: int, base: Path, only: set[str], trash: Trash, pelican_exe: str | None = None,
               pairs: int = 0, profile: str = "default", serve_edit: bool = True, body_edits: int = 1) -> list[Run]:
    """Every selected scenario at ``n`` briefings; ``only`` holds names from ``CHOICES``.

    ``pairs`` more cold builds of ours and Hugo's, one after the other, come
    first (rows ``cold #2``, ``hugo cold #2`` ...): this machine's speed
    drifts, so a ratio is best read from builds run side by side.
    ``profile`` picks the corpus shape; the default profile keeps its folder names.
    ``body_edits`` body edits run in a row (rows ``edit body``, ``edit body #2`` ...), each of another briefing.
    """
    suffix = "" if profile == "default" else f"-{profile}"
    work = base / f"n{n}{suffix}"
    corpus = base / f"corpus-{n}{suffix}"
    if not (corpus / ".complete").exists():
        generate(corpus, n, profile=profile)
        (corpus / ".complete").write_text("ok")
    trash.discard(work)
    work.mkdir(parents=True)
    shutil.copytree(corpus, work / "content", ignore=shutil.ignore_patterns(".complete"))
    shutil.copytree(ROOT / "templates", work / "templates")
    shutil.copytree(ROOT / "static", work / "static")
    # Hugo and Pelican build first: our later scenarios delete files (an edit replaces
    # pages, --no-cache swaps the whole output), and a build right after a
    # deletion is slowed by it (see ``Trash``).
    others: list[Run] = []
    per_page = int(pelican_site.site_settings(corpus).get("per_page", 10))
    if "hugo" in only:
        trash.discard(base / f"hugo-{n}{suffix}")  # convert would delete it, output and all
        site = hugo_site.convert(corpus, base / f"hugo-{n}{suffix}", per_page=per_page)
        for number in range(2, pairs + 2):
            others += [ours(f"cold #{number}", work), hugo(f"cold #{number}", site, clean=True, trash=trash)]
            trash.discard(work / "public")
            trash.discard(work / "cache")
        others += [hugo("cold", site, clean=True, trash=trash), hugo("warm", site, clean=False, trash=trash)]
    if "pelican" in only and pelican_exe:
        trash.discard(base / f"pelican-{n}{suffix}")
        site = pelican_site.convert(corpus, base / f"pelican-{n}{suffix}", per_page=per_page)
        others += [pelican("cold", site, pelican_exe, clean=True, trash=trash),
                   pelican("warm", site, pelican_exe, clean=False, trash=trash)]
    runs = [ours("cold", work)]
    if runs[0].ok:
        runs[0].kinds = page_kinds(work / "public")
    if "warm" in only:
        runs.append(ours("warm", work))
    if "edits" in only:
        for k in range(body_edits):  # the first edit may pay for more than the later, steady ones
            body = work / "content" / "briefings" / f"briefing-{1 if k == 0 else k + 2:06d}.md"
            body.write_text(body.read_text(encoding="utf-8") + "\nAn editor adds one more sentence.\n", encoding="utf-8")
            runs.append(ours("edit body" + (f" #{k + 1}" if k else ""), work))
        _append(work / "content" / "briefings" / "briefing-000002.md", 'title: "', 'title: "Edited: ')
        runs.append(ours("edit title", work))
        _append(work / "content" / "entities" / "actors.yaml", 'description: "', 'description: "Edited. ')
        runs.append(ours("edit entity", work))
        _append(work / "templates" / "briefing.html", "</article>", "</article>\n<!-- edited -->")
        runs.append(ours("edit template", work))
        if serve_edit:
            runs.append(serve_rebuild(corpus, base / f"live-{n}{suffix}"))
    if "no-cache" in only:
        runs.append(ours("no-cache", work, ["--no-cache"]))
    return runs + others


def _ratios(by: dict[str, Run], other: str, label: str) -> str | None:
    """The ours/``label`` ratio line for the ``other`` builder's cold (and warm) runs; None when it did not run."""
    cold = by.get(f"{other} cold")
    if cold is None or not cold.ok or not cold.wall:
        return None
    search = dict(by["cold"].stages).get("search index", 0.0) / 1000  # neither makes a search index
    line = (f"ratio ours/{label}, cold: {by['cold'].wall / cold.wall:.2f}"
            f" (without the search index stage: {(by['cold'].wall - search) / cold.wall:.2f})")
    warm = by.get(f"{other} warm")
    if "warm" in by and warm is not None and warm.ok and warm.wall:
        line += f"   warm: {by['warm'].wall / warm.wall:.2f}"
    return line


def pair_ratios(by: dict[str, Run]) -> str | None:
    """The ours/Hugo ratio of each side-by-side pair of cold builds (``--pairs``) and their median."""
    ratios = []
    number = 2
    while f"cold #{number}" in by and f"hugo cold #{number}" in by:
        mine, theirs = by[f"cold #{number}"], by[f"hugo cold #{number}"]
        if mine.ok and theirs.ok and theirs.wall:
            ratios.append(mine.wall / theirs.wall)
        number += 1
    if not ratios:
        return None
    return (f"ratio ours/Hugo, cold, side by side: {', '.join(f'{r:.2f}' for r in ratios)}"
            f" (median {statistics.median(ratios):.2f})")


def report(n: int, runs: list[Run], profile: str = "default") -> None:
    print(f"\n== {n} briefings" + ("" if profile == "default" else f", {profile} profile") + " ==")
    print(f"{'scenario':<16}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'all MB':>8}{'pages':>8}{'rendered':>9}"
          f"{'written':>9}{'ms/page':>9}")
    for r in runs:
        flag = "" if r.ok else "  FAILED"
        print(f"{r.scenario:<16}{r.wall:9.2f}{r.cpu:9.2f}{r.peak_mb:9.0f}{r.tree_mb:8.0f}{r.pages:8d}{r.rendered:9d}"
              f"{r.written:9d}{r.ms_per_page:9.3f}{flag}")
    for r in runs:
        if r.at_peak and r.pages:
            print(f"{r.scenario}: {r.cpu_ms_per_page:.2f} CPU ms and {r.kb_per_page:.0f} KB of peak memory per page;"
                  " at the peak " + " + ".join(f"{name} {mb:.0f}" for name, mb in sorted(r.at_peak.items())) + " MB")
    by = {r.scenario: r for r in runs}
    for other, label in (("hugo", "Hugo"), ("pelican", "Pelican")):
        if line := _ratios(by, other, label):
            print(line)
    if line := pair_ratios(by):
        print(line)
    print("stages (ms):")
    for r in runs:
        if r.stages:
            print(f"  {r.scenario:<14}" + "  ".join(f"{name}={ms:.0f}" for name, ms in r.stages))
    for r in runs:
        if r.kinds:
            print(f"files per top folder after {r.scenario} (all / html):")
            print("  " + "  ".join(f"{k}={v}/{r.kinds.get(f'{k} html', 0)}" for k, v in r.kinds.items()
                                   if not k.endswith(" html")))


def side_by_side(n: int, by_profile: dict[str, list[Run]]) -> None:
    """One table of every profile's wall seconds at ``n`` briefings, Hugo's among them, and the ratios."""
    profiles = list(by_profile)
    scenarios: list[str] = []
    for runs in by_profile.values():
        scenarios += [r.scenario for r in runs if r.scenario not in scenarios]
    print(f"\n== {n} briefings, profiles side by side (wall s; peak MB of all processes; pages) ==")
    print(f"{'scenario':<16}" + "".join(f"{p:>30}" for p in profiles))
    for scenario in scenarios:
        cells = []
        for p in profiles:
            r = next((r for r in by_profile[p] if r.scenario == scenario), None)
            cells.append("-" if r is None else f"{r.wall:.2f} s {r.tree_mb:.0f} MB {r.pages or r.rendered}"
                         + ("" if r.ok else " FAILED"))
        print(f"{scenario:<16}" + "".join(f"{c:>30}" for c in cells))
    for label, mine, theirs in (("ours/Hugo cold", "cold", "hugo cold"), ("ours/Hugo warm", "warm", "hugo warm")):
        cells = []
        for p in profiles:
            by = {r.scenario: r for r in by_profile[p]}
            a, b = by.get(mine), by.get(theirs)
            cells.append(f"{a.wall / b.wall:.2f}" if a and b and a.ok and b.ok and b.wall else "-")
        print(f"{label:<16}" + "".join(f"{c:>30}" for c in cells))
    for label, scenario in (("body/cold", "edit body"), ("title/cold", "edit title"), ("warm/cold", "warm")):
        cells = []
        for p in profiles:
            by = {r.scenario: r for r in by_profile[p]}
            a, cold = by.get(scenario), by.get("cold")
            cells.append(f"{a.wall / cold.wall:.0%}" if a and cold and a.ok and cold.wall else "-")
        print(f"{label:<16}" + "".join(f"{c:>30}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated corpus sizes")
    parser.add_argument("--work", type=Path, default=Path("/tmp/site-builder-bench"), help="scratch folder")
    parser.add_argument("--only", default=",".join(CHOICES),
                        help="comma-separated subset of " + ",".join(CHOICES) + " (our cold build always runs)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even when installed")
    parser.add_argument("--pelican", metavar="PATH", default=shutil.which("pelican"),
                        help="the pelican executable (default: pelican on PATH, if any)")
    parser.add_argument("--no-pelican", action="store_true", help="skip Pelican even when installed")
    parser.add_argument("--pairs", type=int, default=0, metavar="N",
                        help="N more cold builds of ours and Hugo's side by side, and the ratio of each pair")
    parser.add_argument("--profile", default="default",
                        help="comma-separated corpus profiles (" + ", ".join(PROFILES) + "; default: default)")
    parser.add_argument("--no-serve-edit", action="store_true", help="skip the serve edit among the edits")
    parser.add_argument("--body-edits", type=int, default=1, metavar="N",
                        help="N body edits in a row among the edits (the second and later show a steady edit)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := only - set(CHOICES):
        parser.error(f"--only: unknown {', '.join(sorted(unknown))} (choose from {', '.join(CHOICES)})")
    if args.no_hugo:
        only.discard("hugo")
    if args.no_pelican:
        only.discard("pelican")
    if "hugo" in only and shutil.which("hugo") is None:
        print("hugo not found (apt-get install hugo): no Hugo ratio will be printed", file=sys.stderr)
        only.discard("hugo")
    if "pelican" in only and not (args.pelican and shutil.which(args.pelican)):
        print("pelican not found (pip install 'pelican[markdown]' in a separate venv, then --pelican PATH):"
              " no Pelican ratio will be printed", file=sys.stderr)
        only.discard("pelican")
    profiles = [p.strip() for p in args.profile.split(",") if p.strip()]
    if unknown := set(profiles) - set(PROFILES):
        parser.error(f"--profile: unknown {', '.join(sorted(unknown))} (choose from {', '.join(PROFILES)})")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = {}
    trash = Trash(args.work)
    if trash.folder.exists():
        print(f"deleting {trash.folder}, left by an interrupted run: the first timings may be slower", file=sys.stderr)
        trash.empty()
    try:
        for n in sizes:
            by_profile = {}
            for profile in profiles:
                runs = bench_size(n, args.work, only, trash, args.pelican, args.pairs, profile,
                                  serve_edit=not args.no_serve_edit, body_edits=args.body_edits)
                report(n, runs, profile)
                by_profile[profile] = runs
                key = n if profile == "default" else f"{n} {profile}"
                results[key] = [asdict(r) | {"ms_per_page": r.ms_per_page, "cpu_ms_per_page": r.cpu_ms_per_page,
                                              "kb_per_page": r.kb_per_page} for r in runs]
            if len(profiles) > 1:
                side_by_side(n, by_profile)
    finally:
        trash.empty()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
