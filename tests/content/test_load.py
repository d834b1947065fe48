"""Reading content files: frontmatter splitting, names and the inside-the-folder check, field readers."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.errors import Problem, display_path
from site_builder.content.fields import FieldReader
from site_builder.content.load import check_inside, read_content_text, read_document, split_frontmatter
from site_builder.content.schema import read_briefing

HYPOTHESIS = dict(deadline=None, derandomize=bool(os.environ.get("CI")),
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def split_by_lines(text: str) -> tuple[str, str, int] | None:
    """The frontmatter rule stated line by line: the first later line that strips to '---' or '...' closes it."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    return None


PIECES = st.sampled_from(["---", "...", "--", "----", ". . .", "\n", " ", "\t", "\u00a0", "\u2003", "\u2028", "\x85", "\x1c",
                          "\x0b", "a", "title: x", "\n---\n", "\n...\n", "\n--- \n", "\n ...\t\n", "é"])


@settings(max_examples=500, **HYPOTHESIS)
@given(text=st.lists(PIECES, max_size=30).map("".join))
def test_split_frontmatter_follows_the_line_rule(text):
    result = split_frontmatter(text, "f.md")
    expected = split_by_lines(text)
    if not text.strip():
        assert isinstance(result, Problem) and "empty" in result.message
    elif expected is None:
        assert isinstance(result, Problem) and result.line == 1
    else:
        assert result == expected


@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: a\n---\nBody\n", ("title: a", "Body\n", 4)),
    ("---\n---\n", ("", "", 3)),
    ("---\n---", ("", "", 3)),
    ("---  \ntitle: a\n  ...\t\nBody", ("title: a", "Body", 4)),
    ("---\na: '---x'\nb: ...y\n----\n\u00a0---\u2003\nafter\n---\n", ("a: '---x'\nb: ...y\n----", "after\n---\n", 6)),
    ("---\na\u2028---\n---\nz", ("a\u2028---", "z", 4)),
])
def test_split_frontmatter_examples(text, expected):
    assert split_frontmatter(text, "f.md") == expected


def test_names_and_the_inside_check_match_display_path(tmp_path, monkeypatch):
    root = tmp_path / "content"
    (root / "briefings").mkdir(parents=True)
    inside = root / "briefings" / "a.md"
    inside.write_text("---\ntitle: a\n---\n", encoding="utf-8")
    outside = tmp_path / "secret.md"
    outside.write_text("---\ntitle: s\n---\n", encoding="utf-8")
    (root / "briefings" / "link-out.md").symlink_to(outside)
    (root / "briefings" / "link-in.md").symlink_to(inside)
    (tmp_path / "alias").symlink_to(root)
    paths = [inside, root / "briefings" / "link-out.md", root / "briefings" / "link-in.md",
             tmp_path / "alias" / "briefings" / "a.md", Path("content/briefings/a.md")]
    for cwd in (tmp_path, root / "briefings", Path("/")):
        monkeypatch.chdir(cwd)
        for path in paths:
            if not path.is_absolute() and cwd != tmp_path:
                continue
            name, text, problems = read_content_text(path, root)
            assert name == display_path(path)
            refused = check_inside(path, root, name)
            assert (text is None) == (refused is not None)
            if refused:
                assert problems == [refused]
            assert (refused is None) == (path.resolve().is_relative_to(root.resolve()))


def test_read_document_positions_in_file_lines(tmp_path):
    path = tmp_path / "b.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\nsources:\r\n  - url: u\r\n    title: t\r\n...\r\nBody\r\n")
    doc, problems = read_document(path, tmp_path)
    assert problems == []
    assert doc.meta.positions[("title",)] == (2, 1)
    assert doc.meta.positions[("sources", 0, "title")] == (5, 5)
    assert doc.body == "Body\n" and doc.body_line == 7


def test_read_document_refuses_aliases_and_duplicates_at_their_lines(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("---\ntitle: T\ntitle: U\n---\n", encoding="utf-8")
    doc, problems = read_document(path, tmp_path)
    assert doc.meta.data == {"title": "U"} and [(p.line, p.column) for p in problems] == [(3, 1)]
    path.write_text("---\ntitle: &t T\nsummary: *t\n---\n", encoding="utf-8")
    doc, problems = read_document(path, tmp_path)
    assert doc is None and (problems[0].line, problems[0].column) == (2, 8) and "alias" in problems[0].message


def test_text_list_items_and_their_problems():
    meta = {"countries": ["Czechia", "  Slovakia ", 5, 1.5, True, "", "   ", None, ["x"], "a\x1fb"]}
    positions = {("countries",): (5, 1), **{("countries", i): (6 + i, 3) for i in range(10)}}
    r = FieldReader("f.md", positions)
    items = r.text_list(meta, ("countries",))
    assert items == (("Czechia", (6, 3)), ("Slovakia", (7, 3)), ("5", (8, 3)), ("1.5", (9, 3)))
    found = [f"found {kind}" for kind in ("true/false (True)", "text ('')", "text ('   ')", "nothing", "a list")]
    assert [(p.line, p.message) for p in r.problems] == [
        *((10 + i, f"items of 'countries' must be names, {what}") for i, what in enumerate(found)),
        (15, "'countries[10]' contains the invisible control character U+001F")]


@pytest.mark.parametrize("value, ok", [
    ("https://example.org/a", True), ("http://example.org", True), ("https://example.org/a b", False),
    ("https://example.org/a\u00a0b", False), ("https://example.org/a\u2003b", False), ("https://example.org/\u3000x", False),
    ("https://example.org/a\u200bb", False), ("ftp://example.org", False), ("https:///x", False),
])
def test_url_refuses_any_space(value, ok):
    r = FieldReader("f.md", {("url",): (3, 1)})
    assert (r.url({"url": value}, ("url",)) == value) == ok
    assert (r.problems == []) == ok


@pytest.mark.parametrize("value, expected, message", [
    ("  T  ", "T", None), ("", "", "is empty"), ("   ", "", "is empty"), (None, "", "is missing"), (7, "7", None),
    (False, "", "must be text"), (["a"], "", "must be text"), ("a\x01", "", "control character"),
])
def test_text_field(value, expected, message):
    r = FieldReader("f.md", {("title",): (2, 1)})
    mapping = {} if value is None else {"title": value}
    assert r.text(mapping, ("title",), required=True) == expected
    assert [message in p.message for p in r.problems] == ([True] if message else [])


def test_briefing_fields_read_from_a_file(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("---\ntitle: '  T '\ndate: 2025-01-02\nsummary: S\ncountries: [Czechia, 5, '']\n"
                    "sources:\n  - publisher: P\n    title: T\n    url: https://x.example/a\u2003b\n---\nBody\n", encoding="utf-8")
    doc, problems = read_document(path, tmp_path)
    briefing, problems = read_briefing(doc, dt.date(2026, 1, 1))
    assert briefing.title == "T" and [ref.name for ref in briefing.refs["countries"]] == ["Czechia", "5"]
    assert [(p.line, p.column) for p in problems] == [(5, 25), (9, 5)]

