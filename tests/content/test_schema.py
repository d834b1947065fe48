import datetime as dt
from pathlib import Path

from site_builder.content.load import read_document
from site_builder.content.schema import read_briefing

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


CITING = """---
title: T
date: 2025-01-02
summary: S
sources:
  - {publisher: AP, title: First, url: "https://example.org/a", id: ap}
  - {publisher: BBC, title: Second, url: "https://example.org/b", archived: "https://web.archive.org/web/2025/https://example.org/b"}
events:
  - {date: 2025-01-01, title: By id, source: ap, locator: "para 4"}
  - {date: 2025-01-01, title: By number, source: 2}
  - {date: 2025-01-01, title: Uncited}
attribution:
  - {actor: Somebody, confidence: alleged, source: "2", locator: '"a few words"'}
---
"""


def test_events_and_claims_cite_a_source_by_id_or_number(tmp_path):
    b, problems = briefing_from(tmp_path, CITING)
    assert problems == []
    assert [(e.citation.number, e.citation.locator) if e.citation else None for e in b.events] == \
        [(1, "para 4"), (2, ""), None]
    assert (b.attribution[0].citation.number, b.attribution[0].citation.locator) == (2, '"a few words"')
    assert b.sources[0].id == "ap" and b.sources[1].archived.startswith("https://web.archive.org/")
    assert [(w.line, w.message) for w in b.warnings] == [(11, "this event names no source it rests on")]


def test_a_citation_of_a_missing_source_is_located_with_the_valid_choices(tmp_path):
    _, problems = briefing_from(tmp_path, CITING.replace("source: 2}", "source: 3}").replace("source: ap,", "source: apx,"))
    found = {p.line: (p.message, p.hint) for p in problems}
    assert found[9][0] == "source 'apx' is not one of this briefing's sources"
    assert found[10][0] == "source 3 is not one of this briefing's sources"
    assert "use one of: 1 or ap, 2" in found[10][1]
    _, problems = briefing_from(tmp_path, CITING.replace("sources:\n  - {publisher: AP", "other:\n  - {publisher: AP")
                                .replace("  - {publisher: BBC, title: Second, url: \"https://example.org/b\", archived: \"https://web.archive.org/web/2025/https://example.org/b\"}\n", ""))
    assert any("add the source under 'sources:' first" in p.hint for p in problems)


def test_source_ids_are_names_and_unique_and_archived_copies_are_web_addresses(tmp_path):
    text = CITING.replace("archived: \"https://web.archive.org/web/2025/https://example.org/b\"",
                          "id: ap, archived: web.archive.org").replace("source: ap,", "source: 1,")
    _, problems = briefing_from(tmp_path, text)
    messages = sorted((p.line, p.message) for p in problems)
    assert [line for line, _ in messages] == [7, 7]
    assert "two sources have the id 'ap'" in messages[0][1] + messages[1][1]
    assert any("archived" in m and "must be a full http(s) web address" in m for _, m in messages)
    _, problems = briefing_from(tmp_path, CITING.replace("id: ap}", "id: '7'}").replace("source: ap,", "source: 1,"))
    assert [p.message for p in problems] == \
        ["source id '7' is a number, which would be mistaken for a source's position"]
