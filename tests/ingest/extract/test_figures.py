"""Key figures: counts, percentages, money and reach, without dates, years or times."""

from __future__ import annotations

from site_builder.ingest.extract.figures import find_figures


def figures(text):
    return [(f.kind, f.text, f.value) for f in find_figures([text])]


def test_counts_percentages_money_and_reach():
    text = ("Researchers found 286 accounts with a cumulative reach of 5 to 9 million views per week; "
            "TikTok removed 98.5 percent of the content and one user paid $381,000, or €2.5m in total. "
            "More than 900 accounts and 12,000 followers a day were seen, about 40% of them fake.")
    assert figures(text) == [
        ("count", "286 accounts", 286.0),
        ("reach", "5 to 9 million views per week", 5_000_000.0),
        ("percentage", "98.5 percent", 98.5),
        ("money", "$381,000", 381_000.0),
        ("money", "€2.5m", 2_500_000.0),
        ("count", "More than 900 accounts", 900.0),
        ("reach", "12,000 followers a day", 12_000.0),
        ("percentage", "about 40%", 40.0),
    ]


def test_money_in_words_and_other_currencies():
    assert figures("The party spent 2.3 million lari on adverts.") == [("money", "2.3 million lari", 2_300_000.0)]


def test_numbers_that_are_not_figures():
    text = ("On Aug. 29 at 9.30 p.m. the 27-nation bloc, in power since 2021, gave TikTok 24 hours, "
            "and the vote on 5 August ended.")
    assert figures(text) == []


def test_each_figure_keeps_its_sentence():
    figure = find_figures(["First sentence. The pages spent about €42,000 on adverts."])[0]
    assert figure.context == "The pages spent about €42,000 on adverts."
