"""The content model: typed, plain data passed from one pipeline stage to the next.

Names, sources and voting days are frozen values. A briefing is filled in by
stages in order, each field by one stage: the schema makes it from its file,
``content.resolve`` fills the resolved names, ``render.bodies`` fills ``html``;
after that a build only reads it. The preview's live session alone copies an
edit into a kept briefing (``serve.inplace.adopt``). See docs/architecture.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The four knowledge-base kinds, in the order the site presents them.
# The key is the frontmatter field and the URL folder; the value is its label.
ENTITY_KINDS: dict[str, str] = {
    "countries": "Countries",
    "platforms": "Platforms",
    "actors": "Actors",
    "elections": "Elections",
}
TERM_KINDS: dict[str, str] = {**ENTITY_KINDS, "tags": "Tags"}
SINGULAR: dict[str, str] = {
    "countries": "Country",
    "platforms": "Platform",
    "actors": "Actor",
    "elections": "Election",
    "tags": "Tag",
    "techniques": "Technique",  # DISARM techniques (content/techniques.py): pages, but not a TERM_KIND
}

CONFIDENCE_LEVELS = ("confirmed", "likely", "alleged", "disputed")  # strongest first: the four-step scale
# What an entity is to a briefing, the first that applies in this order (``Briefing.role_of``).
ROLES = ("target", "alleged origin", "responder", "mentioned")
STATUSES = ("draft", "published")
ACTOR_TYPES = (
    "person",
    "party",
    "government",
    "agency",
    "company",
    "media",
    "research-group",
    "international-organisation",
    "network",
)


@dataclass(frozen=True)
class Ref:
    """A name an editor wrote, and where, before it is resolved to an entity."""

    name: str
    line: int | None = None
    column: int | None = None


@dataclass(eq=False)
class Entity:
    """Anything with its own term page: country, platform, actor, election or tag."""

    kind: str
    name: str
    slug: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    source: str = ""
    line: int | None = None

    @property
    def url(self) -> str:
        return f"/{self.kind}/{self.slug}/"

    @property
    def label(self) -> str:
        return SINGULAR[self.kind]


@dataclass(eq=False)
class Country(Entity):
    code: str = ""
    demonyms: tuple[str, ...] = ()


@dataclass(eq=False)
class Platform(Entity):
    owner: str = ""
    website: str = ""


@dataclass(eq=False)
class Actor(Entity):
    type: str = ""
    country_ref: Ref | None = None
    country: Country | None = None


@dataclass(eq=False)
class Technique(Entity):
    """A DISARM technique (``T0049``, sub-technique ``T0049.001``), from the framework, never typed by hand."""

    tactics: tuple[str, ...] = ()  # tactic names, in the framework's phase order

    @property
    def id(self) -> str:
        return self.slug


@dataclass(frozen=True)
class VotingDay:
    date: dt.date
    label: str = ""


@dataclass(eq=False)
class Election(Entity):
    country_ref: Ref | None = None
    country: Country | None = None
    election_type: str = ""
    dates: tuple[VotingDay, ...] = ()
    outcome: str = ""

    @property
    def first_date(self) -> dt.date | None:
        return min((d.date for d in self.dates), default=None)


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    url: str
    author: str = ""
    published: dt.date | None = None
    id: str = ""  # a short name that events and claims may cite it by (else its number)
    archived: str = ""  # a web archive's copy of ``url``


@dataclass(frozen=True)
class Citation:
    """Which of its briefing's sources a statement rests on: its number (1-based), and where in it."""

    number: int
    locator: str = ""  # a few quoted words, or a paragraph number


@dataclass(eq=False)
class Event:
    """A dated happening on a timeline, from a briefing or an election's voting day."""

    date: dt.date
    title: str
    kind: str = "event"  # "event", "vote" (an election's voting day) or "briefing" (publication)
    refs: dict[str, tuple[Ref, ...]] = field(default_factory=dict)
    entities: dict[str, tuple[Entity, ...]] = field(default_factory=dict)
    briefing: "Briefing | None" = None
    election: Election | None = None
    citation: Citation | None = None  # the briefing's source it rests on
    scheduled: bool = False  # planned: may be dated after the briefing, or in the future


