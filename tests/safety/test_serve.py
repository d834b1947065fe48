"""The preview server, for real: ``site-builder serve`` runs as a subprocess on
127.0.0.1 and is fetched with urllib. Broken content turns every page into the
error page (file:line and the fix) without stopping the server; fixing the
file brings the site back, no restart. The process is always killed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from site_builder.cache import PREVIEW_OUTPUT
from site_builder.cli import make_parser

from .helpers import REPO, Project, fetch, serving, snapshot, wait_for

BRIEFING = "briefings/tiktok-czech-accounts.md"


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port``, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":
                found.add(address)
    return found


def test_serve_defaults_to_localhost() -> None:
    args = make_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"


def test_serve_survives_broken_content_and_comes_back(project: Project) -> None:
    good_title = "TikTok removes accounts targeting the Czech election"
    with serving(project) as (base, server, log, port):
        home = f"{base}/"
        page = f"{base}/briefings/tiktok-czech-accounts/"
        wait_for(home, lambda status, body: status == 200, server, log)
        status, body = wait_for(page, lambda status, body: status == 200, server, log)
        assert good_title in body
        if os.path.exists("/proc/net/tcp"):
            assert listening_addresses(port) <= {"0100007F", "00000000000000000000000001000000"}, \
                "serve must listen on 127.0.0.1 only"
        built = snapshot(project.root / PREVIEW_OUTPUT)

        # 1. an unknown name: every page shows the problem with file:line:col and the fix
        project.edit(BRIEFING, "countries: [Czechia, Russia]", "countries: [Czechai, Russia]")
        location = f"content/{BRIEFING}:5:13"
        status, body = wait_for(home, lambda status, body: location in body, server, log)
        assert status == 500 and "unknown country &#39;Czechai&#39;" in body and "did you mean" in body
        status, body = fetch(page)
        assert status == 500 and location in body
        assert snapshot(project.root / PREVIEW_OUTPUT) == built, "the last good build stays on disk"

        # 2. fixed: the site is back without a restart
        project.edit(BRIEFING, "countries: [Czechai, Russia]", "countries: [Czechia, Russia]")
        status, body = wait_for(page, lambda status, body: status == 200, server, log)
        assert good_title in body

        # 3. broken YAML, then a broken template: both shown with their lines
        project.edit(BRIEFING, 'title: "TikTok', 'title: ["TikTok')
        wait_for(home, lambda status, body: status == 500 and f"content/{BRIEFING}:2:" in body, server, log)
        project.edit(BRIEFING, 'title: ["TikTok', 'title: "TikTok')
        wait_for(page, lambda status, body: status == 200 and good_title in body, server, log)
        base_html = project.templates / "base.html"
        original = base_html.read_text(encoding="utf-8")
        base_html.write_text(original.replace("{% block main %}", "{% block main ", 1), encoding="utf-8")
        line = next(i for i, text in enumerate(base_html.read_text().splitlines(), 1) if "{% block main " in text)
        wait_for(home, lambda status, body: status == 500 and f"templates/base.html:{line}" in body, server, log)
        base_html.write_text(original, encoding="utf-8")
        status, body = wait_for(page, lambda status, body: status == 200 and good_title in body, server, log)

        # 4. an edit shows up on the next request
        project.edit(BRIEFING, good_title, "TikTok removes more accounts")
        wait_for(page, lambda status, body: status == 200 and "TikTok removes more accounts" in body, server, log)
        assert server.poll() is None
    assert "Traceback" not in log.read_text()


def test_serve_refuses_a_busy_port_with_a_fix(project: Project) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        before = snapshot(project.output)
        run = subprocess.run([sys.executable, "-m", "site_builder", "serve", "--port", str(port), "--content",
                              "content"], cwd=project.root, capture_output=True, text=True,
                             timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 1, run.stderr
    assert f"--port: error: cannot listen on 127.0.0.1:{port}" in run.stderr and "fix: " in run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(project.output) == before


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fcontent/site.yaml"])
def test_serve_never_leaves_the_output_folder(tmp_path: Path, path: str) -> None:
    from site_builder.serve.server import resolve_request

    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "index.html").write_text("ok")
    (tmp_path / "secret.txt").write_text("secret")
    from urllib.parse import unquote

    assert resolve_request(tmp_path / "public", unquote(path)) is None


def test_serve_lets_the_browser_keep_fingerprinted_assets_only(project: Project) -> None:
    with serving(project) as (base, server, log, _):
        home = wait_for(f"{base}/", lambda status, body: status == 200, server, log)[1]
        css = next(part.split('"')[0] for part in home.split('href="')[1:] if part.startswith("/assets/css/"))
        with urllib.request.urlopen(base + css, timeout=10) as response:
            assert "immutable" in response.headers["Cache-Control"]
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:
            assert response.headers["Cache-Control"] == "no-store"
        missing = urllib.request.Request(f"{base}/assets/css/none.css")
        try:
            urllib.request.urlopen(missing, timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 404 and error.headers["Cache-Control"] == "no-store"


def test_serve_previews_a_site_under_its_path_where_its_pages_link(project: Project) -> None:
    """base_url https://example.org/watch/: pages link to /watch/..., so the preview serves them there."""
    with serving(project, "--base-url", "https://example.org/watch/") as (base, server, log, port):
        home = wait_for(f"{base}/watch/", lambda status, body: status == 200, server, log)[1]
        assert f"Serving on http://127.0.0.1:{port}/watch/" in log.read_text()
        links = [part.split('"')[0] for part in home.split('href="')[1:] if part.startswith("/")]
        assert links and all(link.startswith("/watch/") for link in links)
        for link in {next(link for link in links if link.startswith(prefix))
                     for prefix in ("/watch/assets/css/", "/watch/briefings/", "/watch/countries/")}:
            assert fetch(base + link)[0] == 200, link
        with urllib.request.urlopen(f"{base}/", timeout=10) as response:  # the address without the path
            assert response.url == f"{base}/watch/" and response.status == 200
        assert fetch(f"{base}/briefings/")[0] == 404, "outside the site's path"
        # a term's timeline shown on its first page: its old address leads there (the output's _redirects)
        with urllib.request.urlopen(f"{base}/watch/countries/czechia/timeline/", timeout=10) as response:
            assert response.url == f"{base}/watch/countries/czechia/" and response.status == 200
