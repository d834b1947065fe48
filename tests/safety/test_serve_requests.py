"""The preview server's answers to requests, for real: ``site-builder serve`` as a subprocess,
fetched over raw sockets (so the Host header, HEAD and odd paths are sent exactly as written).

A slow rebuild does not hold up requests; the preview, drafts included, never writes to public/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

from site_builder.cache import PREVIEW_OUTPUT

from .helpers import REPO, Project, snapshot
from .test_serve import serving, wait_for


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
        while log.read_text().count("Rebuilding") < 2:  # the first build, then this one
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
