"""Small text helpers shared by the extractors: plain text, sentences and quotation spans."""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gen", "col", "lt", "gov", "jr", "sr", "inc", "ltd", "co",
    "corp", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "mt", "ft",
}
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,500}>")
_SPACE = re.compile(r"\s+")
_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘(\[]?[A-Z0-9À-Þ])")


def plain(text: str) -> str:
    """Text with any HTML tags removed and whitespace collapsed: article text must never become markup."""
    return _SPACE.sub(" ", _TAG.sub(" ", text or "")).strip()


# The longest sentence the extractors read whole. Real sentences stay far below it (news copy runs
# to some 60 words); a longer run (a page without full stops, a pasted list) is read in pieces, so
# that work done per mention over its sentence stays linear in the text, whatever is pasted.
MAX_SENTENCE_CHARS = 1200


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, not after "Aug." or "p.m." or initials; a run longer than
    ``MAX_SENTENCE_CHARS`` is cut into pieces at a clause or word boundary."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(paragraph):
        word = paragraph[max(start, m.start() - 40):m.start()].split()[-1:] or [""]  # the word before the stop
        last = word[0].lower().strip("(“\"")
        if m.group(0).startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if m.group(0).startswith(".") and re.fullmatch(r"(?:[a-z]\.)+[a-z]", last):
            continue
        out.extend(_pieces(paragraph[start:m.end()].strip()))
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.extend(_pieces(tail))
    return out


def _pieces(sentence: str) -> list[str]:
    """``sentence``, or pieces of at most ``MAX_SENTENCE_CHARS`` cut after ";" or "," or else at a space
    (a run without either is cut where the limit falls)."""
    out = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        window = sentence[:MAX_SENTENCE_CHARS]
        cut = max(window.rfind("; "), window.rfind(", "))
        cut = cut + 1 if cut > MAX_SENTENCE_CHARS // 2 else window.rfind(" ")
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        out.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return out + ([sentence] if sentence else [])


_QUOTE = re.compile(r"“(?P<a>[^“”]+)(?:”|$)|\"(?P<b>[^\"]+)(?:\"|$)|«(?P<c>[^«»]+)(?:»|$)|„(?P<d>[^„“”]+)(?:[“”]|$)")


def quotes(paragraph: str) -> list[tuple[int, int, str]]:
    """Quotation spans (start, end incl. marks, inner text); an unclosed quote runs to the paragraph's end."""
    out = []
    for m in _QUOTE.finditer(paragraph):
        inner = next(g for g in m.groups() if g is not None)
        out.append((m.start(), m.end(), inner.strip()))
    return out


def shorten(text: str, limit: int = 160) -> str:
    """Cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return cut + "…"
