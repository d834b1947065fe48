"""The knowledge base: countries, platforms, actors and elections, from ``content/entities/``.

One YAML file per kind, each a list of entries. This module knows that file
schema, validates it with positions, and answers "which entity is this name?"
for canonical names, aliases and spellings with or without diacritics. Every
ISO 3166 country is known even when ``countries.yaml`` does not list it, so a
briefing or an ingested article can name any country.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from site_builder.content import places
from site_builder.errors import Problem, display_path
from site_builder.content.fields import FieldReader
from site_builder.content.load import read_yaml_file
from site_builder.model import (
    ACTOR_TYPES,
    ENTITY_KINDS,
    SINGULAR,
    Actor,
    Country,
    Election,
    Entity,
    Platform,
    Ref,
    VotingDay,
)
from site_builder.content.slugs import fold, slug_problem, slugify

COMMON = ("name", "slug", "aliases", "description")
FIELDS = {
    "countries": COMMON + ("code", "demonyms"),
    "platforms": COMMON + ("owner", "website"),
    "actors": COMMON + ("type", "country"),
    "elections": COMMON + ("country", "kind", "dates", "outcome"),
}


@dataclass
class KnowledgeBase:
    """All entities by kind, with a folded-name index for resolving references."""

    entities: dict[str, list[Entity]] = field(default_factory=lambda: {k: [] for k in ENTITY_KINDS})
    index: dict[str, dict[str, Entity]] = field(default_factory=lambda: {k: {} for k in ENTITY_KINDS})

    def resolve(self, kind: str, name: str) -> Entity | None:
        return self.index[kind].get(fold(name))

    def suggest(self, kind: str, name: str, n: int = 3) -> list[str]:
        """Closest known names, canonical form, for "did you mean" hints.

        Short names need a closer match: "EU" is not "Peru".
        """
        key = fold(name)
        keys = difflib.get_close_matches(key, list(self.index[kind]), n=n * 3, cutoff=0.6 if len(key) > 4 else 0.8)
        names: list[str] = []
        for key in keys:
            canonical = self.index[kind][key].name
            if canonical not in names:
                names.append(canonical)
        return names[:n]

    def typo_of(self, kind: str, name: str) -> Entity | None:
        """The known entity that ``name`` is most likely a misspelling of: within a small edit
        distance of one of its names (closer still for short names), or None.

        A name that close is not suggested as a new entity, and ``entity add`` asks for
        ``--force`` before adding it.
        """
        key = fold(name)
        close = difflib.get_close_matches(key, list(self.index[kind]), n=1, cutoff=0.85 if len(key) > 5 else 0.9)
        return self.index[kind][close[0]] if close else None

    def surface_forms(self, kind: str) -> list[tuple[str, Entity]]:
        """Every written form that names an entity: name, aliases, demonyms."""
        forms = []
        for entity in self.entities[kind]:
            forms.append((entity.name, entity))
            forms.extend((alias, entity) for alias in entity.aliases)
            forms.extend((d, entity) for d in getattr(entity, "demonyms", ()))
        return forms


def load_knowledge_base(content_dir: Path, include_iso_countries: bool = True) -> tuple[KnowledgeBase, list[Problem]]:
    kb = KnowledgeBase()
    problems: list[Problem] = []
    folder = content_dir / "entities"
    for kind in ENTITY_KINDS:
        path = folder / f"{kind}.yaml"
        if not path.exists():
            continue
        data, file_problems = read_yaml_file(path, content_dir)
        problems += file_problems
        if data is None or data.data is None:
            continue
        reader = FieldReader(file_problems[0].path if file_problems else display_path(path), data.positions)
        entries = data.data
        if not isinstance(entries, list):
            reader.error((), f"{kind}.yaml must be a list of entries, each starting with '- name: ...'",
                         hint="see the content guide in README.md")
        else:
            for index, entry in enumerate(entries):
                name = entry.get("name") if isinstance(entry, dict) else None
                if isinstance(name, str) and name.strip():  # messages say "actor 'Jane Doe': ...", not "[27]"
                    reader.labels[(index,)] = f"{SINGULAR[kind].lower()} {name.strip()!r}"
                entity = _read_entity(kind, reader, (index,), entry)
                if entity is not None:
                    _add(kb, entity, reader, (index,), problems)
        problems += reader.problems
    if include_iso_countries:
        _add_iso_countries(kb)
    problems += _link_countries(kb)
    return kb, problems


def _read_entity(kind: str, r: FieldReader, at: tuple, entry: object) -> Entity | None:
    if not isinstance(entry, dict):
        r.error(at, f"entry {at[0] + 1} must be a set of 'key: value' lines", hint="start each entry with '- name: ...'")
        return None
    r.unknown_keys(entry, at, FIELDS[kind])
    name = r.text(entry, at + ("name",), required=True)
    if not name:
        return None
    slug = r.text(entry, at + ("slug",)) or slugify(name)
    problem = slug_problem(slug)
    if problem:
        r.error(at + ("slug",), problem, hint=f"use e.g. slug: {slugify(slug) or 'my-entity'}")
        slug = slugify(slug) or "entity"
    common = dict(
        kind=kind,
        name=name,
        slug=slug,
        description=r.text(entry, at + ("description",)),
        aliases=tuple(a for a, _ in r.text_list(entry, at + ("aliases",))),
        source=r.path,
        line=r.positions.get(at, (None, None))[0],
    )
    if kind == "countries":
        code = r.text(entry, at + ("code",)).upper()
        if code and not is_country_code(code):
            r.error(at + ("code",), f"{code!r} is not an ISO 3166 two-letter country code", hint="e.g. CZ, MD, RO")
        demonyms = tuple(d for d, _ in r.text_list(entry, at + ("demonyms",)))
        return Country(**common, code=code, demonyms=demonyms)
    if kind == "platforms":
        return Platform(**common, owner=r.text(entry, at + ("owner",)), website=r.url(entry, at + ("website",)))
    if kind == "actors":
        return Actor(**common, type=r.choice(entry, at + ("type",), ACTOR_TYPES, required=True) or "",
                     country_ref=_ref(r, entry, at + ("country",)))
    days = []
    for day_at, raw in _dates(r, entry, at + ("dates",)):
        when = r.date(raw, day_at + ("date",), required=True)
        if when:
            days.append(VotingDay(when, r.text(raw, day_at + ("label",))))
    if not days:
        r.error(at + ("dates",), f"election '{name}' needs at least one voting date",
                hint="add 'dates:' with lines like '- 2025-10-03' or '- {date: 2025-10-03, label: first round}'")
    return Election(**common, country_ref=_ref(r, entry, at + ("country",), required=True),
                    election_type=r.text(entry, at + ("kind",), required=True),
                    dates=tuple(sorted(days, key=lambda d: d.date)), outcome=r.text(entry, at + ("outcome",)))


def _dates(r: FieldReader, entry: dict, at: tuple) -> list[tuple[tuple, dict]]:
    """Voting days as mappings; a bare date is shorthand for ``{date: ...}``."""
    value = entry.get("dates")
    if isinstance(value, list):
        return [((at + (i,)), item if isinstance(item, dict) else {"date": item}) for i, item in enumerate(value)]
    if value is not None:
        return [(at, {"date": value})]
    return []


def _ref(r: FieldReader, entry: dict, at: tuple, required: bool = False) -> Ref | None:
    name = r.text(entry, at, required=required)
    if not name:
        return None
    line, col = r.positions.get(at, (None, None))
    return Ref(name, line, col)


def _add(kb: KnowledgeBase, entity: Entity, r: FieldReader, at: tuple, problems: list[Problem]) -> None:
    kind = entity.kind
    for other in kb.entities[kind]:
        if other.slug == entity.slug:
            r.error(at + ("slug",),
                    f"slug '{entity.slug}' is used by both '{other.name}' (line {other.line}) and '{entity.name}'",
                    hint="give one of them a different 'slug:' or name")
            return
    forms = [entity.name, *entity.aliases, *getattr(entity, "demonyms", ())]
    for i, form in enumerate(forms):
        key = fold(form)
        if not key:
            continue
        holder = kb.index[kind].get(key)
        if holder is not None and holder is not entity:
            where = at + ("name",) if i == 0 else at + ("aliases",)
            r.error(where, f"'{form}' already names '{holder.name}' (line {holder.line}); a name may mean only one {SINGULAR[kind].lower()}",
                    hint=f"remove '{form}' from one of the two entries")
            continue
        kb.index[kind][key] = entity
    kb.entities[kind].append(entity)


def is_country_code(code: str) -> bool:
    """An ISO 3166 alpha-2 code, or one of the few others the name table knows (Kosovo's XK)."""
    return code.upper() in places.EXTRA_CODES or pycountry.countries.get(alpha_2=code.upper()) is not None


def country_names(code: str) -> list[str]:
    """Every name of the country with ``code``: the ISO names first, then the everyday ones."""
    record = pycountry.countries.get(alpha_2=code)
    names = _iso_names(record) if record is not None else [places.EXTRA_CODES[code]]
    return names + [n for n in places.other_names(code) if n not in names]


def _add_iso_countries(kb: KnowledgeBase) -> None:
    """Every ISO 3166 country (and Kosovo), unless countries.yaml already has its code.

    Their everyday names (``places``) are aliases; a curated entry's own names win.
    """
    have = {getattr(c, "code", "") for c in kb.entities["countries"]}
    for code in [record.alpha_2 for record in pycountry.countries] + list(places.EXTRA_CODES):
        names = country_names(code)
        if code in have:
            curated = next(c for c in kb.entities["countries"] if getattr(c, "code", "") == code)
            for form in names:
                kb.index["countries"].setdefault(fold(form), curated)
            continue
        country = Country(kind="countries", name=names[0], slug=slugify(names[0]), aliases=tuple(names[1:]),
                          source="ISO 3166 (pycountry)", code=code)
        if any(kb.index["countries"].get(fold(n)) for n in names[:1]) or any(c.slug == country.slug for c in kb.entities["countries"]):
            continue
        for form in names:
            kb.index["countries"].setdefault(fold(form), country)
        kb.entities["countries"].append(country)


def _iso_names(record) -> list[str]:
    names = [getattr(record, "common_name", None) or record.name, record.name, getattr(record, "official_name", None)]
    out: list[str] = []
    for n in names:
        if n and n not in out:
            out.append(n)
    return out


def _link_countries(kb: KnowledgeBase) -> list[Problem]:
    """Point actors and elections at their Country; unknown names are problems."""
    problems = []
    for kind in ("actors", "elections"):
        for entity in kb.entities[kind]:
            ref = entity.country_ref
            if ref is None:
                continue
            country = kb.resolve("countries", ref.name)
            if country is None:
                close = kb.suggest("countries", ref.name)
                hint = (f"did you mean {' or '.join(repr(c) for c in close)}? " if close else "") + \
                    "Otherwise add the country to content/entities/countries.yaml"
                problems.append(Problem(entity.source, f"unknown country '{ref.name}' for {entity.name}", ref.line, ref.column, hint))
            entity.country = country
    return problems
