"""Render: the Site and its templates become a list of output files (path, bytes).

Each page kind has one small function that picks a template and hands it plain
data. Rendering does not touch the disk; the write stage does.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import jinja2

from site_builder.render.graphics import world_map
from site_builder.render.graphics.memo import new_build, timeline_chart
from site_builder.model import CONFIDENCE_LEVELS, ENTITY_KINDS, ROLES, SINGULAR, TERM_KINDS, Briefing, Entity
from site_builder.render.paginate import paginate
from site_builder.content.site import COMPANIONS, Site
from site_builder.render.incremental import SiteRecorder
from site_builder.render.templating import month_name
from site_builder.render import technique_pages

HOME_BRIEFINGS = 6
RANKED = 8  # entries of each ranked list (most-targeted countries, most-accused actors, most-used platforms)
CLAIMS_LISTED = 50  # claims listed on an actor's (or an origin country's) first page; the rest are in its briefings
HOME_EVENTS = 8
FEED_ITEMS = 20
TERM_EVENTS = 20  # latest timeline entries on a term's first page; the rest on its timeline page
# Latest entries listed on /timeline/; every entry is on its year's page. (Listing all
# of a 10,000-briefing archive there made an 11 MB page, 55 MB at 50,000.)
TIMELINE_LATEST = 200
# A year of more entries than this gets a page per month (at 50,000 briefings a year held 9,000 entries: 2.8 MB),
# and a term's timeline of more entries a page per year (the largest held 3,500: 1.1 MB).
YEAR_PAGE_ENTRIES = 1000
SITEMAP_URLS = 50_000  # the most one sitemap file may list (sitemaps.org); more go into numbered parts


@dataclass(frozen=True)
class Output:
    path: str  # posix, relative to the output folder
    data: bytes


@dataclass(frozen=True)
class PageJob:
    """A page to render later: its path, template and full context (see ``incremental``)."""

    path: str
    template: str
    context: dict
    indexed: bool = False  # meant for the search index: rendered first, so indexing can start early (a hint)


def render_page(env: jinja2.Environment, job: PageJob, site: Site) -> tuple[bytes, SiteRecorder]:
    """The one way a page is rendered, by the build, the incremental writer and the preview alike.

    The template sees the site through a recorder, which notes what the page
    asked of it, so a later build can tell whether the page must be rendered again.
    """
    recorder = SiteRecorder(site)
    text = env.get_template(job.template).render({**job.context, "site": recorder})
    return text.encode("utf-8"), recorder


def render_site(site: Site, env: jinja2.Environment, sitemap_urls: int = SITEMAP_URLS,
                year_page_entries: int = YEAR_PAGE_ENTRIES) -> list[Output]:
    """Every page rendered, in page order (the build renders ``plan_pages`` in workers instead)."""
    return [Output(job.path, render_page(env, job, site)[0])
            for job in plan_pages(site, env, sitemap_urls, year_page_entries)]


def plan_pages(site: Site, env: jinja2.Environment, sitemap_urls: int = SITEMAP_URLS,
               year_page_entries: int = YEAR_PAGE_ENTRIES) -> list[PageJob]:
    """Every page of the site as a job (path, template, context), unrendered: the page kinds, in one place.

    ``sitemap.xml`` lists every page, or, past ``sitemap_urls`` pages, the
    numbered sitemaps (``sitemap-1.xml`` ...) that list them. A year's
    timeline page lists its entries, or, past ``year_page_entries``, links
    a page per month (``/timeline/2019/03/``) that lists them; a term's
    timeline likewise links a page per year past that many entries; a term
    whose first page shows its whole timeline has no timeline page, and
    ``_redirects`` (read by Netlify and by ``serve``) sends that address there.
    """
    outputs: list[PageJob] = []
    moved: list[tuple[str, str]] = []  # (old address, where its content is now), for _redirects
    new_build()
    common = dict(site=site, kinds=TERM_KINDS, singular=SINGULAR, entity_kinds=ENTITY_KINDS)

    def page(template: str, path: str, indexed: bool = False, **context) -> None:
        outputs.append(PageJob(path, template, {**common, **context}, indexed))

    covered = world_map(*_coverage(site))
    updated = max((b.updated or b.date for b in site.briefings), default=None)
    page("home.html", "index.html", page_url="/", briefings=site.briefings[:HOME_BRIEFINGS],
         events=[e for e in site.timeline if e.kind != "briefing"][-HOME_EVENTS:][::-1], world=covered,
         updated=updated, ranked=rank_roles(site.briefings))
    facets = _facets(site)
    listings = [(None, None, "/briefings/", site.briefings),
                *((y.name, None, y.url, [b for b in site.briefings if b.date.year == y.name]) for y in facets["years"]),
                *((None, c.name, c.url, [b for b in site.briefings if confidence_of(b) == c.name])
                  for c in facets["confidence"])]
    for year, confidence, listing_url, listed in listings:
        panel = FacetPanel(env.get_template("partials/facets.html").render(**common, facets=facets, year=year,
                                                                           confidence=confidence))
        for pager in paginate(listed, site.config.per_page, listing_url):
            page("briefings.html", pager.output_path, page_url=pager.url, pager=pager, facets=facets, year=year,
                 confidence=confidence, total=len(listed), facet_panel=panel if pager.number == 1 else None)
    page("briefings.csv", "briefings.csv", page_url="/briefings.csv", briefings=site.briefings)
    for briefing in site.briefings:
        older, newer = site.neighbours[briefing.slug]
        page("briefing.html", f"briefings/{briefing.slug}/index.html", True, page_url=briefing.url, briefing=briefing,
             related=site.related[briefing.slug], older=older, newer=newer,
             events=sorted(briefing.events, key=lambda e: (e.date, e.title)),
             techniques=technique_pages.by_tactic(briefing))
    for kind, label in TERM_KINDS.items():
        entities = site.terms.get(kind, [])
        page("term_index.html", f"{kind}/index.html", page_url=f"/{kind}/", kind=kind, label=label,
             entities=entities, world=covered if kind == "countries" else None,
             groups=_by_type(entities) if kind == "actors" else [(None, entities)],
             roles=_role_counts(site, entities, ROLE_LABELS.get(kind)))
        for entity in site.terms.get(kind, []):
            _render_term(site, entity, page, year_page_entries, moved)
    technique_pages.render(site, page, lambda entity, **extra: _render_term(site, entity, page, year_page_entries,
                                                                             moved, **extra))
    for briefing in site.briefings:  # STIX 2.1 (render/stix.py)
        page("stix.json", f"briefings/{briefing.slug}/stix.json", page_url=f"{briefing.url}stix.json", briefing=briefing)
    page("stix_site.json", "stix.json", page_url="/stix.json", briefings=site.briefings)
    latest = site.timeline[-TIMELINE_LATEST:]
    by_year = {year: list(in_year) for year, in_year in groupby(site.timeline, key=lambda e: e.date.year)}
    page("timeline.html", "timeline/index.html", page_url="/timeline/", year=None, month=None, periods=None,
         groups=_by_year_month(latest), shown=len(latest), total=len(site.timeline), chart=timeline_chart(site.timeline))
    for year, in_year in by_year.items():
        groups, base = _by_year_month(in_year), f"/timeline/{year}/"
        split = len(in_year) > year_page_entries
        months = [Period(f"{month_name(m)} {year}", f"{base}{m:02d}/", events)
                  for m, events in groups[0][1]] if split else []
        page("timeline.html", f"{base.lstrip('/')}index.html", page_url=base, year=year, month=None,
             periods=months or None, groups=[] if split else groups, shown=len(in_year), total=len(in_year),
             chart=timeline_chart(in_year, str(year)))
        for month in months:
            page("timeline.html", f"{month.url.lstrip('/')}index.html", page_url=month.url, year=year,
                 month=month.entries[0].date.month, periods=None, groups=_by_year_month(month.entries),
                 shown=month.count, total=month.count, chart=timeline_chart(month.entries, month.label))
    page("search.html", "search/index.html", page_url="/search/", facets=facets)
    for extra in site.pages:
        page("page.html", f"{extra.slug}/index.html", True, page_url=extra.url, page=extra)
    page("404.html", "404.html", page_url="/404.html")
    page("feed.xml", "feed.xml", page_url="/feed.xml", feed_title=site.config.title, feed_url="/feed.xml",
         alternate="/", items=site.briefings[:FEED_ITEMS], full=True)
    urls = sorted({o.path for o in outputs if o.path.endswith("index.html")})
    if len(urls) <= sitemap_urls:
        page("sitemap.xml", "sitemap.xml", page_url="/sitemap.xml", urls=urls)
    else:
        parts = [f"/sitemap-{n}.xml" for n in range(1, -(-len(urls) // sitemap_urls) + 1)]
        for number, part in enumerate(parts):
            page("sitemap.xml", part[1:], page_url=part, urls=urls[number * sitemap_urls:(number + 1) * sitemap_urls])
        page("sitemap_index.xml", "sitemap.xml", page_url="/sitemap.xml", sitemaps=parts)
    page("robots.txt", "robots.txt", page_url="/robots.txt")
    page("redirects.txt", "_redirects", page_url="/_redirects", moved=moved)
    return outputs


def _render_term(site: Site, entity: Entity, page, year_page_entries: int, moved: list,
                 template: str = "term.html", **extra) -> None:
    briefings = site.term_briefings(entity)
    events = site.term_events(entity)
    companions = site.companions.get((entity.kind, entity.slug), [])[:COMPANIONS]
    chart = timeline_chart(events, entity.name) if entity.kind in ("countries", "elections") else None
    happened = [e for e in events if e.kind != "briefing"]
    recent = happened[-TERM_EVENTS:]
    roles = ROLE_LABELS.get(entity.kind)
    split = site.roles_of(entity) if roles else {}
    # A term with roles lists its briefings by role (targeted, then alleged origin ...), newest first in each.
    listed = [b for role in ROLES for b in split.get(role, ())] if roles else briefings
    counts = [(role, roles[role], len(split[role])) for role in ROLES if split.get(role)] if roles else []
    claims = _claims(site, entity) if entity.kind in ("actors", "countries") else None
    ranked = rank_roles(briefings, leave_out=entity) if roles else None
    groups, base = _by_year_month(events), f"{entity.url}timeline/"
    split = len(events) > year_page_entries
    # A timeline page would only repeat the first page, which already shows every event and every
    # briefing: the term has none, and its old address leads to the first page (``moved``).
    folded = not split and len(happened) <= TERM_EVENTS and len(listed) <= site.config.per_page
    for pager in paginate(listed, site.config.per_page, entity.url):
        first = pager.number == 1  # the timeline and pictures belong to page 1 only
        page(template, pager.output_path, first, page_url=pager.url, entity=entity, pager=pager,
             events=recent if first else [], all_events=len(events), companions=companions,
             chart=chart if first else None, role_counts=counts, role_labels=roles or {},
             groups=_by_role(pager.items, entity, roles), claims=claims if first else None,
             ranked=ranked if first else None, timeline_page=None if folded else base, **extra)
    if folded:
        moved.append((base, entity.url))
    years = [Period(str(y), f"{base}{y}/", [e for _, in_month in months for e in in_month])
             for y, months in groups] if split else []
    if not folded:
        page("term_timeline.html", f"{base.lstrip('/')}index.html", page_url=base, entity=entity, year=None,
             periods=years or None, groups=[] if split else groups, count=len(events))
    for period, (year, months) in zip(years, groups):
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


@dataclass(frozen=True)
class FacetPanel:
    """The listing's filter panel, rendered once and shown on each of its pages.

    An object rather than a string so that render keys hash it once per build.
    """

    html: str

    def __html__(self) -> str:
        return self.html


@dataclass(frozen=True)
class Facet:
    """One value to filter the listing by: its name, its own page, how many briefings."""

    name: object  # an entity's name, or a year
    url: str
    count: int


def _facets(site: Site) -> dict[str, list[Facet]]:
    """Filter values for the briefing listing, most briefings first: the targeted countries, the accused
    actors, the confidence of the claims, each kind of term, and years.

    The key of each is the name of its search filter (``partials/search_filters.html``, ``macros.chips``).
    """
    def ranked(counted: list[tuple[Entity, int]]) -> list[Facet]:
        return [Facet(e.name, e.url, n) for e, n in counted]

    roles = rank_roles(site.briefings, limit=None)
    facets = {"Target": ranked(roles["targets"]), "Accused": ranked(roles["accused"])}
    facets.update({kind: sorted((Facet(e.name, e.url, len(site.term_briefings(e))) for e in site.terms.get(kind, [])),
                                key=lambda f: (-f.count, str(f.name).casefold()))
                   for kind in TERM_KINDS})
    levels: dict[str, int] = {}
    years: dict[int, int] = {}
    for briefing in site.briefings:
        years[briefing.date.year] = years.get(briefing.date.year, 0) + 1
        level = confidence_of(briefing)
        levels[level] = levels.get(level, 0) + 1
    facets["confidence"] = [Facet(name, f"/briefings/confidence/{slug}/", levels[name])
                            for name, slug in CONFIDENCE_FACETS if name in levels]
    facets["years"] = [Facet(y, f"/briefings/year/{y}/", n) for y, n in sorted(years.items(), reverse=True)]
    return facets


# The confidence filter's values: a briefing's strongest claim, or none claimed.
NO_ATTRIBUTION = "No attribution claimed"
CONFIDENCE_FACETS = [*((level.capitalize(), level) for level in CONFIDENCE_LEVELS), (NO_ATTRIBUTION, "none")]


def confidence_of(briefing: Briefing) -> str:
    """The confidence filter's value for ``briefing``: its strongest accusing claim ("Alleged"), or
    "No attribution claimed". Denials accuse no one."""
    levels = {a.confidence for a in briefing.accused}
    return next((level.capitalize() for level in CONFIDENCE_LEVELS if level in levels), NO_ATTRIBUTION)


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


def _role_counts(site: Site, entities: list, labels: dict | None) -> dict[str, list[tuple[str, int]]]:
    """Each entity's briefings counted by role, as an index lists them: {slug: [("Targeted in", 2), ...]};
    without roles, [("", briefings)]. Counts, not briefings: an edit to a body leaves the index alone."""
    if not labels:
        return {e.slug: [("", len(site.term_briefings(e)))] for e in entities}
    return {e.slug: [(labels[role], len(found)) for role, found in site.roles_of(e).items() if found] for e in entities}


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


# The heading of each type of actor on the actors' index, in ``ACTOR_TYPES`` order.
ACTOR_TYPE_HEADINGS = {
    "government": "Governments", "agency": "Agencies", "international-organisation": "International organisations",
    "party": "Parties", "person": "People", "media": "Media", "company": "Companies",
    "research-group": "Research groups", "network": "Networks",
}


def _by_type(actors: list) -> list[tuple[str | None, list]]:
    """Actors grouped by type under a heading ("Governments", ...), governments first, untyped last."""
    order = {t: n for n, t in enumerate(ACTOR_TYPE_HEADINGS)}
    ranked = sorted(actors, key=lambda a: (order.get(a.type, len(order)), a.name.casefold()))
    return [(ACTOR_TYPE_HEADINGS.get(kind, "Other actors"), list(group))
            for kind, group in groupby(ranked, key=lambda a: a.type if a.type in order else "")]


def _coverage(site: Site) -> tuple[list[tuple[Entity, int]], list[tuple[Entity, int]]]:
    """The targeted countries and the alleged origins, each with the briefings that name it so."""
    roles = rank_roles(site.briefings, limit=None)
    origins: dict[tuple, list] = {}
    for briefing in site.briefings:
        for country in briefing.origins:
            origins.setdefault((country.kind, country.slug), [country, 0])[1] += 1
    return roles["targets"], [(c, n) for c, n in origins.values()]


def _by_year_month(events: list) -> list[tuple[int, list[tuple[int, list]]]]:
    """[(year, [(month, [events...]), ...]), ...] in date order."""
    years = []
    for year, in_year in groupby(events, key=lambda e: e.date.year):
        months = [(month, list(in_month)) for month, in_month in groupby(in_year, key=lambda e: e.date.month)]
        years.append((year, months))
    return years
