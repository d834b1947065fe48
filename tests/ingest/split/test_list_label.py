"""A label over a list of topics without its colon ("Topics") still marks the items under it as furniture."""

from site_builder.ingest.split.cut import split_articles
from site_builder.ingest.split.reflow import reflow

BODY = ("The electoral commission said on Monday that it had found no sign of tampering in the count in the north, "
        "where turnout was higher than at any vote since the war.")


def test_the_items_under_a_topics_label_are_dropped():
    text = "Vote count ends\n\nBy Jane Roe\n\n" + "\n\n".join([BODY] * 4) + "\n\nTopics\n\nRegional affairs\n\nElections\n"
    [article], _ = split_articles(reflow(text), "x.txt")
    assert [b.text for b in article.blocks] == [BODY] * 4
