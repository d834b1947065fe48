"""Render: the Site and its templates become a list of output files (path, bytes).

Each page kind has one small function that picks a template and hands it plain
data. Rendering does not touch the disk; the write stage does. The plan lists
every page (its path and template) from counts; each page's data is made when
it is first asked for (``PageJob.context``), so a build that renders a few
pages makes only their data.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from itertools import groupby
from typing import Callable

import jinja2

from site_builder.render.graphics import world_map
from site_builder.render.graphics.memo import new_build, timeline_chart
from site_builder.model import CONFIDENCE_LEVELS, ENTITY_KINDS, SINGULAR, TERM_KINDS, Briefing, Entity
from site_builder.render.paginate import Pager, paginate
from site_builder.content.site import Site
from site_builder.render.incremental import SiteRecorder
from site_builder.render.templating import month_name
from site_builder.render import technique_pages
from site_builder.render.term_pages import (FEED_ITEMS, ROLE_LABELS, Period, by_year_month as _by_year_month,
                                            rank_roles, render_term)

HOME_BRIEFINGS = 6
HOME_EVENTS = 8
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


@dataclass(eq=False)
class Listed:
    """A briefing a briefing page lists by its title, date and address (related, older, newer).

    It reaches the listed briefing *through* this holder, so the page's render key
    and its recorded dependencies (``render/dependencies.py``) leave out that
    briefing's body, as for an event's briefing: a body edit renders the pages
    listing it again only if their template may read a body of what it reaches
    (``template_deps.detail_readers``). Templates read it as the briefing itself.
    """

    briefing: Briefing

    def __getattr__(self, name: str):
        if name == "briefing":  # not set yet (a copy being made): no loop through __getattr__
            raise AttributeError(name)
        return getattr(self.briefing, name)


def _listed(briefing: Briefing | None) -> Listed | None:
    return None if briefing is None else Listed(briefing)


@dataclass(frozen=True)
class PageJob:
    """A page to render later: its path, template and full context (see ``incremental``).

    ``make`` makes the context the first time it is asked for (``context``), in
    the process that renders the page: a build the dependency index decides
    makes the data of the pages it renders and no other.
    """

    path: str
    template: str
    make: Callable[[], dict] = field(repr=False, compare=False)
    indexed: bool = False  # meant for the search index: rendered first, so indexing can start early (a hint)

    @functools.cached_property
    def context(self) -> dict:
        return self.make()


def render_page(env: jinja2.Environment, job: PageJob, site: Site,
                stop: Callable[[], bool] | None = None) -> tuple[bytes, SiteRecorder] | None:
    """The one way a page is rendered, by the build, the incremental writer and the preview alike.

    The template sees the site through a recorder, which notes what the page
    asked of it, so a later build can tell whether the page must be rendered again.
    With ``stop``, the template's output is taken piece by piece and ``stop`` asked
    before each: the page is abandoned (None) once it says so (the preview's way
    to drop a page that lists every briefing when another save waits).
    """
    recorder = SiteRecorder(site)
    template, context = env.get_template(job.template), {**job.context, "site": recorder}
    if stop is None:
        return template.render(context).encode("utf-8"), recorder
    parts = []
    for part in template.generate(context):
        if stop():
            return None
        parts.append(part)
    return "".join(parts).encode("utf-8"), recorder


def render_site(site: Site, env: jinja2.Environment, sitemap_urls: int = SITEMAP_URLS,
                year_page_entries: int = YEAR_PAGE_ENTRIES) -> list[Output]:
    """Every page rendered, in page order (the build renders ``plan_pages`` in workers instead)."""
    return [Output(job.path, render_page(env, job, site)[0])
            for job in plan_pages(site, env, sitemap_urls, year_page_entries)]


def _context(common: dict, given: dict, later: Callable[[], dict] | None) -> dict:
    return {**common, **given, **(later() if later is not None else {})}


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
    What a page shows beyond its address is made by the function given as
    ``later`` (each shared part once, ``functools.cache``), when it is rendered.
    """
    outputs: list[PageJob] = []
    moved: list[tuple[str, str]] = []  # (old address, where its content is now), for _redirects
    new_build()
    common = dict(site=site, kinds=TERM_KINDS, singular=SINGULAR, entity_kinds=ENTITY_KINDS)
    once = functools.cache

    def page(template: str, path: str, indexed: bool = False, later: Callable[[], dict] | None = None,
             **context) -> None:
        outputs.append(PageJob(path, template, functools.partial(_context, common, context, later), indexed))

    covered = once(lambda: world_map(*_coverage(site)))
    page("home.html", "index.html", later=lambda: dict(
        briefings=site.briefings[:HOME_BRIEFINGS], events=[e for e in site.timeline if e.kind != "briefing"]
        [-HOME_EVENTS:][::-1], world=covered(), updated=max((b.updated or b.date for b in site.briefings), default=None),
        ranked=rank_roles(site.briefings)), page_url="/")
    facets = once(lambda: _facets(site))
    years, levels = _years_and_levels(site)
    listings = [(None, None, "/briefings/", len(site.briefings), lambda: site.briefings),
                *((y.name, None, y.url, y.count, lambda y=y.name: [b for b in site.briefings if b.date.year == y])
                  for y in years),
                *((None, c.name, c.url, c.count, lambda c=c.name: [b for b in site.briefings if confidence_of(b) == c])
                  for c in levels)]
    for year, confidence, listing_url, count, listed in listings:
        pagers = once(lambda listed=listed, listing_url=listing_url: paginate(listed(), site.config.per_page,
                                                                              listing_url))
        panel = once(lambda year=year, confidence=confidence: FacetPanel(env.get_template("partials/facets.html")
                     .render(**common, facets=facets(), year=year, confidence=confidence)))
        total = max(1, -(-count // site.config.per_page))  # as ``paginate`` counts
        for number in range(1, total + 1):
            url = Pager(number, total, (), listing_url).url
            page("briefings.html", f"{url.lstrip('/')}index.html", later=lambda n=number, p=pagers, f=panel, y=year,
                 c=confidence, t=count: dict(pager=p()[n - 1], facets=facets(), year=y, confidence=c, total=t,
                                             facet_panel=f() if n == 1 else None), page_url=url)
    page("briefings.csv", "briefings.csv", page_url="/briefings.csv", briefings=site.briefings)
    for briefing in site.briefings:
        page("briefing.html", f"briefings/{briefing.slug}/index.html", True, lambda b=briefing: dict(
            briefing=b, related=[Listed(r) for r in site.related[b.slug]], older=_listed(site.neighbours[b.slug][0]),
            newer=_listed(site.neighbours[b.slug][1]), events=sorted(b.events, key=lambda e: (e.date, e.title)),
            techniques=technique_pages.by_tactic(b)), page_url=briefing.url)
    for kind, label in TERM_KINDS.items():
        entities = site.terms.get(kind, [])
        page("term_index.html", f"{kind}/index.html", later=lambda kind=kind, label=label, entities=entities: dict(
            kind=kind, label=label, entities=entities, world=covered() if kind == "countries" else None,
            groups=_by_type(entities) if kind == "actors" else [(None, entities)],
            roles=_role_counts(site, entities, ROLE_LABELS.get(kind))), page_url=f"/{kind}/")
        for entity in entities:
            render_term(site, entity, page, year_page_entries, moved)
    technique_pages.render(site, page, lambda entity, **extra: render_term(site, entity, page, year_page_entries,
                                                                            moved, **extra))
    for briefing in site.briefings:  # STIX 2.1 (render/stix.py)
        page("stix.json", f"briefings/{briefing.slug}/stix.json", page_url=f"{briefing.url}stix.json", briefing=briefing)
    page("stix_site.json", "stix.json", page_url="/stix.json", briefings=site.briefings)
    _plan_timeline(site, page, year_page_entries)
    page("search.html", "search/index.html", later=lambda: dict(facets=facets()), page_url="/search/")
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


def _plan_timeline(site: Site, page, year_page_entries: int) -> None:
    """/timeline/, a page per year and, for a year of more than ``year_page_entries`` entries, per month."""
    latest = site.timeline[-TIMELINE_LATEST:]
    page("timeline.html", "timeline/index.html", later=lambda: dict(
        year=None, month=None, periods=None, groups=_by_year_month(latest), shown=len(latest),
        total=len(site.timeline), chart=timeline_chart(site.timeline)), page_url="/timeline/")
    for year, in_year in groupby(site.timeline, key=lambda e: e.date.year):
        in_year, base = list(in_year), f"/timeline/{year}/"
        split = len(in_year) > year_page_entries
        months = [Period(f"{month_name(m)} {year}", f"{base}{m:02d}/", events)
                  for m, events in _by_year_month(in_year)[0][1]] if split else []
        page("timeline.html", f"{base.lstrip('/')}index.html", later=lambda year=year, in_year=in_year, split=split,
             months=months: dict(year=year, month=None, periods=months or None,
                                 groups=[] if split else _by_year_month(in_year), shown=len(in_year),
                                 total=len(in_year), chart=timeline_chart(in_year, str(year))), page_url=base)
        for month in months:
            page("timeline.html", f"{month.url.lstrip('/')}index.html", later=lambda year=year, month=month: dict(
                year=year, month=month.entries[0].date.month, periods=None, groups=_by_year_month(month.entries),
                shown=month.count, total=month.count, chart=timeline_chart(month.entries, month.label)),
                page_url=month.url)


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
    facets["years"], facets["confidence"] = _years_and_levels(site)
    return facets


def _years_and_levels(site: Site) -> tuple[list[Facet], list[Facet]]:
    """The facets of years (newest first) and of confidence, which have listings of their own."""
    levels: dict[str, int] = {}
    years: dict[int, int] = {}
    for briefing in site.briefings:
        years[briefing.date.year] = years.get(briefing.date.year, 0) + 1
        level = confidence_of(briefing)
        levels[level] = levels.get(level, 0) + 1
    return ([Facet(y, f"/briefings/year/{y}/", n) for y, n in sorted(years.items(), reverse=True)],
            [Facet(name, f"/briefings/confidence/{slug}/", levels[name]) for name, slug in CONFIDENCE_FACETS
             if name in levels])


# The confidence filter's values: a briefing's strongest claim, or none claimed.
NO_ATTRIBUTION = "No attribution claimed"
CONFIDENCE_FACETS = [*((level.capitalize(), level) for level in CONFIDENCE_LEVELS), (NO_ATTRIBUTION, "none")]


def confidence_of(briefing: Briefing) -> str:
    """The confidence filter's value for ``briefing``: its strongest accusing claim ("Alleged"), or
    "No attribution claimed". Denials accuse no one."""
    levels = {a.confidence for a in briefing.accused}
    return next((level.capitalize() for level in CONFIDENCE_LEVELS if level in levels), NO_ATTRIBUTION)


# The heading of each type of actor on the actors' index, in ``ACTOR_TYPES`` order.
ACTOR_TYPE_HEADINGS = {
    "government": "Governments", "agency": "Agencies", "international-organisation": "International organisations",
    "party": "Parties", "person": "People", "media": "Media", "company": "Companies",
    "research-group": "Research groups", "network": "Networks",
}


def _role_counts(site: Site, entities: list, labels: dict | None) -> dict[str, list[tuple[str, int]]]:
    """Each entity's briefings counted by role, as an index lists them: {slug: [("Targeted in", 2), ...]};
    without roles, [("", briefings)]. Counts, not briefings: an edit to a body leaves the index alone."""
    if not labels:
        return {e.slug: [("", len(site.term_briefings(e)))] for e in entities}
    return {e.slug: [(labels[role], len(found)) for role, found in site.roles_of(e).items() if found] for e in entities}


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
