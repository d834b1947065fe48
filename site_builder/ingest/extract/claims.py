"""Attribution claims proposed for review: who is said to be behind an operation, by whom, how firmly.

Editors need the accused named the way reporting names them, so a sentence
gives a claim in four shapes:

* a cue with the accused after it ("linked to", "carried out by", "traced
  back to", "has links to", "the hallmarks of") or before it ("-linked",
  "denied", "were charged", "is accused of", "was behind"), or the subject of
  an operation verb ("STOIC had run an influence operation");
* a reported accusation: "the bureau said China had stepped up ...";
* an operation named by its origin: "Russian interference", "a Russian
  influence operation", "the CCP's influence efforts";
* names joined to the accused ("carried out by A and B") are accused too.

The accused is read as a noun phrase, not only as a known name: the agent of
an act ("X hacked the phone", "hacked by X", "X claimed responsibility"), an
organisation named beside its description ("Smaat, a marketing company", "an
Israeli consultancy, the Archimedes Group", "a group calling itself X"), a
state organ ("the government of Honduras", "Iranian intelligence", "the
military", placed by the roles) and a suggested person by surname.

A state is named as its country: "the Kremlin", "Moscow" and the knowledge
base's "Russian government" all give Russia, and the claim keeps the
knowledge-base actor (``entity``) the draft writes. The cue gives the
confidence; the one who "said" it is the claimant. All are proposals.
"""

from __future__ import annotations

import re
from dataclasses import replace

from site_builder.content import places
from site_builder.content.slugs import fold
from site_builder.ingest.article import Article, Claim
from site_builder.ingest.extract import claimants, speech
from site_builder.ingest.extract.claimants import firmness
from site_builder.ingest.extract.text import sentences

