"""Dates in article text: absolute ("Aug. 29", "06 December 2024", "2024-12-06")
and relative ("Sunday", "Friday and Saturday", "tomorrow", "last year").

``find_dates`` finds every date phrase with its span; ``resolve`` turns one into a
calendar day against the publication date (``None`` when that is unknown or the
phrase names only a year or a month). A weekday follows the tense of its clause:
"had removed them by Thursday" looks back, "must remove them by Thursday" and
"voters go to the polls on Sunday" look ahead; a clause without a verb is unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from site_builder.ingest.extract.localdates import parse_local_date

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?P<month>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_POSS = r"(?:[’']s)?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?:[T ][0-2]?\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b")),
    ("md", re.compile(rf"\b{_MONTH}\s+{_DAY}(?![\d:.,]\d|\s*,?\s*(?:19|20)\d\d)\b")),
    ("dm", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\s*,?\s*(?:19|20)\d\d)\b")),
    ("my", re.compile(rf"\b(?:(?:early|mid|late)-?\s*)?{_MONTH2}\s+{_YEAR}\b")),
    ("weekday", re.compile(rf"\b(?:(?P<mod>last|this|next|on|coming|past|early|late|by|until|till)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday){_POSS}\b")),
    ("relday", re.compile(rf"\b(?P<rel>today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening){_POSS}\b", re.IGNORECASE)),
    ("weekend", re.compile(rf"\b(?P<mod>this|last|next|the coming|the past)\s+weekend{_POSS}\b", re.IGNORECASE)),
    ("relperiod", re.compile(rf"\b(?P<mod>last|this|next|earlier this|later this|the previous|the following)\s+(?P<unit>year|month|week){_POSS}\b", re.IGNORECASE)),
]

_FUTURE = re.compile(
    r"\b(?:will|’ll|'ll|shall|is set to|are set to|set to|scheduled|expected to|to be held|taking place|takes place|"
    r"is due|are due|ahead of|upcoming|going to|plans? to|later|coming|run-up|lead-up)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"\b(?:[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?|[01]?\d\s*[ap]\.?m\.?)(?=\W|$)", re.IGNORECASE)
_ZONE = re.compile(r"\b(?:[A-Z]{1,4}T|UTC|GMT|Z)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?\b")
_DATE_LINE_WORDS = re.compile(
    r"\b(?:published|updated|last updated|first published|(?:re-?published|reposted)(?: here)?|posted|modified|date|on|at|am|pm|a\.m\.|p\.m\.|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\b",
    re.IGNORECASE,
)


@dataclass
class DateHit:
    """A date phrase in text; ``kind`` says how to resolve it."""

    start: int
    end: int
    text: str
    kind: str  # absolute | partial (no year) | month | weekday | relday | weekend | period
    date: dt.date | None = None  # set for absolute dates
    month: int = 0
    day: int = 0
    weekday: int = -1
    modifier: str = ""
    offset: int = 0  # relday: days from publication
    unit: str = ""
    ambiguous: bool = False


def find_dates(text: str) -> list[DateHit]:
    """Every date phrase in ``text``, in order, without overlaps (longest pattern first)."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            hit = _hit(kind, m)
            if hit is not None:
                hits.append(hit)
                taken.append((m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


def _month(name: str) -> int:
    return MONTHS.get(name.lower().rstrip("."), 0)


def _hit(kind: str, m: re.Match) -> DateHit | None:
    g = m.groupdict()
    base = dict(start=m.start(), end=m.end(), text=m.group(0))
    try:
        if kind == "iso":
            return DateHit(**base, kind="absolute", date=dt.date(int(g["year"]), int(g["mon"]), int(g["day"])))
        if kind in ("dmy", "mdy"):
            return DateHit(**base, kind="absolute", date=dt.date(int(g["year"]), _month(g["month"]), int(g["day"])))
        if kind == "numeric":
            a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
            if g["sep"] == "." or a > 12:
                day, month, ambiguous = a, b, False
            elif b > 12:
                day, month, ambiguous = b, a, False
            else:
                day, month, ambiguous = a, b, a != b
            return DateHit(**base, kind="absolute", date=dt.date(year, month, day), ambiguous=ambiguous)
    except ValueError:
        return None
    if kind in ("md", "dm"):
        month, day = _month(g["month"]), int(g["day"])
        if not 1 <= day <= 31:
            return None
        return DateHit(**base, kind="partial", month=month, day=day)
    if kind == "my":
        return DateHit(**base, kind="month", month=_month(g["month2"]), day=int(g["year"]))
    if kind == "weekday":
        return DateHit(**base, kind="weekday", weekday=WEEKDAYS[g["weekday"].lower()], modifier=(g["mod"] or "").lower())
    if kind == "relday":
        rel = g["rel"].lower()
        offset = {"yesterday": -1, "tomorrow": 1}.get(rel, 0)
        return DateHit(**base, kind="relday", offset=offset)
    if kind == "weekend":
        return DateHit(**base, kind="weekend", modifier=g["mod"].lower())
    if kind == "relperiod":
        return DateHit(**base, kind="period", modifier=g["mod"].lower(), unit=g["unit"].lower())
    return None


def is_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


# Verb forms that tell a clause's time. Future: "will", "must", "is to", "would" (the
# future of reported speech), "promised" or "asked" (to do it); present forms schedule a
# weekday ("voters go to the polls on Sunday", "the party has until Friday"); past:
# "had", "said", "-ed".
_FUTURE_CUES = re.compile(_FUTURE.pattern + r"|\b(?:would|must|needs? to|has to|have to|is to|are to|expects?|deadline|"
                                             r"promised|pledged|vowed|agreed|planned|asked|ordered|urged)\b", re.IGNORECASE)
_PRESENT_CUES = re.compile(
    r"\b(?:is|are|has|have|go|goes|head|heads|face|faces|meet|meets|opens?|closes?|begins?|starts?|ends?|holds?)\b",
    re.IGNORECASE)
_PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|won|lost|took|held|met|went|came|gave|made|sent|saw|ran|began|drew|"
    r"fell|rose|left|found|kept|brought|became|spoke|wrote|chose|[a-z]{2,}ed)\b", re.IGNORECASE)
# Where a clause ends: punctuation, or a word that starts another clause.
_CLAUSE_BREAK = re.compile(r"[,;:()“”\"]|\s(?:that|and|but|while|after|before|when|as|because)\s", re.IGNORECASE)
_GIVEN_TIME = re.compile(r"\s+(?:(?:morning|afternoon|evening|night)\s+)?to\s+[a-z]")
_ADJECTIVES_IN_ED = frozenset(("alleged", "so-called", "coordinated", "unexpected", "unconfirmed", "unnamed", "armed",
                               "elected", "detailed", "related", "based", "red"))


def tense_near(sentence: str, start: int, end: int) -> str:
    """"future", "past" or "" (no verb tells) for a date phrase at ``sentence[start:end]``.

    The clause around the phrase is read outwards from it; the nearest verb form
    decides. A clause without one falls back to the whole sentence's.
    """
    breaks = [m for m in _CLAUSE_BREAK.finditer(sentence)]
    left = max((m.end() for m in breaks if m.end() <= start), default=0)
    right = min((m.start() for m in breaks if m.start() >= end), default=len(sentence))
    found = _nearest_cue(sentence, left, right, start, end)
    return found or _nearest_cue(sentence, 0, len(sentence), start, end)


def _nearest_cue(sentence: str, left: int, right: int, start: int, end: int) -> str:
    best: tuple[int, str] | None = None
    for pattern, tense in ((_FUTURE_CUES, "future"), (_PRESENT_CUES, "future"), (_PAST_CUES, "past")):
        for m in pattern.finditer(sentence, left, right):
            if start <= m.start() < end or (tense == "past" and m.group().lower() in _ADJECTIVES_IN_ED):
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            # A form before the phrase governs it ("had removed them by Thursday") before one after it.
            rank = (distance if m.end() <= start else distance + 1000, tense)
            if best is None or rank < best:
                best = rank
    return best[1] if best else ""


def resolve(hit: DateHit, published: dt.date | None, sentence: str = "") -> dt.date | None:
    """The calendar day a phrase means, or None (unknown publication date, or only a year/month)."""
    if hit.kind == "absolute":
        return hit.date
    if published is None:
        return None
    if hit.kind == "partial":
        return year_for(hit.month, hit.day, published)
    if hit.kind == "relday":
        return published + dt.timedelta(days=hit.offset)
    if hit.kind == "weekday":
        if hit.modifier in ("next", "coming", "last", "past"):
            future = hit.modifier in ("next", "coming")
        else:
            tense = tense_near(sentence, hit.start, hit.end) if sentence else "past"
            if not tense or (tense == "past" and hit.modifier in ("until", "till") and _GIVEN_TIME.match(sentence, hit.end)):
                # "Rallies on Sunday.": no verb says which Sunday; "gave them until Thursday to
                # respond": a deadline set in the past may still be ahead. Left for the editor.
                return None
            future = tense == "future"
        return weekday_near(hit.weekday, published, future, hit.modifier)
    if hit.kind == "weekend":
        saturday = weekday_near(5, published, future=hit.modifier not in ("last", "the past"), modifier="")
        if hit.modifier == "next":
            saturday += dt.timedelta(days=7)
        return saturday
    return None


def weekday_near(weekday: int, reference: dt.date, future: bool, modifier: str = "") -> dt.date:
    """The ``weekday`` within a week of ``reference``: the one before it, or after it for the future."""
    delta = (weekday - reference.weekday()) % 7
    if future:
        day = reference + dt.timedelta(days=delta)
        if modifier == "next" and delta == 0:
            day += dt.timedelta(days=7)
        return day
    back = (reference.weekday() - weekday) % 7
    if modifier in ("last", "past") and back == 0:
        back = 7
    return reference - dt.timedelta(days=back)


def year_for(month: int, day: int, published: dt.date) -> dt.date | None:
    """A day and month without a year: the one nearest before publication, unless it is clearly ahead."""
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published + dt.timedelta(days=60):
            return candidate
    return None


def relative_year(hit: DateHit, published: dt.date | None) -> int | None:
    """Year meant by "last year" / "this year" / "next year"."""
    if hit.kind == "absolute":
        return hit.date.year if hit.date else None
    if hit.kind == "month":
        return hit.day  # year stored in ``day`` for month-precision hits
    if published is None or hit.kind != "period" or hit.unit != "year":
        return None
    return published.year + {"last": -1, "the previous": -1, "the past": -1, "next": 1, "the following": 1}.get(hit.modifier, 0)


def parse_date_line(text: str) -> dt.date | None:
    """The date of a line that holds only a date, e.g. "Friday 06 December 2024 07:43 EST",
    "Published: 3 March 2025, 10:14 GMT", "Updated Oct. 2, 2025 5:00 am ET", "2024-12-06T12:43:00Z"."""
    if len(text) > 100 or not _DIGIT.search(text):
        return None
    hits = [h for h in find_dates(text) if h.kind == "absolute"]
    if not hits:
        return parse_local_date(text)
    rest = text
    for h in sorted(hits, key=lambda h: -h.start):
        rest = rest[: h.start] + " " + rest[h.end:]
    rest = re.sub(r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\s+(?:read|listen)\b", " ", rest, flags=re.IGNORECASE)
    rest = re.sub(r"\b(?:\d+|an?)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b", " ", rest, flags=re.IGNORECASE)
    rest = _TIME.sub(" ", rest)
    rest = _ZONE.sub(" ", rest)
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    if re.search(r"[A-Za-z]{2,}", rest):
        return parse_local_date(text) or _date_with_a_word_or_two(hits, rest)
    return hits[0].date


_YEAR_IN_HIT = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _date_with_a_word_or_two(hits: list[DateHit], rest: str) -> dt.date | None:
    """"Thứ Ba, 26/12/2017 16:45 (GMT+7)": one full date and a word or two beside it (a weekday or
    label in a language no list here knows) is still a date line; more words are a sentence or a byline."""
    left = re.findall(r"[^\W\d_]+", rest)
    if len(hits) != 1 or not _YEAR_IN_HIT.search(hits[0].text) or len(left) > 2 or any(len(w) > 10 for w in left):
        return None
    if re.search(r"[.!?;]\s|\bby\b", rest, re.IGNORECASE):
        return None
    return hits[0].date


def numeric_order(texts: list[str]) -> str:
    """"mdy" or "dmy" when the page's unambiguous slashed dates ("12/28/2023", "28/12/2023") agree, else ""."""
    seen = set()
    for text in texts:
        for m in _PATTERNS[3][1].finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            if m.group("sep") == "/" and (a > 12) != (b > 12):
                seen.add("dmy" if a > 12 else "mdy")
            elif m.group("sep") == "/" and _US_CLOCK.match(text, m.end()):
                seen.add("mdy")  # "01/10/2024 09:12 AM EST": a US time zone, so the month comes first
    return seen.pop() if len(seen) == 1 else ""


_US_CLOCK = re.compile(r",?\s*(?:at\s+)?[0-2]?\d:[0-5]\d\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:E[SD]T|C[SD]T|M[SD]T|P[SD]T|AK[SD]T|ET|PT|CT)\b")


def ambiguous_numeric(text: str) -> DateHit | None:
    """The first slashed date in ``text`` that reads either way ("03/04/2024")."""
    return next((h for h in find_dates(text) if h.ambiguous), None)
