"""Bodies shaped to slow Python-Markdown down: under the limits they render, over them
``check`` and ``build`` report the paragraph (file, line, fix) and the previous site stays."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from site_builder.content.body_limits import MAX_DEPTH, MAX_OPEN_TAGS, MAX_PARAGRAPH_CHARS, body_problems
from site_builder.render.markdown_body import render_markdown

from .helpers import Project, assert_reported, find_problem, snapshot

HEAD = '---\ntitle: "Worst case"\ndate: 2025-09-01\nsummary: "A summary."\n---\n'
BODY_LINE = HEAD.count("\n") + 1
LEAD = "A first paragraph.\n\n"  # the shape starts on the body's third line

# name: (body of a given size, size under the limits, size over them, words of the message, words of the fix)
SHAPES = {
    "open brackets": (lambda n: "[" * n, 5_000, MAX_PARAGRAPH_CHARS + 1, "paragraph of", "split this paragraph"),
    "words after brackets": (lambda n: "[ word " * n, 2_000, 3_000, "paragraph of", "split this paragraph"),
    "emphasis": (lambda n: "*a" * n, 5_000, 10_001, "paragraph of", "split this paragraph"),
    "underscores": (lambda n: "_a " * n, 5_000, 7_000, "paragraph of", "split this paragraph"),
    "one long line": (lambda n: "word " * n, 2_000, 4_001, "paragraph of", "split this paragraph"),
    "long table": (lambda n: "| a | b |\n| - | - |\n" + "| x | y |\n" * n, 1_000, 2_300, "paragraph of", "or table"),
    "nested divs": (lambda n: "<div>\n\n" * n, MAX_DEPTH, MAX_DEPTH + 1, "HTML elements nested over", "close the elements"),
    "nested divs on a line": (lambda n: "<div>" * n, MAX_DEPTH, MAX_DEPTH + 1, "HTML elements nested over", "close the elements"),
    "nested quotes": (lambda n: ">" * n + " a", MAX_DEPTH, MAX_DEPTH + 1, "quotes nested", "extra '>'"),
    "nested lists": (lambda n: "".join(" " * (4 * i) + "- a\n\n" for i in range(n)), 50, 101, "list nested", "indent"),
    "unclosed tags": (lambda n: "<a " * n, MAX_OPEN_TAGS, MAX_OPEN_TAGS + 1, "never closed", "&lt;"),
    "footnotes": (lambda n: "".join(f"x[^{i}]\n\n[^{i}]: note\n\n" for i in range(n)), 1_000, 1_001,
                  "footnote references", "split this briefing"),
    "markup in paragraphs": (lambda n: ("*a" * 4000 + "\n\n") * n, 20, 26, "markup characters", "split this briefing"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_under_the_limits_renders_and_over_them_is_reported(shape: str) -> None:
    make, small, large, message, hint = SHAPES[shape]
    body = LEAD + make(small)
    assert body_problems(body, "b.md", BODY_LINE) == []
    assert render_markdown(body).startswith("<p>A first paragraph.</p>")
    problems = body_problems(LEAD + make(large), "b.md", BODY_LINE)
    assert problems, "over the limit and not reported"
    first = next(p for p in problems if message in p.message)
    assert hint in first.hint
    assert BODY_LINE <= first.line <= BODY_LINE + (LEAD + make(large)).count("\n")


def test_check_and_build_refuse_an_oversized_paragraph_and_keep_the_site(project: Project) -> None:
    project.write("briefings/worst.md", HEAD + LEAD + "[" * (MAX_PARAGRAPH_CHARS + 1) + "\n")
    output_before = snapshot(project.output)
    line = BODY_LINE + 2
    find_problem(project.check(), "briefings/worst.md", line, "over the limit of 20,000")
    find_problem(project.failing_build(), "briefings/worst.md", line, "over the limit of 20,000")
    check_run, build_run = project.cli_both()
    for run in (check_run, build_run):
        assert run.returncode == 1
        assert_reported(run, "content/briefings/worst.md", line, None, "paragraph of 20,001 characters", "split this paragraph")
    assert snapshot(project.output) == output_before


PIECES = st.sampled_from(["[", "]", "(", ")", "![", "*", "_", "`", "<", ">", "<div>", "</div>", "|", "- ",
                          "    ", "> ", "a", " ", "\n", "\n\n", "&", "\\", '"', "[a](b)", "word "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(PIECES, st.integers(1, 400)), max_size=8))
def test_any_body_renders_or_is_reported(runs) -> None:
    """Runs of markup: either the limits report a located problem with a fix, or the body renders."""
    body = "".join(piece * count for piece, count in runs)
    problems = body_problems(body, "b.md", 7)
    for problem in problems:
        assert 7 <= problem.line <= 7 + body.count("\n") and problem.hint
    if not problems:
        assert isinstance(render_markdown(body), str)
