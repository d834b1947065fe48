"""Find knowledge-base entities in article text by name, alias and variant.

Names are compared token by token on folded forms (no diacritics, no case),
so "Chișinău", "Chisinau" and "CHIȘINĂU" match, and "Babiš’s" matches
"Babiš". Each kind is matched on its own, so "Russian Academy of Sciences"
is both an actor and a mention of Russia. Guards keep common words from
matching: a capitalised name only matches capitalised text, and a short
all-capitals name (ANO, PAS, X, US) only matches the same capitals.
Design notes: docs/architecture.md ("site_builder/ingest/extract/match.py").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from site_builder.content.entities import KnowledgeBase
from site_builder.content import places
from site_builder.content.regions import regions
from site_builder.ingest.extract.parliaments import parliaments
from site_builder.model import Entity
from site_builder.content.slugs import fold, strip_diacritics

from site_builder.ingest.extract.names import ORG_WORDS as _ORG_WORDS, ROLE_WORDS as _ROLE_WORDS

KINDS = ("countries", "platforms", "actors", "elections")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_LEADING_ARTICLE = {"the"}


@dataclass
class Token:
    key: str  # folded
    raw: str
    start: int
    end: int


@dataclass
class Form:
    keys: tuple[str, ...]
    raw: tuple[str, ...]
    entity: Entity
    acronym: bool
    bang: bool  # the name ends in "!" (Stačilo!): the text must too
    capital: bool = False  # a capital city standing for its country: only as a subject ("Moscow said")
    region: bool = False  # a state or province standing for its country: only as a name of its own


@dataclass
class Hit:
    kind: str
    entity: Entity
    start: int
    end: int
    text: str


@lru_cache(maxsize=65536)
def _key(raw: str) -> str:
    return fold(raw).replace(" ", "")


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        end = m.end()
        if raw.endswith(("’s", "'s")) and len(raw) > 2:
            raw, end = raw[:-2], end - 2
        key = _key(raw)
        if key:
            out.append(Token(key, raw, m.start(), end))
    return out


@dataclass
class Matcher:
    """Token-sequence index of every written form of every entity, by kind."""

    kb: KnowledgeBase
    index: dict[str, dict[str, list[Form]]] = field(default_factory=dict)

    @classmethod
    def build(cls, kb: KnowledgeBase) -> "Matcher":
        matcher = cls(kb, {kind: {} for kind in KINDS})
        for kind in KINDS:
            for written, entity in kb.surface_forms(kind):
                matcher.add(kind, written, entity)
                if kind == "countries" and written in getattr(entity, "demonyms", ()):
                    for plural in places.demonym_forms(written)[1:]:
                        matcher.add(kind, plural, entity)
        by_code = {getattr(c, "code", ""): c for c in kb.entities["countries"] if getattr(c, "code", "")}
        for code, (names, demonyms, _capitals) in places.ROWS.items():
            country = by_code.get(code)
            if country is None:
                continue
            for written in (v for name in [country.name, *names] for v in _without_the(name)):
                if kb.resolve("countries", written) in (None, country):
                    matcher.add("countries", written, country)
            for demonym in demonyms:
                for written in places.demonym_forms(demonym):
                    if kb.resolve("countries", written) in (None, country):
                        matcher.add("countries", written, country)
            for city in _capitals:
                if kb.resolve("countries", city) is None:
                    matcher.add("countries", city, country, capital=True)
        for region, code in [*regions().items(), *parliaments().items()]:  # "Pennsylvania", "the Bundestag"
            if code in by_code and kb.resolve("countries", region) is None:
                matcher.add("countries", region, by_code[code], region=True)
        matcher._possessive_variants(by_code)
        for kind in KINDS:
            for forms in matcher.index[kind].values():
                forms.sort(key=lambda f: -len(f.keys))
        return matcher

    def _possessive_variants(self, by_code: dict) -> None:
        """"Estonian Internal Security Service" is also "Estonia's Internal Security Service", and back."""
        demonym_to_name: dict[str, str] = {}
        for code, country in by_code.items():
            for demonym in (*getattr(country, "demonyms", ()), *places.demonyms(code)):
                demonym_to_name.setdefault(fold(demonym), country.name)
        name_to_demonym = {fold(name): demonym for demonym, name in demonym_to_name.items()}
        for kind in ("actors", "platforms"):
            for written, entity in self.kb.surface_forms(kind):
                first, _, rest = written.partition(" ")
                if not rest:
                    continue
                key = fold(first.removesuffix("’s").removesuffix("'s"))
                if key in demonym_to_name:
                    self.add(kind, f"{demonym_to_name[key]}’s {rest}", entity)
                elif first.endswith(("’s", "'s")) and key in name_to_demonym:
                    self.add(kind, f"{name_to_demonym[key].title()} {rest}", entity)

    def add(self, kind: str, written: str, entity: Entity, capital: bool = False, region: bool = False) -> None:
        toks = tokens(written)
        if not toks:
            return
        letters = [c for c in strip_diacritics(written) if c.isalpha()]
        acronym = bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5
        variants = [toks]
        if len(toks) > 1 and toks[0].key in _LEADING_ARTICLE:
            variants.append(toks[1:])
        for variant in variants:
            form = Form(tuple(t.key for t in variant), tuple(t.raw for t in variant), entity, acronym,
                        written.rstrip().endswith("!"), capital, region)
            bucket = self.index[kind].setdefault(form.keys[0], [])
            if not any(f.keys == form.keys and f.entity is entity for f in bucket):
                bucket.append(form)

    def find(self, text: str, kinds: tuple[str, ...] = KINDS, toks: list[Token] | None = None) -> list[Hit]:
        """Every entity named in ``text``: longest form first, no overlaps within a kind."""
        toks = tokens(text) if toks is None else toks
        hits: list[Hit] = []
        for kind in kinds:
            index = self.index[kind]
            i = 0
            while i < len(toks):
                matched = None
                for form in index.get(toks[i].key, ()):
                    n = len(form.keys)
                    if i + n <= len(toks) and _fits(form, toks[i:i + n], text):
                        matched = form
                        break
                if matched is None:
                    i += 1
                    continue
                n = len(matched.keys)
                start, end = toks[i].start, toks[i + n - 1].end
                if not self._inside_longer_name(kind, toks, i + n, text, end) and not (
                        kind == "countries" and _outlet(toks, i, i + n)):
                    hits.append(Hit(kind, matched.entity, start, end, text[start:end]))
                i += n
        return sorted(hits, key=lambda h: (h.start, h.kind))


    def _inside_longer_name(self, kind: str, toks: list[Token], after: int, text: str, end: int) -> bool:
        """"British Columbia", "Independent Electoral Commission": the match opens another capitalised name."""
        if after >= len(toks) or text[end:toks[after].start] != " " or not toks[after].raw[:1].isupper():
            return False
        run = []
        for tok in toks[after:after + 5]:
            if not (tok.raw[:1].isupper() or tok.key in ("of", "and", "for")):
                break
            run.append(tok.key)
        if any(self.index[k].get(toks[after].key) for k in ("platforms", "actors", "countries")):
            return False  # "Russian Telegram channels", "Moldovan Maia Sandu"
        org = any(w in _ORG_WORDS for w in run)
        if kind == "countries" and any(_ORG_WORDS.get(w) == "media" for w in run):
            return True  # "Irish Times", "Russia Today News": an outlet's name, not the country
        if kind == "countries":
            return not org and not any(w in _ROLE_WORDS for w in run)
        return org


_SUBJECT_VERBS = {
    "said", "says", "has", "have", "had", "is", "was", "will", "would", "denied", "denies", "accused", "accuses",
    "claimed", "claims", "warned", "warns", "wants", "wanted", "sought", "seeks", "tried", "backed", "backs",
    "supports", "supported", "responded", "reacted", "rejected", "rejects", "insisted", "insists", "sees", "saw",
    "blamed", "blames", "called", "calls", "condemned", "condemns", "threatened", "orchestrated", "used", "uses",
    "launched", "ordered", "summoned", "expelled", "sanctioned", "imposed", "hopes", "hoped", "views", "regards",
}


def _as_country(window: list[Token], text: str) -> bool:
    """"Moscow said", "Moscow's role", "orchestrated from Moscow": the capital stands for the state."""
    start, end = window[0].start, window[-1].end
    if text[end:end + 2] in ("’s", "'s"):
        return True
    after = text[end:end + 30].split()
    before = text[max(0, start - 20):start].split()
    if after and after[0].strip(",.;:").lower() in _SUBJECT_VERBS and not (before and before[-1].lower() in ("in", "at", "to", "near", "outside")):
        return True
    return bool(before) and before[-1].lower() in ("from", "by", "against", "with") and (not after or after[0][-1:] in ".,;")


def _fits(form: Form, window: list[Token], text: str) -> bool:
    for key, raw, token in zip(form.keys, form.raw, window):
        if key != token.key:
            return False
        if form.acronym:
            if strip_diacritics(token.raw) != strip_diacritics(raw):
                return False
        elif raw[:1].isupper() and not token.raw[:1].isupper():
            return False
    if form.acronym and len(form.keys) == 1 and window[0].raw.isupper() and _in_all_caps_run(window[0], text):
        return False  # "NEWS FROM THE US" headlines in capitals are not acronyms
    if len(form.keys) == 1 and len(form.keys[0]) == 1:
        start, end = window[0].start, window[0].end
        if text[end:end + 1] in "-’'" or text[start - 1:start] == "-" or text[max(0, start - 11):start].lower().endswith(
                ("generation ", "article ", "malcolm ", "chapter ", "section ", "type ", "plan ", "factor ")):
            return False  # "X-ray", "Generation X", "Article X": a letter, not the platform
    if form.bang:
        end = window[-1].end
        if text[end:end + 1] != "!":
            return False
    if len(form.keys) > 1 and form.keys[-1] == "state" and _ATTRIBUTIVE.match(text[window[-1].end:window[-1].end + 20]):
        return False  # "the Russian state-owned agency", "Russian state television": an adjective, not the state
    if form.capital and not _as_country(window, text):
        return False
    if form.region and not _alone(window, text):
        return False
    if len(window) == 1 and window[0].key in _demonym_keys() and _as_language(window[0], text):
        return False
    if text[window[-1].end:window[-1].end + 1] == "$":
        return False  # "US$300,000", "A$2 million": a currency
    if not form.keys[0].startswith("new") and text[max(0, window[0].start - 4):window[0].start] == "New ":
        return False  # "New Jersey", "New Mexico", "New Guinea" are not the country
    return True


_ATTRIBUTIVE = re.compile(r"-\w| (?!and\b|or\b)[a-z]")
_OUTLET_BEFORE = {"radio", "tv", "television", "channel", "voice", "kanal", "télévision"}


def _outlet(toks: list[Token], start: int, after: int) -> bool:
    """"Radio France", "Voice of America", "France 24": an outlet named after the country."""
    before = [t for t in toks[max(0, start - 2):start]]
    if before and before[-1].raw[:1].isupper() and before[-1].key in _OUTLET_BEFORE:
        return True
    if len(before) == 2 and before[-1].key == "of" and before[0].raw[:1].isupper() and before[0].key in _OUTLET_BEFORE:
        return True
    if not (after < len(toks) and toks[after].raw.isdigit() and len(toks[after].raw) <= 2):
        return False  # "France 24 reported", not "in Moldova 24 hours"
    following = toks[after + 1].key if after + 1 < len(toks) else ""
    return following in ("", "reported", "reports", "said", "says", "broadcast", "aired", "journalist", "correspondent")


def _without_the(name: str) -> list[str]:
    """"Democratic Republic of the Congo" is written "Democratic Republic of Congo" too; "Congo, The
    Democratic Republic of the" (ISO's order) as "Democratic Republic of the Congo"."""
    inverted = re.fullmatch(r"(.+), The (.+ of the)", name)
    name = f"{inverted.group(2)} {inverted.group(1)}" if inverted else name
    return [name, name.replace(" of the ", " of ")] if " of the " in name else [name]


