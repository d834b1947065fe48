"""The command line, run as editors run it."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

from site_builder.cli import main
from site_builder.scaffold import new_briefing
from conftest import REPO


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The command in a process of its own, its output buffered as in an editor's shell piped to a file."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "site_builder", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, timeout=120, env=env)


def test_check_reports_every_problem_with_location(content: Path):
    (content / "briefings" / "older-x.md").write_text("---\ntitle: T\ndate: 2025-01-01\nsummary: S\ncountries: [Czechland]\n"
                                                             "sources: [{publisher: P, title: T, url: 'https://p.example/'}]\n---\n")
    (content / "briefings" / "moldova-vote.md").write_text("---\ntitle: U\ndate: soon\nsummary: S\n---\n")
    result = run("check", "--content", str(content))
    assert result.returncode == 1
    assert "older-x.md:5:13: error: unknown country 'Czechland'" in result.stderr
    assert "moldova-vote.md:3:1: error: 'date' must be a date" in result.stderr
    assert "moldova-vote.md:2:1: error: a published briefing has no sources" in result.stderr
    assert "3 problems found" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_passes_on_good_content(content: Path):
    assert main(["check", "--content", str(content)]) == 0


def test_build_command(content: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run("build", "--content", str(content), "--output", str(out), "--verbose")
    assert result.returncode == 0, result.stderr
    assert "Built 3 briefings" in result.stdout and "render" in result.stdout
    assert (out / "index.html").is_file()
    if (out / "pagefind").is_dir():
        assert re.search(r"search indexing took \d+ ms, \d+ ms of it beside rendering", result.stdout)


def test_new_scaffolds_a_draft_that_passes_check(content: Path):
    path = new_briefing(content, "Bots flood a Moldovan channel", today=dt.date(2025, 11, 3))
    assert path.name == "bots-flood-a-moldovan-channel.md"
    text = path.read_text()
    for field in ("title:", "date: 2025-11-03", "summary:", "status: draft", "countries:", "platforms:", "actors:",
                  "elections:", "tags:", "attribution:", "sources:", "events:"):
        assert field in text
    assert main(["check", "--content", str(content)]) == 0


def test_new_never_overwrites(content: Path):
    path = new_briefing(content, "Same title")
    path.write_text(path.read_text() + "editor's words\n")
    result = run("new", "Same title", "--content", str(content))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert path.read_text().endswith("editor's words\n")
