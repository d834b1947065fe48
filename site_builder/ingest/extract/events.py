"""Publication date, elections and dated events, resolved against each other.

An article without a date line still dates itself: "Czech parliamentary
elections taking place Friday and Saturday" only fits an election in the
knowledge base whose voting days are a Friday and a Saturday. So:
Design notes: docs/architecture.md ("site_builder/ingest/extract/events.py").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from site_builder.ingest.article import DatedEvent
from site_builder.ingest.extract.dates import DateHit, is_future, relative_year, resolve, weekday_near
from site_builder.ingest.extract.text import shorten
from site_builder.model import Election
from site_builder.content.slugs import fold

_VOTE = re.compile(r"\b(?:elections?|electoral|vote[sd]?|voting|voters?|polls?|ballots?|referendum|plebiscite|run-?off|first round|second round|re-?election)\b", re.IGNORECASE)
# (pattern, election kind it points to, weight): adjectives are strong, nouns weak.
_KINDS = [
    (re.compile(r"\b(?:parliamentary|legislative|general election)\b", re.I), "parliament", 2),
    (re.compile(r"\b(?:parliament|duma|national assembly|lower house)\b", re.I), "parliament", 1),
    (re.compile(r"\bpresidential\b", re.I), "president", 2),
    (re.compile(r"\b(?:president|presidency|run-?off|second term)\b", re.I), "president", 1),
    (re.compile(r"\b(?:referendum|plebiscite)\b", re.I), "referendum", 2),
    (re.compile(r"\b(?:local|municipal|mayoral|regional)\b", re.I), "local", 2),
    (re.compile(r"\bEuropean (?:Parliament )?elections?\b"), "european", 2),
]
_KIND_OF_TYPE = {"parliament": ("parliament", "legislat", "general"), "president": ("president",),
                 "referendum": ("referendum", "plebiscite"), "local": ("local", "municipal", "mayor", "regional"),
                 "european": ("european",)}
_RELATIVE_KINDS = ("weekday", "relday", "weekend", "period")


@dataclass
class Sentence:
    text: str
    paragraph: int  # index in the body; -1 for title and standfirst
    countries: list = field(default_factory=list)  # Country entities named (directly or via actors)
    actors: list = field(default_factory=list)
    elections: list = field(default_factory=list)  # elections named outright
    hits: list[DateHit] = field(default_factory=list)

    @property
    def about_vote(self) -> bool:
        return bool(_VOTE.search(self.text)) or bool(self.elections)


@dataclass
class Timeline:
    published: dt.date | None
    published_inferred: bool
    elections: list[tuple[Election, str]]  # (election, where it was found)
    events: list[DatedEvent]


def kind_weights(text: str) -> dict[str, int]:
    weights: dict[str, int] = {}
    for pattern, kind, weight in _KINDS:
        if pattern.search(text):
            weights[kind] = max(weights.get(kind, 0), weight)
    return weights


def _election_kind(election: Election) -> str:
    key = fold(election.election_type)
    for kind, stems in _KIND_OF_TYPE.items():
        if any(stem in key for stem in stems):
            return kind
    return key


def _candidates(sentence: Sentence, elections: list[Election], fallback_countries: list) -> list[tuple[Election, int]]:
    """Elections a vote-related sentence may mean, with how well the kind matches (0 = not said)."""
    countries = sentence.countries or fallback_countries
    pool = [e for e in elections if e.country is not None and any(e.country is c for c in countries)]
    weights = kind_weights(sentence.text)
    if weights:
        pool = [(e, weights.get(_election_kind(e), 0)) for e in pool]
        strong = [(e, w) for e, w in pool if w]
        return strong
    return [(e, 0) for e in pool]


def build_timeline(sentences: list[Sentence], elections: list[Election], published: dt.date | None,
                   today: dt.date, main_countries: list) -> Timeline:
    inferred = False
    if published is None:
        published = _infer_from_elections(sentences, elections, main_countries)
        if published is None:
            published = _latest_absolute(sentences, today)
        inferred = published is not None
    if published is not None and published > today:
        published = today
    found: list[tuple[Election, str]] = []
    events: list[DatedEvent] = []
    seen: set = set()

    def note(election: Election, where: str) -> None:
        if all(e is not election for e, _ in found):
            found.append((election, where))

    for sentence in sentences:
        where = "title" if sentence.paragraph == -1 else f"paragraph {sentence.paragraph + 1}"
        for election in sentence.elections:
            note(election, where)
        matched: list[Election] = []
        if sentence.about_vote:
            for election, _ in _select(sentence, _candidates(sentence, elections, main_countries), published):
                matched.append(election)
                note(election, where)
        if sentence.paragraph < 0 or not sentence.hits:
            continue
        for event in _events(sentence, published, matched or sentence.elections):
            key = (event.date, event.title)
            if key not in seen:
                seen.add(key)
                events.append(event)
    events.sort(key=lambda e: (e.date is None, e.date or dt.date.min))
    return Timeline(published, inferred, found, events)


def _select(sentence: Sentence, candidates: list[tuple[Election, int]], published: dt.date | None) -> list[tuple[Election, int]]:
    """Keep the candidates the sentence's time clues (or the publication date) allow."""
    if not candidates:
        return []
    days: list[dt.date] = []
    years: list[int] = []
    for hit in sentence.hits:
        day = resolve(hit, published, sentence.text)
        if day:
            days.append(day)
        year = relative_year(hit, published)
        if year:
            years.append(year)
    years += [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", sentence.text)]  # "the 2023 election"
    if days:
        near = [(e, w) for e, w in candidates if any(abs((v.date - d).days) <= 10 for v in e.dates for d in days)]
        if near:
            return near
    if years:
        return [(e, w) for e, w in candidates if any(v.date.year in years for v in e.dates)]
    if days:
        return []
    if published is not None:
        # No time clue: the vote closest to the article, within a few months.
        close = [(e, w) for e, w in candidates if any(-120 <= (v.date - published).days <= 120 for v in e.dates)]
        if close:
            best = min(abs((v.date - published).days) for e, _ in close for v in e.dates)
            return [(e, w) for e, w in close if any(abs((v.date - published).days) == best for v in e.dates)]
    return []


def _infer_from_elections(sentences: list[Sentence], elections: list[Election], main_countries: list) -> dt.date | None:
    """Publication date from the election whose voting days fit the weekdays the article names."""
    scores: dict[tuple[int, dt.date], list] = {}
    for sentence in sentences:
        weekdays = {h.weekday for h in sentence.hits if h.kind == "weekday"}
        if not weekdays or not sentence.about_vote:
            continue
        for election, weight in _candidates(sentence, elections, main_countries):
            for day in election.dates:
                if day.date.weekday() in weekdays:
                    entry = scores.setdefault((id(election), day.date), [0, 0, day.date])
                    entry[0] += 1
                    entry[1] = max(entry[1], weight)
    if not scores:
        return None
    best_key = max(scores, key=lambda k: (scores[k][1], scores[k][0], scores[k][2]))
    # The first matching voting day of that election ("Friday and Saturday" starts on Friday).
    anchor = min(day for (election_id, day) in scores if election_id == best_key[0])
    # The first voting day of a multi-day vote, when the article names both days.
    lead = next((s for s in sentences if s.paragraph == 0), None)
    if lead is not None and is_future(lead.text):
        lead_days = [h for h in lead.hits if h.kind == "weekday"]
        if lead_days and lead_days[0].weekday != anchor.weekday():
            # "said on Monday ... ahead of Sunday's vote": the Monday before the vote.
            return weekday_near(lead_days[0].weekday, anchor - dt.timedelta(days=1), future=False)
        return anchor
    # Reporting after the vote: the latest weekday the article speaks of in the past tense,
    # counted from the vote ("Sunday's election" ... "relief Monday" -> that Monday).
    latest = anchor
    for sentence in sentences:
        if sentence.paragraph < 0 or is_future(sentence.text):
            continue
        for hit in sentence.hits:
            if hit.kind == "weekday" and hit.modifier not in ("last", "past", "next", "by", "until", "till"):
                latest = max(latest, weekday_near(hit.weekday, anchor, future=True))
    return latest


def _latest_absolute(sentences: list[Sentence], today: dt.date) -> dt.date | None:
    days = [h.date for s in sentences for h in s.hits if h.kind == "absolute" and h.date and h.date <= today]
    return max(days) if days else None


def _events(sentence: Sentence, published: dt.date | None, elections: list[Election]) -> list[DatedEvent]:
    """The sentence as an event on each distinct day it names ("on Wednesday ... won the first round on
    Nov. 24" is two events); days next to each other ("Friday and Saturday") are one event on the first."""
    relevant = [h for h in sentence.hits if h.kind in ("absolute", "partial") or h.kind in _RELATIVE_KINDS]
    if not relevant:
        return []
    title = shorten(sentence.text, 160)
    countries = [c.name for c in sentence.countries]
    actors = [a.name for a in sentence.actors]
    out: list[DatedEvent] = []
    for hit in relevant:
        day = _election_day(hit, published, elections) or resolve(hit, published, sentence.text)
        if day is not None and not any(e.date and abs((e.date - day).days) <= 1 for e in out):
            out.append(DatedEvent(day, title, hit.text, inferred=hit.kind != "absolute", countries=countries, actors=actors))
    if out:
        return out
    for hit in relevant:
        year = relative_year(hit, published)
        if year and elections:
            days = [v.date for e in elections for v in e.dates if v.date.year == year]
            if days:
                return [DatedEvent(min(days), title, hit.text, inferred=True, countries=countries, actors=actors)]
    return [DatedEvent(None, title, relevant[0].text, inferred=True, countries=countries, actors=actors)]


def _election_day(hit: DateHit, published: dt.date | None, elections: list[Election]) -> dt.date | None:
    """"Saturday's election" in a sentence about a known vote: that vote's Saturday, if within a week."""
    if hit.kind != "weekday" or published is None:
        return None
    for election in elections:
        for day in election.dates:
            if day.date.weekday() == hit.weekday and abs((day.date - published).days) <= 7:
                return day.date
    return None
