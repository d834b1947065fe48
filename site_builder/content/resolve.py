"""Resolve the names editors wrote to knowledge-base entities.

Every reference must resolve; an unknown name is reported at its line with the
closest known names. Tags need no knowledge base: variants that fold to the
same key ("Disinformation", "disinformation") become one tag.
"""

from __future__ import annotations

from site_builder.content.entities import KnowledgeBase
from site_builder.errors import Problem, command_name
from site_builder.model import ENTITY_KINDS, SINGULAR, Briefing, Entity, Ref
from site_builder.content.slugs import fold, slugify
from site_builder.content.techniques import resolve_techniques


def resolve_briefings(briefings: list[Briefing], kb: KnowledgeBase) -> tuple[dict[str, Entity], list[Problem]]:
    """Fill ``entities`` of each briefing, its events and attributions; return the tags."""
    problems: list[Problem] = []
    tags: dict[str, Entity] = {}
    for briefing in briefings:
        entities: dict[str, tuple[Entity, ...]] = {}
        for kind in ENTITY_KINDS:
            entities[kind] = _resolve_refs(briefing.refs.get(kind, ()), kind, kb, briefing.source, problems)
        entities["tags"] = tuple(_dedupe(_tag(ref, tags) for ref in briefing.refs.get("tags", ())))
        if briefing.refs.get("techniques"):
            entities["techniques"] = resolve_techniques(briefing, problems)
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
        problems.append(Problem(source, f"unknown {SINGULAR[kind].lower()} '{ref.name}'", ref.line, ref.column,
                                unknown_name_hint(kb, kind, ref.name)))
    return entity


def unknown_name_hint(kb: KnowledgeBase, kind: str, name: str) -> str:
    """Where a name that is not a ``kind`` belongs: another kind that has it, the close names, or a new entry.

    Adding an entry is suggested only when nothing close exists, so a typo is not added as a new entity.
    """
    for other in ENTITY_KINDS:
        found = kb.resolve(other, name) if other != kind else None
        if found is not None:
            return (f"'{name}' is a{'n' if other == 'actors' else ''} {SINGULAR[other].lower()} ('{found.name}'), "
                    f"not a{'n' if kind == 'actors' else ''} {SINGULAR[kind].lower()}: list it under {other}:")
    close = kb.suggest(kind, name)
    add = (f"add the {SINGULAR[kind].lower()} to content/entities/{kind}.yaml "
           f"(or run '{command_name()} entity add {kind} \"{name}\"')")
    if not close:
        return add
    hint = f"did you mean {' or '.join(repr(c) for c in close)}?"
    return hint if kb.typo_of(kind, name) is not None else f"{hint} If it is none of these, {add}"


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
