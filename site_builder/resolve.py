"""Resolve the names editors wrote to knowledge-base entities.

Every reference must resolve; an unknown name is reported at its line with the
closest known names. Tags need no knowledge base: variants that fold to the
same key ("Disinformation", "disinformation") become one tag.
"""

from __future__ import annotations

from site_builder.entities import KnowledgeBase
from site_builder.errors import Problem
from site_builder.model import ENTITY_KINDS, SINGULAR, Briefing, Entity, Ref
from site_builder.slugs import fold, slugify


def resolve_briefings(briefings: list[Briefing], kb: KnowledgeBase) -> tuple[dict[str, Entity], list[Problem]]:
    """Fill ``entities`` of each briefing, its events and attributions; return the tags."""
    problems: list[Problem] = []
    tags: dict[str, Entity] = {}
    for briefing in briefings:
        entities: dict[str, tuple[Entity, ...]] = {}
        for kind in ENTITY_KINDS:
            entities[kind] = _resolve_refs(briefing.refs.get(kind, ()), kind, kb, briefing.source, problems)
        entities["tags"] = tuple(_dedupe(_tag(ref, tags) for ref in briefing.refs.get("tags", ())))
        briefing.entities = entities
        for event in briefing.events:
            event.briefing = briefing
            event.entities = {kind: _resolve_refs(refs, kind, kb, briefing.source, problems)
                              for kind, refs in event.refs.items()}
        for claim in briefing.attribution:
            actor = _resolve_one(claim.actor_ref, "actors", kb, briefing.source, problems)
            claim.actor = actor  # type: ignore[assignment]
    return tags, problems


def _resolve_refs(refs: tuple[Ref, ...], kind: str, kb: KnowledgeBase, source: str, problems: list[Problem]) -> tuple[Entity, ...]:
    found = (_resolve_one(ref, kind, kb, source, problems) for ref in refs)
    return tuple(_dedupe(e for e in found if e is not None))


def _resolve_one(ref: Ref, kind: str, kb: KnowledgeBase, source: str, problems: list[Problem]) -> Entity | None:
    entity = kb.resolve(kind, ref.name)
    if entity is None:
        close = kb.suggest(kind, ref.name)
        what = SINGULAR[kind].lower()
        hint = (f"did you mean {' or '.join(repr(c) for c in close)}? " if close else "") + \
            f"Otherwise add the {what} to content/entities/{kind}.yaml (or run 'site-builder entity add {kind} \"{ref.name}\"')"
        problems.append(Problem(source, f"unknown {what} '{ref.name}'", ref.line, ref.column, hint))
    return entity


def _tag(ref: Ref, tags: dict[str, Entity]) -> Entity:
    key = fold(ref.name)
    if key not in tags:
        tags[key] = Entity(kind="tags", name=ref.name, slug=slugify(ref.name) or "tag")
    return tags[key]


def _dedupe(items) -> list:
    seen: list = []
    for item in items:
        if all(item is not s for s in seen):
            seen.append(item)
    return seen