@lru_cache(maxsize=1)
def _demonym_keys() -> frozenset[str]:
    return frozenset(_key(d) for _, demonyms, _ in places.ROWS.values() for d in demonyms)


_LANGUAGE_BEFORE = re.compile(r"\b(?:in|into|speaks?|speaking|spoken|written|dubbed|subtitled|translated|fluent)\s+"
                              r"(?:[A-Z]\w+(?:,\s*|\s+(?:and|or)\s+))*$")
_LANGUAGE_AFTER = re.compile(r"^(?:[- ](?:language|languages|speakers|speaking|subtitles|translations?|versions?|dubbing)\b|"
                             r"\s*(?:[,.;:)]|$)|\s+(?:and|or|on|by|with|to|for|at|as|from|but)\b)")


def _as_language(token: Token, text: str) -> bool:
    """"posts in Russian and Romanian", "French-language sites": a language, which adds no country."""
    after = text[token.end:token.end + 25]
    if re.match(r"^[- ](?:language|languages|speakers|speaking|original|edition)\b", after):
        return True
    # The whole list decides: "in Russian, Chinese and Iranian operations" names three states.
    listed = re.match(r"(?:(?:,\s*|\s+(?:and|or)\s+)[A-Z]\w+)*", text[token.end:token.end + 80])
    after = text[token.end + listed.end():token.end + listed.end() + 25]
    return bool(_LANGUAGE_BEFORE.search(text[max(0, token.start - 60):token.start])) and bool(_LANGUAGE_AFTER.match(after))


