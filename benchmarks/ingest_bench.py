"""Ingest throughput: articles per second on a thousand generated dumps.

The dumps are built from the test fixtures (text dumps and saved pages), in
the messy shapes real ones have: several articles in one file, re-wrapped at
a random width, CRLF or LF, UTF-8 with or without BOM or Windows-1252, and a
share of saved pages. Extraction and draft rendering are timed; nothing is
written to disk. Run from the repository root:

    python benchmarks/ingest_bench.py [--dumps 1000] [--content tests/ingest/fixtures/content]
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import random
import statistics
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_builder.content.entities import load_knowledge_base  # noqa: E402
from site_builder.ingest.draft.briefing import render_draft  # noqa: E402
from site_builder.ingest.extract.match import Matcher  # noqa: E402
from site_builder.ingest.pipeline import ingest_bytes  # noqa: E402
from site_builder.ingest.read.decode import decode  # noqa: E402

FIXTURES = REPO / "tests" / "ingest" / "fixtures"
TODAY = dt.date(2026, 6, 1)


def text_articles() -> list[str]:
    """The fixture dumps as plain text blocks (one per file; a dump already holds several articles)."""
    out = []
    for path in sorted((FIXTURES / "sources").glob("*.txt")):
        out.append(decode(path.read_bytes(), path.name).text)
    return out


def make_dumps(count: int, rng: random.Random) -> list[tuple[str, bytes, bool]]:
    texts = text_articles()
    pages = [p.read_bytes() for p in sorted((FIXTURES / "sources").glob("*.html"))]
    dumps = []
    for number in range(count):
        if rng.random() < 0.2:
            dumps.append((f"page-{number}.html", rng.choice(pages), True))
            continue
        parts = [rng.choice(texts) for _ in range(rng.randint(1, 3))]
        width = rng.choice((0, 64, 72, 80, 100))
        if width:
            parts = ["\n".join(_rewrap(part, width)) for part in parts]
        text = "\n".join(parts)
        if rng.random() < 0.5:
            text = text.replace("\n", "\r\n")
        choice = rng.random()
        if choice < 0.6:
            raw = text.encode("utf-8")
        elif choice < 0.8:
            raw = codecs.BOM_UTF8 + text.encode("utf-8")
        else:
            raw = text.encode("cp1252", errors="replace")
        dumps.append((f"dump-{number}.txt", raw, False))
    return dumps


def _rewrap(text: str, width: int) -> list[str]:
    """Re-wrap every line that is a paragraph (long), keep short lines (headers, furniture) as they are."""
    lines = []
    for line in text.split("\n"):
        lines.extend(textwrap.wrap(line, width) if len(line) > width else [line])
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dumps", type=int, default=1000)
    parser.add_argument("--content", type=Path, default=FIXTURES / "content")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    kb, problems = load_knowledge_base(args.content)
    if problems:
        print(f"knowledge base problems in {args.content}: {problems[0]}", file=sys.stderr)
        return 1
    start = time.perf_counter()
    matcher = Matcher.build(kb)
    build_seconds = time.perf_counter() - start
    dumps = make_dumps(args.dumps, random.Random(args.seed))
    size = sum(len(raw) for _, raw, _ in dumps)

    articles = 0
    errors = 0
    per_dump: list[float] = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    for name, raw, html in dumps:
        t0 = time.perf_counter()
        result = ingest_bytes(raw, name, kb, matcher, TODAY, html=html)
        for article in result.articles:
            render_draft(article, TODAY)
        per_dump.append(time.perf_counter() - t0)
        articles += len(result.articles)
        errors += result.error is not None
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start

    print(f"knowledge base: {sum(len(v) for v in kb.entities.values())} entities; matcher built in {build_seconds * 1000:.1f} ms")
    print(f"dumps: {len(dumps)} ({size / 1024 / 1024:.2f} MB), articles: {articles}, sources with errors: {errors}")
    print(f"total: {seconds:.2f} s wall, {cpu:.2f} s CPU (one core)")
    print(f"throughput: {articles / seconds:.1f} articles/s, {len(dumps) / seconds:.1f} dumps/s, "
          f"{size / 1024 / seconds:.0f} KB/s; {articles / cpu:.1f} articles per CPU second")
    per_dump.sort()
    print(f"per dump: median {statistics.median(per_dump) * 1000:.1f} ms, "
          f"p95 {per_dump[int(len(per_dump) * 0.95)] * 1000:.1f} ms, max {per_dump[-1] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
