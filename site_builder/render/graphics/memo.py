"""Pictures made once per distinct input, and hashed by that input.

A picture is a pure function of a few plain values (dates, kinds, titles,
names, URLs, counts). ``timeline_chart`` here keys each call
by exactly those values: a process that builds again (``serve``) reuses the
pictures whose inputs did not change, and each picture carries the hash of its
key as ``input_hash``, which render keys (``incremental.Fingerprinter``) use
instead of hashing every mark, node and edge.
"""

from __future__ import annotations

import hashlib
from typing import Callable

from site_builder.render.graphics import timeline
from site_builder.render.graphics.picture import Picture

_MISSING = object()


class _Memo:
    """This build's pictures and the last build's; older ones are dropped."""

    def __init__(self) -> None:
        self.current: dict[tuple, Picture | None] = {}
        self.previous: dict[tuple, Picture | None] = {}

    def new_build(self) -> None:
        self.previous, self.current = self.current, {}

    def get(self, key: tuple, make: Callable[[], Picture | None]) -> Picture | None:
        picture = self.current.get(key, _MISSING)
        if picture is _MISSING:
            picture = self.previous.get(key, _MISSING)
            if picture is _MISSING:
                picture = make()
                if picture is not None:
                    picture.input_hash = hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"),
                                                         digest_size=16).digest()
            self.current[key] = picture
        return picture


_memo = _Memo()
new_build = _memo.new_build


def timeline_chart(events: list, subject: str = "") -> timeline.TimelineChart | None:
    """``graphics.timeline_chart``, which reads each event's date, kind and title."""
    key = ("timeline", subject, tuple((e.date, e.kind, e.title) for e in events))
    return _memo.get(key, lambda: timeline.timeline_chart(events, subject))

