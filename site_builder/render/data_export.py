"""``briefings.json``: every briefing's structured data for researchers and other tools.

The shape is documented in README.md ("Data export") and kept stable.
"""

from __future__ import annotations

import functools
import json

from site_builder.model import ENTITY_KINDS, Briefing, Citation, Election
from site_builder.content.site import Site
from site_builder.content.techniques import framework

FORMAT_VERSION = 2  # 2: roles (targets, responders, attribution_statement) and claims' basis, origin, date, denial


def export_json(site: Site) -> bytes:
    data = {
        "version": FORMAT_VERSION,
        "site": {"title": site.config.title, "url": site.config.base_url},
        "briefings": [_briefing(site, b) for b in site.briefings],
        "elections": [_election(site, e) for e in site.terms.get("elections", []) if isinstance(e, Election)],
        "techniques_framework": framework().version or None,  # the DISARM framework's copy (content/techniques.py)
    }
    return dumps_by_line(data).encode("utf-8")


def dumps_by_line(data: dict) -> str:
    """JSON with each item of a top-level list on a line of its own.

    One line per briefing keeps a diff between two builds to the briefings
    that changed and lets ``grep`` find them, and each line comes from the C
    encoder (an indented dump runs in pure Python: seconds at 10,000 briefings).
    """
    dump = functools.partial(json.dumps, ensure_ascii=False, sort_keys=True)
    members = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value:
            members.append(f"{dump(key)}: [\n  " + ",\n  ".join(map(dump, value)) + "\n ]")
        else:
            members.append(f"{dump(key)}: {dump(value)}")
    return "{\n " + ",\n ".join(members) + "\n}\n"


def _briefing(site: Site, b: Briefing) -> dict:
    return {
        "slug": b.slug,
        "url": site.config.absolute(b.url),
        "title": b.title,
        "date": b.date.isoformat(),
        "updated": b.updated.isoformat() if b.updated else None,
        "status": b.status,
        "summary": b.summary,
        **{kind: [e.name for e in b.entities.get(kind, ())] for kind in ENTITY_KINDS},
        "tags": [t.name for t in b.entities.get("tags", ())],
        "techniques": [t.slug for t in b.entities.get("techniques", ())],  # DISARM ids
        "targets": [c.name for c in b.targets],
        "responders": [e.name for e in b.responders],
        "attribution_statement": b.no_attribution or None,
        "attribution": [
            {"actor": a.actor.name if a.actor else a.actor_ref.name, "confidence": a.confidence,
             "claimed_by": a.claimed_by, "note": a.basis, "basis": a.basis,
             "origin": a.origin.name if a.origin else None, "date": b.claim_date(a).isoformat(),
             "denial": a.denial, **_cited(a.citation)}
            for a in b.attribution
        ],
        "events": [
            {"date": e.date.isoformat(), "title": e.title, **_cited(e.citation),
             **{k: [x.name for x in e.entities.get(k, ())] for k in ("countries", "actors")}}
            for e in sorted(b.events, key=lambda e: (e.date, e.title))
        ],
        "sources": [
            {"publisher": s.publisher, "title": s.title, "url": s.url, "author": s.author,
             "published": s.published.isoformat() if s.published else None, "id": s.id or None,
             "archived": s.archived or None}
            for s in b.sources
        ],
    }


def _cited(citation: Citation | None) -> dict:
    """``source``: the cited source's position in the briefing's ``sources`` (1 for the first), or null."""
    return {"source": citation.number if citation else None, "locator": (citation.locator or None) if citation else None}


def _election(site: Site, e: Election) -> dict:
    return {
        "name": e.name,
        "url": site.config.absolute(e.url),
        "country": e.country.name if e.country else None,
        "kind": e.election_type,
        "dates": [{"date": d.date.isoformat(), "label": d.label} for d in e.dates],
        "outcome": e.outcome,
    }
