"""Target countries from the shapes of a vote and a public, on pages we wrote: a parliament named by its own
name is its country's elected body (a mention of the country and the vote the article is about), the usual
shapes of a public make a target over the origin, and the seat of a court or a meeting is no public."""

from __future__ import annotations

import pytest

from site_builder.ingest.extract.parliaments import parliaments
from tests.ingest.extract.test_match import found
from tests.ingest.extract.test_targets import _article, _targets


def test_a_parliament_alone_is_a_mention_of_its_country(matcher):
    assert [n for _, n, _ in found(matcher, "Hackers got into the Storting's e-mail system.", "countries")] == ["Norway"]
    assert [n for _, n, _ in found(matcher, "A bill before the Sejm was withdrawn.", "countries")] == ["Poland"]


def test_every_parliament_names_a_country_the_matcher_knows(matcher):
    for name in parliaments():
        assert found(matcher, f"A vote in the {name} was called off.", "countries"), name


def test_the_bundestag_makes_germany_the_target_without_naming_it(kb, matcher):
    article = _article(kb, matcher, "Fake posts flood feeds before the Bundestag vote",
                       "Hundreds of accounts posing as nurses spread claims that the Bundestag vote would be "
                       "postponed, researchers at a Russian-language monitoring group said.")
    assert article.targets == ["Germany"]
    assert "Germany" in article.names("countries")


@pytest.mark.parametrize("sentence", [
    "A network of fake accounts worked on voters in Latvia, researchers said.",
    "A network of fake accounts worked on Latvia's electorate, researchers said.",
    "A network of fake accounts worked on Latvian voters, researchers said.",
    "A network of fake accounts posted about the Latvian election, researchers said.",
    "A network of fake accounts posted about the Saeima, researchers said.",
])
def test_the_public_shapes_make_a_target_over_the_origin(kb, matcher, sentence):
    targets = _targets(kb, matcher, "Fake accounts traced to a firm in Russia", sentence + " The firm is based in Russia "
                       "and sells likes to Russian clients.")
    assert targets == ["Latvia"]


@pytest.mark.parametrize("title, venue", [
    ("Prime minister's Facebook page goes to a court in the United States", "asked a federal court in the United States"),
    ("Opposition aide charged in the United States over Facebook records", "was charged in the United States"),
    ("Opposition leader tells a conference in the United States of Facebook abuse", "told a conference in the United States"),
])
def test_the_seat_of_a_court_or_a_meeting_is_not_the_public(kb, matcher, title, venue):
    targets = _targets(kb, matcher, title, f"Latvia's exiled opposition leader {venue} that Facebook should hand over "
                       "records about the prime minister's page. Facebook has become the main place where Latvians "
                       "argue about politics.")
    assert targets == ["Latvia"]
