"""Finding the Pagefind binary without importing Pagefind's Python package, in the package's order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.output import pagefind_binary
from site_builder.output.pagefind_binary import pagefind_executable, shipped_binary

from conftest import REPO

_LOOKUP = """
import json, sys
from site_builder.output import search
found = search.pagefind_executable()
imported = sorted(m for m in sys.modules if m == "pagefind" or m.startswith("pagefind."))
try:
    from pagefind.service import get_executable
except ImportError:
    theirs = None
else:
    theirs = get_executable()
print(json.dumps([str(found) if found else None, imported, str(theirs) if theirs else None]))
"""


def test_the_lookup_imports_no_pagefind_module_and_finds_what_pagefind_would():
    result = subprocess.run([sys.executable, "-c", _LOOKUP], capture_output=True, text=True, cwd=REPO, timeout=60,
                            env={k: v for k, v in os.environ.items() if k != "PAGEFIND_BINARY_PATH"})
    assert result.returncode == 0, result.stderr
    found, imported, theirs = json.loads(result.stdout)
    assert imported == []
    assert found == theirs


def _fake_package(root: Path, name: str, binary: str | None) -> None:
    (root / name).mkdir(parents=True)
    (root / name / "__init__.py").write_text("raise RuntimeError('a lookup must not import this')\n")
    if binary:
        (root / name / binary).write_text("#!/bin/sh\n")


def test_a_package_is_found_by_its_spec_and_must_hold_the_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _fake_package(tmp_path, "fake_bin_full", "pagefind")
    _fake_package(tmp_path, "fake_bin_empty", None)
    (tmp_path / "fake_bin_dir").mkdir()
    (tmp_path / "fake_bin_dir" / "__init__.py").write_text("")
    (tmp_path / "fake_bin_dir" / "pagefind_extended").mkdir()  # a folder of that name is no binary
    monkeypatch.syspath_prepend(str(tmp_path))
    assert shipped_binary("fake_bin_full") == tmp_path / "fake_bin_full" / "pagefind"
    assert shipped_binary("fake_bin_empty") is None
    assert shipped_binary("fake_bin_dir") is None
    assert shipped_binary("no_such_package_here") is None
    assert "fake_bin_full" not in sys.modules
    monkeypatch.setattr(pagefind_binary, "BINARY_PACKAGES", ("fake_bin_empty", "fake_bin_full"))
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert pagefind_executable() == tmp_path / "fake_bin_full" / "pagefind"


def test_the_variable_comes_first_and_path_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    on_path = tmp_path / "bin"
    on_path.mkdir()
    (on_path / "pagefind").write_text("#!/bin/sh\n")
    (on_path / "pagefind").chmod(0o755)
    monkeypatch.setattr(pagefind_binary, "BINARY_PACKAGES", ("no_such_package_here",))
    monkeypatch.setenv("PATH", str(on_path))
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert pagefind_executable() == on_path / "pagefind"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/chosen/pagefind")
    assert pagefind_executable() == Path("/opt/chosen/pagefind")
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert pagefind_executable() is None
