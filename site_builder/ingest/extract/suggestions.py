"""Names an article gives that the knowledge base does not know, suggested as new actors.

A suggestion carries the article's own words for the name (an apposition,
a descriptor before it, or its sentence), which become the description in the
``entity add`` command the editor is shown. Names inside quotations, bylines,
the publisher, capitals and parts of known names are left out; names of other
shapes (code names, institutions in lower case) come from ``codenames`` and
``institutions``.
"""

from __future__ import annotations

import re

from site_builder.content import places
from site_builder.content.entities import KnowledgeBase
from site_builder.content.slugs import fold
from site_builder.errors import plural
from site_builder.ingest.article import Article, Suggestion
from site_builder.ingest.extract.codenames import shaped_suggestions
from site_builder.ingest.extract.institutions import institution_suggestions
from site_builder.ingest.extract.match import Hit, Matcher
from site_builder.ingest.extract.names import (
    ORG_WORDS,
    appositive_after,
    descriptor_apposed,
    descriptor_before,
    org_noun_near,
    proper_names,
)
from site_builder.ingest.extract.text import MAX_SENTENCE_CHARS, plain, quotes, sentences, shorten

_LOCATIVE = re.compile(r"\b(?:in|near|outside)\s+$")
_PERSON_POSSESSIVE = re.compile(r"\b[A-Z][\w-]+ [A-Z][\w-]+[’']s $")


def suggest(article: Article, kb: KnowledgeBase, matcher: Matcher, hits_by_paragraph: list[list[Hit]]) -> None:
    seen: dict[str, Suggestion] = {}
    exclude = {fold(x) for x in (article.author, article.publisher) if x}
    for author in re.split(r",| and ", article.author or ""):
        if author.strip():
            exclude.add(fold(author))
    known_words = {w for m in article.mentions for w in fold(m.name).split()}
    capitals = places.capital_index()
    for index, paragraph in enumerate(article.paragraphs):
        hits = hits_by_paragraph[index]
        quoted = quotes(paragraph)
        for name in proper_names(paragraph):
            if any(s < name.start < e for s, e, _ in quoted) and not (name.kind == "person" and name.role):
                continue  # names inside quotations are the speaker's words, often loose
            if _place_or_label(paragraph, name):
                continue
            if len(name.name.split()) == 1 and (name.name.lower() in ORG_WORDS or fold(name.name) in known_words):
                continue  # "the Commission", "the Patriotic bloc": a known name, shortened
            if name.kind == "other":
                if paragraph[name.end:name.end + 2] in ("’s", "'s"):
                    continue  # "Sandu’s party": the party belongs to the name, it is not its name
                noun_type = org_noun_near(paragraph, name) or _owned(paragraph, name)
                if name.role and not noun_type and not name.name.isupper() and len(name.name) >= 3:
                    name.kind, name.type = "person", "person"  # "the late President Suharto": one name is enough
                elif not noun_type or len(name.name) < 3 or name.name.isupper() and len(name.name) <= 3:
                    continue
                else:
                    name.kind, name.type = "organisation", noun_type
            key = fold(name.name)
            if not key or key in exclude or _known(kb, name.name) or key in capitals:
                continue  # a capital is a place; standing for its state it is the state's government
            if any(h.kind in ("actors", "platforms") and h.start <= name.start < h.end for h in hits):
                continue
            if name.kind == "organisation" and all(
                    any(h.start <= pos < h.end for h in hits) for pos in _word_starts(paragraph, name.start, name.end)):
                continue  # every word is a known entity: "Moldova Russia"
            if name.kind == "person" and any(h.kind == "countries" and h.start <= name.start < h.end for h in hits):
                continue
            context = _context(paragraph, name)
            existing = seen.get(key)
            if existing is not None:
                if len(context) > len(existing.context) and existing.context == shorten(paragraph, 200):
                    existing.context = context
                continue
            descriptive = len(context) < 200 and not context.endswith((".", "…", "?", "!", "”"))
            description = _describe(context, name.name) if descriptive else ""
            country = next((h.entity.name for h in matcher.find(context, ("countries",))), "") if descriptive else ""
            alias = ""
            acronym = re.match(r"\s*\(([A-Z][A-Za-z0-9&.!-]{1,10})\)", paragraph[name.end:])
            if acronym and not _known(kb, acronym.group(1)):
                alias = acronym.group(1)
            seen[key] = Suggestion(name.name, context, name.type or ("person" if name.kind == "person" else ""),
                                   country, alias, description)
    article.suggestions = list(seen.values())
    article.suggestions += shaped_suggestions(article, kb, matcher, hits_by_paragraph, lambda name: _known(kb, name))
    taken = {fold(x) for s in article.suggestions for x in (s.name, s.alias) if x}
    article.suggestions += institution_suggestions(article, kb, matcher, hits_by_paragraph, taken)
    if article.suggestions:
        count = len(article.suggestions)
        article.flag("actors", f"{plural(count, 'name')} {'is' if count == 1 else 'are'} not in the knowledge base; "
                               "see the suggestions")


