"""Build-time pictures as plain data: geometry in Python, SVG markup in templates.

- ``timeline_chart``: dots on a date axis (timeline, election and country pages)
- ``world_map``: targeted countries (and alleged origins) on Natural Earth outlines (home, countries index)

Each returns a dataclass of numbers and strings with a title and description for
the text alternative; ``templates/partials/graphics.html`` draws it.
"""

from site_builder.render.graphics.timeline import TimelineChart, timeline_chart
from site_builder.render.graphics.worldmap import WorldMap, world_map

__all__ = ["TimelineChart", "WorldMap", "timeline_chart", "world_map"]
