"""Screenshots of the reader pages at 390 and 1280 px, light and dark, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [PAGE ...]     # home country country-russia actor briefings briefing techniques

Builds content/ into a temporary folder, serves it on 127.0.0.1 and drives Debian's chromium
(/usr/bin/chromium, headless) through Playwright; each picture is the whole page.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from site_builder.build import BuildOptions, build  # noqa: E402

PAGES = {"home": "/", "country": "/countries/romania/", "country-russia": "/countries/russia/",
         "actor": "/actors/russian-government/", "briefings": "/briefings/",
         "briefing": "/briefings/eu-urgent-request-tiktok-romania-election-2024/", "techniques": "/techniques/"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm"}

    def log_message(self, *args) -> None:
        pass


def main(names: list[str]) -> None:
    pages = {name: PAGES[name] for name in names} if names else PAGES
    out = REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch) / "public"
        build(BuildOptions(content=REPO / "content", output=site, cache_dir=None, today=dt.date.today()))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--headless", "--no-sandbox", "--disable-gpu"])
            for width in (390, 1280):
                for scheme in ("light", "dark"):
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    page = context.new_page()
                    for name, path in pages.items():
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        page.screenshot(path=str(out / f"{name}-{width}-{scheme}.png"), full_page=True)
                    context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
