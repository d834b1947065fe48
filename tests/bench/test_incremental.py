"""A build that reuses the cache writes exactly the bytes a cold build writes.

Each step edits the content or a template, builds incrementally (cache and
previous output reused) and compares every output file with a cold build of
the same content (``--no-cache`` into an empty folder). The Pagefind bundle is
left out of the comparison: Pagefind itself names its files differently on
every run.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from site_builder.build import BuildOptions, build  # noqa: E402
from site_builder.output.reasons import BY_INDEX  # noqa: E402

TODAY = dt.date(2025, 1, 1)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "pagefind" not in p.relative_to(folder).parts}


def _options(tmp: Path, output: Path, cache: Path | None) -> BuildOptions:
    return BuildOptions(content=tmp / "content", output=output, templates=tmp / "templates",
                        static=tmp / "static", today=TODAY, cache_dir=cache, progress=False)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _body_edit(tmp: Path) -> None:
    path = tmp / "content" / "briefings" / "briefing-000007.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph, added by an editor.\n", encoding="utf-8")


def _title_edit(tmp: Path) -> None:
    _edit(tmp / "content" / "briefings" / "briefing-000003.md", 'title: "', 'title: "Updated: ')


def _entity_edit(tmp: Path) -> None:
    _edit(tmp / "content" / "entities" / "actors.yaml", "description: \"", "description: \"Newly described. ")


def _template_edit(tmp: Path) -> None:
    _edit(tmp / "templates" / "briefing.html", "</article>", "</article>\n<!-- edited -->")


def _remove_briefing(tmp: Path) -> None:
    (tmp / "content" / "briefings" / "briefing-000011.md").unlink()


def _add_briefing(tmp: Path) -> None:
    source = tmp / "content" / "briefings" / "briefing-000002.md"
    text = source.read_text(encoding="utf-8").replace('title: "', 'title: "Copy: ', 1)
    (tmp / "content" / "briefings" / "briefing-009999.md").write_text(text, encoding="utf-8")


def _names_edit(tmp: Path) -> None:
    """Another tag named: the briefing's entity list changes, and the tag's pages."""
    _edit(tmp / "content" / "briefings" / "briefing-000005.md", "tags: [", 'tags: ["Election Day", ')


def _date_edit(tmp: Path) -> None:
    path = tmp / "content" / "briefings" / "briefing-000004.md"
    text = path.read_text(encoding="utf-8")
    date = next(line for line in text.splitlines() if line.startswith("date: "))
    path.write_text(text.replace(date, "date: 2024-12-30", 1), encoding="utf-8")


def _entity_name_edit(tmp: Path) -> None:
    """An actor renamed, its old name kept as an alias so that briefings still find it."""
    path = tmp / "content" / "entities" / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("- name: "))
    old = first.removeprefix("- name: ")
    path.write_text(text.replace(first, f'- name: "Renamed Actor"\n  aliases: [{old}]', 1), encoding="utf-8")


def _newest_bodies_edit(tmp: Path) -> None:
    """The bodies of the newest briefing (on the home page and in the full-text feed) and of two others."""
    paths = sorted((tmp / "content" / "briefings").glob("*.md"),
                   key=lambda p: next(line for line in p.read_text("utf-8").splitlines() if line.startswith("date: ")))
    for path in (paths[-1], paths[0], paths[len(paths) // 2]):
        path.write_text(path.read_text(encoding="utf-8") + "\nA paragraph on *what* followed.\n", encoding="utf-8")


def _page_edit(tmp: Path) -> None:
    _edit(tmp / "content" / "pages" / "about.md", "This page", "This edited page")


def _settings_edit(tmp: Path) -> None:
    _edit(tmp / "content" / "site.yaml", "description: ", "description: Edited. ")


STEPS = [("nothing changed", None), ("body", _body_edit), ("title", _title_edit), ("entity", _entity_edit),
         ("template", _template_edit), ("removed briefing", _remove_briefing), ("added briefing", _add_briefing),
         ("entity list", _names_edit), ("date", _date_edit), ("entity name", _entity_name_edit),
         ("newest bodies", _newest_bodies_edit), ("page", _page_edit), ("settings", _settings_edit)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("incremental")
    generate(tmp / "content", 40, seed=7)
    shutil.copytree(ROOT / "templates", tmp / "templates")
    shutil.copytree(ROOT / "static", tmp / "static")
    build(_options(tmp, tmp / "public", tmp / "cache"))
    return tmp


@pytest.mark.parametrize("name, change", STEPS, ids=[s[0] for s in STEPS])
def test_incremental_build_matches_cold_build(site, name, change):
    if change is not None:
        change(site)
    report = build(_options(site, site / "public", site / "cache"))
    cold = site / f"cold-{name.replace(' ', '-')}"
    build(_options(site, cold, None))
    warm_files, cold_files = _files(site / "public"), _files(cold)
    assert sorted(warm_files) == sorted(cold_files)
    different = [path for path in cold_files if warm_files[path] != cold_files[path]]
    assert different == [], f"after '{name}', these differ from a cold build: {different[:10]}"
    if change is None:
        assert report.written == 0 and report.rendered == 0
    # Only an edit of bodies alone leaves the site's structure as it was, for the dependency index to decide.
    assert (BY_INDEX in report.reasons) == (name in ("body", "newest bodies")), report.reasons


def test_unchanged_files_keep_their_mtime(site):
    before = {p: p.stat().st_mtime_ns for p in (site / "public").rglob("*.html")}
    _body_edit(site)
    report = build(_options(site, site / "public", site / "cache"))
    after = {p: p.stat().st_mtime_ns for p in (site / "public").rglob("*.html")}
    touched = [p for p in before if after.get(p) != before[p]]
    assert touched and len(touched) < len(before) / 2, (len(touched), report.written)
    assert any(p.parts[-2] == "briefing-000007" for p in touched)


def test_parallel_and_cached_builds_match_a_serial_cold_build(tmp_path, monkeypatch):
    """Enough briefings that every stage forks workers; then an edit rebuilt with the cache."""
    generate(tmp_path / "content", 90, seed=11)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "static", tmp_path / "static")
    monkeypatch.setenv("SITE_BUILDER_JOBS", "2")
    build(_options(tmp_path, tmp_path / "parallel", tmp_path / "cache"))
    _body_edit(tmp_path)
    _entity_edit(tmp_path)
    report = build(_options(tmp_path, tmp_path / "parallel", tmp_path / "cache"))
    assert 0 < report.rendered < report.pages
    monkeypatch.setenv("SITE_BUILDER_JOBS", "1")
    build(_options(tmp_path, tmp_path / "serial", None))
    parallel, serial = _files(tmp_path / "parallel"), _files(tmp_path / "serial")
    assert sorted(parallel) == sorted(serial)
    assert [path for path in serial if parallel[path] != serial[path]] == []


def test_a_body_edit_renders_only_the_pages_that_may_show_that_body(site):
    """Listings, term and technique pages, ``briefings.csv`` and the STIX bundles list the briefing but show
    no body (``template_deps.body_readers``), nor do the briefing pages that list it as related, previous or
    next (``pages.Listed``): its page and the feeds that link it (which may show a body) are rendered, no other."""
    _body_edit(site)
    report = build(_options(site, site / "public", site / "cache"))
    assert BY_INDEX in report.reasons, report.reasons
    url = "/briefings/briefing-000007/"
    linking = [p for p in (site / "public").rglob("feed.xml") if url in p.read_text(encoding="utf-8")]
    linking.append(site / "public" / "briefings" / "briefing-000007" / "index.html")
    assert 1 < len(linking) == report.rendered, (len(linking), report.reasons)
