"""A state's name used as an adjective ("the Russian state-owned agency", "Russian state television")
is not that state acting, so it does not propose the state's actor; "the Russian state" itself does."""

from __future__ import annotations

import pytest

from site_builder.content.entities import load_knowledge_base
from site_builder.ingest.extract.match import Matcher

from tests.ingest.conftest import REAL_CONTENT


@pytest.fixture(scope="module")
def real_matcher():
    kb, problems = load_knowledge_base(REAL_CONTENT)
    assert problems == []
    return Matcher.build(kb)


def _actors(matcher, text):
    return [h.entity.name for h in matcher.find(text, ("actors",))]


@pytest.mark.parametrize("text", [
    "Pages run by employees of Sputnik, the Russian state-owned news agency, were removed.",
    "Specialists from Russian state television replaced the strikers.",
    "Russian state hackers stayed inside the network for years.",
])
def test_the_state_as_an_adjective_is_no_actor(real_matcher, text):
    assert "Russian government" not in _actors(real_matcher, text)


@pytest.mark.parametrize("text", [
    "The outlet acted in close coordination with the Russian state and its intelligence services.",
    "Investigators traced the money to the Russian state, officials said.",
])
def test_the_state_itself_is_still_found(real_matcher, text):
    assert _actors(real_matcher, text) == ["Russian government"]
