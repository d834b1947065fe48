"""The build's input key never reads what is not a regular content file."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.produce import input_key


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
