"""Which templates may show a briefing's body (``template_deps.body_readers``): the dependency index
renders only their pages when nothing but bodies changed, so the rule must miss no reader."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, REPO, TODAY
from site_builder.build import BuildOptions, link_site, load_content
from site_builder.render import stix
from site_builder.render.data_export import export_json
from site_builder.render.template_deps import body_readers
from site_builder.render.templating import make_environment


@pytest.fixture(scope="module")
def content():
    loaded, problems = load_content(BuildOptions(content=FIXTURE_SITE, today=TODAY, cache_dir=None))
    assert problems == []
    return loaded


def _env(folder: Path, config, **templates: str):
    for name, source in templates.items():
        (folder / name).write_text(source, encoding="utf-8")
    return make_environment([folder], config, {})


def test_the_theme_shows_bodies_only_on_briefing_pages_and_full_feeds(content):
    readers = body_readers(make_environment([REPO / "templates"], content.config, {}))
    assert {"briefing.html", "feed.xml"} <= readers
    assert not readers & {"briefings.csv", "stix.json", "stix_site.json", "briefings.html", "term.html", "home.html",
                          "timeline.html", "term_index.html"}


@pytest.mark.parametrize("source, reads", [
    ("{{ briefing.title }}", False),
    ("{{ briefing.html }}", True),  # the page's own briefing: what ``detail_readers`` leaves out
    ("{% for b in briefings %}{{ b['body'] }}{% endfor %}", True),
    ("{{ briefings | map(attribute='html') | join }}", True),
    ("{{ page.html }}", True),  # ``page`` is a setting for ``detail_readers``, not here
    ("{{ mystery(briefing) }}", True),  # a global that may read anything
    ("{{ stix_briefing(briefing, config) }}", False),
    ('{% include "shows.html" %}', True),
    ("{% include name %}", True),  # cannot be followed
])
def test_a_template_that_may_show_a_body_anywhere_is_a_reader(tmp_path, content, source, reads):
    env = _env(tmp_path, content.config, **{"page.html": source, "shows.html": "{{ briefing.lines }}"})
    env.globals["mystery"] = lambda value: value
    assert ("page.html" in body_readers(env)) == reads


def test_stix_bundles_show_nothing_of_a_body(content):
    """Why ``stix_briefing`` and ``stix_site`` are ``BODY_FREE_GLOBALS``."""
    site, _, _ = link_site(BuildOptions(content=FIXTURE_SITE, today=TODAY, cache_dir=None), content)
    first = site.briefings[0]
    assert first.html and first.body
    edited = dataclasses.replace(first, body=first.body + "\n\nMore.", html=first.html + "<p>More.</p>",
                                 body_line=first.body_line + 3, lines={k: n + 3 for k, n in first.lines.items()})
    assert stix.briefing_bundle(edited, site.config) == stix.briefing_bundle(first, site.config)
    assert stix.site_bundle([edited, *site.briefings[1:]], site.config) == stix.site_bundle(site.briefings,
                                                                                           site.config)


def test_the_data_export_shows_nothing_of_a_body(content):
    """Why a build the dependency index decided keeps ``briefings.json`` as it is (``build._add_data_and_assets``)."""
    site, _, _ = link_site(BuildOptions(content=FIXTURE_SITE, today=TODAY, cache_dir=None), content)
    first = site.briefings[0]
    edited = dataclasses.replace(first, body=first.body + "\n\nMore.", html=first.html + "<p>More.</p>",
                                 body_line=first.body_line + 3, lines={k: n + 3 for k, n in first.lines.items()})
    before = export_json(site)
    site.briefings[0] = edited
    assert export_json(site) == before
