"""From a cut article to everything the editor needs: entities, suggestions,
figures, statements, dates and events, a summary, and the review list.

This module only orchestrates; each kind of extraction lives in its own
module (``match``, ``suggestions``, ``figures``, ``statements``, ``events``).
Everything that is a guess is flagged in ``review`` with a note saying why,
so nothing uncertain reaches the site without an editor's look.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from site_builder.ingest.extract import speech
from site_builder.ingest.extract.techniques import suggest_techniques
from site_builder.content.entities import KnowledgeBase
from site_builder.errors import plural
from site_builder.ingest.article import Article, Mention, RawArticle
from site_builder.ingest.extract.dates import find_dates, year_for
from site_builder.ingest.extract.events import Sentence, build_timeline
from site_builder.ingest.extract.figures import find_figures
from site_builder.ingest.extract.match import Hit, Matcher, drop_ambiguous, drop_foreign_acronyms
from site_builder.ingest.extract.roles import dateline_country, propose_roles
from site_builder.ingest.extract.statements import find_statements
from site_builder.ingest.extract.suggestions import suggest
from site_builder.ingest.extract.text import plain, sentences, shorten
from site_builder.model import Actor

_TOLD = re.compile(r"\btold (?P<p>[A-Z][A-Z&]{2,}(?: [A-Z][a-z]+)?|The [A-Z][\w&]+(?: [A-Z][\w&]+){0,2})\b")
_TITLE_CUTS = re.compile(r",\s|\s[—–]\s|\s(?:as|amid|after|while|which|where|because|despite|following|ahead of|that|whether|who)\s")
_REPORTED_SPEECH = re.compile(
    rf"^(?P<subject>[^,“”\"]{{3,80}}?) (?:{speech.verbs()})(?: on \w+| \w+day)?(?: that)? "
    r"(?:it|they|he|she) (?:had |has |have |was |were )?(?P<rest>\w+ed\b.*)$")
_DETAIL_WORDS = {"for", "to", "in", "on", "with", "by", "from", "after", "over", "at", "during", "since", "reported",
                 "accused", "said", "saying", "who", "that", "which", "amid", "despite", "because", "while", "when"}
_TRAILING_SMALL = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "by", "at", "from", "as", "that"}
MAX_PLACES = 5
# Fields in ``review``, in the order an editor reads a draft's frontmatter.
REVIEW_ORDER = ("title", "date", "published", "summary", "author", "publisher", "sources", "countries",
                "platforms", "actors", "elections", "targets", "attribution", "events")


def extract(raw: RawArticle, kb: KnowledgeBase, matcher: Matcher, today: dt.date) -> Article:
    paragraphs = [p for p in (plain(b.text) for b in raw.blocks) if p]
    article = Article(
        source=raw.source, title=plain(raw.title), standfirst=plain(raw.standfirst), author=plain(raw.author),
        publisher=plain(raw.publisher), published=raw.published, dateline=plain(raw.dateline),
        paragraphs=paragraphs, url=raw.url, updated=raw.updated, dropped=list(raw.dropped),
    )
    for note in raw.notes:
        field, _, why = note.partition(": ")
        article.flag(field, why)
    if article.published is None and raw.dateline_date:
        article.published = year_for(*raw.dateline_date, today)
        if article.published:
            article.flag("published", "day and month from the dateline; the year is assumed")
    hits_by_paragraph = [matcher.find(p) for p in paragraphs]
    header = [("title", article.title), ("standfirst", article.standfirst)]
    header_hits = [(where, text, matcher.find(text)) for where, text in header if text]
    _mentions(article, kb, matcher, header_hits, hits_by_paragraph)
    suggest(article, kb, matcher, hits_by_paragraph)
    article.figures = find_figures(paragraphs)
    article.statements = find_statements(paragraphs, _canonical(kb), _actors_in(matcher))
    _timeline(article, kb, matcher, header_hits, hits_by_paragraph, today)
    _metadata_guesses(article)
    propose_roles(article, matcher, [x for s in article.suggestions for x in (s.name, s.alias) if x])  # "the CCP's ..."
    article.summary = _summary(article)
    article.techniques = suggest_techniques(article.title, article.standfirst, paragraphs)
    article.flag("summary", "drafted from the article; rewrite it in the site's voice")
    article.review.sort(key=lambda name: REVIEW_ORDER.index(name) if name in REVIEW_ORDER else len(REVIEW_ORDER))
    return article


def _where(index: int) -> str:
    return f"paragraph {index + 1}"


def _mentions(article: Article, kb: KnowledgeBase, matcher: Matcher, header_hits, hits_by_paragraph) -> None:
    found: dict[tuple[str, int], Mention] = {}

    def add(kind: str, entity, where: str, text: str) -> None:
        key = (kind, id(entity))
        mention = found.get(key)
        if mention is None:
            mention = found[key] = Mention(kind, entity.name)
        place = f'{where}: "{text}"'
        if place not in mention.found and len(mention.found) < MAX_PLACES:
            mention.found.append(place)

    if article.dateline:
        country = dateline_country(article.dateline, kb)
        if country is not None:
            add("countries", country, "dateline", article.dateline)
        for hit in matcher.find(article.dateline, ("countries",)):
            add("countries", hit.entity, "dateline", hit.text)
    for where, _text, hits in header_hits:
        for hit in hits:
            if hit.kind != "elections":
                add(hit.kind, hit.entity, where, hit.text)
    for index, hits in enumerate(hits_by_paragraph):
        for hit in hits:
            if hit.kind != "elections":
                add(hit.kind, hit.entity, _where(index), hit.text)
    order = {"countries": 0, "platforms": 1, "actors": 2}
    mentions = drop_ambiguous(list(found.values()), [article.title, article.standfirst, *article.paragraphs])
    mentions = drop_foreign_acronyms(mentions, kb)
    article.mentions = sorted(mentions, key=lambda m: order.get(m.kind, 3))


def _canonical(kb: KnowledgeBase):
    def canonical(name: str) -> str | None:
        for kind in ("actors", "platforms"):
            entity = kb.resolve(kind, name)
            if entity is not None:
                return entity.name
        return None
    return canonical


def _actors_in(matcher: Matcher):
    seen: dict[str, list[tuple[str, bool, int]]] = {}

    def actors_in(text: str) -> list[tuple[str, bool, int]]:
        if text not in seen:
            seen[text] = [(hit.entity.name, isinstance(hit.entity, Actor) and hit.entity.type == "person", hit.start)
                          for hit in matcher.find(text, ("actors", "platforms"))]
        return seen[text]
    return actors_in


def _timeline(article: Article, kb: KnowledgeBase, matcher: Matcher, header_hits, hits_by_paragraph, today: dt.date) -> None:
    items: list[Sentence] = []
    for where, text, hits in header_hits:
        items.extend(_sentences(text, -1, hits))
    for index, paragraph in enumerate(article.paragraphs):
        items.extend(_sentences(paragraph, index, hits_by_paragraph[index]))
    counts: dict[int, tuple[int, object]] = {}
    for item in items:
        for country in item.countries:
            n, _ = counts.get(id(country), (0, country))
            counts[id(country)] = (n + 1, country)
    elections = list(kb.entities["elections"])
    # A vote mentioned without its country is in one of the article's countries that hold elections.
    voting = {id(e.country) for e in elections if e.country is not None}
    main = [c for n, c in sorted(counts.values(), key=lambda x: -x[0]) if id(c) in voting]
    timeline = build_timeline(items, elections, article.published, today, main)
    if article.published is None:
        if timeline.published is not None:
            article.published = timeline.published
            article.flag("published", "no date in the source; inferred from the dates and elections the article names")
        else:
            article.flag("published", "no date in the source and none could be inferred")
    elif timeline.published != article.published:
        article.published = timeline.published
        article.flag("published", "the source's date is in the future; set to today")
    for election, where in timeline.elections:
        article.mentions.append(Mention("elections", election.name, [where]))
    article.events = timeline.events
    undated = [e for e in article.events if e.date is None]
    if undated:
        article.flag("events", f"{plural(len(undated), 'relative date')} could not be resolved: "
                               + "; ".join(f'"{e.phrase}"' for e in undated[:3]))
    elif timeline.published_inferred and any(e.inferred for e in article.events):
        article.flag("events", "dated against an inferred publication date")
    if timeline.published_inferred and timeline.elections:
        article.flag("elections", "matched by country, kind and weekday, without a publication date")


def _sentences(text: str, paragraph: int, hits: list[Hit]) -> list[Sentence]:
    """The paragraph's sentences, each with the entity hits that fall inside it."""
    out = []
    position = 0
    by_start = sorted(range(len(hits)), key=lambda i: hits[i].start)  # hits found by bisection, kept in their order
    starts = [hits[i].start for i in by_start]
    for sentence in sentences(text):
        start = text.find(sentence, position)
        if start < 0:
            start = position
        end = start + len(sentence)
        position = end
        inside = [hits[i] for i in sorted(by_start[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)])]
        out.append(_sentence(sentence, paragraph, inside))
    return out


