"""The article's publication date among several a page gives, and month names of any language dateparser
knows: the earliest publication date wins over a republication's, an "Updated" date is never the published
one, and a byline's date line in Tagalog, Swahili or Catalan is read from dateparser's own language data."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.ingest.extract.dates import parse_date_line
from site_builder.ingest.extract.localdates import LANGUAGES, parse_local_date
from site_builder.ingest.split.header import stamp_dates


@pytest.mark.parametrize("line", [
    "First published 11 September 2020 · Republished here 14 September 2020",
    "Republished here 14 September 2020 · First published 11 September 2020",
    "Published 14 September 2020 / Originally published 11 September 2020",
])
def test_the_earliest_publication_date_is_the_articles(line):
    assert stamp_dates(line)[0] == dt.date(2020, 9, 11)


def test_a_republication_date_alone_is_still_the_published_date():
    assert stamp_dates("Republished 14 September 2020") == (dt.date(2020, 9, 14), None)


def test_an_updated_date_is_never_the_published_one():
    assert stamp_dates("Updated 14 September 2020 | Published 11 September 2020") == (
        dt.date(2020, 9, 11), dt.date(2020, 9, 14))


@pytest.mark.parametrize("line, language", [
    ("Nai-post: Setyembre 23, 2020 - 8:05 AM", "fil"),
    ("Iliandikwa: 23 Septemba 2020", "sw"),
    ("23 de setembre de 2020", "ca"),
])
def test_month_names_of_languages_beyond_the_usual_list(line, language):
    assert language not in LANGUAGES  # read through dateparser's data, not a list of ours
    assert parse_local_date(line, True, True) == dt.date(2020, 9, 23)
    # only where the line's place says it is the article's date: elsewhere a rare language's month
    # name would turn a menu or the reader's visit date into a date line
    assert parse_date_line(line) is None


def test_a_word_in_a_months_place_that_no_language_knows_is_no_date():
    assert parse_local_date("Harbour 23, 2020", True, True) is None
