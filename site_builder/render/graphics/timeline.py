"""Timeline chart: events, voting days and briefings as dots on a date axis.

Only geometry is computed here (coordinates, ticks, lanes, captions); the SVG
markup is written by ``templates/partials/graphics.html``. Each kind of entry
has its own lane; dots that would overlap in a lane are stacked in rows.

A chart of more entries than dots can show (``MAX_DOTS``, or a lane stacked
more than ``MAX_ROWS`` deep) draws bars instead: one per month, quarter or
year (whichever gives at most ``MAX_BARS`` across the chart), as high as the
number of entries in it, so a large archive's chart stays one screen high.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from site_builder.render.graphics.picture import Picture

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
MAX_DOTS = 400
MAX_ROWS = 6
MAX_BARS = 60
BAR_LANE = 46  # height of a lane of bars
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
class Bar:
    x: float
    y: float  # top
    width: float
    height: float
    kind: str
    count: int
    label: str  # "March 2019: 213 events" for the bar's tooltip


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
    most: int = 0  # bars: the entries of the fullest bar, which the scale line marks
    scale_y: float = 0.0  # bars: the height of that bar's top


@dataclass
class TimelineChart(Picture):
    axis_y: float
    plot_left: float
    plot_right: float
    lanes: list[Lane] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    unit: str = ""  # bars: what each bar counts ("month", "quarter" or "year"); "" for dots


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

    in_lanes = [(kind, label, sorted((e for e in events if e.kind == kind), key=lambda e: (e.date, e.title)))
                for kind, label in LANES]
    in_lanes = [lane for lane in in_lanes if lane[2]]
    placed = None if len(events) > MAX_DOTS else _stack(in_lanes, x_of)
    if placed is None:
        marks: list[Mark] = []
        step = _bin_months(start, end)
        lanes, bars, y = _bar_lanes(in_lanes, start, end, step, x_of)
        shape = f"Bars on a date axis, one lane each, as high as the entries of each {_BIN_NAMES[step]}"
    else:
        bars, step = [], 0
        lanes, marks, y = _dot_lanes(placed)
        shape = "Dots on a date axis, one lane each"
    axis_y = y + 4
    counts = ", ".join(_entries(lane.count, lane.kind) for lane in lanes)
    about = f" for {subject}" if subject else ""
    title = f"Timeline{about}: {len(events)} entries from {_long_date(first)} to {_long_date(last)}"
    description = f"{shape}: {counts}. The entries are listed in the text."
    return TimelineChart(WIDTH, int(axis_y + AXIS), title, description, axis_y, plot_left, plot_right,
                         lanes, marks, _ticks(start, end, x_of), bars, _BIN_NAMES[step] if bars else "")


def _stack(in_lanes: list, x_of) -> list | None:
    """Each lane's entries with their x and row, dots that would overlap stacked; None past ``MAX_ROWS``."""
    placed_lanes = []
    for kind, label, in_lane in in_lanes:
        rows: list[float] = []  # rightmost x used in each row
        placed = []
        for event in in_lane:
            x = x_of(event.date)
            row = next((i for i, right in enumerate(rows) if x - right >= ROW), None)
            if row is None:
                if len(rows) == MAX_ROWS:
                    return None
                rows.append(x)
                row = len(rows) - 1
            rows[row] = x
            placed.append((event, x, row))
        placed_lanes.append((kind, label, placed, len(rows)))
    return placed_lanes


def _dot_lanes(placed_lanes: list) -> tuple[list[Lane], list[Mark], float]:
    lanes: list[Lane] = []
    marks: list[Mark] = []
    y = TOP
    for kind, label, placed, rows in placed_lanes:
        height = rows * ROW + 2 * LANE_PAD
        top = y
        centre = top + LANE_PAD + RADIUS
        for event, x, row in placed:
            marks.append(Mark(round(x, 1), round(centre + row * ROW, 1), RADIUS, kind, event.date,
                              f"{_long_date(event.date)}: {event.title}"))
        lanes.append(Lane(kind, label, round(centre, 1), top, top + height, len(placed)))
        y = top + height
    return lanes, marks, y


def _bin_months(start: dt.date, end: dt.date) -> int:
    """Months per bar: 1, 3 or 12, the smallest that gives at most ``MAX_BARS`` bars."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return next((step for step in (1, 3) if -(-months // step) <= MAX_BARS), 12)


_BIN_NAMES = {1: "month", 3: "quarter", 12: "year"}


def _bin_label(day: dt.date, step: int) -> str:
    if step == 1:
        return day.strftime("%B %Y")
    return f"Q{(day.month - 1) // 3 + 1} {day.year}" if step == 3 else str(day.year)


def _bar_lanes(in_lanes: list, start: dt.date, end: dt.date, step: int, x_of) -> tuple[list[Lane], list[Bar], float]:
    """One lane of bars per kind: entries counted per ``step`` months (a month, quarter or year)."""
    lanes: list[Lane] = []
    bars: list[Bar] = []
    y = TOP
    for kind, label, in_lane in in_lanes:
        counts: dict[dt.date, int] = {}
        for event in in_lane:
            key = _month_start(event.date, step)
            counts[key] = counts.get(key, 0) + 1
        most = max(counts.values())
        base = y + BAR_LANE - LANE_PAD / 2
        for day, count in sorted(counts.items()):
            left, right = max(x_of(day), x_of(start)), min(x_of(_add_months(day, step)), x_of(end))
            height = max(2.0, round(count / most * (BAR_LANE - LANE_PAD), 1))
            bars.append(Bar(round(left + 0.5, 1), round(base - height, 1), round(max(1.0, right - left - 1), 1),
                            height, kind, count, f"{_bin_label(day, step)}: {_entries(count, kind)}"))
        lanes.append(Lane(kind, label, round(y + BAR_LANE / 2, 1), y, y + BAR_LANE, len(in_lane), most,
                          round(base - (BAR_LANE - LANE_PAD), 1)))
        y += BAR_LANE
    return lanes, bars, y


def _entries(count: int, kind: str) -> str:
    """"1 voting day", "3 events": a count of one lane's entries, as captions and tooltips say it."""
    return f"{count} {_singular(kind) if count == 1 else dict(LANES)[kind].lower()}"


def _singular(kind: str) -> str:
    return {"vote": "voting day", "event": "event", "briefing": "briefing"}[kind]
