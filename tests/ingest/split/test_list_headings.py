"""A list of other stories inside a page takes its heading and its odd entries with it: a word or three
right above a run of headlines ("Links", "Chapters") is the run's heading, and a short line beside the
run that opens the way its neighbour does ("45:10 Questions" under "38:30 Who paid") is one more entry.
A subheading above running text stays."""

from __future__ import annotations

from .test_unseen_shapes import BODY, cut  # three paragraphs of a report, in our own words


def test_a_lists_heading_and_an_entry_shaped_like_its_neighbours_go_with_the_list():
    text = "\n".join([
        "Board finds fake pages posted the same claims", "By Mara Lind", "12 March 2024", *BODY,
        "Chapters",
        "03:20 What the auditors found in the ledgers",
        "17:45 The pages and the money behind them",
        "31:05 Questions",
        "Links",
        "Audit office: the full report on the pages",
        "Our earlier episode on paid election pages",
    ])
    [article] = cut(text)
    assert [b.text for b in article.blocks] == BODY
    dropped = dict(article.dropped)
    assert dropped["Chapters"] == dropped["Links"] == "the heading of a list of other stories"
    assert dropped["31:05 Questions"] == "a headline in a list of other stories"


def test_a_subheading_over_running_text_stays():
    text = "\n".join(["Board finds fake pages posted the same claims", "By Mara Lind", "12 March 2024",
                      BODY[0], "The money", BODY[1], BODY[2]])
    [article] = cut(text)
    assert "The money" in [b.text for b in article.blocks]
