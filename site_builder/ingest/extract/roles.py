"""Roles proposed for the editor: the target country, and the attribution claims (``claims``).

The target is the country whose election or public the article is about:
the countries of the elections it names, else the country named most in the
headline and lead, weighted up next to vote words ("Moldovan voters", "the
election in Romania"), and left out where it is only the origin ("Russian-
backed", "Haitian immigrants"). A US state counts for the United States. An
accused state is the target only when no other country is named. Both are
proposals, always flagged for review.
"""

from __future__ import annotations

import re

from site_builder.content import places
from site_builder.content.slugs import fold
from site_builder.ingest.article import Article
from site_builder.ingest.extract.claims import States, propose_claims
from site_builder.ingest.extract.match import AMBIGUOUS, Matcher
from site_builder.ingest.extract.text import sentences

# Candidates campaign; "a campaign" alone is as often a covert one as a candidate's.
_VOTE = re.compile(r"\b(?:elections?|electoral|vot(?:e|es|ers|ing)|ballots?|polls?|polling|referendum|campaign(?:ed|ing|ers?)|"
                   r"candidates?|presidential|parliamentary|runoff|run-off|electorate)\b", re.I)
_ORIGIN = re.compile(r"(?:pro-|anti-|-(?:linked|backed|based|aligned|sponsored|affiliated|directed|run|paid|funded|financed|controlled|owned))$|"
                     r"^(?:-(?:linked|backed|based|aligned|sponsored|affiliated|directed|run|paid|funded|financed|controlled|owned|born))", re.I)
_ORIGIN_AFTER = re.compile(r"^(?:[’']s)?\s+(?:state[- ])?(?:(?:covert|special|secret|clandestine|paid|hybrid|malign|cyber|online|coordinated|information)\s+)?(?:interference|influence|disinformation|propaganda|operations?|operatives|"
                           r"campaigns?|bots?|trolls?|hackers?|agents?|spies|intelligence|media|government|meddling|actors?|"
                           r"networks?|embassy|diplomats?|officials|authorities|money|funding|backing|military|army|state|nationals|"
                           r"compan(?:y|ies)|firms?|consultants?|strategists?|entities|employees|citizens|businessman|oligarchs?|contractors?|"
                           r"troll farms?|accounts|outlets?|broadcasters?|ties|links|"
                           # who says it: "the US group NewsGuard"
                           r"groups?|organi[sz]ations?|researchers|institutes?|watchdogs?|think[- ]tanks?|non-?profits?|newsrooms?|"
                           # people from there living elsewhere are not that country's public
                           r"immigrants|migrants|refugees|diaspora|expatriates|exiles|communit(?:y|ies))\b", re.I)
_LIST_GLUE = re.compile(r"^(?:,\s*|\s*,?\s*(?:and|or|as well as)\s+)(?:the\s+)?$", re.I)
_ORIGIN_BEFORE = re.compile(r"\b(?:from|by|in favour of|towards|with ties to|(?:government|authorities|embassy|ministry|intelligence services?) of(?: the)?|(?:based|registered|located|hosted|accounts|pages|sites|bots|servers|born) in)\s+$", re.I)
# "Among the countries targeted are A, B and C", "aimed at voters in A": the public the operation went for.
_TARGET_CUE = re.compile(r"\b(?:target(?:s|ed|ing)?|aim(?:s|ed|ing)? at|focus(?:es|ed|ing)? on|direct(?:s|ed|ing)? at)\b"
                         r"(?:(?!\b(?:by|from)\b)[^.;,]){0,40}$", re.I)


def propose_roles(article: Article, matcher: Matcher, extra_names: list[str]) -> None:
    """Fill ``article.targets`` and ``article.attribution`` and flag both for review."""
    matcher = _Cached(matcher)
    article.attribution = propose_claims(article, matcher, extra_names, States(matcher.matcher.kb))
    accused = {c.actor for c in article.attribution}
    article.targets = _targets(article, matcher, accused)
    # The targeted country is not its own accused ("Romania's foreign ministry rejected ...").
    article.attribution = [c for c in article.attribution if c.actor not in article.targets]
    if article.targets:
        article.flag("targets", f"proposed: {', '.join(article.targets)} (the country the article's vote or public is "
                                "about); confirm")
    if article.attribution:
        claims = "; ".join(f"{c.actor} ({c.confidence}, \"{c.cue}\"" + (f", by {c.claimed_by})" if c.claimed_by else ")")
                           for c in article.attribution)
        article.flag("attribution", f"proposed: {claims}; confirm each claim")


class _Cached:
    """The matcher's hits per sentence, found once for both roles."""

    def __init__(self, matcher: Matcher):
        self.matcher, self.seen = matcher, {}

    def find(self, text: str, kinds: tuple[str, ...] = ("countries", "platforms", "actors", "elections")):
        key = (text, kinds)
        if key not in self.seen:
            self.seen[key] = self.matcher.find(text, kinds)
        return self.seen[key]


