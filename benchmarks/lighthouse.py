"""Lighthouse scores for the built site: home, a briefing, a country page and the timeline.

Builds content/ into a scratch folder with base_url set to the local address (as
production has its own), serves it from 127.0.0.1 with the production security
headers, and runs npm's Lighthouse (installed into .cache/npm when missing) with
Debian's chromium on the mobile preset. Prints the four category scores per page
and the briefing page's weight over the wire (HTML and CSS, gzip).

    python benchmarks/lighthouse.py [--runs N] [--keep-reports DIR] [PATH ...]

With --runs N each page is measured N times and the median score of each
category is printed (as Lighthouse CI does): on a busy machine a single run's
Performance score swings with the CPU time other processes take.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.build import BuildOptions, build  # noqa: E402

LIGHTHOUSE = ROOT / ".cache" / "npm" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"home": "/", "briefing": "/briefings/tiktok-removes-accounts-czech-election-2025/",
         "country": "/countries/czechia/", "timeline": "/timeline/"}
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE.is_file():
        subprocess.run(["bash", str(ROOT / "scripts" / "browser-deps.sh"), "lighthouse"], check=True)
    return LIGHTHOUSE


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip for text as a host would send it, and the security headers."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.is_file() and path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml")):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_weight(site: Path, path: str) -> tuple[int, int]:
    """(raw, gzip) bytes of a page's HTML and the stylesheets it links."""
    html = (site / path.strip("/") / "index.html").read_bytes()
    files = [html] + [(site / href.lstrip("/")).read_bytes()
                      for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
                      for href in [href.decode()]]
    return sum(map(len, files)), sum(len(gzip.compress(f, 9)) for f in files)


def run(url: str, chromium: str, keep: Path | None, name: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": chromium}
        subprocess.run(["node", str(ensure_lighthouse()), url, "--quiet", "--output=json", f"--output-path={report}",
                        f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                       check=True, env=env, timeout=300)
        data = json.loads(report.read_text())
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{name}.json").write_text(report.read_text())
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = [f"{a['id']} ({a['score']})" for a in data["audits"].values()
               if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric")
               and a["id"] not in ("metrics",)]
    scores["_failing"] = failing  # type: ignore[assignment]
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="site paths (default: home, a briefing, a country page, the timeline)")
    parser.add_argument("--keep-reports", type=Path, help="save each Lighthouse JSON report here")
    parser.add_argument("--chromium", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed (default 1)")
    args = parser.parse_args(argv)
    pages = {p: p for p in args.paths} or PAGES
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "public"
        build(BuildOptions(content=ROOT / "content", output=site, base_url=f"http://127.0.0.1:{port}/",
                           today=dt.date.today()))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        worst_ok = True
        try:
            print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  path")
            for name, path in pages.items():
                runs = [run(f"http://127.0.0.1:{port}{path}", args.chromium, args.keep_reports,
                            f"{name.replace('/', '_')}-{i + 1}") for i in range(max(1, args.runs))]
                scores = {c: round(statistics.median(r[c] for r in runs)) for c in CATEGORIES}
                scores["_failing"] = sorted({a for r in runs for a in r["_failing"]})
                if len(runs) > 1:
                    print(f"{'':<10} performance by run: {', '.join(str(r['performance']) for r in runs)}")
                print(f"{name[:10]:<10} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES) + f"  {path}")
                if scores["_failing"]:
                    print("           below full marks: " + ", ".join(scores["_failing"]))
                worst_ok &= all(scores[c] >= TARGETS[c] for c in CATEGORIES)
            raw, zipped = page_weight(site, PAGES["briefing"])
            print(f"briefing page weight (HTML + CSS): {raw / 1024:.1f} KiB, {zipped / 1024:.1f} KiB gzip")
        finally:
            server.shutdown()
    return 0 if worst_ok else 1


if __name__ == "__main__":
    sys.exit(main())
