"""Country names in the forms reporters write them, and mentions that name no country: "of Congo" without
"the", a bare "Congo" in an article about the DRC, a price in US dollars, a text's original language."""

from __future__ import annotations

from site_builder.ingest.article import Mention
from site_builder.ingest.extract.match import drop_ambiguous
from tests.ingest.extract.test_match import found

DRC = "Congo, The Democratic Republic of the"


def test_a_long_name_is_found_with_and_without_the_inner_article(matcher):
    for text in ("Fighting in eastern Democratic Republic of the Congo went on.",
                 "Fighting in eastern Democratic Republic of Congo went on.",
                 "Fighting in the DRC went on.", "Fighting near Congo-Kinshasa went on."):
        assert [n for _, n, _ in found(matcher, text, "countries")] == [DRC], text


def test_a_bare_congo_in_an_article_about_the_drc_is_the_drc(matcher):
    texts = ["Voters in the Democratic Republic of Congo went to the polls.", "The conflict in Congo shaped the vote."]
    mentions = [m for t in texts for m in _mentions(matcher, t)]
    assert {m.name for m in drop_ambiguous(mentions, texts)} == {DRC}
    other = texts + ["Brazzaville sent observers."]
    assert {m.name for m in drop_ambiguous(mentions, other)} == {DRC, "Congo"}


def _mentions(matcher, text):
    return [Mention("countries", h.entity.name) for h in matcher.find(text, ("countries",))]


def test_a_currency_and_a_text_s_original_language_name_no_country(matcher):
    assert found(matcher, "The pages spent about US$300,000 and A$2,000 on advertising.", "countries") == []
    assert found(matcher, "This article was translated from the German original.", "countries") == []
    assert [n for _, n, _ in found(matcher, "The US and German officials spent $300,000.", "countries")] == [
        "United States", "Germany"]
