"""A corpus of editor mistakes: each must end in a located message with a fix,
exit code 1, no traceback, and the previous site and every content file untouched.

Each case breaks a fresh copy of ``fixtures/site`` and names the problems that
``check`` and ``build`` must report (path, line, column where known, words of
the message and of the fix). The library is called directly and the real
command line runs as a subprocess, ``check`` and ``build`` side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from .helpers import PROBLEM_LINE, Project, assert_reported, find_problem, snapshot

B = "briefings/tiktok-czech-accounts.md"  # the fixture's fullest briefing (see fixtures/site)
MOLDOVA = "briefings/moldova-vote-buying.md"
ACTORS = "entities/actors.yaml"


@dataclass(frozen=True)
class Expect:
    """One problem that must be reported: file (under the project folder), line, column, message and fix words."""

    path: str
    line: int | None
    column: int | None
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Project], None]
    expect: tuple[Expect, ...]
    extra_args: tuple[str, ...] = field(default=())


def content(rel: str) -> str:
    return f"content/{rel}"


def briefing(title: str, extra: str = "", body: str = "Body text.\n", date: str = "2025-09-01") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\nsummary: "A summary."\n{extra}---\n{body}'


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def break_template(p: Project) -> None:
    base = p.templates / "base.html"
    text = base.read_text(encoding="utf-8")
    base.write_text(text.replace("{% block main %}", "{% block main ", 1), encoding="utf-8")


def use_unknown_filter(p: Project) -> None:
    page = p.templates / "page.html"
    before, after = page.read_text(encoding="utf-8").rsplit("{% endblock %}", 1)
    page.write_text(before + "{{ page.title | nosuchfilter }}\n{% endblock %}" + after, encoding="utf-8")


def template_line(p: Project) -> int:
    return line_of((p.templates / "base.html").read_text(encoding="utf-8"), "{% block main ")


CASES = [
    Case("malformed-yaml", lambda p: p.edit(B, 'title: "TikTok removes', 'title: [TikTok removes'),
         (Expect(content(B), 2, 8, "opened with '[' here is not closed", "close it with ']'"),)),
    Case("tab-indentation", lambda p: p.edit(B, "  - publisher: Example News", "\t- publisher: Example News"),
         (Expect(content(B), 11, 1, "YAML syntax error", "tab"),)),
    Case("unclosed-frontmatter", lambda p: p.write(MOLDOVA, p.read(MOLDOVA).replace("---\nPolice", "Police")),
         (Expect(content(MOLDOVA), 1, 1, "frontmatter is not closed", "'---'"),)),
    Case("unclosed-quote", lambda p: p.edit(B, 'flagged for inauthentic behaviour."', "flagged for inauthentic behaviour."),
         (Expect(content(B), 4, None, "quoted value on this line is not closed", "quote"),)),
    Case("missing-title", lambda p: p.edit(B, 'title: "TikTok removes accounts targeting the Czech election"\n', ""),
         (Expect(content(B), 2, None, "required field 'title' is missing", "title:"),)),
    Case("empty-summary", lambda p: p.edit(MOLDOVA, 'summary: "Police in Moldova said a network linked to Ilan Shor paid voters ahead of the election."', 'summary: ""'),
         (Expect(content(MOLDOVA), 4, 1, "required field 'summary' is empty", "summary:"),)),
    Case("empty-source-field", lambda p: p.edit(MOLDOVA, "publisher: Example Wire", "publisher:"),
         (Expect(content(MOLDOVA), 11, 5, "'sources[1].publisher' is empty", "publisher:"),)),
    Case("wrong-types", lambda p: (p.edit(B, "countries: [Czechia, Russia]", "countries: 5"),
                                   p.edit(B, "title: \"TikTok removes accounts targeting the Czech election\"", "title: [a, b]"),
                                   p.edit(B, "status: published", "status: published") if "status:" in p.read(B) else None,
                                   p.edit(B, "confidence: alleged", "confidence: certain")),
         (Expect(content(B), 2, 1, "'title' must be text, found a list", "plain text"),
          Expect(content(B), 5, 1, "'countries' must be a list, found a number", "- "),
          Expect(content(B), 22, 17, "must be one of confirmed, likely, alleged, disputed", "confirmed"))),
    Case("date-not-iso", lambda p: p.edit(B, "date: 2025-10-02", "date: 02/10/2025"),
         (Expect(content(B), 3, 7, "must be a date written YYYY-MM-DD", "year-month-day"),)),
    Case("impossible-date", lambda p: p.edit(B, "date: 2025-10-02", "date: 2025-02-30"),
         (Expect(content(B), 3, 7, "is not a real date", "day of the month"),)),
    Case("impossible-event-date", lambda p: p.edit(B, "  - date: 2025-10-01", "  - date: 2025-13-01"),
         (Expect(content(B), 16, 11, "'events[1].date' is not a real date", "month"),)),
    Case("future-date", lambda p: p.edit(B, "date: 2025-10-02", "date: 2999-10-02"),
         (Expect(content(B), 3, 7, "is in the future", "YYYY-MM-DD"),)),
    Case("updated-before-date", lambda p: p.edit("briefings/moldova-election-day.md", "updated: 2025-09-29", "updated: 2025-09-01"),
         (Expect(content("briefings/moldova-election-day.md"), 4, 10, "'updated' 2025-09-01 is before 'date'", "on or after"),)),
    Case("unknown-country", lambda p: p.edit(B, "countries: [Czechia, Russia]", "countries: [Czechai, Russia]"),
         (Expect(content(B), 5, 13, "unknown country 'Czechai'", "did you mean 'Czechia'"),)),
    Case("unknown-actor-in-event-and-attribution",
         lambda p: (p.edit(B, "    actors: [Online Risk Labs]", "    actors: [Online Risk Lab]"),
                    p.edit(B, "  - actor: Russian government", "  - actor: Russian govt")),
         (Expect(content(B), 18, 14, "unknown actor 'Online Risk Lab'", "did you mean 'Online Risk Labs'"),
          Expect(content(B), 21, 5, "unknown actor 'Russian govt'", "actors.yaml"))),
    Case("unknown-country-in-entities", lambda p: p.edit(ACTORS, "country: Moldova", "country: Moldovaa"),
         (Expect(content(ACTORS), 8, 3, "unknown country 'Moldovaa'", "did you mean 'Moldova'"),)),
    Case("unknown-field", lambda p: p.edit(B, "summary:", "summry:"),
         (Expect(content(B), 4, 1, "unknown field 'summry'", "did you mean 'summary'"),
          Expect(content(B), 2, None, "required field 'summary' is missing", "summary:"))),
    Case("duplicate-key", lambda p: p.edit(B, "tags: [takedown, disinformation]", "tags: [takedown]\ntags: [disinformation]"),
         (Expect(content(B), 10, 1, "key 'tags' appears twice", "delete the other"),)),
    Case("frontmatter-not-a-mapping", lambda p: p.write("briefings/list.md", "---\n- one\n- two\n---\nBody\n"),
         (Expect(content("briefings/list.md"), 2, 1, "frontmatter must be 'key: value' lines", "title:"),)),
    Case("no-frontmatter", lambda p: p.write("briefings/plain.md", "Just text, no fields.\n"),
         (Expect(content("briefings/plain.md"), 1, 1, "does not start with '---'", "'---'"),)),
    Case("conflicting-alias-name", lambda p: p.write(ACTORS, p.read(ACTORS) + "\n- name: Kremlin\n  type: government\n"),
         (Expect(content(ACTORS), 18, 3, "'Kremlin' already names 'Russian government' (line 12)", "remove 'Kremlin'"),)),
    Case("conflicting-aliases", lambda p: p.write(ACTORS, p.read(ACTORS) + "\n- name: Moscow\n  type: government\n  aliases: [Kremlin]\n"),
         (Expect(content(ACTORS), 20, 3, "'Kremlin' already names 'Russian government'", "remove 'Kremlin'"),)),
    Case("duplicate-entity-slug", lambda p: p.write(ACTORS, p.read(ACTORS) + "\n- name: Shor Party\n  slug: ilan-shor\n  type: party\n"),
         (Expect(content(ACTORS), 19, 3, "slug 'ilan-shor' is used by both 'Ilan Shor' (line 6)", "different 'slug:'"),)),
    Case("bad-country-code", lambda p: p.edit("entities/countries.yaml", "code: MD", "code: XX"),
         (Expect(content("entities/countries.yaml"), 10, 3, "'XX' is not an ISO 3166", "CZ"),)),
    Case("election-without-dates", lambda p: p.edit("entities/elections.yaml", "  dates:\n    - 2025-09-28\n", ""),
         (Expect(content("entities/elections.yaml"), 10, 3, "needs at least one voting date", "dates:"),)),
    Case("entities-not-a-list", lambda p: p.write("entities/platforms.yaml", "name: TikTok\n"),
         (Expect(content("entities/platforms.yaml"), 1, 1, "platforms.yaml must be a list of entries", "README"),
          Expect(content(MOLDOVA), 6, 13, "unknown platform 'Telegram'", "platforms.yaml"))),
    Case("site-yaml", lambda p: p.write("site.yaml", "title: Site\nbase_url: example.org\nper_page: lots\n"),
         (Expect(content("site.yaml"), 2, 1, "base_url must be a full http(s) address", "https://"),
          Expect(content("site.yaml"), 3, 1, "per_page must be a whole number", "per_page: 10"))),
    Case("duplicate-slug", lambda p: p.write("briefings/zz-copy.md", briefing("Another title", "slug: tiktok-czech-accounts\n")),
         (Expect(content("briefings/zz-copy.md"), 5, None, "slug 'tiktok-czech-accounts' is also used by ", "slug:"),)),
    Case("duplicate-title", lambda p: p.write("briefings/zz-same.md", briefing("Moldova investigates vote buying before its parliamentary election")),
         (Expect(content("briefings/zz-same.md"), 2, None, "is also the title of ", "more specific"),)),
    Case("duplicate-page-slug", lambda p: p.write("pages/about-2.md", "---\ntitle: About again\nslug: about\n---\nText\n"),
         (Expect(content("pages/about.md"), 4, None, "page slug 'about' is also used by ", "slug:"),)),
    Case("reserved-page-slug", lambda p: p.write("pages/timeline.md", "---\ntitle: Timeline page\n---\nText\n"),
         (Expect(content("pages/timeline.md"), 1, None, "page slug 'timeline' is reserved", "another 'slug:'"),)),
    Case("bad-slug", lambda p: p.write("briefings/zz-slug.md", briefing("Escaping slug", "slug: ../../etc/passwd\n")),
         (Expect(content("briefings/zz-slug.md"), 5, 1, "may only hold lowercase letters", "etc-passwd"),)),
    Case("non-utf8", lambda p: p.write(B, p.read(B).encode("utf-8").replace(b"dozens of accounts", b"dozens of \xe9accounts")),
         (Expect(content(B), 4, 36, "not valid UTF-8 (byte 0xe9", "UTF-8"),)),
    Case("windows-1252", lambda p: p.write(B, p.read(B).replace("researchers", "r\u00e9searchers").encode("cp1252")),
         (Expect(content(B), 4, 51, "not valid UTF-8 (byte 0xe9, probably '\u00e9' saved as Windows-1252)", "Encoding: UTF-8"),)),
    Case("utf-16", lambda p: p.write(MOLDOVA, p.read(MOLDOVA).encode("utf-16")),
         (Expect(content(MOLDOVA), 1, 1, "file is saved as UTF-16", "UTF-8"),)),
    Case("latin1-entities", lambda p: p.write("entities/countries.yaml", "- name: Česko\n".encode("cp1250")),
         (Expect(content("entities/countries.yaml"), 1, 9, "not valid UTF-8", "UTF-8"),)),
    Case("nul-byte", lambda p: p.write(MOLDOVA, p.read(MOLDOVA) + "\x00\x00binary"),
         (Expect(content(MOLDOVA), 19, None, "NUL byte", "text file"),)),
    Case("control-character", lambda p: p.edit(MOLDOVA, "Police in Moldova searched", "Police in Moldova\x0csearched"),
         (Expect(content(MOLDOVA), 15, 18, "invisible control character U+000C", "copied from a PDF"),)),
    Case("escaped-control-character", lambda p: p.edit(MOLDOVA, "title: \"Moldova investigates", "title: \"Moldova\\x1finvestigates"),
         (Expect(content(MOLDOVA), 2, 1, "'title' contains the invisible control character U+001F", "escape sequence"),)),
    Case("empty-file", lambda p: p.write("briefings/empty.md", b""),
         (Expect(content("briefings/empty.md"), 1, None, "file is empty", "site-builder new"),)),
    Case("whitespace-file", lambda p: p.write("briefings/blank.md", b"\n  \n\t\n"),
         (Expect(content("briefings/blank.md"), 1, None, "file is empty", "---"),)),
    Case("empty-frontmatter", lambda p: p.write("briefings/nofields.md", "---\n---\nBody\n"),
         (Expect(content("briefings/nofields.md"), 2, 1, "frontmatter must be 'key: value' lines", "title:"),)),
    Case("python-object-tag",
         lambda p: p.write("briefings/evil.md", briefing("Evil", 'countries: !!python/object/apply:os.system ["touch PWNED"]\n')),
         (Expect(content("briefings/evil.md"), 5, 12, "could not determine a constructor", "remove the '!' tag"),)),
    Case("python-name-tag", lambda p: p.write("briefings/evil.md", briefing("Evil", "tags: [!!python/name:os.system x]\n")),
         (Expect(content("briefings/evil.md"), 5, 8, "could not determine a constructor", "'!' tag"),)),
    Case("python-new-tag",
         lambda p: p.write("entities/platforms.yaml", '- name: !!python/object/new:subprocess.Popen [["touch", "PWNED"]]\n'),
         (Expect(content("entities/platforms.yaml"), 1, 9, "could not determine a constructor", "'!' tag"),)),
    Case("local-tag", lambda p: p.write("briefings/evil.md", briefing("Evil", "summary2: !include /etc/passwd\n")),
         (Expect(content("briefings/evil.md"), 5, 11, "could not determine a constructor", "'!' tag"),)),
    Case("yaml-alias-bomb",
         lambda p: p.write("briefings/bomb.md", briefing("Bomb", "".join(
             f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n" if i else "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
             for i in range(12)))),
         (Expect(content("briefings/bomb.md"), 5, 5, "anchors and aliases", "in full"),)),
    Case("yaml-recursive-alias", lambda p: p.write("briefings/loop.md", briefing("Loop", "tags: &a [*a]\n")),
         (Expect(content("briefings/loop.md"), 5, 7, "anchors and aliases", "in full"),)),
    Case("deep-nesting", lambda p: p.write("briefings/deep.md", briefing("Deep", "tags: " + "[" * 100_000 + "\n")),
         (Expect(content("briefings/deep.md"), 5, None, "nested more than", "'['"),)),
    Case("unquoted-at", lambda p: p.edit(B, "claimed_by: Online Risk Labs", "claimed_by: @onlinerisklabs"),
         (Expect(content(B), 23, 17, "YAML syntax error", "starts with '@' must be in quotes"),)),
    Case("colon-in-value", lambda p: p.edit(B, 'title: "TikTok removes accounts targeting the Czech election"', "title: Vote: TikTok removes accounts"),
         (Expect(content(B), 2, 12, "the value holds ': '", "must be in quotes"),)),
    Case("javascript-source-url", lambda p: p.edit(B, "url: https://news.example.org/tiktok-czech", "url: javascript:alert(1)"),
         (Expect(content(B), 13, 5, "must be a full http(s) web address", "https://"),)),
    Case("broken-template", break_template,
         (Expect("templates/base.html", -1, None, "template syntax error", "must be closed"),)),
    Case("missing-template", lambda p: (p.templates / "term.html").unlink(),
         (Expect("templates/term.html", None, None, "template 'term.html' is missing", "restore term.html"),)),
    Case("unknown-template-filter", lambda p: use_unknown_filter(p),
         (Expect("templates/page.html", -2, None, "No filter named 'nosuchfilter'", "Jinja"),)),
]


def expected(case: Case, project: Project) -> list[Expect]:
    """Resolve line numbers that depend on files others edit (templates)."""
    out = []
    for e in case.expect:
        if e.line == -1:
            e = Expect(e.path, template_line(project), e.column, e.message, e.hint)
        elif e.line == -2:
            e = Expect(e.path, line_of((project.templates / "page.html").read_text(encoding="utf-8"), "nosuchfilter"),
                       e.column, e.message, e.hint)
        out.append(e)
    return out


@pytest.mark.slow  # a build per case: 50 cases
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_content_is_reported_and_nothing_is_lost(project: Project, case: Case) -> None:
    case.mutate(project)
    content_before = snapshot(project.content)
    templates_before = snapshot(project.templates)
    output_before = snapshot(project.output)
    assert output_before, "the previous build is missing"
    expect = expected(case, project)

    # The library: check returns every problem; build raises with the same ones and writes nothing.
    problems = project.check()
    build_problems = project.failing_build()
    for e in expect:
        found = find_problem(problems, e.path.removeprefix("content/"), e.line, e.message, e.column)
        assert e.hint in found.hint, found
        find_problem(build_problems, e.path.removeprefix("content/"), e.line, e.message, e.column)

    # The command line: exit code 1, located messages with a fix, no traceback.
    check_run, build_run = project.cli_both(*case.extra_args)
    for run in (check_run, build_run):
        for e in expect:
            assert_reported(run, e.path, e.line, e.column, e.message, e.hint)
    assert build_run.stderr.rstrip().endswith("found; nothing was written.")
    assert check_run.stderr.rstrip().endswith(" found.")  # check writes nothing, so it does not say so
    assert "No problems found" not in check_run.stdout

    assert snapshot(project.output) == output_before, "a failed build changed the previous site"
    assert snapshot(project.content) == content_before, "a content file was changed"
    assert snapshot(project.templates) == templates_before
    assert not (project.root / "PWNED").exists() and not (project.content / "PWNED").exists()
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith((".public.new-", ".public.old-"))]
    assert leftovers == [], "a failed build left a half-written site beside the output folder"  # (the lock and
    # the spare folder, which the next build checks file by file, stay: docs/publishing.md)


def test_huge_file_is_refused_without_reading_it(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 50 MB file (pasted binary data, a video renamed .md) is refused with its size; check never reads it."""
    huge = project.path("briefings/huge.md")
    with open(huge, "wb") as handle:
        handle.write(b"---\ntitle: Huge\ndate: 2025-01-01\nsummary: S\n---\n")
        block = b"x" * (1024 * 1024)
        for _ in range(50):
            handle.write(block)
    output_before = snapshot(project.output)
    size_before = huge.stat().st_size
    read_bytes = Path.read_bytes

    def guarded(path: Path) -> bytes:
        assert path.name != "huge.md", "the huge file was read"
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    find_problem(project.check(), "briefings/huge.md", 1, "file is 50 MB, larger than the 5 MB limit")
    monkeypatch.undo()  # the build's change detection still hashes every input file
    project.failing_build()
    check_run, build_run = project.cli_both()
    for run in (check_run, build_run):
        assert_reported(run, "content/briefings/huge.md", 1, None, "larger than the 5 MB limit", "split the file")
    assert huge.stat().st_size == size_before
    assert snapshot(project.output) == output_before


