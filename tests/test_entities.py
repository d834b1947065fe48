from pathlib import Path

from site_builder.entities import load_knowledge_base
from conftest import FIXTURE_SITE


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
