"""Helpers for the safety suite: a project folder around a copy of the fixture
site, byte snapshots, the real command line as a subprocess (the preview server
too), and assertions on what an editor sees (``path:line:col: error: ...``
followed by ``fix: ...``)."""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build, check_content
from site_builder.errors import Problem, SiteError

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURE = HERE / "fixtures" / "site"
TODAY = dt.date(2026, 1, 1)
CACHE = Path(".cache") / "site-builder"  # where the command line keeps its build cache, under the folder it runs in

# One problem as the command line prints it: "path:line[:col]: error: message" then "    fix: hint".
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: error: (?P<message>.+)$")
FIX_LINE = re.compile(r"^    fix: \S.*$")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links as their target text), by relative path."""
    files: dict[str, bytes] = {}
    if not folder.exists():
        return files
    for root, dirs, names in os.walk(folder, followlinks=False):
        for name in dirs + names:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                files[rel] = b"-> " + os.readlink(path).encode()
            elif path.is_file():
                files[rel] = path.read_bytes()
    return files


SEARCH_BUNDLE = "pagefind/"  # Pagefind's output, not byte-stable between runs (Pagefind/pagefind#638)


def without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if not path.startswith(SEARCH_BUNDLE)}


@dataclass
class Run:
    """A finished command: exit code and what it printed."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def problems(self) -> list[tuple[str, int | None, int | None, str, str]]:
        """(path, line, column, message, hint) of every located problem in stderr."""
        lines = self.stderr.splitlines()
        found = []
        for index, line in enumerate(lines):
            match = PROBLEM_LINE.match(line)
            if match:
                hint = lines[index + 1] if index + 1 < len(lines) else ""
                line_no = int(match["line"]) if match["line"] else None
                col = int(match["col"]) if match["col"] else None
                found.append((match["path"], line_no, col, match["message"], hint.strip()))
        return found


@dataclass
class Project:
    """A writable copy of the fixture site with its own output, templates and static folders."""

    root: Path
    content: Path = field(init=False)
    output: Path = field(init=False)
    templates: Path = field(init=False)
    static: Path = field(init=False)

    def __post_init__(self) -> None:
        for name, folder in (("content", "content"), ("output", "public"), ("templates", "templates"),
                             ("static", "static")):
            setattr(self, name, self.root / folder)

    def path(self, rel: str) -> Path:
        return self.content / rel

    def write(self, rel: str, data: str | bytes) -> Path:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> Path:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        return self.write(rel, text.replace(old, new, 1))

    def options(self, **overrides) -> BuildOptions:
        values = dict(content=self.content, output=self.output, templates=self.templates, static=self.static,
                      today=TODAY, cache_dir=self.root / CACHE)
        values.update(overrides)
        return BuildOptions(**values)

    def check(self, **overrides) -> list[Problem]:
        return check_content(self.options(**overrides))

    def build(self, **overrides):
        return build(self.options(**overrides))

    def failing_build(self, **overrides) -> list[Problem]:
        with pytest.raises(SiteError) as caught:
            build(self.options(**overrides))
        return caught.value.problems

    def cli_args(self, command: str, *extra: str) -> list[str]:
        args = [command, "--content", "content", "--templates", str(self.templates), "--static", str(self.static),
                "--today", TODAY.isoformat()]
        if command == "build" and "--output" not in extra:
            args += ["--output", "public"]
        return args + list(extra)

    def cli(self, command: str, *extra: str, timeout: float = 120) -> Run:
        """Run the real command line in the project folder, as an editor would."""
        return cli(self.cli_args(command, *extra), cwd=self.root, timeout=timeout)

    def cli_both(self, *extra: str) -> tuple[Run, Run]:
        """``check`` and ``build`` at once (two processes), for speed on two cores."""
        return cli_many([self.cli_args("check", *extra), self.cli_args("build", *extra)], cwd=self.root)


def cli(args: list[str], cwd: Path, timeout: float = 120, env: dict[str, str] | None = None) -> Run:
    return cli_many([args], cwd, timeout, env)[0]


