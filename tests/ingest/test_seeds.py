"""The shared seed articles: boundaries, furniture, and every known entity they name."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from site_builder.ingest.split.clean import CONTENT, classify
from site_builder.ingest.extract.match import Matcher
from site_builder.ingest.pipeline import ingest_file
from site_builder.content.slugs import strip_diacritics

from .conftest import real_kb, seed_dir

TODAY = dt.date(2026, 6, 1)
SEED_FURNITURE = (
    "Tag - ", "contributed to this report", "This article is being updated", "Herrera", "Getty Images",
    "notifications", "Notifications", "Your support", "donation", "Thank you for registering", "refresh the page",
    "logged in", "___", "reproductive rights", "is trusted by Americans", "makes all the difference",
)


@pytest.fixture(scope="module")
def seeds():
    folder = seed_dir()
    kb = real_kb()
    matcher = Matcher.build(kb)
    results = {path.name: ingest_file(path, kb, matcher, TODAY) for path in sorted(folder.glob("*.txt"))}
    return kb, results


def test_boundaries(seeds):
    _, results = seeds
    assert len(results["000_59427e2a32ca8ee2.txt"].articles) == 3
    assert len(results["001_bcc466b4c2a2df01.txt"].articles) == 1


def test_no_furniture_survives(seeds):
    _, results = seeds
    for result in results.values():
        for article in result.articles:
            for text in [t for t in (article.title, article.standfirst, *article.paragraphs) if t]:
                assert classify(text) == CONTENT, text
                for furniture in SEED_FURNITURE:
                    assert furniture not in text, (furniture, text)


def _named(text: str, form: str) -> bool:
    pattern = r"(?<![\w-])" + re.escape(form) + r"(?![\w])"
    return bool(re.search(pattern, text) or re.search(pattern, strip_diacritics(text)))


def test_every_known_country_platform_and_actor_named_is_found(seeds):
    kb, results = seeds
    for result in results.values():
        for article in result.articles:
            text = "\n".join([article.title, article.standfirst, article.dateline, *article.paragraphs])
            for kind in ("countries", "platforms", "actors"):
                expected = {entity.name for form, entity in kb.surface_forms(kind) if len(form) > 1 and _named(text, form)}
                if kind == "platforms" and re.search(r"(?<!\w)X(?!\w)", text):
                    expected.add("X")
                missing = expected - set(article.names(kind))
                assert not missing, (article.source, kind, missing)


def test_seed_metadata(seeds):
    _, results = seeds
    one, two, three = results["000_59427e2a32ca8ee2.txt"].articles
    assert (one.dateline, three.dateline, two.dateline) == ("Prague", "Chișinău, Moldova", "")
    # No dates in the dump: inferred from the Czech (Fri-Sat) and Moldovan (Sunday) votes, and flagged.
    assert (one.published, two.published, three.published) == (dt.date(2025, 10, 3), dt.date(2025, 9, 29), dt.date(2025, 9, 28))
    assert all("published" in a.review and "title" in a.review for a in (one, two, three))
    assert "2025 Czech parliamentary election" in one.names("elections")
    assert "2025 Moldovan parliamentary election" in two.names("elections")
    assert "2025 Moldovan parliamentary election" in three.names("elections")
    [independent] = results["001_bcc466b4c2a2df01.txt"].articles
    assert independent.title == "The European Union demands TikTok's response to Romanian files suggesting Moscow's role in vote"
    assert independent.standfirst.startswith("The European Union has sent TikTok an urgent request")
    assert (independent.author, independent.publisher, independent.published) == (
        "Kelvin Chan", "The Independent", dt.date(2024, 12, 6))
    assert "2024 Romanian presidential election" in independent.names("elections")


def test_seed_statements_have_speakers(seeds):
    _, results = seeds
    speakers = {s.speaker for r in results.values() for a in r.articles for s in a.statements}
    assert {"Ursula von der Leyen", "Kaja Kallas", "Volodymyr Zelenskyy", "Donald Tusk", "Petr Fiala",
            "Alexander Gusev", "Leonid Slutsky", "Stanislav Secrieru", "Dorina Baltag", "Siegfried Mureșan",
            "Henna Virkkunen", "TikTok", "Online Risk Labs"} <= speakers
