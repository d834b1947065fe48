"""STIX 2.1 bundles: one per briefing (``/briefings/<slug>/stix.json``) and one for the site (``/stix.json``).
Design notes: docs/architecture.md ("site_builder/render/stix.py").
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import uuid

from markupsafe import Markup

from site_builder.content import techniques as disarm
from site_builder.content.slugs import fold
from site_builder.model import Actor, Briefing

# Our four-step scale on STIX's 0-100 confidence, chosen on the Admiralty credibility scale of
# STIX 2.1's confidence appendix: confirmed = "1 - Confirmed by other sources" (80-100, 90),
# likely = "2 - Probably true" (60-79, 70), alleged = "3 - Possibly true" (40-59; 40, its
# low end: a claim we could not check), disputed = "5 - Improbable" (0-19, 15: contested, not disproved).
CONFIDENCE = {"confirmed": 90, "likely": 70, "alleged": 40, "disputed": 15}

# TLP:CLEAR (TLP 2.0), as the OASIS TLP 2.0 extension defines it (STIX 2.1's own TLP markings are TLP 1.0).
TLP_CLEAR_ID = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP_CLEAR = {
    "type": "marking-definition", "spec_version": "2.1", "id": TLP_CLEAR_ID,
    "created": "2022-10-01T00:00:00.000Z", "name": "TLP:CLEAR",
    "extensions": {TLP_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": "clear"}},
}
# Objects that no content date belongs to (the site, techniques, countries, actors) carry this one,
# so that they are the same object, byte for byte, in every bundle.
EPOCH = "2024-01-01T00:00:00.000Z"
_NAMESPACE = uuid.UUID("7f4c8b1e-2d0a-5c6e-9b7f-3a1d5e8c0b42")

THREAT_ACTOR_TYPES = {"government": ["nation-state"], "agency": ["nation-state"]}
IDENTITY_CLASS = {"person": "individual", "network": "group"}  # the others are organizations


class Ids:
    """UUIDv5 ids under one site's namespace (its title)."""

    def __init__(self, site_title: str):
        self.namespace = uuid.uuid5(_NAMESPACE, "site:" + site_title).bytes

    def __call__(self, kind: str, *key: str) -> str:
        return _id(self.namespace, kind, ":".join((kind, *key)))


