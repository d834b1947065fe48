"""What an edit to a briefing may change in place: the kept briefing takes the new fields, or the
full build runs.

``index_key`` is what the site's index is made of from one briefing; when it
is unchanged the live session ``adopt``s the edit into the kept object, so
that every page context holding it shows the edit. See docs/preview.md ("The
live session") and docs/architecture.md (the one exception to "nothing
changes a briefing after rendering its body").
"""

from __future__ import annotations

from site_builder.model import Briefing, Event
from site_builder.serve.reach import field_names


def index_key(briefing: Briefing) -> tuple:
    """What the Site index is made of from one briefing (see the module docstring)."""
    return (briefing.slug, briefing.title, briefing.date, briefing.status, _names(briefing.refs),
            tuple((e.date, e.title, _names(e.refs)) for e in briefing.events),
            # accused: entities and roles; and what the pages of the accused and the listing's confidence
            # filter say of each claim (render/term_pages.Claims), which a quick edit would leave stale there
            tuple((a.actor_ref.name, a.denial, a.confidence, a.claimed_by, a.basis, a.date) for a in briefing.attribution))


def _names(refs: dict) -> tuple:
    return tuple((kind, tuple(ref.name for ref in refs[kind])) for kind in sorted(refs))


def adopt(old: Briefing, new: Briefing, on_timeline: list[Event]) -> None:
    """Give ``old`` the edited fields of ``new``, keeping its identity, its resolved names and its events.

    Every list, index and page context that holds the briefing then shows the
    edit. The names resolve as before (they are equal), and the site's own
    entities are kept, so a tag keeps the spelling the site shows; events keep
    their objects and take the new positions of their names, on the timeline
    too (timeline entries share their ``refs`` with the briefing's events).
    """
    moved = {id(o.refs): n.refs for o, n in zip(old.events, new.events)}
    for entry in on_timeline:
        entry.refs = moved.get(id(entry.refs), entry.refs)
    for o, n in zip(old.events, new.events):
        o.refs = n.refs
    for name in field_names(Briefing):
        if name not in ("entities", "events", "html"):
            setattr(old, name, getattr(new, name))
