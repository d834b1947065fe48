"""Saved pages: metadata fallbacks and body extraction on layouts beyond the fixtures."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.read.html import parse_page

TEXT = ("Officials said the accounts had posted the same messages for weeks before the vote, and that most "
        "of them had been created in the same month by a small group of operators.")


def page(head: str, body: str) -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_title_tag_and_h1_without_metadata():
    [a], _ = parse_page(page("<title>Vote count begins | Example News</title>",
                             f"<div><h1>Vote count begins</h1><p>{TEXT}</p><p>{TEXT}</p></div>"), "x.html")
    assert a.title == "Vote count begins"
    assert a.published is None and a.author == ""


def test_site_name_is_cut_from_the_title():
    head = ('<meta property="og:title" content="Vote count begins - Example News">'
            '<meta property="og:site_name" content="Example News">')
    [a], _ = parse_page(page(head, f"<article><p>{TEXT}</p></article>"), "x.html")
    assert (a.title, a.publisher) == ("Vote count begins", "Example News")


def test_microdata_time_and_byline_in_the_page():
    body = (f'<article><span class="byline">By Jane Doe</span><time datetime="2025-03-03T10:00:00+02:00">3 March</time>'
            f'<div class="article-body"><p>{TEXT}</p><p>{TEXT}</p></div></article>')
    [a], _ = parse_page(page("", body), "x.html")
    assert (a.author, a.published) == ("Jane Doe", dt.date(2025, 3, 3))
    assert a.paragraphs == [TEXT, TEXT]


def test_text_laid_out_with_line_breaks():
    body = f'<div id="content">{TEXT}<br><br>{TEXT.replace("Officials", "Observers")}<br><br>Advertisement</div>'
    [a], _ = parse_page(page("<title>Plain page</title>", body), "x.html")
    assert a.paragraphs == [TEXT, TEXT.replace("Officials", "Observers")]


def test_body_from_json_ld_when_the_markup_has_none():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Only metadata", '
            f'"articleBody": "{TEXT}\\n\\n{TEXT}", "author": {{"name": "Jane Doe"}}, '
            '"datePublished": "2025-03-03"}</script>')
    [a], _ = parse_page(page(head, "<div id='app'></div>"), "x.html")
    assert (a.title, a.author, a.published, len(a.paragraphs)) == ("Only metadata", "Jane Doe", dt.date(2025, 3, 3), 2)


def test_link_lists_and_hidden_blocks_are_not_body():
    body = (f"<main><p>{TEXT}</p><div class='more-stories'><p><a href='/a'>Other story one here</a></p></div>"
            f"<p style='display: none'>Hidden text that should never appear in the body at all.</p>"
            f"<p><a href='/b'>A paragraph that is only a link to another story on the site</a></p><p>{TEXT}</p></main>")
    [a], _ = parse_page(page("<title>T</title>", body), "x.html")
    assert a.paragraphs == [TEXT, TEXT]


def test_a_page_without_text():
    articles, notes = parse_page(page("<title>Empty</title>", "<nav><a href='/'>Home</a></nav>"), "x.html")
    assert articles == [] and "no article text" in notes[0]
