"""What an edit renders again: only the pages that show what changed, and ``--verbose`` says why.

A page whose render key is unchanged was not rendered (``produce._produce``), so
the keys the output manifest keeps before and after an edit tell which pages a
build rendered again. Byte-identity with a cold build is tested in test_incremental.py.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402
from site_builder.build import BuildOptions, build  # noqa: E402
from site_builder.cache import BuildCache, digest  # noqa: E402
from site_builder.content.slugs import slugify  # noqa: E402


def _options(tmp: Path) -> BuildOptions:
    return BuildOptions(content=tmp / "content", output=tmp / "public", templates=tmp / "templates",
                        static=tmp / "static", today=dt.date(2025, 1, 1), cache_dir=tmp / "cache", progress=False)


def _keys(tmp: Path) -> dict[str, bytes]:
    store = BuildCache(tmp / "cache", resident=False).store("outputs-" + digest(str((tmp / "public").resolve())).hex()[:12])
    return {path: key for path, (key, _) in store["pages"].items()}


@pytest.fixture()
def site(tmp_path):
    generate(tmp_path / "content", 40, seed=7)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "static", tmp_path / "static")
    build(_options(tmp_path))
    return tmp_path


def _named_actor(tmp: Path) -> tuple[str, list[str]]:
    """The first actor of the knowledge base that briefings name, and those briefings' slugs."""
    actors = re.findall(r'^- name: "([^"]+)"', (tmp / "content" / "entities" / "actors.yaml").read_text("utf-8"), re.M)
    for actor in actors:
        naming = [p.stem for p in sorted((tmp / "content" / "briefings").glob("*.md"))
                  if re.search(rf'^actors: .*"{re.escape(actor)}"', p.read_text("utf-8"), re.M)]
        if naming:
            return actor, naming
    raise AssertionError("no actor is named by a briefing")


def test_description_edit_renders_the_entity_page_not_the_briefings_naming_it(site):
    actor, naming = _named_actor(site)
    path = site / "content" / "entities" / "actors.yaml"
    text = path.read_text("utf-8")
    at = text.index(f'- name: "{actor}"')
    description = text.index('description: "', at)
    path.write_text(text[:description] + 'description: "Newly described. ' + text[description + 14:], "utf-8")
    before = _keys(site)
    report = build(_options(site))
    after = _keys(site)
    actor_page = f"actors/{slugify(actor)}/index.html"
    assert before[actor_page] != after[actor_page]
    briefing_pages = [f"briefings/{slug}/index.html" for slug in naming]
    assert [p for p in briefing_pages if before[p] != after[p]] == []
    assert f"actors/{slugify(actor)}: description changed, " in "\n".join(report.reasons)


def test_body_edit_renders_the_pages_that_hold_the_briefing_and_says_so(site):
    path = site / "content" / "briefings" / "briefing-000007.md"
    path.write_text(path.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    before = _keys(site)
    report = build(_options(site))
    after = _keys(site)
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert "briefings/briefing-000007/index.html" in changed
    # Timelines show the briefing's events and link it, never its body.
    assert [p for p in changed if p.startswith("timeline/") or "/timeline/" in p] == []
    assert report.reasons[0].startswith("briefings/briefing-000007: body changed, ")
    # The other pages rendered asked the site for lists that hold it (related briefings).
    assert [r for r in report.reasons[1:] if not r.startswith("what the page asked of the site changed: ")] == []
