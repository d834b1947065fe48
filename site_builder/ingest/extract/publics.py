"""The target countries, weighed from evidence across the whole article, with the reasons kept.

A story about an operation names many countries: the one whose vote or public
was worked on, the one the operators sit in, the one whose government speaks,
the researchers' home. Counting names picks the loudest, so each mention is
read for what it says about its country instead:

* ``vote``: the country owns an election or an elected body named right there
  ("Nigeria's 2015 election", "a Kenyan presidential campaign", "the election
  held in Togo", "Finland's parliament");
* ``public``: the country is the audience addressed ("audiences in Tunisia",
  "targeted Venezuela", "politics in A, B and C"), the whole list with it;
* ``speaks``: its government or officials speak ("Norway's government said");
* ``named``: a plain mention, worth more in the headline and lead and next to
  vote words;
* origin (``pro-Russian``, "Russian-backed", "firms based in Egypt") gives
  nothing; a country the claims accuse counts for less unless it owns a vote or
  is addressed.

Every country with ``vote`` or ``public`` evidence near the top score is a
target, not only the top one: one operation often works on several publics.
The reasons go into the draft's review note so the editor sees why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.ingest.extract import speech
from site_builder.content.slugs import fold
from site_builder.ingest.extract.match import AMBIGUOUS
from site_builder.ingest.extract.parliaments import parliaments
from site_builder.ingest.extract.text import sentences

# Candidates campaign; "a campaign" alone is as often a covert one as a candidate's.
VOTE_WORDS = re.compile(r"\b(?:elections?|electoral|vot(?:e|es|ers|ing)|ballots?|polls?|polling|referendum|campaign(?:ed|ing|ers?)|"
                        r"candidates?|presidential|parliamentary|runoff|run-off|electorate)\b", re.I)
_ORIGIN = re.compile(r"(?:pro-|anti-|ethnic |-(?:linked|backed|based|aligned|sponsored|affiliated|directed|run|paid|funded|financed|controlled|owned))$|"
                     r"^(?:-(?:linked|backed|based|aligned|sponsored|affiliated|directed|run|paid|funded|financed|controlled|owned|born))", re.I)
_ORIGIN_AFTER = re.compile(r"^(?:[’']s)?\s+(?:state[- ])?(?:(?:covert|special|secret|clandestine|paid|hybrid|malign|cyber|online|coordinated|information)\s+)?(?:interference|influence|disinformation|propaganda|operations?|operatives|"
                           r"attacks?|actions|activit(?:y|ies)|threats?|efforts?|tactics|narratives?|playbook|plots?|schemes?|spy|spying|espionage|"
                           r"campaigns?|bots?|trolls?|hackers?|agents?|spies|intelligence|media|government|meddling|actors?|"
                           r"networks?|embassy|diplomats?|officials|authorities|money|funding|backing|military|army|state|nationals|"
                           r"compan(?:y|ies)|firms?|consultants?|consultanc(?:y|ies)|agenc(?:y|ies)|strategists?|entities|employees|citizens|businessman|oligarchs?|contractors?|"
                           r"troll farms?|accounts|outlets?|broadcasters?|ties|links|"
                           # who says it: "the US group NewsGuard"
                           r"groups?|organi[sz]ations?|researchers|institutes?|watchdogs?|think[- ]tanks?|non-?profits?|newsrooms?|"
                           # people from there living elsewhere are not that country's public
                           r"immigrants|migrants|refugees|diaspora|expatriates|exiles|communit(?:y|ies))\b", re.I)
# "two Chinese public relations firms": an organisation described by its country, whatever words come between.
_ORIGIN_ORG = re.compile(r"^\s+(?:[a-z]+\s+){0,3}(?:firms?|compan(?:y|ies)|consultanc(?:y|ies)|agenc(?:y|ies)|contractors?|"
                         r"outfits?|operatives|hackers|trolls)\b")
_LIST_GLUE = re.compile(r"^(?:,\s*|\s*,?\s*(?:and|or|as well as)\s+)(?:the\s+)?$", re.I)
_ORIGIN_BEFORE = re.compile(r"\b(?:from(?: within| inside)?|by|in favour of|towards|with ties to|(?:government|authorities|embassy|ministry|intelligence services?) of(?: the)?|"
                            r"(?:based|registered|located|hosted|accounts|pages|sites|bots|servers|born|firms?|compan(?:y|ies)|agency|agencies) in|"
                            r"run from|operated from|"
                            # "networks from several countries, including A and B": where they came from
                            r"from\s+(?:[\w-]+\s+){0,3}(?:countries|nations|states),?\s+(?:including|such as|like))\s+(?:(?:an?|the)\s+)?$", re.I)
# "Norway's government said", "Japan's government on Tuesday said": the country speaks, it is no origin.
_SPEAKS = re.compile(r"^(?:[’']s)?\s+(?:government|authorities|officials|foreign ministry|ministry|prime minister|president)"
                     rf"(?:\s+(?:on|this|last)\s+\w+)?\s+(?:{speech.verbs()}|accused|blamed)\b", re.I)
# "Nigeria's 2015 election", "a Kenyan presidential campaign", "Finland's parliament": a vote or elected body it owns.
_OWNS = re.compile(r"^(?:[’']s)?\s+(?:(?:\d{4}|[A-Z][a-z]+ \d{1,2}|presidential|parliamentary|general|local|national|legislative|"
                   r"regional|municipal|mayoral|federal|snap|early|upcoming|next|recent|last|coming|delayed|disputed|"
                   r"constitutional|EU|membership)\s+){0,3}"
                   r"(?:elections?|vote|votes|voters|referendum|polls|electorate|ballots?|(?<=presidential )(?:race|campaign|contest)|"
                   r"parliament|legislature|congress|senate|electoral (?:commission|body|authority|service|council)|"
                   # "the German Bundestag": the elected body by its own name
                   + "|".join(re.escape(name) for name in parliaments()) + r")\b")
# "the election held in Togo", "voters in Moldova", "elections in A, B and C", "Bolivians vote".
_HELD_IN = re.compile(r"\b(?:elections?|vote|votes|referendum|polls|ballot|voters|electorate)\s+(?:(?:held|due|scheduled|taking place)\s+)?"
                      r"(?:in|across)\s+(?:the\s+)?$", re.I)
_VOTES = re.compile(r"^s?\s+(?:vote|votes|voted|go to the polls|elect|elected|"
                    r"(?:holds?|held|will hold|is holding)\s+(?:(?:its|a|an|their)\s+)?(?:\w+\s+){0,3}(?:elections?|vote|referendum|polls))\b", re.I)
# "targeted audiences in Tunisia", "aimed at voters in A", "posted about politics in A, B and C", "countries including A".
_PUBLIC_BEFORE = re.compile(r"(?:\b(?:target(?:s|ed|ing)?|aim(?:s|ed|ing)?(?: \w+ly)? at|focus(?:es|ed|ing)?(?: \w+ly)? on|direct(?:s|ed|ing)?(?: \w+ly)? at)\b"
                            r"(?:(?!\b(?:by|from|for)\b)[^.;,]){0,40}|"
                            r"\b(?:countries|nations),?\s+(?:including|such as|like|among them)\s+(?:the\s+)?|"
                            # the object of the interference: "Russian influence in the UK", "meddling in Moldova"
                            r"\b(?:interference|influence|meddling|interfered|interfering|meddled)\s+in\s+(?:the\s+)?|"
                            r"\b(?:audiences?|users|readers|public|citizens|people|politics|politicians|candidates|leaders|"
                            r"juntas?|governments?|parties|"
                            r"(?:local|independent) (?:news )?(?:outlets|sites|pages|media))\s+(?:(?:inside|in|across|of)\s+)"
                            r"(?:(?:several |other |\w+ )?countries,? (?:including|such as|like)\s+)?(?:the\s+)?)$", re.I)
# Where something happened that is not the vote: a court's or a meeting's seat, a charge's venue, a home in exile
# ("asked a federal court in California", "charged in the United States", "told a summit in Sochi", "lives in Russia").
_VENUE_BEFORE = re.compile(r"\b(?:courts?|tribunal|judge|jury|hearing|trial|summit|conference|meeting|forum|talks|speech|"
                           r"ceremony|visit|trip|headquarters|offices?|exile|lives|living|fled|arrested|detained|charged|"
                           r"indicted|tried|convicted|sentenced|unsealed|filed|sued|jailed|imprisoned|extradited)"
                           r"(?:\s+[a-z]+){0,2}?\s+(?:in|at|to)\s+(?:the\s+)?$", re.I)
_AGENT = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_PARLIAMENTS = {fold(name) for name in parliaments()}  # "the Bundestag": the country's elected body
WEIGHTS = {"vote": 6.0, "public": 4.0, "speaks": 1.5}
STRONG = {"vote", "public"}
SHARE = 0.15  # a country with its own vote or public is a target when it reaches this share of the top score


@dataclass
class Weighed:
    """One country's evidence: its score and the reasons, strongest first."""
    score: float = 0.0
    kinds: set[str] = field(default_factory=set)
    reasons: dict[str, str] = field(default_factory=dict)  # kind -> the first words that gave it

    def add(self, kind: str, score: float, quote: str) -> None:
        self.score += score
        self.kinds.add(kind)
        self.reasons.setdefault(kind, quote)


