"""Shapes around an article that its wording does not give away: a report's paragraph that names a
prompt's word, the notes under an article, a labelled pull quote, an editor's bracketed note, an
e-mail's header, share buttons one a line under a label, a newsletter's items dated by the issue."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.split.clean import CONTENT, FURNITURE, classify_why
from site_builder.ingest.split.cut import split_articles
from site_builder.ingest.split.reflow import reflow

BODY = [
    "The regional election board said on Tuesday that it had found a network of pages posting the same "
    "claims about the count for a month, and that most of the pages had been created within a single week.",
    "The board asked the platform to remove the pages and said it would publish the list of accounts once "
    "its own review of the posts and of the money behind them had been finished later in the year.",
    "Two of the parties named in the posts denied any part in the campaign and called for an inquiry into "
    "who had paid for the advertisements that carried the claims to voters across the region.",
]


def cut(lines: list[str]):
    articles, _ = split_articles(reflow("\n".join(lines)), "dump.txt")
    return articles


def texts(article) -> list[str]:
    return [b.text for b in article.blocks]


def test_a_long_reported_paragraph_that_names_a_prompt_word_is_text():
    report = ("The auditor said on Monday that the party had failed to declare three large donations before the "
              "vote and that its treasurer had signed the accounts without checking where the money came from.")
    assert classify_why(report) == (CONTENT, "")
    # a pitch of the same length speaks to the reader, and stays furniture
    pitch = ("If you value reporting like this, please consider making a donation today so that our small team can "
             "keep following the money in the election campaign for readers across the region.")
    assert classify_why(pitch)[0] == FURNITURE


def test_the_lines_under_notes_to_editors_are_not_the_article():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", *BODY,
                     "Notes to editors",
                     "The board was set up in 2009 to oversee regional and local votes.",
                     "Its findings are published twice a year."])
    assert texts(article) == BODY
    reasons = dict(article.dropped)
    assert reasons["Notes to editors"] == "a heading of the notes after the article"
    assert reasons["Its findings are published twice a year."] == "under 'Notes to editors', after the article"


def test_a_notes_heading_above_any_text_heads_nothing():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", "About the authors", *BODY])
    assert texts(article) == BODY


def test_the_next_article_after_the_notes_is_kept():
    second = [s.replace("board", "commission") for s in BODY]
    articles = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", *BODY,
                    "About the author", "Jana Example covers the region's politics.",
                    "Commission names the buyers of election ads", "By Petr Example", "5 June 2024", *second])
    assert [texts(a) for a in articles] == [BODY, second]


def test_a_pull_quote_with_a_label_in_front_repeats_the_body():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", BODY[0],
                     'QUOTE: "Most of the pages had been created within a single week."', BODY[1], BODY[2]])
    assert texts(article) == BODY


def test_a_line_in_square_brackets_is_an_editors_note():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", BODY[0],
                     "[Note: check the number of pages with the board — JE]", BODY[1], BODY[2]])
    assert texts(article) == BODY


def test_an_email_header_is_not_the_headline():
    [article] = cut(["From: Election Watch <desk@watch.example>", "Subject: Fake pages and who paid for them",
                     "Date: Tue, 4 Jun 2024 07:30:00 +0000",
                     "Board finds fake election pages", "By Jana Example", "4 June 2024", *BODY])
    assert article.title == "Board finds fake election pages"
    assert ("Date: Tue, 4 Jun 2024 07:30:00 +0000", "an e-mail header line") in article.dropped


def test_share_buttons_one_a_line_under_a_label_in_another_script():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", *BODY,
                     "Поделиться:", "ВКонтакте", "Telegram", "WhatsApp"])
    assert texts(article) == BODY
    assert ("Telegram", "an item listed under 'Поделиться:'") in article.dropped


def test_every_item_of_a_newsletter_takes_the_issue_date():
    second = [s.replace("board", "commission") for s in BODY]
    articles = cut(["ELECTION WATCH", "Issue 41 · June 4, 2024",
                    "Board finds fake election pages", "By Jana Example", *BODY,
                    "Commission names the buyers of election ads", "By Petr Example", *second])
    assert [str(a.published) for a in articles] == ["2024-06-04", "2024-06-04"]


def test_a_headline_right_above_a_datelined_paragraph_under_a_byline():
    datelined = "Riverton, June 4 (Wire) " + BODY[0]
    [article] = cut(["Valley Post", "Wire English News", "Politics", "Board: fake election pages found on the day of the vote",
                     "5 days ago", datelined, BODY[1], BODY[2]])
    assert article.title == "Board: fake election pages found on the day of the vote"
    assert texts(article) == BODY


def test_a_line_naming_the_site_above_the_headline_is_its_masthead():
    [article] = cut(["Valley Checks — English", "Board finds fake election pages", "Par Jana Example",
                     "Publié le 4 juin 2024", *BODY, "© Valley Checks 2024"])
    assert article.title == "Board finds fake election pages"


def test_a_related_headline_opening_with_guillemets_goes_with_the_list():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", *BODY,
                     "Read also", "« Fausses pages » : what the board found"])
    assert texts(article) == BODY


def test_a_claim_and_rating_under_their_own_label_lines():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024",
                     "THE CLAIM", "A photo shows ballots dumped in a river before the count.",
                     "OUR VERDICT", "FALSE. The photo was taken at a recycling plant in 2019.", *BODY])
    assert texts(article) == BODY


def test_share_buttons_in_any_language():
    for line in ("Udostępnij", "Partager", "ბმულის გაზიარება: Facebook | X"):
        assert classify_why(line) == (FURNITURE, "a share row")
    assert classify_why("Reply to this email with tips, or forward it to a colleague.")[0] == FURNITURE


def test_the_buttons_under_a_share_word_with_a_colon_go_with_it():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "4 June 2024", *BODY,
                     "Teilen:", "Facebook", "WhatsApp"])
    assert texts(article) == BODY


def test_an_updated_date_in_the_byline_is_never_the_published_one():
    [article] = cut(["Board finds fake election pages", "By Jana Example | Updated 14:03 IST, 4 June 2024", *BODY])
    assert (article.author, article.published, article.updated) == ("Jana Example", None, dt.date(2024, 6, 4))
    [article] = cut(["Board finds fake election pages", "By Jana Example · 4 June 2024 · Last updated 5 June 2024", *BODY])
    assert (article.published, article.updated) == (dt.date(2024, 6, 4), dt.date(2024, 6, 5))


def test_an_updated_label_with_a_preposition_before_its_date():
    [article] = cut(["Board finds fake election pages", "By Jana Example", "Aktualisiert am 5. Juni 2024, 10:00 Uhr",
                     "Veröffentlicht am 4. Juni 2024", *BODY])
    assert (article.author, article.published, article.updated) == ("Jana Example", dt.date(2024, 6, 4), dt.date(2024, 6, 5))


def test_a_saved_emails_items_take_the_day_it_was_sent_when_no_issue_line_dates_them():
    second = [s.replace("board", "commission") for s in BODY]
    articles = cut(["From: Election Watch <desk@watch.example>", "Date: Tue, 4 Jun 2024 07:30:00 +0000",
                    "Board finds fake election pages", "By Jana Example", *BODY,
                    "Commission names the buyers of election ads", "By Petr Example", *second])
    assert [a.published for a in articles] == [dt.date(2024, 6, 4), dt.date(2024, 6, 4)]