_NOT_ACCUSED_KINDS = {"platforms", "elections"}
MAX_CLAIMS = 6
# (confidence, cue, where the accused stands: "after" the cue, "before" it), the more specific first.
_CUES: list[tuple[str, re.Pattern, str]] = [
    ("alleged", re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:charged|indicted|accused|blamed|suspected|"
                           r"implicated)\b", re.I), "before"),
    ("confirmed", re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?:convicted|sanctioned)\b", re.I), "before"),
    # A headline's passive without its verb: "RT employees charged over ...", "Envoy accused of ...".
    ("alleged", re.compile(r"\b(?:charged|indicted|accused|suspected)(?=\s+(?:with|over|for|of|in connection)\b)", re.I), "before"),
    ("likely", re.compile(r"\b(?:was|were|is|are)\s+(?:\w+ly\s+|also\s+)?behind\b", re.I), "before"),
    ("likely", re.compile(r"\b(?:claimed|claims|claiming|took|takes|has taken)\s+responsibility\b", re.I), "before"),
    # "A, B and C were also identified as sponsors"
    # "with A and B named as the main culprits": the same without its auxiliary
    ("likely", re.compile(r"\b(?:(?:was|were|is|are|been)\s+)?(?:\w+ly\s+|also\s+)?(?:identified|named|singled out|listed)\s+as\s+"
                          r"(?:the\s+)?(?:main\s+|chief\s+|likely\s+)?(?:sponsors?|sources?|culprits?|perpetrators?|"
                          r"responsible|organi[sz]ers?)\b", re.I), "before"),
    ("disputed", re.compile(r"\b(?:has |have |had )?(?:denied|denies|deny|rejected|rejects|dismissed|dismisses)\b", re.I), "before"),
    ("likely", re.compile(r"\b(?:has |have |had )?(?:run|ran|operated|orchestrated|conducted|launched|masterminded|"
                          r"organi[sz]ed)\b(?!\s+by)(?=[^.;]{0,60}\b(?:operations?|campaigns?|networks?|scheme|efforts?)\b)",
                          re.I), "before"),
    # The agent of an act of interference: "Iranian intelligence hacked the phone", "was hacked by Iran".
    ("alleged", re.compile(r"\b(?:hacked|breached|infiltrated|compromised|hijacked|stole|leaked)\b(?!\s+by)(?=\s+(?:the|a|an|into|his|her|their|its|\w+[’']s)\b)",
                           re.I), "before"),
    ("alleged", re.compile(r"\b(?:hacked|breached|infiltrated|compromised|hijacked|stolen|leaked|targeted|attacked) by\b", re.I), "after"),
    ("confirmed", re.compile(r"\b(?:confirmed|concluded|established|proved|indicted|charged|sanctioned|convicted)\b", re.I), "after"),
    ("likely", re.compile(r"-(?:linked|backed|sponsored|directed|aligned)\b", re.I), "before"),
    ("likely", re.compile(r"\b(?:(?:made|spread|created|produced|run|operated|orchestrated|financed|funded|paid for|"
                          r"amplified|pushed|posted|organi[sz]ed|carried out)(?: and \w+)? by|"
                          r"(?:tied|linked|traced?|traces|tracing|attribute[sd]?|attributing) (?:\w+ ){1,3}to|tracks? (?:it |them )?as|"
                          # where and by whose order it was run: "a network run from China", "at the direction of X",
                          # "an attempt by X", "planned by X"
                          r"(?:run|operated|directed|coordinated|controlled) from|originat(?:ed|ing) (?:in|from)|"
                          r"(?:at|under) the (?:direction|instigation|request|orders?) of|"
                          r"(?:an |the )?(?:attempts?|efforts?|bids?|plots?) by|"
                          r"(?:planned|instigated|engineered|plotted|commissioned|sponsored|hired)(?: and \w+)? by)\b",
                          re.I), "after"),
    # "destabilising activities on Russia's behalf"
    ("likely", re.compile(r"(?<=\w)[’']s\s+behalf\b"), "before"),
    ("likely", re.compile(r"\b(?:linked to|tied to|connected to|traced (?:back )?to|attributed (?:it |them )?to|"
                          r"(?:lead|leads|led|leading|point|points|pointed|pointing) (?:back )?to|"
                          r"(?:has|have|had|with) (?:\w+ ){0,2}(?:links|ties|connections) to|hallmarks of|"
                          r"(?<!investigators )(?<!researchers )(?<!analysts )(?<!lawyers )(?<!experts )working for|"
                          r"(?:associated|affiliated) with|"
                          r"backed by|run by|directed by|orchestrated by|operated by|ordered by|financed by|funded by|"
                          r"paid by|on behalf of|on the orders of|at the behest of|behind|likely|probably|assessed)\b", re.I), "after"),
    ("alleged", re.compile(r"\b(?:accused|accuses|accusing|alleged(?:ly)?|alleges|suspected|suspects|blamed|blames|"
                           r"blaming|claimed|implicated)\b|(?<!\band )(?<!\bthe )(?<!\bfalse )\bclaims\b(?! of\b)", re.I), "after"),
]
# "the bureau said China had ...": the name right after a verb of saying, as the subject of what was said.
# The accuser is a piece of content, or the accusation is said to be false: what the operation said, not a claim.
_SMEAR = re.compile(r"\b(?:videos?|messages?|posts?|images?|photographs?|photos?|tweets?|clips?|rumou?rs?|stor(?:y|ies)|"
                    r"articles?|leaflets?|memes?|falsely|staged|fabricated|fake|forged|doctored)\b(?:\s+\w+){0,4}\s*$", re.I)
_BLAME = re.compile(r"(?:accus|blam)", re.I)
_REPORTED = re.compile(rf"\b(?:told \w+|{speech.verbs(ing=True)})\s+(?:that\s+)?")
# The end of the reported clause's subject: its auxiliary or a verb in the past ("two firms, A and B, had set up",
# "Iran sent"), not a participle that describes the subject ("Russian-linked", "state-backed").
_SUBJECT_END = re.compile(r"(?<=\s)(?:had|has|have|was|were|is|are|would|could|may|might|did|will)\b|"
                          r"(?<=\s)(?!(?:based|linked|backed|owned|funded|named|called|used|alleged|unnamed|"
                          r"sponsored|aligned|affiliated|registered|related|suspected)\b)[a-z]{3,}ed\b|"
                          r"(?<=\s)(?:ran|sent|set|spread|paid|made|built|bought|took|stole|gave|began|sought|hired|"
                          r"won|led|sold|wrote)\b")
