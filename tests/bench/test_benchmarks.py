"""The benchmark's converters turn the synthetic corpus into valid Hugo and Pelican projects.

The builds themselves run only when ``hugo`` / ``pelican`` are installed
(``PELICAN=/path/to/bin/pelican`` points at one outside PATH); the checks of
the written files always run.
"""

from __future__ import annotations

import json
import statistics
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the benchmarks package sits beside site_builder

from benchmarks import bench, hugo_site, pelican_site  # noqa: E402
from benchmarks.corpus import generate  # noqa: E402

N = 20
PER_PAGE = 10  # benchmarks.corpus.SITE_YAML


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("corpus") / "content", N)


def _briefings(corpus: Path) -> dict[str, dict]:
    """Front matter of every corpus briefing, by file name."""
    return {p.name: pelican_site.split_front_matter(p.read_text(encoding="utf-8"))[0]
            for p in sorted((corpus / "briefings").glob("*.md"))}


def _all_terms(corpus: Path) -> set[str]:
    return {name for meta in _briefings(corpus).values() for name in pelican_site.terms(meta)}


def _pelican_metadata(path: Path) -> tuple[dict[str, str], str]:
    header, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    return dict(line.split(": ", 1) for line in header.splitlines()), body


def _pelican_tags(value: str) -> list[str]:
    """Split a Tags value as Pelican does (pelican.readers.ensure_metadata_list)."""
    parts = value.split(";") if ";" in value else value.split(",")
    return [p.strip() for p in parts if p.strip()]


def test_corpus_per_page_is_read_from_site_yaml(corpus: Path) -> None:
    assert pelican_site.site_settings(corpus)["per_page"] == PER_PAGE


def test_pelican_project_has_one_article_per_briefing_with_its_metadata(corpus: Path, tmp_path: Path) -> None:
    site = pelican_site.convert(corpus, tmp_path / "pelican")
    sources = _briefings(corpus)
    articles = sorted((site / "content" / "briefings").glob("*.md"))
    assert [a.name for a in articles] == list(sources)
    for article in articles:
        meta, body = _pelican_metadata(article)
        source = sources[article.name]
        assert meta["Title"] == source["title"]
        assert meta["Date"] == source["date"].isoformat()
        assert meta["Slug"] == article.stem
        assert meta["Summary"] == source["summary"]
        assert meta["Category"] == str(source["date"].year)
        expected = [n for kind in pelican_site.TERM_KINDS for n in source.get(kind, [])]
        assert _pelican_tags(meta["Tags"]) == list(dict.fromkeys(expected))
        assert body.strip()
        assert "## Sources" in body
        for s in source["sources"]:
            assert s["url"] in body
    assert sorted(p.name for p in (site / "content" / "pages").glob("*.md")) == ["about.md", "methodology.md"]


def test_pelican_settings_paginate_like_the_site_and_write_feeds(corpus: Path, tmp_path: Path) -> None:
    site = pelican_site.convert(corpus, tmp_path / "pelican")
    settings: dict = {}
    exec(compile((site / "pelicanconf.py").read_text(encoding="utf-8"), "pelicanconf.py", "exec"), settings)
    assert settings["DEFAULT_PAGINATION"] == PER_PAGE
    assert {"index", "tag", "category"} <= set(settings["PAGINATED_TEMPLATES"])
    assert settings["FEED_ALL_ATOM"] and settings["TAG_FEED_ATOM"]
    assert settings["SITEURL"] == "https://bench.example"
    assert settings["ARTICLE_PATHS"] == ["briefings"]
    other = pelican_site.convert(corpus, tmp_path / "p5", per_page=5)
    assert "DEFAULT_PAGINATION = 5\n" in (other / "pelicanconf.py").read_text(encoding="utf-8")


def test_tag_field_survives_names_with_commas() -> None:
    for names in (["Korea, Republic of"], ["Korea, Republic of", "FIMI"], ["a", "b", "c"]):
        assert _pelican_tags(pelican_site.tag_field(names)) == names


