"""Notes about the page rather than the story (where it first ran, its republication, its translation, a
correction, a link to another edition) are dropped from the body, each with its reason in the record;
a story sentence that merely uses such a word stays."""

from __future__ import annotations

import pytest

from site_builder.ingest.split.clean import CONTENT, FURNITURE, classify_why
from site_builder.ingest.split.cut import split_articles
from site_builder.ingest.split.furniture import PAGE_NOTE
from site_builder.ingest.split.reflow import reflow

BODY = [
    "The harbour council said on Wednesday that a set of pages had copied its notices with false dates for "
    "the ballot, and that several hundred residents had shared them before the pages were taken down.",
    "Council staff asked the platform to keep a copy of the pages for the inquiry and said they would tell "
    "residents the right dates by post and on the radio over the coming week.",
    "A councillor said the copied notices used the council's own crest and the wording of its letters, "
    "which made them hard to tell apart from the real ones.",
]


@pytest.mark.parametrize("line", [
    "This article first appeared on Harbour Ledger and is republished under a Creative Commons licence.",
    "This story was originally published by Harbour Ledger.",
    "Republished with permission from Harbour Ledger.",
    "Republishing policy: partner stories are shared with us as they are; send corrections to the first publisher.",
    "This article was translated from the Dutch original. The translation was checked by our editors.",
    "Translator's note: the council's notices are quoted in our own translation.",
    "Correction (12 March): an earlier version of this story gave the wrong date for the ballot.",
    "Read in Spanish",
    "Read the original in Dutch",
    "Leer en español",
])
def test_notes_about_the_page_are_dropped_with_their_reason(line):
    assert classify_why(line) == (FURNITURE, PAGE_NOTE)


@pytest.mark.parametrize("line", [
    "The pages republished the council's notices with false dates and were shared several hundred times.",
    "Officials said the notices had been translated from Dutch by volunteers who did not check the dates.",
    "Residents who read the notices in Spanish said the dates looked official.",
])
def test_story_sentences_with_the_same_words_stay(line):
    assert classify_why(line)[0] == CONTENT


def test_a_republished_story_keeps_only_its_text_and_records_every_note():
    notes = ["This article first appeared on Harbour Ledger and is republished under a Creative Commons licence.",
             "Harbour Ledger is a reader-funded newsroom. Support its reporting at harbourledger.example."]
    text = "\n\n".join(["Copied council notices gave false ballot dates", "By Piet Example", "4 March 2024",
                        notes[0], *BODY, notes[1]])
    articles, _ = split_articles(reflow(text), "dump.txt")
    assert len(articles) == 1
    article = articles[0]
    assert [b.text for b in article.blocks] == BODY
    recorded = dict(article.dropped)
    assert recorded[notes[0]] == PAGE_NOTE
    assert notes[1] in recorded


def test_a_republication_date_line_is_a_date_not_a_note():
    assert classify_why("Republished Monday 23 December 2019")[1] != PAGE_NOTE
    assert classify_why("Harbour Ledger is a newsroom on the coast. Read the original article.") == (FURNITURE, PAGE_NOTE)