_SUBJECT_LENGTH = 90
# What was said must be about an operation: "Berlin was following the vote closely" accuses no one.
_INTERFERING = re.compile(r"\b(?:interfer\w*|influenc\w*|disinformation|propaganda|meddl\w*|vote[- ]buying|deceiv\w*|"
                          r"manipulat\w*|warfare|hack\w*|bots|trolls?|fake|covert|destabili[sz]\w*|subver\w*|"
                          r"disrupt\w*|cyber\w*|undermin\w*|intimidat\w*|inauthentic|impersonat\w*|"
                          r"pos(?:e|es|ed|ing) as|denigrat\w*|smear\w*|launder\w*)\b", re.I)
# "Russian interference", "the CCP's influence efforts": the origin of an operation.
_OPERATION = re.compile(r"^(?:[’']s)?\s+[‘'“\"]?(?:(?:state|state-backed|covert|online|foreign|malign|information|"
                        r"influence|disinformation|troll|bot|cyber|hybrid|cognitive|intelligence|military|spy)\s+){0,2}(?:interference|influence|"
                        r"meddling|disinformation|propaganda|operations?|campaigns?|hybrid|warfare|trolls?|bots|hackers|"
                        r"influence actors)\b", re.I)
_WEAK_OPERATION = {"campaign", "campaigns", "operation", "operations"}
_CLAIMANT = re.compile(rf"\b(?:said|says|say|told|stated|announced|reported|according to|wrote|alleged|claimed|"
                       rf"believes?|{claimants.CLAIMING})\b", re.I)
_SAID = re.compile(r"\b(?:said|says|say|told|stated|announced|according to|wrote)\b", re.I)
_JOIN = re.compile(r"^\s*(?:\([^()]{1,15}\)\s*)?(?:,|,?\s*and|,?\s*or|&|,?\s*as well as|,?\s*together with)\s+"
                   r"(?:(?:the|its|their)\s+)?(?:[a-z]+\s+){0,2}$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|to|into|across|around|visit(?:ed|ing)?)\s+$", re.I)


class States:
    """How the article's countries, capitals and state actors name a state."""

    def __init__(self, kb):
        self.by_code = {getattr(c, "code", ""): c.name for c in kb.entities["countries"] if getattr(c, "code", "")}
        self.capitals = places.capital_index()
        self.countries = set(self.by_code.values())
        self.actor_state: dict[str, str] = {}  # "Russian government" -> "Russia"
        for actor in kb.entities["actors"]:
            country = getattr(actor, "country", None)
            if country is not None and getattr(actor, "type", "") == "government" and _speaks_for(actor, country):
                self.actor_state[actor.name] = country.name
        self.state_actor = {country: actor for actor, country in self.actor_state.items()}
        self.demonyms = {c.name: c.demonyms[0] for c in kb.entities["countries"] if getattr(c, "demonyms", ())}

    def capital_hits(self, sentence: str) -> list[tuple[int, int, str]]:
        """"Moscow", "Beijing-linked", "accused Canberra": a capital standing for its state, not a place."""
        out = []
        for m in re.finditer(r"\b[A-Z][\w’'.-]*(?: [A-Z][\w’'-]+)*", sentence):
            word = m.group(0).split("-")[0].removesuffix("’s").removesuffix("'s")
            code = self.capitals.get(fold(word))  # the whole run: "Victoria Nuland" and "Washington Post" are no capital
            if code and code in self.by_code and not _PLACE_BEFORE.search(sentence[max(0, m.start() - 12):m.start()]):
                out.append((m.start(), m.start() + len(word), self.by_code[code]))
        return out


def _speaks_for(actor, country) -> bool:
    """The actor is the state itself: "<Country|Demonym> government/authorities/state", or it answers to the capital."""
    names = [actor.name, *getattr(actor, "aliases", ())]
    capitals = {fold(c) for c in places.capitals(getattr(country, "code", ""))}
    return any(fold(n) in capitals for n in names) or bool(
        re.search(r"\b(?:government|authorities|state)$", actor.name, re.I))


