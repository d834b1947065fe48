"""Whatever the bytes, ingest answers with articles or a clear error, never an exception."""

from __future__ import annotations

import codecs

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.ingest.pipeline import ingest_bytes

from .conftest import SOURCES, TODAY

_PIECES = [
    "PRAGUE — ", "By Jane Doe\n", "Published 3 March 2025\n", "Advertisement\n", "“Quote,” he said.\n",
    "Tag - Politics\n", "X contributed to this report.\n", "<p>", "</p>", "<script>alert(1)</script>", "\r\n", "\n\n",
    "Moldova", "Russian", "the Kremlin", "Sunday", "last year", "Aug. 29", "98.5 percent", "$381,000", " | Getty Images",
    "Ș", "\ufeff", "\x00", "—", "…", "Ukrainian President Volodymyr Zelenskyy said ",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.booleans())
def test_random_bytes(kb_matcher, raw, html):
    kb, matcher = kb_matcher
    result = ingest_bytes(raw, "random.txt", kb, matcher, TODAY, html=html)
    assert result.error is not None or result.articles


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=40), max_size=60), st.booleans())
def test_random_article_shaped_text(kb_matcher, pieces, html):
    kb, matcher = kb_matcher
    text = "".join(pieces)
    for encoding in ("utf-8", "utf-16"):
        raw = text.encode(encoding, errors="replace")
        result = ingest_bytes(raw, "shaped.txt", kb, matcher, TODAY, html=html)
        assert result.error is not None or result.articles
        for article in result.articles:
            assert article.title and article.summary
            assert all("<script" not in p for p in article.paragraphs)


def test_every_fixture_survives_truncation_at_any_point(kb_matcher):
    kb, matcher = kb_matcher
    raw = (SOURCES / "three_articles_crlf.txt").read_bytes()
    for cut in range(0, len(raw), 97):
        result = ingest_bytes(raw[:cut], "cut.txt", kb, matcher, TODAY)
        assert result.error is not None or result.articles


def test_bom_and_utf16_pages(kb_matcher):
    kb, matcher = kb_matcher
    page = (SOURCES / "georgia_bots_jsonld.html").read_text(encoding="utf-8")
    for raw in (codecs.BOM_UTF8 + page.encode("utf-8"), codecs.BOM_UTF16_LE + page.encode("utf-16-le")):
        result = ingest_bytes(raw, "page.html", kb, matcher, TODAY)
        assert [a.title for a in result.articles] == ["Bot accounts amplified ruling party posts on election eve"]
