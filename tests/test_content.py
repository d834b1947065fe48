"""The content shipped in content/ is valid and builds into a complete site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.build import BuildOptions, build, check_content
from site_builder.content.entities import load_knowledge_base
from conftest import REPO

CONTENT = REPO / "content"


def test_shipped_content_passes_check():
    assert check_content(BuildOptions(content=CONTENT)) == []


def test_shipped_content_builds(tmp_path: Path):
    report = build(BuildOptions(content=CONTENT, output=tmp_path / "public"))
    assert report.briefings >= 4
    for kind in ("countries", "platforms", "actors", "elections", "tags"):
        assert any((tmp_path / "public" / kind).iterdir())


def test_every_entity_has_a_description():
    kb, problems = load_knowledge_base(CONTENT)
    assert problems == []
    for kind, entities in kb.entities.items():
        for entity in entities:
            if entity.source.endswith(".yaml"):
                assert entity.description, f"{kind}: {entity.name} needs a description"


def test_elections_have_country_kind_dates_and_outcome():
    kb, _ = load_knowledge_base(CONTENT)
    assert kb.entities["elections"]
    for election in kb.entities["elections"]:
        assert election.country and election.election_type and election.dates and election.outcome
        assert all(d.date <= dt.date.today() for d in election.dates)
