"""The briefing page and briefings.json with roles: the fact box above the text, read with BeautifulSoup."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURE_SITE, REPO, build_into


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def words(tag) -> str:
    return " ".join(tag.get_text().split())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture site with roles: a claim with a basis, responders and a denial; a page for the methodology."""
    root = tmp_path_factory.mktemp("roles-site")
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    path = content / "briefings" / "czech-accounts.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("tags: [takedown, coordinated inauthentic behaviour]\n",
                        "tags: [takedown, coordinated inauthentic behaviour]\nresponders: [TikTok]\n")
    text = text.replace("    claimed_by: Example Research Lab\n",
                        "    claimed_by: Example Research Lab\n    basis: The lab matched the accounts' posting times\n"
                        "  - actor: the Kremlin\n    confidence: alleged\n    claimed_by: A Kremlin spokesman\n"
                        "    basis: He called the report a fabrication.\n    denial: true\n    source: 1\n")
    path.write_text(text, encoding="utf-8")
    older = content / "briefings" / "older-x.md"
    older.write_text(older.read_text(encoding="utf-8").replace("date: 2025-06-01\n", "date: 2025-06-01\nupdated: 2025-06-03\n"),
                     encoding="utf-8")
    (content / "pages" / "methodology.md").write_text(
        "---\ntitle: Methodology\n---\n## Alleged\n\nA claim without public evidence.\n", encoding="utf-8")
    return build_into(content, root / "public")


def test_the_fact_box_comes_before_the_text_in_its_order(site: Path):
    page = soup(site / "briefings" / "czech-accounts" / "index.html")
    article = page.select_one("article.briefing")
    box = article.select_one("aside.factbox")
    prose = article.select_one(".prose")
    order = [el for el in article.descendants if el is box or el is prose]
    assert order == [box, prose], "the fact box is above the text"
    assert [words(dt) for dt in box.select("dl.factbox-list > div > dt")] == [
        "Target", "Alleged origin", "Denied", "Responders"]
    target = box.select_one(".fact-target dd")
    assert [a.get_text() for a in target.select("a")] == ["Czechia", "2025 Czech parliamentary election"]
    assert [a.get_text() for a in box.select(".fact-responders a")] == ["TikTok"]


def test_the_alleged_origin_shows_its_confidence_on_the_four_step_scale(site: Path):
    page = soup(site / "briefings" / "czech-accounts" / "index.html")
    origin = page.select_one(".fact-origin")
    assert [a.get_text() for a in origin.select(".origin-line .claim-actor a, .origin-line .claim-origin a")] == [
        "Russian government", "Russia"]
    scale = origin.select_one(".origin-line .scale")
    assert scale.name == "a" and scale["href"] == "/methodology/#alleged"
    steps = scale.select(".scale-steps .scale-step")
    assert len(steps) == 4 and [("scale-on" in s["class"]) for s in steps] == [True, True, False, False]
    assert scale.select_one(".scale-steps")["aria-hidden"] == "true"
    assert words(scale) == "Alleged, confidence 2 of 4"  # the word, and for screen readers the step
    # The methodology page has the anchor the scale links to.
    assert soup(site / "methodology" / "index.html").find(id="alleged")


def test_claimant_and_basis_are_separate_sentences(site: Path):
    claim = soup(site / "briefings" / "czech-accounts" / "index.html").select_one(".fact-origin .claim")
    by, basis = claim.select_one(".claim-by"), claim.select_one(".claim-basis")
    assert words(by).startswith("Claimed by Example Research Lab. [source 1]")
    assert words(basis) == "Basis: The lab matched the accounts' posting times."
    assert by.find_next_sibling("p") is basis


def test_a_denial_is_shown_as_a_denial_and_accuses_no_one(site: Path):
    page = soup(site / "briefings" / "czech-accounts" / "index.html")
    denial = page.select_one(".fact-denial .claim-denial")
    assert words(denial).startswith("Denial: Russian government rejects the accusation. Denied by A Kremlin spokesman.")
    assert "He called the report a fabrication." in words(denial)
    assert len(page.select(".fact-origin .origin-line")) == 1  # the denial adds no origin


def test_everyone_else_is_under_also_mentioned_collapsed(site: Path):
    page = soup(site / "briefings" / "czech-accounts" / "index.html")
    details = page.select_one("aside.factbox details.also-mentioned")
    assert details is not None and not details.has_attr("open")
    assert words(details.summary).startswith("Also mentioned")
    mentioned = [a.get_text() for a in details.select("a.chip")]
    assert "Andrej Babiš" in mentioned and "Stačilo!" in mentioned and "takedown" in mentioned
    for shown in ("Czechia", "Russian government", "TikTok", "2025 Czech parliamentary election"):
        assert shown not in mentioned
    assert not page.select("article dl.chips:not(details dl)"), "no chips outside the collapsed list"


