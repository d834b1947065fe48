"""Fixtures for the safety suite: a small valid site in a temporary folder, with
the previous build beside it.

Every test starts from ``fixtures/site`` (never from ``content/``, which editors
change), breaks or probes one thing, and checks what an editor would see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.build import DEFAULT_STATIC, DEFAULT_TEMPLATES, BuildOptions, build

from .helpers import CACHE, FIXTURE, TODAY, Project


@pytest.fixture(scope="session")
def previous_site(tmp_path_factory) -> Path:
    """The fixture site built once; each project starts with a copy of it as its previous output."""
    root = tmp_path_factory.mktemp("previous")
    shutil.copytree(FIXTURE, root / "content")
    build(BuildOptions(content=root / "content", output=root / "public", today=TODAY, cache_dir=root / CACHE))
    return root / "public"


@pytest.fixture
def project(tmp_path: Path, previous_site: Path) -> Project:
    """A fresh copy of the fixture site, its templates and static files, and a previous build."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    shutil.copytree(DEFAULT_TEMPLATES, tmp_path / "templates")
    shutil.copytree(DEFAULT_STATIC, tmp_path / "static")
    shutil.copytree(previous_site, tmp_path / "public")
    return Project(tmp_path)
