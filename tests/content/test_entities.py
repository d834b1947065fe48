from pathlib import Path

import pytest

from site_builder.content.entities import load_knowledge_base
from conftest import FIXTURE_SITE, REPO


def test_names_aliases_and_diacritics_resolve():
    kb, problems = load_knowledge_base(FIXTURE_SITE)
    assert problems == []
    assert kb.resolve("countries", "Czech Republic").name == "Czechia"
    assert kb.resolve("countries", "czechia").name == "Czechia"
    assert kb.resolve("platforms", "Twitter").name == "X"
    assert kb.resolve("actors", "Andrej Babis").name == "Andrej Babiš"
    assert kb.resolve("actors", "STACILO").name == "Stačilo!"
    assert kb.resolve("actors", "Nobody") is None


def test_every_iso_country_is_known():
    kb, _ = load_knowledge_base(FIXTURE_SITE)
    assert kb.resolve("countries", "Estonia").code == "EE"
    assert kb.resolve("countries", "Republic of Moldova").name == "Moldova"  # curated entry wins
    assert len(kb.entities["countries"]) >= 249


@pytest.mark.parametrize("name, code", [
    ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("Great Britain", "GB"), ("US", "US"), ("USA", "US"),
    ("United States of America", "US"), ("Ivory Coast", "CI"), ("Kosovo", "XK"), ("DR Congo", "CD"),
    ("Republic of the Congo", "CG"), ("Burma", "MM"), ("South Korea", "KR"), ("Russia", "RU"),
])
def test_common_short_and_historical_country_names_resolve(name, code):
    kb, _ = load_knowledge_base(FIXTURE_SITE)
    assert kb.resolve("countries", name).code == code


def test_the_same_name_table_serves_check_and_ingest():
    from site_builder.content import places
    kb, _ = load_knowledge_base(FIXTURE_SITE)
    for code, (names, _, _) in places.ROWS.items():
        for name in names:
            assert kb.resolve("countries", name).code == code, name


def test_a_country_code_outside_iso_that_the_table_knows_is_accepted(tmp_path):
    root = write_entities(tmp_path, "countries", "- name: Kosovo\n  code: XK\n  description: d\n")
    kb, problems = load_knowledge_base(root)
    assert problems == [] and kb.resolve("countries", "Kosova") is None and kb.resolve("countries", "Kosovo").code == "XK"


def test_unknown_name_hints_point_to_the_right_kind_and_suggest_adding_only_without_close_names():
    from site_builder.content.resolve import unknown_name_hint
    kb, _ = load_knowledge_base(REPO / "content")
    assert unknown_name_hint(kb, "countries", "EU") == \
        "'EU' is an actor ('European Union'), not a country: list it under actors:"
    assert "NATO" in unknown_name_hint(kb, "countries", "NATO") and "Peru" not in unknown_name_hint(kb, "countries", "EU")
    hint = unknown_name_hint(kb, "countries", "Bulgria")
    assert hint.startswith("did you mean 'Bulgaria'") and "entity add" not in hint  # a typo: not a new country
    assert "entity add countries" in unknown_name_hint(kb, "countries", "Wakanda")


def test_actor_and_election_countries_are_linked():
    kb, _ = load_knowledge_base(FIXTURE_SITE)
    assert kb.resolve("actors", "Babiš").country.name == "Czechia"
    election = kb.resolve("elections", "2025 Czech parliamentary election")
    assert election.country.code == "CZ"
    assert [d.label for d in election.dates] == ["", "second day"]


def test_suggestions_for_misspellings():
    kb, _ = load_knowledge_base(FIXTURE_SITE)
    assert kb.suggest("actors", "Andrej Babisch")[0] == "Andrej Babiš"


def write_entities(tmp_path: Path, kind: str, text: str) -> Path:
    (tmp_path / "entities").mkdir()
    (tmp_path / "entities" / f"{kind}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_conflicting_aliases_are_located(tmp_path):
    root = write_entities(tmp_path, "platforms", "- name: X\n  aliases: [Twitter]\n- name: Other\n  aliases: [twitter]\n")
    _, problems = load_knowledge_base(root)
    assert len(problems) == 1
    assert problems[0].line == 4 and "'twitter' already names 'X'" in problems[0].message


def test_duplicate_slug_and_bad_type_and_unknown_country(tmp_path):
    text = ("- name: A B\n  type: person\n- name: A-B\n  type: person\n- name: C\n  type: wizard\n"
            "- name: D\n  type: party\n  country: Atlantis\n")
    root = write_entities(tmp_path, "actors", text)
    _, problems = load_knowledge_base(root)
    messages = sorted((p.line, p.message) for p in problems)
    assert any(line == 3 and "slug 'a-b'" in m for line, m in messages)
    assert any(line == 6 and "must be one of" in m for line, m in messages)
    assert any(line == 9 and "unknown country 'Atlantis'" in m for line, m in messages)
