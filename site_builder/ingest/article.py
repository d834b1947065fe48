"""Typed values passed between the ingest stages.

``Block`` is a paragraph of source text with the line it started on, so every
message can point into the file. ``RawArticle`` is what reading and splitting
know (text and page metadata); ``Article`` adds everything extracted from it.
``Article.to_json`` is the stable ``--json`` shape documented in the
``README.md`` beside this package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Block:
    """One paragraph of source text and the 1-based line it starts on."""

    text: str
    line: int = 0


@dataclass
class RawArticle:
    """One article as cut from a source, before entities, figures and dates."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    standfirst: str = ""
    author: str = ""
    publisher: str = ""
    published: dt.date | None = None
    updated: dt.date | None = None  # an "Updated" date, never taken as published
    dateline: str = ""
    dateline_date: tuple[int, int] | None = None  # (month, day) written in the dateline
    url: str = ""
    notes: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, reason): furniture left out of the body

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    @property
    def line(self) -> int:
        return self.blocks[0].line if self.blocks else 0


@dataclass
class Mention:
    """A knowledge-base entity named in the article, with where it was found."""

    kind: str
    name: str  # canonical name in the knowledge base
    found: list[str] = field(default_factory=list)  # e.g. ['paragraph 2: "Czech"']


@dataclass
class Suggestion:
    """A person or organisation the knowledge base does not know yet."""

    name: str
    context: str
    type: str = ""  # best guess at the actor type, for the `entity add` command
    country: str = ""
    alias: str = ""
    description: str = ""  # the context without the name: "Moldovan National Security Adviser"


@dataclass
class Figure:
    text: str
    kind: str  # count | percentage | money | reach
    value: float | None
    context: str


@dataclass
class Statement:
    speaker: str
    quote: str


@dataclass
class DatedEvent:
    """Something the article dates; ``date`` is None when a relative date could not be resolved."""

    date: dt.date | None
    title: str
    phrase: str = ""  # the words that gave the date, e.g. "Friday and Saturday"
    inferred: bool = False
    countries: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)


@dataclass
class Claim:
    """A proposed attribution: who is accused, by whom, how firmly (the cue word that says so)."""

    actor: str
    claimed_by: str
    confidence: str  # confirmed | likely | alleged | disputed
    cue: str
    entity: str = ""  # the knowledge-base actor for an accused state named as its country ("Russian government")


@dataclass
class Article:
    source: str
    title: str
    standfirst: str
    author: str
    publisher: str
    published: dt.date | None
    dateline: str
    paragraphs: list[str]
    url: str = ""
    mentions: list[Mention] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[DatedEvent] = field(default_factory=list)
    summary: str = ""
    review: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # why each review flag was raised
    techniques: list = field(default_factory=list)  # TechniqueSuggestion (extract/techniques.py), for the editor to confirm
    updated: dt.date | None = None
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    targets: list[str] = field(default_factory=list)  # proposed: countries whose election or public was targeted
    attribution: list[Claim] = field(default_factory=list)  # proposed claims

    def names(self, kind: str) -> list[str]:
        return [m.name for m in self.mentions if m.kind == kind]

    def flag(self, name: str, why: str) -> None:
        if name not in self.review:
            self.review.append(name)
        self.notes.append(f"{name}: {why}")

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "title": self.title,
            "standfirst": self.standfirst,
            "author": self.author,
            "publisher": self.publisher,
            "published": self.published.isoformat() if self.published else None,
            "dateline": self.dateline,
            "url": self.url,
            "paragraphs": list(self.paragraphs),
            "countries": self.names("countries"),
            "platforms": self.names("platforms"),
            "actors": self.names("actors"),
            "elections": self.names("elections"),
            "mentions": [{"kind": m.kind, "name": m.name, "found": list(m.found)} for m in self.mentions],
            "suggestions": [{"name": s.name, "context": s.context} for s in self.suggestions],
            "figures": [{"text": f.text, "kind": f.kind, "value": f.value, "context": f.context} for f in self.figures],
            "statements": [{"speaker": s.speaker, "quote": s.quote} for s in self.statements],
            "events": [{"date": e.date.isoformat() if e.date else None, "title": e.title} for e in self.events],
            "summary": self.summary,
            "review": list(self.review),
            "notes": list(self.notes),
            "techniques": [t.to_json() for t in self.techniques],
            "updated": self.updated.isoformat() if self.updated else None,
            "dropped": [{"line": line, "reason": reason} for line, reason in self.dropped],
            "targets": list(self.targets),
            "attribution": [{"actor": c.actor, "claimed_by": c.claimed_by, "confidence": c.confidence, "cue": c.cue}
                            for c in self.attribution],
        }
