"""Re-flow hard-wrapped text into real paragraphs.
Design notes: docs/architecture.md ("site_builder/ingest/split/reflow.py").
"""

from __future__ import annotations

import bisect
import re

from site_builder.ingest.article import Block
from site_builder.ingest.split.clean import CONTENT, classify
from site_builder.ingest.split.furniture import main_script
from site_builder.ingest.split.header import byline, date_line

_SEPARATOR = re.compile(r"^[\s_*=~#\-–—•·.]{3,}$")
_WINDOW = 40  # lines either side used to measure the local wrap width
_NEAREST = 3  # wrapped lines nearest to a line that set its width


def reflow(text: str) -> list[Block]:
    """Paragraphs of ``text`` (LF line endings) as blocks with their first line number."""
    lines = [line.replace("\t", " ").strip() for line in text.split("\n")]
    local, overall = _widths(lines)
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if not line:
            _flush(blocks, current, start)
            current = []
            continue
        previous = lines[index - 1] if index else ""
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (current and following[:1].islower() and not current[-1].rstrip().endswith((".", "!", "?", "”", '"'))
                and len(line.split()) <= 4 and classify(line) != CONTENT):
            # "Advertisement" dropped into the middle of a sentence: set it aside, carry on the paragraph.
            blocks.append(Block(line, index + 1))
            lines[index] = previous  # the next line continues what came before the interruption
            continue
        if current and _continues(previous, line, local[index - 1], overall):
            if current[-1].endswith("-") and not current[-1].endswith((" -", "--")) and line[:1].isalpha():
                current[-1] = current[-1] + line  # "pro-" + "Russian" -> "pro-Russian"
            else:
                current.append(line)
            continue
        _flush(blocks, current, start)
        current, start = [line], index + 1
    _flush(blocks, current, start)
    return blocks


def _flush(blocks: list[Block], current: list[str], start: int) -> None:
    if current:
        text = re.sub(r"[ ]{2,}", " ", " ".join(current)).strip()
        if text:
            blocks.append(Block(text, start))


def _continues(previous: str, line: str, width: int | None, overall: int | None) -> bool:
    """Does ``line`` carry on the paragraph that ``previous`` belongs to?"""
    if _SEPARATOR.match(previous) or _SEPARATOR.match(line):
        return False
    first = line[0]
    if _header_line(previous) or byline(line):
        return False  # "January 18, 2023" / "by Jane Doe": header lines are never wrapped text
    if not first.isascii() and first.isalpha() and main_script([line]) != main_script([previous]):
        return False  # a menu or label in another script between two paragraphs
    if first.islower() or first in ",;:)]}%":
        return True
    if re.search(r"[^\W\d_]-$", previous) and first.isalpha():
        return True  # "pro-" / "Russian": a compound broken at the hyphen
    if _stands_alone(line) or _header_line(previous):
        return False  # "Advertisement", "Share this article", a byline or a date line is never wrapped text
    if width is None:
        return False
    if overall is not None and len(previous) > overall:
        return False  # longer than any wrapped line: never wrapped (a headline, a one-line paragraph)
    next_word = line.split(" ", 1)[0]
    return len(previous) + 1 + len(next_word) > width


def _stands_alone(line: str) -> bool:
    return classify(line) != CONTENT or _header_line(line)


def _header_line(line: str) -> bool:
    return len(line) < 100 and bool(date_line(line) or byline(line))


def _widths(lines: list[str]) -> tuple[list[int | None], int | None]:
    """The wrap width near each line (None: not wrapped), and the widest wrapping in the text.

    Evidence is every line followed by a line that starts in lower case: it was
    certainly wrapped. Each line takes the widest of the few nearest such lines
    (most likely its own paragraph or article); the overall width, used to tell
    a too-long headline from wrapped text, takes all of them. With fewer than
    three, the overall width is unknown and only the nearest evidence is used.
    A furniture line is no evidence ("Read more on:" over a list of tags in lower case).
    """
    wrapped: list[tuple[int, int]] = []
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if (line and following and following[0].islower() and not _SEPARATOR.match(line)
                and not byline(following) and not _header_line(line) and classify(line) == CONTENT):
            wrapped.append((index, len(line)))
    if not wrapped:
        return [None] * len(lines), None
    overall = _width([n for _, n in wrapped]) if len(wrapped) >= _NEAREST else None
    if overall is None and len(wrapped) >= _NEAREST:
        return [None] * len(lines), None
    positions = [i for i, _ in wrapped]
    out: list[int | None] = []
    for index in range(len(lines)):
        lo = bisect.bisect_left(positions, index - _WINDOW)
        hi = bisect.bisect_right(positions, index + _WINDOW)
        near = sorted(wrapped[lo:hi], key=lambda item: (abs(item[0] - index), item[0] > index))[:_NEAREST]
        if not near:
            near = sorted(wrapped, key=lambda item: abs(item[0] - index))[:_NEAREST]
        out.append(_width([n for _, n in near]))
    return out, overall


def _width(lengths: list[int]) -> int | None:
    """The wrap width behind a set of wrapped line lengths; None when lines are not wrapped."""
    if not lengths:
        return None
    ordered = sorted(lengths)
    median = ordered[len(ordered) // 2]
    if median > 160:
        return None  # paragraphs on one line each; a lower-case start is a stray break
    usable = [n for n in ordered if n <= median * 1.35]
    return max(usable) if usable else None

