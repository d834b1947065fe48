"""Timeline chart: events, voting days and briefings as dots on a date axis.

Only geometry is computed here (coordinates, ticks, lanes, captions); the SVG
markup is written by ``templates/partials/graphics.html``. Each kind of entry
has its own lane; dots that would overlap in a lane are stacked in rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from site_builder.graphics.picture import Picture

LANES = (("vote", "Voting days"), ("event", "Events"), ("briefing", "Briefings"))
WIDTH = 720
LEFT = 104  # room for lane labels
RIGHT = 16
TOP = 10
AXIS = 34  # height of the axis and its labels
RADIUS = 5
ROW = 2 * RADIUS + 3
LANE_PAD = 10
MIN_SPAN_DAYS = 60
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    r: float
    kind: str
    date: dt.date
    label: str  # "2 October 2025: title" for the dot's tooltip


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool  # a year boundary


@dataclass(frozen=True)
class Lane:
    kind: str
    label: str
    y: float  # centre line
    top: float
    bottom: float
    count: int


@dataclass
class TimelineChart(Picture):
    axis_y: float
    plot_left: float
    plot_right: float
    lanes: list[Lane] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _month_start(day: dt.date, step: int) -> dt.date:
    month = ((day.month - 1) // step) * step + 1
    return dt.date(day.year, month, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _ticks(start: dt.date, end: dt.date, x_of) -> list[Tick]:
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 8 else 3 if months <= 30 else 12
    ticks = []
    day = _month_start(start, step)
    if day < start:
        day = _add_months(day, step)
    while day <= end:
        major = day.month == 1
        label = str(day.year) if step == 12 or (major and step == 3) else MONTHS[day.month - 1]
        if step < 12 and (major or not ticks):
            label = f"{MONTHS[day.month - 1]} {day.year}"
        ticks.append(Tick(round(x_of(day), 1), label, major))
        day = _add_months(day, step)
    return ticks


def timeline_chart(events: list, subject: str = "") -> TimelineChart | None:
    """Geometry for ``events`` (objects with ``date``, ``kind`` and ``title``); None when there are none."""
    if not events:
        return None
    first, last = min(e.date for e in events), max(e.date for e in events)
    span = (last - first).days
    pad = max(7, span // 20, (MIN_SPAN_DAYS - span) // 2)
    start, end = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    total = (end - start).days or 1
    plot_left, plot_right = LEFT, WIDTH - RIGHT

    def x_of(day: dt.date) -> float:
        return plot_left + (day - start).days / total * (plot_right - plot_left)

    lanes: list[Lane] = []
    marks: list[Mark] = []
    y = TOP
    for kind, label in LANES:
        in_lane = sorted((e for e in events if e.kind == kind), key=lambda e: (e.date, e.title))
        if not in_lane:
            continue
        rows: list[float] = []  # rightmost x used in each row
        placed = []
        for event in in_lane:
            x = x_of(event.date)
            row = next((i for i, right in enumerate(rows) if x - right >= ROW), None)
            if row is None:
                rows.append(x)
                row = len(rows) - 1
            rows[row] = x
            placed.append((event, x, row))
        height = len(rows) * ROW + 2 * LANE_PAD
        top = y
        centre = top + LANE_PAD + RADIUS
        for event, x, row in placed:
            marks.append(Mark(round(x, 1), round(centre + row * ROW, 1), RADIUS, kind, event.date,
                              f"{_long_date(event.date)}: {event.title}"))
        lanes.append(Lane(kind, label, round(centre, 1), top, top + height, len(in_lane)))
        y = top + height
    axis_y = y + 4
    counts = ", ".join(f"{lane.count} {lane.label.lower() if lane.count != 1 else _singular(lane.kind)}" for lane in lanes)
    about = f" for {subject}" if subject else ""
    title = f"Timeline{about}: {len(events)} entries from {_long_date(first)} to {_long_date(last)}"
    description = f"Dots on a date axis, one lane each: {counts}. Every entry is listed in the text."
    return TimelineChart(WIDTH, int(axis_y + AXIS), title, description, axis_y, plot_left, plot_right,
                         lanes, marks, _ticks(start, end, x_of))


def _singular(kind: str) -> str:
    return {"vote": "voting day", "event": "event", "briefing": "briefing"}[kind]
