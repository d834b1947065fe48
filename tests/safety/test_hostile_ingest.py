"""Hostile articles for ``ingest`` and titles for ``new``: what they write must pass
``check`` (as a draft) and record what was left out or removed, never drop it unsaid.
Real processes, with a timeout; see docs/hostile-inputs.md."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from .helpers import Project, assert_no_traceback, cli

INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def frontmatter(text: str) -> str:
    return text.split("\n---\n", 1)[0]


def drafts(project: Project) -> list[str]:
    old = {"moldova-election-day.md", "moldova-vote-buying.md", "tiktok-czech-accounts.md"}
    return [p.read_text(encoding="utf-8") for p in sorted((project.content / "briefings").glob("*.md"))
            if p.name not in old]


def command(project: Project, *args: str, timeout: float = 120):
    return cli([args[0], "--content", "content", *args[1:]], cwd=project.root, timeout=timeout)


def check_passes(project: Project) -> None:
    run = project.cli("check", "--today", dt.date.today().isoformat())
    assert_no_traceback(run)
    assert run.returncode == 0, run.stderr


def test_ingest_removes_invisible_characters_from_the_fields_it_writes_and_says_so(project: Project):
    (project.root / "a.txt").write_text(
        "Russia\u202e targets Moldova\u200b election, officials say\n\nBy Jane\u2066 Doe, Example News, 3 October 2025\n\n"
        + "".join(f"Officials in Moldova said {n} accounts linked to Russia posted false claims about the vote "
                  "before election day, and the electoral commission asked the platforms to act.\n\n"
                  for n in range(2, 6)), encoding="utf-8")
    run = command(project, "ingest", "a.txt")
    assert run.returncode == 0, run.stderr
    [text] = drafts(project)
    head = frontmatter(text)
    assert not INVISIBLE.search(head)
    assert "Russia targets Moldova election, officials say" in head
    assert "# ingest removed invisible characters from the fields above: U+202E (right-to-left override) ×" in head
    check_passes(project)


def test_new_removes_invisible_characters_from_the_title_and_says_so(project: Project):
    run = command(project, "new", "Evil\u202e title\u200b here")
    assert run.returncode == 0, run.stderr
    assert "Removed invisible characters from the title: U+202E (right-to-left override) ×1" in run.stdout
    text = (project.content / "briefings" / "evil-title-here.md").read_text(encoding="utf-8")
    assert 'title: "Evil title here"' in text
    check_passes(project)


def test_new_writes_no_control_character_that_check_would_refuse(project: Project):
    run = command(project, "new", "Moldova\x01votes")
    assert run.returncode == 0, run.stderr
    assert 'title: "Moldova votes"' in (project.content / "briefings" / "moldova-votes.md").read_text(encoding="utf-8")
    check_passes(project)


def test_new_gives_a_title_windows_keeps_as_a_name_a_suffix(project: Project):
    run = command(project, "new", "CON")
    assert run.returncode == 0, run.stderr
    assert (project.content / "briefings" / "con-1.md").is_file()
    assert not (project.content / "briefings" / "con.md").exists()


@pytest.mark.slow
def test_ingest_of_thousands_of_dated_lines_keeps_200_events_and_says_so(project: Project):
    day = dt.date(2020, 1, 1)
    lines = [f"On {(day + dt.timedelta(days=n)).strftime('%d %B %Y')}, officials in Moldova reported that accounts "
             f"posted election claims, number {n}." for n in range(1500)]
    (project.root / "a.txt").write_text("Russia targets Moldova election, officials say\n\nBy Jane Doe, Example News, "
                                        "3 October 2025\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    run = command(project, "ingest", "a.txt", timeout=240)
    assert run.returncode == 0, run.stderr
    [text] = drafts(project)
    head = frontmatter(text)
    assert head.count("\n  - date:") + head.count("\n- date:") == 200
    assert re.search(r"# ingest kept the first 200 of the 1,\d{3} events it found", head)
    check_passes(project)
