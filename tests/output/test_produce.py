"""The write stage's render decisions: what a page made with a template records, made once per build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from site_builder.build import BuildOptions, build
from site_builder.output import produce


def test_each_templates_made_with_digest_is_made_once_per_build_not_once_per_page(content: Path, tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SITE_BUILDER_JOBS", "1")  # pages decided in this process, where the spies see them
    made: list[tuple[set[str], bytes]] = []  # per call of template_keys: its templates and the globals key
    per_page: list[tuple] = []
    real_keys, real_digest = produce.template_keys, produce.digest

    def template_keys(templates, hashes, globals_key):
        made.append((set(templates), globals_key))
        return real_keys(templates, hashes, globals_key)

    def digest(*parts):  # a template's hash and the globals key alone: a made_with digest made for one page
        if len(parts) == 2 and made and parts[1] == made[-1][1]:
            per_page.append(parts)
        return real_digest(*parts)
    monkeypatch.setattr(produce, "template_keys", template_keys)
    monkeypatch.setattr(produce, "digest", digest)
    options = dict(content=content, output=tmp_path / "public", today=TODAY, cache_dir=tmp_path / "cache")
    cold = build(BuildOptions(**options))
    briefing = sorted((content / "briefings").glob("*.md"))[0]
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\nA sentence an editor added.\n", encoding="utf-8")
    edit = build(BuildOptions(**options))
    assert cold.rendered > len(made[0][0]) and edit.rendered >= 1
    assert len(made) == 2, "one set of digests per build"
    assert per_page == []
    assert "briefing.html" in made[0][0] and "briefing.html" in made[1][0]


def test_a_template_the_facts_do_not_know_gets_the_digest_of_an_empty_hash():
    from site_builder.cache import digest
    keys = produce.template_keys(["a.html", "b.html"], {"a.html": b"1" * 16}, b"g" * 16)
    assert keys == {"a.html": digest(b"1" * 16, b"g" * 16), "b.html": digest(b"", b"g" * 16)}
