"""Render: the Site and its templates become a list of output files (path, bytes).

Each page kind has one small function that picks a template and hands it plain
data. Rendering does not touch the disk; the write stage does.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import jinja2

from site_builder.render.graphics import world_map
from site_builder.render.graphics.memo import actor_graph, new_build, timeline_chart
from site_builder.model import ENTITY_KINDS, SINGULAR, TERM_KINDS, Entity
from site_builder.render.paginate import paginate
from site_builder.content.site import COMPANIONS, Site
from site_builder.render.incremental import SiteRecorder
from site_builder.render.templating import month_name
from site_builder.render import technique_pages

HOME_BRIEFINGS = 6
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
    timeline likewise links a page per year past that many entries.
    """
    outputs: list[PageJob] = []
    new_build()
    common = dict(site=site, kinds=TERM_KINDS, singular=SINGULAR, entity_kinds=ENTITY_KINDS)

    def page(template: str, path: str, indexed: bool = False, **context) -> None:
        outputs.append(PageJob(path, template, {**common, **context}, indexed))

    covered = world_map(_coverage(site))
    page("home.html", "index.html", page_url="/", briefings=site.briefings[:HOME_BRIEFINGS],
         events=[e for e in site.timeline if e.kind != "briefing"][-HOME_EVENTS:][::-1], world=covered)
    facets = _facets(site)
    for year, listing_url in [(None, "/briefings/"), *((y.name, y.url) for y in facets["years"])]:
        panel = FacetPanel(env.get_template("partials/facets.html").render(**common, facets=facets, year=year))
        in_year = site.briefings if year is None else [b for b in site.briefings if b.date.year == year]
        for pager in paginate(in_year, site.config.per_page, listing_url):
            page("briefings.html", pager.output_path, page_url=pager.url, pager=pager, facets=facets, year=year,
                 facet_panel=panel if pager.number == 1 else None)
    for briefing in site.briefings:
        older, newer = site.neighbours[briefing.slug]
        page("briefing.html", f"briefings/{briefing.slug}/index.html", True, page_url=briefing.url, briefing=briefing,
             related=site.related[briefing.slug], older=older, newer=newer,
             events=sorted(briefing.events, key=lambda e: (e.date, e.title)),
             techniques=technique_pages.by_tactic(briefing))
    for kind, label in TERM_KINDS.items():
        page("term_index.html", f"{kind}/index.html", page_url=f"/{kind}/", kind=kind, label=label,
             entities=site.terms.get(kind, []), world=covered if kind == "countries" else None)
        for entity in site.terms.get(kind, []):
            _render_term(site, entity, page, year_page_entries)
    technique_pages.render(site, page, lambda entity, **extra: _render_term(site, entity, page, year_page_entries,
                                                                             **extra))
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
         alternate="/", items=site.briefings[:FEED_ITEMS])
    urls = sorted({o.path for o in outputs if o.path.endswith("index.html")})
    if len(urls) <= sitemap_urls:
        page("sitemap.xml", "sitemap.xml", page_url="/sitemap.xml", urls=urls)
    else:
        parts = [f"/sitemap-{n}.xml" for n in range(1, -(-len(urls) // sitemap_urls) + 1)]
        for number, part in enumerate(parts):
            page("sitemap.xml", part[1:], page_url=part, urls=urls[number * sitemap_urls:(number + 1) * sitemap_urls])
        page("sitemap_index.xml", "sitemap.xml", page_url="/sitemap.xml", sitemaps=parts)
    page("robots.txt", "robots.txt", page_url="/robots.txt")
    return outputs


def _render_term(site: Site, entity: Entity, page, year_page_entries: int, template: str = "term.html",
                 **extra) -> None:
    briefings = site.term_briefings(entity)
    events = site.term_events(entity)
    companions = site.companions.get((entity.kind, entity.slug), [])[:COMPANIONS]
    chart = timeline_chart(events, entity.name) if entity.kind in ("countries", "elections") else None
    graph = actor_graph(entity, site.companions, len(briefings), site.shared) if entity.kind == "actors" else None
    recent = [e for e in events if e.kind != "briefing"][-TERM_EVENTS:]
    for pager in paginate(briefings, site.config.per_page, entity.url):
        first = pager.number == 1  # the timeline and pictures belong to page 1 only
        page(template, pager.output_path, first, page_url=pager.url, entity=entity, pager=pager,
             events=recent if first else [], all_events=len(events), companions=companions,
             chart=chart if first else None, graph=graph if first else None, **extra)
    groups, base = _by_year_month(events), f"{entity.url}timeline/"
    split = len(events) > year_page_entries
    years = [Period(str(y), f"{base}{y}/", [e for _, in_month in months for e in in_month])
             for y, months in groups] if split else []
    page("term_timeline.html", f"{base.lstrip('/')}index.html", page_url=base, entity=entity, year=None,
         periods=years or None, groups=[] if split else groups, count=len(events))
    for period, (year, months) in zip(years, groups):
        page("term_timeline.html", f"{period.url.lstrip('/')}index.html", page_url=period.url, entity=entity,
             year=year, periods=None, groups=[(year, months)], count=period.count)
    page("feed.xml", f"{entity.url.lstrip('/')}feed.xml", page_url=f"{entity.url}feed.xml",
         feed_title=f"{entity.name} — {site.config.title}", feed_url=f"{entity.url}feed.xml",
         alternate=entity.url, items=briefings[:FEED_ITEMS])


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
    """Filter values for the briefing listing, most briefings first: each kind of term, and years."""
    facets = {kind: sorted((Facet(e.name, e.url, len(site.term_briefings(e))) for e in site.terms.get(kind, [])),
                           key=lambda f: (-f.count, str(f.name).casefold()))
              for kind in TERM_KINDS}
    years: dict[int, int] = {}
    for briefing in site.briefings:
        years[briefing.date.year] = years.get(briefing.date.year, 0) + 1
    facets["years"] = [Facet(y, f"/briefings/year/{y}/", n) for y, n in sorted(years.items(), reverse=True)]
    return facets


def _coverage(site: Site) -> list[tuple[Entity, int]]:
    return [(e, len(site.term_briefings(e))) for e in site.terms.get("countries", [])]


def _by_year_month(events: list) -> list[tuple[int, list[tuple[int, list]]]]:
    """[(year, [(month, [events...]), ...]), ...] in date order."""
    years = []
    for year, in_year in groupby(events, key=lambda e: e.date.year):
        months = [(month, list(in_month)) for month, in_month in groupby(in_year, key=lambda e: e.date.month)]
        years.append((year, months))
    return years
