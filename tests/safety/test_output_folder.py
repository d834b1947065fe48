"""An output folder that would destroy something is refused before anything is read or written.

Building replaces the whole output folder, so ``--output`` may not be the
content folder (or inside it), the project root, ``/`` or the home folder.
The project-root and home cases run against stand-ins (a copy of the package
in a temporary project, a temporary HOME), so a broken guard could never
touch the real ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import site_builder.build as build_module
from site_builder.output.write import unsafe_output

from .helpers import REPO, Project, assert_no_traceback, cli, snapshot


@pytest.mark.parametrize("output", ["content", "content/briefings", "content/site.yaml", "templates", "static/css",
                                    ".", "/"])
def test_output_folder_that_would_destroy_files_is_refused(project: Project, output: str) -> None:
    before = {name: snapshot(project.root / name) for name in ("content", "templates", "static", "public")}
    target = Path(output) if output == "/" else project.root / output
    problems = project.failing_build(output=target)
    assert len(problems) == 1 and problems[0].hint.startswith("choose a separate folder")
    run = project.cli("build", "--output", output)
    assert run.returncode == 1
    assert_no_traceback(run)
    assert "error: " in run.stderr and "fix: choose a separate folder for the built site" in run.stderr
    assert {name: snapshot(project.root / name) for name in before} == before


def test_messages_say_what_would_be_lost(project: Project) -> None:
    def message(output: Path) -> str:
        return project.failing_build(output=output)[0].message

    assert "would replace" in message(project.content)
    assert "inside" in message(project.content / "briefings")
    assert "would replace" in message(project.root)
    assert message(Path("/")) == "refusing to use / as the output folder: building replaces the whole folder"


def test_project_root_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: Project) -> None:
    """The library refuses the project root (a stand-in, so a broken guard cannot wipe the real one)."""
    stand_in = tmp_path / "stand-in"
    shutil.copytree(project.content, stand_in / "content")
    (stand_in / "README.md").write_text("keep me\n")
    monkeypatch.setattr(build_module, "PROJECT_ROOT", stand_in)
    before = snapshot(stand_in)
    problems = project.failing_build(output=stand_in)
    assert "would replace" in problems[0].message
    problems = project.failing_build(output=stand_in.parent)
    assert "would replace" in problems[0].message
    assert snapshot(stand_in) == before
    # the real project root is protected the same way
    assert unsafe_output(REPO, [build_module.DEFAULT_TEMPLATES.parent]) is not None


def test_project_root_is_refused_by_the_command_line(tmp_path: Path) -> None:
    """The real CLI run from a copy of the project: --output pointing at that project root is refused."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "site_builder", root / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("templates", "static"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copytree(Path(__file__).parent / "fixtures" / "site", root / "content")
    before = snapshot(root)
    env = {"PYTHONPATH": str(root)}
    run = cli(["build", "--content", "content", "--output", "."], cwd=root, env=env)
    run_parent = cli(["build", "--content", ".", "--output", ".."], cwd=root / "content", env=env)
    for result in (run, run_parent):
        assert result.returncode == 1, result.stderr
        assert_no_traceback(result)
        assert "would replace" in result.stderr
    assert snapshot(root) == before


def test_home_folder_is_refused(tmp_path: Path, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """--output ~ is refused (HOME is a temporary folder here, never the real one)."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("precious\n")
    monkeypatch.setenv("HOME", str(home))
    assert Path.home() == home
    problems = project.failing_build(output=home)
    run = cli(project.cli_args("build", "--output", str(home)), cwd=project.root, env={"HOME": str(home)})
    assert "refusing to use" in problems[0].message
    assert run.returncode == 1 and "refusing to use" in run.stderr
    assert (home / "notes.txt").read_text() == "precious\n" and sorted(p.name for p in home.iterdir()) == ["notes.txt"]


def test_output_that_is_a_file_is_refused(project: Project) -> None:
    target = project.root / "public.txt"
    target.write_text("not a folder\n")
    problems = project.failing_build(output=target)
    assert "exists and is a file" in problems[0].message
    assert target.read_text() == "not a folder\n"


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(project: Project) -> None:
    """A file where a folder is needed (or a full disk, or no permission): located message, exit 1, site kept."""
    (project.root / "notes.txt").write_text("keep\n")
    def state() -> dict[str, bytes]:  # everything but the build cache
        return {path: data for path, data in snapshot(project.root).items() if not path.startswith(".cache")}

    before = state()
    run = project.cli("build", "--output", "notes.txt/public")
    assert run.returncode == 1
    assert_no_traceback(run)
    assert "notes.txt: error: cannot read or write this path" in run.stderr and "fix: " in run.stderr
    assert state() == before
