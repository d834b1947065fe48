"""The ingest evaluation (benchmarks/ingest_eval.py): labels validate, the scorer counts what it should."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest

from benchmarks import ingest_eval as ev

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "benchmarks" / "ingest_corpus"
SMALL_DEV_CASES = ("23_reader_mode_czechia_tiktok", "33_multi_article_romania_tiktok_eu")


def _case(name: str) -> ev.Case:
    for split in ev.SPLITS:
        for ext in (".txt", ".html"):
            path = CORPUS / split / (name + ext)
            if path.exists():
                return ev.load_case(path, split)
    raise AssertionError(f"no case {name}")


def _perfect(case: ev.Case) -> list[dict]:
    """A prediction that matches the labels exactly."""
    out = []
    for label in case.articles:
        out.append({
            "paragraphs": [label["first_words"] + " and the rest of the paragraph."],
            "published": label["published"],
            "updated": label["updated"],
            "countries": list(label["countries"]),
            "platforms": list(label["platforms"]),
            "actors": [entry[0] for entry in label["actors"]],
            "suggestions": [],
            "targets": list(label["targets"]),
            "attribution": [{"actor": acc["actor"][0], "claimed_by": acc["claimed_by"],
                             "confidence": acc["confidence"], "cue": ""} for acc in label["accused"]],
        })
    return out


def test_every_case_of_the_corpus_validates():
    cases = ev.discover("all")
    assert len(cases) >= 32
    names = [c.name for c in cases]
    assert len({ev.CASE_NAME.match(n).group(1) for n in names}) == len(names)
    assert {c.split for c in cases} == {"dev", "blind"}


def test_a_perfect_prediction_scores_full_marks():
    case = _case("33_multi_article_romania_tiktok_eu")
    score, notes = ev.score_case(case, _perfect(case))
    assert score.split_right == 1 and score.starts_found == len(case.articles)
    assert score.furniture_left == 0
    for kind in ("countries", "platforms", "actors"):
        assert score.precision(kind) == 1.0 and score.recall(kind) == 1.0, (kind, notes)
    assert score.dates_right == len(case.articles)
    assert score.targets_right == len(case.articles)
    assert score.accused_recall() == 1.0


def test_a_missing_actor_lowers_recall_and_an_unknown_one_precision():
    case = _case("33_multi_article_romania_tiktok_eu")
    predicted = _perfect(case)
    predicted[0]["actors"] = predicted[0]["actors"][1:] + ["Some Unrelated Body"]
    score, notes = ev.score_case(case, predicted)
    assert score.recall("actors") < 1.0
    assert score.precision("actors") < 1.0
    assert any("actors missed" in n for n in notes) and any("Some Unrelated Body" in n for n in notes)


def test_actor_variants_match_by_whole_words_and_optional_ones_do_not_count():
    case = _case("33_multi_article_romania_tiktok_eu")
    predicted = _perfect(case)
    predicted[1]["actors"] = ["Georgescu" if a == "Călin Georgescu" else a for a in predicted[1]["actors"]]
    predicted[1]["suggestions"] = [{"name": "Stephen McGrath", "context": "byline"}]
    score, _ = ev.score_case(case, predicted)
    assert score.recall("actors") == 1.0 and score.precision("actors") == 1.0
    assert not ev.names_match("Russia", "Russian government")
    assert ev.names_match("Shor", "Ilan Shor") and ev.names_match("calin georgescu", "Călin Georgescu")


def test_a_kept_furniture_line_is_counted_once():
    case = _case("33_multi_article_romania_tiktok_eu")
    predicted = _perfect(case)
    predicted[0]["paragraphs"].append("MORE FROM POLITICO")
    predicted[1]["paragraphs"].append("Copyright 2025 The Associated Press. All Rights Reserved.")
    score, notes = ev.score_case(case, predicted)
    assert score.furniture_left == 2, notes


def test_a_wrong_split_date_and_country_alias():
    case = _case("33_multi_article_romania_tiktok_eu")
    predicted = _perfect(case)
    merged = copy.deepcopy(predicted[0])
    merged["paragraphs"] += predicted[1]["paragraphs"]
    merged["published"] = "2024-12-18"
    merged["countries"] = ["ROMANIA", "Britain"]
    score, _ = ev.score_case(case, [merged])
    assert score.split_right == 0 and score.starts_found == 1
    assert score.dates_right == 0
    assert score.prf["countries"][1] == 1  # Britain is United Kingdom: not labelled, a false positive
    assert ev.canonical("Czech Republic") == ev.canonical("Czechia")
    assert ev.canonical("Turkey") == ev.canonical("Türkiye")


def test_missing_keys_score_nothing_found_without_crashing():
    case = _case("33_multi_article_romania_tiktok_eu")
    predicted = [{"paragraphs": [a["first_words"]]} for a in case.articles]
    score, _ = ev.score_case(case, predicted)
    assert score.targets_right == 0 and score.accused_found == 0
    assert score.recall("countries") == 0.0


def test_wrong_labels_fail_loudly_with_case_and_key(tmp_path):
    src = CORPUS / "dev" / "23_reader_mode_czechia_tiktok.txt"
    labels = src.with_name("23_reader_mode_czechia_tiktok.labels.yaml").read_text(encoding="utf-8")
    (tmp_path / "dev").mkdir()
    dump = tmp_path / "dev" / src.name
    dump.write_bytes(src.read_bytes())
    lab = tmp_path / "dev" / "23_reader_mode_czechia_tiktok.labels.yaml"
    for broken, key in (
        (labels.replace("first_words: \"TikTok has taken down", "first_words: \"TikTok has never taken down"), "first_words"),
        (labels.replace("  - \"4–5 minutes\"", "  - \"5 minutes\""), "furniture"),
        (labels.replace("    updated: null", "    updatd: null"), "updatd"),
        (labels.replace("    published: null", "    published: 3 October"), "published"),
        (labels + "  - \"TikTok\"\n", "furniture"),  # also inside article lines: ambiguous
    ):
        lab.write_text(broken, encoding="utf-8")
        with pytest.raises(ev.LabelError, match=key) as info:
            ev.discover("dev", corpus=tmp_path)
        assert "23_reader_mode_czechia_tiktok" in str(info.value)


def test_the_scorer_runs_ingest_on_two_small_dev_cases():
    cases = [c for c in ev.discover("dev") if c.name in SMALL_DEV_CASES]
    assert len(cases) == 2
    out = io.StringIO()
    result = ev.evaluate(cases, REPO / "content", timeout=60, out=out)
    totals = result["totals"]["dev"]
    assert totals["files"] == 2 and totals["labelled"] == 3
    assert totals["failures"] == 0, out.getvalue()
    assert totals["countries"]["tp"] > 0 and 0 < totals["actors"]["recall"] <= 1
    assert "files split right" in out.getvalue() and "seconds per file" in out.getvalue()
    assert result["largest_file"]["seconds"] > 0


def test_a_run_past_its_timeout_is_a_failed_case_not_a_hang():
    case = _case("23_reader_mode_czechia_tiktok")
    out = io.StringIO()
    result = ev.evaluate([case], REPO / "content", timeout=0.01, out=out)
    row = result["cases"][0]
    assert row["error"].startswith("timed out") and row["failures"] == 1
    assert row["starts_found"] == 0 and row["split_right"] == 0
    assert "FAILED: timed out" in out.getvalue()
