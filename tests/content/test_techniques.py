"""DISARM techniques on briefings: the framework's data, check's errors, the four published briefings."""

from __future__ import annotations

import re
import time
from pathlib import Path

import yaml

from conftest import REPO, TODAY
from site_builder.build import BuildOptions, check_content
from site_builder.content import techniques as disarm

BRIEFINGS = REPO / "content" / "briefings"
# Tags that only named a technique; the techniques list replaces them.
TECHNIQUE_TAGS = {"paid influencers", "vote buying", "ai-generated content", "coordinated inauthentic behaviour",
                  "impersonation", "bot network", "deepfake"}


def test_the_framework_comes_from_the_pinned_galaxy_with_its_version() -> None:
    known = disarm.framework()
    assert len(known.techniques) > 250
    assert known.get("T0049").name == "Flood Information Space"
    assert known.get("t0049.001").name == "Trolls Amplify and Manipulate"
    assert known.get("T0049.001").tactics == ("Maximise Exposure",)
    assert "pymispgalaxies 1.1.1" in known.version and "disarm-techniques v" in known.version
    pinned = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"pymispgalaxies==1.1.1"' in pinned


def test_tactics_follow_the_framework_phases_and_every_galaxy_tactic_is_placed() -> None:
    known = disarm.framework()
    names = [t.name for t in known.tactics]
    assert names[:3] == ["Plan Strategy", "Plan Objectives", "Target Audience Analysis"]
    assert names[-1] == "Assess Effectiveness"
    assert all(t.id and t.phase for t in known.tactics), "a tactic the galaxy added is missing from TACTICS"
    phases = [t.phase for t in known.tactics]
    assert phases == sorted(phases, key=["Plan", "Prepare", "Execute", "Assess"].index)
    assert all(t.tactics and set(t.tactics) <= set(names) for t in known.techniques.values())


def test_the_framework_is_parsed_once_and_quickly() -> None:
    disarm.framework.cache_clear()
    start = time.perf_counter()
    first = disarm.framework()
    assert time.perf_counter() - start < 0.5
    assert disarm.framework() is first


def _with_techniques(content: Path, items: str) -> Path:
    path = content / "briefings" / "czech-accounts.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntags:", f"\ntechniques: {items}\ntags:", 1), encoding="utf-8")
    return path


def _problems(content: Path) -> list:
    return check_content(BuildOptions(content=content, today=TODAY))


def test_an_unknown_id_is_refused_at_its_line_and_column_with_the_nearest_ids_and_names(content: Path) -> None:
    path = _with_techniques(content, "[T0049, T0048.9, T9999]")
    problems = [p for p in _problems(content) if "DISARM" in p.message]
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("techniques:"))
    assert {p.message for p in problems} == {"unknown DISARM technique id 'T9999'", "unknown DISARM technique id 'T0048.9'"}
    unknown = next(p for p in problems if "T9999" in p.message)
    assert (unknown.line, unknown.column) == (line, len("techniques: [T0049, T0048.9, ") + 1)
    assert re.search(r"did you mean T0\d{3} \(.+\)", unknown.hint)
    assert str(unknown).startswith(f"{unknown.path}:{line}:{unknown.column}: error:")


def test_an_unknown_sub_technique_suggests_its_parent_and_siblings(content: Path) -> None:
    _with_techniques(content, "[T0049.099]")
    [problem] = [p for p in _problems(content) if "DISARM" in p.message]
    assert "T0049 (Flood Information Space)" in problem.hint and "T0049.00" in problem.hint


def test_a_technique_by_name_is_resolved_with_a_warning_or_refused_with_suggestions(content: Path) -> None:
    _with_techniques(content, "[Harass, Bots amplify by reposting]")
    problems = [p for p in _problems(content) if "DISARM" in p.message]
    warning = next(p for p in problems if p.severity == "warning")
    assert "'Harass' is given by name" in warning.message and "T0048" in warning.hint
    [error] = [p for p in problems if p.severity == "error"]
    assert error.message == "unknown DISARM technique name 'Bots amplify by reposting'"
    assert "T0049.003 (Bots Amplify via Automated Forwarding and Reposting)" in error.hint


def test_valid_ids_check_clean_and_resolve_in_order_without_duplicates(content: Path) -> None:
    _with_techniques(content, "[T0090, t0049.001, T0090]")
    assert [p for p in _problems(content) if p.severity == "error"] == []


def _frontmatter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    head = text.split("---", 2)[1]
    return yaml.safe_load(head), head


def test_the_four_published_briefings_carry_techniques_each_with_its_reason() -> None:
    files = sorted(BRIEFINGS.glob("*.md"))
    assert len(files) == 4
    known = disarm.framework()
    for path in files:
        meta, head = _frontmatter(path)
        assert meta.get("techniques"), f"{path.name} lists no technique"
        for technique_id in meta["techniques"]:
            assert known.get(technique_id) is not None, technique_id
            line = next(line for line in head.splitlines() if line.strip().startswith(f"- {technique_id}"))
            assert "#" in line and len(line.split("#", 1)[1].strip()) > 20, f"no reason beside {technique_id} in {path.name}"
        assert not {t.casefold() for t in meta.get("tags", [])} & TECHNIQUE_TAGS, path.name


def test_the_published_content_checks_clean() -> None:
    problems = check_content(BuildOptions(content=REPO / "content", today=TODAY))
    assert [p for p in problems if p.severity == "error"] == []
    assert not [p for p in problems if "DISARM" in p.message]
