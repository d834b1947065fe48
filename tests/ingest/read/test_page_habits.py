"""Saved pages of shapes the reader did not know: a headline marked by class, posts embedded from a
social network, a date line carrying both days with the updated one second, updated labels in
other languages and scripts."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.extract.localdates import parse_local_date
from site_builder.ingest.read.html import parse_page
from site_builder.ingest.split.header import stamp_dates

from ..split.test_closing_and_quoted import BODY  # three paragraphs of a report, in our own words

PARAS = "".join(f"<p>{p}</p>" for p in BODY)


def test_a_headline_marked_by_class_is_the_title_and_the_banner_above_it_is_not_text():
    page = ('<html><body><p class="c1"><span>INTERNAL DRAFT, do not share</span></p>'
            '<p class="c1 title"><span>Board finds fake election pages</span></p>'
            f"{PARAS}</body></html>")
    [article], _ = parse_page(page, "doc.html")
    assert article.title == "Board finds fake election pages"
    assert [b.text for b in article.blocks] == BODY


def test_an_embedded_post_is_not_the_articles_text():
    post = ('<blockquote class="twitter-tweet"><p>Long queues at the board office this morning.</p>'
            '&mdash; A Reporter (@a_reporter) <a href="#">June 4, 2024</a></blockquote>')
    signed = ('<blockquote><p>The pages are back under new names.</p>&mdash; Another Reporter (@another) '
              'June 4, 2024</blockquote>')
    page = (f"<html><head><title>Fake pages</title></head><body><article><h1>Fake pages</h1>"
            f"<p>{BODY[0]}</p>{post}<p>{BODY[1]}</p>{signed}<p>{BODY[2]}</p></article></body></html>")
    [article], _ = parse_page(page, "x.html")
    assert [b.text for b in article.blocks] == BODY
    assert sum(why == "an embedded social media post" for _, why in article.dropped) == 2


def test_the_date_before_an_updated_label_on_the_same_line_is_the_published_one():
    page = ("<html><head><title>Fake pages</title></head><body><article><h1>Fake pages</h1>"
            '<div class="dates">Tuesday, June 4, 2024 — Updated Wednesday, June 5, 2024</div>'
            f"{PARAS}</article></body></html>")
    [article], _ = parse_page(page, "x.html")
    assert (article.published, article.updated) == (dt.date(2024, 6, 4), dt.date(2024, 6, 5))


def test_updated_labels_in_other_languages_and_scripts():
    assert stamp_dates("Обновлено: 5 июня 2024, 19:05") == (None, dt.date(2024, 6, 5))
    assert stamp_dates("Güncelleme: 5 Haziran 2024 19:05") == (None, dt.date(2024, 6, 5))
    assert stamp_dates("Ενημερώθηκε: 5 Ιουνίου 2024") == (None, dt.date(2024, 6, 5))
    assert stamp_dates("更新日：2024年6月5日") == (None, dt.date(2024, 6, 5))


def test_a_year_written_against_a_cjk_character_is_a_year():
    assert parse_local_date("2024年6月4日 18:30") == dt.date(2024, 6, 4)


def test_a_digests_items_dated_in_byline_boxes_are_cut_apart():
    second = [p.replace("board", "commission") for p in BODY]
    items = "".join(f'<section class="item"><h2>{title}</h2><div class="item-byline">June 4, 2024</div>'
                    + "".join(f"<p>{p}</p>" for p in paras) + "</section>"
                    for title, paras in (("Board finds fake pages", BODY), ("Commission names ad buyers", second)))
    page = (f"<html><head><title>Election Watch | No. 41</title></head><body><main>"
            f"<div>Election Watch | No. 41 | 5 June 2024</div>{items}</main></body></html>")
    articles, _ = parse_page(page, "digest.html")
    assert [(a.title, a.published) for a in articles] == [("Board finds fake pages", dt.date(2024, 6, 4)),
                                                          ("Commission names ad buyers", dt.date(2024, 6, 4))]
    assert [b.text for b in articles[1].blocks] == second


def test_a_caption_without_a_full_stop_is_not_run_into_the_next_paragraph():
    from site_builder.ingest.read.maintained import extract_page

    caption = "Board members outside the count centre in Riverton, 4 June 2024. Photo: Example Agency/Jan Roe"
    runs = "<br><br>".join([BODY[0], caption, BODY[1], BODY[2]])
    page = f"<html><head><title>Fake pages</title></head><body><div class='post-body'>{runs}</div></body></html>"
    dropped: list = []
    paragraphs, _, _ = extract_page(page, dropped)
    assert paragraphs == BODY
    assert (caption, "a picture caption or credit") in dropped


def test_date_lines_with_digits_of_other_scripts_and_a_time_after_a_comma():
    day = dt.date(2024, 6, 4)
    assert parse_local_date("٤ يونيو ٢٠٢٤") == day  # Eastern Arabic digits
    assert parse_local_date("४ जून २०२४") == day  # Devanagari digits
    assert parse_local_date("2024년 6월 4일") == day
    assert parse_local_date("4 de junho de 2024, 21h15") == day


def test_a_stamp_line_ending_with_its_date_is_not_run_into_the_first_paragraph():
    stamp = "Written up by Mara Lind on Tuesday, 4 June 2024"
    spans = "".join(f"<span>{p}<br><br></span>" for p in BODY)
    page = (f"<html><head><title>Fake pages</title></head><body><div class='post'><h2>Board finds fake pages</h2>"
            f"<div class='post-date'><span>{stamp}</span></div><div class='post-body'>{spans}</div></div></body></html>")
    [article], _ = parse_page(page, "post.html")
    assert article.blocks[0].text == BODY[0]
    assert stamp in [line for line, _ in article.dropped]


def test_each_story_of_an_endless_scroll_page_is_an_article_and_teaser_cards_are_not():
    second = [p.replace("board", "commission") for p in BODY]

    def story(tag: str, title: str, day: str, paragraphs: list[str]) -> str:
        return (f"<article class='stream-item'><{tag}>{title}</{tag}><div class='meta'><span>By Mara Lind</span> "
                f"<time datetime='{day}T10:00:00+02:00'>{day}</time></div><div class='article-text'>"
                + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></article>")

    card = "<article><h2>Another story from the desk</h2><p>A line about it.</p></article>"
    page = ("<html><head><title>Board finds fake pages | Harbour Times</title></head><body><div id='stream'>"
            + story("h1", "Board finds fake pages", "2024-06-04", BODY) + card
            + "<div class='divider'>Next article</div>"
            + story("h2", "Commission names ad buyers", "2024-05-20", second) + "</div></body></html>")
    articles, _ = parse_page(page, "stream.html")
    assert [(a.title, a.published) for a in articles] == [("Board finds fake pages", dt.date(2024, 6, 4)),
                                                          ("Commission names ad buyers", dt.date(2024, 5, 20))]
    assert [b.text for b in articles[1].blocks] == second
    single, _ = parse_page(page.replace(story("h2", "Commission names ad buyers", "2024-05-20", second), ""), "one.html")
    assert len(single) == 1
