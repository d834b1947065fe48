"""The check a build starts with: when nothing changed, and the output is as it was
written, the build stops there; any change to an input or to the output means a build.

The input key never reads what is not a regular content file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import TODAY
from site_builder.build import BuildOptions, build
from site_builder.cache import files_under, input_key


def test_links_devices_fifos_and_huge_files_are_not_read(tmp_path: Path):
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.md").write_text("one")
    os.symlink("/dev/zero", folder / "zero.md")
    os.mkfifo(folder / "pipe.md")
    with open(folder / "huge.md", "wb") as handle:  # sparse: costs no disk
        handle.truncate(60 * 1024 * 1024)
    first = input_key([folder], ())
    assert input_key([folder], ()) == first
    (folder / "a.md").write_text("two")
    assert input_key([folder], ()) != first


def test_files_are_listed_as_os_walk_finds_them(tmp_path: Path):
    folder = tmp_path / "tree"
    for name in ("b.md", "a.md", "sub/z.yaml", "sub/deeper/x.md", "Sub2/y.md", "sub/a.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(name)
    os.symlink(folder / "sub", folder / "linked-folder")  # neither listed nor followed
    os.symlink(folder / "a.md", folder / "linked-file.md")  # listed, as os.walk lists it
    expected = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        expected += [(Path(root, name).relative_to(folder).as_posix(), str(Path(root, name))) for name in sorted(names)]
    assert list(files_under(str(folder))) == expected
    assert [relative for relative, _ in expected] == [
        "a.md", "b.md", "linked-file.md", "Sub2/y.md", "sub/a.md", "sub/z.yaml", "sub/deeper/x.md"]
    assert list(files_under(str(tmp_path / "missing"))) == []


def _stages(report) -> list[str]:
    return [name for name, _ in report.timings]


def _output(options: BuildOptions) -> dict[str, bytes]:
    return {p.relative_to(options.output).as_posix(): p.read_bytes() for p in options.output.rglob("*") if p.is_file()}


@pytest.fixture
def built(content: Path, tmp_path: Path) -> BuildOptions:
    """The fixture site built once with a cache; the options to build it again."""
    options = BuildOptions(content=content, output=tmp_path / "public", cache_dir=tmp_path / "cache",
                           today=TODAY, progress=False)
    build(options)
    return options


def test_nothing_changed_stops_after_the_check(built: BuildOptions):
    report = build(built)
    assert _stages(report) == ["check for changes"]
    assert report.rendered == report.written == 0 and report.pages > 0


def _stray_file(options: BuildOptions) -> None:
    (options.output / "briefings" / "stray.html").write_text("<p>not ours</p>")


def _deleted_page(options: BuildOptions) -> None:
    (options.output / "index.html").unlink()


def _edited_page(options: BuildOptions) -> None:
    page = options.output / "index.html"
    page.write_bytes(page.read_bytes() + b"<!-- edited by hand -->")


def _edited_nested_input(options: BuildOptions) -> None:
    entities = sorted((options.content / "entities").glob("*.yaml"))[0]
    entities.write_text(entities.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")


def _new_input(options: BuildOptions) -> None:
    (options.content / "pages" / "notes.txt").write_text("not a page, but an input all the same")


@pytest.mark.parametrize("change", [_stray_file, _deleted_page, _edited_page, _edited_nested_input, _new_input])
def test_a_change_to_the_output_or_an_input_means_a_build(built: BuildOptions, change):
    before = _output(built)
    change(built)
    report = build(built)
    assert "render" in _stages(report)
    after = _output(built)
    assert sorted(after) == sorted(before)  # a stray file is gone, a deleted page is back
    assert after["index.html"] == before["index.html"]
    assert _stages(build(built)) == ["check for changes"]
