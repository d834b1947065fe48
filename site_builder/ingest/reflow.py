"""Re-flow hard-wrapped text into real paragraphs.

Text copied from a terminal, an e-mail or a print view is wrapped at a fixed
width with no blank line between paragraphs. A greedy wrapper only ends a line
early when the paragraph ends there, so a line is the last of its paragraph
when the next line's first word would still have fitted on it. The width is
measured, not assumed: lines followed by a line that starts in lower case
were certainly wrapped, and the longest of them (near the line, so that
articles wrapped at different widths in one dump each get their own) is the
width. Blank lines always end a paragraph; text without hard wraps keeps one
paragraph per line.
"""

from __future__ import annotations

import bisect
import re

from site_builder.ingest.article import Block
from site_builder.ingest.clean import CONTENT, classify
from site_builder.ingest.header import byline, date_line

_SEPARATOR = re.compile(r"^[\s_*=~#\-–—•·.]{3,}$")
_WINDOW = 40  # lines either side used to measure the local wrap width


def reflow(text: str) -> list[Block]:
    """Paragraphs of ``text`` (LF line endings) as blocks with their first line number."""
    lines = [line.replace("\t", " ").strip() for line in text.split("\n")]
    widths = _local_widths(lines)
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        if not line:
            _flush(blocks, current, start)
            current = []
            continue
        if current and _continues(current[-1], line, widths[index - 1]):
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


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Does ``line`` carry on the paragraph that ``previous`` belongs to?"""
    if _SEPARATOR.match(previous) or _SEPARATOR.match(line):
        return False
    first = line[0]
    if first.islower() or first in ",;:)]}%":
        return True
    if _stands_alone(line) or _header_line(previous):
        return False  # "Advertisement", "Share this article", a byline or a date line is never wrapped text
    if width is None or len(previous) > width:
        return False  # a line longer than the wrap width was never wrapped: a headline or a one-line paragraph
    next_word = line.split(" ", 1)[0]
    return len(previous) + 1 + len(next_word) > width


def _stands_alone(line: str) -> bool:
    return classify(line) != CONTENT or _header_line(line)


def _header_line(line: str) -> bool:
    return len(line) < 100 and bool(date_line(line) or byline(line))


def _local_widths(lines: list[str]) -> list[int | None]:
    """For each line, the wrap width measured on nearby lines (None: not wrapped)."""
    wrapped: list[tuple[int, int]] = []  # (line index, length) of lines certainly wrapped
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if line and following and following[0].islower() and not _SEPARATOR.match(line):
            wrapped.append((index, len(line)))
    if len(wrapped) < 2:
        return [None] * len(lines)
    positions = [i for i, _ in wrapped]
    overall = _width([n for _, n in wrapped])
    out: list[int | None] = []
    for index in range(len(lines)):
        lo = bisect.bisect_left(positions, index - _WINDOW)
        hi = bisect.bisect_right(positions, index + _WINDOW)
        near = [n for _, n in wrapped[lo:hi]]
        out.append(_width(near) if len(near) >= 3 else overall)
    return out


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
