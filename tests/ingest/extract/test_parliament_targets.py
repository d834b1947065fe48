"""A parliament named by its own name is its country's elected body, on pages we wrote: it counts as a mention
of the country (found without the country's name) and as the vote the article is about, and the usual shapes
of a public still make a target next to it."""

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