def _sentence(text: str, paragraph: int, hits: list[Hit]) -> Sentence:
    countries, actors, elections = [], [], []
    for hit in hits:
        target = {"countries": countries, "actors": actors, "elections": elections}.get(hit.kind)
        if target is not None and all(e is not hit.entity for e in target):
            target.append(hit.entity)
        if hit.kind == "actors" and getattr(hit.entity, "country", None) is not None:
            if all(c is not hit.entity.country for c in countries):
                countries.append(hit.entity.country)
    return Sentence(text, paragraph, countries, actors, elections, find_dates(text))


def _metadata_guesses(article: Article) -> None:
    if not article.title:
        article.title = propose_title(article)
        article.flag("title", "the source has no headline; this one is proposed from the first sentence")
    if not article.publisher and "publisher" not in article.review:
        told = [m.group("p") for p in article.paragraphs for m in _TOLD.finditer(p)]
        if told:
            article.publisher = max(set(told), key=told.count)
            article.flag("publisher", f"guessed from \"told {article.publisher}\" in the text")
        else:
            article.flag("publisher", "not found in the source")
    if not article.author:
        article.flag("author", "no byline in the source")
    if not article.url:
        article.flag("sources", "the source's web address is unknown; add it under sources")


def propose_title(article: Article) -> str:
    """A headline proposed from the lead sentence: its main clause, at most about 90 characters."""
    lead = sentences(article.paragraphs[0])[0] if article.paragraphs else article.standfirst
    lead = lead.rstrip(".!?… ")
    # "The service said on Monday it had dismantled a network" -> "The service dismantled a network".
    lead = _REPORTED_SPEECH.sub(r"\g<subject> \g<rest>", lead, count=1)
    for m in _TITLE_CUTS.finditer(lead):
        if 6 <= len(lead[: m.start()].split()) and m.start() <= 110:
            lead = lead[: m.start()]
            break
    words = lead.split()
    if len(lead) > 80:
        # Too long for a headline: end before the first phrase that only adds detail.
        cut = next((i for i, w in enumerate(words) if i >= 8 and w.lower().strip(",;") in _DETAIL_WORDS), None)
        if cut is not None:
            words = words[:cut]
    length = -1  # the longest run of words from the start that fits in 100 characters
    for count, word in enumerate(words):
        length += 1 + len(word)
        if length > 100:
            words = words[:count]
            break
    while words and words[-1].lower() in _TRAILING_SMALL:
        words.pop()
    title = " ".join(words).strip(" ,;:—–")
    return title[:1].upper() + title[1:] if title else "Untitled article"


def _summary(article: Article) -> str:
    if article.standfirst:
        return shorten(article.standfirst, 300)
    parts: list[str] = []
    for sentence in sentences(article.paragraphs[0]) if article.paragraphs else []:
        if len(" ".join(parts + [sentence])) > 300 and parts:
            break
        parts.append(sentence)
    return shorten(" ".join(parts), 300) or article.title
