"""Key figures: counts, percentages, sums of money and audience reach.

"286 accounts", "98.5 percent", "$381,000", "5 to 9 million views per week",
"more than 900 accounts". Numbers that are dates, years, times of day,
ages of things ("27-nation") or durations are not figures. Each figure keeps
its sentence as context so the editor can check it.
"""

from __future__ import annotations

import re

from site_builder.ingest.article import Figure
from site_builder.ingest.extract.text import sentences

_NUM = r"\d{1,3}(?:[,\u202f ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:million|billion|trillion|thousand|bn|mn|m|k)"
_QUALIFIER = r"(?i:(?:more than|over|nearly|almost|about|around|roughly|some|at least|up to|fewer than|less than|under|an estimated|approximately)\s+)?"
_CURRENCY_SIGN = r"(?:US\$|\$|€|£|¥|₽|₴|USD|EUR|GBP|RUB|CHF|UAH|MDL|RON|CZK|PLN|HUF)"
_CURRENCY_WORD = r"(?:euros?|dollars?|pounds?|rubles?|roubles?|lei|leu|lev|lari|korun[ay]?|crowns?|hryvnias?|zloty|forints?|francs?|yuan|yen|manat|dram|tenge|dinars?|rupees?|reais|pesos?)"
_RANGE = rf"(?:{_NUM})(?:\s*(?:to|-|–)\s*(?:{_NUM}))?"

_MONEY = re.compile(
    rf"{_QUALIFIER}(?:{_CURRENCY_SIGN}\s?{_RANGE}(?:\s?{_SCALE}\b)?|{_RANGE}(?:\s?{_SCALE})?\s?{_CURRENCY_WORD}\b)", re.IGNORECASE)
_PERCENT = re.compile(rf"{_QUALIFIER}{_RANGE}\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.IGNORECASE)
_COUNT = re.compile(
    rf"{_QUALIFIER}(?<![\w.,/:-])(?P<num>{_RANGE})(?:\s(?P<scale>million|billion|thousand|trillion))?"
    rf"(?P<noun>(?:\s(?:[A-Za-z][\w’'-]*)){{1,3}})", )
_REACH_WORDS = {"views", "viewers", "followers", "subscribers", "impressions", "users", "shares", "likes", "interactions",
                "engagements", "downloads", "visits", "visitors", "reach", "clicks", "plays", "streams", "listeners",
                "readers", "members", "fans", "retweets", "reposts", "comments"}
_NOT_COUNT_NOUNS = {"a.m", "p.m", "am", "pm", "years", "year", "months", "month", "weeks", "week", "days", "day",
                    "hours", "hour", "minutes", "minute", "seconds", "percent", "per", "to", "and", "or", "of", "in",
                    "on", "at", "the", "a", "an", "p", "a.m.", "p.m.", "local", "time", "o’clock", "o'clock", "is",
                    "was", "were", "are", "when", "that", "which", "who", "for", "by", "as", "with", "from", "after", "before"}
_STOP_NOUN = {"to", "of", "in", "on", "at", "for", "by", "and", "or", "with", "from", "per", "the", "a", "an", "that",
              "which", "who", "as", "than", "out", "over", "into", "across", "since", "this", "his", "her", "their"}
_MONTHS = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$")
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def find_figures(paragraphs: list[str]) -> list[Figure]:
    out: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            taken: list[tuple[int, int]] = []
            found: list[tuple[int, Figure]] = []
            for kind, pattern in (("money", _MONEY), ("percentage", _PERCENT)):
                for m in pattern.finditer(sentence):
                    if _overlaps(m.span(), taken) or _is_date_or_time(sentence, m.start()):
                        continue
                    taken.append(m.span())
                    found.append((m.start(), Figure(m.group(0).strip(), kind, _value(m.group(0)), sentence)))
            for m in _COUNT.finditer(sentence):
                if _overlaps(m.span(), taken) or _is_date_or_time(sentence, m.start("num")):
                    continue
                figure = _count(m, sentence)
                if figure:
                    taken.append(m.span())
                    found.append((m.start(), figure))
            for _, figure in sorted(found, key=lambda item: item[0]):
                _add(out, seen, figure)
    return out


def _add(out: list[Figure], seen: set, figure: Figure) -> None:
    key = (figure.text.lower(), figure.context)
    if key not in seen:
        seen.add(key)
        out.append(figure)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _is_date_or_time(sentence: str, start: int) -> bool:
    before = sentence[:start]
    return bool(_MONTHS.search(before)) or bool(re.search(r"\b(?:at|by|until|from)\s*$", before))


def _count(m: re.Match, sentence: str) -> Figure | None:
    number = m.group("num")
    end_of_number = m.end("num")
    if sentence[end_of_number:end_of_number + 1] in "-–/:" and sentence[end_of_number:end_of_number + 1]:
        return None  # "27-nation", "9/11", "9:30"
    words = m.group("noun").split()
    noun_words: list[str] = []
    for word in words[:3]:
        bare = word.strip("’'").lower()
        if bare in _STOP_NOUN:
            break
        noun_words.append(word)
        if bare.endswith("s"):
            break
    else:
        noun_words = noun_words[:1]
    if not noun_words or not noun_words[-1].lower().endswith("s") and len(noun_words) > 1:
        noun_words = noun_words[:1]
    if not noun_words:
        return None
    if noun_words[0][:1].isupper() and (len(noun_words) == 1 or not noun_words[-1].islower()):
        return None  # "5 August", "3 Prague": not a count of things
    first = noun_words[0].lower().rstrip(".")
    if first in _NOT_COUNT_NOUNS or first.startswith(("a.m", "p.m")):
        return None
    digits = number.replace(",", "").replace(" ", "")
    if re.fullmatch(r"(?:19|20)\d\d", digits) and not m.group("scale"):
        return None  # a year
    scale = f" {m.group('scale')}" if m.group("scale") else ""
    prefix = sentence[m.start():m.start("num")]
    text = f"{prefix}{number}{scale} {' '.join(noun_words)}".strip()
    kind = "reach" if any(w.lower().strip(",.") in _REACH_WORDS for w in noun_words) or "reach" in sentence[max(0, m.start() - 25):m.start()].lower() else "count"
    if kind == "reach":
        noun_end = sentence.index(noun_words[-1], m.start("noun")) + len(noun_words[-1])
        per = re.match(r"\s*(?:per|a|each) (?:day|week|month|year|hour)", sentence[noun_end:])
        if per:
            text += per.group(0).rstrip()
    return Figure(text, kind, _value(f"{number}{scale}"), sentence)


def _value(text: str) -> float | None:
    m = re.search(rf"({_NUM})(?:\s?({_SCALE})\b)?", text, re.IGNORECASE)
    if not m:
        return None
    scale = re.search(rf"\d\s?({_SCALE})\b", text, re.IGNORECASE)
    raw = m.group(1).replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    else:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    if scale:
        value *= _SCALES.get(scale.group(1).lower(), 1)
    return value
