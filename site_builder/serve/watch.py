"""File-system events for the preview server: rebuild and reload as soon as a file is saved.

watchfiles (the operating system's file events: inotify on Linux) reports a
save at once, where livereload's own polling missed a second save soon after
the first; the rebuild runs in a thread while the server answers from the last
good site, and the browsers showing a page it wrote reload when it is done;
what an edit leaves for later is finished next, in the same thread. See
docs/preview.md.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Collection

import watchfiles
from livereload.watcher import Watcher
from tornado import ioloop

from site_builder.serve.browsers import Browsers

# Editors write a file in bursts (a temporary file, a rename, a metadata
# change): wait until no event came for STEP_MS, and at most DEBOUNCE_MS.
STEP_MS = 15
DEBOUNCE_MS = 100
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~")
# After a rebuild the browser reloads at once; a moment later every input file is
# checked, in case the events missed one (see ``serve.settle``).
SETTLE_S = 0.5
# The rest of an edit waits this long after a reload, so that the browsers load the page they were
# told to (the server answers them from its loop) without the build thread competing for the CPU.
REST_DELAY_S = 0.3


class EventWatcher(Watcher):
    """A livereload watcher that rebuilds on file events and reloads the browsers the change concerns.

    ``on_change(paths, showing)`` rebuilds for the saved ``paths``, given the
    output files the browsers show, and returns the output files whose
    browsers must reload (None: every browser). ``on_rest(stop, written)``
    then finishes what the rebuild left for later, asking ``stop`` (True when
    another save waits) and telling ``written`` each file in place; it returns
    True when every browser must reload. ``on_settle`` checks every input once
    the saves have stopped.
    """

    def __init__(self, folders: list[Path], on_change: Callable[[list[str], frozenset[str]], Collection[str] | None],
                 on_settle: Callable[[], bool] | None = None,
                 on_rest: Callable[[Callable[[], bool], Callable[[list[str]], None]], bool] | None = None,
                 browsers: Browsers | None = None):
        super().__init__()
        self.folders = [f for f in folders if f.is_dir()]
        for folder in self.folders:
            self.watch(str(folder))  # known to livereload, which otherwise watches the working folder
        self.on_change, self.on_settle, self.on_rest = on_change, on_settle, on_rest
        self.browsers = browsers or Browsers()
        self.settling: object | None = None
        self.resting: object | None = None  # the rest of an edit, due after the browsers reloaded
        self.stop_event = threading.Event()
        self.reloads = 0
        # One build at a time, off the server's loop: requests never wait for it.
        self.builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-builder-build")
        self.building = False
        self.waiting: set[str] = set()  # files saved while a build ran: the next build's
        self.due: set[str] | None = set()  # output files whose browsers a reload owes (None: every browser)

    def start(self, callback) -> bool:
        """Called by livereload when it starts serving; True tells it not to poll."""
        if not self.folders:
            return False
        loop = ioloop.IOLoop.current()
        thread = threading.Thread(target=self._listen, args=(loop,), name="site-builder-watch", daemon=True)
        thread.start()
        return True

    def _listen(self, loop: ioloop.IOLoop) -> None:
        for changes in watchfiles.watch(*self.folders, debounce=DEBOUNCE_MS, step=STEP_MS,
                                        stop_event=self.stop_event, raise_interrupt=False):
            paths = sorted({path for _, path in changes if not path.endswith(IGNORED_SUFFIXES)})
            if paths:
                loop.add_callback(self.changed, paths)

    def changed(self, paths: list[str]) -> None:
        """Rebuild in the background, then reload the browsers (they show the problems page when it failed)."""
        self.waiting.update(paths)
        if not self.building:
            self._cancel()  # the check and the rest come again after this build
            self._run(self.on_change, (sorted(self.waiting), self.browsers.showing()), self._built)
            self.waiting.clear()

    def _cancel(self) -> None:
        loop = ioloop.IOLoop.current()
        for timeout in (self.settling, self.resting):
            if timeout is not None:
                loop.remove_timeout(timeout)
        self.settling = self.resting = None

    def _run(self, function: Callable, arguments: tuple, done: Callable[[Future], None]) -> None:
        """Call ``function`` in the build thread; ``done`` with its future on the server's loop."""
        self.building = True
        future = self.builder.submit(function, *arguments)
        ioloop.IOLoop.current().add_future(future, done)

    def _owe(self, files: Collection[str] | None) -> None:
        self.due = None if files is None or self.due is None else self.due | set(files)

    def _built(self, future: Future) -> None:
        self.building = False
        self._owe(future.result() if future.exception() is None else None)
        if self.waiting:  # saved while building: build again before reloading
            self.changed([])
            return
        reloaded = self._reload()
        if self.on_rest is None:
            self._rested(None)
        else:
            self.resting = ioloop.IOLoop.current().call_later(REST_DELAY_S if reloaded else 0, self._rest)

    def _rest(self) -> None:
        """Finish what the edit left, in the build thread; a save meanwhile stops it."""
        self.resting = None
        loop = ioloop.IOLoop.current()

        def written(files: list[str]) -> None:  # from the build thread
            loop.add_callback(self.browsers.reload, files)

        self._run(self.on_rest, (lambda: bool(self.waiting), written), self._rested)

    def _rested(self, future: Future | None) -> None:
        """What the edit left is done (or stopped for a save): build that, or check everything a moment later."""
        self.building = False
        if future is not None and (future.exception() is not None or future.result()):
            self._owe(None)
        if self.waiting:
            self.changed([])
            return
        self._reload()
        if self.on_settle is not None:
            loop = ioloop.IOLoop.current()
            if self.settling is not None:
                loop.remove_timeout(self.settling)
            self.settling = loop.call_later(SETTLE_S, self.settle)

    def settle(self) -> None:
        """Check every input file once the saves have stopped; reload again if that rebuilt."""
        self.settling = None
        if not self.building:  # else the build running now schedules the check again
            self._run(self.on_settle, (), self._settled)

    def _settled(self, future: Future) -> None:
        self.building = False
        if self.waiting:
            self.changed([])
        elif future.exception() is None and future.result():
            self._owe(None)
            self._reload()

    def _reload(self) -> int:
        """Reload the browsers showing what was rebuilt since the last reload (all of them after a full
        build); how many were told."""
        told = 0
        if self.due is None or self.due:
            self.reloads += 1
            told = self.browsers.reload(self.due)
        self.due = set()
        return told

    def examine(self):
        """livereload's polling hook: nothing to report, events arrive through ``start``."""
        return None, None

    def stop(self) -> None:
        self.stop_event.set()
        self.builder.shutdown(wait=False, cancel_futures=True)
