"""Body edits, before and after: two checkouts of the builder, built in turn on the same corpora.

    python -m benchmarks.ab_edits BEFORE_ROOT AFTER_ROOT CORPUS [CORPUS ...] [--edits 3] [--rounds 1]

Each checkout's ``python -m site_builder build -v`` (run from that checkout, with
this interpreter) builds each corpus cold, then after a paragraph appended to
briefings 300, 500, 700 ... in turn (the second and later are steady edits),
then after a title edit; the two checkouts alternate corpus by corpus, so
both see the same load. CPU seconds are the builder's, its workers' and
Pagefind's (wait4); on a shared machine read them, not wall seconds. Prints
each edit's CPU as a share of its cold build's, and pages rendered / files written.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.bench import measure


def build(root: Path, work: Path) -> tuple[float, float, int, int]:
    """(wall s, CPU s, pages rendered, files written) of one build of ``work/content`` by the checkout at ``root``."""
    command = [sys.executable, "-m", "site_builder", "build", "--content", str(work / "content"),
               "--output", str(work / "public"), "--cache-dir", str(work / "cache"), "--templates",
               str(root / "templates"), "--static", str(root / "static"), "--today", "2025-01-01", "-v"]
    wall, cpu, _, out, code, _, _ = measure(command, cwd=root)
    if code != 0:
        raise SystemExit(f"build failed in {root}:\n{out}")
    found = re.search(r"(\d+) pages rendered, (\d+) files written", out)
    return wall, cpu, int(found.group(1)), int(found.group(2))


def scenario(root: Path, corpus: Path, edits: int) -> list[tuple[str, float, float, int, int]]:
    """Cold, ``edits`` body edits and a title edit of a fresh copy of ``corpus``."""
    work = Path(tempfile.mkdtemp(prefix="ab-edits-"))
    try:
        shutil.copytree(corpus, work / "content", ignore=shutil.ignore_patterns(".complete"))
        rows = [("cold", *build(root, work))]
        for k in range(edits):
            body = work / "content" / "briefings" / f"briefing-{300 + 200 * k:06d}.md"
            body.write_text(body.read_text(encoding="utf-8") + "\nAn editor adds one more sentence.\n", encoding="utf-8")
            rows.append((f"body {k + 1}", *build(root, work)))
        title = work / "content" / "briefings" / "briefing-000002.md"
        title.write_text(title.read_text(encoding="utf-8").replace('title: "', 'title: "Edited: ', 1), encoding="utf-8")
        rows.append(("title", *build(root, work)))
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("corpora", type=Path, nargs="+")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1, help="each checkout this many times per corpus, in turn")
    args = parser.parse_args(argv)
    for corpus in args.corpora:
        for round_ in range(args.rounds):
            for label, root in (("before", args.before), ("after", args.after)):
                rows = scenario(root.resolve(), corpus, args.edits)
                cold = rows[0][2]
                line = ", ".join(f"{name} {wall:.1f}/{cpu:.2f} ({cpu / cold:.1%}) {rendered}/{written}"
                                 for name, wall, cpu, rendered, written in rows[1:])
                print(f"{corpus.name} #{round_ + 1} {label}: cold {rows[0][1]:.1f}/{cold:.2f}; {line}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
