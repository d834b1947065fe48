"""Page furniture is recognised by shape and wording, and article text is left alone."""

from __future__ import annotations

import pytest

from site_builder.ingest.split.clean import CONTENT, END, FURNITURE, RELATED, classify, publisher_hint, unquoted


@pytest.mark.parametrize("text", [
    "Stay up to date with notifications from The Daily Example",
    "Notifications can be managed in browser preferences.",
    "Get alerts from the Northern Courier on this story",
    "Sign up for our morning briefing newsletter",
    "Subscribe to the Weekly Digest newsletter",
    "Enter your email address",
    "Thank you for registering",
    "Please refresh the page or navigate to another page on the site to be automatically logged in",
    "Already a subscriber? Log in",
    "Your support helps us to tell the story",
    "Please consider a donation today.",
    "Independent journalism costs money. Our reporters travel across the region so that readers get the full story.",
    "We use cookies to improve your experience. Accept all or manage settings.",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Share this article",
    "Copy link",
    "4 min read",
    "Listen to this article",
    "Facebook | X | WhatsApp | Email",
    "World | Europe | Moldova",
    "News > Estonia",
    "___",
    "* * *",
    "Photo: Jane Doe/Agency",
    "Image caption, Voters in the capital",
    "Voters queue outside a polling station in Tbilisi. | Photo: Ana Lomidze/Caucasus Images",
    "The first results are primarily from small towns and villages, with ballots counted later. | Herrera Carcedo//Getty Images",
    "Protesters gather outside parliament on Sunday (Photo by Jane Doe/AFP via Getty Images)",
])
def test_furniture(text):
    assert classify(text) == FURNITURE


@pytest.mark.parametrize("text", [
    "Eva Hartog contributed to this report.",
    "AP writer Stephen McGrath in Bucharest contributed to this report.",
    "Additional reporting by Jane Doe in Riga; editing by John Roe",
    "Reporting by Mari Kask; editing by Peeter Org",
    "This article is being updated.",
    "This story has been updated with comment from the ministry.",
    "Tag - Election security",
    "Tags: Georgia, Elections, Disinformation",
    "Topics: Moldova, Russia",
    "© 2024 Northern Courier. All rights reserved.",
    "Copyright 2025 The Example Times",
])
def test_end_matter(text):
    assert classify(text) == END


@pytest.mark.parametrize("text", ["Related", "Related: Election commission flags campaign", "Read more:", "Most read"])
def test_related_lists(text):
    assert classify(text) == RELATED


@pytest.mark.parametrize("text", [
    # Article sentences that share words with furniture.
    "“We have proactively implemented additional safety measures ahead of the elections,” TikTok said.",
    "The channels, which together counted more than 410,000 subscribers, posted identical messages.",
    "Users who subscribe to the channels receive dozens of posts a day, the researchers said, and many of them "
    "are copies of articles from blocked sites that readers in the region cannot otherwise open.",
    "Police report intel on groups planning unrest in the capital starting tonight, the adviser later wrote online.",
    "TikTok did not respond immediately to a request for comment.",
    "“Our reporters were threatened,” said the editor of the independent daily, who asked not to be named.",
    "The European Commission said Friday it sent TikTok an urgent request for more information.",
    "Share prices of the company fell by 4 percent after the report was published on Monday.",
    "Georgescu will face pro-EU reformist Elena Lasconi in a final vote on Sunday.",
    "By Tamar Abashidze | 2 November 2024",
    "Our correspondent in Kyiv saw queues outside polling stations, and our reporters counted dozens of buses.",
])
def test_article_text_is_content(text):
    assert classify(text) == CONTENT


def test_quoted_words_are_not_the_publisher_speaking():
    assert unquoted("He said “we need our journalists” today") == "He said   today"


@pytest.mark.parametrize("text, name", [
    ("Stay up to date with notifications from The Independent", "The Independent"),
    ("Get alerts from the Northern Courier on this story", "Northern Courier"),
    ("© 2024 Northern Courier. All rights reserved.", "Northern Courier"),
    ("Subscribe to The Example Post newsletter", "The Example Post"),
    ("Advertisement", ""),
])
def test_publisher_named_by_furniture(text, name):
    assert publisher_hint(text) == name
