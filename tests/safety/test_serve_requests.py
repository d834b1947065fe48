"""The preview server's answers to every request, for real: ``site-builder serve`` as a subprocess,
fetched over raw sockets (so the Host header, HEAD and odd paths are sent exactly as written).

Every request gets a status and never a traceback; only the host names the server listens on are
answered (DNS rebinding); responses carry the headers netlify.toml gives the deployed site; a slow
rebuild does not hold up requests; and the preview, drafts included, never writes to public/.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from site_builder.build import PROJECT_ROOT
from site_builder.cache import PREVIEW_OUTPUT

from .helpers import REPO, Project, serving, snapshot, wait_for


def raw(port: int, path: str, host: str, method: str = "GET", extra: str = "") -> tuple[int, dict[str, str], bytes]:
    """One request as written; (status, headers, body). Status 0 when the server closed without answering."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    if not head:
        return 0, {}, b""
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def netlify_headers(pattern: str) -> dict[str, str]:
    with open(PROJECT_ROOT / "netlify.toml", "rb") as f:
        return next(table["values"] for table in tomllib.load(f)["headers"] if table["for"] == pattern)


def test_every_request_gets_a_status_and_never_a_traceback(project: Project) -> None:
    with serving(project) as (base, server, log, port):
        wait_for(f"{base}/", lambda status, body: status == 200, server, log)
        host = f"127.0.0.1:{port}"
        get = raw(port, "/", host)
        head = raw(port, "/", host, "HEAD")
        assert head[0] == 200 and head[2] == b"", "HEAD: the status and headers of GET, no body"
        assert head[1]["Content-Length"] == get[1]["Content-Length"] == str(len(get[2]))
        assert raw(port, "/briefings/", host, "HEAD")[0] == 200
        assert raw(port, "/nothing-here/", host, "HEAD")[0] == 404
        assert raw(port, "/%00", host)[0] == 400
        assert raw(port, "/briefings/%00/index.html", host)[0] == 400
        assert raw(port, "/%ff%fe", host)[0] == 400, "not UTF-8"
        assert raw(port, "/" + "a" * 300, host)[0] == 404, "a name longer than the file system allows"
        assert raw(port, "/" + "a" * 5000, host)[0] in (404, 414)
        assert raw(port, "/" + "a/" * 50_000, host)[0] in (404, 414)
        assert server.poll() is None
    assert "Traceback" not in log.read_text()


def test_only_the_host_names_it_listens_on_are_answered(project: Project) -> None:
    with serving(project) as (base, server, log, port):
        wait_for(f"{base}/", lambda status, body: status == 200, server, log)
        for host in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"localhost:{port}", f"[::1]:{port}", "[::1]"):
            assert raw(port, "/", host)[0] == 200, host
        for host in ("attacker.example", f"attacker.example:{port}", f"localhost.attacker.example:{port}",
                     f"127.0.0.1:{port + 1}", ""):
            assert raw(port, "/", host)[0] == 400, host
            assert raw(port, "/briefings/tiktok-czech-accounts/", host)[0] == 400, host
            assert raw(port, "/livereload.js", host)[0] == 400, host
        assert raw(port, "/livereload.js", f"localhost:{port}")[0] == 200
        assert socket_status(port, f"attacker.example:{port}", f"http://attacker.example:{port}") == 400
        assert socket_status(port, f"127.0.0.1:{port}", "http://attacker.example") == 403, "another site's page"
        assert socket_status(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}") == 101, "the preview's own page"


