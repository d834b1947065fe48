"""The content model: typed, plain data passed from one pipeline stage to the next.

Names, sources and voting days are frozen values. A briefing is filled in by
stages in order, each field by one stage: the schema makes it from its file,
``content.resolve`` fills the resolved names, ``render.bodies`` fills ``html``;
after that a build only reads it. The preview's live session alone copies an
edit into a kept briefing (``serve.live.adopt``). See docs/architecture.md.
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

CONFIDENCE_LEVELS = ("confirmed", "likely", "alleged", "disputed")
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
    actor_ref: Ref
    confidence: str
    claimed_by: str = ""
    note: str = ""
    actor: Actor | None = None
    citation: Citation | None = None  # the briefing's source it rests on


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
