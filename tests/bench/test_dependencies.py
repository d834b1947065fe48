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
from site_builder.output.reasons import BY_INDEX  # noqa: E402


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
    # The other pages rendered asked the site for lists that hold it (related briefings); the
    # dependency index chose them, since only a body changed.
    assert report.reasons[-1] == BY_INDEX
    assert [r for r in report.reasons[1:-1] if not r.startswith("what the page asked of the site changed: ")] == []


def _timeline_pages(site: Path) -> list[Path]:
    return sorted((site / "public" / "timeline").rglob("index.html"))


def test_a_page_renders_again_only_when_what_it_shows_changed(site):
    """A body edit leaves the timelines (which show the briefing's title, not its body) alone, and
    renders exactly the pages whose data holds the briefing; a title edit renders the timelines."""
    path = site / "content" / "briefings" / "briefing-000007.md"
    timelines = {p: p.stat().st_mtime_ns for p in _timeline_pages(site)}
    path.write_text(path.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    report = build(_options(site))
    assert report.reasons[-1] == BY_INDEX
    assert re.match(r"briefings/briefing-000007: body changed, [1-9]\d* pages rendered$", report.reasons[0])
    held = sum(int(re.search(r"(\d+) pages? rendered", line).group(1)) for line in report.reasons[:-1])
    assert 0 < report.rendered == held < report.pages / 4
    assert {p: p.stat().st_mtime_ns for p in _timeline_pages(site)} == timelines
    _body = path.read_text("utf-8")
    title = next(line for line in _body.splitlines() if line.startswith("title: "))
    path.write_text(_body.replace(title, 'title: "A new title for it"', 1), "utf-8")
    report = build(_options(site))
    assert BY_INDEX not in report.reasons
    assert "briefings/briefing-000007: title changed, " in report.reasons[0]
    retitled = [p for p in _timeline_pages(site) if p.stat().st_mtime_ns != timelines[p]]
    assert retitled and all("A new title for it" in p.read_text("utf-8") for p in retitled)


def test_dependencies_follow_the_render_keys_reach():
    """Listed briefings are held whole, an event's briefing through it, and an unknown value means unknown."""
    from site_builder.model import Briefing, Event
    from site_builder.render.dependencies import briefing_deps
    from site_builder.render.paginate import Pager
    listed, dated, paged = (Briefing(source="", slug=s, title=s, date=dt.date(2024, 1, 1), summary="", body="")
                            for s in ("listed", "dated", "paged"))
    event = Event(date=dt.date(2024, 1, 2), title="vote", briefing=dated)
    pager = Pager(1, 1, [paged], "/briefings/")
    deps = briefing_deps({"briefings": [listed], "groups": [(2024, [event])], "pager": pager, "site": object()})
    assert (sorted(deps.whole), sorted(deps.inner)) == (["listed", "paged"], ["dated"])
    assert deps.shows({"listed"}, False) and not deps.shows({"dated"}, False) and deps.shows({"dated"}, True)
    assert briefing_deps({"briefings": [listed], "odd": object()}) is None



def _listing(site: Path, slug: str) -> list[str]:
    """The briefing pages other than ``slug``'s own that link it (related, previous, next)."""
    return sorted(p.parent.name for p in (site / "public" / "briefings").glob("*/index.html")
                  if p.parent.name != slug and f'href="/briefings/{slug}/"' in p.read_text("utf-8"))


def test_a_body_edit_renders_no_briefing_page_that_only_lists_the_briefing(site):
    """Related, previous and next show a briefing's title, date and address: its body edit renders its
    own page, not the pages listing it; its title edit renders them all again, with the new title."""
    slug = "briefing-000007"
    listing = _listing(site, slug)
    assert listing, "some briefing pages link the edited one"
    path = site / "content" / "briefings" / f"{slug}.md"
    path.write_text(path.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    pages = {name: (site / "public" / "briefings" / name / "index.html").stat().st_mtime_ns for name in listing}
    before = _keys(site)
    report = build(_options(site))
    after = _keys(site)
    assert report.reasons[-1] == BY_INDEX
    rendered = sorted(p.split("/")[1] for p in after if p.startswith("briefings/") and p.count("/") == 2
                      and before.get(p) != after[p])
    assert rendered == [slug]
    assert {name: (site / "public" / "briefings" / name / "index.html").stat().st_mtime_ns for name in listing} == pages
    text = path.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(title, 'title: "A retitled briefing"', 1), "utf-8")
    build(_options(site))
    assert all("A retitled briefing" in (site / "public" / "briefings" / name / "index.html").read_text("utf-8")
               for name in listing)
