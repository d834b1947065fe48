"""A slashed date that reads either way is month first when a US time zone follows it."""

from site_builder.ingest.extract.dates import numeric_order


def test_a_us_time_zone_after_the_date_means_month_first():
    assert numeric_order(["Posted: 03/04/2022 07:45 PM EDT"]) == "mdy"
    assert numeric_order(["Updated 02/06/2023, 10:30 a.m. ET"]) == "mdy"


def test_without_a_zone_the_page_says_nothing():
    assert numeric_order(["Posted: 03/04/2022 19:45"]) == ""
