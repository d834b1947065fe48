"""The linear link patterns give upstream Python-Markdown's HTML for every input, without its scans."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings, strategies as st

from site_builder.render.markdown_links import LinearLinks

EXTENSIONS = ["extra", "sane_lists", "toc"]
REFERENCES = "\n\n[a]: /a \"A\"\n[b c]: /b\n*[HTML]: markup\n[^1]: note\n"


def _stock() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def _linear() -> markdown.Markdown:
    return markdown.Markdown(extensions=[*EXTENSIONS, LinearLinks()], output_format="html")


STOCK, LINEAR = _stock(), _linear()

# Pieces that make links, images, references and their broken shapes.
PIECES = st.sampled_from([
    "[", "]", "(", ")", "![", "](", "][", "[a]", "[b c]", "(/x)", "(<y>)", '"', "'", " ", "a", "\n", "\n\n",
    "*", "_", "`", "\\", "<", ">", "[^1]", "(/x \"t\")", "HTML", "- ", "> ", "    ", "&", ":",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join), st.booleans())
def test_same_html_as_upstream(body, with_references):
    text = body + (REFERENCES if with_references else "")
    assert LINEAR.reset().convert(text) == STOCK.reset().convert(text)


@pytest.mark.parametrize("body", [
    "[" * 300, "[ word " * 300, "[a](" * 300, "[a][" * 300, "![" * 300, "![a](" * 300,
    "[" * 150 + "]" * 150, "[a](b)[" * 100, "[a](b)" * 100 + "[" * 100, "[[a](b)" * 100 + "]",
    "[a]((((x)" * 50, "[a](b" + "(" * 200 + ")" * 200 + ")", "x [a][b c] [b c] [a] " * 50,
    '[a](b"x)' * 100, "[a](b 'x' y)" * 100, '[a]("' * 100, '[a](b "t")' * 100, "[a](b 'it's')" * 50,
    '[a](\\\\![>](]>[[a>\\]\\)][(  [a](]"(b\'', "[a](" * 100 + '"' + "(" * 50,
])
def test_same_html_as_upstream_on_runs(body):
    text = body + REFERENCES
    assert LINEAR.reset().convert(text) == STOCK.reset().convert(text)


def _lines_run(text: str) -> int:
    """Lines of Python run in the inline link patterns while rendering ``text``: work, not time."""
    import sys
    from site_builder.render.markdown_body import render_markdown
    files = ("inlinepatterns.py", "markdown_links.py")
    count = [0]

    def local(frame, event, arg):
        count[0] += event == "line"
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.endswith(files) else None
    sys.settrace(calls)
    try:
        render_markdown(text)
    finally:
        sys.settrace(None)
    return count[0]


RUNS = {
    "open brackets": lambda n: "[" * n, "words after brackets": lambda n: "[ word " * n, "open links": lambda n: "[a](" * n,
    "open images": lambda n: "![" * n, "open references": lambda n: "[a][" * n, "links in a bracket": lambda n: "[[a](b)" * n,
    "nested brackets": lambda n: "[" * n + "x" + "]" * n, "quotes in links": lambda n: '[a](b"x)' * n,
    "titles left open": lambda n: "[a](b 'x' y)" * n,
}


@pytest.mark.parametrize("shape", RUNS)
def test_work_grows_linearly_with_a_run(shape):
    """Four times the run, about four times the work (upstream: sixteen times)."""
    small, large = _lines_run(RUNS[shape](300)), _lines_run(RUNS[shape](1200))
    assert large <= 6 * small