def propose_claims(article: Article, matcher, extra_names: list[str], states: States) -> list[Claim]:
    claims: dict[str, Claim] = {}
    organs: dict[str, str] = {}  # "junta" -> "Mali"
    own = {article.publisher, article.author}
    for text in [article.title, article.standfirst] + list(article.paragraphs):
        for sentence in sentences(text or ""):
            cands = [c for c in _candidates(sentence, matcher, extra_names, states) if c[2] not in own]
            if not cands:
                continue
            # "Mali's ruling junta ... The junta denies": an organ named alone is the one last named with its state
            organs.update(c[2].split(" of ", 1) for c in cands if c[2].startswith(ORGAN_PREFIX))
            cands = [(a, b, f"{n} of {organs[n]}" if n in organs else n) for a, b, n in cands]
            found = _sentence_claims(sentence, cands, states.countries)
            named = {accused for _, _, accused in found}
            speakers = sorted(cands + _platforms(sentence, matcher))
            for confidence, cue, accused in found:
                if confidence == "disputed":  # "the Kremlin's spokesman Dmitry Peskov rejected ...": the state denies
                    accused = _spokesperson_state(sentence, accused, cands, states.countries) or accused
                name = states.actor_state.get(accused, accused)
                itself = confidence == "disputed" or "responsibility" in cue.lower()  # its own denial or claim
                by = accused if itself else _claimant(sentence, speakers, named, article.publisher, states.demonyms)
                by = states.actor_state.get(by, by)
                if name in claims:  # a later sentence names the accuser of a claim first read from a denial
                    if claimants.better(claims[name].claimed_by, by, name, states.countries):
                        claims[name] = replace(claims[name], claimed_by=by)
                    continue
                if len(claims) < MAX_CLAIMS:
                    claims[name] = Claim(name, by, firmness(confidence, sentence), cue, states.state_actor.get(name, ""))
    return claimants.settle(claims)


def _platforms(sentence: str, matcher) -> list[tuple[int, int, str]]:
    """Platforms speak and act for themselves ("Twitter said", "Facebook removed"): claimants, never accused."""
    return [(h.start, h.end, h.entity.name) for h in matcher.find(sentence) if h.kind == "platforms"]


_SPOKES = re.compile(r"\b(?:spokes(?:man|woman|person)|press secretary)\s*(?:,\s*)?$", re.I)


def _spokesperson_state(sentence: str, accused: str, cands, countries: set[str]) -> str:
    """The country whose spokesperson ``accused`` is, named just before the title ("Moscow's spokesman X")."""
    at = sentence.find(accused)
    if at < 0 or not _SPOKES.search(sentence[max(0, at - 30):at]):
        return ""
    near = [name for start, _, name in cands if name in countries and at - 60 <= start < at]
    return near[-1] if near else ""


def _sentence_claims(sentence: str, cands, countries: set[str]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    used: list[tuple[int, int]] = []
    for confidence, cue, side in _CUES:
        for m in cue.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in used):
                continue  # "were charged" is already read; not "charged" again
            if side == "after" and _SMEAR.search(sentence[max(0, m.start() - 50):m.start()]) and _BLAME.match(m.group(0)):
                continue  # "a video that falsely accused X", "a message blaming X": X is smeared, not accused
            accused = _accused(cands, m, side, sentence)
            if accused:
                used.append(m.span())
                out += [(confidence, m.group(0).strip(), a) for a in accused]
    for m in _REPORTED.finditer(sentence):
        for name in _reported_subject(sentence, m.end(), cands):
            # "we assess that X ran ...": an assessment is likely; what is said, alleged
            out.append(("likely" if m.group(0).lower().startswith("assess") else "alleged", f"{m.group(0).strip()} {name}", name))
    for index, (start, end, name) in enumerate(cands):
        m = _OPERATION.match(sentence[end:])
        if not m or sentence[max(0, start - 4):start].lower() == "pro-":
            continue
        if name not in countries and not name.startswith(ORGAN_PREFIX) and m.group(0).split()[-1].lower() in _WEAK_OPERATION:
            continue  # "the Georgescu campaign" is a candidate's campaign; "Russian campaign" is an operation
        # "French and Russian troll networks": every origin joined before the operation
        out += [("alleged", sentence[start:end] + m.group(0), joined) for joined in _joined(cands, index, -1, sentence)]
    return out


