"""Saved pages: text is never joined across the page's paragraph breaks (two <br>, a block element),
whichever reader gave it, and the date printed under the headline beats a date the extractor guesses
from elsewhere on the page (the reader's visit date in the site's top bar)."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from site_builder.ingest.read.html import parse_page
from site_builder.ingest.read.maintained import broken_in_page, date_under_headline
from site_builder.ingest.read.metadata import broken_paragraphs

LEAD = ("The harbour council said on Wednesday that a set of pages had copied its notices with false dates "
        "for the ballot, and that several hundred residents had shared them.")
MORE = ("Council staff asked the platform to keep a copy of the pages for the inquiry and said they would "
        "tell residents the right dates by post and on the radio.")


def test_two_line_breaks_inside_one_element_make_two_paragraphs():
    node = BeautifulSoup(f"<div><b>Copied notices gave false ballot dates</b><br><br>{LEAD}<br>\n<br>{MORE}</div>",
                         "html.parser").div
    assert broken_paragraphs(node) == ["Copied notices gave false ballot dates", LEAD, MORE]


def test_one_line_break_does_not_cut_a_paragraph():
    node = BeautifulSoup("<p>The council said<br>the pages were removed.</p>", "html.parser").p
    assert broken_paragraphs(node) == ["The council said the pages were removed."]


def test_a_page_with_a_bold_headline_over_its_text_keeps_them_apart():
    html = (f"<html><head><title>Harbour Post</title></head><body><main><div class='post'>"
            f"<b>Copied notices gave false ballot dates</b><br><br>{LEAD}<br><br>{MORE}</div></main></body></html>")
    [article], _ = parse_page(html, "x.html")
    texts = [b.text for b in article.blocks]
    assert LEAD in texts and MORE in texts
    assert not any(t.startswith("Copied notices") and LEAD in t for t in texts)


def test_lines_the_page_breaks_apart_are_not_joined_by_their_punctuation():
    html = "<div><b>Copied notices gave false ballot dates</b><br/><br/>The harbour council said</div>"
    assert broken_in_page(html, "Copied notices gave false ballot dates", "The harbour council said")
    wrapped = "<p>Copied notices gave false\nballot dates to residents</p>"
    assert not broken_in_page(wrapped, "Copied notices gave false", "ballot dates to residents")


def test_the_date_under_the_headline_beats_the_visit_date_in_the_top_bar():
    html = ("<html><body><div class='topbar'>Huwebes, Disyembre 3, 2026</div><main>"
            "<h1>Copied notices gave false ballot dates</h1><div class='by'>Ni / By Piet Example</div>"
            f"<div class='date'>Nai-post: Setyembre 23, 2020 - 8:05 AM</div><p>{LEAD}</p><p>{MORE}</p></main></body></html>")
    assert date_under_headline(BeautifulSoup(html, "html.parser")) == dt.date(2020, 9, 23)
    [article], _ = parse_page(html, "x.html")
    assert article.published == dt.date(2020, 9, 23)


def test_an_updated_line_under_the_headline_is_not_the_published_date():
    html = (f"<html><body><h1>Copied notices gave false ballot dates</h1><div>Updated 24 September 2020</div>"
            f"<p>{LEAD}</p></body></html>")
    assert date_under_headline(BeautifulSoup(html, "html.parser")) is None
