"""Zero errors from the Nu Html Checker (vnu) over every HTML page of the built site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from site_builder.build import BuildOptions, build
from .conftest import VNU


def test_every_page_is_valid_html(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    check(site_dir, [str(site_dir)])


def test_timeline_bar_charts_are_valid_html(tmp_path):
    """A larger archive's timelines draw bars (the project's content draws dots): the pages that have them."""
    from benchmarks.corpus import generate
    out = tmp_path / "public"
    build(BuildOptions(content=generate(tmp_path / "content", 150), output=out, today=dt.date(2026, 1, 1), cache_dir=None))
    pages = [p for p in sorted(out.rglob("*.html")) if 'class="tl-bar' in p.read_text(encoding="utf-8")]
    assert out / "timeline" / "index.html" in pages
    check(out, [str(p) for p in pages])


def test_timeline_month_and_year_pages_are_valid_html(tmp_path):
    """Past their limit a year links a page per month and a term's timeline a page per year
    (the project's content has no timeline that long)."""
    from benchmarks.corpus import generate
    from site_builder.build import link_site, load_content
    from site_builder.render.pages import render_site
    options = BuildOptions(content=generate(tmp_path / "content", 90), today=dt.date(2026, 1, 1), cache_dir=None)
    content, _ = load_content(options)
    site, _, env = link_site(options, content)
    out = tmp_path / "public"
    pages = []
    for o in render_site(site, env, year_page_entries=10):
        if "timeline/" in o.path:
            (out / o.path).parent.mkdir(parents=True, exist_ok=True)
            (out / o.path).write_bytes(o.data)
            pages.append(out / o.path)
    assert any(p.relative_to(out).parts[0] == "timeline" and len(p.relative_to(out).parts) == 4 for p in pages)
    assert any(p.relative_to(out).parts[0] != "timeline" and len(p.relative_to(out).parts) == 5 for p in pages)
    check(out, [str(p) for p in pages])


def check(site_dir, targets: list[str]) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed (bash scripts/test.sh installs default-jre-headless)")
    if not VNU.is_file():
        pytest.skip("vnu.jar is not installed: bash scripts/browser-deps.sh (needs npm)")
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             *targets], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or "{}").get("messages", []) if result.stderr.strip().startswith("{") else []
    errors = [f"{m.get('url', '').split(str(site_dir))[-1]}:{m.get('lastLine')}: {m.get('message')}"
              for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert result.returncode == 0 and not errors, "\n".join(errors[:40]) or result.stderr[-2000:]
