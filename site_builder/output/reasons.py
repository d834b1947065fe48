"""Why pages were rendered again, for ``--verbose``: what changed in the content since the last
build (per briefing and entity, per field), and which of the rendered pages hold each change.

The field hashes come from the render key's own hashing (``Fingerprinter.field_hashes``),
so a change shown here is a change the render keys see. Only pages that are rendered
anyway are searched for the changed objects, so an unchanged build pays nothing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from site_builder.model import TERM_KINDS, Briefing, Entity, Event

# Field names as an editor knows them.
_SAID = {"html": "body", "refs": "names", "entities": "names", "lines": "layout", "body_line": "layout"}
SHOWN = 8  # changes listed by name; the rest are counted
BY_INDEX = "chosen by the dependency index: only briefings' bodies changed, every list is as it was"


def token(value: Any) -> str:
    """How a briefing or an entity is named in the report: its folder and slug."""
    if isinstance(value, Briefing):
        return f"briefings/{value.slug}"
    return f"{value.kind}/{value.slug}"


def site_objects(site: Any) -> list[Any]:
    """The briefings and every entity of the site, each once."""
    seen: dict[str, Any] = {token(b): b for b in site.briefings}
    for kind in (*TERM_KINDS, "techniques"):
        for entity in [*site.kb.entities.get(kind, []), *site.terms.get(kind, [])]:
            seen[token(entity)] = entity
    return list(seen.values())


def changes(old: dict[str, dict[str, bytes]], new: dict[str, dict[str, bytes]]) -> dict[str, str]:
    """token -> what changed ("body, title changed", "added", "removed"); nothing for a first build."""
    if not old:
        return {}
    out = {}
    for name, fields in new.items():
        before = old.get(name)
        if before is None:
            out[name] = "added"
        elif before != fields:
            said = sorted({_SAID.get(f, f) for f in fields.keys() | before.keys() if fields.get(f) != before.get(f)})
            out[name] = ", ".join(said) + " changed"
    out.update({name: "removed" for name in old.keys() - new.keys()})
    return out


def held(context: dict, wanted: dict[int, str], entities: bool) -> list[str]:
    """The tokens of the changed objects (``wanted``: id -> token) a page's data holds, at any depth.

    Without a changed entity (``entities``) among them, briefings, entities and
    events are not searched inside: no briefing holds another (an event's back
    reference is never followed), and a page listing every briefing is searched
    in a moment.
    """
    found, seen, todo = set(), set(), list(context.values())
    opaque = () if entities else (Briefing, Entity, Event)
    while todo:
        value = todo.pop()
        if isinstance(value, (str, int, float, bytes, type(None))) or id(value) in seen:
            continue
        seen.add(id(value))
        if id(value) in wanted:
            found.add(wanted[id(value)])
        if isinstance(value, opaque):
            continue
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, (list, tuple, set, frozenset)):
            todo.extend(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            todo.extend(getattr(value, f.name) for f in dataclasses.fields(value)
                        if not (f.name == "briefing" and isinstance(value, Event)))
    return sorted(found)


def lines(changed: dict[str, str], causes: Counter) -> list[str]:
    """The report: each change with the rendered pages that hold it, then the other causes."""
    out = [f"{name}: {what}, {_pages(causes.pop(name, 0))}" for name, what in sorted(changed.items())[:SHOWN]]
    if len(changed) > SHOWN:
        out.append(f"and {len(changed) - SHOWN} more changed briefings or entities")
    out += [f"{cause}: {_pages(count)}" for cause, count in causes.most_common() if cause not in changed]
    return out


def _pages(count: int) -> str:
    return f"{count} page{'' if count == 1 else 's'} rendered"

