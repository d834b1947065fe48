"""Attributed statements: who said each quotation.

Reporters attribute quotations in a few fixed ways: after the quote
("…,” Kallas said." / "…,” said President X in a post on X."), before it
("Tusk added that the election was “…”", "According to X, “…”"), or with a
pronoun ("…,” he said.") that points to the person the previous sentences
were about, usually the first one named. Quotes shorter than three words are
scare quotes ("a “Pyrrhic” one"), not statements. Speakers are written as the
knowledge base names them when it knows them, and a bare surname is expanded
to the full name used earlier in the article.
"""

from __future__ import annotations

import difflib
import re
from typing import Callable

from site_builder.ingest.article import Statement
from site_builder.ingest.extract import speech
from site_builder.ingest.extract.names import PRONOUNS, ROLE_WORDS, proper_names
from site_builder.ingest.extract.text import quotes

_VERBS = speech.verbs()
_ADVERBS = r"(?:(?:later|also|then|previously|earlier|had|has|have|once|further|separately|again|recently)\s+)*"
_AFTER_VERB_FIRST = re.compile(rf"^[,.!?…]?\s*(?:{_VERBS})\s+(?P<who>[^,.;:“”\"]{{2,120}})", re.IGNORECASE)
_AFTER_COMMAS = re.compile(rf"^[,]?\s*(?P<who>[^“”\".;:]{{1,160}}?)\s+{_ADVERBS}(?:{_VERBS})\b", re.IGNORECASE)
_AFTER_APPOSITIVE = re.compile(rf"^[,]?\s*(?P<who>[^,.;:“”\"]{{2,60}}),[^“”\"]{{3,200}}?,\s*{_ADVERBS}(?:{_VERBS})\b", re.IGNORECASE)
_AFTER_SUBJECT_FIRST = re.compile(rf"^[,.!?…]?\s*(?P<who>[^,.;:“”\"]{{1,90}}?)\s+{_ADVERBS}(?:{_VERBS})\b", re.IGNORECASE)
_BEFORE_ACCORDING = re.compile(r"\baccording to (?P<who>[^,“”\"]{2,80})", re.IGNORECASE)
# Before a quotation: speech verbs, and verbs that put the quoted words in the subject's mouth
# ("dismissed the claims as “lies”", "called it “a familiar attempt”").
_BEFORE_VERB = re.compile(r"\b(?:said|says|told|tells|wrote|writes|added|adds|warned|warns|stated|declared|insisted|"
                          r"argued|explained|saying|adding|writing|telling|warning|arguing|insisting|noting|"
                          r"dismissed|described|called|branded|labell?ed|denounced|hailed|echoed|urged|posted|tweeted)\b",
                          re.IGNORECASE)
_CUT = re.compile(r"\s(?:in|on|at|during|after|before|when|while|via|to|about|from|ahead|as|who|which|that|later|earlier|on)\s.*$|\s(?:in|on|at)$")
_MIN_WORDS = 3
_OPENING = ("“", '"', "«", "„", "‘")
_CLOSING = ("”", '"', "»", "“", "’")


def find_statements(paragraphs: list[str], canonical: Callable[[str], str | None],
                    actors_in: Callable[[str], list[tuple[str, bool, int]]] = lambda text: []) -> list[Statement]:
    """Statements in article order.

    ``canonical`` maps a name to the knowledge base's name (or None);
    ``actors_in`` lists the known actors a text names, in order, as
    (name, is_person, position), so "they said" can point to the organisation
    before it and "he said" to the person the paragraph before was about.
    """
    out: list[Statement] = []
    people: list[str] = []  # full names seen so far, for surnames
    previous_subject = ""
    previous_group = ""
    last_index = -1  # paragraph of the last statement, to join two quotes of one speaker
    pending: list[str] = []  # an unclosed quote waiting for the paragraph that continues and attributes it
    for index, paragraph in enumerate(paragraphs):
        names = [n for n in proper_names(paragraph) if n.kind in ("person", "organisation")]
        outside = _outside_quotes(paragraph)
        known = actors_in(paragraph)
        persons = sorted([(n.start, canonical(n.name) or n.name) for n in names if n.kind == "person"]
                         + [(at, name) for name, person, at in known if person])
        persons = [(at, name) for at, name in persons if _inside(at, outside)]
        subject_here = persons[0][1] if persons else ""
        paragraph_speaker = ""
        continues = paragraph.lstrip()[:1] in _OPENING
        if not continues:
            pending = []
        for start, end, inner in quotes(paragraph):
            if len(inner.split()) < _MIN_WORDS:
                continue
            who = _after(paragraph[end:]) or _before(paragraph, start)
            speaker = ""
            if who and who.lower() in ("they", "it"):
                groups = [name for name, person, _ in actors_in(paragraph[:start]) if not person]
                speaker = groups[0] if groups else previous_group
            elif who:
                before = next((name for at, name in persons if at < start), "")
                in_who = actors_in(who)
                known_people = [name for name, person, _ in in_who if person]
                if known_people and who.lower() not in PRONOUNS:
                    speaker = known_people[0]
                else:
                    groups = {name for name, person, _ in in_who if not person}
                    speaker = _normalise(who, people, canonical, before or previous_subject or subject_here, groups)
            speaker = speaker or paragraph_speaker
            quote = inner.rstrip(",")
            if not speaker:
                if end >= len(paragraph.rstrip()) and paragraph.rstrip()[-1:] not in _CLOSING:
                    pending.append(quote)  # a quotation running on into the next paragraph
                continue
            paragraph_speaker = speaker
            if pending:
                quote = " ".join(pending + [quote])
                pending = []
            if out and out[-1].speaker == speaker and last_index == index:
                out[-1] = Statement(speaker, out[-1].quote.rstrip(",") + " … " + quote)
            else:
                out.append(Statement(speaker, quote))
            last_index = index
        for name in names:
            if name.kind == "person" and name.name not in people:
                people.append(canonical(name.name) or name.name)
        groups = [name for name, person, at in known if not person and _inside(at, outside)]
        if groups:
            previous_group = groups[0]
        if subject_here:
            previous_subject = subject_here
        elif paragraph_speaker:
            previous_subject = paragraph_speaker
    return out


