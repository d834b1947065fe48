"""A clippings export or database print-out heads each record with "Label: value" lines (source, date,
section, length): the run is the record's header, not its text; each run opens an article, and its
date field dates that article. The fields are kept in the review record."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.article import Block
from site_builder.ingest.split.clean import CONTENT
from site_builder.ingest.split.labelled import record_headers

from .test_unseen_shapes import BODY, cut  # three paragraphs of a report, in our own words

SECOND = [
    "The platform said on Thursday it had taken down forty pages that posed as local news outlets and "
    "posted the same stories about the count within minutes of each other across three regions.",
    "It said the pages were run from two offices abroad and had spent a few thousand dollars on "
    "advertisements aimed at voters in the weeks before the election.",
]


def test_runs_of_fields_open_records_and_date_them():
    text = "\n".join([
        "MONITORING DIGEST",
        "Prepared for: Election Desk",
        "Period: March-May 2024",
        "Records: 2 | Exported: 9 May 2024",
        "-----",
        "Publication: The Harbour Courier",
        "Published: 12 March 2024",
        "Page: 4",
        "Words: 380",
        "Board finds fake pages posted the same claims",
        *BODY,
        "-----",
        "Publication: Valley Ledger",
        "Date: 2 May 2024",
        "Desk: Nation",
        "Words: 240",
        "Platform removes pages posing as local news",
        *SECOND,
    ])
    first, second = cut(text)
    assert [b.text for b in first.blocks] == BODY and [b.text for b in second.blocks] == SECOND
    assert (first.published, second.published) == (dt.date(2024, 3, 12), dt.date(2024, 5, 2))
    assert ("Words: 240", "a field of a record's header (source, date, length ...)") in second.dropped


def test_speaker_lines_of_a_transcript_are_not_fields():
    lines = ["HOST: And the parties?", "GUEST: Both denied it!", "HOST: Who paid for it, then?", BODY[1]]
    blocks = [Block(t, n) for n, t in enumerate(lines)]
    kinds, reasons = [CONTENT] * len(blocks), [""] * len(blocks)
    assert record_headers(blocks, kinds, reasons) == {}
    assert kinds == [CONTENT] * len(blocks)
