"""The live preview session: an edit applied to the last build in memory writes what a full build writes.

Each test builds the fixture site as ``serve`` does (``serve.rebuild``, the
cache kept in memory), changes files on disk, rebuilds through ``serve`` again
and compares the whole output folder, byte for byte, with a full build of the
same content into a fresh folder. Pagefind is off: ``serve`` does not run it.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from site_builder.serve import live
from site_builder.output import search
from site_builder.build import BuildOptions, build
from site_builder.cache import BuildCache
from site_builder.serve.live import LiveSession
from site_builder.content.desk import source_runs
from site_builder.serve.server import PreviewState, live_session, rebuild, settle
from conftest import FIXTURE_SITE, REPO, TODAY

BRIEFING = "briefings/czech-accounts.md"
# Every page that shows the Czech briefing: its own page; the home page, the feed, the listing and
# its year's listing (it is among the latest), the listing of its claims' confidence and the listing as CSV;
# its STIX bundle and the site's; the briefings that link it as related or as
# previous/next; and the page and feed of each name it gives, the accused actor and its country
# included. Not the timelines: they show only its title, date and URL.
SHOWS_CZECH = {
    "index.html", "feed.xml", "briefings/index.html", "briefings/year/2025/index.html",
    "briefings/czech-accounts/index.html", "briefings/moldova-vote/index.html", "briefings/older-x/index.html",
    "briefings/czech-accounts/stix.json", "stix.json",  # its STIX 2.1 bundle and the site's
    "briefings/confidence/alleged/index.html", "briefings.csv",
    *(f"{term}/{page}" for page in ("index.html", "feed.xml") for term in (
        "countries/czechia", "platforms/tiktok", "actors/andrej-babis", "actors/example-research-lab",
        "actors/stacilo", "elections/2025-czech-parliamentary-election", "tags/coordinated-inauthentic-behaviour",
        "tags/takedown", "actors/russian-government", "countries/russia")),  # the accused and its country
}


# Of those, the pages of templates that can show a body (``template_deps.body_readers``): the briefing
# pages (its own, and those listing it as related, older or newer) and the feeds. A body edit renders
# these; listings, term pages, briefings.csv and the STIX bundles show no body and are left alone.
SHOWS_CZECH_BODY = {p for p in SHOWS_CZECH if p.endswith("feed.xml") or
                    p.startswith("briefings/") and p.endswith("/index.html") and p.count("/") == 2}

@dataclasses.dataclass
class Preview:
    root: Path
    options: BuildOptions
    state: PreviewState

    def edit(self, rel: str, old: str, new: str, folder: str = "content") -> None:
        path = self.root / folder / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rebuild(self, paths: list[str] | None = None) -> bool:
        return rebuild(self.options, self.state, paths)

    def quick(self, paths: list[str] | None = None) -> list[str]:
        """Rebuild, which must apply the change to the live session; the pages it rendered."""
        edits = self.state.edits
        assert self.rebuild(paths), self.state.problems
        assert self.state.edits == edits + 1, "the change took the full build"
        return live_session(self.state).last_edit.rendered

    def full(self) -> LiveSession | None:
        """Rebuild, which must run the full build (and succeed); the session it starts, once ready."""
        edits, builds = self.state.edits, self.state.builds
        assert self.rebuild(), self.state.problems
        assert (self.state.edits, self.state.builds) == (edits, builds + 1), "the change took the quick path"
        return live_session(self.state)

    def full_with(self, paths: list[str]) -> None:
        """Rebuild for file events naming ``paths``, which must take the full build."""
        builds = self.state.builds
        edits = self.state.edits
        assert self.rebuild(paths), self.state.problems
        assert (self.state.edits, self.state.builds) == (edits, builds + 1), "the change took the quick path"

    def assert_same_as_full_build(self) -> None:
        reference = self.root / f"reference-{self.state.builds}"
        build(dataclasses.replace(self.options, output=reference, cache_dir=None))
        assert_same_files(self.options.output, reference)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_files(folder: Path, reference: Path) -> None:
    got, want = files(folder), files(reference)
    assert got.keys() == want.keys(), f"only here: {sorted(got.keys() - want.keys())}; " \
                                      f"only in a full build: {sorted(want.keys() - got.keys())}"
    assert sorted(p for p in want if got[p] != want[p]) == []


@pytest.fixture(params=[True, False], ids=["session from the build", "session loads again"])
def preview(tmp_path: Path, monkeypatch, request) -> Preview:
    """``serve`` hands the live session what its build made; after a build that
    changed nothing there is no such state and the session loads it again."""
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copytree(REPO / "static", tmp_path / "static")
    options = BuildOptions(content=tmp_path / "content", output=tmp_path / "public", templates=tmp_path / "templates",
                           static=tmp_path / "static", today=TODAY, cache_dir=tmp_path / "cache", progress=False,
                           reindex_search=False, keep_state=request.param)
    state = PreviewState(output=options.output.resolve())
    assert rebuild(options, state), state.problems
    assert live_session(state) is not None
    return Preview(tmp_path, options, state)


def test_a_body_edit_renders_exactly_the_pages_that_show_the_briefing(preview: Preview) -> None:
    preview.edit(BRIEFING, "TikTok said more.", "TikTok said more.\n\nA paragraph added in the preview.")
    rendered = preview.quick()
    assert sorted(rendered) == sorted(SHOWS_CZECH_BODY), (sorted(set(rendered) - SHOWS_CZECH_BODY),
                                                          sorted(SHOWS_CZECH_BODY - set(rendered)))
    written = live_session(preview.state).last_edit.written
    assert "briefings/czech-accounts/index.html" in written and "feed.xml" in written
    assert set(written) <= SHOWS_CZECH, "only pages that show the body change, and briefings.json does not"
    page = preview.options.output / "briefings/czech-accounts/index.html"
    assert "A paragraph added in the preview." in page.read_text(encoding="utf-8")
    preview.assert_same_as_full_build()


def test_a_summary_edit_updates_cards_feeds_and_the_data_export(preview: Preview) -> None:
    preview.edit(BRIEFING, "summary: A platform removed accounts", "summary: A platform took down accounts")
    rendered = preview.quick()
    assert "briefings/index.html" in rendered and "countries/czechia/index.html" in rendered
    written = live_session(preview.state).last_edit.written
    assert {"briefings.json", "briefings/index.html", "index.html", "countries/czechia/index.html"} <= set(written)
    preview.assert_same_as_full_build()


def test_the_next_build_after_quick_edits_writes_what_a_full_build_writes(preview: Preview) -> None:
    original = files(preview.options.output)
    preview.edit(BRIEFING, "TikTok said more.", "TikTok said much more.")
    preview.quick()
    assert BuildCache(preview.options.cache_dir).store("last-build") == {}, "the next build checks its inputs"
    preview.edit(BRIEFING, "TikTok said much more.", "TikTok said more.")  # back to what the last build saw
    preview.quick()
    assert files(preview.options.output) == original
    report = build(dataclasses.replace(preview.options, reindex_search=True))  # ``site-builder build``
    assert report.rendered > 0, "pages written by the preview are rendered again"
    preview.assert_same_as_full_build()


def _add_tag(p: Preview) -> None:
    p.edit(BRIEFING, "tags: [takedown,", "tags: [vote buying, takedown,")


def _new_briefing(p: Preview) -> None:
    text = (p.root / "content" / BRIEFING).read_text(encoding="utf-8")
    (p.root / "content/briefings/czech-copy.md").write_text(text.replace("title: Accounts", "title: More accounts"),
                                                            encoding="utf-8")


FULL_BUILD_CHANGES = {
    "title": lambda p: p.edit(BRIEFING, "title: Accounts removed", "title: Accounts deleted"),
    "date": lambda p: p.edit(BRIEFING, "date: 2025-10-02", "date: 2025-10-03"),
    "tag": _add_tag,
    "event": lambda p: p.edit(BRIEFING, "title: Regulator meets platforms", "title: Regulator meets TikTok"),
    "draft": lambda p: p.edit(BRIEFING, "summary:", "status: draft\nsummary:"),
    "new file": _new_briefing,
    "deleted file": lambda p: (p.root / "content/briefings/older-x.md").unlink(),
    "entity": lambda p: p.edit("entities/platforms.yaml", "Short-video platform.", "Short-video app."),
    "template": lambda p: p.edit("briefing.html", "</article>", "</article>\n<!-- edited -->", folder="templates"),
}


@pytest.mark.parametrize("change", FULL_BUILD_CHANGES, ids=list(FULL_BUILD_CHANGES))
def test_changes_to_the_index_or_other_files_take_the_full_build(preview: Preview, change: str) -> None:
    before = live_session(preview.state)
    FULL_BUILD_CHANGES[change](preview)
    assert preview.full() not in (None, before), "a good full build starts a new session"
    preview.assert_same_as_full_build()
    preview.edit(BRIEFING, "TikTok said more.", "TikTok said more, again.")
    preview.quick()
    preview.assert_same_as_full_build()


def test_a_broken_edit_shows_the_problem_and_keeps_the_site_then_the_fix_is_quick(preview: Preview) -> None:
    built = files(preview.options.output)
    preview.edit(BRIEFING, "title: Accounts removed", "title: [Accounts removed")
    assert not preview.rebuild()
    assert [(Path(p.path).as_posix().endswith(BRIEFING), p.line) for p in preview.state.problems] == [(True, 2)]
    assert files(preview.options.output) == built, "the last good site stays on disk"
    preview.edit(BRIEFING, "title: [Accounts removed", "title: Accounts removed")
    preview.edit(BRIEFING, "TikTok said more.", "TikTok said more after the fix.")
    assert sorted(preview.quick()) == sorted(SHOWS_CZECH_BODY)
    assert preview.state.problems == []
    preview.assert_same_as_full_build()


def test_an_edit_that_copies_the_source_is_refused_not_previewed(preview: Preview) -> None:
    source = "A regulator said the network had posted the same four claims about the count on every channel it ran."
    (preview.root / "content" / ".ingest").mkdir()
    (preview.root / "content" / ".ingest" / "czech-accounts.json").write_text(
        json.dumps({"runs": source_runs(source)}), encoding="utf-8")
    preview.full()
    built = files(preview.options.output)
    preview.edit(BRIEFING, "TikTok said more.", "TikTok said more. " + source)
    assert not preview.rebuild()
    assert ["the body copies 19 words" in p.message for p in preview.state.problems] == [True]
    assert files(preview.options.output) == built, "the copied text reaches no page"


def test_drafts_and_files_the_build_does_not_read_render_nothing(preview: Preview) -> None:
    preview.edit("briefings/draft-note.md", "Draft text.", "Draft text, longer now.")
    assert preview.quick() == []
    (preview.root / "content/briefings/.czech-accounts.md.swp").write_bytes(b"swap")
    (preview.root / "content/briefings/czech-accounts.md~").write_text("backup", encoding="utf-8")
    assert preview.quick() == []
    preview.assert_same_as_full_build()


def test_a_template_that_shows_more_through_timeline_entries_makes_the_timelines_depend(preview: Preview) -> None:
    preview.edit("partials/event_item.html", "(<a href=\"{{ url(event.briefing.url) }}\">briefing</a>)",
                 "(<a href=\"{{ url(event.briefing.url) }}\">{{ event.briefing.summary }}</a>)", folder="templates")
    assert preview.full() is not None
    preview.edit(BRIEFING, "summary: A platform removed accounts", "summary: A platform took down accounts")
    rendered = preview.quick()
    assert {"timeline/index.html", "timeline/2025/index.html", "countries/czechia/index.html"} <= set(rendered)
    preview.assert_same_as_full_build()


def test_a_change_made_while_the_session_starts_is_left_to_the_full_build(preview: Preview, monkeypatch) -> None:
    real = live.render_markdown  # called as the session starts, with or without the build's state

    def render_markdown_while_an_editor_saves(*args, **kwargs):
        preview.edit(BRIEFING, "title: Accounts removed", "title: Accounts deleted")  # after the build read it
        return real(*args, **kwargs)

    monkeypatch.setattr(live, "render_markdown", render_markdown_while_an_editor_saves)
    preview.edit("entities/platforms.yaml", "Short-video platform.", "Short-video app.")
    assert preview.full() is None, "the session would hold content the site on disk does not show"
    monkeypatch.setattr(live, "render_markdown", real)
    assert preview.full() is not None
    preview.assert_same_as_full_build()


def test_a_page_that_starts_asking_the_site_about_other_briefings_shows_them_from_then_on(preview: Preview) -> None:
    preview.edit("term.html", "{% block main %}", "{% block main %}{% if 'Preview' in pager.items[0].summary %}"
                 "<p>{{ site.briefings | map(attribute='summary') | join(' / ') }}</p>{% endif %}", folder="templates")
    assert preview.full() is not None
    tag = "tags/coordinated-inauthentic-behaviour/index.html"  # named by the Czech briefing alone
    preview.edit(BRIEFING, "summary: A platform removed", "summary: Preview, a platform removed")
    assert tag in preview.quick()
    preview.edit("briefings/older-x.md", "summary: Posts on X", "summary: Many posts on X")
    assert tag in preview.quick(), "the tag page now lists every briefing's summary"
    preview.assert_same_as_full_build()


def test_file_events_name_what_the_quick_path_looks_at_and_settle_catches_the_rest(preview: Preview) -> None:
    content = preview.options.content
    preview.edit(BRIEFING, "TikTok said more.", "TikTok said more, as the event says.")
    preview.edit("briefings/moldova-vote.md", "summary: ", "summary: Missed by the events. ")
    assert sorted(preview.quick([str(content / BRIEFING)])) == sorted(SHOWS_CZECH_BODY)
    assert live_session(preview.state).last_edit.briefings == [str(content / BRIEFING)]
    assert "Missed by the events" not in (preview.options.output / "briefings.json").read_text(encoding="utf-8")
    assert live_session(preview.state).pending()
    assert settle(preview.options, preview.state), "the full scan finds the file the events did not name"
    assert not live_session(preview.state).pending()
    assert not settle(preview.options, preview.state), "nothing left: no second rebuild, no reload"
    preview.assert_same_as_full_build()


def test_an_event_naming_a_folder_or_a_file_outside_the_session_takes_the_full_build(preview: Preview) -> None:
    content = preview.options.content
    (content / "briefings" / "more").mkdir()
    preview.full_with([str(content / "briefings" / "more")])
    preview.edit(BRIEFING, "TikTok said more.", "TikTok said more today.")
    preview.full_with(["briefings/czech-accounts.md"])  # not the form the session knows its files by
    preview.assert_same_as_full_build()
