"""Ingest suggests DISARM techniques from the article's wording; the draft keeps them commented out."""

from __future__ import annotations

import argparse
import json

import frontmatter

from site_builder.build import BuildOptions, check_content
from site_builder.content.techniques import framework
from site_builder.ingest.commands import register
from site_builder.ingest.draft.briefing import render_draft, write_draft
from site_builder.ingest.extract.techniques import CUES, suggest_techniques

from ..conftest import SOURCES, TODAY


def test_every_cue_maps_to_a_technique_of_the_framework() -> None:
    known = framework()
    assert all(known.get(technique_id) is not None for _, technique_id in CUES)


def test_cues_are_found_with_the_words_that_triggered_them_and_where() -> None:
    found = suggest_techniques(
        "Bot network floods feeds before the vote", "",
        ["Investigators said paid influencers promoted the candidate.",
         "A deepfake video of the minister spread, alongside vote-buying schemes and more paid influencers."])
    assert [(s.id, s.cue, s.where) for s in found] == [
        ("T0049.003", "Bot network", "title"),
        ("T0100.003", "paid influencers", "paragraph 1"),
        ("T0087.001", "deepfake video", "paragraph 2"),
        ("T0057.001", "vote-buying", "paragraph 2"),
    ]
    assert found[1].name == "Co-Opt Influencers" and found[1].tactic == "Establish Legitimacy"


def test_words_that_merely_contain_a_cue_do_not_trigger_it() -> None:
    assert suggest_techniques("Robots and harassed-looking trolleys", "", ["The abbot's network of friends."]) == []


def test_the_draft_lists_suggestions_commented_out_so_nothing_is_published_unreviewed(ingest, site) -> None:
    article = ingest("bot_farm_bom.txt").articles[0]
    assert article.techniques, "the bot farm article names bot farms"
    text = render_draft(article, TODAY)
    head = text.split("\n---\n", 1)[0]
    assert "\n# techniques:\n" in head
    for suggestion in article.techniques:
        assert f"#   - {suggestion.id}  # {suggestion.name}: cue {suggestion.cue!r} ({suggestion.where})" in head
    assert "techniques" not in frontmatter.loads(text).metadata
    write_draft(article, site, TODAY)
    assert check_content(BuildOptions(content=site, drafts=True, today=TODAY)) == []


def test_json_carries_the_suggestions_with_their_cues(site, capsys) -> None:
    parser = argparse.ArgumentParser(prog="site-builder")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["ingest", str(SOURCES / "moldova_title_suffix.html"), "--content", str(site), "--json"])
    assert args.func(args) == 0
    [article] = json.loads(capsys.readouterr().out)["articles"]
    assert {"id": "T0057.001", "name": "Pay for Physical Action", "tactic": "Drive Offline Activity",
            "cue": "paying voters", "found": "title"} in article["techniques"]
