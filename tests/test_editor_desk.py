"""An editor's session, with real ``site-builder`` processes: ingest, publish too early, fix, publish."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import frontmatter
import pytest

from conftest import FIXTURE_SITE, TESTS, run

ARTICLE = TESTS / "fixtures" / "desk" / "telegram_channels.txt"
OUR_BODY = """Forty Telegram channels with no named owner told the same false tale of stuffed ballot boxes in the
week before Moldova's parliamentary vote, according to a local monitoring group.

Example Research Lab found that the wording echoed posts it had tied earlier to the Russian government.
"""


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_an_ingested_draft_is_refused_until_rewritten_then_published(tmp_path: Path):
    shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    assert run("build", cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path / "public")

    ingested = run("ingest", str(ARTICLE), cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    assert "    date: 2025-09-24\n    author: Ana Rusu\n    publisher: (not found)\n    url: (not found)\n" in ingested.stdout
    assert "      publisher: not found in the source\n" in ingested.stdout
    draft = next((tmp_path / "content" / "briefings").glob("telegram-channels-*.md"))
    text = draft.read_text(encoding="utf-8")
    assert "publisher: ''  # review: not found in the source" in text and "\ntags: []\nattribution:  # review: proposed" in text
    assert run("check", cwd=tmp_path).returncode == 0, "a draft passes"

    draft.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    for command in ("check", "build"):
        refused = run(command, cwd=tmp_path)
        assert refused.returncode == 1, refused.stdout
        name = re.escape(f"content/briefings/{draft.name}")
        for reason in ("a published briefing still has a 'review' list", "a published briefing has no sources",
                       "the body is still marked as source text from ingest",
                       r"the summary copies 12 words in a row from the source it was ingested from",
                       r"the body copies \d+ words in a row from the source it was ingested from .*“A Moldovan monitoring"):
            assert re.search(rf"^{name}:\d+:\d+: error: {reason}", refused.stderr, re.M), (reason, refused.stderr)
        assert refused.stderr.count(": error: ") == 5 and refused.stderr.count("    fix: ") >= 5 and "Traceback" not in refused.stderr
    assert snapshot(tmp_path / "public") == before, "a refused build leaves the site as it was"

    post = frontmatter.loads(draft.read_text(encoding="utf-8"))
    del post.metadata["review"]
    post.metadata["summary"] = "Anonymous Telegram channels spread the same false ballot stories before the vote."
    post.metadata["sources"] = [{"publisher": "Example Monitor", "title": post.metadata["title"],
                                 "url": "https://monitor.example.org/channels", "author": "Ana Rusu"}]
    post.content = OUR_BODY
    draft.write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")
    checked = run("check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "public" / "briefings" / draft.stem / "index.html").read_text(encoding="utf-8")
    assert "told the same false tale of stuffed ballot boxes" in page
