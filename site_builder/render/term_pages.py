"""A term's pages (its briefings by role, its timeline, its feed), with what they share: the page plan's
largest part, split from ``pages.py`` so that each page's data can be made only when it is rendered.

``render_term`` decides from counts alone which pages a term has (the plan's paths); what the pages
show (the briefings by role, the claims, the rankings, the chart) is made once per term, the first
time one of its pages asks for it (``pages.PageJob.context``). A build the dependency index decides
renders a few dozen pages and so makes a few terms' data, not every term's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import groupby
from typing import Callable

from site_builder.content.site import COMPANIONS, Site
from site_builder.model import CONFIDENCE_LEVELS, ROLES, Briefing, Entity
from site_builder.render.graphics.memo import timeline_chart
from site_builder.render.paginate import Pager, paginate

RANKED = 8  # entries of each ranked list (most-targeted countries, most-accused actors, most-used platforms)
CLAIMS_LISTED = 50  # claims listed on an actor's (or an origin country's) first page; the rest are in its briefings
TERM_EVENTS = 20  # latest timeline entries on a term's first page; the rest on its timeline page
FEED_ITEMS = 20


def render_term(site: Site, entity: Entity, page, year_page_entries: int, moved: list,
                template: str = "term.html", extra: Callable[[], dict] | None = None) -> None:
    """The pages of ``entity`` through ``page`` (``pages.plan_pages``); ``extra``: more data for its
    first pages (a technique's framework facts), made when they are rendered."""
    briefings, events = site.term_briefings(entity), site.term_events(entity)
    happened = sum(1 for e in events if e.kind != "briefing")
    roles = ROLE_LABELS.get(entity.kind)
    base = f"{entity.url}timeline/"
    split = len(events) > year_page_entries
    # A timeline page would only repeat the first page, which already shows every event and every
    # briefing: the term has none, and its old address leads to the first page (``moved``).
    folded = not split and happened <= TERM_EVENTS and len(briefings) <= site.config.per_page

    @functools.cache
    def shared() -> dict:
        """What the term's pages show, made once for all of them."""
        recent = [e for e in events if e.kind != "briefing"][-TERM_EVENTS:]
        by_role = site.roles_of(entity) if roles else {}
        # A term with roles lists its briefings by role (targeted, then alleged origin ...), newest first in each.
        listed = [b for role in ROLES for b in by_role.get(role, ())] if roles else briefings
        return dict(pagers=paginate(listed, site.config.per_page, entity.url), recent=recent,
                    companions=site.companions.get((entity.kind, entity.slug), [])[:COMPANIONS],
                    chart=timeline_chart(events, entity.name) if entity.kind in ("countries", "elections") else None,
                    counts=[(role, roles[role], len(by_role[role])) for role in ROLES if by_role.get(role)]
                    if roles else [],
                    claims=_claims(site, entity) if entity.kind in ("actors", "countries") else None,
                    ranked=rank_roles(briefings, leave_out=entity) if roles else None,
                    extra=extra() if extra is not None else {})

    def term_page(number: int) -> dict:
        made = shared()
        pager, first = made["pagers"][number - 1], number == 1  # the timeline and pictures belong to page 1 only
        return dict(entity=entity, pager=pager, events=made["recent"] if first else [], all_events=len(events),
                    companions=made["companions"], chart=made["chart"] if first else None,
                    role_counts=made["counts"], role_labels=roles or {}, groups=_by_role(pager.items, entity, roles),
                    claims=made["claims"] if first else None, ranked=made["ranked"] if first else None,
                    timeline_page=None if folded else base, **made["extra"])

    total = max(1, -(-len(briefings) // site.config.per_page))  # as ``paginate`` counts
    for number in range(1, total + 1):
        url = Pager(number, total, (), entity.url).url
        page(template, f"{url.lstrip('/')}index.html", number == 1, functools.partial(term_page, number),
             page_url=url)
    if folded:
        moved.append((base, entity.url))
    groups = by_year_month(events) if split else None  # a year's page each: their addresses now
    years = [Period(str(y), f"{base}{y}/", [e for _, in_month in months for e in in_month])
             for y, months in groups] if groups else []
    if not folded:
        page("term_timeline.html", f"{base.lstrip('/')}index.html", False,
             lambda: dict(entity=entity, year=None, periods=years or None,
                          groups=[] if split else by_year_month(events), count=len(events)), page_url=base)
    for period, (year, months) in zip(years, groups or ()):
        page("term_timeline.html", f"{period.url.lstrip('/')}index.html", page_url=period.url, entity=entity,
             year=year, periods=None, groups=[(year, months)], count=period.count)
    page("feed.xml", f"{entity.url.lstrip('/')}feed.xml", page_url=f"{entity.url}feed.xml",
         feed_title=f"{entity.name} — {site.config.title}", feed_url=f"{entity.url}feed.xml",
         alternate=entity.url, items=briefings[:FEED_ITEMS], full=False)


@dataclass(frozen=True)
class Period:
    """A month or a year of a timeline too long for one page: its label, its page, its entries."""

    label: str
    url: str
    entries: list

    @property
    def count(self) -> int:
        return len(self.entries)


# What an entity's role in a briefing is called on its page ("Targeted in 3 briefings"), per kind of term.
ROLE_LABELS = {
    "countries": {"target": "Targeted in", "alleged origin": "Named as alleged origin in",
                  "responder": "Responded in", "mentioned": "Mentioned in"},
    "actors": {"target": "Targeted in", "alleged origin": "Accused in", "responder": "Responded in",
               "mentioned": "Mentioned in"},
    "platforms": {"target": "Targeted in", "alleged origin": "Accused in", "responder": "Responded in",
                  "mentioned": "Used in"},
    "elections": {"target": "Targeted in", "alleged origin": "Named in", "responder": "Named in",
                  "mentioned": "Mentioned in"},
}


def _by_role(items: list, entity: Entity, roles: dict | None) -> list[tuple[str, list]]:
    """A page's briefings in runs of one role: [(role, [briefings...])]; one run (role "") without roles."""
    if not roles:
        return [("", list(items))]
    return [(role, list(run)) for role, run in groupby(items, key=lambda b: b.role_of(entity))]


def rank_roles(briefings: list, leave_out: Entity | None = None, limit: int | None = RANKED) -> dict[str, list]:
    """The most-targeted countries, most-accused actors and most-used platforms of ``briefings``, each
    [(entity, briefings)] most first, then by name; ``leave_out`` (the page's own entity) is not ranked."""
    counters: dict[str, dict[tuple, list]] = {"targets": {}, "accused": {}, "platforms": {}}
    skip = (leave_out.kind, leave_out.slug) if leave_out is not None else None
    for briefing in briefings:
        named = {"targets": briefing.targets,
                 "accused": [a.actor for a in briefing.accused if a.actor is not None],
                 "platforms": briefing.entities.get("platforms", ())}
        for list_name, entities in named.items():
            counter = counters[list_name]
            for key, entity in {(e.kind, e.slug): e for e in entities}.items():
                if key != skip:
                    counter.setdefault(key, [entity, 0])[1] += 1
    return {name: sorted(((e, n) for e, n in counter.values()), key=lambda item: (-item[1], item[0].name.casefold()))
            [:limit] for name, counter in counters.items()}


@dataclass(frozen=True)
class Claim:
    """One accusing claim, on the accused actor's page (or its country's)."""

    briefing: Briefing
    actor: Entity
    confidence: str
    claimed_by: str
    basis: str
    date: object  # dt.date: the claim's own, else its briefing's


@dataclass(frozen=True)
class Claims:
    """The claims against an actor or a country's actors: counted by confidence, and the latest listed."""

    briefings: int  # briefings with at least one of them
    by_level: list  # [(confidence, briefings)] strongest first, only those with any
    claimed_by: list  # who makes them, most claims first
    listed: list  # the latest ``CLAIMS_LISTED`` Claim, strongest first within a briefing
    total: int


def _claims(site: Site, entity: Entity) -> Claims | None:
    grouped = site.claims_against(entity)
    everything = [(b, a) for level in CONFIDENCE_LEVELS for b, a in grouped.get(level, ())]
    if not everything:
        return None
    order = {level: n for n, level in enumerate(CONFIDENCE_LEVELS)}
    everything.sort(key=lambda item: (-item[0].claim_date(item[1]).toordinal(), item[0].slug, order[item[1].confidence]))
    by_level = [(level, len({b.slug for b, _ in grouped[level]})) for level in CONFIDENCE_LEVELS if grouped.get(level)]
    who: dict[str, int] = {}
    for _, claim in everything:
        if claim.claimed_by:
            who[claim.claimed_by] = who.get(claim.claimed_by, 0) + 1
    listed = [Claim(b, a.actor, a.confidence, a.claimed_by, a.basis, b.claim_date(a)) for b, a in everything[:CLAIMS_LISTED]]
    return Claims(len({b.slug for b, _ in everything}), by_level, sorted(who, key=lambda w: (-who[w], w)), listed,
                  len(everything))


def by_year_month(events: list) -> list[tuple[int, list[tuple[int, list]]]]:
    """[(year, [(month, [events...]), ...]), ...] in date order."""
    years = []
    for year, in_year in groupby(events, key=lambda e: e.date.year):
        months = [(month, list(in_month)) for month, in_month in groupby(in_year, key=lambda e: e.date.month)]
        years.append((year, months))
    return years
