"""The preview's file-event watcher: rebuild and reload at once, then one full check after the saves stop."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from livereload.handlers import LiveReloadHandler
from tornado import ioloop

from site_builder.serve import watch
from site_builder.serve.watch import EventWatcher


class Browser:
    """Stands in for a connected page: livereload writes its reload messages here."""

    def __init__(self) -> None:
        self.messages: list[dict] = []

    def write_message(self, message: dict) -> None:
        self.messages.append(message)


def run_saves(tmp_path: Path, monkeypatch, settle_result: bool) -> tuple[list, list, list]:
    monkeypatch.setattr(watch, "SETTLE_S", 0.05)
    browser = Browser()
    monkeypatch.setattr(LiveReloadHandler, "waiters", {browser})
    changes, settles = [], []

    def on_settle() -> bool:
        settles.append(len(changes))
        return settle_result

    watcher = EventWatcher([tmp_path], lambda paths, showing: changes.append(paths), on_settle)
    monkeypatch.setattr(LiveReloadHandler, "watcher", watcher)  # as livereload's server sets it

    async def saves() -> None:
        loop = ioloop.IOLoop.current()  # the server's loop, on which rebuilds run
        loop.add_callback(watcher.changed, ["a.md"])
        loop.call_later(0.01, watcher.changed, ["b.md"])  # a second save before the first settled
        await asyncio.sleep(0.3)

    # In a thread of its own: another test (the browser's) may have an event loop running in this one.
    runner = threading.Thread(target=asyncio.run, args=(saves(),))
    runner.start()
    runner.join()
    return changes, settles, browser.messages


def test_each_save_reloads_and_one_check_follows_the_last(tmp_path: Path, monkeypatch) -> None:
    changes, settles, reloads = run_saves(tmp_path, monkeypatch, settle_result=False)
    assert changes == [["a.md"], ["b.md"]]
    assert settles == [2], "one check, after the last save"
    assert [m["command"] for m in reloads] == ["reload", "reload"]


def test_a_check_that_rebuilt_reloads_again(tmp_path: Path, monkeypatch) -> None:
    _, settles, reloads = run_saves(tmp_path, monkeypatch, settle_result=True)
    assert settles == [2] and len(reloads) == 3


def test_the_loop_answers_while_a_rebuild_runs_and_saves_meanwhile_build_together(tmp_path: Path, monkeypatch) -> None:
    """The rebuild runs off the server's loop: a callback due during it runs before it ends, and the
    saves made while it runs are rebuilt together once it is done, then the browsers reload."""
    monkeypatch.setattr(watch, "SETTLE_S", 10)  # no check within the test
    browser = Browser()
    monkeypatch.setattr(LiveReloadHandler, "waiters", {browser})
    events: list[str] = []

    def slow_build(paths: list[str], showing: frozenset[str]) -> None:
        events.append(f"build {' '.join(paths)}")
        time.sleep(0.3)
        events.append("built")

    watcher = EventWatcher([tmp_path], slow_build, lambda: False)
    monkeypatch.setattr(LiveReloadHandler, "watcher", watcher)

    async def saves() -> None:
        loop = ioloop.IOLoop.current()
        loop.add_callback(watcher.changed, ["a.md"])
        loop.call_later(0.05, events.append, "request answered")
        loop.call_later(0.1, watcher.changed, ["b.md"])
        loop.call_later(0.15, watcher.changed, ["c.md"])
        await asyncio.sleep(1.0)

    runner = threading.Thread(target=asyncio.run, args=(saves(),))
    runner.start()
    runner.join()
    watcher.stop()
    assert events == ["build a.md", "request answered", "built", "build b.md c.md", "built"]
    assert len(browser.messages) == 1, "one reload, once the saves made meanwhile are built too"


class Showing(Browser):
    """A connected page whose client said which page it shows (livereload's ``info`` message)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page


def test_the_rest_of_an_edit_reloads_only_its_pages_and_stops_for_the_next_save(tmp_path: Path, monkeypatch) -> None:
    """A quick edit reloads the browsers on the pages it wrote; what it left is finished next and
    reloads only the browsers on a page written then; a save meanwhile stops it, is built (with
    what was left) and the rest goes on; then one check. A browser on another page never reloads."""
    monkeypatch.setattr(watch, "SETTLE_S", 0.05)
    monkeypatch.setattr(watch, "REST_DELAY_S", 0)
    own, term, other = Showing("/briefings/a/"), Showing("/countries/x/"), Showing("/about/")
    monkeypatch.setattr(LiveReloadHandler, "waiters", {own, term, other})
    events: list[str] = []

    def change(paths: list[str], showing: frozenset[str]) -> list[str]:
        events.append(f"build {' '.join(paths)} showing {' '.join(sorted(showing))}")
        return ["briefings/a/index.html"]

    def rest(stop, written) -> bool:
        for page in ("countries/x/index.html", "feed.xml"):
            if stop():
                events.append("stopped")
                return False
            time.sleep(0.1)
            written([page])
            events.append(f"wrote {page}")
        return False

    watcher = EventWatcher([tmp_path], change, lambda: events.append("check") and False, rest)
    monkeypatch.setattr(LiveReloadHandler, "watcher", watcher)

    async def saves() -> None:
        loop = ioloop.IOLoop.current()
        loop.add_callback(watcher.changed, ["a.md"])
        loop.call_later(0.05, watcher.changed, ["b.md"])  # while the rest of the first edit renders
        await asyncio.sleep(0.8)

    runner = threading.Thread(target=asyncio.run, args=(saves(),))
    runner.start()
    runner.join()
    watcher.stop()
    shown = "showing about/index.html briefings/a/index.html countries/x/index.html"
    assert events == [f"build a.md {shown}", "wrote countries/x/index.html", "stopped", f"build b.md {shown}",
                      "wrote countries/x/index.html", "wrote feed.xml", "check"]
    assert (len(own.messages), len(term.messages), len(other.messages)) == (2, 2, 0)
    assert {m["path"] for m in own.messages} == {"*"}, "the whole page reloads"


def test_the_rest_waits_for_the_browsers_to_reload_and_a_save_meanwhile_goes_first(tmp_path: Path, monkeypatch) -> None:
    """After a reload the rest of the edit starts only REST_DELAY_S later (the browsers load their page
    meanwhile); a save in that time is built at once, and the rest then runs once, for both."""
    monkeypatch.setattr(watch, "SETTLE_S", 10)
    monkeypatch.setattr(watch, "REST_DELAY_S", 0.2)
    browser = Showing("/briefings/a/")
    monkeypatch.setattr(LiveReloadHandler, "waiters", {browser})
    events: list[str] = []
    rests: list[float] = []
    started = time.perf_counter()

    def change(paths: list[str], showing: frozenset[str]) -> list[str]:
        events.append(f"build {' '.join(paths)}")
        return ["briefings/a/index.html"]

    def rest(stop, written) -> bool:
        events.append("rest")
        rests.append(time.perf_counter() - started)
        return False

    watcher = EventWatcher([tmp_path], change, lambda: False, rest)
    monkeypatch.setattr(LiveReloadHandler, "watcher", watcher)

    async def saves() -> None:
        loop = ioloop.IOLoop.current()
        loop.add_callback(watcher.changed, ["a.md"])
        loop.call_later(0.1, watcher.changed, ["b.md"])
        await asyncio.sleep(0.6)

    runner = threading.Thread(target=asyncio.run, args=(saves(),))
    runner.start()
    runner.join()
    watcher.stop()
    assert events == ["build a.md", "build b.md", "rest"]
    assert rests[0] >= 0.3, "REST_DELAY_S after the second save's reload"
    assert len(browser.messages) == 2
