"""Publish benchmark: what putting a build's files in place costs, incremental and full.

    python -m benchmarks.corpus 1000 /tmp/corpus-1000
    python -m benchmarks.publish /tmp/corpus-1000 [--runs 3] [--work /tmp/publish-1000]

Copies the corpus folder (the corpus itself is never changed) and builds it
once with the cache. Then, ``--runs`` times, appends a sentence to one
briefing's body and builds (incremental: a few files written, every other
file kept), then ``--runs`` times builds with ``--no-cache`` (every file
written). Prints the
seconds of the publish step (``OutputWriter.publish``: the staged files put
in place, what is on disk noted for the next build) and of the whole build,
the files written and the files of the site. Between builds it waits until
whatever is deleted in the background (a previous site) is gone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path

from site_builder.output import produce
from site_builder.build import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 1, 1)


def timed_publish() -> list[float]:
    """Seconds of each ``OutputWriter.publish`` call from now on."""
    spent: list[float] = []
    publish = produce.OutputWriter.publish

    def timed(self) -> None:
        start = time.perf_counter()
        publish(self)
        spent.append(time.perf_counter() - start)
    produce.OutputWriter.publish = timed
    return spent


def settle(work: Path) -> None:
    deadline = time.monotonic() + 300
    while any(p.name.startswith((".public.new-", ".public.old-", ".public.del-")) for p in work.iterdir()):
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(f"/tmp/publish-{args.corpus.name}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(args.corpus, work / "content", ignore=shutil.ignore_patterns(".complete"))
    options = dict(content=work / "content", output=work / "public", today=TODAY, progress=False,
                   reindex_search=False)
    spent = timed_publish()
    build(BuildOptions(cache_dir=work / "cache", **options))
    settle(work)
    briefing = sorted((work / "content" / "briefings").glob("*.md"))[0]
    for kind in ("incremental", "full"):  # a full build's new files would leave the next one nothing to trust
        for run in range(args.runs):
            if kind == "incremental":
                with briefing.open("a") as f:
                    f.write(f"\nOne more sentence, number {run}.\n")
            start = time.perf_counter()
            report = build(BuildOptions(cache_dir=work / "cache" if kind == "incremental" else None, **options))
            total = time.perf_counter() - start
            print(f"{kind:12} publish {spent[-1]:6.3f} s   build {total:6.2f} s   "
                  f"written {report.written:6} of {report.files} files", flush=True)
            settle(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