def test_every_problem_in_one_run(project: Project) -> None:
    """Many mistakes in many files: one run reports all of them, each with its location and fix."""
    mutations = [c for c in CASES if c.id in {
        "bad-slug", "frontmatter-not-a-mapping", "reserved-page-slug", "unknown-country-in-entities", "conflicting-alias-name", "bad-country-code",
        "duplicate-title", "non-utf8", "empty-file", "python-object-tag", "missing-template", "site-yaml",
    }]
    assert len(mutations) == 12
    for case in mutations:
        case.mutate(project)
    expect = [e for case in mutations for e in expected(case, project)]
    problems = project.check()
    for e in expect:
        find_problem(problems, e.path.removeprefix("content/"), e.line, e.message, e.column)
    check_run, build_run = project.cli_both()
    for run in (check_run, build_run):
        for e in expect:
            assert_reported(run, e.path, e.line, e.column, e.message, e.hint)
        count = len(run.problems())
        assert count >= len(expect)
        assert f"{count} problems found" + ("; nothing was written." if run is build_run else ".") in run.stderr


def test_content_and_template_problems_are_reported_together(project: Project) -> None:
    """A build that fails on content still names the broken template, so one fix round is enough."""
    project.edit(B, "countries: [Czechia, Russia]", "countries: [Czechai]")
    break_template(project)
    problems = project.failing_build()
    find_problem(problems, B, 5, "unknown country 'Czechai'")
    find_problem(problems, "templates/base.html", template_line(project), "template syntax error")


