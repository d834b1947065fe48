"""A published briefing may not keep review items, placeholders, the source marker, no sources or copied runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, check_content
from site_builder.content.desk import RUN_WORDS, SOURCE_MARKER, source_runs
from site_builder.content.scaffold import BODY_PLACEHOLDER, SUMMARY_PLACEHOLDER, new_briefing

from conftest import TODAY

SOURCE = ("Officials in the capital said on Tuesday that a network of anonymous channels had spent the final week "
          "of the campaign repeating the same claims about ballot fraud, and that the posts reached several hundred "
          "thousand readers before the platform removed them.")
HEAD = ("---\ntitle: Channels repeat fraud claims\ndate: 2025-09-20\nsummary: Channels spread fraud claims.\n"
        "targets: [Moldova]\nsources:\n  - {publisher: Example News, title: Claims, url: 'https://news.example.org/c'}\n"
        "---\n")


def problems(content: Path) -> list[str]:
    return [str(p) for p in check_content(BuildOptions(content=content, today=TODAY)) if p.severity == "error"]


def write(content: Path, text: str, record: bool = True) -> Path:
    path = content / "briefings" / "channels.md"
    path.write_text(text, encoding="utf-8")
    if record:
        (content / ".ingest").mkdir(exist_ok=True)
        (content / ".ingest" / "channels.json").write_text(json.dumps({"runs": source_runs(SOURCE)}), encoding="utf-8")
    return path


def test_the_scaffold_published_unchanged_is_refused_for_each_placeholder(content: Path):
    path = new_briefing(content, "Bots flood a channel", today=TODAY)
    assert problems(content) == []  # a draft may hold anything
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: published"), encoding="utf-8")
    found = "\n".join(problems(content))
    name = "briefings/bots-flood-a-channel.md"
    assert f"{name}:4:1: error: the summary is still the placeholder" in found
    assert f"{name}:12:1: error: this published briefing names no target" in found
    assert f"{name}:23:1: error: a published briefing has no sources" in found
    assert f"{name}:35:1: error: the body still holds the placeholder text" in found
    assert f"{name}:35:45: error: the body still holds the placeholder text" in found  # its second sentence
    assert found.count("fix: ") == 5 and SUMMARY_PLACEHOLDER in path.read_text() and BODY_PLACEHOLDER in path.read_text()


def test_an_uncommented_example_of_new_is_refused(content: Path):
    write(content, HEAD.replace("{publisher: Example News,", "{publisher: Publisher name,") + "Our words.\n", record=False)
    assert any(":7:6: error: 'sources[1].publisher' still holds the example 'Publisher name'" in p
               for p in problems(content))


def test_a_review_list_and_the_source_marker_are_refused_when_published_only(content: Path):
    text = HEAD.replace("---\nOur", "").replace("targets:", "review: [summary]\ntargets:")
    write(content, text + SOURCE_MARKER + "\n\nOur words.\n", record=False)
    found = problems(content)
    assert any(":5:1: error: a published briefing still has a 'review' list" in p for p in found)
    assert any(":10:1: error: the body is still marked as source text from ingest" in p for p in found)
    write(content, text.replace("summary: Channels", "status: draft\nsummary: Channels") + SOURCE_MARKER + "\n", record=False)
    assert problems(content) == []


def test_a_run_of_twelve_words_from_the_source_is_refused_at_its_line_with_its_words(content: Path):
    copied = "Our own opening line.\n\nAs reported, " + " ".join(SOURCE.split()[3:3 + RUN_WORDS]).upper() + " etc.\n"
    write(content, HEAD + copied)
    found = problems(content)
    assert len(found) == 1, found
    assert ":11:14: error: the body copies 12 words in a row from the source it was ingested from " \
           "(.ingest/channels.json): “CAPITAL SAID ON TUESDAY THAT A NETWORK OF ANONYMOUS CHANNELS…”" in found[0]
    assert "fix: rewrite this passage in our own words" in found[0]


@pytest.mark.parametrize("body", [
    " ".join(SOURCE.split()[3:3 + RUN_WORDS - 1]) + ", our words.\n",  # eleven words
    "They said “" + " ".join(SOURCE.split()[3:3 + RUN_WORDS + 4]) + "” on Tuesday.\n",  # a quotation
    "They said \"" + " ".join(SOURCE.split()[:30]) + "\"\n",
])
def test_shorter_runs_and_quotations_pass(content: Path, body: str):
    write(content, HEAD + body)
    assert problems(content) == []


def test_punctuation_case_and_line_breaks_do_not_hide_a_copy_but_drafts_may_copy(content: Path):
    words = SOURCE.split()[10:30]
    write(content, HEAD + " ".join(words[:8]).lower() + "\n" + " — ".join(words[8:]) + "!\n")
    assert [p.split(": error: ")[0].rsplit("channels", 1)[1] for p in problems(content)] == [".md:9:1"]
    write(content, HEAD.replace("summary:", "status: draft\nsummary:") + SOURCE + "\n")
    assert problems(content) == []


def test_a_copied_summary_is_refused_too(content: Path):
    write(content, HEAD.replace("Channels spread fraud claims.", " ".join(SOURCE.split()[:14])) + "Our words.\n")
    assert [p.split(": error: ")[0].rsplit("channels", 1)[1] for p in problems(content)] == [".md:4:1"]
