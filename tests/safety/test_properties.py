"""Random frontmatter, markdown and bytes thrown at ``check`` and ``build``.

Whatever the input: no exception but ``SiteError`` escapes, every problem is
located and has a fix, ``check`` and ``build`` agree, a failed build leaves the
previous site as it was, and a successful one is valid and safe (every page
passes the Content-Security-Policy scan, feeds are XML, the export is JSON).
Examples are bounded so the suite stays fast; on CI the examples are fixed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build import BuildOptions, build, check_content
from site_builder.errors import Problem, SiteError
from site_builder.content.load import read_document
from site_builder.render.markdown_body import LinkTarget, render_markdown
from site_builder.content.schema import BRIEFING_FIELDS, read_briefing

from .helpers import CACHE, FIXTURE, TODAY, built_pages, policy_violations, snapshot

BASE_URL = "https://fixture.example.org/"
SETTINGS = dict(deadline=None, derandomize=bool(os.environ.get("CI")), print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

FRAGMENTS = [
    "<script>alert(1)</script>", "<script>", "</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))",
    "<a href='/x' style='color:red' onclick='x()'>", "</a>", "<svg onload=alert(1)>", "<iframe src=//evil>",
    "<style>", "</style>", "<div>", "</div>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#x3c;", "&",
    "{{ 1234 * 5 }}", "{%", "%}", "# ", "## ", "### ", "> ", "- ", "* ", "1. ", "```", "`", "**", "_", "|", "---",
    "\n", "\n\n", "\t", "    ", "\\", "[^1]", "[^1]: a note", "*[HTML]: Hyper", "{: #id .cls }", "<", ">", "\"", "'",
    "Czechia", "TikTok", "Online Risk Labs", "Kremlin", "Chișinău", "Ωmega", "🙂", "\u202e", "\u200b", "\x0c",
    "![i](https://evil.example/p.gif)", "![i](/img/local.png)", "<https://example.org>", "<mailto:a@b.c>",
]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
MARKDOWN = st.lists(st.one_of(st.sampled_from(FRAGMENTS), TEXT), max_size=40).map("".join)

SCALARS = st.one_of(
    TEXT, st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.sampled_from(["2025-09-01", "2025-02-30", "2999-01-01", "25-1-1", "2025-13-01", "yes", "NO", "~", "null",
                     "Czechia", "Czechai", "TikTok", "Russian government", "alleged", "certain", "draft",
                     "https://example.org/a", "javascript:alert(1)", "../../etc", "a-slug", "Ab C"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(BRIEFING_FIELDS), TEXT), inner, max_size=4)),
    max_leaves=12)
FRONTMATTER = st.dictionaries(st.one_of(st.sampled_from(BRIEFING_FIELDS), TEXT), VALUES, max_size=10)
VALID_CORE = st.fixed_dictionaries({"title": TEXT.filter(str.strip), "date": st.sampled_from(["2025-09-01", "2024-01-31"]),
                                    "summary": TEXT.filter(str.strip)})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One project for all examples of a test: each example rewrites one briefing."""
    root = tmp_path_factory.mktemp("random")
    shutil.copytree(FIXTURE, root / "content")
    return root


def options(root: Path, output: str = "public") -> BuildOptions:
    return BuildOptions(content=root / "content", output=root / output, today=TODAY, cache_dir=root / CACHE)


def assert_located(problems: list[Problem]) -> None:
    for problem in problems:
        text = str(problem)
        assert f": {problem.severity}: " in text and problem.hint, text
        assert "Traceback" not in text
        if problem.path.endswith((".md", ".yaml")):
            assert isinstance(problem.line, int) and problem.line >= 1, text


