"""The command line, run as editors run it."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

from site_builder.cli import main
from site_builder.content.scaffold import new_briefing
from conftest import REPO, run


def test_check_reports_every_problem_with_location(content: Path):
    (content / "briefings" / "older-x.md").write_text("---\ntitle: T\ndate: 2025-01-01\nsummary: S\ncountries: [Czechland]\n"
                                                             "sources: [{publisher: P, title: T, url: 'https://p.example/'}]\n"
                                                             "targets: [Czechia]\nno_attribution: N\n---\n")
    (content / "briefings" / "moldova-vote.md").write_text("---\ntitle: U\ndate: soon\nsummary: S\n---\n")
    result = run("check", "--content", str(content))
    assert result.returncode == 1
    assert "older-x.md:5:13: error: unknown country 'Czechland'" in result.stderr
    assert "moldova-vote.md:3:7: error: 'date' must be a date" in result.stderr  # at the value, not the key
    assert "moldova-vote.md:2:1: error: a published briefing has no sources" in result.stderr
    assert result.stderr.rstrip().endswith("\n3 problems found.")  # check writes nothing, so it does not say so
    assert "Traceback" not in result.stderr


def test_check_messages_name_what_an_editor_sees(content: Path):
    """Unknown fields list the valid ones; dates point at the value; YAML errors are in plain words;
    knowledge-base errors name the entry; one problem is "1 problem"."""
    briefings = content / "briefings"
    (briefings / "older-x.md").write_text("---\ntitle: T\ndate: 2025-01-01\nsummry: S\nsummary: S\n"
                                          "events:\n  - date:   2025-02-30\n    title: E\n"
                                          "sources: [{publisher: P, title: T, url: 'https://p.example/'}]\n"
                                          "targets: [Czechia]\nno_attribution: N\n---\n")
    (briefings / "moldova-vote.md").write_text("---\ntitle: U\n\tsummary: S\n---\n")
    (briefings / "czech-accounts.md").write_text("---\ntitle: V\ndate: 2025-01-01\nsummary S\n---\n")
    actors = content / "entities" / "actors.yaml"
    actors.write_text(actors.read_text().replace("type: party", "type: partei", 1))
    result = run("check", "--content", str(content))
    err = result.stderr
    assert result.returncode == 1
    assert "older-x.md:4:1: error: unknown field 'summry'" in err
    assert "fix: did you mean 'summary'? the fields here are: title, date, summary," in err
    assert "older-x.md:7:13: error: 'events[1].date' is not a real date" in err
    assert "moldova-vote.md:3:1: error: YAML syntax error: a tab character is used for indentation" in err
    assert "czech-accounts.md:4:1: error: YAML syntax error: this line is not 'field: value': the ':' after" in err
    assert re.search(r"actors\.yaml:\d+:9: error: actor 'Stačilo!': 'type' must be one of", err)
    for jargon in ("scanning", "token", "[2].type", "mapping values", "nothing was written"):
        assert jargon not in err
    assert err.rstrip().endswith("\n5 problems found.")
    (briefings / "older-x.md").write_text("---\ntitle: T\ndate: 2025-01-01\nsummary: S\nstatus: draft\n---\n")
    (briefings / "moldova-vote.md").write_text("---\ntitle: U\ndate: 2025-01-01\nsummary: S\nstatus: draft\n---\n")
    (briefings / "czech-accounts.md").write_text("---\ntitle: V\ndate: 2025-01-01\nsummary: S\nstatus: draft\n---\n")
    result = run("check", "--content", str(content))
    assert result.stderr.rstrip().endswith("\n1 problem found."), result.stderr


def test_build_counts_in_words(content: Path, tmp_path: Path):
    for path in (content / "briefings").glob("*.md"):
        if path.name != "older-x.md":
            path.unlink()
    result = run("build", "--content", str(content), "--output", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 1 briefing: "), result.stdout


def test_check_passes_on_good_content(content: Path):
    assert main(["check", "--content", str(content)]) == 0


def test_build_command(content: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run("build", "--content", str(content), "--output", str(out), "--verbose")
    assert result.returncode == 0, result.stderr
    assert "Built 3 briefings" in result.stdout and "render" in result.stdout
    assert (out / "index.html").is_file()
    if (out / "pagefind").is_dir():
        assert re.search(r"search indexing took \d+ ms, \d+ ms of it beside rendering", result.stdout)


def test_new_scaffolds_a_draft_that_passes_check(content: Path):
    path = new_briefing(content, "Bots flood a Moldovan channel", today=dt.date(2025, 11, 3))
    assert path.name == "bots-flood-a-moldovan-channel.md"
    text = path.read_text()
    for field in ("title:", "date: 2025-11-03", "summary:", "status: draft", "countries:", "platforms:", "actors:",
                  "elections:", "tags:", "attribution:", "sources:", "events:"):
        assert field in text
    assert main(["check", "--content", str(content)]) == 0


def test_new_never_overwrites(content: Path):
    path = new_briefing(content, "Same title")
    path.write_text(path.read_text() + "editor's words\n")
    result = run("new", "Same title", "--content", str(content))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert path.read_text().endswith("editor's words\n")


def _append_to(path: Path, frontmatter: str = "", body: str = "") -> None:
    text = path.read_text()
    head, _, rest = text.partition("\n---\n")
    path.write_text(head + frontmatter + "\n---\n" + rest + body)


def test_check_warns_without_failing(content: Path, tmp_path: Path):
    """Events after the briefing's date or in the future, and pictures from other sites, are warnings:
    check prints them as file:line:col: warning: ... and exits 0; the build goes on."""
    briefing = content / "briefings" / "older-x.md"
    lines = len(briefing.read_text().split("\n---\n")[0].splitlines())
    _append_to(briefing, "\nevents:\n  - date: 2999-01-01\n    title: Far ahead\n    source: 1\n"
                         "  - date: 2999-01-02\n    title: Planned\n    scheduled: true\n    source: 1\n",
               "\nSee ![the crowd](https://other.example/a.jpg) and ![ours](/static/img/missing.jpg).\n")
    result = run("check", "--content", str(content), "--today", "2025-11-01")
    err = result.stderr
    assert result.returncode == 0, err
    assert re.search(rf"older-x\.md:{lines + 2}:11: warning: 'events\[1\]\.date' 2999-01-01 is in the future", err)
    assert "fix: if the event is planned, add 'scheduled: true' to it" in err
    assert "2999-01-02" not in err
    assert re.search(r"older-x\.md:\d+:5: warning: the picture https://other\.example/a\.jpg is not on this site", err)
    assert "fix: download the picture into content/static/img/" in err
    assert "warning: the picture /static/img/missing.jpg is not a file of the site" in err
    uncited = err.count("warning: this event names no source") + err.count("warning: this claim names no source")
    assert "older-x.md" not in "".join(line for line in err.splitlines() if "names no source" in line)
    assert result.stdout.strip() == f"No problems found ({3 + uncited} warnings)."
    result = run("build", "--content", str(content), "--output", str(tmp_path / "out"), "--no-cache",
                 "--today", "2025-11-01")
    assert result.returncode == 0, result.stderr


def test_check_warns_on_an_event_after_the_briefing(content: Path):
    briefing = content / "briefings" / "older-x.md"
    date = re.search(r"^date: (\S+)", briefing.read_text(), re.MULTILINE).group(1)
    later = (dt.date.fromisoformat(date) + dt.timedelta(days=3)).isoformat()
    _append_to(briefing, f"\nevents:\n  - date: {later}\n    title: Count ends\n  - date: {date}\n    title: Same day\n")
    result = run("check", "--content", str(content))
    assert result.returncode == 0
    assert f"warning: 'events[1].date' {later} is after the briefing's date {date}" in result.stderr
    assert "events[2]" not in result.stderr
    briefing.write_text(briefing.read_text().replace("    title: Count ends\n", "    title: Count ends\n    scheduled: maybe\n"))
    result = run("check", "--content", str(content))
    assert result.returncode == 1
    assert "error: 'events[1].scheduled' must be true or false" in result.stderr


# What ``ingest`` and ``entity`` load and a build does not need: every ingest module but the
# arguments' (some 35 modules, about 0.17 s to import), and the libraries some of them bring.
ARGUMENTS_ONLY = ["site_builder.ingest", "site_builder.ingest.arguments"]
_LOADED = """
import json, sys
from site_builder.cli import main
def loaded():
    return sorted(m for m in sys.modules if m.startswith("site_builder.ingest") or m.split(".")[0] in ("trafilatura", "dateparser"))
main(["build", "--content", sys.argv[1], "--output", sys.argv[2], "--no-cache"])
after_build = loaded()
main(["entity", "list", "actors", "--content", sys.argv[1]])
print(json.dumps([after_build, loaded()]))
"""


def test_build_does_not_import_the_ingest_stack_and_an_ingest_command_does(content: Path, tmp_path: Path):
    """``build`` and ``serve`` register the ingest commands' arguments only; the commands' modules
    load when one of them runs."""
    result = subprocess.run([sys.executable, "-c", _LOADED, str(content), str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    after_build, after_entity = json.loads(result.stdout.splitlines()[-1])
    assert after_build == ARGUMENTS_ONLY
    assert {"site_builder.ingest.commands", "site_builder.ingest.pipeline", "site_builder.ingest.extract.match"} <= set(after_entity)
    assert "Babiš" in result.stdout  # the entity command ran, through its lazily imported module