_REASON = {"election": "its election is named", "vote": "its vote or elected body", "public": "addressed as the public",
           "speaks": "its government speaks", "dateline": "the dateline", "named": "named in the article"}


def weigh(article, matcher, elections: list[str], dateline: str, accused: set[str]) -> tuple[list[str], str]:
    """The proposed targets and why, in words for the review note."""
    mentioned = set(article.names("countries"))
    found: dict[str, Weighed] = {}
    for election in elections:
        for hit in matcher.find(election, ("countries",)):
            if hit.entity.name in mentioned:  # an election of a country the article never names is a wrong match
                found.setdefault(hit.entity.name, Weighed()).add("election", 10.0, election)
    if dateline in mentioned:
        found.setdefault(dateline, Weighed()).add("dateline", 2.0, article.dateline)
    texts = [(article.title, 3.0), (article.standfirst, 2.0)] + [
        (p, 2.0 if i < 2 else 1.0) for i, p in enumerate(article.paragraphs)]
    for text, weight in texts:
        for sentence in sentences(text or ""):
            for name, kind, score, quote in _read_sentence(sentence, weight, matcher, mentioned):
                if kind == "vote" and _past(quote, article.published):
                    kind, score = "named", weight  # "as in the 2016 US election": a past vote compared, not this one
                found.setdefault(name, Weighed()).add(kind, score, quote)
    for name, weighed in found.items():
        if _is_accused(name, accused) and not weighed.kinds & STRONG:
            weighed.score *= 0.3
    if not found:
        return [], ""
    top = max(found, key=lambda name: found[name].score)
    out = [top] + [name for name, w in sorted(found.items(), key=lambda kv: -kv[1].score)
                   if name != top and w.kinds & STRONG and w.score >= SHARE * found[top].score]
    return out, "; ".join(f"{name}: " + ", ".join(f'{_REASON[k]} ("{q}")' if k not in ("named", "dateline") else _REASON[k]
                                                      for k, q in _strongest(found[name].reasons)) for name in out)