@functools.lru_cache(maxsize=1 << 16)
def _id(namespace: bytes, kind: str, name: str) -> str:
    """``kind--`` and ``uuid.uuid5(namespace, name)``, memoised (uuid5 itself cost a third of the export)."""
    digest = bytearray(hashlib.sha1(namespace + name.encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{kind}--{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _time(day: dt.date | None) -> str:
    return f"{day.isoformat()}T00:00:00.000Z" if day else EPOCH


def _common(ids: Ids, kind: str, created: str, *key: str) -> dict:
    return {"type": kind, "spec_version": "2.1", "id": ids(kind, *key), "created": created, "modified": created,
            "created_by_ref": ids("identity", "site"), "object_marking_refs": [TLP_CLEAR_ID]}


def site_identity(ids: Ids, config) -> dict:
    return {"type": "identity", "spec_version": "2.1", "id": ids("identity", "site"), "created": EPOCH,
            "modified": EPOCH, "name": config.title, "identity_class": "organization",
            "description": config.description, "contact_information": config.absolute("/"),
            "object_marking_refs": [TLP_CLEAR_ID]}


def attack_pattern(ids: Ids, technique) -> dict:
    known = disarm.framework()
    phases = [{"kill_chain_name": "disarm", "phase_name": "-".join(fold(t).split())} for t in technique.tactics]
    url = f"{disarm.REPOSITORY_URL}/blob/main/generated_pages/techniques/{technique.slug}.md"
    obj = {**_common(ids, "attack-pattern", EPOCH, "DISARM", technique.slug), "name": technique.name,
           "external_references": [{"source_name": "DISARM", "external_id": technique.slug, "url": url,
                                    "description": f"{disarm.NAME}, {disarm.OWNER}, {disarm.LICENSE}"
                                                   + (f"; {known.version}" if known.version else "")}]}
    if phases:
        obj["kill_chain_phases"] = phases
    return obj


def location(ids: Ids, country) -> dict:
    obj = {**_common(ids, "location", EPOCH, country.code or country.slug), "name": country.name}
    if country.code:
        obj["country"] = country.code
    else:
        obj["region"] = "unknown"  # (every country of the knowledge base has a code)
    return obj


def actor_identity(ids: Ids, actor: Actor) -> dict:
    obj = {**_common(ids, "identity", EPOCH, "actor", actor.slug), "name": actor.name,
           "identity_class": IDENTITY_CLASS.get(actor.type, "organization")}
    if actor.description:
        obj["description"] = actor.description
    return obj


def accused(ids: Ids, actor: Actor) -> dict:
    """The actor as the one behind an operation: an intrusion-set for a network, else a threat-actor."""
    if actor.type == "network":
        obj = {**_common(ids, "intrusion-set", EPOCH, actor.slug), "name": actor.name}
    else:
        obj = {**_common(ids, "threat-actor", EPOCH, actor.slug), "name": actor.name}
        if actor.type in THREAT_ACTOR_TYPES:
            obj["threat_actor_types"] = THREAT_ACTOR_TYPES[actor.type]
    if actor.aliases:
        obj["aliases"] = list(actor.aliases)
    return obj


def relationship(ids: Ids, kind: str, source: dict, target: dict, created: str, *key: str, **more) -> dict:
    return {**_common(ids, "relationship", created, kind, *key), "relationship_type": kind,
            "source_ref": source["id"], "target_ref": target["id"], **more}


def _source_reference(briefing: Briefing, citation) -> list[dict]:
    if citation is None or not 1 <= citation.number <= len(briefing.sources):
        return []
    source = briefing.sources[citation.number - 1]
    ref = {"source_name": source.publisher, "url": source.url, "description": source.title}
    if citation.locator:
        ref["description"] += f" ({citation.locator})"
    return [ref]


def briefing_objects(briefing: Briefing, config, ids: Ids) -> list[dict]:
    """The report and everything it refers to (without the site's identity and the marking)."""
    created = _time(briefing.date)
    modified = _time(briefing.updated or briefing.date)
    campaign = {**_common(ids, "campaign", created, briefing.slug), "name": briefing.title,
                "description": briefing.summary}
    objects: dict[str, dict] = {campaign["id"]: campaign}

    def add(obj: dict) -> dict:
        objects.setdefault(obj["id"], obj)
        return objects[obj["id"]]

    for technique in briefing.entities.get(disarm.KIND, ()):
        pattern = add(attack_pattern(ids, technique))
        add(relationship(ids, "uses", campaign, pattern, created, briefing.slug, technique.slug))
    for country in disarm.targets_of(briefing):
        place = add(location(ids, country))
        add(relationship(ids, "targets", campaign, place, created, briefing.slug, country.code or country.slug))
    for actor in briefing.entities.get("actors", ()):
        add(actor_identity(ids, actor))
    seen: dict[str, int] = {}
    for claim in briefing.attribution:
        actor = claim.actor
        if actor is None or getattr(claim, "denial", False):  # a denial accuses no one
            continue
        behind = add(accused(ids, actor))
        if behind["type"] == "threat-actor":  # (STIX suggests no identity behind an intrusion-set)
            add(relationship(ids, "attributed-to", behind, add(actor_identity(ids, actor)), EPOCH, actor.slug))
        basis = getattr(claim, "basis", "") or claim.note
        when = _time(getattr(claim, "date", None) or briefing.date)
        key = f"{actor.slug}:{fold(claim.claimed_by)}"
        seen[key] = seen.get(key, 0) + 1
        description = f"{claim.confidence.capitalize()}" + (f", according to {claim.claimed_by}" if claim.claimed_by else "") \
            + (f": {basis}" if basis else ".")
        extra = {"confidence": CONFIDENCE[claim.confidence], "description": description}
        cited = _source_reference(briefing, claim.citation)
        if cited:
            extra["external_references"] = cited
        add(relationship(ids, "attributed-to", campaign, behind, when, briefing.slug, key, str(seen[key]), **extra))
    references = [{"source_name": config.title, "url": config.absolute(briefing.url), "description": briefing.title}]
    references += [{"source_name": s.publisher, "url": s.url, "description": s.title} for s in briefing.sources]
    report = {**_common(ids, "report", created, briefing.slug), "modified": modified, "name": briefing.title,
              "description": briefing.summary, "report_types": ["campaign", "threat-report"],
              "published": created, "object_refs": sorted(objects), "external_references": references}
    tags = [t.name for t in briefing.entities.get("tags", ())]
    if tags:
        report["labels"] = tags
    return [report, *objects.values()]


def bundle(briefings, config, key: str) -> str:
    """The bundle of ``briefings`` as JSON: one object a line, the site's identity and the marking first."""
    ids = Ids(config.title)
    objects: dict[str, dict] = {}
    for briefing in briefings:
        for obj in briefing_objects(briefing, config, ids):
            objects.setdefault(obj["id"], obj)
    ordered = [TLP_CLEAR, site_identity(ids, config), *(objects[k] for k in sorted(objects))]
    dump = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)  # noqa: E731
    head = f'{{\n "id": {dump(ids("bundle", key))},\n "objects": [\n  '
    return head + ",\n  ".join(map(dump, ordered)) + '\n ],\n "type": "bundle"\n}\n'


def briefing_bundle(briefing: Briefing, config) -> Markup:
    """For the ``stix.json`` template: one briefing's bundle."""
    return Markup(bundle([briefing], config, "briefing:" + briefing.slug))


def site_bundle(briefings, config) -> Markup:
    """For the ``stix_site.json`` template: every briefing's objects in one bundle."""
    return Markup(bundle(list(briefings), config, "site"))
