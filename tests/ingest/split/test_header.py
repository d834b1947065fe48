"""Datelines, bylines, date lines and headlines."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.ingest.split.header import byline, date_line, dateline, is_title_like, strip_dateline


@pytest.mark.parametrize("text, place, agency", [
    ("PRAGUE — Chinese-owned video platform", "Prague", ""),
    ("CHIȘINĂU, Moldova — Moldovans voted on Sunday", "Chișinău, Moldova", ""),
    ("LONDON (Reuters) - The government said", "London", "Reuters"),
    ("TALLINN (Baltic Ledger) — Estonia's security service", "Tallinn", "Baltic Ledger"),
    ("NEW YORK – The company said", "New York", ""),
    ("ST. PETERSBURG, Russia — Officials said on Monday", "St. Petersburg, Russia", ""),
    ("Kyiv, Ukraine — The ministry said on Friday", "Kyiv, Ukraine", ""),
])
def test_datelines(text, place, agency):
    found = dateline(text)
    assert found is not None and found.place == place and found.agency == agency


@pytest.mark.parametrize("text", [
    "The vote — a big test — is on Sunday.",
    "Moldova — a small country — voted.",
    "Tag - Election security",
    "EU - Russia relations worsened",
    "Both of these parties could — or not — govern.",
])
def test_not_datelines(text):
    assert dateline(text) is None


def test_strip_dateline_keeps_the_sentence():
    text, found = strip_dateline("PRAGUE — Chinese-owned video sharing platform TikTok removed accounts.")
    assert text == "Chinese-owned video sharing platform TikTok removed accounts."
    assert found.place == "Prague"


@pytest.mark.parametrize("text, loose, expected", [
    ("By Jane Doe", False, ("Jane Doe", None)),
    ("By Jane Doe and John Roe", False, ("Jane Doe and John Roe", None)),
    ("By JANE DOE | 3 March 2025", False, ("Jane Doe", dt.date(2025, 3, 3))),
    ("By Ana Pop, Senior Correspondent", False, ("Ana Pop", None)),
    ("By Ursula von der Leyen", False, ("Ursula von der Leyen", None)),
    ("Kelvin Chan", True, ("Kelvin Chan", None)),
    ("Kelvin Chan", False, None),
    ("Jane Doe, Reuters", True, ("Jane Doe", None)),
    ("European leaders breathed a sigh of relief.", True, None),
    ("By the end of the week, the count was over.", False, None),
])
def test_bylines(text, loose, expected):
    assert byline(text, loose=loose) == expected


@pytest.mark.parametrize("text, expected", [
    ("Friday 06 December 2024 07:43 EST", dt.date(2024, 12, 6)),
    ("Published 24 October 2024, 08:30 GMT", dt.date(2024, 10, 24)),
    ("Published: 21.10.2024", dt.date(2024, 10, 21)),
    ("Updated Oct. 2, 2025 5:00 am ET", dt.date(2025, 10, 2)),
    ("2024-12-06T12:43:00Z", dt.date(2024, 12, 6)),
    ("Tuesday 14 October 2025 10:05 EEST", dt.date(2025, 10, 14)),
    ("Voters went to the polls on 3 March 2025 in the capital", None),
    ("Kelvin Chan", None),
])
def test_date_lines(text, expected):
    assert date_line(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The European Union demands TikTok's response to Romanian files suggesting Moscow's role in vote", True),
    ("Why Moldova's vote matters?", True),
    ("Tag - Election security", True),
    ("European leaders breathed a collective sigh of relief.", False),
    ("PRAGUE — Chinese-owned video sharing platform", False),
    ("Word", False),
])
def test_title_like(text, expected):
    assert is_title_like(text) is expected


def test_wire_dateline_with_a_date():
    found = dateline("KYIV, Ukraine, Oct. 2 (Reuters) - The ministry said")
    assert (found.place, found.agency, found.month_day) == ("Kyiv, Ukraine", "Reuters", (10, 2))
    assert dateline("LONDON, March 3 (Reuters) - Britain said on Monday").month_day == (3, 3)
