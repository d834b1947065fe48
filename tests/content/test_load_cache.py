"""What a build keeps of the content stage for the next: the parsed knowledge base and the related
briefings are made again only when what they are made of changed (``collect._knowledge_base``,
``site._rank_related``), and a cached one is the same as a fresh one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build, load_content
from site_builder.cache import BuildCache
from site_builder.content import collect, site as site_module
from site_builder.content.site import build_site
from conftest import FIXTURE_SITE, TODAY


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    return tmp_path / "content"


def _options(content: Path) -> BuildOptions:
    return BuildOptions(content=content, output=content.parent / "public", cache_dir=content.parent / "cache",
                        today=TODAY, progress=False)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_knowledge_base_is_parsed_again_only_when_its_files_change(content: Path, monkeypatch):
    build(_options(content))
    parsed = []
    real = collect.load_knowledge_base
    monkeypatch.setattr(collect, "load_knowledge_base", lambda *a, **k: parsed.append(1) or real(*a, **k))
    _append(content / "briefings" / "czech-accounts.md", "\nA closing line.\n")
    build(_options(content))
    assert parsed == [], "a body edit reads the knowledge base from the cache"
    actors = content / "entities" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "Czech far-left party.", "A party described anew.", 1), encoding="utf-8")
    build(_options(content))
    assert parsed == [1]
    assert "A party described anew." in (content.parent / "public" / "actors" / "stacilo" / "index.html").read_text("utf-8")


def test_a_cached_knowledge_base_is_a_fresh_copy_equal_to_a_parsed_one(content: Path):
    cache = BuildCache(content.parent / "cache")
    first, _ = load_content(_options(content), cache)
    again, _ = load_content(_options(content), cache)
    fresh, _ = load_content(_options(content))
    assert again.kb is not first.kb
    assert repr(again.kb.entities) == repr(fresh.kb.entities) and repr(again.kb.index) == repr(fresh.kb.index)


def test_related_briefings_are_ranked_again_only_when_terms_dates_or_slugs_change(content: Path, monkeypatch):
    build(_options(content))
    real = site_module._related_of

    def refuse(*args, **kwargs):
        raise AssertionError("ranked again")
    monkeypatch.setattr(site_module, "_related_of", refuse)
    _append(content / "briefings" / "czech-accounts.md", "\nA closing line.\n")
    build(_options(content))  # a body edit: the ranking comes from the cache
    briefing = content / "briefings" / "moldova-vote.md"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace(
        "countries: [Moldova, Russia]", "countries: [Moldova, Russia, Czechia]", 1), encoding="utf-8")
    with pytest.raises(AssertionError, match="ranked again"):
        build(_options(content))
    monkeypatch.setattr(site_module, "_related_of", real)
    build(_options(content))
    cache = BuildCache(content.parent / "cache")
    loaded, _ = load_content(_options(content), cache)
    published = [b for b in loaded.briefings if not b.is_draft]
    cached = build_site(loaded.config, loaded.kb, published, loaded.pages, cache=cache)
    fresh = build_site(loaded.config, loaded.kb, published, loaded.pages)
    assert {s: [b.slug for b in r] for s, r in cached.related.items()} == \
        {s: [b.slug for b in r] for s, r in fresh.related.items()}
    assert [b.slug for b in fresh.related["czech-accounts"]][0] == "moldova-vote", "the edit changed the ranking"
