"""Where an article's published and updated dates sit: both on one line in either order, a date with a
reading time, a date line printed above the headline."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.split.cut import split_articles
from site_builder.ingest.split.reflow import reflow

BODY = ("Officials said the accounts had posted the same messages for weeks before the vote, and that most of "
        "them had been created in the same month by a small group of operators working from abroad.")


def one(*lines: str):
    articles, _ = split_articles(reflow("\n\n".join([*lines, BODY, BODY])), "page.txt")
    assert len(articles) == 1
    return articles[0]


def test_updated_before_published_on_one_line():
    for line in ("Updated May 10, 2024 / Published May 9, 2024", "Updated: 10 May 2024 | Published: 9 May 2024",
                 "Published May 9, 2024 · Updated May 10, 2024"):
        article = one("Regulators fine a network of fake pages", "By Ana Lopes", line)
        assert (article.published, article.updated) == (dt.date(2024, 5, 9), dt.date(2024, 5, 10)), line


def test_a_date_with_a_reading_time_dates_the_article():
    article = one("Masthead", "The quiet campaign to reach the voters of a marginal seat", "By Tom Reyes",
                  "30 November 2019 · 18 min read")
    assert article.published == dt.date(2019, 11, 30)


def test_a_date_line_right_above_the_headline_dates_the_article():
    article = one("Daily Courier", "Home  News  Sports  Business  Opinion", "General News of Friday, 13 March 2020",
                  "Platforms remove a network of accounts run from abroad")
    assert article.published == dt.date(2020, 3, 13)


def test_the_visit_date_above_the_menu_dates_nothing():
    article = one("Thursday, 3 December 2026", "Daily Courier", "Home  News  Sports  Business  Opinion",
                  "Platforms remove a network of accounts run from abroad")
    assert article.published is None


def test_an_updated_line_in_another_language_or_shape_is_the_updated_date():
    for line, changed in (("Atualizado 16.nov.2022 | 09h05", dt.date(2022, 11, 16)),
                          ("Mis à jour le 05/05/2017 à 09h10", dt.date(2017, 5, 5)),
                          ("Last modified on Wed 22 Jul 2020 07.10 BST", dt.date(2020, 7, 22))):
        article = one("Regulators fine a network of fake pages", "By Ana Lopes", "14 March 2016", line)
        assert (article.published, article.updated) == (dt.date(2016, 3, 14), changed), line


def test_an_updated_time_alone_is_the_same_day():
    article = one("Regulators fine a network of fake pages", "Published on 04/11/2024 - 07:58 GMT+1 • Updated 09:41")
    assert (article.published, article.updated) == (dt.date(2024, 11, 4), dt.date(2024, 11, 4))


LEAD = ("Election officials in three regions said on Tuesday that a network of accounts had posted the same "
        "claims about the count for weeks, and asked the platforms to explain why it took so long to act (the "
        "platforms did not reply)")


def test_a_long_lead_paragraph_under_the_headline_is_body_not_standfirst():
    for lead in (LEAD, LEAD[: LEAD.index(" (the")] + "?", LEAD[: LEAD.index(" (the")] + ", officials said…"):
        articles, _ = split_articles(reflow("\n\n".join(["Officials ask platforms about a network of accounts", lead, BODY, BODY])),
                                     "page.txt")
        assert articles[0].standfirst == "" and articles[0].blocks[0].text == lead, lead


def test_a_short_standfirst_under_the_headline_stays_one():
    stand = "Three regions asked the platforms to explain why they took weeks to act"
    articles, _ = split_articles(reflow("\n\n".join(["Officials ask platforms about a network of accounts", stand, BODY, BODY])),
                                 "page.txt")
    assert articles[0].standfirst == stand


def test_a_shown_updated_day_without_a_year_takes_the_year_of_the_page_metadata():
    from site_builder.ingest.read.html import parse_page

    paragraphs = "".join(f"<p>{BODY}</p>" for _ in range(3))
    html = ("<html><head><title>Inquiry reports on foreign meddling</title>"
            '<meta property="article:published_time" content="2025-01-28T16:04:00Z">'
            '<meta property="article:modified_time" content="2025-01-28T22:30:00Z"></head><body><article>'
            "<h1>Inquiry reports on foreign meddling</h1>"
            '<div class="byline">Ana Lopes · Posted: Jan 28, 2025 11:04 AM | Last Updated: January 28</div>'
            f"{paragraphs}</article></body></html>")
    articles, _ = parse_page(html, "page.html")
    assert (articles[0].published, articles[0].updated) == (dt.date(2025, 1, 28), dt.date(2025, 1, 28))