@dataclass(eq=False)
class Attribution:
    """A claim that an actor is behind the interference (or, with ``denial``, the accused's denial of it)."""

    actor_ref: Ref
    confidence: str
    claimed_by: str = ""  # who makes the claim (with ``denial``: who denies)
    basis: str = ""  # one sentence, in our words: what the claim rests on (frontmatter ``basis``, formerly ``note``)
    actor: Actor | None = None
    citation: Citation | None = None  # the briefing's source it rests on
    date: dt.date | None = None  # when the claim stood so (None: as of the briefing's date)
    denial: bool = False

    @property
    def note(self) -> str:
        """The old name of ``basis``."""
        return self.basis

    @property
    def origin(self) -> Country | None:
        """The accused actor's country, if the knowledge base gives one."""
        return self.actor.country if self.actor is not None else None


@dataclass(eq=False)
class Briefing:
    source: str
    slug: str
    title: str
    date: dt.date
    summary: str
    body: str
    body_line: int = 1
    status: str = "published"
    updated: dt.date | None = None
    refs: dict[str, tuple[Ref, ...]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    events: tuple[Event, ...] = ()
    attribution: tuple[Attribution, ...] = ()
    # Roles (filled by the resolve stage): the countries whose election or public was targeted, as
    # stated in ``targets:``, else the countries of the briefing's elections; the entities that acted.
    targets: tuple[Country, ...] = ()
    responders: tuple[Entity, ...] = ()
    no_attribution: str = ""  # the stated "no attribution claimed", and why ("" when not stated)
    review: tuple[str, ...] = ()
    entities: dict[str, tuple[Entity, ...]] = field(default_factory=dict)
    html: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # frontmatter key -> line, for cross-file problems
    warnings: tuple = ()  # Problems that check reports and that stop nothing

    @property
    def url(self) -> str:
        return f"/briefings/{self.slug}/"

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def terms(self) -> list[Entity]:
        """Every entity this briefing names, all kinds, in kind order."""
        return [e for kind in TERM_KINDS for e in self.entities.get(kind, ())]

    @property
    def accused(self) -> tuple[Attribution, ...]:
        """The claims that accuse an actor (denials left out)."""
        return tuple(a for a in self.attribution if not a.denial)

    @property
    def denials(self) -> tuple[Attribution, ...]:
        return tuple(a for a in self.attribution if a.denial)

    @property
    def origins(self) -> tuple[Country, ...]:
        """The countries of the accused actors, unique, in the order of the claims."""
        return tuple(unique(a.origin for a in self.accused if a.origin is not None))

    def claim_date(self, claim: Attribution) -> dt.date:
        """The date a claim stood so: its own, else the briefing's."""
        return claim.date or self.date

    def role_of(self, entity: Entity) -> str:
        """One of ``ROLES``: "target", "alleged origin", "responder" or "mentioned", the first that applies.

        An accused actor or its country is an "alleged origin" (a denial makes none); an election is a
        "target" when its country is one.
        """
        key = (entity.kind, entity.slug)
        if any((t.kind, t.slug) == key for t in self.targets):
            return "target"
        country = getattr(entity, "country", None) if entity.kind == "elections" else None
        if country is not None and any((t.kind, t.slug) == (country.kind, country.slug) for t in self.targets):
            return "target"
        if any(a.actor is not None and (a.actor.kind, a.actor.slug) == key for a in self.accused) or any(
                (c.kind, c.slug) == key for c in self.origins):
            return "alleged origin"
        if any((r.kind, r.slug) == key for r in self.responders):
            return "responder"
        return "mentioned"


def unique(items) -> list:
    """Items in order, each entity once (entities compare by identity)."""
    seen: list = []
    for item in items:
        if all(item is not s for s in seen):
            seen.append(item)
    return seen


@dataclass(eq=False)
class Page:
    """A free-standing page such as About or Methodology."""

    source: str
    slug: str
    title: str
    body: str
    body_line: int = 1
    description: str = ""
    html: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # frontmatter key -> line, for cross-file problems

    @property
    def url(self) -> str:
        return f"/{self.slug}/"
