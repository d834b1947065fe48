"""The cluster under a headline, read by shape rather than by its words: short lines between the
byline or date and the first running paragraph (player buttons, reader actions, a translator's credit,
a byline in another script) are not the body; a date line with a weekday in a language no table
knows is still a date line; a byline whose "by" part is not its first part still names the author."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.extract.dates import parse_date_line
from site_builder.ingest.split.header import byline

from .test_unseen_shapes import BODY, cut  # three paragraphs of a report, in our own words


def test_short_lines_between_the_date_and_the_first_paragraph_are_not_the_body():
    lead = ["Host: Mara Lind", "Play (4:10)", "Save for later", "Translated from Estonian by Kai Rebane."]
    text = "\n".join(["Board finds foreign money behind election advertisements",
                      "Aired: Wednesday 3 April 2024 8:15am", *lead, *BODY])
    [article] = cut(text)
    assert [b.text for b in article.blocks] == BODY
    dropped = dict(article.dropped)
    assert all(line in dropped for line in lead)  # kept in the review record, with a reason


def test_a_short_first_paragraph_with_no_running_text_under_it_stays():
    text = "\n".join(["Board finds foreign money behind election advertisements", "By Mara Lind",
                      "3 April 2024", "Short note.", "Another short note."])
    articles = cut(text)
    assert not articles or "Short note." in [b.text for b in articles[0].blocks]


def test_a_date_with_a_weekday_in_an_unlisted_language_is_a_date_line():
    assert parse_date_line("Thứ Tư, 03/04/2024 08:15 (GMT+7)") == dt.date(2024, 4, 3)
    assert parse_date_line("Mercoledì 3/4/2024") == dt.date(2024, 4, 3)
    # more words beside the date are a sentence or a headline, not a date line
    assert parse_date_line("Board finds foreign money behind advertisements 3/4/2024") is None
    assert parse_date_line("Votes counted on 3 April 2024 by officials") is None


def test_the_by_part_of_a_byline_names_the_author_whichever_part_it_is():
    assert byline("Harbour Notes / by Mara Lind / Apr 3, 2024 · 2y") == ("Mara Lind", dt.date(2024, 4, 3))


def test_a_headline_over_such_a_date_line_is_the_title_and_dates_the_article():
    text = "\n".join(["Trang chủ   Thời sự   Thế giới", "Tìm kiếm",
                      "Board finds foreign money behind election advertisements",
                      "Thứ Tư, 03/04/2024 08:15 (GMT+7)", *BODY])
    [article] = cut(text)
    assert article.title == "Board finds foreign money behind election advertisements"
    assert article.published == dt.date(2024, 4, 3)
    assert article.blocks[0].text == BODY[0]
