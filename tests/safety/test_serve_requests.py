"""The preview server's answers to requests, for real: ``site-builder serve`` as a subprocess,
fetched over raw sockets (so the Host header, HEAD and odd paths are sent exactly as written).

A slow rebuild does not hold up requests.
"""

from __future__ import annotations

import socket
import time

from .helpers import Project
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
