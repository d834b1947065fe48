"""Target countries proposed from pages we wrote: a list of countries is one public, an
adjective before the origin noun still marks the origin, and a target that also turns up as
an accused state (a denial, a misread claim) is still ranked by how much the vote is about it."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.pipeline import ingest_bytes

TODAY = dt.date(2026, 6, 1)
FILLER = ("Observers said turnout was lower than at the last vote, and that queues were longest in the morning.\n\n"
          "Officials asked people who see a suspicious post to report it rather than share it.")


def _article(kb, matcher, title: str, body: str):
    text = f"{title}\n\nBy Ana Reis\n\n{body}\n\n{FILLER}\n"
    result = ingest_bytes(text.encode(), "targets.txt", kb, matcher, TODAY)
    assert result.error is None, result.error
    [article] = result.articles
    return article


def _targets(kb, matcher, title: str, body: str) -> list[str]:
    return _article(kb, matcher, title, body).targets


def test_countries_listed_together_are_all_targets(kb, matcher):
    targets = _targets(kb, matcher, "Fake news sites aimed at voters across West Africa",
                       "A network of fake news sites targeted voters in Ghana, Senegal and Togo ahead of their "
                       "elections, researchers said. The sites copied the look of local newspapers in Ghana.")
    assert targets[0] == "Ghana" and set(targets) == {"Ghana", "Senegal", "Togo"}


def test_the_origin_behind_an_adjective_is_not_the_target_even_when_the_target_is_misread_as_accused(kb, matcher):
    # "rejects" reads as Chile disputing a charge; "Russian special operation" is where it came from
    targets = _targets(kb, matcher, "Chilean leader rejects vote result, calls it a 'Russian special operation'",
                       "Chile's president said on Sunday that the election result was a Russian special operation "
                       "and would not be recognised.")
    assert targets == ["Chile"]


def test_where_the_accounts_are_is_the_origin_and_so_is_the_rest_of_its_list(kb, matcher):
    targets = _targets(kb, matcher, "Chile says accounts in Peru and Bolivia spread claims about the referendum",
                       "Chile's government said on Monday that accounts based in Peru and Bolivia had spread false "
                       "claims about the constitutional referendum.")
    assert targets == ["Chile"]


def test_where_someone_was_born_and_what_a_campaign_is_against_are_not_the_public(kb, matcher):
    targets = _targets(kb, matcher, "Peru-born publisher is first person named under foreign agents law",
                       "A publisher who was born in Peru has become the first person named under Chile's foreign "
                       "agents law, the interior ministry said. His sites ran anti-Peru and anti-Bolivia posts.")
    assert targets == ["Chile"]


def test_the_countries_an_operation_targeted_outweigh_the_government_announcing_it(kb, matcher):
    targets = _targets(kb, matcher, "Statement on a covert campaign in South America",
                       "The government of Canada is publishing what it knows about a covert campaign that spreads "
                       "fabricated stories through local outlets. Among the countries targeted are Peru, Chile and "
                       "Bolivia. Canada is sharing this so that newsrooms there can respond.")
    assert set(targets) == {"Peru", "Chile", "Bolivia"}


def test_a_list_of_other_countries_the_network_also_posted_about_does_not_join_a_dominant_target(kb, matcher):
    targets = _targets(kb, matcher, "Fake pages fought over Chile's presidential election",
                       "Two networks of fake pages attacked each other over Chile's presidential election, the "
                       "company said. The pages of one of them posted about Chile, Peru, Bolivia and Ecuador. Chilean voters go to the polls on Sunday, and the "
                       "electoral service in Chile has asked people to report the pages.")
    assert targets == ["Chile"]


def test_the_country_of_the_researchers_who_found_it_is_not_the_public(kb, matcher):
    targets = _targets(kb, matcher, "US researchers trace fake candidate video to a foreign network",
                       "The US group Open Signals said a fake video about a Chilean presidential candidate was spread "
                       "by a foreign network.")
    assert targets == ["Chile"]
