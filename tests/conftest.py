"""Shared fixtures: a small content tree copied into a temporary folder and built."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE_SITE = TESTS / "fixtures" / "site_basic"
SEEDS = REPO.parent / "shared" / "seeds"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the fixture content tree."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, target)
    return target


def build_into(content_dir: Path, output: Path, **options) -> Path:
    build(BuildOptions(content=content_dir, output=output, today=TODAY, **options))
    return output


@pytest.fixture
def built(content: Path, tmp_path: Path) -> Path:
    """The fixture site, built once for the test."""
    return build_into(content, tmp_path / "public")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture site built once per session, for read-only checks of its output."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(FIXTURE_SITE, root / "content")
    return build_into(root / "content", root / "public")
