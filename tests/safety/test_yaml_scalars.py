"""A value YAML cannot build ('title: !!int abc', 'code: 0x_') is a content problem like any
other: the build prints ``file:line:col: error: ...`` with a fix, exits 1 without a traceback,
and the previous site stays as it was."""

from __future__ import annotations

from .helpers import Project, assert_reported, find_problem, snapshot

MOLDOVA = "briefings/moldova-vote-buying.md"
ACTORS = "entities/actors.yaml"
TITLE = 'title: "Moldova investigates vote buying before its parliamentary election"'


def test_unbuildable_yaml_values_stop_the_build_at_their_place(project: Project) -> None:
    project.edit(MOLDOVA, TITLE, "title: !!int abc")
    project.edit(ACTORS, "  type: person\n", "  type: person\n  code: 0x_\n")
    output_before = snapshot(project.output)
    content_before = snapshot(project.content)
    assert output_before, "the previous build is missing"

    problems = project.failing_build()
    find_problem(problems, MOLDOVA, 2, "'abc' is not a whole number, which its '!!int' tag requires", column=8)
    find_problem(problems, ACTORS, 8, "'0x_' looks like a number but is not a valid one", column=9)

    run = project.cli("build")
    assert_reported(run, f"content/{MOLDOVA}", 2, 8, "'abc' is not a whole number",
                    "remove the '!!int' tag (content needs no tags); quote the value if it is text, e.g. \"abc\"")
    assert_reported(run, f"content/{ACTORS}", 8, 9, "'0x_' looks like a number",
                    "quote the value if it is text, e.g. \"0x_\"")
    assert run.stderr.rstrip().endswith("nothing was written.")
    assert snapshot(project.output) == output_before, "a failed build changed the previous site"
    assert snapshot(project.content) == content_before, "a content file was changed"
