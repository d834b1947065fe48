"""STIX 2.1 bundles: valid with zero errors, parse back, references resolve, ids and bytes stable."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
import stix2
from bs4 import BeautifulSoup
from stix2.confidence.scales import value_to_admiralty_credibility
from stix2validator import ValidationOptions, validate_string

from benchmarks.corpus import generate
from conftest import REPO, build_into
from site_builder.render import stix


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_into(REPO / "content", tmp_path_factory.mktemp("stix") / "public", cache_dir=None)


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stix-corpus")
    return build_into(generate(root / "content", 50), root / "public", cache_dir=None)


def _bundles(site: Path) -> list[Path]:
    found = sorted(site.glob("briefings/*/stix.json")) + [site / "stix.json"]
    assert len(found) > 1
    return found


def _validate(path: Path) -> None:
    result = validate_string(path.read_text(encoding="utf-8"), ValidationOptions(version="2.1"))
    assert result.is_valid, (path, [str(e) for e in result.errors or []])
    assert not result.errors
    # Only two kinds of warning are expected, both chosen: ids are UUIDv5 (deterministic, where STIX
    # recommends v4 for objects other than observables) and external references carry no hashes.
    codes = {str(w).split("{", 1)[1].split("}", 1)[0] for w in result.warnings or []}
    assert codes <= {"103", "302"}, [str(w) for w in result.warnings]


def test_every_bundle_of_the_site_validates_with_zero_errors(site: Path) -> None:
    for path in _bundles(site):
        _validate(path)


@pytest.mark.slow  # about 35 s: the validator takes half a second a bundle
def test_every_bundle_of_a_generated_corpus_validates_with_zero_errors(corpus_site: Path) -> None:
    bundles = _bundles(corpus_site)
    assert len(bundles) == 51
    for path in bundles:
        _validate(path)


def _check_references(bundle) -> None:
    by_id = {o.id: o for o in bundle.objects}
    reports = [o for o in bundle.objects if o.type == "report"]
    assert reports
    for report in reports:
        assert all(ref in by_id for ref in report.object_refs), report.id
    for obj in bundle.objects:
        for key in ("created_by_ref", "source_ref", "target_ref"):
            if key in obj:
                assert obj[key] in by_id, (obj.id, key)
        assert all(ref in by_id for ref in obj.get("object_marking_refs", ()))


@pytest.mark.parametrize("which", ["site", "corpus_site"])
def test_bundles_parse_back_and_every_reference_resolves_inside_the_bundle(which: str, request) -> None:
    for path in _bundles(request.getfixturevalue(which)):
        _check_references(stix2.parse(path.read_text(encoding="utf-8"), allow_custom=False))


def test_the_mapping_of_a_briefing(site: Path) -> None:
    slug = "eu-urgent-request-tiktok-romania-election-2024"
    bundle = json.loads((site / f"briefings/{slug}/stix.json").read_text(encoding="utf-8"))
    by_type: dict[str, list[dict]] = {}
    for obj in bundle["objects"]:
        by_type.setdefault(obj["type"], []).append(obj)
    [identity_site] = [o for o in by_type["identity"] if o["name"] == "Interference Watch"]
    assert all(o.get("created_by_ref", identity_site["id"]) == identity_site["id"] for o in bundle["objects"])
    assert all(o.get("object_marking_refs") == [stix.TLP_CLEAR_ID] for o in bundle["objects"] if o["type"] != "marking-definition")
    [report] = by_type["report"]
    assert report["published"] == "2024-12-06T00:00:00.000Z"
    assert report["external_references"][0]["url"].endswith(f"/briefings/{slug}/")
    assert len(report["external_references"]) >= 2  # the briefing, then every source's address
    patterns = {o["external_references"][0]["external_id"]: o for o in by_type["attack-pattern"]}
    assert set(patterns) == {"T0100.003", "T0091", "T0090", "T0105"}
    assert all(o["external_references"][0]["source_name"] == "DISARM" for o in patterns.values())
    assert {o["country"] for o in by_type["location"]} == {"RO"}
    [campaign] = by_type["campaign"]
    relations = by_type["relationship"]
    targets = [r for r in relations if r["relationship_type"] == "targets"]
    assert [(r["source_ref"], r["target_ref"]) for r in targets] == [(campaign["id"], by_type["location"][0]["id"])]
    [claim] = [r for r in relations if r["relationship_type"] == "attributed-to" and r["source_ref"] == campaign["id"]]
    assert claim["confidence"] == stix.CONFIDENCE["alleged"] == 40
    accused = next(o for o in bundle["objects"] if o["id"] == claim["target_ref"])
    assert accused["type"] == "threat-actor" and accused["name"] == "Russian government"
    assert accused["threat_actor_types"] == ["nation-state"]
    uses = {r["target_ref"] for r in relations if r["relationship_type"] == "uses"}
    assert uses == {o["id"] for o in patterns.values()}


def test_confidence_follows_the_admiralty_credibility_scale_of_stix() -> None:
    assert {level: value_to_admiralty_credibility(value) for level, value in stix.CONFIDENCE.items()} == {
        "confirmed": "1 - Confirmed by other sources", "likely": "2 - Probably True",
        "alleged": "3 - Possibly True", "disputed": "5 - Improbable"}


def test_ids_are_uuid5_from_stable_keys_and_timestamps_from_content(site: Path) -> None:
    text = (site / "stix.json").read_text(encoding="utf-8")
    bundle = json.loads(text)
    for obj in bundle["objects"]:
        if obj["type"] != "marking-definition":
            assert uuid.UUID(obj["id"].split("--", 1)[1]).version == 5
    stamps = {obj[k][:10] for obj in bundle["objects"] for k in ("created", "modified", "published") if k in obj}
    briefings = json.loads((site / "briefings.json").read_text(encoding="utf-8"))["briefings"]
    allowed = {b["date"] for b in briefings} | {b["updated"] for b in briefings if b["updated"]} | {"2022-10-01", "2024-01-01"}
    assert stamps <= allowed


@pytest.mark.slow  # three builds
def test_two_builds_write_byte_identical_bundles_and_an_edit_keeps_other_briefings_ids(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    first = build_into(content, tmp_path / "one", cache_dir=None)
    second = build_into(content, tmp_path / "two", cache_dir=None)
    for path in _bundles(first):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path
    edited = content / "briefings" / "tiktok-removes-accounts-czech-election-2025.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("summary: \"On the eve", "summary: \"Just before", 1),
                      encoding="utf-8")
    third = build_into(content, tmp_path / "three", cache_dir=None)
    for path in _bundles(first):
        same = path.read_bytes() == (third / path.relative_to(first)).read_bytes()
        assert same == ("tiktok-removes" not in str(path) and path.name != "stix.json" or path.parent.name.startswith("eu-")
                        or path.parent.name.startswith("moldova")), path
    old = {o["id"] for o in json.loads((first / "stix.json").read_text(encoding="utf-8"))["objects"]}
    new = {o["id"] for o in json.loads((third / "stix.json").read_text(encoding="utf-8"))["objects"]}
    assert old == new  # an edited briefing keeps its ids too


def test_pages_link_their_bundles(site: Path) -> None:
    slug = "moldova-votes-parliamentary-election-2025"
    page = BeautifulSoup((site / f"briefings/{slug}/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(f'link[rel=alternate][type="application/stix+json"][href="/briefings/{slug}/stix.json"]')
    visible = page.select_one(f'.data-links a[href="/briefings/{slug}/stix.json"]')
    assert visible is not None and visible.get_text(strip=True) == "STIX 2.1"
    assert page.select_one('.data-links a[href="/briefings.json"]')
    for path in ("index.html", "about/index.html"):
        page = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert page.select_one('link[rel=alternate][type="application/stix+json"][href="/stix.json"]'), path
        assert page.select_one('footer a[href="/stix.json"]').get_text(strip=True) == "STIX 2.1"
