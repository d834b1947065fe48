"""An edit in two phases: the pages the editor looks at first, the rest after; the output then
equals a full build's, and a failure in the second phase leaves the site as the last good build.

Built on the live-session fixture of tests/bench/test_live.py (``serve``'s rebuild, the cache kept
in memory, the output compared byte for byte with a full build of the same content).
"""

from __future__ import annotations

import time

import pytest

from bench.test_live import BRIEFING, SHOWS_CZECH, Preview, files, preview  # noqa: F401 (a fixture)
from site_builder.render.pages import render_page
from site_builder.serve.live import render_until
from site_builder.serve.server import finish, live_session, rebuild

OWN = "briefings/czech-accounts/index.html"
TERM = "countries/czechia/index.html"
pytestmark = pytest.mark.slow  # whole builds compared, like tests/bench/test_live.py

EDIT = ("summary: A platform removed accounts", "summary: A platform took down accounts")  # shown on every page that lists it
BODY_EDIT = ("TikTok said more.", "TikTok said more.\n\nA paragraph added in the preview.")


def test_the_shown_pages_go_first_and_the_rest_after_gives_the_full_build(preview: Preview) -> None:
    before = files(preview.options.output)
    preview.edit(BRIEFING, *EDIT)
    assert rebuild(preview.options, preview.state, None, first={TERM, "about/index.html"})
    edit = live_session(preview.state).last_edit
    assert sorted(edit.rendered) == sorted([OWN, TERM]), "the briefing's own page and the shown page that shows it"
    assert edit.left == len(SHOWS_CZECH) - 2 + 1, "and briefings.json, which shows the summary"
    assert preview.state.reload == edit.written and OWN in edit.written
    now = files(preview.options.output)
    assert now["feed.xml"] == before["feed.xml"], "the feed waits for the second phase"
    written: list[str] = []
    assert not finish(preview.options, preview.state, written=written.extend)
    assert "feed.xml" in written and OWN not in written
    assert live_session(preview.state).left == 0
    preview.assert_same_as_full_build()


def test_a_body_edit_leaves_the_pages_that_show_no_body_alone(preview: Preview) -> None:
    """Listings, term pages, briefings.csv and the STIX bundles show no body (``body_readers``): a body
    edit renders the briefing's page and the feeds, and the output is still the full build's."""
    preview.edit(BRIEFING, *BODY_EDIT)
    assert rebuild(preview.options, preview.state, None, first={TERM})
    live = live_session(preview.state)
    assert live.last_edit.rendered == [OWN], "the country's page shows no body: not rendered first"
    left = {live.jobs[i].path for i in live.stale}
    assert left and left < SHOWS_CZECH
    assert not left & {TERM, "briefings.csv", "stix.json", "briefings/czech-accounts/stix.json", "briefings/index.html"}
    assert not finish(preview.options, preview.state)
    preview.assert_same_as_full_build()


def test_a_save_during_the_second_phase_takes_what_was_left_along(preview: Preview) -> None:
    preview.edit(BRIEFING, *EDIT)
    assert rebuild(preview.options, preview.state, None, first=set())
    live = live_session(preview.state)
    first = live.left
    assert not finish(preview.options, preview.state, stop=lambda: live.left <= first - 3)  # a save after three pages
    left = live.left
    assert left == first - 3
    preview.edit("briefings/moldova-vote.md", "summary: ", "summary: Edited next. ")
    assert rebuild(preview.options, preview.state, None, first=set())
    assert live_session(preview.state).left >= left
    assert not finish(preview.options, preview.state)
    assert live_session(preview.state).left == 0
    preview.assert_same_as_full_build()


def test_a_page_failing_in_the_second_phase_puts_the_site_back_and_shows_the_problem(preview: Preview) -> None:
    preview.edit("term.html", "{% block main %}", "{% block main %}{% if 'BREAK' in pager.items[0].summary %}"
                 "{{ no_such_value.field }}{% endif %}", folder="templates")
    assert preview.full() is not None
    built = files(preview.options.output)
    preview.edit(BRIEFING, "summary: A platform removed", "summary: BREAK A platform removed")
    assert rebuild(preview.options, preview.state, None, first=set())
    assert files(preview.options.output)[OWN] != built[OWN], "the first phase wrote the briefing's page"
    assert finish(preview.options, preview.state), "every browser reloads: to the problems page"
    assert preview.state.problems and "term.html" in preview.state.problems[0].path
    assert files(preview.options.output) == built, "the last good site, not half of an edit"
    preview.edit(BRIEFING, "summary: BREAK A platform removed", "summary: A platform took down")
    assert rebuild(preview.options, preview.state)
    assert preview.state.problems == []
    preview.assert_same_as_full_build()


def test_a_page_listing_every_briefing_is_left_half_way_when_a_save_waits(preview: Preview) -> None:
    live = live_session(preview.state)
    job = next(j for j in live.jobs if j.path == "briefings.csv")
    whole, _ = render_page(live.env, job, live.site)
    asked: list[int] = []
    assert render_until(live.env, job, live.site, lambda: asked.append(1) or len(asked) > 5) is None
    assert len(asked) == 6, "stopped at the sixth piece of the page, not at its end"
    data, _, gap = render_until(live.env, job, live.site, lambda: False)
    assert data == whole and gap > 0


def test_a_page_that_cannot_be_stopped_for_long_waits_until_the_saves_pause(preview: Preview) -> None:
    live = live_session(preview.state)
    stix = next(i for i, j in enumerate(live.jobs) if j.path == "stix.json")
    preview.edit(BRIEFING, *EDIT)
    assert rebuild(preview.options, preview.state, None, first=set())
    live.gaps[stix] = 1.0  # as if its one call took a second the last time
    started = time.monotonic()
    edit = live.finish(stop=lambda: time.monotonic() - started > 0.3, quiet_s=5.0)  # a save after 0.3 s
    left = {live.jobs[i].path for i in live.stale}
    assert "stix.json" in left and "stix.json" not in edit.rendered, "not the slow page"
    assert not any(path.endswith(".html") for path in left), "every HTML page, which the waits do not hold up"
    preview.edit(BRIEFING, "took down accounts", "took down many accounts")
    assert rebuild(preview.options, preview.state, None, first=set())
    applied = time.monotonic()
    edit = live.finish(quiet_s=0.5)
    assert "stix.json" in edit.rendered and time.monotonic() - applied >= 0.5, "once no save came for quiet_s"
    preview.assert_same_as_full_build()
