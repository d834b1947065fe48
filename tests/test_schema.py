import datetime as dt
from pathlib import Path

from site_builder.load import read_document
from site_builder.schema import read_briefing

TODAY = dt.date(2026, 1, 1)


def briefing_from(tmp_path: Path, text: str):
    path = tmp_path / "b.md"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_document(path, tmp_path)
    if doc is None:
        return None, problems
    return read_briefing(doc, TODAY)


def test_valid_briefing(tmp_path):
    b, problems = briefing_from(tmp_path, "---\ntitle: T\ndate: 2025-01-02\nsummary: S\ncountries: [Czechia]\n"
                                          "sources: [{publisher: P, title: T, url: 'https://p.example/'}]\n---\nBody\n")
    assert problems == []
    assert b.title == "T" and b.date == dt.date(2025, 1, 2) and b.status == "published"
    assert b.refs["countries"][0].name == "Czechia" and b.refs["countries"][0].line == 5
    assert b.body_line == 8 and b.slug == "b"


def test_missing_title_is_located(tmp_path):
    b, problems = briefing_from(tmp_path, "---\ndate: 2025-01-02\nsummary: S\n---\n")
    assert b is None
    assert any("title" in p.message and p.line == 2 for p in problems)


def test_bad_and_impossible_and_future_dates(tmp_path):
    _, problems = briefing_from(tmp_path, "---\ntitle: T\ndate: 2025-02-30\nsummary: S\nupdated: 2031-01-01\n---\n")
    messages = {p.line: p.message for p in problems}
    assert "not a real date" in messages[3]
    assert "future" in messages[5]
    _, problems = briefing_from(tmp_path, "---\ntitle: T\ndate: 02/01/2025\nsummary: S\n---\n")
    assert problems[0].line == 3 and "YYYY-MM-DD" in problems[0].message


def test_wrong_types_and_unknown_fields(tmp_path):
    text = "---\ntitle: [a, b]\ndate: 2025-01-02\nsummary: S\ncountries: 5\ncountrys: [X]\nsources:\n  - publisher: P\n    title: T\n    url: ftp://x\n---\n"
    _, problems = briefing_from(tmp_path, text)
    by_line = {p.line: p for p in problems}
    assert "must be text" in by_line[2].message
    assert "countrys" in by_line[6].message and "countries" in by_line[6].hint
    assert "http" in by_line[10].message


def test_attribution_confidence_is_checked(tmp_path):
    text = "---\ntitle: T\ndate: 2025-01-02\nsummary: S\nattribution:\n  - actor: A\n    confidence: certain\n---\n"
    _, problems = briefing_from(tmp_path, text)
    assert problems[0].line == 7 and "confirmed" in problems[0].hint


def test_unclosed_frontmatter(tmp_path):
    _, problems = briefing_from(tmp_path, "---\ntitle: T\n")
    assert "not closed" in problems[0].message and problems[0].line == 1