def test_no_attribution_claimed_and_why(site: Path):
    page = soup(site / "briefings" / "older-x" / "index.html")
    statement = page.select_one(".fact-origin .no-attribution")
    assert words(statement) == "No attribution claimed. The posts' source does not say who wrote them."
    assert not page.select(".fact-origin .scale")


def test_sources_near_the_top_reading_time_cite_block_and_heading_anchors(site: Path):
    page = soup(site / "briefings" / "czech-accounts" / "index.html")
    meta = page.select_one(".briefing-header .meta")
    assert meta.select_one("a.source-count")["href"] == "#sources-h" and words(meta.select_one("a.source-count")) == \
        "Based on 1 source"
    assert page.find(id="sources-h") and "min read" in words(meta)
    cite = page.select_one("section.cite-block")
    text = words(cite.select_one("#citation-text"))
    assert text.startswith("Fixture Watch, “Accounts removed before the Czech vote”, 2 October 2025") or \
        "“Accounts removed before the Czech vote”" in text
    assert text.endswith("https://fixture.example.org/briefings/czech-accounts/")
    button = cite.select_one("button.copy-button")
    assert button.has_attr("hidden") and button["data-copy"] == "citation-text"  # shown by the script only
    assert not page.find("script", src=False, type=lambda t: t != "application/ld+json")  # no inline script
    assert any("/assets/js/copy." in s["src"] for s in page.find_all("script", src=True))
    for heading in page.select(".prose h2, .prose h3"):
        anchor = heading.select_one("a.heading-anchor")
        assert heading.get("id") and anchor["href"] == "#" + heading["id"]


def test_the_updated_date_is_shown_when_there_is_one(site: Path):
    page = soup(site / "briefings" / "older-x" / "index.html")
    assert words(page.select_one(".briefing-header .updated")) == "Updated 3 June 2025"
    assert "(updated 3 June 2025)" in words(page.select_one("#citation-text"))
    assert not soup(site / "briefings" / "czech-accounts" / "index.html").select(".briefing-header .updated")


def test_briefings_json_carries_the_roles(site: Path):
    data = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    assert data["version"] == 2
    by_slug = {b["slug"]: b for b in data["briefings"]}
    czech = by_slug["czech-accounts"]
    assert czech["targets"] == ["Czechia"] and czech["responders"] == ["TikTok"] and czech["attribution_statement"] is None
    claim, denial = czech["attribution"]
    assert claim == {"actor": "Russian government", "origin": "Russia", "claimed_by": "Example Research Lab",
                     "confidence": "alleged", "basis": "The lab matched the accounts' posting times",
                     "note": "The lab matched the accounts' posting times", "source": 1, "locator": None,
                     "date": "2025-10-02", "denial": False}
    assert denial["denial"] is True and denial["claimed_by"] == "A Kremlin spokesman"
    older = by_slug["older-x"]
    assert older["attribution"] == [] and older["attribution_statement"] == "The posts' source does not say who wrote them."
    assert older["targets"] == ["Czechia"] and older["responders"] == []
    for b in data["briefings"]:  # the keys of version 1 are all still there
        assert {"slug", "url", "title", "date", "updated", "status", "summary", "countries", "platforms", "actors",
                "elections", "tags", "attribution", "events", "sources"} <= set(b)


@pytest.mark.slow  # builds the shipped content, with its search index
def test_the_shipped_czech_briefing_says_why_no_attribution_is_claimed(tmp_path: Path):
    out = build_into(REPO / "content", tmp_path / "public")
    page = soup(out / "briefings" / "tiktok-removes-accounts-czech-election-2025" / "index.html")
    statement = words(page.select_one(".fact-origin .no-attribution"))
    assert statement.startswith("No attribution claimed. Online Risk Labs, which flagged the accounts, did not say who ran them")
    romania = soup(out / "briefings" / "eu-urgent-request-tiktok-romania-election-2024" / "index.html")
    assert words(romania.select_one(".fact-target dd")).startswith("Romania")
    assert [a.get_text() for a in romania.select(".fact-responders a")] == [
        "European Commission", "Constitutional Court of Romania"]
    assert romania.select_one(".fact-origin .scale-alleged")["href"] == "/methodology/#alleged"
    assert len(romania.select("details.also-mentioned a.chip")) > 10