def _past(quote: str, published) -> bool:
    """The vote quoted carries a year well before the article's: background, not the vote it is about."""
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", quote)]
    return bool(published and years and max(years) < published.year - 1)


def _strongest(reasons: dict[str, str]) -> list[tuple[str, str]]:
    order = ["election", "vote", "public", "speaks", "dateline", "named"]
    return sorted(reasons.items(), key=lambda kv: order.index(kv[0]))[:3]


def _read_sentence(sentence: str, weight: float, matcher, mentioned: set[str]):
    """(country, kind, score, quote) for every country named in the sentence that is not only an origin."""
    vote = bool(VOTE_WORDS.search(sentence))
    origin_end = -1  # "accounts based in Russia and Venezuela": the origin's list goes on
    public_end = -1  # "targeted Argentina, Bolivia and Chile": and so does the public's
    vote_end = -1  # "elections in A, B and C": and the vote's
    for hit in sorted(matcher.find(sentence), key=lambda h: h.start):
        if hit.kind != "countries":
            continue  # a country inside an actor's name ("Russian government") is that actor
        name = hit.entity.name
        if name not in mentioned:
            # dropped from the article's countries: "Georgia" in a US story is a US state
            name = AMBIGUOUS.get(name, ("",))[0]
            if name not in mentioned:
                continue
        before, after = sentence[max(0, hit.start - 60):hit.start], sentence[hit.end:hit.end + 60]
        quote = _words_around(sentence, hit.start, hit.end)
        if _ORIGIN.search(before[-7:]) or _ORIGIN.search(after[:12]):
            origin_end = hit.end
            continue  # "pro-Russian", "Russian-backed": where it came from, whatever follows
        if _SPEAKS.match(after):
            origin_end = public_end = -1
            yield name, "speaks", WEIGHTS["speaks"] * weight, quote
            continue
        if fold(hit.text) in _PARLIAMENTS or _OWNS.match(after) or _HELD_IN.search(before[-40:]) or _VOTES.match(after) or \
                vote_end >= 0 and _LIST_GLUE.match(sentence[vote_end:hit.start]):
            origin_end, vote_end = -1, hit.end
            yield name, "vote", WEIGHTS["vote"] * weight, quote
            continue
        vote_end = -1
        if _ORIGIN_AFTER.match(after) or _ORIGIN_ORG.match(after) or _VENUE_BEFORE.search(before) or \
                _ORIGIN_BEFORE.search(before) or origin_end >= 0 and _LIST_GLUE.match(sentence[origin_end:hit.start]):
            origin_end = hit.end
            continue  # "pro-Russian", "Russian interference", "by Moscow": where it came from
        origin_end = -1
        listed = public_end >= 0 and _LIST_GLUE.match(sentence[public_end:hit.start]) and not re.match(r"\s+as\b", after)
        public = _PUBLIC_BEFORE.search(before)
        if public and _AGENT.search(before[:public.start()]):
            public = None  # "released by the governments of A and B": they act, they are not addressed
        if public or listed:  # not "targeting Canada, and India as the second ..."
            public_end = hit.end
            yield name, "public", WEIGHTS["public"] * weight, quote
            continue
        public_end = -1
        yield name, "named", weight * (3.0 if vote else 1.0), quote


def _words_around(sentence: str, start: int, end: int) -> str:
    """A few words around a mention for the editor's note: five before, three after, never a long copied run."""
    left = re.search(r"(?:\S+\s+){0,5}$", sentence[:start]).start()
    right = end + re.match(r"\S*(?:\s+\S+){0,3}", sentence[end:]).end()
    return sentence[left:right].strip(" ,;")


def _is_accused(country: str, accused: set[str]) -> bool:
    return country in accused or any(_same_state(country, a) for a in accused)


def _same_state(country: str, actor: str) -> bool:
    """"Russia" and "Russian government": the accused actor speaks for the country."""
    stem = country[:-1] if country.endswith("a") else country
    return actor.startswith((country, stem)) and actor.endswith(("government", "authorities", "state"))
