"""Accusations in the shapes reporters write them, on sentences we wrote: a reported clause
whose subject is a noun phrase and whose verb is a plain past tense, a warning about an effort
to disrupt a vote, a present-tense "traces ... to", links with an adjective, people
"associated with" a state's army, operations named by two joined origins or by an
intelligence service's adjective, and an accusation made in the standfirst."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.extract.findings import extract

TODAY = dt.date(2026, 6, 1)


def _accused(kb, matcher, body: str, title: str = "Voters in Estonia face a wave of fake posts",
             standfirst: str = "", publisher: str = "") -> dict:
    raw = RawArticle("claims.txt", [Block(p) for p in body.split("\n\n")], title=title, standfirst=standfirst,
                     publisher=publisher, published=dt.date(2026, 3, 2))
    return {c.actor: c for c in extract(raw, kb, matcher, TODAY).attribution}


def test_a_reported_subject_behind_a_noun_phrase_with_a_plain_past_verb(kb, matcher):
    claims = _accused(kb, matcher, "Estonian officials said two Belarusian advertising firms set up dozens of websites "
                                   "posing as local newspapers before the municipal vote.")
    assert "Belarus" in claims and claims["Belarus"].claimed_by.startswith("Estonia")


def test_a_conclusion_in_the_ing_form_names_its_subject(kb, matcher):
    claims = _accused(kb, matcher, "The agency published a report on Monday concluding that Belarus authorised "
                                   "influence operations against Estonian voters.")
    assert "Belarus" in claims


def test_a_warning_of_an_effort_to_disrupt_the_vote(kb, matcher):
    claims = _accused(kb, matcher, "Before the count, the minister had warned that Belarus was mounting a costly effort "
                                   "to disrupt the vote.")
    assert "Belarus" in claims


def test_traces_in_the_present_and_links_with_an_adjective(kb, matcher):
    claims = _accused(kb, matcher, "The study traces the pages to Levan Gelashvili. A courier with alleged links to "
                                   "Belarusian intelligence delivered the cash.")
    assert {"Levan Gelashvili", "Belarus"} <= set(claims)


def test_people_associated_with_an_army_and_two_joined_origins(kb, matcher):
    claims = _accused(kb, matcher, "The company removed two networks, one run from Tallinn and one by people "
                                   "associated with the Belarusian army.",
                      title="Facebook removes Georgian and Belarusian troll networks aimed at Estonian voters")
    assert {"Georgia", "Belarus"} <= set(claims)


def test_an_intelligence_operation_named_by_its_origin(kb, matcher):
    claims = _accused(kb, matcher, "The service is looking into reports that a Belarusian intelligence operation "
                                   "tried to recruit a local councillor.")
    assert "Belarus" in claims


def test_an_accusation_in_the_standfirst_counts(kb, matcher):
    claims = _accused(kb, matcher, "The emails reached voters in four towns. Officials asked people to report them.",
                      standfirst="The security service said on Monday that Belarus was behind a wave of "
                                 "threatening emails sent to Estonian voters.")
    assert "Belarus" in claims


def test_a_new_name_accused_by_its_acronym(kb, matcher):
    claims = _accused(kb, matcher, "The report looks at how the Northern Unity Movement (NUM) courts young voters in "
                                   "Estonia.\n\nThe NUM's disinformation reached about a million accounts last year.")
    assert "NUM" in claims


def test_states_identified_as_the_sponsors(kb, matcher):
    claims = _accused(kb, matcher, "Most of the campaigns came from abroad. Belarus, Georgia and Latvia were also "
                                   "identified as sponsors, the researchers said.")
    assert {"Belarus", "Georgia", "Latvia"} <= set(claims)
