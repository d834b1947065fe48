"""Targets weighed from what each mention says about its country (extract/publics.py), on pages we wrote:
every country with its own vote or addressed public is a target, a government that speaks is no origin,
a vote years before the article is background, and the draft's note says why."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.pipeline import ingest_bytes

TODAY = dt.date(2026, 6, 1)
FILLER = ("Observers said the posts had drawn few replies, and that most of the accounts were created within weeks.\n\n"
          "Officials asked people who see a suspicious post to report it rather than share it.")


def _article(kb, matcher, title: str, body: str, dated: str = ""):
    text = f"{title}\n\nBy Ana Reis\n{dated}\n\n{body}\n\n{FILLER}\n"
    result = ingest_bytes(text.encode(), "publics.txt", kb, matcher, TODAY)
    assert result.error is None, result.error
    [article] = result.articles
    return article


def test_each_country_with_its_own_vote_or_public_is_a_target(kb, matcher):
    article = _article(kb, matcher, "Fake pages praised a candidate before Ghana's presidential election",
                       "A network of fake pages praised the ruling party's candidate in the weeks before Ghana's "
                       "presidential election, the company said. The pages in Ghana copied the look of local papers, "
                       "and Ghana's electoral commission asked people to report them. A smaller part of the network "
                       "targeted audiences in Kenya with posts about fuel prices.")
    assert article.targets[0] == "Ghana" and set(article.targets) == {"Ghana", "Kenya"}


def test_a_government_that_speaks_is_not_the_origin_of_the_attack_it_reports(kb, matcher):
    article = _article(kb, matcher, "Russia was behind attack on parliament email, government says",
                       "Denmark's government said on Monday that Russia was behind an attack on the email system of "
                       "the Folketing, the country's parliament, in which hackers read the mail of several members. "
                       "Russia was responsible, the minister said, and Russia's embassy gave no comment.")
    assert article.targets == ["Denmark"]
    assert [c.actor for c in article.attribution] == ["Russia"]


def test_a_vote_years_before_the_article_is_background_not_a_second_target(kb, matcher):
    article = _article(kb, matcher, "Paid organisers worked on Peru's presidential election, researchers say",
                       "Organisers paid by a foreign consultancy worked on Peru's presidential election this spring, "
                       "researchers said, and some of them had been seen at rallies in Peru before. The firm's "
                       "methods resembled those used in the 2016 US presidential election, the researchers added, "
                       "and Peruvian voters were targeted with the same kind of memes.",
                       dated="May 20, 2026")
    assert article.targets == ["Peru"]


def test_the_draft_note_says_why_each_target_was_proposed(kb, matcher):
    article = _article(kb, matcher, "Pages posed as local outlets in three countries",
                       "The pages posed as local news outlets in countries including Chile, Peru and Bolivia, the "
                       "company said.")
    note = next(n for n in article.notes if n.startswith("targets:"))
    assert set(article.targets) == {"Chile", "Peru", "Bolivia"}
    assert "addressed as the public" in note and "news outlets in countries including Chile, Peru" in note


def test_the_countries_an_operation_ran_in_outweigh_the_government_that_accuses(kb, matcher):
    article = _article(kb, matcher, "Canada accuses Belarus of covert news campaign across South America",
                       "Canada's foreign ministry said on Tuesday that Belarus had paid for articles placed in around a "
                       "dozen countries, including Peru, Chile and Bolivia. Peru holds general and regional elections "
                       "in April.")
    assert set(article.targets) == {"Peru", "Chile", "Bolivia"}


def test_the_country_an_interference_is_in_is_the_public(kb, matcher):
    article = _article(kb, matcher, "Foreign meddling is now routine, committee says",
                       "The committee said Belarusian influence in Chile was now routine. Its pages shared football "
                       "news about Argentina, and Argentina's pop charts, to draw readers. Belarus denied it.")
    assert article.targets == ["Chile"]


def test_countries_listed_as_where_networks_came_from_are_not_the_public(kb, matcher):
    article = _article(kb, matcher, "Platform removes networks aimed at Peruvian voters",
                       "The platform removed networks from several countries, including Belarus, Chile and Bolivia, "
                       "that had posted about the election in Peru.")
    assert article.targets == ["Peru"]