def test_hugo_site_has_one_page_per_briefing_with_its_front_matter(corpus: Path, tmp_path: Path) -> None:
    site = hugo_site.convert(corpus, tmp_path / "hugo", per_page=PER_PAGE)
    config = json.loads((site / "config.json").read_text(encoding="utf-8"))
    assert config["paginate"] == PER_PAGE
    assert set(config["taxonomies"].values()) == set(hugo_site.TAXONOMIES)
    sources = _briefings(corpus)
    pages = sorted((site / "content" / "briefings").glob("*.md"))
    assert [p.name for p in pages] == list(sources)
    for page in pages:
        front, body = page.read_text(encoding="utf-8").split("\n\n", 1)
        meta = json.loads(front)
        source = sources[page.name]
        assert meta["title"] == source["title"]
        assert meta["date"] == source["date"].isoformat()
        for kind in hugo_site.TAXONOMIES:
            assert meta.get(kind) == source.get(kind)
        assert body.strip()
    for layout in hugo_site.LAYOUTS:
        assert (site / "layouts" / layout).is_file()


def _pelican_executable() -> str | None:
    return os.environ.get("PELICAN") or shutil.which("pelican")


@pytest.mark.external
@pytest.mark.skipif(_pelican_executable() is None, reason="pelican not installed (set PELICAN=/path/to/bin/pelican)")
def test_pelican_builds_the_project(corpus: Path, tmp_path: Path) -> None:
    site = pelican_site.convert(corpus, tmp_path / "pelican")
    trash = bench.Trash(tmp_path)
    run = bench.pelican("cold", site, _pelican_executable(), clean=True, trash=trash)
    assert run.ok
    out = site / "output"
    for article in (corpus / "briefings").glob("*.md"):
        assert (out / "briefings" / article.stem / "index.html").is_file()
    tag_pages = list((out / "tags").glob("*/index.html"))
    assert len(tag_pages) == len(_all_terms(corpus))  # every term its own page: no two names share a slug
    assert len(list((out / "tags").glob("*/feed.xml"))) == len(tag_pages)
    assert (out / "page" / "2" / "index.html").is_file()  # 20 briefings, 10 a page
    assert (out / "feed.xml").is_file() and (out / "timeline" / "index.html").is_file()
    assert (out / "about" / "index.html").is_file()
    warm = bench.pelican("warm", site, _pelican_executable(), clean=False, trash=trash)
    assert warm.ok and (site / "cache").is_dir()


