"""Who said each quotation."""

from __future__ import annotations

from site_builder.ingest.extract.statements import find_statements

KNOWN = {"Kallas": "Kaja Kallas", "Kaja Kallas": "Kaja Kallas", "TikTok": "TikTok"}


def canonical(name):
    return KNOWN.get(name)


def said(paragraphs):
    return [(s.speaker, s.quote) for s in find_statements(paragraphs, canonical)]


def test_attribution_after_the_quote():
    assert said(["“We have taken additional measures ahead of the elections,” TikTok said."]) == [
        ("TikTok", "We have taken additional measures ahead of the elections")]
    assert said(["“No attempt to sow fear could break your resolve,” said European Commission President "
                 "Ursula von der Leyen in a post on X."]) == [
        ("Ursula von der Leyen", "No attempt to sow fear could break your resolve")]


def test_attribution_before_the_quote_and_according_to():
    assert said(["EU foreign policy chief Kaja Kallas echoed her boss, saying that the vote is a “clear yes to a future.”"]) == [
        ("Kaja Kallas", "clear yes to a future.")]
    assert said(["According to Siegfried Mureșan, the Romanian MEP, “this is the last chance for Russia.”"]) == [
        ("Siegfried Mureșan", "this is the last chance for Russia.")]


def test_pronouns_point_to_the_person_the_previous_paragraph_was_about():
    paragraphs = [
        "Polish Prime Minister Donald Tusk added that the election was a lesson for Moldova's neighbours.",
        "“It took real courage to win this election,” he said.",
    ]
    assert said(paragraphs) == [("Donald Tusk", "It took real courage to win this election")]


def test_surnames_expand_to_the_full_name_used_before():
    paragraphs = [
        "Alexander Gusev, a political scientist, accused the president of manipulation.",
        "“For them there is no such thing as justice,” Gusev told the agency.",
    ]
    assert said(paragraphs) == [("Alexander Gusev", "For them there is no such thing as justice")]


def test_comma_separated_title_and_name():
    assert said(["“The money came from abroad,” the service’s spokesman, Kristjan Saar, told reporters."]) == [
        ("Kristjan Saar", "The money came from abroad")]


def test_two_quotes_of_one_speaker_in_a_paragraph_are_one_statement():
    text = "“Russia is pulling out all the stops,” Stanislav Secrieru told reporters. “We’re seeing unprecedented efforts.”"
    assert said([text]) == [("Stanislav Secrieru", "Russia is pulling out all the stops … We’re seeing unprecedented efforts.")]


def test_scare_quotes_are_not_statements():
    assert said(["Leonid Slutsky dismissed the victory as a “Pyrrhic” one."]) == []


def test_a_quotation_over_two_paragraphs_goes_to_its_speaker():
    paragraphs = [
        "“The first part of what she said runs on without a closing mark",
        "“and the second part closes it,” said Jane Doe, an analyst.",
    ]
    assert said(paragraphs) == [("Jane Doe", "The first part of what she said runs on without a closing mark "
                                             "and the second part closes it")]
