"""Co-occurrence graph: an entity in the middle, the actors and platforms named with it around.

Lines join entities named in the same briefings, thicker for more briefings.
Only geometry is computed here; the SVG markup is written by the templates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping

from site_builder.render.graphics.picture import Picture

WIDTH, HEIGHT = 760, 400
LABEL = 24  # characters; longer names are shortened on the picture (the tooltip and list give them whole)
CENTRE = (WIDTH / 2, HEIGHT / 2)
RING = (165, 150)  # ellipse radii of the ring of companions
LIMIT = 10
KINDS = ("actors", "platforms")

Key = tuple[str, str]


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    r: float
    name: str
    label: str  # the name, shortened when long
    url: str
    kind: str
    count: int  # briefings shared with the centre (the centre: its own briefings)
    label_x: float
    label_y: float
    anchor: str  # start | middle | end
    centre: bool = False


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    weight: int
    spoke: bool  # joins the centre


@dataclass
class Graph(Picture):
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def _short(name: str) -> str:
    return name if len(name) <= LABEL else name[:LABEL - 1].rstrip() + "…"


def _key(entity) -> Key:
    return (entity.kind, entity.slug)


def actor_graph(centre, companions: Mapping[Key, list[tuple[object, int]]], own_count: int = 0,
                kinds: tuple[str, ...] = KINDS, limit: int = LIMIT,
                shared: Mapping[Key, Mapping[Key, int]] | None = None) -> Graph | None:
    """Graph data around ``centre``; ``companions`` is ``Site.companions``. None when nothing appears with it.

    ``shared`` (``Site.shared``) answers "how many briefings name both" directly;
    without it the answer is read from the companion lists.
    """
    around = [(e, n) for e, n in companions.get(_key(centre), []) if e.kind in kinds][:limit]
    if not around:
        return None
    # Platforms first, then actors, each by weight: neighbours on the ring tend to share briefings.
    around.sort(key=lambda item: (kinds.index(item[0].kind), -item[1], item[0].name.casefold()))
    cx, cy = CENTRE
    nodes = [Node(cx, cy, 14, centre.name, _short(centre.name), centre.url, centre.kind, own_count, cx, cy + 32, "middle", True)]
    top = max(n for _, n in around)
    for i, (entity, weight) in enumerate(around):
        angle = -math.pi / 2 + 2 * math.pi * i / len(around)
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + RING[0] * cos, cy + RING[1] * sin
        r = 6 + 4 * weight / top
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        lx = x + (r + 6) * (1 if anchor == "start" else -1 if anchor == "end" else 0)
        ly = y + 5 if anchor != "middle" else (y - r - 7 if sin < 0 else y + r + 17)
        nodes.append(Node(round(x, 1), round(y, 1), round(r, 1), entity.name, _short(entity.name), entity.url,
                          entity.kind, weight,
                          round(lx, 1), round(ly, 1), anchor))
    edges = [Edge(cx, cy, n.x, n.y, n.count, True) for n in nodes[1:]]
    index = {_key(e): node for (e, _), node in zip(around, nodes[1:])}
    for (entity, _), node in zip(around, nodes[1:]):
        for other, count in drawn_companions(_key(entity), index, companions, shared):
            peer = index[other]
            if (node.kind, node.name) < (peer.kind, peer.name):
                edges.append(Edge(node.x, node.y, peer.x, peer.y, count, False))
    names = ", ".join(f"{n.name} ({n.count})" for n in nodes[1:])
    title = f"Actors and platforms named together with {centre.name}"
    description = (f"A network diagram: {centre.name} in the middle, joined to the {len(around)} actors and "
                   f"platforms most often named in the same briefings, with the number of shared briefings: "
                   f"{names}. Lines between the outer names join those that share briefings too.")
    return Graph(WIDTH, HEIGHT, title, description, nodes, edges)


def drawn_companions(key: Key, drawn: Mapping[Key, object], companions: Mapping[Key, list[tuple[object, int]]],
                     shared: Mapping[Key, Mapping[Key, int]] | None) -> list[tuple[Key, int]]:
    """The companions of ``key`` that are among ``drawn``, in companion order (most shared, then kind and slug)."""
    if shared is None:
        return [(_key(other), n) for other, n in companions.get(key, []) if _key(other) in drawn]
    counts = shared.get(key, {})
    found = [(other, counts[other]) for other in drawn if other in counts]
    return sorted(found, key=lambda item: (-item[1], item[0]))
