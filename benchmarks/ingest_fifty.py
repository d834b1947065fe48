"""Wall-clock time of one ``site-builder ingest`` run on a 50-article text dump (the goal: under 5 s).

The dump repeats the fixture articles (tests/ingest/fixtures/sources/*.txt) with numbered
headlines and bylines until it holds 50, and the real command runs on it in a subprocess,
Python's start-up included. Run from the repository root:

    python benchmarks/ingest_fifty.py [--articles 50] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "tests" / "ingest" / "fixtures" / "sources"


def build_dump(n: int) -> str:
    bodies = []
    for name in sorted(SOURCES.glob("*.txt")):
        text = name.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        paragraphs = [p.strip() for p in text.split("\n\n") if len(p.split()) > 25]
        if len(paragraphs) >= 3:
            bodies.append(paragraphs[:6])
    parts = []
    for i in range(n):
        body = bodies[i % len(bodies)]
        parts.append(f"Story number {i + 1} about the vote and the accounts\n\nBy Reporter {i + 1}\n\n"
                     f"March {1 + i % 28}, 2025\n\n" + "\n\n".join(body))
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.txt"
        dump.write_text(build_dump(args.articles), encoding="utf-8")
        times, found = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "site_builder", "ingest", str(dump), "--dry-run", "--json",
                                   "--content", str(REPO / "content")], capture_output=True, text=True, cwd=REPO)
            times.append(time.perf_counter() - start)
            found = len(json.loads(done.stdout or '{"articles": []}')["articles"])
    print(f"{args.articles}-article dump ({len(build_dump(args.articles)):,} characters): "
          f"{found} articles, best {min(times):.2f} s, worst {max(times):.2f} s over {args.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
