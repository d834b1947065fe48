"""The long-tail corpus profiles write content ``check`` accepts, in their promised shape, the same for a seed.

They are the shape figures are reported on without having been tuned on, so a
corpus that ``check`` refuses, or that drifts from run to run, would make those
figures mean nothing.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the benchmarks package sits beside site_builder

from benchmarks.corpus import generate  # noqa: E402
from conftest import run  # noqa: E402

N = 8


def _digest(folder: Path) -> str:
    """One hash over every file's path and bytes."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _briefings(folder: Path) -> list[tuple[dict, str]]:
    out = []
    for path in sorted((folder / "briefings").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        out.append((yaml.safe_load(front), body))
    return out


@pytest.mark.parametrize("profile", ["long-tail", "long-tail-hub"])
def test_long_tail_corpus_passes_check(profile: str, tmp_path: Path) -> None:
    content = generate(tmp_path / "content", N, profile=profile)
    result = run("check", "--content", str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout + result.stderr


def test_long_tail_corpus_has_its_shape(tmp_path: Path) -> None:
    content = generate(tmp_path / "content", N, profile="long-tail")
    briefings = _briefings(content)
    assert len(briefings) == N
    for meta, body in briefings:
        assert len(body.split()) >= 2000
        assert len(meta["sources"]) >= 8 and len(meta["events"]) >= 10 and len(meta["attribution"]) >= 3
        assert len(meta["techniques"]) >= 4 and len(meta["countries"]) <= 2
        assert len(meta["title"].split()) >= 14
        assert "\n## " in body and "\n- " in body and "](https://" in body
    bodies = "".join(body for _, body in briefings)
    assert "[^1]:" in bodies and "| --- |" in bodies and "](/static/img/" in bodies
    names = "".join((content / "entities" / "actors.yaml").read_text(encoding="utf-8"))
    for script in (r"[\u0400-\u04ff]", r"[\u4e00-\u9fff]", r"[\u0600-\u06ff]", r"[\u0370-\u03ff]", r"[čšžăéø]"):
        assert re.search(script, names), script
    years = {meta["date"].year for meta, _ in briefings}
    assert max(years) - min(years) >= 5
    tags = [t for meta, _ in briefings for t in meta["tags"]]
    once = [t for t in set(tags) if tags.count(t) == 1]
    assert len(once) >= 2 * N  # each briefing brings tags of its own


def test_hub_variant_puts_one_country_and_one_platform_on_most_briefings(tmp_path: Path) -> None:
    content = generate(tmp_path / "content", 40, profile="long-tail-hub")
    briefings = _briefings(content)
    countries = [c for meta, _ in briefings for c in meta["countries"]]
    platforms = [p for meta, _ in briefings for p in meta.get("platforms", [])]
    top_country = max(set(countries), key=countries.count)
    top_platform = max(set(platforms), key=platforms.count)
    assert countries.count(top_country) >= 0.7 * len(briefings)
    assert platforms.count(top_platform) >= 0.7 * len(briefings)
    plain = _briefings(generate(tmp_path / "plain", 40, profile="long-tail"))
    plain_countries = [c for meta, _ in plain for c in meta["countries"]]
    assert max(plain_countries.count(c) for c in set(plain_countries)) < 0.5 * len(plain)


@pytest.mark.parametrize("profile", ["long-tail", "long-tail-hub"])
def test_long_tail_corpus_is_the_same_for_a_seed(profile: str, tmp_path: Path) -> None:
    first = _digest(generate(tmp_path / "a", N, seed=3, profile=profile))
    assert first == _digest(generate(tmp_path / "b", N, seed=3, profile=profile))
    assert first != _digest(generate(tmp_path / "c", N, seed=4, profile=profile))
