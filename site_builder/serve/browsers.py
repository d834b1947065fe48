"""The browsers connected to the preview, the page each shows, and reloading only those a change concerns.

livereload's client tells the server its page's URL when it connects (the
``info`` message, sent on every page load). An edit renders first the pages
the browsers show, so the server must know them, and a page written later
reloads only the browsers showing it: the others keep their scroll position
and are not interrupted. livereload itself only reloads every browser at once.
See docs/preview.md ("Reloading the browsers").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from urllib.parse import unquote, urlsplit

from livereload.handlers import LiveReloadHandler

from site_builder.serve.writes import page_file

RELOAD = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": True}  # the whole page


class PageSocket(LiveReloadHandler):
    """livereload's websocket, noting the URL path of the page that opened it."""

    page: str | None = None  # None until the client says (its ``info`` message)

    def on_message(self, message: str | bytes) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            data = None
        if isinstance(data, dict) and data.get("command") == "info" and isinstance(data.get("url"), str):
            self.page = unquote(urlsplit(data["url"]).path)
        super().on_message(message)


class Browsers:
    """The connected browsers (livereload's waiters): which output files they show, and reloading them.

    ``base_path`` gives the site's path (``/`` or ``base_url``'s path) as of
    the last good build. Call from the server's loop, which owns the waiters.
    """

    def __init__(self, base_path: Callable[[], str] = lambda: "/"):
        self.base_path = base_path

    def file_of(self, waiter: object) -> str | None:
        """The output file the browser behind ``waiter`` shows; None when unknown or outside the site."""
        page, base = getattr(waiter, "page", None), self.base_path()
        if page is None or not page.startswith(base):
            return None
        path = page[len(base):]
        if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
            path += "/"  # a folder named without its slash
        return page_file(path)

    def showing(self) -> frozenset[str]:
        """The output files the connected browsers show."""
        return frozenset(f for f in map(self.file_of, list(LiveReloadHandler.waiters)) if f is not None)

    def reload(self, files: Collection[str] | None) -> int:
        """Reload the browsers showing one of ``files`` (and those whose page is unknown); every browser
        when ``files`` is None. How many were told."""
        told = 0
        for waiter in list(LiveReloadHandler.waiters):
            shown = self.file_of(waiter)
            if files is not None and shown is not None and shown not in files:
                continue
            try:
                waiter.write_message(RELOAD)
                told += 1
            except Exception:  # closed meanwhile: livereload forgets it the same way
                LiveReloadHandler.waiters.discard(waiter)
        return told
