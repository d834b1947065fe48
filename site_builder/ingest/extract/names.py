"""Proper names in running text: people and organisations, with how the text describes them.

Used twice: to suggest knowledge-base entries for names the knowledge base
does not know ("Moldovan National Security Adviser Stanislav Secrieru"), and
to find who said a quotation. A name is a run of capitalised words (with
particles such as "von der" and, in organisation names, "of", "for" and
"and"). Titles in front of a person's name ("Prime Minister") are split off
and kept as the description; words such as "Commission", "Party" or "Labs"
make a run an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest.extract.dates import MONTHS, WEEKDAYS
from site_builder.content.places import ROWS, demonym_forms

ROLE_WORDS = {
    "president", "vice-president", "prime", "minister", "chancellor", "adviser", "advisor", "secretary", "spokesperson",
    "spokesman", "spokeswoman", "chief", "director", "director-general", "head", "chair", "chairman", "chairwoman",
    "commissioner", "ambassador", "senator", "representative", "rep", "mep", "mp", "deputy", "vice", "leader",
    "general", "governor", "mayor", "king", "queen", "prince", "princess", "pope", "dr", "mr", "mrs", "ms", "sir",
    "professor", "prof", "judge", "ceo", "founder", "co-founder", "analyst", "researcher", "candidate", "lawmaker",
    "premier", "envoy", "speaker", "attorney", "prosecutor", "colonel", "lieutenant", "captain", "major", "sheikh",
    "emir", "chairperson", "official", "officer", "coordinator", "rapporteur", "high", "reporter", "correspondent",
    "editor", "commander", "councillor", "councilor", "state", "foreign", "defence", "defense", "interior", "security",
    "national", "justice", "finance", "economy", "digital", "former", "acting", "interim", "incumbent", "opposition",
    "affairs", "gov",
}
# Words that make a capitalised run an organisation, with the actor type they suggest.
ORG_WORDS = {
    "party": "party", "bloc": "party", "union": "party", "alliance": "party", "movement": "party", "front": "party",
    "coalition": "party", "congress": "party", "league": "party",
    "commission": "agency", "office": "agency", "ministry": "agency", "agency": "agency", "service": "agency",
    "services": "agency", "council": "agency", "committee": "agency", "court": "agency", "authority": "agency",
    "police": "agency", "directorate": "agency", "bureau": "agency", "department": "agency", "inspectorate": "agency",
    "regulator": "agency", "prosecutor's": "agency", "parliament": "government", "government": "government",
    "cabinet": "government", "presidency": "government", "assembly": "government", "senate": "government", "duma": "government",
    "institute": "research-group", "labs": "research-group", "lab": "research-group", "laboratory": "research-group",
    "academy": "research-group", "university": "research-group", "centre": "research-group", "center": "research-group",
    "foundation": "research-group", "observatory": "research-group", "watchdog": "research-group", "forum": "research-group",
    "initiative": "research-group", "project": "research-group", "group": "network", "network": "network",
    "news": "media", "times": "media", "post": "media", "press": "media", "tv": "media", "radio": "media",
    "media": "media", "journal": "media", "gazette": "media", "herald": "media", "tribune": "media", "daily": "media",
    "novosti": "media", "broadcasting": "media", "telegraph": "media", "guardian": "media",
    "board": "agency", "administration": "government", "consulting": "company",
    "inc": "company", "ltd": "company", "corp": "company", "corporation": "company", "company": "company",
    "technologies": "company", "holdings": "company", "bank": "company", "gmbh": "company", "llc": "company",
    "nations": "international-organisation", "organization": "international-organisation",
    "organisation": "international-organisation",
}
# Lower-case nouns just before or after a name that say what it is ("diaspora group Noroc Olanda").
ORG_NOUNS = {
    "group": "network", "network": "network", "party": "party", "bloc": "party", "movement": "party",
    "agency": "media", "outlet": "media", "broadcaster": "media", "newspaper": "media", "channel": "media",
    "daily": "media", "website": "media", "site": "media", "portal": "media", "firm": "company", "company": "company",
    "organisation": "network", "organization": "network", "ngo": "network", "institute": "research-group",
    "think-tank": "research-group", "tank": "research-group", "watchdog": "research-group", "lab": "research-group",
    "regulator": "agency", "authority": "agency", "ministry": "agency", "commission": "agency", "council": "agency",
    "committee": "agency", "court": "agency", "service": "agency", "office": "agency", "alliance": "party",
    "coalition": "party", "union": "party", "foundation": "research-group", "university": "research-group",
    "bank": "company", "lender": "company", "body": "agency", "candidates": "party", "politician": "party",
}
PERSON_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "chief", "adviser", "advisor", "researcher", "analyst", "leader",
    "head", "minister", "president", "candidate", "lawmaker", "writer", "reporter", "official", "director", "expert",
    "professor", "scientist", "founder", "co-founder", "activist", "blogger", "influencer", "politician", "deputy",
    "mayor", "ambassador", "envoy", "commissioner", "chairman", "chairwoman", "chair", "senator", "journalist",
    "businessman", "businesswoman", "oligarch", "tycoon", "member", "mep", "mp", "prosecutor", "judge",
}
STOP_FIRST = {
    "the", "a", "an", "this", "that", "these", "those", "but", "and", "or", "however", "in", "on", "at", "for",
    "from", "with", "as", "after", "before", "while", "when", "if", "according", "it", "he", "she", "they", "we",
    "i", "its", "his", "her", "their", "our", "some", "many", "most", "both", "further", "throughout", "last",
    "next", "despite", "over", "under", "around", "since", "until", "by", "to", "of", "about", "among", "also",
    "yet", "so", "then", "there", "here", "what", "who", "why", "how", "where", "all", "one", "two", "more",
    "other", "another", "every", "each", "no", "not", "only", "even", "still", "such", "meanwhile", "earlier",
    "later", "now", "today", "tonight", "yesterday", "tomorrow", "voters", "officials", "police", "local",
    "great", "good", "big", "new", "old", "pro", "anti", "former", "ex", "via", "per", "mr", "mrs", "ms",
    "has", "have", "had", "did", "does", "is", "are", "was", "were",  # a question's verb: "Has Cambodia's ..."
}
PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "dos", "das",
             "del", "della", "ter", "af", "zu", "y"}
CONNECTORS = {"of", "for", "and", "the", "&", "on", "de", "du", "des", "la", "le", "et", "für", "in"}
CALENDAR = {m.capitalize() for m in MONTHS} | {d.capitalize() for d in WEEKDAYS}
NOT_NAME = CALENDAR | {
    "Sept", "Aug", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Oct", "Nov", "Dec", "God", "Internet", "AI",
    "Big", "Tech", "North", "South", "East", "West", "Central", "Eastern", "Western", "Northern", "Southern",
    "Southeast", "Northeast", "Southwest", "Northwest", "Latin", "Sub-Saharan",  # regions: "Latin America", "Southeast Asia"
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}
# Capitalised words that make a two-word run a place, a building or an event rather than a person.
NOT_PERSON = {
    "house", "sea", "street", "square", "day", "week", "year", "cup", "games", "war", "world", "cold", "civil",
    "republic", "kingdom", "states", "united", "federal", "national", "international", "european", "general",
    "coast", "island", "islands", "river", "mountain", "mountains", "valley", "lake", "bay", "city", "town",
    "village", "region", "province", "state", "county", "district", "avenue", "road", "palace", "hall", "tower",
    "bridge", "airport", "station", "park", "church", "mosque", "cathedral", "stadium", "hotel", "hospital",
    "school", "college", "gate", "wall", "summit", "conference", "treaty", "accord", "agreement", "act", "law",
    "code", "plan", "programme", "program", "strategy", "report", "index", "award", "prize", "festival",
    "election", "elections", "referendum", "campaign", "operation", "white", "black", "red", "green", "blue",
    "middle", "far", "near", "soviet", "union", "empire", "front", "line", "zone", "strait", "canal", "peninsula",
    "ocean", "gulf", "desert", "forest", "st", "saint", "mount", "mt", "port", "fort", "cape", "capitol", "kremlin", "parliament", "senate", "congress", "assembly",
    "eve", "christmas", "easter", "ramadan", "monday", "big", "tech", "news", "live", "online", "digital",
}
_GENERATIONS = {"II", "III", "IV"}  # "Robert S. Mueller III" is a person, not an acronym
_WORD = re.compile(r"(?<![\w.])[A-Z]\.(?=\s+[A-Z][a-z])|\w+(?:[’'.&-]\w+)*|[^\w\s]", re.UNICODE)  # "S." in "Robert S. Mueller" is one word


@dataclass
class Name:
    """A proper-name run: ``name`` without titles, ``role`` the titles in front of it."""

    name: str
    start: int  # span of ``name`` in the text
    end: int
    kind: str  # person | organisation | other
    role: str = ""  # "Moldovan National Security Adviser"
    run: str = ""  # the whole run as written, role included
    run_start: int = 0
    type: str = ""  # suggested actor type


_DEMONYMS = {d.lower() for _, demonyms, _ in ROWS.values() for demonym in demonyms for d in demonym_forms(demonym)}
_PREFIXES = {"co", "pre", "anti", "ex", "non", "post", "re", "self", "vice", "inter", "pan", "counter", "sub", "trans"}


def _capitalised(word: str) -> bool:
    """Capitalised as a name is: "Babiš", "Co-operation", "Al-Jazeera", but not "Kremlin-aligned"."""
    if not word[:1].isupper():
        return False
    if "-" in word:
        first, last = word.split("-", 1)[0], word.rsplit("-", 1)[-1]
        return bool(last) and (last[:1].isupper() or last.isdigit() or first.lower() in _PREFIXES or
                               _romanised_given_name(first, last))
    return True


# "Ching-te", "Yu-ih", "Mei-ling": a romanised two-syllable given name, the second syllable in lower case;
# not "Moscow-led", "Kyiv-born" (a place and a short participle).
_NOT_SYLLABLE = {"led", "run", "ran", "won", "era", "day", "old", "new", "age", "set", "use", "way", "war", "all", "men",
                 "one", "two", "far", "pro", "and", "off", "out", "up", "in", "on", "at", "to", "by", "ish", "born", "made",
                 "held", "like", "wide", "free", "only", "long", "type", "size", "less", "ward", "bound", "area"}


def _romanised_given_name(first: str, last: str) -> bool:
    return (2 <= len(first) <= 5 and first[1:].islower() and first.isalpha() and 2 <= len(last) <= 4 and last.isalpha()
            and last.islower() and last not in _NOT_SYLLABLE)


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


# The longest run of capitalised words read as names ("Ministry of Foreign Affairs of the Russian
# Federation" has eight): a longer run is a headline or a list, and reading it costs the square of its length.
MAX_RUN_WORDS = 24


def proper_names(text: str) -> list[Name]:
    """Capitalised runs in ``text``, split into titles and name, classified."""
    words = words_with_spans(text)
    out: list[Name] = []
    i = 0
    while i < len(words):
        word = words[i][0]
        if not _capitalised(word) or not word[0].isalpha():
            i += 1
            continue
        j = i + 1
        while j < len(words):
            w = words[j][0]
            if _capitalised(w) and w[0].isalpha():
                j += 1
                continue
            k = j
            while k < len(words) and (words[k][0].lower() in PARTICLES or words[k][0].lower() in CONNECTORS):
                k += 1
            if k > j and k < len(words) and k - j <= 2 and _capitalised(words[k][0]) and words[k][0][0].isalpha():
                j = k + 1
                continue
            break
        if j - i > MAX_RUN_WORDS:  # a line in capitals or a pasted list, not a name: read no further into it
            i = j
            continue
        for run in _split_run(words[i:j]):
            name = _classify(run, text, sentence_start=_at_sentence_start(text, run[0][1]))
            if name and name.kind == "person" and not name.role:
                previous = text[max(0, name.run_start - 80):name.run_start].split()[-1:]
                noun = previous[0].lower().strip(",;:") if previous else ""
                if noun in ORG_NOUNS and noun not in PERSON_NOUNS:
                    name.kind, name.type = "organisation", ORG_NOUNS[noun]
            if name:
                out.append(name)
        i = j
    return out


def _split_run(run: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Runs that are two names: "Elena Lasconi of the Save Romania Union", "the European Union and NATO",
    "Petr Fiala's Spolu coalition"; and a title with "of" before a person ("Secretary of State Brad Raffensperger")."""
    for k, (w, _, _) in enumerate(run[:-1]):
        if w.endswith(("’s", "'s")) and not any(x.lower().replace("’", "'") in ORG_WORDS for x, _, _ in run[:k + 1]):
            return [part for part in (run[:k + 1], run[k + 1:]) for part in _split_run(part)]
    lowered = [_strip_possessive(w).lower() for w, _, _ in run]
    # "US Secretary of State Mike Pompeo": a country's letters before the title are part of the title
    lead = next((i for i, w in enumerate(lowered) if w not in STOP_FIRST and not (run[i][0].isupper() and len(w) <= 3)), 0)
    if "of" in lowered and lowered[lead] in ROLE_WORDS and not any(w in ORG_WORDS for w in lowered):
        last = max(i for i, w in enumerate(lowered) if w in CONNECTORS)
        tail = run[last + 1:]
        if 2 <= len(tail) <= 5:
            return [tail]
    if "of" in lowered:
        cut = lowered.index("of")
        before, after = lowered[:cut], lowered[cut + 1:]
        if (len(before) >= 2 and not any(w in ORG_WORDS or w in ROLE_WORDS or w in STOP_FIRST for w in before)
                and any(w in ORG_WORDS for w in after)):
            rest = cut + 1 + (1 if after and after[0] == "the" else 0)
            return [run[:cut], run[rest:]]
    if len(run) > 2 and lowered[-2] in ("and", "&") and run[-1][0].isupper() and any(w in ORG_WORDS for w in lowered[:-2]):
        return [run[:-2], run[-1:]]
    if "and" in lowered:  # "the Office of X and the Anti-Fraud Prosecutor's Office": two bodies, each with its noun
        cut = lowered.index("and")
        rest = cut + 1 + (1 if lowered[cut + 1:cut + 2] == ["the"] else 0)
        if any(w in ORG_WORDS for w in lowered[:cut]) and lowered[-1] in ORG_WORDS and rest < len(lowered) - 1:
            return [run[:cut], run[rest:]]
    if lowered.count("and") == 1 and not any(w in ORG_WORDS or w in CONNECTORS - {"and"} for w in lowered):
        cut = lowered.index("and")  # "Aivar Kask and Peeter Lind": two people, each a name of two or three words
        if 2 <= cut <= 3 and 2 <= len(run) - cut - 1 <= 3:
            return [run[:cut], run[cut + 1:]]
    return [run]


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 200):start].rstrip()  # a window, so that many names cost linear time
    return not before or before[-1] in ".!?“\"‘:—–" or before.endswith(("”", ".”"))


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) and len(word) > 2 else word


