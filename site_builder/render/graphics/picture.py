"""What every picture has: a size in SVG units and a text alternative."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Picture:
    width: int
    height: int
    title: str  # the SVG <title>: what the picture is
    description: str  # the SVG <desc>: what it shows, in words