def assert_valid_site(output: Path) -> None:
    pages = built_pages(output)
    assert pages
    for page in pages:
        problems, blocks = policy_violations(page.read_text(encoding="utf-8"), BASE_URL)
        assert problems == [], f"{page.relative_to(output)}: {problems}"
        for block in blocks:
            json.loads(block)
    for feed in output.rglob("*.xml"):
        ET.fromstring(feed.read_bytes())
    json.loads((output / "briefings.json").read_text(encoding="utf-8"))
    for path in output.rglob("*"):
        assert Path(os.path.realpath(path)).is_relative_to(output.resolve())


def check_then_build(root: Path) -> None:
    """check and build agree; a failed build leaves the previous site; a good one is valid."""
    found = check_content(options(root))
    assert_located(found)
    problems = [p for p in found if p.severity == "error"]  # warnings never stop a build
    before = snapshot(root / "public")
    try:
        build(options(root))
    except SiteError as exc:
        assert exc.problems, "a failed build must say why"
        assert_located(exc.problems)
        assert problems, f"build failed but check found nothing: {exc.report()}"
        assert snapshot(root / "public") == before
        return
    assert problems == [], "check found problems but build succeeded"
    assert_valid_site(root / "public")


def write_briefing(root: Path, text: str | bytes) -> None:
    path = root / "content" / "briefings" / "random.md"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


@settings(max_examples=50, **SETTINGS)
@given(meta=FRONTMATTER, body=MARKDOWN)
def test_random_frontmatter(site: Path, meta: dict, body: str) -> None:
    write_briefing(site, "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body)
    check_then_build(site)


@settings(max_examples=20, **SETTINGS)
@given(core=VALID_CORE, extra=FRONTMATTER, body=MARKDOWN)
def test_random_but_valid_briefings_build_safe_pages(site: Path, core: dict, extra: dict, body: str) -> None:
    """Mostly valid briefings, so that builds succeed and their pages are scanned."""
    extra = {k: v for k, v in extra.items() if k not in core and k in ("tags", "status")}
    if "tags" in extra and not isinstance(extra["tags"], list):
        extra["tags"] = [str(extra["tags"])]
    write_briefing(site, "---\n" + yaml.safe_dump({**core, **extra}, allow_unicode=True) + "---\n" + body)
    check_then_build(site)


@settings(max_examples=50, **SETTINGS)
@given(raw=st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(["---", "...", "title: x", "date: 2025-01-01", "summary: s", "\t- a", "  - b", "? x",
                              ": y", "&a x", "*a", "!!python/object:os.system", "!x y", "[", "{", "'", '"', "#",
                              "\ufeff", "\r", "\x00", "key: value: more", "- - -", "%YAML 1.2", "--- |"]),
             max_size=20).map("\n".join),
))
def test_random_files_never_crash_check(site: Path, raw) -> None:
    write_briefing(site, raw)
    problems = check_content(options(site))
    assert_located(problems)


@settings(max_examples=100, **SETTINGS)
@given(body=MARKDOWN, names=st.lists(st.one_of(st.sampled_from(["Czechia", "TikTok", "<b>", "a|b", "(x)"]), TEXT),
                                     max_size=4))
def test_random_markdown_renders_to_safe_html(body: str, names: list[str]) -> None:
    targets = [LinkTarget((name,), f"/actors/{i}/", f"Actor: {name}") for i, name in enumerate(names) if name]
    html = render_markdown(body, targets)
    problems, _ = policy_violations(html, BASE_URL)
    assert problems == [], (body, html)


@settings(max_examples=100, **SETTINGS)
@given(meta=FRONTMATTER)
def test_random_frontmatter_reads_without_exceptions(tmp_path_factory, meta: dict) -> None:
    folder = tmp_path_factory.mktemp("read")
    path = folder / "b.md"
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nBody\n", encoding="utf-8")
    doc, problems = read_document(path, folder)
    assert_located(problems)
    if doc is not None:
        briefing, more = read_briefing(doc, dt.date(2026, 1, 1))
        assert_located(more)
        assert briefing is not None or more, "a refused briefing must say why"
