"""Roles in the content model: targets, responders, no_attribution and each claim's basis, date,
denial and origin, read, resolved and checked with the file, line, column and a fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, check_content, load_content
from site_builder.content.site import build_site
from site_builder.model import ROLES, Country

from conftest import TODAY

SOURCES = "sources: [{publisher: P, title: T, url: 'https://p.example/'}]\n"
CLAIM = "attribution:\n  - actor: the Kremlin\n    confidence: alleged\n    claimed_by: Example Research Lab\n    source: 1\n"


def write(content: Path, frontmatter: str, name: str = "roles.md") -> Path:
    path = content / "briefings" / name
    path.write_text("---\ntitle: Roles\ndate: 2025-09-01\nsummary: S\n" + frontmatter + "---\nOur words.\n",
                    encoding="utf-8")
    return path


def found(content: Path, severity: str = "error", name: str = "roles.md") -> list:
    return [p for p in check_content(BuildOptions(content=content, today=TODAY))
            if p.severity == severity and p.path.endswith(name)]


def loaded(content: Path, name: str = "roles.md"):
    result, problems = load_content(BuildOptions(content=content, today=TODAY))
    assert [p for p in problems if p.severity == "error"] == []
    return result, next(b for b in result.briefings if b.source.endswith(name))


def test_targets_responders_and_claim_fields_are_read_and_resolved(content: Path):
    write(content, "countries: [Czechia]\ntargets: [Czech Republic]\nresponders: [TikTok, Example Research Lab, Moldova]\n"
          + SOURCES + CLAIM + "    basis: The lab matched the accounts' posting times\n    date: 2025-08-30\n"
          "  - actor: Russian government\n    confidence: disputed\n    claimed_by: The Kremlin's spokesman\n"
          "    denial: true\n    source: 1\n")
    assert found(content) == []
    _, b = loaded(content)
    assert [c.name for c in b.targets] == ["Czechia"] and isinstance(b.targets[0], Country)
    assert [(e.kind, e.name) for e in b.responders] == [("platforms", "TikTok"), ("actors", "Example Research Lab"),
                                                         ("countries", "Moldova")]
    claim, denial = b.attribution
    assert claim.basis == claim.note == "The lab matched the accounts' posting times"
    assert claim.date == dt.date(2025, 8, 30) and b.claim_date(claim) == dt.date(2025, 8, 30)
    assert b.claim_date(denial) == b.date and denial.denial and not claim.denial
    assert claim.origin.name == "Russia" and b.accused == (claim,) and [c.name for c in b.origins] == ["Russia"]
    # Everyone with a role is among the briefing's entities, so each has a page that lists it.
    assert {"Czechia", "Moldova", "Russia"} <= {e.name for e in b.entities["countries"]}
    assert {"Russian government", "Example Research Lab"} <= {e.name for e in b.entities["actors"]}


def test_the_old_note_is_read_as_basis_but_not_beside_it(content: Path):
    write(content, "targets: [Czechia]\n" + SOURCES + CLAIM + "    note: Old wording\n")
    _, b = loaded(content)
    assert b.attribution[0].basis == "Old wording"
    write(content, "targets: [Czechia]\n" + SOURCES + CLAIM + "    basis: New wording\n    note: Old wording\n")
    [problem] = found(content)
    assert (problem.line, problem.column) == (13, 5) and "both 'basis' and 'note'" in problem.message
    assert "remove the 'note:' line" in problem.hint


def test_role_of_each_entity_and_the_site_split_by_role(content: Path):
    write(content, "countries: [Moldova, Russia]\nactors: [Stačilo!]\nelections: [2025 Moldovan parliamentary election]\n"
          "responders: [Telegram]\n" + SOURCES + CLAIM + "  - actor: Andrej Babiš\n    confidence: alleged\n"
          "    claimed_by: Babiš\n    denial: true\n    source: 1\n")
    result, b = loaded(content)
    kb = result.kb
    moldova, russia = kb.resolve("countries", "Moldova"), kb.resolve("countries", "Russia")
    kremlin, babis = kb.resolve("actors", "Russian government"), kb.resolve("actors", "Babiš")
    election = kb.resolve("elections", "2025 Moldovan parliamentary election")
    telegram, stacilo = kb.resolve("platforms", "Telegram"), kb.resolve("actors", "Stačilo!")
    assert [c.name for c in b.targets] == ["Moldova"]  # derived from the election: no 'targets:' given
    assert b.role_of(moldova) == b.role_of(election) == "target"
    assert b.role_of(kremlin) == b.role_of(russia) == "alleged origin"
    assert b.role_of(telegram) == "responder"
    assert b.role_of(stacilo) == b.role_of(babis) == "mentioned"  # a denial makes no one an origin
    site = build_site(result.config, kb, result.briefings, result.pages)
    assert list(site.roles_of(russia)) == list(ROLES)
    assert b in site.roles_of(russia)["alleged origin"] and b in site.roles_of(moldova)["target"]
    assert b in site.roles_of(telegram)["responder"] and b in site.roles_of(babis)["mentioned"]
    assert (b, b.attribution[0]) in site.claims_against(kremlin)["alleged"]
    assert (b, b.attribution[0]) in site.claims_against(russia)["alleged"]  # an origin country: its actors' claims
    assert list(site.claims_against(kremlin)) == ["confirmed", "likely", "alleged", "disputed"]
    assert all(claims == [] for claims in site.claims_against(babis).values())  # a denial accuses no one


def test_stated_targets_replace_those_of_the_elections(content: Path):
    write(content, "elections: [2025 Moldovan parliamentary election, 2025 Czech parliamentary election]\n"
          "targets: [Moldova]\n" + SOURCES + CLAIM)
    result, b = loaded(content)
    assert [c.name for c in b.targets] == ["Moldova"]
    czech = result.kb.resolve("elections", "2025 Czech parliamentary election")
    assert b.role_of(czech) == "mentioned"


@pytest.mark.parametrize("name, message, hint", [
    ("Russian government", "target 'Russian government' is not a known country",
     "targets are countries; 'Russian government' is an actor"),
    ("Moldovva", "target 'Moldovva' is not a known country", "did you mean 'Moldova'?"),
])
def test_a_target_must_be_a_country(content: Path, name: str, message: str, hint: str):
    write(content, f"countries: [Czechia]\ntargets: [Czechia, {name}]\n" + SOURCES + CLAIM)
    [problem] = found(content)
    assert (problem.line, problem.column) == (6, 20) and problem.message == message and hint in problem.hint


def test_an_unknown_responder_is_located_with_the_closest_names(content: Path):
    write(content, "targets: [Czechia]\nresponders:\n  - TikTok\n  - Telegramm\n" + SOURCES + CLAIM)
    [problem] = found(content)
    assert (problem.line, problem.column) == (8, 5) and problem.message == "unknown responder 'Telegramm'"
    assert "did you mean 'Telegram'?" in problem.hint and "platform, an actor or a country" in problem.hint


def test_a_published_briefing_needs_a_target_a_draft_does_not(content: Path):
    write(content, "countries: [Czechia, Russia]\n" + SOURCES + CLAIM)
    [problem] = found(content)
    assert (problem.line, problem.column) == (2, 1) and "names no target" in problem.message
    assert "targets: [" in problem.hint and "elections:" in problem.hint
    write(content, "targets: []\n" + SOURCES + CLAIM)
    [problem] = found(content)
    assert (problem.line, problem.column) == (5, 1) and "names no target" in problem.message
    write(content, "status: draft\ncountries: [Czechia]\n" + SOURCES)
    assert found(content) == [] and found(content, "warning") == []


def test_no_attribution_beside_claims_is_an_error(content: Path):
    write(content, "targets: [Czechia]\n" + SOURCES + CLAIM + "no_attribution: The platform named no one.\n")
    [problem] = found(content)
    assert (problem.line, problem.column) == (12, 1) and "'attribution' lists claims" in problem.message
    assert "remove the 'no_attribution:' line" in problem.hint


def test_neither_claims_nor_a_statement_is_a_warning(content: Path):
    write(content, "targets: [Czechia]\n" + SOURCES)
    assert found(content) == []
    [warning] = found(content, "warning")
    assert (warning.line, warning.column) == (2, 1)
    assert "neither lists attribution claims nor says that none was made" in warning.message
    assert "no_attribution:" in warning.hint and "attribution:" in warning.hint
    write(content, "targets: [Czechia]\n" + SOURCES + "no_attribution: The platform did not say who ran the accounts.\n")
    assert found(content) == [] and found(content, "warning") == []
    _, b = loaded(content)
    assert b.no_attribution == "The platform did not say who ran the accounts." and b.attribution == ()


@pytest.mark.parametrize("field, value, where, message, severity", [
    ("date", "2025-13-01", (12, 11), "'attribution[1].date' is not a real date", "error"),
    ("date", "2027-01-01", (12, 11), "'attribution[1].date' 2027-01-01 is in the future", "error"),
    ("date", "2025-09-10", (12, 11), "'attribution[1].date' 2025-09-10 is after the briefing's date 2025-09-01",
     "warning"),
    ("denial", "yes", (12, 13), "'attribution[1].denial' must be true or false", "error"),
    ("basis", "[a, b]", (12, 5), "'attribution[1].basis' must be text", "error"),
    ("notes", "x", (12, 5), "unknown field 'attribution[1].notes'", "error"),
])
def test_bad_claim_fields_are_located_with_a_fix(content: Path, field, value, where, message, severity):
    write(content, "targets: [Czechia]\n" + SOURCES + CLAIM + f"    {field}: {value}\n")
    [problem] = found(content, severity)
    assert (problem.line, problem.column) == where and message in problem.message and problem.hint


def test_unknown_claim_fields_list_the_new_ones(content: Path):
    write(content, "targets: [Czechia]\n" + SOURCES + CLAIM + "    basys: x\n")
    [problem] = found(content)
    assert "did you mean 'basis'?" in problem.hint
    assert all(name in problem.hint for name in ("basis", "date", "denial", "claimed_by"))


def test_the_shipped_briefings_state_their_roles(tmp_path: Path):
    from conftest import REPO
    result, problems = load_content(BuildOptions(content=REPO / "content", today=TODAY))
    assert [p for p in problems if p.severity == "error"] == []
    by_slug = {b.slug: b for b in result.briefings}
    targets = {slug: [c.name for c in b.targets] for slug, b in by_slug.items()}
    assert targets == {"eu-urgent-request-tiktok-romania-election-2024": ["Romania"],
                       "moldova-election-european-leaders-react-2025": ["Moldova"],
                       "moldova-votes-parliamentary-election-2025": ["Moldova"],
                       "tiktok-removes-accounts-czech-election-2025": ["Czechia"]}
    assert all("Russia" not in names for names in targets.values())
    czech = by_slug["tiktok-removes-accounts-czech-election-2025"]
    assert czech.attribution == () and "did not say who ran them" in czech.no_attribution
    assert "TikTok" in [e.name for e in czech.responders]
    romania = by_slug["eu-urgent-request-tiktok-romania-election-2024"]
    assert [e.name for e in romania.responders] == ["European Commission", "Constitutional Court of Romania"]
    for b in result.briefings:
        for claim in b.attribution:
            assert claim.basis.endswith(".") and claim.basis.count(". ") == 0, claim.basis  # one sentence
        assert not b.warnings
