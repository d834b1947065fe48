"""Templates are parsed once per build at most, and not at all when the build cache knows them."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build
from site_builder.cache import BuildCache
from site_builder.content.config import SiteConfig
from site_builder.errors import SiteError
from site_builder.output import search
from site_builder.render.template_deps import template_facts
from site_builder.render.templating import make_environment
from conftest import FIXTURE_SITE, REPO, TODAY


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> BuildOptions:
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    return BuildOptions(content=tmp_path / "content", output=tmp_path / "public", templates=tmp_path / "templates",
                        static=REPO / "static", today=TODAY, cache_dir=tmp_path / "cache", progress=False,
                        keep_state=True)


def _edit_a_body(options: BuildOptions) -> None:
    path = sorted((options.content / "briefings").glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")


def _pages(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


def test_a_build_with_the_same_templates_parses_none_and_writes_the_same_pages(project: BuildOptions) -> None:
    first = build(project)
    names = set(first.state.env.list_templates())
    assert set(first.state.env.parsed) == names, "the first build compiles (so parses) every template, once"
    _edit_a_body(project)
    second = build(project)
    assert second.rendered > 0
    assert second.state.env.parsed == {}, "compiled templates and their facts came from the cache"
    build(dataclasses.replace(project, output=project.output.parent / "cold", cache_dir=None))
    assert _pages(project.output) == _pages(project.output.parent / "cold")


def test_facts_from_the_cache_are_those_read_off_the_templates(project: BuildOptions, tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "facts-cache")
    env = make_environment([project.templates], SiteConfig(), {}, cache)
    fresh = template_facts(env)
    assert template_facts(env, cache) == fresh
    assert template_facts(env, cache) is template_facts(env, cache), "the second answer is the cached one"
    card = project.templates / "partials" / "card.html"
    card.write_text(card.read_text(encoding="utf-8").replace("card-title", "card-name"), encoding="utf-8")
    edited = template_facts(env, cache)
    assert edited.hashes["partials/card.html"] != fresh.hashes["partials/card.html"]
    assert edited == template_facts(make_environment([project.templates], SiteConfig(), {}))


def test_a_template_broken_after_a_cached_build_is_reported_at_its_line(project: BuildOptions) -> None:
    build(project)
    page = project.templates / "page.html"
    page.write_text(page.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    with pytest.raises(SiteError) as raised:
        build(project)
    assert any("page.html" in p.path and "syntax" in p.message for p in raised.value.problems)
