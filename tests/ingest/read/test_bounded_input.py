"""Ingest reads a bounded amount from regular files only, parses deep HTML in bounded
work, and never writes a draft that ``check`` would refuse."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import yaml

from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st

from site_builder.content.desk import SOURCE_MARKER
from site_builder.content.body_limits import MAX_PARAGRAPH_CHARS, body_problems
from site_builder.ingest.article import Article
from site_builder.ingest.draft.briefing import write_draft
from site_builder.ingest.read.html import MAX_DEPTH, flatten, parse_page
from site_builder.ingest.read.decode import MAX_BYTES
from site_builder.content.load import split_frontmatter
from site_builder.content.yamlfile import MAX_BYTES as CONTENT_MAX_BYTES

from ..conftest import REPO, TODAY


def _ingest(path, site) -> subprocess.CompletedProcess:
    """The real command, with 1 GB of memory at most, stopped after 60 s."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    return subprocess.run([sys.executable, "-m", "site_builder", "ingest", str(path), "--content", str(site)],
                          cwd=REPO, capture_output=True, text=True, timeout=60, preexec_fn=limit)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(site, tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    run = _ingest(fifo, site)
    assert run.returncode == 1
    assert "is not a regular file (it is a named pipe)" in run.stderr and "fix:" in run.stderr


def test_an_endless_device_is_refused_without_reading_it(site):
    run = _ingest("/dev/zero", site)
    assert run.returncode == 1
    assert "/dev/zero: error: is not a regular file (it is a device)" in run.stderr


def test_a_file_over_the_limit_is_refused_unread(site, tmp_path):
    big = tmp_path / "dump.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing to read but zeros
    run = _ingest(big, site)
    assert run.returncode == 1 and "over the 2 MB limit for one source" in run.stderr


def _depth(html: str) -> int:
    deepest, stack = 0, [(BeautifulSoup(html, "html.parser"), 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in getattr(node, "contents", ()) if getattr(child, "name", None))
    return deepest


TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<b>", "</b>", "<li>", "<br>", "<img src=x>", "text ",
                        "<script>if (a<b) x('<div>')</script>", "</span>", "<span class='a'>", "<hr/>", " word"])


@settings(max_examples=200, deadline=None)
@given(st.lists(TAGS, max_size=60).map("".join), st.integers(1, 6))
def test_flattening_keeps_every_word_and_bounds_the_depth(html, limit):
    flat, _ = flatten(html, limit)
    text = BeautifulSoup(html, "html.parser").get_text()
    assert BeautifulSoup(flat, "html.parser").get_text() == text
    assert _depth(flat) <= limit + 2  # a paragraph one deeper, and an empty element such as <br> in it


def test_a_page_of_thousands_of_unclosed_elements_keeps_its_text_and_is_noted():
    paragraph = "<p>" + "Officials said the campaign reached thousands of voters in the region. " * 2 + "</p>"
    html = "<html><body>" + ("<div>" + paragraph) * 3000 + "</body></html>"
    flat, removed = flatten(html)
    assert removed > 2800 and _depth(flat) <= MAX_DEPTH + 2
    articles, notes = parse_page(html, "page.html")
    assert articles and any("nested over 100 deep" in note for note in notes)


def _article(paragraphs: list[str]) -> Article:
    return Article(source="dump.txt", title="A long dump", standfirst="", author="", publisher="", published=None,
                   dateline="", paragraphs=paragraphs)


def _body(path) -> tuple[str, int]:
    """The draft's body below the source-text marker, which every draft starts with, and its line."""
    _, body, line = split_frontmatter(path.read_text(encoding="utf-8"), str(path))
    assert body.startswith(SOURCE_MARKER + "\n")
    return body.removeprefix(SOURCE_MARKER + "\n"), line + 1


def test_a_paragraph_over_the_limit_is_split_and_noted(site):
    words = [f"w{i}" for i in range(12_000)]  # about 70,000 characters in one paragraph
    result = write_draft(_article([" ".join(words) + ".", "- a list? No, text [x] <b>."]), site, TODAY)
    body, line = _body(result.path)
    assert body_problems(body, str(result.path), line) == []
    assert body.split()[:12_000] == [*words[:-1], words[-1] + "."]
    assert "was split into 4" in body and "over the limit of 20,000" in body
    assert "\\- a list? No, text \\[x\\] &lt;b>." in body
    meta, _, _ = split_frontmatter(result.path.read_text(encoding="utf-8"), str(result.path))
    assert "body" in yaml.safe_load(meta)["review"]


def test_a_draft_that_would_pass_the_file_limit_keeps_what_fits_and_notes_the_rest(site):
    paragraphs = ["ü" * (MAX_PARAGRAPH_CHARS - 10)] * 150  # 3 million characters, 6 MB in UTF-8
    result = write_draft(_article(paragraphs), site, TODAY)
    size = result.path.stat().st_size
    assert CONTENT_MAX_BYTES - 3 * MAX_PARAGRAPH_CHARS < size <= CONTENT_MAX_BYTES
    body, line = _body(result.path)
    assert body_problems(body, str(result.path), line) == []
    assert "paragraphs (" in body and "were left out, as the draft would be over the 5 MB limit" in body
    assert "they are in dump.txt" in body


def test_a_draft_of_too_much_markup_keeps_what_fits_and_notes_the_rest(site):
    paragraphs = ["<b> [x] " * 2000] * 20  # 6 markup characters in 8: 240,000 in all
    result = write_draft(_article(paragraphs), site, TODAY)
    body, line = _body(result.path)
    assert body_problems(body, str(result.path), line) == []
    assert "were left out, as the draft would hold more than 100,000 markup characters" in body


def _salad(words: list[str], count: int, seed: int) -> str:
    """``count`` words drawn from ``words``, with no full stop: a pasted page that has no sentences."""
    import random

    pick = random.Random(seed).choice
    return "A page without sentences\n\n" + " ".join(pick(words) for _ in range(count)) + "\n"


def test_text_without_full_stops_is_read_in_time_linear_in_its_length(site, tmp_path):
    """One 'sentence' of 20,000 capitalised names and dates: work done per mention over its sentence,
    or per name over its paragraph, once took minutes here; sentences are read in bounded pieces."""
    words = ["Russian", "Moscow", "Operation", "Ministry", "Of", "Foreign", "Affairs", "EU", "March", "12", "2024",
             "Updated", "Published", "on", ",", "Kremlin", "Agency", "By"]
    dump = tmp_path / "salad.txt"
    dump.write_text(_salad(words, 20_000, 7), encoding="utf-8")
    run = _ingest(dump, site)  # stopped after 60 s
    assert run.returncode == 0, run.stderr[-2000:]
    assert "1 article found" in run.stdout + run.stderr


def test_sentences_are_read_in_pieces_of_bounded_length():
    from site_builder.ingest.extract.text import MAX_SENTENCE_CHARS, sentences

    text = ("Budapest, Bratislava and Vienna, " * 400).strip()
    pieces = sentences(text)
    assert len(pieces) > 1 and max(map(len, pieces)) <= MAX_SENTENCE_CHARS
    assert " ".join(pieces) == text, "every word kept, in order"
    assert sentences("The vote was on Aug. 3 in the capital. Observers left.") == [
        "The vote was on Aug. 3 in the capital.", "Observers left."]