def cli_many(commands: list[list[str]], cwd: Path, timeout: float = 120, env: dict[str, str] | None = None) -> list[Run]:
    """Run ``python -m site_builder ARGS`` for each command at once; the repository's package comes first."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", **(env or {})}
    procs = [(args, subprocess.Popen([sys.executable, "-m", "site_builder", *args], cwd=cwd, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
             for args in commands]
    runs = []
    for args, proc in procs:
        try:
            out, err = proc.communicate(timeout=timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        runs.append(Run(args, proc.returncode, out, err))
    return runs


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
    assert "This is a bug" not in run.stderr, run.stderr


def assert_reported(run: Run, path: str, line: int | None, column: int | None, message: str, hint: str = "") -> None:
    """The run failed cleanly and printed this problem with a fix."""
    assert run.returncode == 1, (run.args, run.returncode, run.stdout, run.stderr)
    assert_no_traceback(run)
    for p_path, p_line, p_col, p_message, p_hint in run.problems():
        if p_path != path or message not in p_message:
            continue
        if line is not None and p_line != line:
            continue
        if column is not None and p_col != column:
            continue
        assert FIX_LINE.match("    " + p_hint), f"no fix line after {p_path}:{p_line}: {p_message}\n{run.stderr}"
        assert hint in p_hint, f"fix for {p_path}:{p_line} lacks {hint!r}: {p_hint}"
        return
    raise AssertionError(f"{path}:{line}:{column}: {message!r} not reported by {' '.join(run.args)}:\n{run.stderr}")


def find_problem(problems: list[Problem], path_end: str, line: int | None, message: str,
                 column: int | None = None) -> Problem:
    for p in problems:
        if p.path.replace(os.sep, "/").endswith(path_end) and message in p.message \
                and (line is None or p.line == line) and (column is None or p.column == column):
            assert p.hint, f"problem without a fix: {p}"
            return p
    raise AssertionError(f"{path_end}:{line}: {message!r} not among:\n" + "\n".join(map(str, problems)))


# --- what a built page may contain under the site's Content-Security-Policy -------------------------

# Elements whose URL attributes make the browser load something.
LOADING = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"), ("iframe", "src"),
    ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href"), ("image", "xlink:href"),
    ("use", "href"), ("use", "xlink:href"), ("feimage", "href"),
}
LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background",
                  "cite", "ping", "longdesc"}
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
DATA_SCRIPT = "application/ld+json"


def _scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


def same_origin(url: str, base_url: str) -> bool:
    from urllib.parse import urlsplit

    url = url.strip().replace("\\", "/")
    if url.startswith("//"):
        url = "https:" + url
    parts, base = urlsplit(url), urlsplit(base_url)
    if not parts.scheme and not parts.netloc:
        return True
    return (parts.scheme, parts.netloc) == (base.scheme, base.netloc)


class _PolicyScanner(HTMLParser):
    def __init__(self, base_url: str):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.problems: list[str] = []
        self.in_script: str | None = None
        self.script_text: list[str] = []
        self.data_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        where = f"<{tag}>"
        if tag in NEVER:
            self.problems.append(f"{where} element")
        if tag == "meta" and values.get("http-equiv", "").lower() in ("refresh", "set-cookie"):
            self.problems.append(f"{where} http-equiv={values['http-equiv']}")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"{where} event handler {name}={value!r}")
            if name == "style":
                self.problems.append(f"{where} style attribute {value!r}")
            if name in URL_ATTRIBUTES and _scheme(value) in ("javascript", "vbscript", "data"):
                self.problems.append(f"{where} {name}={value!r}")
            if (tag, name) in LOADING and value:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    if not same_origin(url, self.base_url):
                        self.problems.append(f"{where} loads an off-site resource {url!r}")
        if tag == "link" and LOADING_LINKS & set(values.get("rel", "").lower().split()):
            if not same_origin(values.get("href", ""), self.base_url):
                self.problems.append(f"{where} rel={values.get('rel')} loads an off-site resource {values.get('href')!r}")
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            self.in_script = "data" if kind == DATA_SCRIPT else ("external" if "src" in values else "inline")
            self.script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.in_script is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self.in_script is None:
            return
        text = "".join(self.script_text)
        if self.in_script == "data":
            self.data_blocks.append(text)
        elif self.in_script == "inline" or text.strip():
            self.problems.append(f"inline <script> {text.strip()[:60]!r}")
        self.in_script = None


def policy_violations(html: str, base_url: str) -> tuple[list[str], list[str]]:
    """(what the page needs that the CSP forbids, the JSON-LD data blocks it holds)."""
    scanner = _PolicyScanner(base_url)
    scanner.feed(html)
    scanner.close()
    return scanner.problems, scanner.data_blocks


def built_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(url: str, predicate, server: subprocess.Popen, log: Path, timeout: float = 45) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped:\n{log.read_text()}"
        try:
            last = fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            last = (0, "")
        if predicate(*last):
            return last
        time.sleep(0.25)
    raise AssertionError(f"{url} never matched; last status {last[0]}:\n{last[1][:2000]}\n--- server log ---\n"
                         f"{log.read_text()}")


@contextmanager
def serving(project: Project, *extra: str):
    port = free_port()
    log = project.root / "serve.log"
    args = [sys.executable, "-m", "site_builder", "serve", "--port", str(port), "--content", "content",
            "--templates", str(project.templates), "--static", str(project.static),
            "--today", TODAY.isoformat(), *extra]
    with open(log, "w") as out:
        server = subprocess.Popen(args, cwd=project.root, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        yield f"http://127.0.0.1:{port}", server, log, port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