def _alone(window: list[Token], text: str) -> bool:
    """Not part of a longer name: "Jimmy Wales", "Texas Instruments" and "Ohio State" are no region."""
    after = text[window[-1].end:window[-1].end + 20]
    before = text[max(0, window[0].start - 20):window[0].start]
    if re.match(r"^ [A-Z]", after) or re.match(r"^-[A-Za-z]", after):
        return False
    previous = before.split()[-1:] if before.endswith(" ") else []
    return not (previous and previous[0][:1].isupper() and previous[0][-1:].isalpha()
                and previous[0].lower() not in ("in", "the", "from", "of", "and"))


def _in_all_caps_run(token: Token, text: str) -> bool:
    """The token sits among other all-capital words (a shouted headline or a dateline)."""
    before = text[max(0, token.start - 30):token.start].split()
    after = text[token.end:token.end + 30].split()
    neighbours = [w for w in before[-2:] + after[:2] if any(c.isalpha() for c in w)]
    return len(neighbours) >= 2 and all(w.strip("—–-,.:;()").isupper() for w in neighbours if w.strip("—–-,.:;()"))


# Country names that are also places elsewhere, with the other place's context and the country's own cues.
AMBIGUOUS = {"Georgia": ("United States", re.compile(r"\b(?:Tbilisi|Georgian|Caucasus|Kobakhidze|Batumi|Abkhazia|South Ossetia)\b")),
             # "Congo" in an article about the DRC is the DRC, unless the other Congo is named as itself
             "Congo": ("Congo, The Democratic Republic of the",
                       re.compile(r"\b(?:Brazzaville|Congo-Brazzaville|Sassou)\b|(?<!Democratic )\bRepublic of (?:the )?Congo\b"))}


def drop_ambiguous(mentions: list, texts: list[str]) -> list:
    """Mentions without "Georgia" when the article is about the US and never names the country's own places."""
    names = {m.name for m in mentions if m.kind == "countries"}
    joined = "\n".join(t for t in texts if t)
    return [m for m in mentions if not (m.kind == "countries" and m.name in AMBIGUOUS and AMBIGUOUS[m.name][0] in names
                                        and not AMBIGUOUS[m.name][1].search(joined))]


def drop_foreign_acronyms(mentions: list, kb: KnowledgeBase) -> list:
    """Without an actor found only by a short acronym ("SPD") whose country the article never names:
    the same letters name other bodies elsewhere (a Czech party, a German one)."""
    countries = {m.name for m in mentions if m.kind == "countries"}

    def foreign(m) -> bool:
        if m.kind != "actors" or not m.found or not all(re.search(r': "[A-Z]{2,5}"$', f) for f in m.found):
            return False
        country = getattr(kb.resolve("actors", m.name), "country", None)
        return country is not None and getattr(country, "name", None) not in countries
    return [m for m in mentions if not foreign(m)]
