"""Which pages show which briefing: what the live preview must render again after an edit.

A page's data leads to briefings through lists, dicts and dataclass fields
(``Reach``); its template may ask the site more, which the recorder answers
(``Answers``). Templates that read only a timeline entry's index fields let
an edit skip the timelines. See docs/preview.md ("The live session").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes

from site_builder.content.site import Site
from site_builder.model import TERM_KINDS, Briefing, Entity, Event, Ref, Source, VotingDay
from site_builder.render.graphics import TimelineChart, WorldMap
from site_builder.render.incremental import Fingerprinter


# What templates may read of a briefing through a timeline entry without showing more than the index.
INDEX_ATTRIBUTES = frozenset({"slug", "url", "title", "date", "status", "is_draft"})
EVERYTHING = "*"  # stands for every briefing in a page's dependencies; never a slug
NOTHING: frozenset[str] = frozenset()
_ATOMS = (str, bytes, int, float, bool, type(None), dt.date)


def events_show_only_index(env: jinja2.Environment) -> bool:
    """True when no template reads more of a briefing through ``.briefing`` than ``INDEX_ATTRIBUTES``
    (or whether there is one), and none reads ``refs``, whose positions an edit may move."""
    for name in env.list_templates():
        try:
            tree = env.parse(env.loader.get_source(env, name)[0])
        except jinja2.TemplateError:
            return False
        if not _index_only(tree, None):
            return False
    return True


def _index_only(node: nodes.Node, parent: nodes.Node | None) -> bool:
    if isinstance(node, nodes.Getattr) and node.attr in ("briefing", "refs"):
        tested = isinstance(parent, (nodes.If, nodes.CondExpr)) and parent.test is node
        follows = isinstance(parent, nodes.Getattr) and parent.attr in INDEX_ATTRIBUTES
        if node.attr == "refs" or not (tested or follows):
            return False
    if (isinstance(node, nodes.Const) and node.value in ("briefing", "refs")
            and not isinstance(parent, (nodes.Compare, nodes.Operand))):
        return False  # a name used to look the attribute up (attr(), map(attribute=), [...])
    return all(_index_only(child, node) for child in node.iter_child_nodes())


@functools.cache
def field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


class Reach:
    """The slugs of the briefings a value leads to, through lists, tuples, dicts and dataclass fields.

    A briefing leads to itself only (nothing it holds leads to another one); a
    timeline entry leads to its briefing only ``through_events``; entities,
    names, sources and pictures hold only text, numbers, dates and entities,
    and lead nowhere. A value of a type not known here leads to everything.
    Results are memoised by identity, keeping the values alive so that no
    identity is reused.
    """

    LEAVES = (Entity, Ref, Source, VotingDay, TimelineChart, WorldMap)

    def __init__(self, through_events: bool):
        self.through_events = through_events
        self.memo: dict[int, tuple[Any, frozenset[str]]] = {}
        self.kinds: dict[type, str] = {}

    def of(self, value: Any) -> frozenset[str]:
        kind = self.kinds.get(type(value)) or self._kind(type(value))
        if kind == "leaf":
            return NOTHING
        if kind == "briefing":
            return frozenset((value.slug,))
        if kind == "event":
            return self.of(value.briefing) if self.through_events else NOTHING
        hit = self.memo.get(id(value))
        if hit is not None:
            return hit[1]
        self.memo[id(value)] = (value, NOTHING)  # a cycle adds nothing new
        if kind == "dict":
            parts: Any = [*value.keys(), *value.values()]
        elif kind == "sequence":
            parts = value
        elif kind == "dataclass":
            parts = [getattr(value, name) for name in field_names(type(value))]
        else:
            parts = None
        found = frozenset((EVERYTHING,)) if parts is None else NOTHING.union(*map(self.of, parts))
        self.memo[id(value)] = (value, found)
        return found

    def _kind(self, kind: type) -> str:
        if issubclass(kind, _ATOMS) or issubclass(kind, self.LEAVES):
            found = "leaf"
        elif issubclass(kind, Briefing):
            found = "briefing"
        elif issubclass(kind, Event):
            found = "event"
        elif issubclass(kind, dict):
            found = "dict"
        elif issubclass(kind, (list, tuple, set, frozenset)):
            found = "sequence"
        else:
            found = "dataclass" if dataclasses.is_dataclass(kind) else "unknown"
        self.kinds[kind] = found
        return found


class Unhashed(Fingerprinter):
    """For ``SiteRecorder.questions`` when only the questions matter, not their answers."""

    def of(self, value: Any) -> bytes:
        return b""


UNHASHED = Unhashed()


class Answers:
    """The site's answers to recorded questions, asked again (memoised); arguments as ``argument_key`` keeps them."""

    def __init__(self, site: Site):
        self.site = site
        self.known: dict[tuple, Any] = {("briefing", b.slug): b for b in site.briefings}
        for kind in TERM_KINDS:
            for entity in [*site.kb.entities.get(kind, []), *site.terms.get(kind, [])]:
                self.known[("entity", kind, entity.slug)] = entity
        for entity in site.terms.get("techniques", []):  # DISARM techniques' pages (content/techniques.py)
            self.known[("entity", "techniques", entity.slug)] = entity
        self.memo: dict[tuple, Any] = {}

    def get(self, name: str, args: Any) -> Any:
        key = (name, args)
        if key not in self.memo:
            try:
                value = getattr(self.site, name)
                if args is not None:
                    value = value(*(self.known[a] if isinstance(a, tuple) else a for a in args))
            except (AttributeError, KeyError, TypeError, LookupError):
                value = object()  # cannot be asked again: leads to everything
            self.memo[key] = value
        return self.memo[key]
