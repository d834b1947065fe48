"""Cutting dumps into articles: the signals that start and end an article."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.split.reflow import reflow
from site_builder.ingest.split.cut import split_articles

BODY = ("Officials said the accounts had posted the same messages for weeks before the vote, and that most of "
        "them had been created in the same month by a small group of operators working from abroad.")


def cut(text):
    articles, notes = split_articles(reflow(text), "dump.txt")
    return articles, notes


def test_a_headline_over_a_datelined_paragraph_starts_an_article():
    text = "\n\n".join([f"RIGA — {BODY}", BODY, "Second story headline here", f"VILNIUS — {BODY}", BODY])
    articles, _ = cut(text)
    assert [(a.title, a.dateline) for a in articles] == [("", "Riga"), ("Second story headline here", "Vilnius")]


def test_a_headline_over_a_byline_starts_an_article():
    text = "\n\n".join([BODY, BODY, "Another story begins", "By Jane Doe", BODY, BODY])
    articles, _ = cut(text)
    assert [(a.title, a.author) for a in articles] == [("", ""), ("Another story begins", "Jane Doe")]


def test_end_matter_ends_an_article_and_fragments_are_dropped_with_a_note():
    text = "\n\n".join([BODY, BODY, "Jane Doe contributed to this report.", BODY, BODY, "Tags: Politics",
                       "More on the count later"])
    articles, notes = cut(text)
    assert len(articles) == 2
    assert notes and "too short to be an article" in notes[0]


def test_wire_dateline_date_and_agency():
    articles, _ = cut(f"Headline of the wire story\n\nLONDON, March 3 (Reuters) - {BODY}\n\n{BODY}")
    [a] = articles
    assert (a.title, a.dateline, a.publisher, a.dateline_date) == ("Headline of the wire story", "London", "Reuters", (3, 3))
    assert a.published is None


def test_a_subheading_inside_an_article_does_not_cut_it():
    text = "\n\n".join([f"RIGA — {BODY}", BODY, "What happens next", BODY, BODY])
    articles, _ = cut(text)
    assert len(articles) == 1 and "What happens next" in articles[0].paragraphs


def test_header_lines_are_read_in_any_order():
    text = "\n".join(["Headline about the vote", "Published 3 March 2025", "By Jane Doe", "", BODY, "", BODY])
    [a], _ = cut(text)
    assert (a.title, a.author, a.published) == ("Headline about the vote", "Jane Doe", dt.date(2025, 3, 3))


def test_a_pitch_paragraph_between_two_prompts_goes_with_them():
    text = "\n\n".join([
        "Headline about the vote", "By Jane Doe", BODY,
        "Your support helps us to tell the story",
        "From the war to the climate, we are on the ground when it matters, and we know how much that is worth.",
        "Please consider a donation today.",
        BODY,
    ])
    [a], _ = cut(text)
    assert a.paragraphs == [BODY, BODY]