def _reported_subject(sentence: str, at: int, cands) -> list[str]:
    """The names in the subject of a reported clause that tells of an operation: "said [two Chinese firms, A and
    B,] had set up fake sites", "say [Iran] sent threatening emails"; the subject ends at its verb."""
    end = _SUBJECT_END.search(sentence, at, at + _SUBJECT_LENGTH)
    if end is None or re.search(r"[;:“”\"]", sentence[at:end.start()]):
        return []
    if not _INTERFERING.search(sentence, end.start(), end.start() + 120):
        return []
    return [name for start, stop, name in cands if at <= start and stop <= end.start()]


def _candidates(sentence: str, matcher, extra_names: list[str], states: States) -> list[tuple[int, int, str]]:
    """(start, end, name) of every actor, country or capital in the sentence, and of the suggested names."""
    found = [(h.start, h.end, h.entity.name) for h in matcher.find(sentence) if h.kind not in _NOT_ACCUSED_KINDS]
    for start, end, name in states.capital_hits(sentence):
        if not any(s <= start < e for s, e, _ in found):
            found.append((start, end, name))
    for name in extra_names:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", sentence):
            if not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), name))
    found += _organs(sentence, found, states.countries)
    found += _apposed(sentence)  # a name it holds ("an Israeli consultancy, the X Group") is dropped below
    for name in extra_names:  # "Prigozhin" for the suggested "Yevgeny Prigozhin"
        last = name.split()[-1] if len(name.split()) >= 2 else ""
        if re.fullmatch(r"[A-Z][a-z]{3,}", last) and last not in extra_names:
            for m in re.finditer(rf"(?<![\w-])(?<!{re.escape(name.split()[-2])} ){re.escape(last)}(?![\w-])", sentence):
                if not any(s <= m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), name))
    # A country inside a longer name ("Estonia's Internal Security Service") is part of that name.
    found = [c for c in found if not any(o[0] <= c[0] and c[1] <= o[1] and o[1] - o[0] > c[1] - c[0] for o in found)]
    return sorted(found)


_ORG_NOUN = (r"(?:firm|company|consultancy|agency|group|network|contractor|outfit|organi[sz]ation|unit|collective|"
             r"business|startup|operation)s?")
_NAME = r"(?P<name>[A-Z][\w&’'.()-]*[\w)](?:\s+(?:of\s+|for\s+|&\s+)?[A-Z][\w&’'.()-]*[\w)]){0,4})"
# Who an organisation is, said beside its name: "Smaat, a social media marketing company", "an Israeli
# consultancy, the Archimedes Group" (the description is part of the name's span), "a group calling itself X".
_APPOSED = [re.compile(rf"{_NAME},\s+(?:a|an)\s+(?:[\w-]+\s+){{0,6}}?{_ORG_NOUN}\b"),
            re.compile(rf"\b(?:a|an|the|two|three|several)\s+(?:[\w-]+\s+){{0,4}}?{_ORG_NOUN},\s+(?:the\s+)?{_NAME}"
                       r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|of|and|which|who|that|based|said)\b)"),
            re.compile(rf"\b(?:calling itself|calls itself|known as|dubbed|nicknamed|which goes by)\s+(?:the\s+)?{_NAME}")]


def _apposed(sentence: str) -> list[tuple[int, int, str]]:
    out = []
    for shape in _APPOSED:
        for m in shape.finditer(sentence):
            name = m.group("name")
            if name.split()[0] not in ("The", "A", "An", "In", "On", "It", "This"):
                out.append((m.start(), m.end(), name))
    return out


_ORGAN = r"(?:government|military|army|armed forces|junta|authorities|intelligence(?: services?| agency)?|security services?)"
_ORGAN_OF = re.compile(rf"\b(?:the\s+)?({_ORGAN})\s+of\s+(?:the\s+)?$", re.I)
_ORGAN_AFTER = re.compile(rf"^(?:[’']s)?\s+(?:ruling\s+)?({_ORGAN})\b", re.I)
_BARE_ORGAN = re.compile(r"\b(?:the|its|a country's)\s+(military|army|junta)\b|\b(military|army|junta)-(?=linked|backed|run)", re.I)
ORGAN_PREFIX = ("government of ", "military of ", "army of ", "armed forces of ", "junta of ", "authorities of ",
                "intelligence of ", "intelligence services of ", "intelligence service of ", "intelligence agency of ",
                "security services of ", "security service of ")