def _classify(run: list[tuple[str, int, int]], text: str, sentence_start: bool) -> Name | None:
    while run and (run[0][0].lower() in STOP_FIRST or run[0][0] in CALENDAR):
        run = run[1:]
    while run and (run[-1][0].lower() in CONNECTORS or run[-1][0].lower() in PARTICLES or run[-1][0] in CALENDAR):
        run = run[:-1]  # "the Central Electoral Bureau on Sunday"
    if not run:
        return None
    run_start, run_end = run[0][1], run[-1][2]
    words = [_strip_possessive(w) for w, _, _ in run]
    lowered = [w.lower().rstrip(".") for w in words]
    org_type = next((ORG_WORDS[w] for w in reversed(lowered) if w in ORG_WORDS), "")
    role_end = max((k for k, w in enumerate(lowered) if w in ROLE_WORDS), default=-1)
    if org_type and role_end < len(words) - 1:
        # "European Commission President Ursula von der Leyen": organisation words inside the title.
        tail = lowered[role_end + 1:]
        person_like = 1 <= len(tail) <= 4 and not any(w in CONNECTORS and w not in PARTICLES for w in tail)
        titled = not any(w in CONNECTORS and w not in PARTICLES for w in lowered[:role_end])
        if role_end >= 0 and person_like and titled and not any(w in ORG_WORDS for w in tail):
            org_type = ""
    if org_type:
        connectors = [w for w in lowered if w in ("and", "&")]
        if connectors and not any(w in ORG_WORDS for w in lowered[: lowered.index(connectors[0])]) and lowered[-1] not in ORG_WORDS:
            return None  # "Kyiv, Warsaw and Prague"-like lists are not one name
        name = " ".join([w for w, _, _ in run[:-1]] + words[-1:])  # "Anti-Corruption Prosecutor's Office"
        if len(words) == 1 and sentence_start:
            return None
        return Name(name, run_start, run_end, "organisation", "", text[run_start:run_end], run_start, org_type)
    if any(w in ("and", "&", "of", "for", "on", "in", "the") for w in lowered):
        return None
    name_words = run[role_end + 1:]
    role = text[run_start:name_words[0][1]].strip() if role_end >= 0 and name_words else ""
    if role_end >= 0 and not name_words:
        return None
    plain = [_strip_possessive(w) for w, _, _ in name_words]
    if any(w in NOT_NAME for w in plain):
        return None
    if any(w.lower() in NOT_PERSON for w in plain):
        return None
    if not role and plain and plain[0].lower() in _DEMONYMS:
        return None  # "Georgian Dream", "Russian Orthodox": a demonym does not start a person's name
    if 2 <= len(plain) <= 4 and all(w[0].isupper() or w.lower() in PARTICLES for w in plain):
        start, end = name_words[0][1], name_words[-1][1] + len(plain[-1])
        if any(c.isdigit() for c in "".join(plain)) or any(
                w.isupper() and len(w.rstrip(".")) > 1 and w not in _GENERATIONS for w in plain):
            return Name(" ".join(plain), start, end, "other", role, text[run_start:end], run_start)
        return Name(" ".join(plain), start, end, "person", role, text[run_start:end], run_start, "person")
    if len(plain) == 1 and not sentence_start:
        start = name_words[0][1]
        return Name(plain[0], start, start + len(plain[0]), "other", role, text[run_start:start + len(plain[0])], run_start)
    return None


