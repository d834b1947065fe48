"""The command line: ingest (report, --dry-run, --json, errors) and entity add."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from site_builder.content.entities import load_knowledge_base
from site_builder.ingest.commands import register

from .conftest import SOURCES


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="site-builder")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_writes_drafts_and_reports(site, capsys):
    code, out, err = run(["ingest", str(SOURCES / "three_articles_crlf.txt"), "--content", str(site)], capsys)
    assert code == 0 and err == ""
    assert "three_articles_crlf.txt: 3 articles" in out
    assert "created:" in out
    assert ('site-builder entity add actors "Irakli Mchedlishvili" --type person '
            '--description "A senior analyst at the group."') in out
    assert out.strip().splitlines()[-1].startswith("3 articles found, ")
    assert len(list((site / "briefings").glob("*.md"))) == 3
    code, out, _ = run(["ingest", str(SOURCES / "three_articles_crlf.txt"), "--content", str(site)], capsys)
    assert code == 0 and "wrote 0 drafts, 3 unchanged" in out


def test_dry_run_writes_nothing(site, capsys):
    code, out, _ = run(["ingest", str(SOURCES), "--content", str(site), "--dry-run"], capsys)
    found = re.search(r"(\d+) articles found, .* would write (\d+) drafts", out)
    assert code == 0 and found and found.group(1) == found.group(2) and int(found.group(1)) >= 9
    assert list((site / "briefings").iterdir()) == []


def test_json_on_stdout_report_on_stderr(site, capsys):
    code, out, err = run(["ingest", str(SOURCES / "georgia_bots_jsonld.html"), "--content", str(site), "--json",
                          "--dry-run"], capsys)
    assert code == 0
    data = json.loads(out)
    [article] = data["articles"]
    for key in ("source", "title", "standfirst", "author", "publisher", "published", "dateline", "paragraphs",
                "countries", "platforms", "actors", "elections", "suggestions", "figures", "statements", "events",
                "review"):
        assert key in article
    assert article["published"] == "2024-10-27"
    assert article["suggestions"] == [{"name": "Ketevan Chachava", "context": "the group's lead researcher, Ketevan Chachava"}]
    assert article["statements"][0] == {"speaker": "Ketevan Chachava",
                                        "quote": "The pattern is unmistakable: the accounts were created in batches and woke up together"}
    assert article["events"][0] == {"date": "2024-10-25", "title": article["events"][0]["title"]}
    assert "1 articles found" in err or "1 article" in err


def test_unreadable_files_give_a_message_not_a_traceback(site, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x00\x01binary")
    code, out, err = run(["ingest", str(empty), str(binary), str(tmp_path / "missing.txt"),
                          str(SOURCES / "bot_farm_bom.txt"), "--content", str(site)], capsys)
    assert code == 1
    assert "empty.txt: error: file is empty" in err
    assert "scan.txt: error: this is not a text or HTML file" in err
    assert "missing.txt: error: no such file" in err
    assert "Traceback" not in out + err
    assert "bot_farm_bom.txt: 1 article" in out  # the good file is still ingested
    assert "3 files could not be ingested" in out


def test_a_file_with_no_article(site, tmp_path, capsys):
    path = tmp_path / "menu.txt"
    path.write_text("Home\nPolitics\nSubscribe\nLog in\n", encoding="utf-8")
    code, out, err = run(["ingest", str(path), "--content", str(site)], capsys)
    assert code == 1 and "menu.txt: error: no article found" in err


def test_missing_knowledge_base(tmp_path, capsys):
    code, _, err = run(["ingest", str(SOURCES / "bot_farm_bom.txt"), "--content", str(tmp_path)], capsys)
    assert code == 2 and "no knowledge base folder" in err and "--content" in err


def test_entity_add_appends_without_touching_the_rest(site, capsys):
    path = site / "entities" / "actors.yaml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run(["entity", "add", "actors", "Irakli Mchedlishvili", "--type", "person", "--country", "Georgia",
                          "--alias", "Mchedlishvili", "--description", "Senior analyst: Digital Forensic Watch",
                          "--content", str(site)], capsys)
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):] == (
        "\n- name: Irakli Mchedlishvili\n  type: person\n  country: Georgia\n  aliases: [Mchedlishvili]\n"
        "  description: \"Senior analyst: Digital Forensic Watch\"\n")
    kb, problems = load_knowledge_base(site)
    assert problems == [] and kb.resolve("actors", "Mchedlishvili").name == "Irakli Mchedlishvili"


def test_entity_add_makes_a_suggestion_known_to_the_next_ingest(site, capsys):
    run(["entity", "add", "actors", "Ketevan Chachava", "--type", "person", "--content", str(site)], capsys)
    code, out, _ = run(["ingest", str(SOURCES / "georgia_bots_jsonld.html"), "--content", str(site), "--json",
                        "--dry-run"], capsys)
    article = json.loads(out)["articles"][0]
    assert article["suggestions"] == [] and "Ketevan Chachava" in article["actors"]


@pytest.mark.parametrize("argv, message", [
    (["actors", "Kristjan Saar", "--type", "person"], "'Kristjan Saar' is already known as 'Kristjan Saar'"),
    (["actors", "New Person", "--type", "person", "--alias", "Saar"], "'Saar' is already known as 'Kristjan Saar'"),
    (["actors", "Nobody"], "an actor needs a type"),
    (["actors", "Somebody", "--type", "person", "--country", "Atlantis"], "unknown country 'Atlantis'"),
    (["countries", "Moldova", "--code", "XX"], "ISO 3166"),
    (["elections", "2030 Vote", "--country", "Georgia", "--election-kind", "local", "--date", "2030-13-01"], "YYYY-MM-DD"),
    (["platforms", "TikTok"], "already known"),
    (["countries", "Bulgria", "--code", "BG"], "BG is 'Bulgaria', and 'Bulgria' is not one of its names"),
    (["countries", "Estland", "--code", "EE"], "EE is already 'Estonia'"),
    (["actors", "Kristjan Sar", "--type", "person"], "'Kristjan Sar' is very close to 'Kristjan Saar'"),
    (["platforms", "TikTokk"], "very close to 'TikTok'"),
])
def test_entity_add_refuses_with_a_clear_message(site, capsys, argv, message):
    files = {p: p.read_bytes() for p in (site / "entities").iterdir()}
    code, _, err = run(["entity", "add", *argv, "--content", str(site)], capsys)
    assert code == 1
    assert message in err and "fix:" in err
    assert {p: p.read_bytes() for p in (site / "entities").iterdir()} == files


def test_entity_add_country_and_election(site, capsys):
    code, _, err = run(["entity", "add", "countries", "Moldova", "--code", "MD", "--demonym", "Moldovan",
                        "--content", str(site)], capsys)
    assert code == 0, err
    code, _, err = run(["entity", "add", "elections", "2025 Moldovan parliamentary election", "--country", "Moldova",
                        "--election-kind", "parliamentary", "--date", "2025-09-28", "--content", str(site)], capsys)
    assert code == 0, err
    kb, problems = load_knowledge_base(site)
    assert problems == []
    assert kb.resolve("countries", "Moldovan").name == "Moldova"
    assert kb.resolve("elections", "2025 Moldovan parliamentary election").first_date.isoformat() == "2025-09-28"


def test_entity_add_force_adds_a_close_name_that_is_another_entity(site, capsys):
    code, _, err = run(["entity", "add", "actors", "Kristjan Sar", "--type", "person", "--force",
                        "--content", str(site)], capsys)
    assert code == 0, err
    kb, problems = load_knowledge_base(site)
    assert problems == [] and kb.resolve("actors", "Kristjan Sar").name == "Kristjan Sar"


def test_messages_name_the_command_the_editor_runs(site, capsys, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_COMMAND", "bash scripts/dev.sh")
    code, _, err = run(["entity"], capsys)
    assert code == 2 and "'bash scripts/dev.sh entity add actors" in err


def test_entity_add_owner_outcome_and_labelled_voting_days(site, capsys):
    code, _, err = run(["entity", "add", "platforms", "Rumble", "--owner", "Rumble Inc.", "--website", "https://rumble.com/",
                        "--content", str(site)], capsys)
    assert code == 0, err
    code, _, err = run(["entity", "add", "elections", "2030 Georgian presidential election", "--country", "Georgia",
                        "--election-kind", "presidential", "--date", "2030-10-05:first round",
                        "--date", "2030-10-19: second round ", "--outcome", "Fixture: nobody won.",
                        "--content", str(site)], capsys)
    assert code == 0, err
    kb, problems = load_knowledge_base(site)
    assert problems == []
    assert kb.resolve("platforms", "Rumble").owner == "Rumble Inc."
    election = kb.resolve("elections", "2030 Georgian presidential election")
    assert [(d.date.isoformat(), d.label) for d in election.dates] == [("2030-10-05", "first round"),
                                                                       ("2030-10-19", "second round")]
    assert election.outcome == "Fixture: nobody won."
    code, _, err = run(["entity", "add", "actors", "Someone New", "--type", "person", "--outcome", "won",
                        "--content", str(site)], capsys)
    assert code == 1 and "--outcome is for elections" in err


def test_entity_list_prints_a_kind_filtered_without_case_or_diacritics(site, capsys):
    run(["entity", "add", "actors", "Andrej Babiš", "--type", "person", "--alias", "Babiš", "--force",
         "--content", str(site)], capsys)
    code, out, err = run(["entity", "list", "actors", "BABIS", "--content", str(site)], capsys)
    assert code == 0, err
    assert out.splitlines() == ["Andrej Babiš (andrej-babis) type person; aliases: Babiš"]
    code, out, _ = run(["entity", "list", "actors", "--content", str(site)], capsys)
    lines = out.splitlines()
    assert len(lines) > 1 and "Andrej Babiš (andrej-babis) type person; aliases: Babiš" in lines
    code, out, _ = run(["entity", "list", "countries", "--content", str(site)], capsys)
    assert "Ukraine" not in out  # known only from ISO 3166: listed only when asked for by a filter
    code, out, _ = run(["entity", "list", "countries", "ukrai", "--content", str(site)], capsys)
    assert out.startswith("Ukraine (ukraine) code UA (ISO 3166 only; not in countries.yaml)"), out
    code, out, err = run(["entity", "list", "platforms", "nothing-like-it", "--content", str(site)], capsys)
    assert code == 1 and out == "" and "No platforms match 'nothing-like-it'" in err
