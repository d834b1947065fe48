"""Who claims an attribution and how firmly, on sentences we wrote: the act the sentence reports (a takedown is
a finding, a police case a charge, an assessment stays likely), the claimant as the sentence names it (a
platform, a country's body, a passive's agent, a report's "we"), and a claimant carried to the claims that
name none."""

from __future__ import annotations

import pytest

from tests.ingest.extract.test_claim_shapes import _accused as _claims


def test_a_platform_takedown_is_a_confirmed_finding_claimed_by_the_platform(kb, matcher):
    claims = _claims(kb, matcher, "Facebook said on Monday it had removed 60 accounts aimed at Estonian voters that "
                                  "were run by people linked to Russia.")
    assert claims["Russia"].confidence == "confirmed"
    assert claims["Russia"].claimed_by == "Facebook"


def test_the_same_link_in_a_police_case_is_alleged_and_an_assessment_stays_likely(kb, matcher):
    police = _claims(kb, matcher, "Estonian police said a network run by people linked to Russia had paid voters "
                                  "in Narva before the municipal elections.")
    assert police["Russia"].confidence == "alleged"
    assert police["Russia"].claimed_by == "Estonian police"
    assessed = _claims(kb, matcher, "Facebook removed the pages and assessed that they were probably linked to "
                                    "Russia, though it could not say who paid for them.")
    assert assessed["Russia"].confidence == "likely"


@pytest.mark.parametrize("body, title, claimant", [
    # a country followed by its body is that body, in the demonym
    ("Estonia's government said on Tuesday that Russia had spread fake posts about the count.",
     "Fake posts flood Estonian feeds", "Estonian government"),
    # a later sentence names the headline's country more exactly
    ("Estonian election officials said on Monday that Russia had spread fake posts about polling stations.",
     "Estonia says Russia meddled in the vote", "Estonian election officials"),
    # the agent of a passive attribution
    ("The wave of fake posts was attributed to Russia by Digital Forensic Watch in a report on Tuesday.",
     "Fake posts flood Estonian feeds", "Digital Forensic Watch"),
])
def test_the_claimant_as_the_sentences_name_it(kb, matcher, body, title, claimant):
    assert _claims(kb, matcher, body, title=title)["Russia"].claimed_by == claimant


def test_a_report_in_its_own_voice_is_claimed_by_its_publisher(kb, matcher):
    claims = _claims(kb, matcher, "We assess that the network of fake news sites is linked to Russia.",
                     publisher="Baltic Threat Lab")
    assert claims["Russia"].claimed_by == "Baltic Threat Lab"
    assert _claims(kb, matcher, "The network of fake news sites is linked to Russia.",
                   publisher="Baltic Threat Lab")["Russia"].claimed_by == ""


def test_a_claim_without_a_claimant_takes_the_article_s_first_one(kb, matcher):
    claims = _claims(kb, matcher, "Digital Forensic Watch said Russia had run the fake news sites.\n\nA second "
                                  "network of accounts was tied to China.")
    assert claims["China"].claimed_by == "Digital Forensic Watch"


@pytest.mark.parametrize("body", [
    "Digital Forensic Watch said the network of fake news sites was run from Russia.",
    "Digital Forensic Watch said the fake news sites were set up at the direction of Russia.",
    "Digital Forensic Watch said the wave of fake posts was an attempt by Russia to sway the count.",
    "Digital Forensic Watch said the protests outside polling stations were instigated by Russia.",
    "Digital Forensic Watch said the network spread fake posts on Russia's behalf.",
])
def test_accusations_told_by_where_an_operation_is_run_from_and_at_whose_order(kb, matcher, body):
    claims = _claims(kb, matcher, body)
    assert "Russia" in claims and claims["Russia"].claimed_by == "Digital Forensic Watch"


def test_an_assessment_reported_in_a_report_s_own_voice_is_likely(kb, matcher):
    claims = _claims(kb, matcher, "We assess that Russia carried out a covert campaign to sway Estonian voters.",
                     publisher="Baltic Threat Lab")
    assert claims["Russia"].confidence == "likely"
    assert claims["Russia"].claimed_by == "Baltic Threat Lab"


def test_on_someones_behalf_accuses_only_the_name_the_possessive_ends(kb, matcher):
    claims = _claims(kb, matcher, "Digital Forensic Watch said posts from Russia were spread on the mayor's behalf.")
    assert "Russia" not in claims


def test_a_group_claiming_responsibility_is_its_own_claimant(kb, matcher):
    claims = _claims(kb, matcher, "Officials said a group of hackers, Baltic Wolves, claimed responsibility for the "
                                  "attack on the count's website.")
    assert "Baltic Wolves" in claims and claims["Baltic Wolves"].claimed_by == "Baltic Wolves"
