"""Link & index: the ``Site`` that templates read, built from resolved content.

Everything a page needs that spans briefings lives here: which briefings name
an entity, which entities appear together, related briefings, previous/next,
and the timeline. Nothing here reads files or makes HTML.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from site_builder import processes
from site_builder.cache import BuildCache, related_key
from site_builder.content.config import SiteConfig
from site_builder.content.entities import KnowledgeBase
from site_builder.model import CONFIDENCE_LEVELS, ROLES, TERM_KINDS, Attribution, Briefing, Election, Entity, Event, Page
from site_builder.content.techniques import index_techniques

TermKey = tuple[str, str]  # (kind, slug)
# An event that names no country or election of its own is placed in its briefing's.
INHERITED = ("countries", "elections")
AFFILIATES = ("elections", "actors")  # the kinds of term that belong to a country
# Companions kept per kind of term: a term's page lists 12, an actor's graph draws 10 actors and platforms.
COMPANIONS = 12


@dataclass
class Site:
    config: SiteConfig
    kb: KnowledgeBase
    briefings: list[Briefing]  # published (and drafts with --drafts), newest first
    pages: list[Page]
    terms: dict[str, list[Entity]] = field(default_factory=dict)  # only those with briefings, by name
    briefings_by_term: dict[TermKey, list[Briefing]] = field(default_factory=dict)
    # The terms named with each term, with how often: the first COMPANIONS of each kind, most shared first.
    companions: dict[TermKey, list[tuple[Entity, int]]] = field(default_factory=dict)
    shared: dict[TermKey, dict[TermKey, int]] = field(default_factory=dict)  # briefings naming both terms
    related: dict[str, list[Briefing]] = field(default_factory=dict)
    neighbours: dict[str, tuple[Briefing | None, Briefing | None]] = field(default_factory=dict)
    timeline: list[Event] = field(default_factory=list)  # oldest first
    events_by_term: dict[TermKey, list[Event]] = field(default_factory=dict)
    # Elections and actors of each country, by kind, in name order (``affiliated``); every page of a
    # country shows them, and finding them there scanned every election and actor each time.
    affiliates: dict[TermKey, dict[str, list[Entity]]] = field(default_factory=dict)
    # Years with an event, newest first. Every timeline page lists them: asking the timeline
    # each time was 3 s of a 10,000-briefing build.
    years: list[int] = field(default_factory=list)
    # Static files by their path under static/ ("img/a.jpg") -> fingerprinted output path, for bodies'
    # pictures written "/static/img/a.jpg".
    statics: dict[str, str] = field(default_factory=dict)

    def term_briefings(self, entity: Entity) -> list[Briefing]:
        return self.briefings_by_term.get((entity.kind, entity.slug), [])

    def term_events(self, entity: Entity) -> list[Event]:
        return self.events_by_term.get((entity.kind, entity.slug), [])

    def roles_of(self, entity: Entity) -> dict[str, list[Briefing]]:
        """The briefings that name ``entity``, split by its role in each (``Briefing.role_of``): the keys
        are ``ROLES`` in order ("target", "alleged origin", "responder", "mentioned"), each newest first."""
        split: dict[str, list[Briefing]] = {role: [] for role in ROLES}
        for briefing in self.term_briefings(entity):
            split[briefing.role_of(entity)].append(briefing)
        return split

    def claims_against(self, entity: Entity) -> dict[str, list[tuple[Briefing, Attribution]]]:
        """The claims (denials left out) that accuse an actor, or an actor of a country, grouped by confidence
        (keys ``CONFIDENCE_LEVELS``, strongest first), each newest briefing first."""
        key = (entity.kind, entity.slug)
        grouped: dict[str, list[tuple[Briefing, Attribution]]] = {level: [] for level in CONFIDENCE_LEVELS}
        for briefing in self.term_briefings(entity):
            for claim in briefing.accused:
                actor, origin = claim.actor, claim.origin
                if (actor is not None and (actor.kind, actor.slug) == key) or (
                        origin is not None and (origin.kind, origin.slug) == key):
                    grouped[claim.confidence].append((briefing, claim))
        return grouped

    def most_covered(self, kind: str, n: int = 6) -> list[tuple[Entity, int]]:
        ranked = sorted(self.terms.get(kind, []), key=lambda e: (-len(self.term_briefings(e)), e.name))
        return [(e, len(self.term_briefings(e))) for e in ranked[:n]]

    def has_page(self, entity: Entity | None) -> bool:
        return entity is not None and (entity.kind, entity.slug) in self.briefings_by_term

    def affiliated(self, country: Entity) -> dict[str, list[Entity]]:
        """Actors and elections of a country that have pages of their own."""
        found = self.affiliates.get((country.kind, country.slug), {})
        return {kind: found.get(kind, []) for kind in AFFILIATES}


def sort_key(briefing: Briefing) -> tuple:
    """Newest first; ties broken by title then slug so builds are reproducible."""
    return (-briefing.date.toordinal(), briefing.title, briefing.slug)


def build_site(config: SiteConfig, kb: KnowledgeBase, briefings: list[Briefing], pages: list[Page],
               related_count: int = 4, cache: BuildCache | None = None) -> Site:
    """The linked site; ``cache`` keeps the related briefings for the next build with the same terms."""
    ordered = sorted(briefings, key=sort_key)
    site = Site(config=config, kb=kb, briefings=ordered, pages=sorted(pages, key=lambda p: p.slug))
    _index_terms(site)
    _link_neighbours(site)
    _rank_related(site, related_count, cache)
    _build_timeline(site)
    index_techniques(site)
    return site


def _index_terms(site: Site) -> None:
    by_term: dict[TermKey, list[Briefing]] = defaultdict(list)
    entities: dict[TermKey, Entity] = {}
    pairs: dict[TermKey, Counter] = defaultdict(Counter)
    for briefing in site.briefings:
        named = briefing.terms()
        keys = [(entity.kind, entity.slug) for entity in named]
        for position, (entity, key) in enumerate(zip(named, keys)):
            by_term[key].append(briefing)
            entities[key] = entity
            pairs[key].update(keys[:position] + keys[position + 1:])  # counted in C
    site.briefings_by_term = dict(by_term)
    site.terms = {kind: sorted((e for (k, _), e in entities.items() if k == kind), key=lambda e: e.name.casefold())
                  for kind in TERM_KINDS}
    site.shared = {key: dict(counter) for key, counter in pairs.items()}
    for kind in AFFILIATES:
        for entity in site.terms[kind]:
            country = getattr(entity, "country", None)
            if country is not None:
                site.affiliates.setdefault((country.kind, country.slug), {}).setdefault(kind, []).append(entity)
    site.companions = {key: _top_companions(counter, entities) for key, counter in pairs.items()}


def _top_companions(counter: Counter, entities: dict[TermKey, Entity]) -> list[tuple[Entity, int]]:
    """The ``COMPANIONS`` terms of each kind most often named with one term, most shared first, then
    by kind and slug. (Sorting every companion of every term took 0.9 s at 10,000 briefings; this, 0.15 s.)"""
    by_kind: dict[str, list[tuple[int, TermKey]]] = defaultdict(list)
    for other, n in counter.items():
        by_kind[other[0]].append((-n, other))
    best = sorted(item for items in by_kind.values() for item in heapq.nsmallest(COMPANIONS, items))
    return [(entities[other], -n) for n, other in best]


def _link_neighbours(site: Site) -> None:
    items = site.briefings
    for i, briefing in enumerate(items):
        newer = items[i - 1] if i > 0 else None
        older = items[i + 1] if i + 1 < len(items) else None
        site.neighbours[briefing.slug] = (older, newer)


def _rank_related(site: Site, count: int, cache: BuildCache | None = None) -> None:
    """Related briefings: most shared entities first (a shared tag counts once, any
    other shared entity twice), then the nearest in date, then slug.

    Every briefing is scored against every other, so the work grows with the
    square of the archive; it is done on bit sets (one bit per briefing, Python
    integers) to keep it fast. Each term is a bit set of the briefings that name
    it, and a briefing's scores are summed as a binary counter whose digits are
    bit sets ("bit-sliced"), so one addition handles all briefings at once.
    The cut-off score of the top ``count`` is found digit by digit from the top
    (see ``_top_threshold``), and only briefings at or above it are ranked.
    Briefings are ranked in worker processes (``parallel``), the bit sets shared.
    The ranking depends on each briefing's slug, date and terms, in order, and
    nothing else: ``cache`` keeps the last one, so an edit that changes none of
    them (a body, a summary) ranks nothing.
    """
    key = related_key(count, [(b.slug, b.date.toordinal(), [(e.kind, e.slug) for e in b.terms()])
                              for b in site.briefings]) if cache is not None and cache.enabled else None
    ranked = cache.store(RELATED_STORE).get(key) if key is not None else None
    if ranked is None:
        index = {b.slug: i for i, b in enumerate(site.briefings)}
        sets = {term: _bitset(index[b.slug] for b in items) for term, items in site.briefings_by_term.items()}
        ranked = processes.run(lambda i: _related_of(site.briefings, i, sets, count), len(site.briefings), "related")
        if key is not None:
            cache.replace(RELATED_STORE, {key: ranked})
    for briefing, chosen in zip(site.briefings, ranked):
        site.related[briefing.slug] = [site.briefings[j] for j in chosen]


RELATED_STORE = "related"


def _related_of(briefings: list[Briefing], i: int, sets: dict[TermKey, int], count: int) -> list[int]:
    """Positions of the ``count`` briefings most related to ``briefings[i]`` (see ``_rank_related``)."""
    briefing = briefings[i]
    weighted = {(e.kind, e.slug): 1 if e.kind == "tags" else 2 for e in briefing.terms()}
    digits = [0] * (sum(weighted.values()).bit_length() + 1)
    for key, weight in weighted.items():
        _add(digits, sets[key], weight.bit_length() - 1)
    named = 0
    for digit in digits:
        named |= digit
    named &= ~(1 << i)
    scored = []
    for j in _members(_top_threshold(digits, named, count)):
        other = briefings[j]
        score = sum((digit >> j & 1) << place for place, digit in enumerate(digits))
        scored.append((-score, abs((other.date - briefing.date).days), other.slug, j))
    return [item[3] for item in sorted(scored)[:count]]


def _bitset(positions) -> int:
    data = bytearray()
    for position in positions:
        byte = position >> 3
        if byte >= len(data):
            data.extend(bytes(byte + 1 - len(data)))
        data[byte] |= 1 << (position & 7)
    return int.from_bytes(data, "little")


def _add(digits: list[int], bits: int, place: int) -> None:
    """Add 1 (shifted left by ``place``) to the counter of every member of ``bits``."""
    carry = bits
    while carry:
        digits[place], carry = digits[place] ^ carry, digits[place] & carry
        place += 1


def _top_threshold(digits: list[int], candidates: int, count: int) -> int:
    """The members of ``candidates`` whose score is at least the ``count``-th highest score."""
    if candidates.bit_count() <= count:
        return candidates
    above, equal = 0, candidates  # scores above the prefix found so far / equal to it
    for digit in reversed(digits):
        with_bit = equal & digit
        if (above | with_bit).bit_count() >= count:
            equal = with_bit
        else:
            above |= with_bit
            equal &= ~digit
    return above | equal


def _members(bits: int) -> list[int]:
    text = bin(bits)[:1:-1]
    found, position = [], text.find("1")
    while position != -1:
        found.append(position)
        position = text.find("1", position + 1)
    return found


def _build_timeline(site: Site) -> None:
    events: list[Event] = []
    for briefing in site.briefings:
        events.append(Event(date=briefing.date, title=briefing.title, kind="briefing", briefing=briefing,
                            entities={k: v for k, v in briefing.entities.items()}))
        for event in briefing.events:
            inherited = {kind: event.entities.get(kind) or briefing.entities.get(kind, ()) for kind in INHERITED}
            inherited.update({kind: v for kind, v in event.entities.items() if kind not in INHERITED})
            events.append(Event(date=event.date, title=event.title, kind="event", briefing=briefing,
                                refs=event.refs, entities=inherited))
    for election in site.terms.get("elections", []):
        assert isinstance(election, Election)
        for day in election.dates:
            label = f"{election.name}: {day.label}" if day.label else f"{election.name}: voting day"
            entities = {"elections": (election,), "countries": (election.country,) if election.country else ()}
            events.append(Event(date=day.date, title=label, kind="vote", election=election, entities=entities))
    order = {"vote": 0, "event": 1, "briefing": 2}
    events.sort(key=lambda e: (e.date, order[e.kind], e.title))
    site.timeline = events
    site.years = sorted({e.date.year for e in events}, reverse=True)
    by_term: dict[TermKey, list[Event]] = defaultdict(list)
    for event in events:
        for kind, entities in event.entities.items():
            for entity in entities:
                by_term[(entity.kind, entity.slug)].append(event)
    site.events_by_term = dict(by_term)
