"""Browser fixtures: the real site built once, served from 127.0.0.1 with the
production security headers, and Debian's chromium driven by Playwright.

Nothing is downloaded here: chromium comes from Debian, axe-core and vnu.jar
from npm into .cache/npm (scripts/test.sh installs all three). A test is
skipped with the reason only when one of them is genuinely missing.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build
from site_builder.serve.server import headers_for, read_header_rules

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
NPM = REPO / ".cache" / "npm" / "node_modules"
AXE = NPM / "axe-core" / "axe.min.js"
VNU = NPM / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# The policy the site is served with when netlify.toml does not (yet) set one.
DEFAULT_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
               "frame-ancestors 'none'")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def production_headers() -> dict[str, str]:
    """Headers netlify.toml sets for every path (read as the preview reads them), with a CSP even before it sets one."""
    config = REPO / "netlify.toml"
    headers = headers_for(read_header_rules(config), "/") if config.is_file() else {}
    headers.setdefault("Content-Security-Policy", DEFAULT_CSP)
    return headers


class Handler(http.server.SimpleHTTPRequestHandler):
    headers_to_send: dict[str, str] = {}

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        """Like the host: a missing page answers 404 with the site's own 404 page."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


Handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript", ".wasm": "application/wasm", ".pagefind": "application/octet-stream",
                          ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
                          ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream",
                          ".svg": "image/svg+xml", ".json": "application/json"}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The project's real content, built once for the browser tests."""
    out = tmp_path_factory.mktemp("browser") / "public"
    build(BuildOptions(content=REPO / "content", output=out, today=dt.date(2026, 1, 1)))
    return out


def serve_folder(folder: Path):
    """Serve ``folder`` on 127.0.0.1 with the production headers; yields the base URL."""
    handler = functools.partial(type("H", (Handler,), {"headers_to_send": production_headers()}),
                                directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    yield from serve_folder(site_dir)


@pytest.fixture(scope="session")
def sharded_site_dir(tmp_path_factory) -> Path:
    """The same content with its search index split into bundles of two pages each."""
    out = tmp_path_factory.mktemp("browser-shards") / "public"
    build(BuildOptions(content=REPO / "content", output=out, today=dt.date(2026, 1, 1), cache_dir=None,
                       search_shard_pages=2))
    return out


@pytest.fixture(scope="session")
def sharded_base_url(sharded_site_dir: Path):
    yield from serve_folder(sharded_site_dir)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("chromium is not installed (bash scripts/test.sh installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page whose console errors, uncaught exceptions and failed requests are collected."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url} {r.failure}"))

    def take_errors(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors


def real_errors(watched: Watched) -> list[str]:
    """The errors the page logged since the last look, less requests aborted by leaving the page."""
    return [e for e in watched.take_errors() if "ERR_ABORTED" not in e]


@pytest.fixture
def make_page(browser):
    """make_page(width=1280, **context options) -> Watched; closed after the test."""
    contexts = []

    def make(width: int = 1280, height: int = 900, **options) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return Watched(context.new_page())

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
