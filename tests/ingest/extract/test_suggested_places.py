"""Suggested actors are people and bodies: a place after "in" ("filed in San Francisco"), a
"Tel Aviv-based" seat, a speaker's label or a dateline opening a paragraph ("GUEST:", "NEW
DELHI:") and a question's verb ("Has Cambodia's ...") are not suggested; a one-word outlet
described by an apposition ("Sputnik, the ... news agency") and a person whose title starts with
a country's letters ("US Secretary of State Mike Pompeo") are."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.extract.names import proper_names
from site_builder.ingest.pipeline import ingest_bytes

TODAY = dt.date(2026, 6, 1)
LEAD = ("Prosecutors charged two former employees of a social network with passing users' data to a "
        "foreign government, in a case that widens scrutiny of insiders at technology firms.")


def _suggested(kb, matcher, paragraph: str) -> list[str]:
    text = f"Insiders charged over leaked data\n\nBy Ana Reis\n\n{LEAD}\n\n{paragraph}\n"
    result = ingest_bytes(text.encode(), "places.txt", kb, matcher, TODAY)
    assert result.error is None, result.error
    [article] = result.articles
    return [s.name for s in article.suggestions]


def test_a_place_after_in_is_not_suggested(kb, matcher):
    names = _suggested(kb, matcher, "The complaint, unsealed in San Francisco on Wednesday, names Karim Haddad as "
                                    "the one who handled the payments.")
    assert "San Francisco" not in names
    assert "Karim Haddad" in names


def test_a_seat_before_based_is_not_suggested(kb, matcher):
    names = _suggested(kb, matcher, "The accounts were run by Orbitel Group, a Tel Aviv-based consultancy, for a fee.")
    assert "Tel" not in names and "Tel Aviv" not in names


def test_labels_and_datelines_opening_a_paragraph_are_not_suggested(kb, matcher):
    names = _suggested(kb, matcher, "GUEST: They found the same servers again.\n\nNEW DELHI: The platform removed "
                                    "the pages on Monday.\n\nHOST: Has Cambodia's commission said anything?")
    assert not {"GUEST", "DELHI", "HOST", "Has Cambodia"} & set(names)


def test_a_one_word_outlet_with_an_apposition_is_suggested(kb, matcher):
    names = _suggested(kb, matcher, "The pages were run by employees of Zvezdanet, the state-owned news agency, "
                                    "according to the company.")
    assert "Zvezdanet" in names


def test_a_title_after_a_countrys_letters_still_splits_off():
    assert [n.name for n in proper_names("A statement said US Secretary of State Mike Pompeo had spoken.")] == ["Mike Pompeo"]
