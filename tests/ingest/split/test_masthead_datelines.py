"""A site's masthead is neither a dateline nor a headline: "RIVER POST — English" opens no story (a
dateline needs story text after it), and a line in capitals above a headline in ordinary case is the
site's lettering, not a headline with a standfirst under it."""

from __future__ import annotations

from site_builder.ingest.split.cut import split_articles
from site_builder.ingest.split.header import dateline
from site_builder.ingest.split.reflow import reflow

BODY = [
    "Officials of the river district said on Tuesday that a group of accounts had posted the same claims "
    "about the count for a month, and that most of them had been opened in the same week.",
    "The district board asked the platform to remove the accounts and said it would publish the list "
    "once its own review of the posts and of the money behind them was finished.",
    "Two parties named in the posts denied any part in the campaign and asked for an inquiry into who had "
    "paid for the advertisements that carried the claims to voters.",
]


def test_a_dateline_needs_story_text_after_it():
    assert dateline("RIVER POST — English") is None
    assert dateline("RIVER POST — ENGLISH EDITION") is None
    found = dateline("TARTU — Officials of the river district said")
    assert found is not None and found.place == "Tartu"


def test_a_masthead_with_its_edition_is_not_the_article_start():
    text = "\n\n".join(["RIVER POST — English", "Politics",
                        "Accounts flooded district pages before the count", "12 March 2024", *BODY])
    articles, _ = split_articles(reflow(text), "dump.txt")
    assert len(articles) == 1
    article = articles[0]
    assert article.title == "Accounts flooded district pages before the count"
    assert article.blocks[0].text.startswith("Officials of the river district")
    assert str(article.published) == "2024-03-12"
    assert any(line == "RIVER POST — English" for line, _ in article.dropped)


def test_a_masthead_in_capitals_is_not_a_headline_over_the_real_one():
    text = "\n\n".join(["RIVER POST — ENGLISH EDITION",
                        "Accounts flooded district pages before the count", "12 March 2024", "By Mara Example", *BODY])
    article = split_articles(reflow(text), "dump.txt")[0][0]
    assert article.title == "Accounts flooded district pages before the count"
    assert article.author == "Mara Example"
    assert all("ENGLISH EDITION" not in b.text for b in article.blocks)


def test_a_masthead_over_the_menu_is_neither_title_nor_author():
    text = "\n\n".join(["RIVER POST — English edition", "Opinion   Politics   Europe   Economy",
                        "Why the copied notices matter even if no vote was lost",
                        "The council cannot treat false ballot dates as a prank", "Mara Example", "12 March 2024",
                        *BODY])
    article = split_articles(reflow(text), "dump.txt")[0][0]
    assert article.title == "Why the copied notices matter even if no vote was lost"
    assert article.author == "Mara Example"
    assert ("RIVER POST — English edition", "the site's masthead above the headline") in article.dropped
