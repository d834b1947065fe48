"""Shared fixtures: a small content tree copied into a temporary folder and built; the command line in a process."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE_SITE = TESTS / "fixtures" / "site_basic"
SEEDS = REPO.parent / "shared" / "seeds"
TODAY = dt.date(2026, 1, 1)


# Tests that took 1.5 s or more each on a 2-core machine shared by several test runs (builds with
# Pagefind, the preview server, property tests with hundreds of examples); decorated ones took 5 s or more.
SLOW = {
    "safety/test_serve.py": {"test_serve_survives_broken_content_and_comes_back"},
    "safety/test_properties.py": {"test_random_frontmatter", "test_random_frontmatter_reads_without_exceptions",
                                  "test_random_files_never_crash_check"},
    "safety/test_reproducible.py": {"test_two_builds_are_byte_identical"},
    "safety/test_bad_content.py": {"test_huge_file_is_refused_without_reading_it", "test_every_problem_in_one_run"},
    "test_build_output.py": {"test_timeline_index_lists_the_latest_entries_and_year_pages_list_all",
                             "test_moving_the_site_under_a_path_renders_cached_bodies_again",
                             "test_drafts_are_left_out_unless_asked"},
    "output/test_search_stage.py": {"test_indexing_starts_while_the_other_pages_render",
                                    "test_a_failure_while_indexing_early_leaves_no_scratch_and_the_old_site"},
    "output/test_search.py": {"test_an_edit_indexes_again_only_the_run_that_holds_the_page",
                              "test_serve_rebuilds_keep_the_last_bundle_and_the_next_build_indexes_again",
                              "test_index_view_cuts_exactly_where_whole_page_patterns_would",
                              "test_a_template_edit_indexes_again_only_when_it_changes_what_pagefind_reads"},
    "render/test_markdown_body.py": {"test_blocks_skip_the_processors_they_cannot_be_for_with_the_same_output",
                                     "test_text_without_markup_skips_the_inline_patterns_with_the_same_output",
                                     "test_mentions_are_where_the_regular_expression_finds_them"},
    "test_processes_workers.py": {"test_the_prefix_call_comes_once_its_items_are_in_while_the_rest_are_not"},
    "content/test_yamlfile.py": {"test_dumped_documents_read_alike_with_libyaml_and_pure_python"},
    "render/test_templating.py": {"test_an_edit_to_the_card_reaches_listing_and_term_pages_on_a_cached_build"},
    "ingest/test_seeds.py": {"test_every_known_country_platform_and_actor_named_is_found"},
}
# The performance tests in tests/bench/ (incremental and live builds compared byte for byte with whole ones,
# and the memos behind them) are slow as whole files; the benchmark script's own tests beside them are not.
SLOW_FILES = {"bench/test_fingerprints.py", "bench/test_incremental.py", "bench/test_live.py",
              "bench/test_pictures.py", "bench/test_warm_check.py"}


def pytest_collection_modifyitems(items) -> None:
    """Marks by place: tests/browser/ is browser; ``SLOW_FILES`` (whole builds compared) and ``SLOW`` are slow."""
    for item in items:
        path = Path(item.path)
        if path.is_relative_to(TESTS / "browser"):
            item.add_marker(pytest.mark.browser)
        if not path.is_relative_to(TESTS):
            continue
        where = path.relative_to(TESTS).as_posix()
        if where in SLOW_FILES or item.originalname in SLOW.get(where, ()):
            item.add_marker(pytest.mark.slow)


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


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The command in a process of its own, its output buffered as in an editor's shell piped to a file."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "site_builder", *args], capture_output=True, text=True,
                          cwd=cwd or REPO, timeout=120, env=env)
