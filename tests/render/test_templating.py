"""The ``cached_partial`` global: the markup of a plain render, once per set of arguments, seen by rebuilds."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from site_builder.output import search
from site_builder.build import BuildOptions, build, load_content
from site_builder.render.incremental import template_hashes
from site_builder.render.templating import cached_partial_names, make_environment
from conftest import FIXTURE_SITE, REPO, TODAY

CARD = "partials/card.html"
CARD_PAGES = ("index.html", "briefings/index.html", "briefings/year/2025/index.html", "countries/czechia/index.html")


@pytest.fixture(scope="module")
def fixture_content():
    content, problems = load_content(BuildOptions(content=FIXTURE_SITE, today=TODAY, cache_dir=None))
    assert problems == []
    return content


@pytest.fixture
def briefings_and_env(fixture_content):
    return fixture_content.briefings, make_environment([REPO / "templates"], fixture_content.config, {})


@pytest.fixture
def partials(tmp_path: Path, fixture_content):
    """An environment over the templates given as name=source, written into a temporary folder."""
    def make(**templates: str) -> jinja2.Environment:
        for name, source in templates.items():
            (tmp_path / name).write_text(source, encoding="utf-8")
        return make_environment([tmp_path], fixture_content.config, {})
    return make


def test_cached_cards_are_the_cards_a_plain_render_makes(briefings_and_env) -> None:
    briefings, env = briefings_and_env
    cached = env.globals["cached_partial"]
    assert len(briefings) > 1
    for heading in ("h3", "h2"):
        for b in briefings:
            plain = env.get_template(CARD).render(b=b, heading=heading)
            assert f"<{heading} class=\"card-title\">" in plain and b.summary in plain
            first = cached(CARD, b=b, heading=heading)
            assert first == plain
            assert cached(CARD, b=b, heading=heading) is first, "the second call is served from the memo"


def test_arguments_are_held_so_their_identity_is_not_reused(partials) -> None:
    cached = partials(**{"p.html": "{{ x.title }}"}).globals["cached_partial"]
    for i in range(50):  # each argument dies with the call but for the memo's reference
        assert cached("p.html", x=SimpleNamespace(title=f"title {i}")) == f"title {i}"


def test_clear_forgets_what_was_rendered(partials) -> None:
    cached = partials(**{"p.html": "{{ x.title }}"}).globals["cached_partial"]
    x = SimpleNamespace(title="before")
    assert cached("p.html", x=x) == "before"
    x.title = "after"
    assert cached("p.html", x=x) == "before", "arguments are told apart by identity, not content"
    cached.clear()
    assert cached("p.html", x=x) == "after"


def test_a_partial_cannot_read_the_calling_page(partials) -> None:
    env = partials(**{"p.html": "{{ page_url }}", "page.html": "{{ cached_partial('p.html') }}"})
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("page.html").render(page_url="/a/")


def test_partials_named_in_calls_are_found() -> None:
    env = jinja2.Environment()
    assert cached_partial_names(env.parse("{{ cached_partial('a.html', b=b) }}{{ cached_partial('c.html') }}")) \
        == {"a.html", "c.html"}
    assert cached_partial_names(env.parse("{{ cached_partial(name, b=b) }}")) == {None}
    assert None in cached_partial_names(env.parse("{% set f = cached_partial %}{{ f('a.html') }}"))
    assert cached_partial_names(env.parse("{{ card(b) }}")) == set()


@pytest.mark.parametrize("partial, old, new, users", [
    (CARD, 'class="card"', 'class="card edited"', {"home.html", "briefings.html", "term.html"}),
    ("partials/feed_entry.xml", "<entry>", "<entry><!-- edited -->", {"feed.xml"}),
    ("partials/event_item.html", '<li class="event', '<li data-edited class="event',
     {"home.html", "briefing.html", "term.html", "term_timeline.html", "timeline.html"}),
])
def test_a_cached_partial_is_part_of_the_hash_of_every_page_that_shows_it(tmp_path: Path, fixture_content,
                                                                           partial, old, new, users) -> None:
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    env = make_environment([tmp_path / "templates"], fixture_content.config, {})
    before = template_hashes(env)
    path = tmp_path / "templates" / partial
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    after = template_hashes(env)
    changed = {name for name in before if before[name] != after[name]}
    assert users | {partial} <= changed
    assert "robots.txt" not in changed


def test_an_edit_to_the_card_reaches_listing_and_term_pages_on_a_cached_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    options = BuildOptions(content=tmp_path / "content", output=tmp_path / "public", templates=tmp_path / "templates",
                           static=REPO / "static", today=TODAY, cache_dir=tmp_path / "cache", progress=False)
    build(options)
    card = tmp_path / "templates" / CARD
    card.write_text(card.read_text(encoding="utf-8").replace('<article class="card">', '<article class="card edited">'),
                    encoding="utf-8")
    report = build(options)
    assert report.rendered > 0
    for page in CARD_PAGES:
        html = (options.output / page).read_text(encoding="utf-8")
        assert '<article class="card edited">' in html and '<article class="card">' not in html, page
    cold = build(dataclasses.replace(options, output=tmp_path / "cold", cache_dir=None))
    assert cold.pages == report.pages
    for page in CARD_PAGES:
        assert (options.output / page).read_bytes() == (tmp_path / "cold" / page).read_bytes(), page


def test_the_memo_forgets_its_oldest_markup_beyond_its_budget(partials) -> None:
    cached = partials(**{"p.html": "{{ x.title }}"}).globals["cached_partial"]
    cached.max_chars = 25
    items = [SimpleNamespace(title=f"title {i:02}") for i in range(6)]  # 8 characters each
    first = [cached("p.html", x=x) for x in items]
    assert [str(m) for m in first] == [x.title for x in items]
    assert cached("p.html", x=items[-1]) is first[-1], "the newest entries are kept"
    assert cached("p.html", x=items[0]) is not first[0], "the oldest were forgotten and render again"
    assert cached("p.html", x=items[0]) == "title 00"


def test_long_markup_is_rendered_each_time_not_kept(partials) -> None:
    cached = partials(**{"p.html": "{{ x.title }}"}).globals["cached_partial"]
    cached.max_entry = 10
    short, long = SimpleNamespace(title="short"), SimpleNamespace(title="a much longer title")
    assert cached("p.html", x=short) is cached("p.html", x=short)
    first = cached("p.html", x=long)
    assert first == "a much longer title" and cached("p.html", x=long) is not first
