"""Suggest DISARM techniques from an article's wording, for the editor to confirm.

A small table of cues: phrases reporters use for a technique ("bot network",
"paid influencers", "deepfake", "vote buying" ...), each mapped to one DISARM
id. The first cue found for an id is kept with where it was found. Suggestions
are never published as they are: the draft lists them commented out (see
``draft_lines``), and ``--json`` gives them as ``techniques`` with their cue.
Design notes: docs/architecture.md ("site_builder/ingest/extract/techniques.py").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.content.techniques import framework

# (regular expression over the article's words, DISARM id). Order matters only for ties in one paragraph.
CUES: tuple[tuple[str, str], ...] = (
    (r"paid influencers?|paying influencers|influencers (?:were|was|had been|being) paid|paid (?:bloggers|tiktokers)",
     "T0100.003"),  # Co-Opt Influencers
    (r"bot ?nets?|bot networks?|networks? of bots|bot farms?|bots amplif\w*", "T0049.003"),  # Bots Amplify
    (r"bot accounts?|automated accounts?", "T0090.003"),  # Create Bot Accounts
    (r"troll (?:farms?|factory|factories|networks?|armies|army)|trolls", "T0049.001"),  # Trolls Amplify and Manipulate
    (r"sock ?puppets?", "T0090.004"),  # Create Sockpuppet Accounts
    (r"fake accounts?|inauthentic (?:accounts?|behaviou?r|profiles?)|fake profiles?", "T0090"),  # Create Inauthentic Accounts
    (r"deep ?fake (?:audio|voice)s?|(?:cloned|synthetic) voices?|voice clon\w+", "T0088.001"),  # AI-Generated Audio
    (r"deep ?fake (?:images?|photos?|pictures?)|ai-generated (?:images?|photos?|pictures?)", "T0086.002"),  # AI Images
    (r"deep ?fake(?: videos?|s)?|ai-generated videos?", "T0087.001"),  # Develop AI-Generated Videos (Deepfakes)
    (r"ai-generated|generated (?:with|by|using) artificial intelligence|generative ai", "T0085.001"),  # AI-Generated Text
    (r"vote[- ]buying|buy(?:ing)? votes|bought votes|paying voters|paid voters|brib(?:e|es|ed|ing) voters",
     "T0057.001"),  # Pay for Physical Action
    (r"impersonat\w+ (?:officials?|candidates?|politicians?|ministers?)|(?:pretending to be|posing as) "
     r"(?:officials?|candidates?|politicians?)", "T0099.005"),  # Impersonate Existing Official
    (r"doppelga(?:e|)nger|clon(?:ed|e) (?:news )?(?:sites?|websites?)|spoofed (?:news )?(?:sites?|websites?)",
     "T0099.004"),  # Impersonate Existing Media Outlet
    (r"fake news (?:sites?|websites?|outlets?)|(?:imposter|impostor|inauthentic) news (?:sites?|websites?)",
     "T0098"),  # Establish Inauthentic News Sites
    (r"hack[- ]and[- ]leak|leaked (?:e-?mails|documents)", "T0089"),  # Obtain Private Documents
    (r"cyber ?attacks?|ddos|denial[- ]of[- ]service", "T0123"),  # Offensive Cyberspace Operations
    (r"targeted (?:ads|advertis\w+)|micro-?targeted", "T0018"),  # Purchase Targeted Advertisements
    (r"street violence|violent unrest|organis\w+ (?:riots|violence)|organiz\w+ (?:riots|violence)", "T0127"),  # Physical Violence
    (r"voter suppression|keep (?:them|voters) (?:at )?home|discourag\w+ (?:\w+ )?from voting", "T0139"),  # Dissuade from Acting
    (r"harass\w*", "T0048"),  # Harass
    (r"search engine optimi[sz]ation", "T0046"),  # Use Search Engine Optimisation
    (r"(?:gam\w+|manipulat\w+) the (?:platform'?s? )?algorithms?", "T0121"),  # Manipulate Platform Algorithm
)
_COMPILED = [(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), tid) for pattern, tid in CUES]


@dataclass(frozen=True)
class TechniqueSuggestion:
    id: str
    name: str
    tactic: str
    cue: str  # the words that triggered it, as the article writes them
    where: str  # "title", "standfirst" or "paragraph 3"

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "tactic": self.tactic, "cue": self.cue, "found": self.where}


def suggest_techniques(title: str, standfirst: str, paragraphs: list[str]) -> list[TechniqueSuggestion]:
    """One suggestion per DISARM id whose cue the article uses, in the order they first appear."""
    known = framework()
    found: dict[str, TechniqueSuggestion] = {}
    parts = [("title", title), ("standfirst", standfirst), *((f"paragraph {i}", p) for i, p in enumerate(paragraphs, 1))]
    for where, text in parts:
        if not text:
            continue
        hits = sorted((m.start(), tid, m.group(0)) for pattern, tid in _COMPILED for m in [pattern.search(text)] if m)
        for _, tid, cue in hits:
            technique = known.get(tid)
            if technique is None or tid in found:
                continue
            found[tid] = TechniqueSuggestion(tid, technique.name, ", ".join(technique.tactics), cue, where)
    return list(found.values())


def draft_lines(suggestions: list[TechniqueSuggestion]) -> list[str]:
    """The draft's suggested ``techniques:`` list, commented out: the editor confirms each and uncomments it."""
    if not suggestions:
        return []
    lines = ["# techniques suggested by ingest from the article's wording (DISARM ids); confirm each against the",
             "# reporting, say why in a comment beside it, and uncomment the list:",
             "# techniques:"]
    lines += [f"#   - {s.id}  # {s.name}: cue {s.cue!r} ({s.where})" for s in suggestions]
    return lines
