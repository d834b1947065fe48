"""Pictures are made once per distinct input and hashed by that input (``graphics/memo.py``)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS

from site_builder.render import graphics
from site_builder.render.graphics import memo
from site_builder.render.incremental import Fingerprinter


def ev(day: str, kind: str = "event", title: str = "something") -> NS:
    return NS(date=dt.date.fromisoformat(day), kind=kind, title=title, briefing=None)


def test_same_input_same_picture_and_the_same_as_without_the_memo():
    memo.new_build()
    events = [ev("2024-03-01", "vote", "Vote"), ev("2024-01-05")]
    chart = memo.timeline_chart(events, "Moldova")
    assert chart == graphics.timeline_chart(events, "Moldova")
    memo.new_build()  # the next build in the same process (serve) reuses it
    assert memo.timeline_chart(list(events), "Moldova") is chart
    assert memo.timeline_chart(events[:1], "Moldova") is not chart


def test_a_changed_input_changes_the_picture_and_its_hash():
    memo.new_build()
    events = [ev("2024-03-01", "vote", "Vote"), ev("2024-01-05")]
    chart = memo.timeline_chart(events, "Moldova")
    changed = memo.timeline_chart([events[0], ev("2024-01-05", title="something else")], "Moldova")
    assert changed == graphics.timeline_chart([events[0], ev("2024-01-05", title="something else")], "Moldova")
    assert changed != chart
    fingerprints = Fingerprinter()
    assert fingerprints.of(chart) != fingerprints.of(changed)
