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
