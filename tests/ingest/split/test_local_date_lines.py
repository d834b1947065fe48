"""Date lines in other languages with a time after the date and a modified date after a comma, and a
wire dateline whose dash is left out."""

import datetime as dt

from site_builder.ingest.extract.dates import parse_date_line


def test_a_time_and_a_modified_date_after_the_published_date():
    assert parse_date_line("Publié le 3 mars 2022 à 07h40, mis à jour le 4 mars 2022 à 11h05") == dt.date(2022, 3, 3)
    assert parse_date_line("Veröffentlicht am 9. Mai 2021 um 08:15 Uhr") == dt.date(2021, 5, 9)


def test_a_wire_dateline_without_a_dash_after_the_agency():
    from site_builder.ingest.split.header import dateline

    found = dateline("Manila, May 9 (PNA) Election officials said the count was on time.")
    assert found is not None and (found.place, found.agency, found.month_day) == ("Manila", "PNA", (5, 9))
    assert dateline("The commission (Comelec) said it would count the ballots again.") is None
