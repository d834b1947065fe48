"""Entities are found by name, alias, demonym and spelling variant, with guards against common words."""

from __future__ import annotations


def found(matcher, text, kind=None):
    return [(h.kind, h.entity.name, h.text) for h in matcher.find(text) if kind is None or h.kind == kind]


def test_demonyms_plurals_and_possessives(matcher):
    text = "Georgian voters and Estonians said Russia’s campaign and the Russians' bots failed."
    assert [n for _, n, _ in found(matcher, text, "countries")] == ["Georgia", "Estonia", "Russia", "Russia"]


def test_iso_countries_and_everyday_names(matcher):
    text = "Observers from Moldova, the Czech Republic, Britain and Türkiye, and the Kremlin's allies."
    names = [n for _, n, _ in found(matcher, text, "countries")]
    assert names[:4] == ["Moldova", "Czechia", "United Kingdom", "Türkiye"]
    assert names[-1] == "Russia"  # "the Kremlin" stands for Russia


def test_diacritics_and_case_do_not_matter_for_names(matcher):
    assert found(matcher, "Officials in TBILISI and Levan Gelashvili’s office", "actors") == [
        ("actors", "Levan Gelashvili", "Levan Gelashvili")]


def test_country_possessive_variant_of_a_demonym_name(matcher):
    assert found(matcher, "Estonia's Internal Security Service said", "actors") == [
        ("actors", "Estonian Internal Security Service", "Estonia's Internal Security Service")]


def test_acronyms_only_match_in_capitals(matcher):
    assert found(matcher, "The CEC said", "actors") == [("actors", "Central Election Commission of Georgia", "CEC")]
    assert found(matcher, "a cec of sorts", "actors") == []
    assert found(matcher, "posted on X and on Twitter", "platforms") == [
        ("platforms", "X", "X"), ("platforms", "X", "Twitter")]
    assert found(matcher, "x marks the spot", "platforms") == []


def test_capitalised_names_do_not_match_lower_case_words(matcher):
    assert found(matcher, "a georgian dream of turkey and chad", "countries") == []


def test_one_text_can_name_an_actor_and_its_country(matcher):
    kinds = {(k, n) for k, n, _ in found(matcher, "The Estonian Internal Security Service")}
    assert kinds == {("actors", "Estonian Internal Security Service"), ("countries", "Estonia")}


def test_a_capital_stands_for_its_country_only_as_an_actor(matcher):
    text = "Moscow denied it. The embassy in Brussels was shut. Beijing’s role grew. Funds came from Minsk."
    assert [(n, t) for _, n, t in found(matcher, text, "countries")] == [
        ("Russia", "Moscow"), ("China", "Beijing"), ("Belarus", "Minsk")]


def test_new_jersey_is_not_jersey(matcher):
    # Neither Jersey nor Mexico: two US states, so the United States (a state stands for its country).
    assert found(matcher, "He moved from New Jersey to New Mexico.", "countries") == [
        ("countries", "United States", "New Jersey"), ("countries", "United States", "New Mexico")]


def test_a_one_letter_name_is_not_any_letter(matcher):
    assert found(matcher, "An X-ray of Generation X under Article X, then a post on X.", "platforms") == [
        ("platforms", "X", "X")]


def test_languages_and_outlets_named_after_a_country_add_no_country(matcher):
    text = ("The clips were dubbed in Russian and Estonian, a French-language site copied them, and Radio France, "
            "France 24 reported it, the Irish Times and the Voice of America too. Russian bots also posted in Estonia.")
    assert found(matcher, text, "countries") == [("countries", "Russia", "Russian"), ("countries", "Estonia", "Estonia")]
    # a list that ends in a noun names states, not languages
    assert [h[1] for h in found(matcher, "a rise in Russian, Estonian and Georgian operations", "countries")] == [
        "Russia", "Estonia", "Georgia"]
