"""Who acts is not whom an operation addresses: governments that release a statement are not its
public, and investigators working for a country are not an accusation against it."""

from __future__ import annotations

from tests.ingest.extract.test_targets import _article


def test_governments_that_release_a_statement_are_not_its_public(kb, matcher):
    article = _article(kb, matcher, "Joint statement on a broadcaster's covert work",
                       "The statement was released by the governments of Canada and the United Kingdom on Friday.\n\n"
                       "It says the broadcaster planned unrest in Moldova around its presidential election, and "
                       "that Moldova's voters were shown forged polls.\n\n"
                       "Officials said they would share what they know with partners.")
    assert article.targets == ["Moldova"]


def test_investigators_working_for_a_country_do_not_accuse_it(kb, matcher):
    article = _article(kb, matcher, "Moldova's president blames hackers for stolen papers",
                       "The president of Moldova said on Tuesday that thousands of state documents had been stolen.\n\n"
                       "He said investigators working for Romania had traced the intrusion to a group linked to Russia.\n\n"
                       "Officials said the stolen papers included letters to foreign partners.")
    accused = {claim.actor for claim in article.attribution}
    assert "Romania" not in accused and "Russia" in accused
    assert article.targets == ["Moldova"]
