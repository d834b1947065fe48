"""One list of verbs of reported speech serves quotations, reported accusations and the
proposed headline: a verb that one of them used to miss is known to all three."""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.article import Article, Block, RawArticle
from site_builder.ingest.extract.findings import extract, propose_title
from site_builder.ingest.extract.statements import find_statements

TODAY = dt.date(2026, 6, 1)


def test_a_quotation_ended_by_a_finding_verb_has_its_speaker():
    statements = find_statements(["“The pages were copied from one template,” the Baltic Ledger reported."],
                                 lambda name: None)
    assert [(s.speaker, s.quote) for s in statements] == [("Baltic Ledger", "The pages were copied from one template")]


def test_an_accusation_reported_with_announced_names_its_subject(kb, matcher):
    raw = RawArticle("speech.txt", [Block("The interior ministry announced that Belarus had paid bloggers to spread "
                                          "disinformation among Estonian voters.")],
                     title="Ministry names a state behind paid posts", published=dt.date(2026, 3, 2))
    assert "Belarus" in {c.actor for c in extract(raw, kb, matcher, TODAY).attribution}


def test_a_headline_from_a_lead_drops_any_verb_of_saying():
    article = Article("speech.txt", "", "", "", "", None, "",
                      ["The electoral commission warned on Monday it had removed 400 fake accounts from the register."])
    assert propose_title(article) == "The electoral commission removed 400 fake accounts from the register"
