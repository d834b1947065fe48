"""Public bodies written in lower case: "France's foreign ministry", "Mumbai police", "the central electoral bureau".

Reporting names most state bodies by a country, city or person and a common
noun, so the capitalised-run reader never sees them as names. A body named
by its country is written with the demonym ("France's foreign ministry" ->
"French foreign ministry") so one body has one name across articles; a
platform that acts ("TikTok removed accounts", "OpenAI said") is an actor
too. Each comes as a suggestion with a type for the editor.
"""

from __future__ import annotations

import re

from site_builder.content import places
from site_builder.content.slugs import fold
from site_builder.ingest.extract.names import CALENDAR, NOT_NAME, STOP_FIRST

_BODY = (r"(?:(?:foreign|interior|defen[cs]e|justice|finance|digital|home|culture|education|health)\s+ministry|"
         r"ministry of (?:foreign affairs|the interior|defen[cs]e|justice)|police|prosecutors|prosecutor['’]s office|"
         r"embassy(?: in [A-Z][\w-]+)?|government|intelligence(?: services?| agency)?|security services?|"
         r"secret services?|services|electoral (?:bureau|commission|authority)|election (?:commission|authority)|"
         r"authorities|campaign)")
_NAMED = re.compile(r"(?<![\w-])(?P<who>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)\s+(?P<what>" + _BODY + r")\b(?![\w-])")
_LOWER = re.compile(r"\b(?:the\s+)(?P<what>(?:central|national|federal|permanent) (?:electoral|election) "
                    r"(?:bureau|commission|council|authority|office))\b")
_TYPES = {"government": "government", "authorities": "government", "embassy": "government", "campaign": "party"}
# A platform's own act: "TikTok removed 20 accounts", "Meta said it had taken down ...".
_ACTS = re.compile(r"^(?:[’']s\s+\w+\s+team)?\s+(?:has |have |had |also |then |later )?(?:said|says|removed|removes|took down|"
                   r"takes down|has taken down|banned|bans|suspended|suspends|deleted|deletes|labelled|labeled|"
                   r"disrupted|disrupts|terminated|terminates|reported|reports|found|detected|identified|announced|"
                   r"blocked|blocks|restricted|closed|shut down|told|warned|confirmed|denied)\b")


def institution_names(text: str, kb) -> list[tuple[str, int, str, str]]:
    """(name, start, type, country) of public bodies named by a place, person or country and a common noun."""
    out: list[tuple[str, int, str, str]] = []
    for m in _NAMED.finditer(text):
        words = m.group("who").split()
        if len(words) == 2 and words[0].lower() in STOP_FIRST:
            words = words[1:]  # "The Slovak police"
        if words[0].lower() in STOP_FIRST or any(w in CALENDAR or w in NOT_NAME for w in words):
            continue  # "Western European government" names no one body
        who, country = _as_demonym(" ".join(words), kb)
        what = m.group("what")
        if what == "campaign" and (country or kb.resolve("platforms", who) is not None):
            continue  # a candidate's campaign is an actor; "the TikTok campaign" or "a Russian campaign" is not
        if what == "services" and not country:
            continue  # "Russian services" are a state's; "Google services" are products
        kind = next((t for word, t in _TYPES.items() if what.startswith(word)), "agency")
        out.append((f"{who} {what}", m.start(), kind, country))
    for m in _LOWER.finditer(text):
        out.append((m.group("what"), m.start("what"), "agency", ""))
    return out


def acting_platforms(text: str, platform_hits) -> list[tuple[str, int]]:
    """Platforms that act in the sentence: (name, start)."""
    return [(h.entity.name, h.start) for h in platform_hits if _ACTS.match(text[h.end:h.end + 40])]


def _as_demonym(who: str, kb) -> tuple[str, str]:
    """"France's" -> ("French", "France"), "Romanian" -> ("Romanian", "Romania"); other names as written."""
    bare = who.removesuffix("’s").removesuffix("'s")
    country = kb.resolve("countries", bare)
    if country is not None and bare != who:
        demonyms = places.demonyms(getattr(country, "code", "")) or getattr(country, "demonyms", ())
        if demonyms and fold(demonyms[0]) != fold(bare):
            return demonyms[0], country.name
    return bare, country.name if country is not None else ""


def institution_suggestions(article, kb, matcher, hits_by_paragraph, taken: set[str]) -> list:
    """Suggestions for lower-case public bodies and acting platforms the knowledge base lacks as actors."""
    from site_builder.ingest.article import Suggestion
    from site_builder.ingest.extract.text import sentences, shorten

    out = []
    for paragraph, hits in zip(article.paragraphs, hits_by_paragraph):
        found = [(n, st, kind, country) for n, st, kind, country in institution_names(paragraph, kb)]
        found += [(n, st, "company", "") for n, st in acting_platforms(paragraph, [h for h in hits if h.kind == "platforms"])]
        for name, start, kind, country in found:
            key = fold(name)
            if key in taken or kb.resolve("actors", name) is not None:
                continue
            if any(h.kind == "actors" and h.start <= start < h.end for h in hits):
                continue  # inside a known actor's name
            taken.add(key)
            context = next((s for s in sentences(paragraph) if paragraph.find(s) <= start < paragraph.find(s) + len(s)),
                           paragraph)
            out.append(Suggestion(name, shorten(context, 200), kind, country))
    return out