def _place_or_label(paragraph: str, name) -> bool:
    """"filed in San Francisco", "a firm in Tel Aviv", "Tel Aviv-based": a place, not a person or a body;
    "GUEST:" or "NEW DELHI:" opening a paragraph: a speaker's label or a dateline."""
    if name.kind == "organisation" or name.role:
        return False
    if _LOCATIVE.search(paragraph[max(0, name.run_start - 12):name.run_start]) and paragraph[name.end:name.end + 2] not in ("’s", "'s"):
        return True
    if re.match(r"[ -]?\w*-based\b", paragraph[name.end:name.end + 20]) or re.match(r"\s+\w+-based\b", paragraph[name.end:name.end + 20]):
        return True
    return bool(re.fullmatch(r"[A-Z][A-Z .-]*", paragraph[:name.end])) and paragraph[name.end:name.end + 1] == ":"


def _owned(paragraph: str, name) -> str:
    """"Robert Fico's Smer": one capitalised word after a person's possessive is that person's party."""
    return "party" if _PERSON_POSSESSIVE.search(paragraph[max(0, name.run_start - 40):name.run_start]) else ""


def _describe(context: str, name: str) -> str:
    """The context without the name itself, as a knowledge-base description."""
    rest = context.replace(name, " ", 1) if len(context) < 200 else ""
    rest = re.sub(r"\s+", " ", rest).strip(" ,;:—–")
    if not rest:
        return ""
    return rest[:1].upper() + rest[1:] + ("" if rest.endswith((".", "!", "?")) else ".")


def _word_starts(text: str, start: int, end: int) -> list[int]:
    return [m.start() + start for m in re.finditer(r"\b[A-Z]\w+", text[start:end])]


def _known(kb: KnowledgeBase, name: str) -> bool:
    return any(kb.resolve(kind, name) is not None for kind in ("actors", "platforms", "countries", "elections"))


def _context(paragraph: str, name) -> str:
    """How the article describes the name, in its own words."""
    if name.role:
        before = descriptor_before(paragraph, name.run_start)
        return plain(f"{before} {name.run}" if before else name.run)
    appositive = appositive_after(paragraph, name.end)
    if appositive:
        return plain(f"{paragraph[name.run_start:name.end]}, {appositive}")
    before = descriptor_before(paragraph, name.run_start)
    if before:
        return plain(f"{before} {paragraph[name.run_start:name.end]}")
    apposed = descriptor_apposed(paragraph, name.run_start)
    if apposed:
        return plain(f"{apposed}, {paragraph[name.run_start:name.end]}")
    around = paragraph
    if len(paragraph) > 4 * MAX_SENTENCE_CHARS:  # a paragraph that long is read near the name, in linear time
        around = paragraph[max(0, name.run_start - MAX_SENTENCE_CHARS):name.end + MAX_SENTENCE_CHARS]
    for sentence in sentences(around):
        if name.name in sentence:
            return shorten(sentence, 200)
    return shorten(around, 200)
