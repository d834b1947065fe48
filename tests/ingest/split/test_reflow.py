"""Re-flowing hard-wrapped text into paragraphs."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.ingest.split.reflow import reflow


def paragraphs(text: str) -> list[str]:
    return [b.text for b in reflow(text)]


def test_hard_wrapped_paragraphs_without_blank_lines():
    first = ("The commission said on Thursday that it had referred dozens of channels to prosecutors after "
             "they spread fabricated claims about polling stations.")
    second = "Short one."
    third = ("Researchers said the accounts were created in batches and woke up together, which is not how real "
             "people behave online before a vote.")
    text = "\n".join(textwrap.wrap(first, 60) + textwrap.wrap(second, 60) + textwrap.wrap(third, 60))
    assert paragraphs(text) == [first, second, third]


def test_blank_lines_and_one_line_paragraphs():
    text = "A long paragraph on one line that is not wrapped at all.\n\nAnother one.\nA third one.\n"
    assert paragraphs(text) == ["A long paragraph on one line that is not wrapped at all.", "Another one.", "A third one."]


def test_line_numbers_point_at_the_first_line():
    blocks = reflow("\n\nTitle line\n\nBody starts here.\n")
    assert [(b.line, b.text) for b in blocks] == [(3, "Title line"), (5, "Body starts here.")]


def test_hyphen_at_line_end_joins_the_word():
    text = "\n".join(textwrap.wrap("x " * 20, 40)) + "\nsupport for the pro-\nRussian bloc grew.\n"
    assert "pro-Russian bloc grew." in paragraphs(text)[-1]


def test_furniture_and_header_lines_are_never_joined():
    body = ("Estonia's security service said on Monday it had dismantled a network of fake accounts that "
            "impersonated local candidates in the run-up to Sunday's municipal elections.")
    lines = textwrap.wrap(body, 72) + ["Advertisement", "By Jane Doe", "Published 3 March 2025"]
    assert paragraphs("\n".join(lines)) == [body, "Advertisement", "By Jane Doe", "Published 3 March 2025"]


def test_a_headline_longer_than_the_wrap_width_stays_alone():
    body = " ".join(["Voters queued for hours in the rain outside polling stations in the capital."] * 4)
    title = "A headline that is a good deal longer than the width the body was wrapped at"
    text = "\n".join([title] + textwrap.wrap(body, 60))
    assert paragraphs(text)[0] == title


def test_articles_wrapped_at_different_widths_in_one_dump():
    one = " ".join(f"Sentence {i} of the first story ends here." for i in range(12))
    two = " ".join(f"Sentence {i} of the second story, which was wrapped wider, ends here." for i in range(12))
    text = "\n".join(textwrap.wrap(one, 60) + textwrap.wrap("Short.", 60) + textwrap.wrap(two, 100))
    assert paragraphs(text) == [one, "Short.", two]


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
_LONGEST = 10  # longest word + 1: how far below the true width the measured width can be


@st.composite
def paragraph(draw):
    words = draw(st.lists(_WORD, min_size=25, max_size=60))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph(), min_size=1, max_size=5), st.integers(min_value=50, max_value=90))
def test_greedy_wrapping_is_undone(texts, width):
    """Text wrapped greedily at one width comes back as its paragraphs, without blank lines, whenever
    the break is decidable: a paragraph's last line leaves room for the next paragraph's first word
    even at the narrowest width the wrapped lines allow. Otherwise a full last line is ambiguous
    (as for a reader) and the dump has to separate the paragraphs with a blank line."""
    lines: list[str] = []
    expected: list[str] = []
    for text in texts:
        wrapped = textwrap.wrap(text, width)
        if lines and len(lines[-1]) + 1 + len(wrapped[0].split()[0]) > width - _LONGEST:
            lines.append("")  # the genuinely ambiguous case: separate with a blank line, as editors do
        lines.extend(wrapped)
        expected.append(text)
    assert paragraphs("\n".join(lines)) == expected


def test_furniture_dropped_into_the_middle_of_a_sentence():
    text = ("The commission said on Thursday that it had referred dozens of\n"
            "Advertisement\n"
            "channels to prosecutors after they spread fabricated claims about\n"
            "polling stations.\n")
    assert paragraphs(text) == [
        "Advertisement",
        "The commission said on Thursday that it had referred dozens of channels to prosecutors after they "
        "spread fabricated claims about polling stations."]