def _organs(sentence: str, found, countries: set[str]) -> list[tuple[int, int, str]]:
    """A state organ as one candidate: "the government of Honduras", "Iranian intelligence", "Myanmar's military"
    give "government of Honduras", "intelligence of Iran", "military of Myanmar"; "the military" alone gives
    "military", which the roles qualify with the target (the article's own state)."""
    out = []
    for start, end, name in found:
        if name not in countries:
            continue
        before, after = _ORGAN_OF.search(sentence[max(0, start - 40):start]), _ORGAN_AFTER.match(sentence[end:end + 40])
        if before:
            out.append((start - len(before.group(0)), end, f"{before.group(1).lower()} of {name}"))
        elif after:
            out.append((start, end + after.end(), f"{after.group(1).lower()} of {name}"))
    for m in _BARE_ORGAN.finditer(sentence):
        if not any(s <= m.start() < e for s, e, _ in found + out):
            out.append((m.start(m.lastindex), m.end(m.lastindex), m.group(m.lastindex).lower()))
    return out


# "Moscow, which had two polling stations for them, rejected ...": the subject and its verb around an aside.
_ASIDE = re.compile(r"^,\s+(?:which|itself)\b[^,;]{0,100},\s*(?:\w+ly\s+)?$", re.I)


def _accused(cands, m: re.Match, side: str, sentence: str) -> list[str]:
    if side == "after":
        after = [i for i, c in enumerate(cands) if c[0] >= m.end() and c[0] - m.end() < 80]
        return _joined(cands, after[0], 1, sentence) if after else []
    aside = [i for i, c in enumerate(cands) if c[1] <= m.start() and _ASIDE.match(sentence[c[1]:m.start()])]
    reach = 0 if m.group(0)[:1] in "’'" else 40  # "on Russia's behalf": the name the possessive ends
    before = aside or [i for i, c in enumerate(cands) if c[1] <= m.start() + 1 and m.start() - c[1] <= reach]
    return _joined(cands, before[-1], -1, sentence) if before else []


def _joined(cands, first: int, step: int, sentence: str) -> list[str]:
    """The accused and the names joined to it: "A, B and C"."""
    names = [cands[first][2]]
    i = first
    while 0 <= i + step < len(cands) and len(names) < 4:
        a, b = (cands[i], cands[i + step]) if step > 0 else (cands[i + step], cands[i])
        if not _JOIN.match(sentence[a[1]:b[0]]):
            break
        i += step
        names.append(cands[i][2])
    return names


def _claimant(sentence: str, cands, accused: set[str], publisher: str, demonyms: dict[str, str]) -> str:
    """Who makes the sentence's claim: the passive's agent, the subject of a verb of saying or of an act that
    claims ("Facebook removed ... run by X"), the one "according to" whom, or the report's own "we"."""
    agent = claimants.passive_agent(sentence, cands, accused)
    if agent:
        return agent
    m = _SAID.search(sentence) or _CLAIMANT.search(sentence)
    if not m:
        return claimants.first_person(sentence, publisher)
    if m.group(0).lower() == "according to":
        after = [c for c in cands if c[0] >= m.end() and c[2] not in accused]
        return claimants.described(sentence, after[0], demonyms) if after else ""
    before = [c for c in cands if c[1] <= m.start() and c[2] not in accused]
    if before:  # "..., Microsoft said"
        return claimants.described(sentence, before[-1] if m.start() - before[-1][1] < 40 else before[0], demonyms)
    after = [c for c in cands if c[0] >= m.end() and c[2] not in accused]  # "said Microsoft"
    if after and after[0][0] - m.end() < 30:
        return claimants.described(sentence, after[0], demonyms)
    return claimants.first_person(sentence, publisher)
