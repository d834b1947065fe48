"""A dateline written as a place in capitals and a colon ("HARBOUR CITY: The board said ...") opens the
first paragraph and is read as the dateline; a transcript's speaker labels ("HOST: ...") are not, since
other paragraphs open the same way."""

from __future__ import annotations

from .test_unseen_shapes import BODY, cut  # three paragraphs of a report, in our own words


def test_a_place_in_capitals_and_a_colon_is_the_dateline():
    text = "\n".join(["Board finds fake pages posted the same claims", "By Mara Lind", "12 March 2024",
                      "NORTH HARBOUR: " + BODY[0], BODY[1], BODY[2]])
    [article] = cut(text)
    assert article.dateline == "North Harbour"
    assert article.blocks[0].text == BODY[0]


def test_speaker_labels_of_a_transcript_stay():
    text = "\n".join(["Board finds fake pages posted the same claims", "By Mara Lind", "12 March 2024",
                      "HOST: " + BODY[0], "GUEST: " + BODY[1], "HOST: " + BODY[2]])
    [article] = cut(text)
    assert article.blocks[0].text == "HOST: " + BODY[0]
