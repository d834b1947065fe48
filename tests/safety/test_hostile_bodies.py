"""Bodies nested deeper than the renderer's stack: ``- - - … x`` or ``1. 1. … x`` on one
line, 5,000 stars around a word. Each used to end the build with a RecursionError
(exit 70); now ``check`` and ``build`` name the file and line, and a shape no limit
knows is still a located problem, never a crash (docs/hostile-inputs.md)."""

from __future__ import annotations

import pytest

from site_builder.content import schema

from .helpers import Project, assert_reported, find_problem, snapshot

NEW = "briefings/deep.md"
DRAFT = '---\ntitle: "Deep"\ndate: 2025-09-01\nsummary: "A summary."\nstatus: draft\n---\nIntro.\n\n{body}\n'


@pytest.mark.parametrize("body, message", [
    ("- " * 500 + "x", "list items and quotes nested over 100 deep at the start of this line"),
    ("1. " * 500 + "x", "list items and quotes nested over 100 deep at the start of this line"),
    ("> - " * 300 + "x", "list items and quotes nested over 100 deep at the start of this line"),
    ("*" * 5000 + "x" + "*" * 5000, "a run of 5000 '*' characters: emphasis nested over 100 deep"),
    ("_" * 3000 + "x" + "_" * 3000, "a run of 3000 '_' characters: emphasis nested over 100 deep"),
])
def test_deep_nesting_on_one_line_is_a_located_problem(project: Project, body: str, message: str):
    project.write(NEW, DRAFT.format(body=body))
    before = snapshot(project.output)
    for run in project.cli_both("--drafts"):
        assert_reported(run, f"content/{NEW}", 9, None, message, "")
    assert snapshot(project.output) == before


def test_a_long_horizontal_rule_is_not_emphasis(project: Project):
    project.write(NEW, DRAFT.format(body="*" * 300 + "\n\n" + "_ " * 300))
    assert project.check(drafts=True) == []


def test_nesting_that_no_limit_knows_is_a_problem_not_a_crash(project: Project, monkeypatch):
    monkeypatch.setattr(schema, "body_problems", lambda *args: [])  # a shape the limits do not know
    project.write(NEW, DRAFT.format(body="- " * 500 + "x"))
    problems = project.failing_build(drafts=True)
    find_problem(problems, NEW, 7, "the text is nested too deeply to be made into a page")


def test_a_body_that_runs_out_of_stack_leaves_the_next_bodies_whole():
    # The converter is shared between bodies; one cut short by a RecursionError left it half-way,
    # and every later body of the process (a preview session's too) came out as escaped markdown.
    from site_builder.render.bodies import _render

    assert _render("- " * 500 + "x", [], "/", {}) is None
    assert _render("*emphasis* and [a link](/about/)", [], "/", {}) == \
        '<p><em>emphasis</em> and <a href="/about/">a link</a></p>'
