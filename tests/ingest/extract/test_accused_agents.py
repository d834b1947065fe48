"""Accused read from the one who did it and from the state organ named, on sentences we wrote: the agent of a
hack in either voice, a suggested person found again by surname, a foreign state's organ standing for its state,
and a government or military working on its own public kept as that organ, not dropped as the target."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.extract.findings import extract

TODAY = dt.date(2026, 6, 1)


def _article(kb, matcher, body: str, title: str):
    raw = RawArticle("agents.txt", [Block(p) for p in body.split("\n\n")], title=title, published=dt.date(2026, 3, 2))
    return extract(raw, kb, matcher, TODAY)


def test_the_agent_of_a_hack_in_the_active_and_the_passive_voice(kb, matcher):
    active = _article(kb, matcher, "Belarusian intelligence hacked the phone of a leading Chilean candidate weeks "
                                   "before the election, a newspaper in Santiago reported.",
                      title="Chilean candidate's phone hacked weeks before vote")
    passive = _article(kb, matcher, "The phone of a leading Chilean candidate was hacked by Belarus weeks before the "
                                    "election, a newspaper in Santiago reported.",
                       title="Chilean candidate's phone hacked weeks before vote")
    assert active.targets == passive.targets == ["Chile"]
    assert [c.actor for c in active.attribution] == ["Belarus"]
    assert [c.actor for c in passive.attribution] == ["Belarus"]


def test_a_suggested_person_is_found_again_by_surname(kb, matcher):
    article = _article(kb, matcher, "The businessman Anatol Kirsanov, who owns a chain of bakeries, opened a media "
                                    "company last year.\n\nThe company removed pages that it linked to people "
                                    "associated with Kirsanov and that posted to voters in Chile.",
                       title="Pages aimed at Chilean voters removed")
    assert "Anatol Kirsanov" in [c.actor for c in article.attribution]


def test_a_government_working_on_its_own_public_is_kept_as_that_government(kb, matcher):
    article = _article(kb, matcher, "The company said it had removed pages that praised the president of Peru, and "
                                    "that the network was linked to staff who ran social media for the government of "
                                    "Peru. The pages targeted voters in Peru before the regional elections.",
                       title="Pages linked to Peru's government removed")
    assert article.targets == ["Peru"]
    assert "government of Peru" in [c.actor for c in article.attribution]


def test_the_military_alone_is_the_article_s_own_state_and_a_foreign_organ_its_state(kb, matcher):
    article = _article(kb, matcher, "The company removed dozens of pages linked to the military, which had spread "
                                    "hatred before the vote in Peru. Peru's election body had warned voters about "
                                    "the pages.\n\nSome of the pages were run by Belarus's intelligence service, "
                                    "the company said.",
                       title="Military-linked pages removed before vote in Peru")
    actors = [c.actor for c in article.attribution]
    assert "military of Peru" in actors and "Belarus" in actors


def test_an_organisation_named_beside_its_description_is_the_accused(kb, matcher):
    after = _article(kb, matcher, "The platform said it had removed accounts that it tied to Quorvane, a small "
                                  "advertising and polling company in the capital, ahead of the vote in Peru.",
                     title="Accounts aimed at Peruvian voters removed")
    before = _article(kb, matcher, "The pages were run by a Belarusian marketing consultancy, the Halden Partners "
                                   "Group, which had posed as local outlets before the vote in Peru.",
                      title="Pages aimed at Peruvian voters removed")
    assert "Quorvane" in [c.actor for c in after.attribution]
    assert "Halden Partners Group" in [c.actor for c in before.attribution]
    assert before.targets == ["Peru"]  # the consultancy's country is where it came from, not the public


def test_a_group_that_names_itself_and_claims_the_attack(kb, matcher):
    article = _article(kb, matcher, "A hacker group calling itself Red Lantern claimed responsibility for the attack "
                                    "on the election commission's website in Peru.",
                       title="Peru election commission website attacked")
    assert "Red Lantern" in [c.actor for c in article.attribution]


def test_a_country_a_fake_post_blames_is_smeared_not_accused(kb, matcher):
    article = _article(kb, matcher, "Soon after, an account posing as a soldier posted a message blaming Chile for "
                                    "the fire, and a video that falsely accused Peru of hiding the bodies. Officials "
                                    "said the account belonged to a network linked to Belarus.",
                       title="Fake soldier account blamed a neighbour for the fire")
    actors = [c.actor for c in article.attribution]
    assert "Belarus" in actors and "Chile" not in actors and "Peru" not in actors


def test_an_organ_named_alone_is_the_one_last_named_with_its_state(kb, matcher):
    article = _article(kb, matcher, "Peru's ruling junta brought in foreign trainers last year.\n\nThe junta denies "
                                    "that the pages were its own, and the company said they were linked to Belarus.",
                       title="Pages praising foreign trainers removed before the vote in Chile")
    claims = {c.actor: c for c in article.attribution}
    assert claims["Peru"].claimed_by == "junta of Peru" and claims["Peru"].confidence == "disputed"


def test_the_one_who_denies_is_the_subject_before_an_aside_not_a_country_inside_it(kb, matcher):
    article = _article(kb, matcher, "Minsk, which ran only three polling stations for Peruvians living there, "
                                    "rejected the accusations of bussing voters before the election in Peru.",
                       title="Peru says voters were bussed to polling stations abroad")
    claims = {c.actor: c for c in article.attribution}
    assert article.targets == ["Peru"] and claims["Belarus"].confidence == "disputed"