def _targets(article: Article, matcher: Matcher, accused: set[str]) -> list[str]:
    scores: dict[str, float] = {}
    mentioned = set(article.names("countries"))
    for election in article.names("elections"):
        for hit in matcher.find(election, ("countries",)):
            if hit.entity.name in mentioned:  # an election of a country the article never names is a wrong match
                scores[hit.entity.name] = scores.get(hit.entity.name, 0) + 10
    dateline = getattr(dateline_country(article.dateline, matcher.matcher.kb), "name", "")
    if dateline in mentioned:
        scores[dateline] = scores.get(dateline, 0) + 2.0  # "CHISINAU, Oct 3 (Reuters) -": reporting from the country, like a lead sentence
    texts = [(article.title, 3.0), (article.standfirst, 2.0)] + [
        (p, 2.0 if i < 2 else 1.0) for i, p in enumerate(article.paragraphs)]
    runs: list[list[str]] = []
    for text, weight in texts:
        for sentence in sentences(text or ""):
            vote = bool(_VOTE.search(sentence))
            listed: list[tuple[int, int, str]] = []
            origin_end = -1  # "accounts based in Russia and Venezuela": the origin's list goes on
            cue_end = -1  # "targeted Argentina, Bolivia and Chile": and so does the target's
            for hit in sorted(matcher.find(sentence), key=lambda h: h.start):
                if hit.kind != "countries":
                    continue
                name = hit.entity.name
                if name not in mentioned:
                    # dropped from the article's countries: "Georgia" in a US story is a US state
                    name = AMBIGUOUS.get(name, ("",))[0]
                    if name not in mentioned:
                        continue
                before, after = sentence[max(0, hit.start - 12):hit.start], sentence[hit.end:hit.end + 40]
                if _ORIGIN.search(before[-5:]) or _ORIGIN.search(after[:12]) or _ORIGIN_AFTER.match(after) or \
                        _ORIGIN_BEFORE.search(sentence[max(0, hit.start - 30):hit.start]) or origin_end >= 0 and _LIST_GLUE.match(sentence[origin_end:hit.start]):
                    origin_end = hit.end
                    continue  # "pro-Russian", "Russian interference", "by Moscow": where it came from
                origin_end = -1
                listed.append((hit.start, hit.end, name))
                score = weight * (3.0 if vote else 1.0)
                if _TARGET_CUE.search(sentence[max(0, hit.start - 60):hit.start]) or \
                        cue_end >= 0 and _LIST_GLUE.match(sentence[cue_end:hit.start]):
                    cue_end = hit.end
                    score *= 2.0
                else:
                    cue_end = -1
                if _is_accused(name, accused):
                    score *= 0.3
                scores[name] = scores.get(name, 0) + score
            runs.extend(_enumerations(sentence, listed))
    if not scores:
        return []
    # The public targeted is the country most named where the vote is, an accused state counting for less.
    top = max(scores.items(), key=lambda kv: kv[1])[0]
    return [top] + _listed_with(top, runs, scores, accused)


def _enumerations(sentence: str, listed: list[tuple[int, int, str]]) -> list[list[str]]:
    """Countries named one after another ("in Mali, Burkina Faso and Niger"): runs of two or more."""
    runs, run, end = [], [], -1
    for start, stop, name in sorted(listed):
        if run and _LIST_GLUE.match(sentence[end:start]):
            run.append(name)
        else:
            if len(run) >= 2:
                runs.append(run)
            run = [name]
        end = stop
    if len(run) >= 2:
        runs.append(run)
    return runs


def _listed_with(top: str, runs: list[list[str]], scores: dict[str, float], accused: set[str]) -> list[str]:
    """The countries listed with the target: a list of three or more is one public ("elections in A, B and C")
    unless the target is named far more than the rest (a story about A that lists where else the network posted),
    a pair only when the other is named about as much as the target."""
    out: list[str] = []
    for run in runs:
        if top not in run:
            continue
        for name in run:
            if name != top and name not in out and not _is_accused(name, accused) and \
                    scores.get(name, 0) >= (1 / 3 if len(set(run)) >= 3 else 0.5) * scores[top]:
                out.append(name)
    return out


def _is_accused(country: str, accused: set[str]) -> bool:
    return country in accused or any(_same_state(country, a) for a in accused)


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


def _same_state(country: str, actor: str) -> bool:
    """"Russia" and "Russian government": the accused actor speaks for the country."""
    stem = country[:-1] if country.endswith("a") else country
    return actor.startswith((country, stem)) and actor.endswith(("government", "authorities", "state"))
