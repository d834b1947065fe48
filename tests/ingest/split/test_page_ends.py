"""The end of a page, read by shape: a copyright mark after a notice in any language is end matter,
and a word or two with no sentence's end after the last running paragraph (a list's heading in any
language) is not the article's last paragraph. Both are kept in the review record."""

from __future__ import annotations

from site_builder.ingest.split.clean import END, classify_why

from .test_unseen_shapes import BODY, cut  # three paragraphs of a report, in our own words


def test_a_copyright_mark_after_a_notice_in_another_language_is_end_matter():
    assert classify_why("本站內容版權所有，轉載請註明出處。 © 2024 Harbour Daily")[0] == END
    assert classify_why("Kaikki oikeudet pidätetään © Satamalehti")[0] == END
    # a mark inside running text with no year or name after it is not
    assert classify_why("The logo carried a © sign, 2 stars and the party's colours, the board said.")[0] != END


def test_a_lone_word_after_the_last_paragraph_is_dropped_with_its_reason():
    text = "\n".join(["Board finds foreign money behind election advertisements", "By Mara Lind", "3 April 2024",
                      *BODY, "Enimloetud", "© 2024 Harbour Daily"])
    [article] = cut(text)
    assert [b.text for b in article.blocks] == BODY
    assert ("Enimloetud", "a headline after the article's last paragraph") in article.dropped
