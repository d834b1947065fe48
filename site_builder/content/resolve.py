"""Resolve the names editors wrote to knowledge-base entities.

Every reference must resolve; an unknown name is reported at its line with the
closest known names. Tags need no knowledge base: variants that fold to the
same key ("Disinformation", "disinformation") become one tag.
"""

from __future__ import annotations

from site_builder.content.entities import KnowledgeBase
from site_builder.errors import Problem, command_name
from site_builder.model import ENTITY_KINDS, SINGULAR, Briefing, Entity, Ref, unique
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
        entities["tags"] = tuple(unique(_tag(ref, tags) for ref in briefing.refs.get("tags", ())))
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
        _resolve_roles(briefing, kb, problems)
    return tags, problems


# The kinds a responder may be, tried in this order.
RESPONDER_KINDS = ("platforms", "actors", "countries")


def _resolve_roles(briefing: Briefing, kb: KnowledgeBase, problems: list[Problem]) -> None:
    """Targets (countries: those stated, else the countries of the briefing's elections) and responders.

    Every target, responder, actor of a claim (or of a denial) and accused actor's country is also among
    the briefing's entities (added after those listed), so each has a page that lists the briefing in its role.
    """
    stated = []
    for ref in briefing.refs.get("targets", ()):
        entity = kb.resolve("countries", ref.name)
        if entity is None:
            problems.append(Problem(briefing.source, f"target '{ref.name}' is not a known country", ref.line,
                                    ref.column, _target_hint(kb, ref.name)))
        else:
            stated.append(entity)
    derived = [e.country for e in briefing.entities.get("elections", ()) if getattr(e, "country", None)]
    briefing.targets = tuple(unique(stated or derived))
    responders = []
    for ref in briefing.refs.get("responders", ()):
        entity = next((found for kind in RESPONDER_KINDS if (found := kb.resolve(kind, ref.name)) is not None), None)
        if entity is None:
            close = [name for kind in RESPONDER_KINDS for name in kb.suggest(kind, ref.name)]
            hint = (f"did you mean {' or '.join(repr(c) for c in close[:3])}? " if close else "") + (
                "a responder is a platform, an actor or a country of the knowledge base; "
                f"add it with '{command_name()} entity add actors \"{ref.name}\"' if it is new")
            problems.append(Problem(briefing.source, f"unknown responder '{ref.name}'", ref.line, ref.column, hint))
        else:
            responders.append(entity)
    briefing.responders = tuple(unique(responders))
    if not briefing.targets and not briefing.is_draft:
        line = briefing.lines.get("targets") or briefing.lines.get("elections") or briefing.lines.get("title") or 1
        problems.append(Problem(briefing.source, "this published briefing names no target: no country whose election "
                                "or public was targeted", line, 1,
                                "add e.g. 'targets: [Romania]' (countries only), or list the election under "
                                "'elections:' (its country becomes the target)"))
    entities = briefing.entities
    named = {kind: list(entities.get(kind, ())) for kind in ENTITY_KINDS}
    claimed = [a.actor for a in briefing.attribution if a.actor is not None]  # the accused, and those who deny
    for entity in (*briefing.targets, *briefing.responders, *claimed, *briefing.origins):
        if all(entity is not e for e in named[entity.kind]):
            named[entity.kind].append(entity)
    briefing.entities = {**entities, **{kind: tuple(items) for kind, items in named.items()}}


def _target_hint(kb: KnowledgeBase, name: str) -> str:
    for other in ("actors", "platforms", "elections"):
        found = kb.resolve(other, name)
        if found is not None:
            where = "its country" if other == "elections" else "the country whose election or public was targeted"
            return (f"targets are countries; '{name}' is a{'n' if other in ('actors', 'elections') else ''} "
                    f"{SINGULAR[other].lower()} ('{found.name}'): name {where}, e.g. targets: [Romania]")
    close = kb.suggest("countries", name)
    if close:
        return f"did you mean {' or '.join(repr(c) for c in close)}? targets are countries"
    return "targets are countries: use a country's name or code from content/entities/countries.yaml or ISO 3166"


def _resolve_refs(refs: tuple[Ref, ...], kind: str, kb: KnowledgeBase, source: str, problems: list[Problem]) -> tuple[Entity, ...]:
    found = (_resolve_one(ref, kind, kb, source, problems) for ref in refs)
    return tuple(unique(e for e in found if e is not None))


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
