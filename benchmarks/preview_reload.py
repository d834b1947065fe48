"""Save-to-reload benchmark: what an editor sees while ``site-builder serve`` runs.

    python -m benchmarks.preview_reload /tmp/corpus-10000 [--edits 5]

Copies the corpus (never changed itself) with the project's templates and
static files, starts the real ``site-builder serve`` as a subprocess, waits
until its live session is ready, opens a briefing in Debian's chromium
(Playwright, as the browser tests do), then appends a sentence to that
briefing's file and times until the open page shows it: file event, rebuild,
livereload's message and the browser loading the page again (to its DOMContentLoaded, by
the browser's clock). Prints each
edit's milliseconds and the median, split at the moment the browser started
reloading (save to reload start; the page's load), and the server's own times for each
phase of the edit (from its log: the briefing's page and the pages the
browser shows, then the rest). Needs the ``test`` extra and chromium.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_line(log: Path, text: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(encoding="utf-8", errors="replace"):
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"serve never printed {text!r}:\n{log.read_text()}")
        time.sleep(0.2)


def phase_times(log: str) -> dict[str, list[float]]:
    """The milliseconds ``serve`` printed for each edit's first phase ("Updated ...") and the rest ("Then ...")."""
    found: dict[str, list[float]] = {"first": [], "rest": []}
    for line in log.splitlines():
        match = re.search(r" in (\d+) ms", line)
        if match and line.startswith(("Updated ", "Then ")):
            found["first" if line.startswith("Updated ") else "rest"].append(float(match.group(1)))
    return found


def preview_reload(corpus: Path, work: Path, edits: int, parts: list[tuple[float, float]] | None = None) -> list[float]:
    from playwright.sync_api import expect, sync_playwright

    shutil.rmtree(work, ignore_errors=True)
    for source, name in ((corpus, "content"), (ROOT / "templates", "templates"), (ROOT / "static", "static")):
        shutil.copytree(source, work / name, ignore=shutil.ignore_patterns(".complete"))
    briefing = sorted((work / "content" / "briefings").glob("*.md"))[len(list((work / "content" / "briefings").glob("*.md"))) // 2]
    port = _free_port()
    log = work / "serve.log"
    command = [sys.executable, "-m", "site_builder", "serve", "--port", str(port), "--content", "content",
               "--templates", "templates", "--static", "static", "--today", "2025-01-01"]
    with open(log, "w") as out:
        server = subprocess.Popen(command, cwd=work, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
    times: list[float] = []
    try:
        _wait_for_line(log, "Ready for quick edits", server, timeout=1800)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                        args=CHROMIUM_ARGS)
            page = browser.new_page()
            slug = briefing.stem
            text = briefing.read_text(encoding="utf-8")
            slug = next((line.split(":", 1)[1].strip().strip('"') for line in text.splitlines()
                         if line.startswith("slug:")), slug)
            page.goto(f"http://127.0.0.1:{port}/briefings/{slug}/")
            page.wait_for_function("() => window.LiveReload !== undefined", timeout=30_000)
            for n in range(edits):
                sentence = f"Preview edit number {n + 1}."
                start = time.time()
                briefing.write_text(briefing.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
                expect(page.locator("main")).to_contain_text(sentence, timeout=120_000)
                # When the reloaded page's document was loaded, by the browser's own clock
                # (the same machine's), so the assertion's polling does not count.
                origin, loading = page.evaluate("[performance.timeOrigin, "
                                                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd]")
                times.append((origin + loading) / 1000 - start)
                if parts is not None:  # save to the reload's start (events, the server, the message); the page's load
                    parts.append((origin / 1000 - start, loading / 1000))
                time.sleep(1.0)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time from saving a briefing to the open page showing it.")
    parser.add_argument("corpus", type=Path, help="content folder made by 'python -m benchmarks.corpus N DIR'")
    parser.add_argument("--work", type=Path, help="scratch folder (default: the corpus folder's name + '-preview')")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    work = args.work or args.corpus.with_name(args.corpus.name + "-preview")
    parts: list[tuple[float, float]] = []
    times = preview_reload(args.corpus, work, args.edits, parts)
    print(f"save to reloaded page: {', '.join(f'{t * 1000:.0f}' for t in times)} ms; "
          f"median {statistics.median(times) * 1000:.0f} ms")
    for name, values in (("save to reload start", [a for a, _ in parts]), ("page load", [b for _, b in parts])):
        print(f"{name}: {', '.join(f'{v * 1000:.0f}' for v in values)} ms; median {statistics.median(values) * 1000:.0f} ms")
    for phase, values in phase_times((work / "serve.log").read_text(encoding="utf-8", errors="replace")).items():
        if values:
            print(f"server, {phase} phase: {', '.join(f'{v:.0f}' for v in values)} ms; median {statistics.median(values):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
