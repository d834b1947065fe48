"""Python-Markdown's link, image and reference patterns, with bracket matching in linear time.

Upstream, each ``[`` scans character by character to its ``]`` (or to the end of the
paragraph when there is none), and each ``(`` after ``]`` to its ``)``: a run of ``[``
or of ``[a](`` costs the square of its length (docs/markdown-worst-cases.md). Here the
close of each opener is found once and remembered by its distance from the end of the
text, which replacing a link before it leaves alone; after a quote, ``getLink``'s walk
is done with searches. The HTML is upstream's for every input (tests/render/test_markdown_links.py).
"""

from __future__ import annotations

import heapq
import re

from markdown import inlinepatterns as ip
from markdown.inlinepatterns import dequote
from markdown.extensions import Extension

_UNMATCHED = -1
_FAMILIES = 4  # texts remembered at once: a paragraph and the link texts inside it


class _Memo:
    """What is known of one text: the close of each opener, by distance from the end."""

    def __init__(self, text: str):
        self.text = text
        self.closes: dict[int, int] = {}  # distance of an opener -> distance of its close, or _UNMATCHED
        self.order: list[int] = []  # heap of negated distances, to forget the farthest first
        self.keep: int | None = None  # after a replacement: the length of the suffix left as it was
        self.quote: tuple[int, int] | None = None  # (from distance, distance of the first quote or 0)

    def put(self, distance: int, close: int) -> None:
        self.closes[distance] = close
        heapq.heappush(self.order, -distance)

    def adopt(self, text: str, keep: int) -> None:
        """``text`` ends with this memo's last ``keep`` characters: what lies in them stays true."""
        while self.order and -self.order[0] > keep:
            self.closes.pop(-heapq.heappop(self.order), None)
        if self.quote is not None and self.quote[0] > keep:
            self.quote = None
        self.text, self.keep = text, None


class Closers:
    """Finds the closing character of an opening one (``[`` and ``]``, ``(`` and ``)``)."""

    def __init__(self, opener: str, closer: str):
        self.opener = opener
        self.pattern = re.compile("[" + re.escape(opener + closer) + "]")
        self.memos: list[_Memo] = []

    def reset(self) -> None:
        self.memos.clear()

    def memo(self, text: str) -> _Memo:
        for memo in self.memos:
            if memo.text is text:
                return memo
        for memo in reversed(self.memos):
            if memo.keep is not None and text.endswith(memo.text[len(memo.text) - memo.keep:]):
                memo.adopt(text, memo.keep)
                return memo
        memo = _Memo(text)
        self.memos.append(memo)
        del self.memos[:-_FAMILIES]
        return memo

    def replaced(self, text: str, end: int) -> None:
        """The inline processor will put a placeholder for ``text[...:end]``; the rest stays."""
        for memo in self.memos:
            if memo.text is text:
                memo.keep = len(text) - end

    def close(self, text: str, start: int) -> int | None:
        """Position of the character closing the opener at ``start``, as upstream counts them."""
        n, memo = len(text), self.memo(text)
        closes = memo.closes
        if n - start not in closes:
            stack, at = [start], start + 1
            while stack:
                found = self.pattern.search(text, at)
                j = found.start() if found else n
                known = closes.get(n - j) if found and text[j] == self.opener else None
                if found is None or known == _UNMATCHED:  # an opener left open leaves those around it open
                    for s in stack:
                        memo.put(n - s, _UNMATCHED)
                    break
                if text[j] != self.opener:
                    memo.put(n - stack.pop(), n - j)
                    at = j + 1
                elif known is None:
                    stack.append(j)
                    at = j + 1
                else:
                    at = n - known + 1
        close = closes[n - start]
        return None if close == _UNMATCHED else n - close

    def first_quote(self, text: str, start: int) -> int:
        """Position of the first ``'`` or ``"`` at or after ``start``; the length of the text if none."""
        n, memo = len(text), self.memo(text)
        if memo.quote is not None and memo.quote[1] < n - start <= memo.quote[0]:
            return n - memo.quote[1]
        found = _QUOTE.search(text, start)
        memo.quote = (n - start, n - found.start() if found else 0)
        return found.start() if found else n


_QUOTE = re.compile("['\"]")
_QUOTE_CLOSE = {quote: re.compile(quote + r" *\)") for quote in "'\""}
_PAREN = re.compile(r"[()]")


