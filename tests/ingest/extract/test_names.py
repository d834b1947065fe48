"""Proper names: titles split off, people told from organisations."""

from __future__ import annotations

from site_builder.ingest.extract.names import appositive_after, descriptor_apposed, descriptor_before, proper_names


def names(text):
    return [(n.kind, n.name, n.role) for n in proper_names(text) if n.kind != "other"]


def test_titles_are_split_from_the_name():
    assert names("“Russia is pulling out all the stops,” Moldovan National Security Adviser Stanislav Secrieru told reporters.") == [
        ("person", "Stanislav Secrieru", "Moldovan National Security Adviser")]
    assert names("said European Commission President Ursula von der Leyen in a post.") == [
        ("person", "Ursula von der Leyen", "European Commission President")]


def test_organisations_by_their_words_or_the_noun_before_them():
    assert names("Local research network Online Risk Labs said it found 286 accounts.") == [
        ("organisation", "Online Risk Labs", "")]
    assert names("the pro-EU Party of Action and Solidarity (PAS) secured victory") == [
        ("organisation", "Party of Action and Solidarity", "")]
    assert names("co-founder of diaspora group Noroc Olanda, said") == [("organisation", "Noroc Olanda", "")]


def test_lists_of_places_are_not_one_name():
    assert names("Congratulations poured in from Kyiv, Warsaw and Prague.") == []


def test_descriptions_around_names():
    text = "Alexander Gusev, a Kremlin-aligned political scientist at the Academy, accused her."
    person = proper_names(text)[0]
    assert appositive_after(text, person.end) == "a Kremlin-aligned political scientist at the Academy"
    text = "EU foreign policy chief Kaja Kallas echoed her boss."
    person = [n for n in proper_names(text) if n.kind == "person"][0]
    assert descriptor_before(text, person.run_start) == "EU foreign policy chief"
    text = "the group's lead researcher, Ketevan Chachava, said"
    person = [n for n in proper_names(text) if n.kind == "person"][0]
    assert descriptor_apposed(text, person.run_start) == "the group's lead researcher"


def test_places_and_buildings_are_not_people():
    assert names("Officials at the White House and ships in the Black Sea watched Election Day.") == []
