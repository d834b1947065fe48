"""Claims read with "also" between the verb and "behind" ("X were also behind"), and a list of
culprits named without an auxiliary ("with A and B named as the main culprits")."""

from __future__ import annotations

from tests.ingest.extract.test_targets import _article


def _accused(article) -> set[str]:
    return {claim.actor for claim in article.attribution}


def test_also_behind_accuses_the_subject(kb, matcher):
    article = _article(kb, matcher, "Report counts attacks on Moldova's information space",
                       "Moldova's voters were the main audience of the incidents the report recorded. Russian actors "
                       "led most of them. Ukrainian and Romanian outlets were copied. Chinese actors were also behind "
                       "a share of the cases, the report said.")
    assert "China" in _accused(article)


def test_culprits_named_without_an_auxiliary_are_accused(kb, matcher):
    article = _article(kb, matcher, "Moldova's president says protests were organised abroad",
                       "State channels in Moldova repeated the president's claim that the protests were run from "
                       "abroad, with Romania and Ukraine named as the main culprits. Both denied it.")
    assert {"Romania", "Ukraine"} <= _accused(article)