@pytest.mark.external
@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo not installed")
def test_hugo_builds_the_site(corpus: Path, tmp_path: Path) -> None:
    site = hugo_site.convert(corpus, tmp_path / "hugo", per_page=PER_PAGE)
    result = subprocess.run(["hugo", "--quiet", "-s", str(site), "-d", str(site / "public")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for article in (corpus / "briefings").glob("*.md"):
        assert (site / "public" / "briefings" / article.stem / "index.html").is_file()


def test_bench_rejects_unknown_scenarios() -> None:
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--sizes", "10", "--only", "cold,nonsense"])
    assert exit_.value.code == 2



def test_trash_moves_folders_aside_and_deletes_them_only_when_emptied(tmp_path: Path) -> None:
    trash = bench.Trash(tmp_path)
    for name in ("public", "other"):
        (tmp_path / "site" / name / "page").mkdir(parents=True)
        (tmp_path / "site" / name / "page" / "index.html").write_text(name)
    trash.discard(tmp_path / "site" / "public")
    trash.discard(tmp_path / "site" / "missing")  # nothing to move: no error
    (tmp_path / "site" / "public").mkdir()  # the same name again, e.g. a second cold build
    trash.discard(tmp_path / "site" / "public")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["other"]
    kept = sorted(trash.folder.rglob("index.html"))
    assert [p.read_text() for p in kept] == ["public"]
    trash.empty()
    assert not trash.folder.exists()
    assert (tmp_path / "site" / "other" / "page" / "index.html").read_text() == "other"


def test_pairs_of_cold_builds_give_one_ratio_each_and_their_median() -> None:
    runs = {"cold #2": bench.Run("cold #2", 50.0, 80.0, 500), "hugo cold #2": bench.Run("hugo cold #2", 100.0, 90.0, 900),
            "cold #3": bench.Run("cold #3", 60.0, 80.0, 500), "hugo cold #3": bench.Run("hugo cold #3", 75.0, 90.0, 900),
            "cold #4": bench.Run("cold #4", 70.0, 80.0, 500), "hugo cold #4": bench.Run("hugo cold #4", 70.0, 90.0, 900)}
    assert bench.pair_ratios(runs) == "ratio ours/Hugo, cold, side by side: 0.50, 0.80, 1.00 (median 0.80)"
    runs["hugo cold #3"].ok = False  # a failed build has no ratio
    assert bench.pair_ratios(runs) == "ratio ours/Hugo, cold, side by side: 0.50, 1.00 (median 0.75)"
    assert bench.pair_ratios({"cold": runs["cold #2"]}) is None


@pytest.mark.slow
@pytest.mark.external
@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo not installed")
def test_bench_runs_pairs_of_cold_builds(tmp_path: Path, capsys) -> None:
    figures = tmp_path / "figures.json"
    assert bench.main(["--sizes", "12", "--work", str(tmp_path / "work"), "--only", "cold,hugo", "--no-pelican",
                       "--pairs", "2", "--json", str(figures)]) == 0
    out = capsys.readouterr().out
    for row in ("cold #2", "cold #3", "hugo cold #2", "hugo cold #3", "hugo cold"):
        assert re.search(rf"^{re.escape(row)}\s+\d+\.\d\d\s", out, re.M), row
    # Each ratio is the pair's own: ours may take ten times Hugo's time or more on a loaded machine (two digits).
    wall = {run["scenario"]: run["wall"] for run in json.loads(figures.read_text())["12"]}
    ratios = [wall[f"cold #{n}"] / wall[f"hugo cold #{n}"] for n in (2, 3)]
    line = (f"ratio ours/Hugo, cold, side by side: {ratios[0]:.2f}, {ratios[1]:.2f} "
            f"(median {statistics.median(ratios):.2f})")
    assert line in out.splitlines(), out
    assert re.search(r"side by side: \d+\.\d\d, \d+\.\d\d \(median \d+\.\d\d\)", out)
    assert not (tmp_path / "work" / ".trash").exists(), "what the benchmark set aside is deleted at the end"


def _actor_counts(folder: Path) -> list[int]:
    counts: dict[str, int] = {}
    for front in _briefings(folder).values():
        actors = front["actors"]
        assert 1 <= len(actors) <= 5 and len(set(actors)) == len(actors)
        for name in actors:
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts.values(), reverse=True)


def test_term_heavy_profile_is_deterministic_and_skewed(tmp_path):
    """The term-heavy corpus gives the same bytes twice; its actors are skewed, the default's are not."""
    first = generate(tmp_path / "a", 300, profile="term-heavy")
    second = generate(tmp_path / "b", 300, profile="term-heavy")
    for path in sorted(first.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()
    skewed, flat = _actor_counts(first), _actor_counts(generate(tmp_path / "c", 300))
    assert skewed[0] >= 50 and flat[0] < 15
    for front in _briefings(first).values():
        assert len(front["sources"]) == 1 and 1 <= len(front["events"]) <= 2
    with pytest.raises(ValueError):
        generate(tmp_path / "d", 1, profile="no-such-profile")


def test_page_kinds_counts_files_per_top_folder(tmp_path):
    (tmp_path / "actors" / "a").mkdir(parents=True)
    (tmp_path / "actors" / "a" / "index.html").write_text("x")
    (tmp_path / "actors" / "a" / "feed.xml").write_text("x")
    (tmp_path / "index.html").write_text("x")
    assert bench.page_kinds(tmp_path) == {"/": 1, "/ html": 1, "actors": 2, "actors html": 1}


def test_the_peak_of_a_process_tree_is_split_between_the_builder_and_its_workers() -> None:
    """A real tree: a process holding 60 MB, its child 120 MB; measured as the bench measures builds."""
    hold = ("import subprocess, sys, time; block = bytearray({mb} << 20); block[::4096] = b'x' * len(block[::4096]); "
            "{more}time.sleep(1.5)")
    child = hold.format(mb=120, more="")
    parent = hold.format(mb=60, more=f"subprocess.run([sys.executable, '-c', {child!r}]); ")
    wall, cpu, peak, out, code, tree, at_peak = bench.measure([sys.executable, "-c", parent])
    assert code == 0 and tree >= 175
    assert 55 <= at_peak["builder"] < 110 and 115 <= at_peak["workers"] < 170
    run = bench.Run("cold", wall, cpu, peak, pages=100, tree_mb=tree, at_peak=at_peak)
    assert run.kb_per_page == pytest.approx(tree * 1024 / 100, rel=1e-12)
    assert run.cpu_ms_per_page == pytest.approx(cpu * 10, rel=1e-12)  # cpu * 1000 / 100 may differ in the last bit
