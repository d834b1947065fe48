"""Attribution claims and target countries proposed from sentences we wrote (one test per mechanism)."""

from __future__ import annotations

import datetime as dt

import frontmatter

from site_builder.ingest.draft.briefing import render_draft
from site_builder.ingest.pipeline import ingest_bytes

TODAY = dt.date(2026, 6, 1)
FILLER = ("Turnout in the capital was expected to be lower than four years ago, when a cold snap kept many older "
          "people at home. Polling stations will open at nine in the morning and close at eight in the evening.\n\n"
          "Election officials asked people who see a suspicious post to report it rather than share it, and said "
          "they would publish a summary of the reports once the count is over.")


def _article(kb, matcher, body: str, title: str = "Estonian voters face a wave of fake posts"):
    text = f"{title}\n\nBy Mari Tamm\n\n{body}\n\n{FILLER}\n"
    result = ingest_bytes(text.encode(), "roles.txt", kb, matcher, TODAY)
    assert result.error is None, result.error
    [article] = result.articles
    return article


def _accused(article) -> dict:
    return {c.actor: c for c in article.attribution}


def test_passive_charges_and_joined_names_are_all_accused(kb, matcher):
    article = _article(kb, matcher, "Prosecutors in Tallinn said on Tuesday that two men were working for a bot farm. "
                       "Aivar Kask and Peeter Lind were charged with running hundreds of fake accounts before the "
                       "Estonian municipal elections, the Estonian Internal Security Service said.")
    claims = _accused(article)
    assert {"Aivar Kask", "Peeter Lind"} <= set(claims)
    assert claims["Aivar Kask"].cue == "were charged"


def test_operation_named_by_its_origin_accuses_that_state(kb, matcher):
    article = _article(kb, matcher, "Estonia's Internal Security Service said the accounts were part of a Russian "
                       "influence operation aimed at Estonian voters before the municipal elections.")
    claims = _accused(article)
    assert "Russia" in claims and claims["Russia"].cue.startswith("Russian influence operation")
    assert claims["Russia"].claimed_by == "Estonian Internal Security Service"


def test_capital_and_state_actor_are_named_as_the_country_and_drafted_as_the_known_actor(kb, matcher):
    article = _article(kb, matcher, "Officials in Tallinn said the Kremlin was behind the fake posts aimed at Estonian "
                       "voters before the municipal elections. Moscow has denied any role.")
    claims = _accused(article)
    assert "Russia" in claims and "Russian government" not in claims
    assert claims["Russia"].entity == "Russian government"
    meta = frontmatter.loads(render_draft(article, TODAY)).metadata
    assert meta["attribution"][0]["actor"] == "Russian government"  # the knowledge base's actor, so check accepts it


def test_reported_accusation_names_the_subject_of_what_was_said(kb, matcher):
    article = _article(kb, matcher, "Estonia's Internal Security Service said Belarus had paid bloggers to spread "
                       "disinformation among Estonian voters. A spokesperson said Tallinn was watching the vote closely.")
    claims = _accused(article)
    assert "Belarus" in claims and claims["Belarus"].confidence == "alleged"
    assert "Estonia" not in claims  # watching a vote is no operation
    article = _article(kb, matcher, "Analysts said the posts were linked to “Riga Nights”, a fan page, not to a state.")
    assert "Latvia" not in _accused(article)  # a capital opening a longer name is no state


def test_cues_for_traced_links_and_hallmarks(kb, matcher):
    article = _article(kb, matcher, "Analysts at Digital Forensic Watch said the money trail leads back to Levan "
                       "Gelashvili. The channel has links to the Kremlin, and the videos carried the hallmarks of "
                       "Storm-2207, a contractor, the Estonian Internal Security Service said.")
    claims = _accused(article)
    assert {"Levan Gelashvili", "Russia", "Storm-2207"} <= set(claims)
    assert claims["Levan Gelashvili"].claimed_by == "Digital Forensic Watch"


def test_a_state_or_province_is_a_mention_of_its_country_and_a_target_cue(kb, matcher):
    article = _article(kb, matcher, "Officials in Pennsylvania said a clip of torn mail-in ballots was staged, and "
                       "county clerks in Ohio asked voters to ignore it. Jimmy Wales and Texas Instruments were not "
                       "involved.", title="Staged ballot clip spreads before the vote")
    assert "United States" in article.names("countries")
    assert "United Kingdom" not in article.names("countries")  # "Jimmy Wales" is a person, not the nation
    assert article.targets == ["United States"]


def test_the_accused_state_and_a_diaspora_are_not_the_targeted_public(kb, matcher):
    article = _article(kb, matcher, "Russian hackers posted a fake video of Haitian immigrants voting twice in "
                       "Georgia, US officials said. Russia has denied the claim, and Russia's embassy called it "
                       "Russophobia. Russia, Russia and Russia again.", title="Russia made a fake video of voting in Georgia")
    assert "Russia" in {c.actor for c in article.attribution}
    assert article.targets == ["United States"]