def socket_status(port: int, host: str, origin: str) -> int:
    """The status of a request to open livereload's websocket."""
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(f"GET /livereload HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\n"
                     f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
        return int(conn.recv(200).split()[1])


def test_responses_carry_the_deployed_sites_headers(project: Project) -> None:
    everywhere, assets = netlify_headers("/*"), netlify_headers("/assets/*")
    with serving(project) as (base, server, log, port):
        home = wait_for(f"{base}/", lambda status, body: status == 200, server, log)[1]
        css = next(part.split('"')[0] for part in home.split('href="')[1:] if part.startswith("/assets/css/"))
        host = f"localhost:{port}"
        for path, status in (("/", 200), ("/briefings/tiktok-czech-accounts/", 200), ("/feed.xml", 200),
                             ("/nothing-here/", 404), (css, 200), ("/livereload.js", 200)):
            answer = raw(port, path, host)
            assert answer[0] == status, path
            for name, value in everywhere.items():
                assert answer[1].get(name) == value, (path, name)
        assert raw(port, css, host)[1]["Cache-Control"] == assets["Cache-Control"]
        assert raw(port, "/", host)[1]["Cache-Control"] == "no-store"
        # The reload script is a file of the preview's own origin, which the policy's script-src 'self' allows.
        assert f'<script src="/livereload.js?port={port}" async></script></head>' in home
        assert "<script>" not in home and "<script type=\"text/javascript\">" not in home


def test_a_slow_rebuild_does_not_hold_up_requests(project: Project) -> None:
    page = "/briefings/tiktok-czech-accounts/"
    with serving(project) as (base, server, log, port):
        before = wait_for(base + page, lambda status, body: status == 200, server, log)[1]
        # A template that takes seconds to render on every page: a real, slow, full rebuild.
        base_html = project.templates / "base.html"
        slow = ("{% set ns = namespace(n=0) %}{% for i in range(50000) %}{% set ns.n = ns.n + 1 %}{% endfor %}"
                "<!-- slow {{ ns.n }} -->")
        base_html.write_text(base_html.read_text(encoding="utf-8").replace("</main>", "</main>" + slow, 1),
                             encoding="utf-8")
        deadline = time.monotonic() + 30
        while log.read_text().count("Full build started") < 2:  # the first build, then this one
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.02)
        status, _, body = raw(port, page, f"127.0.0.1:{port}")
        answered = log.read_text()
        assert status == 200 and body.decode() == before, "the last good site, while the rebuild runs"
        assert answered.count("Rebuilt:") == 1, f"the answer waited for the rebuild:\n{answered}"
        wait_for(base + page, lambda status, body: "<!-- slow 50000 -->" in body, server, log, timeout=300)
        while log.read_text().count("Rebuilt:") < 2:  # the rebuild was running, and ends
            assert server.poll() is None, log.read_text()
            time.sleep(0.05)
        print(log.read_text().splitlines()[-1])


def draft_project(project: Project) -> Project:
    text = project.read("briefings/moldova-election-day.md")
    project.write("briefings/secret-draft.md", text.replace('title: "Moldova votes under pressure"',
                                                            'title: "An unpublished draft"\nstatus: draft', 1))
    return project


def test_serve_drafts_never_writes_to_the_publish_folder(project: Project) -> None:
    draft_project(project)
    published = snapshot(project.output)  # the previous build
    with serving(project, "--drafts") as (base, server, log, port):
        wait_for(f"{base}/briefings/secret-draft/", lambda status, body: status == 200 and "unpublished draft" in body,
                 server, log)
        for path in ("/sitemap.xml", "/feed.xml", "/briefings.json"):
            assert "secret-draft" in raw(port, path, f"127.0.0.1:{port}")[2].decode(), path
        assert snapshot(project.output) == published, "public/ is build's, and a deploy ships whatever is in it"
        assert (project.root / PREVIEW_OUTPUT / "briefings" / "secret-draft" / "index.html").is_file()
    assert "Traceback" not in log.read_text()
    built = project.cli("build")
    assert built.returncode == 0, built.stderr
    published = [p.read_text(encoding="utf-8") for p in project.output.rglob("*") if p.is_file()
                 and p.suffix in (".html", ".xml", ".json")]
    assert published and not any("secret-draft" in text or "unpublished draft" in text for text in published)


def test_serve_refuses_to_write_to_the_publish_folder(project: Project) -> None:
    published = snapshot(project.output)
    run = subprocess.run([sys.executable, "-m", "site_builder", "serve", "--port", "0", "--content", "content",
                          "--output", "public", "--drafts"], cwd=project.root, capture_output=True, text=True,
                         timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 1 and "--output: error:" in run.stderr and "fix: " in run.stderr, run.stderr
    assert "Traceback" not in run.stderr and snapshot(project.output) == published
