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


@pytest.mark.parametrize("rel, make, message, hint", [
    ("static/img/pipe.jpg", os.mkfifo, "is not a file (it is a named pipe)", "replace it with the file itself"),
    ("static/img/gone.jpg", lambda p: os.symlink("missing.jpg", p), "is not a file (it is a link to nothing",
     "replace it with the file itself"),
    ("static/img/aux.jpg", lambda p: p.write_bytes(b"\x89PNG"), "'aux.jpg' is a name Windows keeps for a device",
     "rename it"),
])
def test_a_static_file_that_cannot_be_published_is_refused_by_name(project: Project, rel, make, message, hint):
    """A picture that is a pipe or a broken link was skipped without a word, so it went missing from
    the site; a device name stops the repository checking out on Windows."""
    project.path(rel).parent.mkdir(parents=True, exist_ok=True)
    make(project.path(rel))
    before = snapshot(project.output)
    for run in project.cli_both():
        assert_reported(run, f"content/{rel}", None, None, message, hint)
    assert snapshot(project.output) == before
