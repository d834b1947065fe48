"""Roles proposed for the editor: the target country, and the attribution claims (``claims``).

The targets are the countries whose election or public the article is about,
weighed from what each mention says (``publics``); the claims come from
``claims``. Both are proposals, always flagged for review with the reasons.
"""

from __future__ import annotations

from dataclasses import replace

from site_builder.content import places
from site_builder.content.slugs import fold
from site_builder.ingest.article import Article, Claim
from site_builder.ingest.extract.claims import ORGAN_PREFIX, States, propose_claims
from site_builder.ingest.extract import publics
from site_builder.ingest.extract.match import Matcher


def propose_roles(article: Article, matcher: Matcher, extra_names: list[str]) -> None:
    """Fill ``article.targets`` and ``article.attribution`` and flag both for review."""
    matcher = _Cached(matcher)
    article.attribution = propose_claims(article, matcher, extra_names, States(matcher.matcher.kb))
    accused = {_state_of(c.actor) for c in article.attribution}
    dateline = getattr(dateline_country(article.dateline, matcher.matcher.kb), "name", "")
    article.targets, why = publics.weigh(article, matcher, article.names("elections"), dateline, accused)
    article.attribution = _organs_placed(article.attribution, article.targets)
    # The targeted country is not its own accused ("Romania's foreign ministry rejected ...").
    article.attribution = [c for c in article.attribution if c.actor not in article.targets]
    if article.targets:
        article.flag("targets", f"proposed: {', '.join(article.targets)} (whose vote or public the article is about: "
                                f"{why}); confirm")
    if article.attribution:
        claims = "; ".join(f"{c.actor} ({c.confidence}, \"{c.cue}\"" + (f", by {c.claimed_by})" if c.claimed_by else ")")
                           for c in article.attribution)
        article.flag("attribution", f"proposed: {claims}; confirm each claim")


def _state_of(actor: str) -> str:
    """"military of Russia" -> "Russia"; any other name as it is."""
    return actor.split(" of ", 1)[1] if actor.startswith(ORGAN_PREFIX) else actor


def _organs_placed(claims: list[Claim], targets: list[str]) -> list[Claim]:
    """A state organ accused is the state itself when it is a foreign one ("intelligence of Iran" -> Iran), and
    stays the organ when it is the target's own (a government working on its own public: "government of
    Honduras"); "the military" alone is the article's own state's."""
    out: dict[str, Claim] = {}
    for claim in claims:
        actor = claim.actor
        if actor.startswith(ORGAN_PREFIX) and _state_of(actor) not in targets:
            actor = _state_of(actor)
        elif " " not in actor and actor + " of " in ORGAN_PREFIX and targets:
            actor = f"{actor} of {targets[0]}"
        out.setdefault(actor, replace(claim, actor=actor))
    return list(out.values())


class _Cached:
    """The matcher's hits per sentence, found once for both roles."""

    def __init__(self, matcher: Matcher):
        self.matcher, self.seen = matcher, {}

    def find(self, text: str, kinds: tuple[str, ...] = ("countries", "platforms", "actors", "elections")):
        key = (text, kinds)
        if key not in self.seen:
            self.seen[key] = self.matcher.find(text, kinds)
        return self.seen[key]


def dateline_country(dateline: str, kb):
    """"TALLINN" or "Narva, Estonia": the country the reporting is from, or None."""
    place, _, region = (dateline or "").partition(",")
    country = kb.resolve("countries", region.strip()) if region.strip() else None
    if country is not None:
        return country
    code = places.capital_index().get(fold(place)) if place.strip() else None
    if code:
        return next((c for c in kb.entities["countries"] if getattr(c, "code", "") == code), None)
    return None