def org_noun_near(text: str, name: Name) -> str:
    """Actor type suggested by a lower-case noun around a single-word name ("the Alternativa opposition bloc")."""
    before = text[max(0, name.run_start - 40):name.run_start].split()[-2:]
    after = [w for w in text[name.end:name.end + 40].split() if w.strip(",;:")][:3]
    for word in after + list(reversed(before)):
        w = word.strip(",.;:()“”\"").lower()
        if w in ORG_NOUNS:
            return ORG_NOUNS[w]
    # "Sputnik, the Russian state-owned news agency,": the apposition's head noun, however far
    apposition = re.match(r",\s+(?:the|a|an)\s+([^,;:.()“”\"]{3,80}?)(?:[,;:.)]|$)", text[name.end:name.end + 100])
    if apposition:
        head = apposition.group(1).split()[-1].lower()
        return ORG_NOUNS.get(head, "")
    return ""


def descriptor_before(text: str, start: int) -> str:
    """Lower-case description right before a name: "EU foreign policy chief", "spokesperson"."""
    words = text[max(0, start - 80):start].split()
    taken: list[str] = []
    for word in reversed(words):
        bare = word.strip("“”\"")
        if bare != word or bare.endswith((",", ".", ";", ":", ")")) or bare.lower() in {
            "the", "a", "an", "said", "says", "of", "in", "on", "by", "with", "and", "to", "from", "that", "as", "told", "at"}:
            break
        taken.append(bare)
        if len(taken) >= 5:
            break
    taken.reverse()
    while taken and taken[-1].lower().strip("’'s") not in PERSON_NOUNS | set(ORG_NOUNS):
        return ""
    return " ".join(taken)


def appositive_after(text: str, end: int) -> str:
    """", a researcher at the Institute ..." after a name, up to the clause's end."""
    rest = text[end:]
    m = re.match(r"^,\s+(?!(?:the|a|an)\s+\w+(?:[’']s)?\s+(?:said|says|told|wrote|added)\b)((?:a|an|the|who|chair|head|director|leader|founder|co-founder|spokesperson|spokesman|spokeswoman|"
                 r"president|minister|member|deputy|one|former|chief|professor|senior|editor)\b[^,;:“”\"]{3,160}?)(?:,|;|\.|$|\s[—–]\s)", rest)
    if not m:
        return ""
    return m.group(1).strip()


def descriptor_apposed(text: str, start: int) -> str:
    """"the group's lead researcher, " right before a name: the description set off by a comma."""
    m = re.search(r"((?:\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s|\b[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,4}[’']s\s)"
                  r"[^,;:“”\".]{2,80}?),\s*$", text[max(0, start - 100):start])
    if not m:
        return ""
    words = [w.lower().strip("’'") for w in m.group(1).split()[1:]]
    return m.group(1) if any(w in PERSON_NOUNS or w in ROLE_WORDS for w in words) else ""
