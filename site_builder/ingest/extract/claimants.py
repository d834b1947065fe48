"""Who makes an attribution claim, and how firmly, read from the claim's sentence and its article.

The cue word alone ("linked to") does not say how firm a claim is: the same words are a
finding when a platform took the network down or a government sanctioned it, and a
charge when police or prosecutors say them. The one who claims it is often not beside a
verb of saying either: the platform that removed the accounts, the body that sanctioned,
the report's own "we", the finder named by a passive "by", or the article's main source
named in an earlier sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from site_builder.content.slugs import fold
from site_builder.ingest.article import Claim

# An act that enforces a finding: a takedown, a sanction, a designation, a seizure.
_ENFORCED = re.compile(r"\b(?:removed|removes|remove|removing|took down|taken down|takes down|taking down|"
                       r"suspended|suspends|banned|bans|disrupted|disrupts|dismantled|sanctioned|sanctions|"
                       r"designated|designates|designation|seized|seizure)\b", re.I)
# A claim made in a case before the courts: a charge, not yet a finding.
_LEGAL = re.compile(r"\b(?:police|prosecutors?|prosecution|prosecutor's|indictment|indicted|charged|charges|"
                    r"court documents|suspects?|lawsuit|detained|arrested)\b", re.I)
# Words that make a finding an assessment.
_HEDGED = re.compile(r"\b(?:assess(?:es|ed|ment)?|likely|probably|possibl[ey]|apparent(?:ly)?|may have|might have)\b", re.I)
# Verbs whose subject makes the claim, besides the verbs of saying.
CLAIMING = (r"removed|removes|took down|has taken down|had taken down|suspended|banned|disrupted|dismantled|"
            r"sanctioned|designated|imposed sanctions|identified|traced|tracks|tracked|described|describes|"
            r"ties|tied|links|linked|attributed|attributes|exposed|named|blamed|blames|accused|accuses|charged|"
            r"indicted|detained|found|concluded|assessed|assesses")
# "was attributed to X by Y", "linked to X by researchers": the passive's agent is the claimant.
_PASSIVE_AGENT = re.compile(r"\b(?:attributed|linked|tied|traced|connected)\s+(?:back\s+)?to\s+[^,.;]{1,60}?\s+by\s+",
                            re.I)
_FIRST_PERSON = re.compile(r"(?:^|[\s(“\"])(?:[Ww]e|[Oo]ur)\b")


def firmness(confidence: str, sentence: str) -> str:
    """The cue's confidence as the sentence's act sets it: a "likely" link in a takedown or a sanction is
    confirmed, in a criminal case alleged; a hedged one stays likely."""
    if confidence != "likely" or _HEDGED.search(sentence):
        return confidence
    if _LEGAL.search(sentence):
        return "alleged"
    if _ENFORCED.search(sentence):
        return "confirmed"
    return confidence


def passive_agent(sentence: str, cands, accused: set[str]) -> str:
    """Y in "was attributed to X by Y"."""
    m = _PASSIVE_AGENT.search(sentence)
    if not m:
        return ""
    after = [c for c in cands if c[0] >= m.end() and c[0] - m.end() < 20 and c[2] not in accused]
    return after[0][2] if after else ""


# A state's body named by the words after its country: "Moldovan police", "Taiwan's National Security Bureau".
_BODY = re.compile(r"^(?:[’']s)?(?:\s+(?:[A-Z][\w.&-]*|of|for|and|police|government|officials?|authorities|prosecutors?|"
                   r"ministry|ministers?|foreign|interior|justice|defen[cs]e|intelligence|security|services?|agency|"
                   r"bureau|department|office|council|commission|court|inquiry|task force|army|military|"
                   r"election|electoral|national|state|federal|spy|cyber|counter-?intelligence|watchdog|regulator)\b){1,6}")


def described(sentence: str, cand, demonyms: dict[str, str]) -> str:
    """The claimant as the sentence names it: a country followed by its body ("Moldovan police said",
    "Norway's government said") is that body, written with the demonym ("Norwegian government"); any other
    name as it is."""
    start, end, name = cand
    m = _BODY.match(sentence[end:end + 80])
    words = sentence[start:end + (m.end() if m else 0)].split()
    while words and words[-1] in ("of", "for", "and"):
        words.pop()
    state = name.split(" of ", 1)[-1]
    if len(words) < 2 or state not in demonyms:
        return name
    head = re.sub(r"[’']s$", "", words[0])
    if words[0] != head and fold(head) == fold(state):  # "Norway's government" -> "Norwegian government"
        words[0] = demonyms[state]
    return " ".join(words)


def better(old: str, new: str, accused: str, countries: set[str]) -> bool:
    """Whether a later sentence's claimant names the accuser more exactly: the headline's "Taiwan says ..."
    is Taiwan's National Security Bureau in the lead."""
    return bool(new) and new != accused and (old in ("", accused) or (old in countries and new not in countries))


def first_person(sentence: str, publisher: str) -> str:
    """A report's own voice ("we removed", "we assess"): the publisher claims it."""
    return publisher if publisher and _FIRST_PERSON.search(sentence) else ""


def settle(claims: dict[str, Claim]) -> list[Claim]:
    """A claim with no claimant of its own takes the article's first one (the report or body the article is
    about, named once: "Meta said ... The network was linked to X")."""
    lead = next((c.claimed_by for c in claims.values() if c.claimed_by and c.claimed_by != c.actor), "")
    out = []
    for claim in claims.values():
        if not claim.claimed_by and lead:
            claim = replace(claim, claimed_by=lead)
        out.append(claim)
    return out
