"""A country named only in passing (the war that dates an event, a firm's seat, where followers
sit) is not proposed; the same country named where the article discusses it still is."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.pipeline import ingest_bytes

TODAY = dt.date(2026, 6, 1)
LEAD = ("Intruders working for a foreign intelligence service spent two years inside the network of "
        "Hungary's foreign ministry, according to an investigation published on Monday.")
SECOND = "The ministry said it had found no sign that diplomatic cables were taken."


def _countries(kb, matcher, third: str) -> list[str]:
    text = f"Hackers sat in Hungary's foreign ministry for years\n\nBy Ana Reis\n\n{LEAD}\n\n{SECOND}\n\n{third}\n"
    result = ingest_bytes(text.encode(), "passing.txt", kb, matcher, TODAY)
    assert result.error is None, result.error
    [article] = result.articles
    return article.names("countries")


def test_a_war_that_dates_an_event_adds_no_country(kb, matcher):
    third = "The break-ins went on after Russia's invasion of Ukraine, when allies were sharing plans."
    countries = _countries(kb, matcher, third)
    assert "Ukraine" not in countries
    assert {"Hungary", "Russia"} <= set(countries)


def test_a_seat_and_a_list_after_it_add_no_country(kb, matcher):
    third = "The investigators, based in Canada and the Netherlands, shared their findings with the ministry."
    countries = _countries(kb, matcher, third)
    assert "Canada" not in countries and "Netherlands" not in countries


def test_a_country_the_article_discusses_is_kept(kb, matcher):
    third = ("The break-ins went on after Russia's invasion of Ukraine. Ukraine's own diplomats were among "
             "those whose messages were read.")
    assert "Ukraine" in _countries(kb, matcher, third)


def test_a_country_in_the_lead_is_kept_whatever_the_phrase(kb, matcher):
    text = ("Hackers sat in a ministry for years\n\nBy Ana Reis\n\nThe attacks, which began after the invasion of "
            f"Ukraine, hit the foreign ministry of Hungary.\n\n{LEAD}\n\n{SECOND}\n")
    [article] = ingest_bytes(text.encode(), "lead.txt", kb, matcher, TODAY).articles
    assert "Ukraine" in article.names("countries")
