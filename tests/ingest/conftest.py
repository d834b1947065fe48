"""Fixtures for the ingest tests: a small knowledge base, sources we wrote, the shared seeds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from site_builder.content.entities import load_knowledge_base
from site_builder.ingest.extract.match import Matcher
from site_builder.ingest.pipeline import ingest_file

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SOURCES = FIXTURES / "sources"
FIXTURE_CONTENT = FIXTURES / "content"
REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "seeds"
REAL_CONTENT = REPO / "content"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="session")
def kb():
    knowledge, problems = load_knowledge_base(FIXTURE_CONTENT)
    assert problems == []
    return knowledge


@pytest.fixture(scope="session")
def matcher(kb):
    return Matcher.build(kb)


@pytest.fixture(scope="session")
def kb_matcher(kb, matcher):
    return kb, matcher


@pytest.fixture(scope="session")
def ingest(kb, matcher):
    """Ingest one fixture source by file name: returns its SourceResult."""
    cache: dict = {}

    def run(name: str):
        if name not in cache:
            cache[name] = ingest_file(SOURCES / name, kb, matcher, TODAY)
        return cache[name]

    return run


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A writable copy of the fixture content folder (knowledge base and an empty briefings folder)."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    (target / "briefings").mkdir(exist_ok=True)
    return target


def seed_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS.resolve()}")
    return SEEDS.resolve()


def real_kb():
    if not (REAL_CONTENT / "entities").is_dir():
        pytest.skip("content/entities is missing; the seed tests need the site's knowledge base")
    knowledge, problems = load_knowledge_base(REAL_CONTENT)
    if problems:
        pytest.skip(f"content/entities has problems ({problems[0]}); fix them to run the seed tests")
    return knowledge
