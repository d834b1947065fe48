"""Names that are not runs of capitalised words: codenames, acronyms, brand-like names.

``Storm-1516`` (a word and a number), ``Doppelganger`` after "known as",
"dubbed" or before "campaign"/"operation", acronyms (``KPU``, ``VIGINUM``)
that are not units, time zones or common abbreviations, and names written
in camel case (``FameUp``). A capital standing for its government as the
subject of a claim ("Beijing denied") gives the country's government.
Each comes with a type guess for the suggestion.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"(?<![\w-])[A-Z][A-Za-z]+-\d{2,5}(?![\w-])")
_CALLED = re.compile(r"\b(?:known as|dubbed|codenamed|code-named|nicknamed|so-called|called|named|branded|"
                     r"calls? (?:itself|themselves)|calling (?:itself|themselves))\s+(?:the\s+)?"
                     r"[“\"‘']?(?P<n>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2})")
_BEFORE_NOUN = re.compile(r"\b(?:the|a|an|its|their|Russia's|Russian|Chinese|Iranian)\s+(?P<n>[A-Z][a-z]+[\w-]*)\s+"
                          r"(?:operation|campaign|network|influence operation|disinformation campaign)\b")
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{1,8}(?![\w-])")
_CAMEL = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[A-Z][a-z0-9]+|[A-Z]{2,}(?![a-z]))+(?![\w-])")  # FameUp, OpenAI
_COMMON = {
    "US", "USA", "UK", "EU", "UN", "AI", "TV", "CEO", "PDF", "GMT", "BST", "EST", "EDT", "CET", "CEST", "UTC", "AM", "PM",
    "ID", "OK", "ET", "PT", "MP", "MPS", "MEP", "MEPS", "NGO", "NGOS", "FAQ", "URL", "USD", "EUR", "GBP", "IT", "PR",
    "II", "III", "IV", "VI", "HQ", "DC", "LIVE", "COVID", "GDP", "SMS", "VPN", "DNA", "CCTV", "PHOTO", "VIDEO", "NEW",
    "UPDATE", "BREAKING", "OPINION", "ANALYSIS", "I", "A", "Q", "WATCH", "READ", "MORE", "AFP", "AP", "WIB", "IST",
    "FALSE", "TRUE", "CLAIM", "RATING", "VERDICT", "END", "UAE", "USSR", "GOP", "LGBT", "LGBTQ", "HTML", "API", "FM", "AD", "BC", "HK", "NYC", "LA", "SA",
}
_CLAIM_VERB = re.compile(r"^\s+(?:has |have |had )?(?:denied|denies|rejected|rejects|dismissed|dismisses|accused|accuses|"
                         r"blamed|blames|ordered|orchestrated|directed|sponsored|backed|funded|ran|runs)\b")


def shaped_names(text: str) -> list[tuple[str, int, str]]:
    """(name, start, type guess) for codenames, called-names, acronyms and camel-case names in ``text``."""
    out: list[tuple[str, int, str]] = []
    seen: set[str] = set()

    def add(name: str, start: int, kind: str) -> None:
        if name not in seen:
            seen.add(name)
            out.append((name, start, kind))

    for m in _CODE.finditer(text):
        add(m.group(0), m.start(), "network")
    for pattern in (_CALLED, _BEFORE_NOUN):
        for m in pattern.finditer(text):
            add(m.group("n"), m.start("n"), "network")
    if sum(c.isupper() for c in text) < 0.5 * sum(c.isalpha() for c in text):  # not a line in capitals
        for m in _ACRONYM.finditer(text):
            word = m.group(0)
            if re.fullmatch(r"[A-Z .-]*", text[:m.start()]) and text[m.end():m.end() + 1] == ":":
                continue  # "GUEST:", "NEW DELHI:": a speaker's label or a dateline opening the paragraph
            if word not in _COMMON and not word.isdigit() and sum(c.isalpha() for c in word) >= 2:
                add(word, m.start(), "")
    for m in _CAMEL.finditer(text):
        add(m.group(0), m.start(), "company")
    return out


def metonym_countries(text: str, capitals: dict[str, str]) -> list[str]:
    """ISO codes of countries whose capital stands for the government as the subject of a claim ("Beijing denied")."""
    out = []
    for m in re.finditer(r"\b[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?", text):
        code = capitals.get(m.group(0).lower())
        if code and _CLAIM_VERB.match(text[m.end():]) and code not in out:
            out.append(code)
    return out


def shaped_suggestions(article, kb, matcher, hits_by_paragraph, known) -> list:
    """Suggestions for shaped names and capital metonyms the name runs missed (``known(name)``: in the KB)."""
    from site_builder.content import places
    from site_builder.content.slugs import fold
    from site_builder.ingest.article import Suggestion
    from site_builder.ingest.extract.text import sentences, shorten

    taken = {fold(x) for s in article.suggestions for x in (s.name, s.alias) if x}
    taken |= {fold(x) for x in (article.publisher, article.author) if x}
    out: list[Suggestion] = []
    capitals = {city: code for city, code in places.capital_index().items()}
    governments = {getattr(getattr(e, "country", None), "code", None) for e in kb.entities["actors"]
                   if getattr(e, "type", "") == "government"}
    mentioned = set(article.names("actors"))

    def dropped(name: str) -> bool:  # a known acronym of a body from a country the article never names
        entity = kb.resolve("actors", name)
        return entity is not None and entity.name not in mentioned

    for paragraph, hits in zip(article.paragraphs, hits_by_paragraph):
        for name, start, kind in shaped_names(paragraph):
            key = fold(name)
            if key in taken or (known(name) or any(h.start <= start < h.end for h in hits)) and not dropped(name):
                continue
            if any(key in fold(s.name).split() for s in article.suggestions):
                continue  # a word of a longer suggested name
            taken.add(key)
            context = next((s for s in sentences(paragraph) if name in s), paragraph)
            out.append(Suggestion(name, shorten(context, 200), kind or "organisation"))
        for code in metonym_countries(paragraph, capitals):
            country = next((c for c in kb.entities["countries"] if getattr(c, "code", "") == code), None)
            country_name = country.name if country is not None else (places.other_names(code) or ("",))[0]
            demonym = (places.demonyms(code) or ("",))[0]
            if not demonym or code in governments:
                continue  # the knowledge base already has this government (its capital is an alias)
            name = f"{demonym} government"
            if fold(name) in taken or known(name):
                continue
            taken.add(fold(name))
            city = (places.capitals(code) or ("",))[0]
            out.append(Suggestion(name, shorten(paragraph, 200), "government", country_name, city))
    return out
