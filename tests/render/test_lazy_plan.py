"""The page plan makes each page's data only when it is first asked for (``PageJob.context``), so a build
that the dependency index decides makes the data of the pages it renders and of no other."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.corpus import generate
from conftest import REPO
from site_builder.build import BuildOptions, build, link_site, load_content
from site_builder.output.reasons import BY_INDEX
from site_builder.render.pages import plan_pages, render_page
from site_builder.render.templating import make_environment


def _made(jobs) -> list[str]:
    return [job.path for job in jobs if "context" in job.__dict__]


def _options(tmp: Path, **more) -> BuildOptions:
    return BuildOptions(content=tmp / "content", output=tmp / "public", cache_dir=tmp / "cache",
                        templates=REPO / "templates", static=REPO / "static", today=dt.date(2025, 1, 1),
                        progress=False, **more)


def test_planning_makes_no_page_data_and_a_page_makes_its_own_once(tmp_path):
    generate(tmp_path / "content", 12, seed=3)
    options = _options(tmp_path)
    content, problems = load_content(options)
    assert problems == []
    site, _, env = link_site(options, content)
    jobs = plan_pages(site, env)
    assert len(jobs) > 50 and _made(jobs) == []
    term = next(job for job in jobs if job.template == "term.html")
    first, _ = render_page(env, term, site)
    assert _made(jobs) == [term.path] and term.context is term.context
    assert render_page(env, term, site)[0] == first and b"<html" in first


def test_a_body_edit_makes_the_data_of_the_pages_it_renders_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_JOBS", "1")  # every page rendered here, where the plan's jobs can be seen
    generate(tmp_path / "content", 30, seed=5)
    build(_options(tmp_path))
    path = tmp_path / "content" / "briefings" / "briefing-000004.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    report = build(_options(tmp_path, keep_state=True))
    assert BY_INDEX in report.reasons, report.reasons
    made = _made(report.state.jobs)
    assert 0 < report.rendered == len(made) < len(report.state.jobs) / 10, (report.rendered, len(made))
    assert "briefings/briefing-000004/index.html" in made
