"""World map: the targeted countries shaded and linked, cropped to where they are, alleged origins hatched.

The outlines are Natural Earth's 1:110m countries (public domain), decoded once
from TopoJSON into ``world-110m.json`` by ``scripts/world_map.py``. Here they are
only selected and framed; the SVG markup is written by the templates.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

DATA = Path(__file__).with_name("world-110m.json")
ASPECT = 2.0  # width / height of the frame
MIN_HEIGHT = 160  # units (16 degrees of latitude)
PAD = 0.08


@dataclass(frozen=True)
class Shape:
    d: str
    name: str
    url: str = ""
    count: int = 0
    level: int = 0  # 1..3 shading steps for targeted countries; 0 for an alleged origin


@dataclass(frozen=True)
class Step:
    """One entry of the map's legend: a shading step and the numbers of briefings it stands for."""

    level: int
    label: str  # "1 briefing", "2–3 briefings"


@dataclass
class WorldMap:
    view_box: str
    title: str
    description: str
    background: str  # one path with every other country in frame
    covered: list[Shape] = field(default_factory=list)  # the targeted countries, by name
    missing: list[str] = field(default_factory=list)  # targeted countries the data cannot draw
    origins: list[Shape] = field(default_factory=list)  # alleged origins (not targets) in frame, by name
    legend: list[Step] = field(default_factory=list)
    hatch: float = 8.0  # the alleged origins' hatching, in map units (a hundredth of the frame's width)
    ranked: list[Shape] = field(default_factory=list)  # the targeted countries, most briefings first


@functools.lru_cache(maxsize=1)
def load_outlines() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def numeric_code(alpha_2: str) -> str | None:
    record = pycountry.countries.get(alpha_2=alpha_2.upper()) if alpha_2 else None
    return record.numeric if record else None


def _frame(boxes: list[list[int]], extent: list[int]) -> tuple[float, float, float, float]:
    if not boxes:
        x0, y0, x1, y1 = extent
        return x0, y0, x1 - x0, y1 - y0
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w, h = (x1 - x0) * (1 + 2 * PAD), (y1 - y0) * (1 + 2 * PAD)
    h = max(h, MIN_HEIGHT, w / ASPECT)
    w = max(w, h * ASPECT)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    ex0, ey0, ex1, ey1 = extent
    w, h = min(w, ex1 - ex0), min(h, ey1 - ey0)
    left = min(max(cx - w / 2, ex0), ex1 - w)
    top = min(max(cy - h / 2, ey0), ey1 - h)
    return round(left), round(top), round(w), round(h)


def _overlaps(box: list[int], frame: tuple[float, float, float, float]) -> bool:
    left, top, w, h = frame
    return box[2] >= left and box[0] <= left + w and box[3] >= top and box[1] <= top + h


def _plural(count: int) -> str:
    return f"{count} briefing{'s' if count != 1 else ''}"


def _steps(top: int) -> tuple[list[Step], int]:
    """The legend's shading steps for counts 1..``top``, and how many briefings each step spans."""
    size = max(1, -(-top // 3))
    steps = []
    for level in range(1, min(3, top) + 1):
        low, high = (level - 1) * size + 1, min(top, level * size)
        label = _plural(low) if low == high else f"{low}–{high} briefings"
        steps.append(Step(level, label))
    return steps, size


def world_map(covered: list[tuple[object, int]], origins: list[tuple[object, int]] = (),
              subject: str = "countries targeted") -> WorldMap:
    """Map data for the targeted countries ``covered`` and the alleged ``origins``: (country entity with
    ``code``, ``name``, ``url``; briefing count) pairs. Only targets are shaded, by the number of
    briefings that target them; origins that are not targets are hatched where they fall in the frame,
    which is fitted to the targets."""
    data = load_outlines()
    by_code = {c["id"]: c for c in data["countries"]}
    shapes: dict[str, tuple[object, int]] = {}
    missing = []
    for entity, count in covered:
        code = numeric_code(getattr(entity, "code", ""))
        if code in by_code:
            shapes[code] = (entity, count)
        else:
            missing.append(entity.name)
    frame = _frame([by_code[c]["bbox"] for c in shapes], data["extent"])
    top_count = max((n for _, n in shapes.values()), default=1)
    legend, size = _steps(top_count)
    covered_shapes = []
    for code, (entity, count) in sorted(shapes.items(), key=lambda item: item[1][0].name):
        level = min(3, 1 + (count - 1) // size)
        covered_shapes.append(Shape(by_code[code]["d"], entity.name, entity.url, count, level))
    origin_shapes, origin_codes = [], set()
    for entity, count in sorted(origins, key=lambda item: item[0].name):
        code = numeric_code(getattr(entity, "code", ""))
        if code in by_code and code not in shapes and _overlaps(by_code[code]["extent"], frame):
            origin_shapes.append(Shape(by_code[code]["d"], entity.name, entity.url, count, 0))
            origin_codes.add(code)
    background = "".join(c["d"] for c in data["countries"]
                         if c["id"] not in shapes and c["id"] not in origin_codes and _overlaps(c["extent"], frame))
    undrawn = [Shape("", e.name, e.url, n, min(3, 1 + (n - 1) // size)) for e, n in covered if e.name in missing]
    ranked = sorted(covered_shapes + undrawn, key=lambda s: (-s.count, s.name))
    names = ", ".join(f"{s.name} ({_plural(s.count)})" for s in ranked if s.d)
    title = f"Map of the {len(covered)} {subject}"
    description = (f"Only the countries targeted are shaded, by the number of briefings that target them: {names}."
                   if names else "No country is targeted in a briefing yet.")
    if origin_shapes:
        description += " Hatched, not shaded: named as the alleged origin, " + ", ".join(
            f"{s.name} (in {_plural(s.count)})" for s in origin_shapes) + "."
    description += " Each links to its page."
    if missing:
        description += f" Too small to draw at this scale: {', '.join(missing)}."
    return WorldMap(" ".join(str(v) for v in frame), title, description, background, covered_shapes, missing,
                    origin_shapes, legend, round(frame[2] / 100, 1), ranked)