def _outside_quotes(paragraph: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for start, end, _ in quotes(paragraph):
        spans.append((last, start))
        last = end
    spans.append((last, len(paragraph)))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def _after(rest: str) -> str:
    rest = rest[:200]
    sentence_end = re.search(r"[.!?](?:\s|$)|“", rest)
    clause = rest[: sentence_end.start() + 1] if sentence_end else rest
    m = _AFTER_VERB_FIRST.match(clause)
    if m:
        return _cut(m.group("who"))
    m = _AFTER_SUBJECT_FIRST.match(clause)
    if m and len(m.group("who").split()) <= 8:
        return m.group("who").strip()
    m = _AFTER_COMMAS.match(clause)
    if m and len(m.group("who").split()) <= 14:
        return m.group("who").strip(" ,")  # "the service's spokesman, Kristjan Saar, told"
    m = _AFTER_APPOSITIVE.match(rest)
    if m and len(m.group("who").split()) <= 6:
        return m.group("who").strip()
    return ""


def _before(paragraph: str, start: int) -> str:
    head = paragraph[:start]
    cut = max(head.rfind(". "), head.rfind("? "), head.rfind("! "), head.rfind("” "))
    sentence = head[cut + 1:] if cut >= 0 else head
    m = _BEFORE_ACCORDING.search(sentence)
    if m:
        return _cut(m.group("who"))
    verbs = list(_BEFORE_VERB.finditer(sentence))
    if not verbs:
        return ""
    subject = sentence[: verbs[0].start()].strip(" ,")
    names = [n for n in proper_names(subject) if n.kind in ("person", "organisation")]
    if len(names) > 1:
        return subject  # "Georgian Dream's founder, Bidzina Ivanishvili": let the caller pick the person
    if names:
        return names[0].run
    words = subject.split()
    if 1 <= len(words) <= 8:
        return subject
    return ""


def _cut(who: str) -> str:
    return _CUT.sub("", who.strip()).strip()


def _normalise(who: str, people: list[str], canonical: Callable[[str], str | None], previous: str,
               groups: set[str] = frozenset()) -> str:
    who = who.strip(" ,.")
    bare = who.lower()
    if bare in PRONOUNS:
        return previous
    known = canonical(who)
    if known:
        return known
    names = proper_names(who)
    persons = [n for n in names if n.kind == "person" and (canonical(n.name) or n.name) not in groups]
    for name in persons + [n for n in names if n.kind == "organisation"]:
        return canonical(name.name) or name.name
    words = who.split()
    # Titles followed by one name: "President Sandu".
    while len(words) > 1 and words[0].lower().rstrip(".") in ROLE_WORDS:
        words = words[1:]
    single = " ".join(words)
    known = canonical(single)
    if known:
        return known
    if len(words) == 1 and words[0][:1].isupper():
        surname = words[0]
        for person in reversed(people):
            if person.split()[-1] == surname:
                return person
        close = difflib.get_close_matches(surname, [p.split()[-1] for p in people], n=1, cutoff=0.8)
        if close:
            return next(p for p in reversed(people) if p.split()[-1] == close[0])
        return surname
    if who[:1].islower() and not who.startswith(("the ", "a ", "an ")):
        return ""
    return who
