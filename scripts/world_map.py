"""Regenerate site_builder/render/graphics/world-110m.json from Natural Earth data.

Source: the npm package ``world-atlas`` (countries-110m.json, TopoJSON), which
packages Natural Earth's 1:110m Admin 0 countries. Natural Earth is in the
public domain; world-atlas is ISC-licensed. The script installs world-atlas
into .cache/npm (git-ignored) when it is missing, decodes the TopoJSON arcs,
projects them (equirectangular, standard parallel 45°, 10 units a degree of
latitude), rounds and thins the points, and writes one SVG path per country
keyed by its ISO 3166-1 numeric code (a short name for the three without one).

    python scripts/world_map.py
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_PREFIX = ROOT / ".cache" / "npm"
PACKAGE = "world-atlas@2.0.2"
SOURCE = NPM_PREFIX / "node_modules" / "world-atlas" / "countries-110m.json"
TARGET = ROOT / "site_builder" / "render" / "graphics" / "world-110m.json"

UNITS = 10  # per degree of latitude
PARALLEL = math.radians(45)
DROP = {"010"}  # Antarctica: nothing to show there, and it takes a third of the height
TOLERANCE = 0.8  # units; points nearer than this to the simplified line are dropped


def ensure_source() -> Path:
    if not SOURCE.exists():
        NPM_PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund", "--silent", PACKAGE],
                       check=True)
    return SOURCE


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) * UNITS * math.cos(PARALLEL), (90 - lat) * UNITS


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring's projected points. Rings that cross the 180th meridian (Russia, Fiji) are kept
    in one piece, running past the map's edge, instead of jumping across the whole map."""
    lonlat: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        lonlat.extend(arc if not lonlat else arc[1:])
    unwrapped = lonlat[:1]
    for lon, lat in lonlat[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        unwrapped.append((lon, lat))
    mean = sum(lon for lon, _ in unwrapped) / len(unwrapped)
    shift = -360 if mean > 180 else 360 if mean < -180 else 0
    return [project(lon + shift, lat) for lon, lat in unwrapped]


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on a closed ring (first point kept)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start], points[end]
        length = math.hypot(x2 - x1, y2 - y1)
        best, best_i = 0.0, None
        for i in range(start + 1, end):
            px, py = points[i]
            if length == 0:
                dist = math.hypot(px - x1, py - y1)
            else:
                dist = abs((x2 - x1) * (y1 - py) - (x1 - px) * (y2 - y1)) / length
            if dist > best:
                best, best_i = dist, i
        if best_i is not None and best > tolerance:
            keep[best_i] = True
            stack += [(start, best_i), (best_i, end)]
    return [p for p, k in zip(points, keep) if k]


def area(points: list[tuple[int, int]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def bounds(points: list[tuple[int, int]]) -> list[int]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return [min(xs), min(ys), max(xs), max(ys)]


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """Compact SVG path: an absolute move, then relative lines, for each ring."""
    parts = []
    for ring in rings:
        (px, py), numbers = ring[0], []
        for x, y in ring[1:]:
            numbers += [x - px, y - py]
            px, py = x, y
        parts.append(f"M{ring[0][0]} {ring[0][1]}l" + " ".join(map(str, numbers)).replace(" -", "-") + "z")
    return "".join(parts)


def country_rings(geometry: dict, arcs) -> list[list[list[tuple[int, int]]]]:
    """Polygons (outer ring first) with rounded, thinned, de-duplicated integer points."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    out = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = simplify(ring_points(ring, arcs), TOLERANCE)
            rounded: list[tuple[int, int]] = []
            for x, y in points:
                p = (round(x), round(y))
                if not rounded or rounded[-1] != p:
                    rounded.append(p)
            if len(rounded) > 1 and rounded[0] == rounded[-1]:
                rounded.pop()
            if len(rounded) >= 3 and area(rounded) >= 1:
                rings.append(rounded)
        if rings:
            out.append(rings)
    return out


def main() -> int:
    topology = json.loads(ensure_source().read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        name = geometry["properties"]["name"]
        if code in DROP or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = country_rings(geometry, arcs)
        if not polygons:
            continue
        main_ring = max((p[0] for p in polygons), key=area)
        every = [point for polygon in polygons for point in polygon[0]]
        countries.append({
            "id": code or name.lower().replace(". ", "-").replace(" ", "-"),
            "name": name,
            "bbox": bounds(main_ring),  # the largest part: what a map zoomed on the country shows
            "extent": bounds(every),  # every part: what decides whether a cropped map needs the path
            "d": path_data([ring for polygon in polygons for ring in polygon]),
        })
    countries.sort(key=lambda c: c["id"])
    all_y = [c["extent"][i] for c in countries for i in (1, 3)]
    width = round(360 * UNITS * math.cos(PARALLEL))
    data = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via the world-atlas npm package "
                  f"({PACKAGE}, ISC licence); regenerate with scripts/world_map.py",
        "projection": "equirectangular, standard parallel 45 degrees; x = (lon + 180) * 10 * cos 45°, y = (90 - lat) * 10",
        "width": width,
        "height": 180 * UNITS,
        "extent": [0, min(all_y), width, max(all_y)],  # the frame of a whole-world map
        "countries": countries,
    }
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(countries)} countries, {TARGET.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