class _Bracketed:
    """Mixin for the link-like patterns: ``getText`` through the shared bracket finder."""

    def __init__(self, pattern: str, md, brackets: Closers, parens: Closers):
        super().__init__(pattern, md)
        self.brackets, self.parens = brackets, parens

    def close(self, data: str, index: int) -> int | None:
        return self.brackets.close(data, index - 1)

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        close = self.close(data, index)
        # Unclosed: upstream returns the rest of the text, which every caller drops; copying it was quadratic.
        return ("", len(data), False) if close is None else (data[index:close], close + 1, True)

    def getLink(self, data: str, index: int):
        """Upstream's result, found with searches instead of a walk over every character.

        Until a quote, upstream matches parentheses; from the first quote ``q`` on, it ends
        at the first ``)`` after that quote again (or after the second of the other quote),
        with spaces between; failing that, at the parenthesis that brings the count it had
        at the quote down to zero, counting ``(`` and ``)`` alike (``(`` gives index -1).
        """
        m = self.RE_LINK.match(data, pos=index)
        if not m or m.group(1):
            return super().getLink(data, index)
        start, n = m.end(), len(data)
        close = self.parens.close(data, m.start())
        q = self.parens.first_quote(data, start)
        if q >= (n if close is None else close):
            if close is None:
                return "", None, n, False
            return self.unescape(data[start:close]).strip(), None, close + 1, True
        other = "'" if data[q] == '"' else '"'
        second = data.find(other, q + 1)
        ends = [(found.end(), q, found.start()) for found in [_QUOTE_CLOSE[data[q]].search(data, q + 1)] if found]
        ends += [(found.end(), second, found.start()) for found in
                 [_QUOTE_CLOSE[other].search(data, second + 1) if second >= 0 else None] if found]
        if ends:
            end, opened, closed = min(ends)
            title = self.RE_TITLE_CLEAN.sub(" ", dequote(self.unescape(data[opened + 1:closed].strip())))
            return self.unescape(data[start:opened]).strip(), title, end, True
        count = 1 + data.count("(", start, q) - data.count(")", start, q)
        if data.count("(", q) + data.count(")", q) < count:
            return "", None, n, False
        for number, paren in enumerate(_PAREN.finditer(data, q), 1):
            if number == count:
                last = paren.end() if paren.group() == ")" else -1
                return self.unescape(data[start:last - 1]).strip(), None, last, True

    def placed(self, result, data: str):
        """Tell the finders which part of ``data`` the inline processor is about to replace."""
        el, start, end = result
        if el is not None and end is not None:
            end = end + len(data) if end < 0 else end  # upstream's -1 (see getLink) keeps the last character
            self.brackets.replaced(data, end)
            self.parens.replaced(data, end)
        return result


class LinkProcessor(_Bracketed, ip.LinkInlineProcessor):
    def handleMatch(self, m, data):
        close = self.close(data, m.end(0))
        if close is None:
            return None, None, None
        href, title, index, handled = self.getLink(data, close + 1)
        if not handled:
            return None, None, None
        el = ip.etree.Element("a")
        el.text = data[m.end(0):close]
        el.set("href", href)
        if title is not None:
            el.set("title", title)
        return self.placed((el, m.start(0), index), data)


class ImageProcessor(_Bracketed, ip.ImageInlineProcessor):
    def handleMatch(self, m, data):
        close = self.close(data, m.end(0))
        if close is None or not self.getLink(data, close + 1)[3]:
            return None, None, None
        return self.placed(super().handleMatch(m, data), data)


class ReferenceProcessor(_Bracketed, ip.ReferenceInlineProcessor):
    def handleMatch(self, m, data):
        close = self.close(data, m.end(0))
        if close is None or not self.evalId(data, close + 1, "")[2]:  # no id after the text: not a reference
            return None, None, None
        return self.placed(super().handleMatch(m, data), data)


class ImageReferenceProcessor(ReferenceProcessor, ip.ImageReferenceInlineProcessor):
    pass


class ShortReferenceProcessor(_Bracketed, ip.ShortReferenceInlineProcessor):
    def handleMatch(self, m, data):
        return self.placed(super().handleMatch(m, data), data)


class ShortImageReferenceProcessor(ShortReferenceProcessor, ip.ShortImageReferenceInlineProcessor):
    pass


_PATTERNS = (  # name, class, pattern, priority: as upstream registers them
    ("reference", ReferenceProcessor, ip.REFERENCE_RE, 170),
    ("link", LinkProcessor, ip.LINK_RE, 160),
    ("image_link", ImageProcessor, ip.IMAGE_LINK_RE, 150),
    ("image_reference", ImageReferenceProcessor, ip.IMAGE_REFERENCE_RE, 140),
    ("short_reference", ShortReferenceProcessor, ip.REFERENCE_RE, 130),
    ("short_image_ref", ShortImageReferenceProcessor, ip.IMAGE_REFERENCE_RE, 125),
)


class LinearLinks(Extension):
    """Replaces the six link-like inline patterns; forgets what it found on every reset."""

    def extendMarkdown(self, md) -> None:
        self.finders = (Closers("[", "]"), Closers("(", ")"))
        for name, cls, pattern, priority in _PATTERNS:
            md.inlinePatterns.register(cls(pattern, md, *self.finders), name, priority)
        md.registerExtension(self)

    def reset(self) -> None:
        for finder in self.finders:
            finder.reset()
