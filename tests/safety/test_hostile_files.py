"""Content files that are not files: a folder named ``x.md``, a named pipe, a link to
itself or to nothing. Reading a pipe blocks until something writes to it, so each
must be refused at once, by name, before any byte is read (never a hang, never
left out unsaid); see docs/hostile-inputs.md."""

from __future__ import annotations

import os

import pytest

from .helpers import Project, assert_reported, snapshot

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")


def make_folder(path):
    path.mkdir()
    (path / "inside.txt").write_text("x")


@pytest.mark.parametrize("rel, make, message, hint", [
    ("briefings/x.md", make_folder, "is a folder, not a text file", "rename the folder"),
    ("briefings/pipe.md", os.mkfifo, "is a named pipe, not a text file", "delete it"),
    ("pages/pipe.md", os.mkfifo, "is a named pipe, not a text file", "delete it"),
    ("briefings/loop.md", lambda p: os.symlink(p.name, p), "a loop of symbolic links", "delete the link"),
    ("briefings/gone.md", lambda p: os.symlink("missing.md", p), "is a link to missing.md, which does not exist",
     "delete the link"),
])
def test_a_markdown_name_that_is_not_a_file_is_refused_by_name(project: Project, rel, make, message, hint):
    make(project.path(rel))
    before = snapshot(project.output)
    for run in project.cli_both():
        assert_reported(run, f"content/{rel}", 1, None, message, hint)
    assert snapshot(project.output) == before


@pytest.mark.parametrize("rel", ["site.yaml", "entities/actors.yaml"])
def test_a_settings_or_entity_file_that_is_a_pipe_is_refused_not_waited_on(project: Project, rel):
    project.path(rel).unlink()
    os.mkfifo(project.path(rel))
    for run in project.cli_both():
        assert_reported(run, f"content/{rel}", 1, None, "is a named pipe, not a text file")


def test_an_ingest_record_that_is_a_pipe_is_not_waited_on(project: Project):
    (project.content / ".ingest").mkdir()
    os.mkfifo(project.content / ".ingest" / "moldova-vote-buying.json")
    for run in project.cli_both():
        assert run.returncode == 0, run.stderr