def test_lower_case_public_bodies_and_acting_platforms_are_suggested_as_actors(kb, matcher):
    article = _article(kb, matcher, "Latvia's foreign ministry summoned the envoy, and Tartu police opened a case. "
                       "The Kallas campaign said the posts were fake, according to the central electoral bureau. "
                       "Telegram removed 40 channels on Friday. A Western European government stayed silent, and the "
                       "Telegram campaign went on.")
    names = {s.name: s for s in article.suggestions}
    assert names["Latvian foreign ministry"].country == "Latvia"  # one body, one name: the demonym
    assert names["Latvian foreign ministry"].type == "agency"
    assert {"Tartu police", "Kallas campaign", "central electoral bureau", "Telegram"} <= set(names)
    assert names["Telegram"].type == "company"  # a platform acting is an actor
    assert "Western European government" not in names and "Telegram campaign" not in names
    article = _article(kb, matcher, "Estonian services said the Baltnet services were not affected.")
    names = {s.name for s in article.suggestions}
    assert "Estonian services" in names and "Baltnet services" not in names


def test_names_behind_possessives_titles_with_of_and_brand_spellings_are_suggested(kb, matcher):
    article = _article(kb, matcher, "Officials said the money went through Latvia's Baltbankas, a lender under "
                       "sanctions, and that Mayor Ozols's Vienoti won the vote in Riga. The Minister of Foreign Affairs "
                       "Karin Ilves met the Office of the Director of Electoral Integrity and the Anti-Fraud Prosecutor's "
                       "Office. Separately, DeepTrackAI said a unit that calls itself \"Team Marlin\" ran the accounts, "
                       "and the late President Meri appeared in one clip.")
    names = {s.name for s in article.suggestions}
    assert {"Baltbankas", "Vienoti", "Karin Ilves", "Office of the Director of Electoral Integrity",
            "Anti-Fraud Prosecutor's Office", "DeepTrackAI", "Team Marlin", "Meri"} <= names


def test_a_candidates_campaign_is_no_operation_and_a_weekday_ends_a_name(kb, matcher):
    article = _article(kb, matcher, "Mart Vaher's campaign said Russian trolls had flooded its pages, and the Regional "
                       "Election Bureau on Sunday asked platforms to act.")
    assert set(_accused(article)) == {"Russia"}  # Mart Vaher's campaign is a candidate's campaign, not an operation
    assert "Regional Election Bureau" in {s.name for s in article.suggestions}


def test_a_body_with_a_possessive_a_capital_and_an_abbreviated_title_are_read_as_written(kb, matcher):
    article = _article(kb, matcher, "Hours later the Anti-Fraud Prosecutor's Office said a Riga-based firm had paid "
                       "for the posts, which Minnesota Gov. Mart Saar called a disgrace.")
    names = {s.name for s in article.suggestions}
    assert "Anti-Fraud Prosecutor's Office" in names and "Mart Saar" in names
    assert not {"Riga", "Minnesota Gov"} & names


def test_an_actor_found_only_by_its_acronym_needs_its_country_in_the_article(kb, matcher):
    body = "Latvian investigators said the KAPO group of hackers had posted the clips before the Latvian vote."
    article = _article(kb, matcher, body, title="Latvian voters see fake clips")
    assert "Estonian Internal Security Service" not in article.names("actors")  # other letters, other body
    assert "KAPO" in {s.name for s in article.suggestions}  # suggested as a name of its own
    article = _article(kb, matcher, body + " Estonia offered help.", title="Latvian voters see fake clips")
    assert "Estonian Internal Security Service" in article.names("actors")


def test_the_site_knowledge_base_knows_the_messaging_apps_of_asian_and_diaspora_audiences():
    from site_builder.content.entities import load_knowledge_base
    from site_builder.ingest.extract.match import Matcher
    from tests.ingest.conftest import REAL_CONTENT

    kb, problems = load_knowledge_base(REAL_CONTENT)
    assert problems == []
    found = {h.entity.name for h in Matcher.build(kb).find(
        "The rumour spread on WeChat and LINE, then on Weibo and KakaoTalk; a line of people read it.", ("platforms",))}
    assert found == {"WeChat", "LINE", "Weibo", "KakaoTalk"}


def test_the_dateline_counts_towards_the_target(kb, matcher):
    body = ("RIGA — Fake posts about the vote spread in Estonia and in Latvia this week, officials in both countries "
            "said, and both asked platforms to act.")
    article = _article(kb, matcher, body, title="Fake posts before the vote")
    assert article.dateline.lower() == "riga" and article.targets == ["Latvia"]
    article = _article(kb, matcher, body.replace("RIGA —", "TALLINN —"), title="Fake posts before the vote")
    assert article.targets == ["Estonia"]