def test_every_printed_problem_is_located_and_has_a_fix(project: Project) -> None:
    """Whatever the mistake, each problem line is 'path:line[:col]: error: ...' followed by '    fix: ...'."""
    applied = 0
    for case in CASES:
        try:
            case.mutate(project)  # cases that edit the same line give way to the first
            applied += 1
        except (AssertionError, UnicodeDecodeError):
            continue
    assert applied > len(CASES) // 2
    run = project.cli("check")
    lines = run.stderr.splitlines()
    assert run.returncode == 1 and lines[-1].endswith("problems found.")
    problem_lines = [line for line in lines[:-1] if not line.startswith("    fix: ")]
    assert problem_lines
    for index, line in enumerate(lines[:-1]):
        if line.startswith("    fix: "):
            continue
        match = PROBLEM_LINE.match(line.replace(": warning: ", ": error: ", 1))  # warnings are located alike
        assert match, f"not a problem line: {line}"
        if not match["path"].startswith("templates"):  # a missing template has no line to point at
            assert match["line"], f"not located: {line}"
        assert lines[index + 1].startswith("    fix: "), f"no fix for: {line}"


@pytest.mark.parametrize("expression, message", [("{{ 1 // 0 }}", "ZeroDivisionError: integer division or modulo by zero"),
                                                 ("{{ site.pages() }}", "TypeError: 'list' object is not callable"),
                                                 ("{{ page.title.nosuchmethod() }}", "has no attribute 'nosuchmethod'")])
def test_an_expression_that_fails_while_pages_render_is_reported_at_its_template_line(project: Project, expression: str,
                                                                                       message: str) -> None:
    """Not only Jinja's own errors: whatever a template's expression raises is reported at its line, not as a crash."""
    before = snapshot(project.output)
    page = project.templates / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace("{% block main %}", "{% block main %}\n" + expression, 1),
                    encoding="utf-8")
    line = line_of(page.read_text(encoding="utf-8"), expression)
    find_problem(project.failing_build(), "templates/page.html", line, message)
    assert_reported(project.cli("build"), "templates/page.html", line, None, message, "check the names")
    assert snapshot(project.output) == before
