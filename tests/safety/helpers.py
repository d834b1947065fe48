"""Helpers for the safety suite: a project folder around a copy of the fixture
site, byte snapshots, the real command line as a subprocess, and assertions on
what an editor sees (``path:line:col: error: ...`` followed by ``fix: ...``)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.build import DEFAULT_STATIC, DEFAULT_TEMPLATES, BuildOptions, build, check_content
from site_builder.errors import Problem, SiteError

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURE = HERE / "fixtures" / "site"
TODAY = dt.date(2026, 1, 1)

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

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def output(self) -> Path:
        return self.root / "public"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

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
                      today=TODAY)
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


def cli(args: list[str], cwd: Path, timeout: float = 120) -> Run:
    return cli_many([args], cwd, timeout)[0]


def cli_many(commands: list[list[str]], cwd: Path, timeout: float = 120) -> list[Run]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
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
