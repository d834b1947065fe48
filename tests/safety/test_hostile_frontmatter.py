"""Hostile frontmatter: what a pasted or crafted file may hold that no editor means.

Each class of input runs through the real command line (``check`` and ``build``
side by side, with a timeout): it must end in a located message with a fix,
exit code 1, quickly, with the previous site left whole. docs/hostile-inputs.md
lists every class probed and what the product does with it.
"""

from __future__ import annotations

import time

import pytest

from .helpers import Project, assert_reported, snapshot

NEW = "briefings/hostile.md"


def draft(extra: str, title: str = "Hostile probe", body: str = "Body text.\n") -> str:
    return f'---\ntitle: "{title}"\ndate: 2025-09-01\nsummary: "A summary."\nstatus: draft\n{extra}---\n{body}'


def refused_by_both(project: Project, line: int | None, column: int | None, message: str, hint: str = "",
                    limit: float = 60, more: tuple = ()) -> None:
    """``check`` and ``build`` both report the problem (and each of ``more``: (line, column, message)),
    quickly, and the previous site is untouched."""
    before = snapshot(project.output)
    started = time.monotonic()
    for run in project.cli_both("--drafts"):
        assert_reported(run, f"content/{NEW}", line, column, message, hint)
        for other in more:
            assert_reported(run, f"content/{NEW}", *other)
    assert time.monotonic() - started < limit
    assert snapshot(project.output) == before


def test_a_list_of_ten_thousand_items_is_refused_at_once(project: Project):
    # 10,000 tags made 10,000 tag pages: the build ran for minutes.
    tags = "".join(f"  - tag {n}\n" for n in range(10_000))
    project.write(NEW, draft("tags:\n" + tags))
    refused_by_both(project, 6, 1, "'tags' lists 10,000 items, over the limit of 200", "keep the 200")


def test_a_long_list_of_entries_is_refused_by_its_key(project: Project):
    events = "".join(f"  - {{date: 2025-01-01, title: Event {n}}}\n" for n in range(201))
    project.write(NEW, draft("events:\n" + events))
    refused_by_both(project, 6, 1, "'events' lists 201 items, over the limit of 200")


ODD_KEYS = ["1", "null", "true", "~", "2025-01-01", "0x1F", "1.5"]


def test_odd_keys_are_named_as_written_at_their_line(project: Project):
    project.write(NEW, draft("".join(f"{key}: value\n" for key in ODD_KEYS)))
    refused_by_both(project, 6, 1, "unknown field '1'",
                    more=[(6 + n, 1, f"unknown field '{key}'") for n, key in enumerate(ODD_KEYS)])


def test_odd_keys_inside_entries_are_named_as_written(project: Project):
    project.write(NEW, draft("events:\n  - date: 2025-01-01\n    title: T\n    null: x\n"))
    refused_by_both(project, 9, 5, "unknown field 'events[1].null'")


INVISIBLE_FIELDS = [  # (character, field, its line in the draft, its name in the message)
    ("\u202e", "tags: [\"abc{c}def\"]", 6, "tags[1]"),
    ("\u200b", "slug: \"ab{c}c\"", 7, "slug"),
    ("\u2069", "actors: [\"Jane{c} Doe\"]", 8, "actors[1]"),
    ("\u2066", "sources:\n  - publisher: \"P{c}Q\"", 10, "sources[1].publisher"),
    ("\u200d", "    title: \"T{c}x\"", 11, "sources[1].title"),
    ("\ufeff", "    url: \"https://a.org/{c}x\"", 12, "sources[1].url"),
]


def test_invisible_characters_in_names_slugs_and_sources_are_refused(project: Project):
    project.write(NEW, draft("".join(field.replace("{c}", c) + "\n" for c, field, _, _ in INVISIBLE_FIELDS)))
    refused_by_both(project, 6, None, "'tags[1]' contains the invisible character U+202E", "delete it",
                    more=[(line, None, f"'{key}' contains the invisible character U+{ord(c):04X}")
                          for c, _, line, key in INVISIBLE_FIELDS])


def test_an_invisible_character_in_a_title_is_refused(project: Project):
    project.write(NEW, draft("", title="Moldova\u202e votes"))
    refused_by_both(project, 2, 1, "'title' contains the invisible character U+202E (right-to-left override)")


def test_a_slug_windows_keeps_for_a_device_is_refused(project: Project):
    project.write(NEW, draft("slug: con\n"))
    refused_by_both(project, 6, 1, "slug 'con' is a name Windows keeps for a device", "slug: con-1")


@pytest.mark.parametrize("slug", ["con", "aux", "nul", "prn", "com1", "lpt9", "CON", "nul.md"])
def test_every_device_name_is_known(slug: str):
    from site_builder.content.slugs import slugify, windows_reserved

    assert windows_reserved(slug) and not windows_reserved(slugify(slug))
    assert not windows_reserved("console") and not windows_reserved("com10") and not windows_reserved("auxiliary")


def test_a_file_name_windows_keeps_for_a_device_is_refused(project: Project):
    project.write("briefings/con.md", draft(""))
    for run in project.cli_both("--drafts"):
        assert_reported(run, "content/briefings/con.md", None, None, "the file name 'con.md' is a name Windows keeps",
                        "con-1.md")


def test_generated_slugs_windows_keeps_get_a_suffix(project: Project):
    project.write(NEW, draft("tags: [Con, NUL, com1]\n"))
    run = project.cli("build", "--drafts")
    assert run.returncode == 0, run.stderr
    tags = {p.name for p in (project.output / "tags").iterdir()}
    assert {"con-1", "nul-1", "com1-1"} <= tags and not {"con", "nul", "com1"} & tags


def test_an_entity_slug_windows_keeps_is_refused(project: Project):
    project.edit("entities/actors.yaml", "- name: Ilan Shor", "- name: Ilan Shor\n  slug: aux")
    problems = project.check()
    assert any("slug 'aux' is a name Windows keeps" in p.message and p.hint.endswith("aux-1") for p in problems)


@pytest.mark.parametrize("extra, line, message", [
    ("events:\n  - {date: 0001-01-01, title: T}\n", 7, "'events[1].date' 0001-01-01 has a year outside 1800 to 2999"),
    ("events:\n  - {date: 9999-12-31, title: T, scheduled: true}\n", 7, "has a year outside 1800 to 2999"),
])
def test_dates_at_the_ends_of_the_calendar_are_refused_not_a_crash(project: Project, extra, line, message):
    # 0001-01-01 passed check and then ended the build with an OverflowError (exit 70) in the timeline.
    project.write(NEW, draft(extra))
    refused_by_both(project, line, None, message, "check the year")


def test_a_nul_written_as_a_yaml_escape_is_refused(project: Project):
    # A file cannot hold a NUL, but "\0" in quotes can; it reached feed.xml, which XML forbids.
    project.write(NEW, draft('tags: ["a\\0b"]\n'))
    refused_by_both(project, 6, None, "'tags[1]' contains the invisible control character U+0000")


def test_a_page_may_not_take_the_search_bundles_folder(project: Project):
    project.write("pages/search-bundle.md", '---\ntitle: "Bundle"\nslug: pagefind\n---\nText.\n')
    for run in project.cli_both():
        assert_reported(run, "content/pages/search-bundle.md", 3, None, "page slug 'pagefind' is reserved")
