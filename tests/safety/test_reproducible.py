"""Two builds of the same content are byte-identical: whatever the folder the
content sits in, the order files were created in, Python's hash seed or the
process that builds it.

The Pagefind search bundle is the exception: Pagefind writes its filter and
metadata indexes in an order that changes from run to run (upstream issue
Pagefind/pagefind#638), so it is compared apart and marked as a known failure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import FIXTURE, SEARCH_BUNDLE, Project, cli_many, snapshot, without_search

def copy_reversed(source: Path, target: Path) -> None:
    """The same tree, files created in the opposite order (so directory order differs)."""
    paths = sorted(source.rglob("*"), reverse=True)
    for path in paths:
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The fixture site built by the command line twice: different folders, file order and hash seeds."""
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second") / "deeper" / "path"
    shutil.copytree(FIXTURE, first / "content")
    copy_reversed(FIXTURE, second / "content")
    args = ["build", "--content", "content", "--output", "public", "--today", "2026-01-01"]
    runs = [cli_many([args], cwd=root, env={"PYTHONHASHSEED": seed})[0]
            for root, seed in ((first, "1"), (second, "4242"))]
    for run in runs:
        assert run.returncode == 0, run.stderr
    return snapshot(first / "public"), snapshot(second / "public")


def test_two_builds_are_byte_identical(two_builds) -> None:
    first, second = (without_search(files) for files in two_builds)
    assert len(first) > 20
    assert sorted(first) == sorted(second)
    different = [path for path in first if first[path] != second[path]]
    assert different == []


def test_rebuilding_in_place_changes_nothing(project: Project) -> None:
    project.build()
    before = without_search(snapshot(project.output))
    project.build()
    assert without_search(snapshot(project.output)) == before


def test_library_and_command_line_build_the_same_site(project: Project, two_builds) -> None:
    project.build()
    assert without_search(snapshot(project.output)) == without_search(two_builds[0])


@pytest.mark.xfail(reason="Pagefind's filter and metadata indexes change between runs (Pagefind/pagefind#638)",
                   strict=False)
def test_search_bundle_is_byte_identical(two_builds) -> None:
    first, second = two_builds
    search = {path: data for path, data in first.items() if path.startswith(SEARCH_BUNDLE)}
    if not search:
        pytest.skip("Pagefind is not installed, so there is no search bundle")
    assert search == {path: data for path, data in second.items() if path.startswith(SEARCH_BUNDLE)}
