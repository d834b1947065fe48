"""The ``long-tail`` and ``long-tail-hub`` corpus profiles: a shape no speed work was tuned on.

The default and term-heavy profiles have short bodies (400-900 words), ASCII
names, one or two sources and events, and 50 tags. Speed tuned on one shape
can miss costs that grow with another, so these profiles change what each
briefing weighs rather than how many term pages there are:

- few term pages per briefing (1-2 countries, 0-2 platforms, 2-4 actors, 1-3
  elections), but 2,000-5,000 word bodies with headings, lists, tables,
  footnotes, quotes, links (out and in) and pictures;
- 8-20 sources, 10-30 events and 3-8 attribution claims (every confidence,
  denials, dates, cited sources) per briefing, 4-12 DISARM techniques of 75;
- a knowledge base of 120 countries, 40 platforms, 3,000 actors and about 840
  elections over 30 years, names in Latin with diacritics, Cyrillic, Greek,
  CJK and Arabic script; titles of 14-30 words; dates from 1995 to 2024;
- tags with a heavy tail: 5 tags on about half the briefings each, 200 on a
  Zipf curve, and 2-4 tags of each briefing's own (thousands of one-briefing
  tags).

``long-tail-hub`` is the same but one country and one platform are on about
85% of briefings: two huge term pages (hundreds of paginated pages each).
Draws come from the briefing's own ``random.Random``, so a seed gives the
same bytes; ``benchmarks.corpus`` calls in here for these profiles only.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pycountry

from benchmarks.corpus import KB, _flow, _quote, _skewed_sample, frontmatter_head
from benchmarks.corpus import write_kb as write_kb_files
from site_builder.content.slugs import fold, slugify

PROFILES = ("long-tail", "long-tail-hub")
N_COUNTRIES, N_PLATFORMS, N_ACTORS, N_CLAIMANTS = 120, 40, 3000, 30
FIRST_YEAR, LAST_YEAR = 1995, 2024
HUB_SHARE = 0.85  # of briefings naming the hub country and the hub platform (long-tail-hub)
CONFIDENCE = ("confirmed", "likely", "alleged", "disputed")
ACTOR_TYPES = ("person", "party", "government", "agency", "company", "media", "research-group", "network")
KINDS = ("parliamentary", "presidential", "referendum", "local", "european")
HEAD_TAGS = ("disinformation", "foreign funding", "bot network", "state media", "election security")
# 75 DISARM ids (techniques and sub-techniques) of the pinned galaxy, every fourth in id order.
TECHNIQUES = tuple("""T0002 T0009 T0014 T0016 T0020 T0023 T0039 T0043.001 T0046 T0048.002 T0049.001 T0049.005
T0057 T0060 T0068 T0072.003 T0074 T0074.004 T0077 T0080.001 T0080.005 T0081.003 T0081.007 T0084 T0084.004
T0085.004 T0086 T0086.004 T0088 T0089.001 T0090.002 T0091.001 T0092.001 T0093.001 T0094.002 T0096.002 T0098.001
T0099.003 T0100 T0101 T0102.003 T0104 T0104.004 T0105.001 T0106.001 T0110 T0111.003 T0114.001 T0115.003 T0118
T0119.003 T0121 T0123.001 T0124 T0125 T0127 T0128.001 T0128.005 T0129.004 T0129.008 T0130.001 T0130.005 T0132
T0133 T0133.004 T0134.002 T0135.003 T0136.002 T0136.006 T0137.001 T0137.005 T0138.002 T0139.002 T0140.002
T0141.002""".split())
LATIN = ("ka", "lo", "mi", "ra", "ven", "dor", "sel", "tam", "zu", "bel", "nor", "ast", "vik", "pel", "gra", "son",
         "mar", "tel", "han", "ros", "lin", "cor", "dan", "ber", "wal", "fen")
MARKS = {"a": "áăâäą", "e": "éěëę", "i": "íîï", "o": "óöőø", "u": "úüůű", "s": "šșś", "c": "čćç", "z": "žźż",
         "n": "ñňń", "r": "ř", "t": "ț", "l": "ł", "d": "đ"}
SCRIPTS = {
    "cyrillic": (("ка", "ло", "ми", "ра", "вен", "дор", "сел", "там", "зу", "бел", "нор", "вик", "гра", "сон", "мар",
                  "тел", "хан", "рос", "лин", "дан"), ("Агентство", "Фонд", "Движение", "Союз", "Центр")),
    "greek": (("κα", "λο", "μι", "ρα", "βεν", "δορ", "σελ", "ταμ", "ζυ", "βελ", "νορ", "γρα", "σον", "μαρ"),
              ("Ίδρυμα", "Κίνημα", "Ένωση")),
    "cjk": (("山", "川", "明", "華", "東", "海", "光", "新", "龍", "安", "平", "金", "林", "陳", "王", "張", "李", "高",
             "中", "國", "春", "雪", "石", "田"), ("研究所", "新聞社", "基金會", "聯盟", "網絡")),
    "arabic": (("كا", "لو", "مي", "را", "فن", "دور", "سل", "تام", "زو", "بل", "نور", "حسن", "علي", "سعد", "جمال",
                "فاطمة", "ريم", "وليد"), ("وكالة", "مؤسسة", "حركة", "اتحاد")),
}
WORDS = ("the", "campaign", "network", "accounts", "voters", "officials", "said", "report", "posted", "content",
         "election", "ahead", "of", "vote", "claims", "pages", "videos", "researchers", "found", "that", "were",
         "coordinated", "amplified", "messages", "across", "groups", "targeting", "undecided", "regions", "and",
         "funding", "linked", "to", "foreign", "sources", "documents", "reviewed", "by", "investigators", "traced",
         "payments", "through", "intermediaries", "while", "platform", "removed", "dozens", "profiles", "for",
         "rules", "observers", "warned", "narratives", "about", "fraud", "before", "polls", "opened", "spread",
         "channels", "analysts", "estimated", "reach", "millions", "days", "authorities", "inquiry", "suspected",
         "interference", "parties", "accusations", "over", "attention", "late", "race", "échéance", "Wählerschaft",
         "выборы", "кампания", "選舉", "網絡", "انتخابات", "حملة", "εκλογές")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _latin(rng: random.Random, parts: int) -> str:
    text = "".join(rng.choice(LATIN) for _ in range(parts))
    return "".join(rng.choice(MARKS[c]) if c in MARKS and rng.random() < 0.3 else c for c in text).capitalize()


def _script_name(rng: random.Random, org: bool) -> str:
    """A person's or an organisation's name in one of five scripts (Latin ones carry diacritics)."""
    script = rng.choices(("latin", "cyrillic", "greek", "cjk", "arabic"), weights=(40, 20, 8, 16, 16))[0]
    if script == "latin":
        return f"{_latin(rng, 2)} {rng.choice(('Institute', 'Média', 'Fundația', 'Związek', 'Observatory'))}" \
            if org else f"{_latin(rng, 2)} {_latin(rng, 3)}"
    syllables, orgs = SCRIPTS[script]
    if script == "cjk":
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))) + (rng.choice(orgs) if org else "")
    first, last = ("".join(rng.choice(syllables) for _ in range(k)).capitalize() for k in (2, 3))
    if not org:
        return f"{first} {last}"
    return f"{rng.choice(orgs)} {last}" if script == "arabic" else f"{first} {rng.choice(orgs)}"


def _unique(rng: random.Random, count: int, make, taken: set[str]) -> list[str]:
    """``count`` names from ``make(rng)`` whose matching keys and slugs are new (``taken`` holds both)."""
    out: list[str] = []
    while len(out) < count:
        name = make(rng)
        keys = {"k:" + fold(name), "s:" + slugify(name)}
        if slugify(name) and not keys & taken:
            taken |= keys
            out.append(name)
    return out


def make_kb(rng: random.Random):
    """The knowledge base of the long-tail profiles."""
    records = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    step = len(records) / N_COUNTRIES
    countries = [getattr(c, "common_name", None) or c.name for c in (records[int(i * step)] for i in range(N_COUNTRIES))]
    taken = {"k:" + fold(c) for c in countries} | {"s:" + slugify(c) for c in countries}
    platforms = _unique(rng, N_PLATFORMS, lambda r: _script_name(r, org=True).split()[0] + " Chat", taken)
    actors = _unique(rng, N_ACTORS, lambda r: _script_name(r, org=r.random() < 0.5), taken)
    elections = []
    for i, country in enumerate(countries):
        year = FIRST_YEAR + i % 4
        while year <= LAST_YEAR:
            kind = KINDS[(i + year) % len(KINDS)]
            elections.append((f"{year} {country} {kind} election", country, dt.date(year, 1 + (i * 7 + year) % 12, 1 + i % 27)))
            year += 3 + (i + year) % 3
    return KB(countries, platforms, actors, elections, list(HEAD_TAGS))


def write_kb(kb: KB, folder: Path, rng: random.Random) -> None:
    """The default profile's knowledge base files, platforms' web addresses made from their slugs."""
    write_kb_files(kb, folder, rng)
    path = folder / "entities" / "platforms.yaml"
    text = path.read_text(encoding="utf-8")
    for name in kb.platforms:
        text = text.replace(f"https://{name.lower()}.example/", f"https://{slugify(name)}.example/", 1)
    path.write_text(text, encoding="utf-8")


def write_static(folder: Path) -> list[str]:
    """Twelve small SVG pictures under ``static/img/``; their site paths."""
    img = folder / "static" / "img"
    img.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(12):
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" '
               f'fill="#{(i * 2654435761) % 0xFFFFFF:06x}"/><text x="20" y="100">Figure {i + 1}</text></svg>\n')
        (img / f"figure-{i + 1:02d}.svg").write_text(svg, encoding="utf-8")
        paths.append(f"/static/img/figure-{i + 1:02d}.svg")
    return paths


def _zipf(rng: random.Random, items: list[str], k: int, skew: float = 1.0) -> list[str]:
    return _skewed_sample(rng, items, k, skew)


def _sentence(rng: random.Random, mentions: list[str], notes: list[str]) -> str:
    text = _words(rng, rng.randint(8, 20))
    if mentions and rng.random() < 0.3:
        text += " " + rng.choice(mentions)
    if rng.random() < 0.05:
        text += f" [{_words(rng, 3)}](https://news.example/{rng.randrange(10**7)})"
    if rng.random() < 0.03:
        notes.append(_words(rng, rng.randint(6, 14)).capitalize() + ".")
        return text.capitalize() + f".[^{len(notes)}]"
    return text.capitalize() + "."


def _block(rng: random.Random, mentions: list[str], notes: list[str], index: int, pictures: list[str]) -> str:
    """One block of a long body: mostly paragraphs, and lists, tables, quotes, pictures."""
    roll = rng.random()
    sentences = lambda a, b: " ".join(_sentence(rng, mentions, notes) for _ in range(rng.randint(a, b)))  # noqa: E731
    if roll < 0.08:
        items = [f"- {sentences(1, 2)}" for _ in range(rng.randint(3, 7))]
        items.insert(rng.randrange(1, len(items)), f"    - {sentences(1, 1)}")
        return "\n".join(items)
    if roll < 0.12:
        return "\n".join(f"{k + 1}. {sentences(1, 2)}" for k in range(rng.randint(3, 6)))
    if roll < 0.16:
        rows = ["| Date | Channel | Accounts | Reach | Note |", "| --- | --- | ---: | ---: | --- |"]
        for _ in range(rng.randint(4, 12)):
            rows.append(f"| {FIRST_YEAR + rng.randrange(30)}-{rng.randint(1, 12):02d} | {rng.choice(mentions)} | "
                        f"{rng.randrange(10, 5000)} | {rng.randrange(10**3, 10**7):,} | {_words(rng, 5)} |")
        return "\n".join(rows)
    if roll < 0.18:
        return f"> {sentences(2, 3)}"
    if roll < 0.20:
        return f"![{_words(rng, 4)}]({rng.choice(pictures)})"
    if roll < 0.22 and index:
        other = rng.randrange(index)
        return f"{sentences(2, 3)} See also [an earlier briefing](/briefings/briefing-{other + 1:06d}/)."
    para = sentences(3, 7)
    return f"**{para}**" if rng.random() < 0.05 else para


def _body(rng: random.Random, mentions: list[str], index: int, pictures: list[str]) -> str:
    target, words, out, notes = rng.randint(2000, 5000), 0, [], []
    while words < target:
        if words and rng.random() < 0.12:
            level = "##" if rng.random() < 0.7 else "###"
            out.append(f"{level} {_words(rng, rng.randint(3, 8)).capitalize()} {len(out)}")
        block = _block(rng, mentions, notes, index, pictures)
        out.append(block)
        words += len(block.split())
    out += [f"[^{k + 1}]: {note}" for k, note in enumerate(notes)]
    return "\n\n".join(out) + "\n"


def briefing_text(kb, rng: random.Random, index: int, profile: str, pictures: list[str]) -> tuple[str, str]:
    """(file name, file text) of briefing ``index`` in a long-tail profile (see the module's docstring)."""
    date = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange((LAST_YEAR - FIRST_YEAR + 1) * 365))
    countries = _zipf(rng, kb.countries, rng.randint(1, 2), 0.6)
    platforms = _zipf(rng, kb.platforms, rng.randint(0, 2), 0.8)
    if profile == "long-tail-hub":
        if rng.random() < HUB_SHARE and kb.countries[0] not in countries:
            countries = [kb.countries[0]] + countries[:1]
        if rng.random() < HUB_SHARE and kb.platforms[0] not in platforms:
            platforms = [kb.platforms[0]] + platforms[:1]
    actors = _zipf(rng, kb.actors, rng.randint(2, 4), 0.9)
    claimants = _zipf(rng, kb.actors[-N_CLAIMANTS:], rng.randint(1, 2), 1.0)
    own = [e[0] for e in kb.elections if e[1] in countries and e[2] <= date]
    elections = rng.sample(own, min(len(own), rng.randint(1, 3))) if own else []
    tags = [t for t in kb.tags if rng.random() < 0.5] + _zipf(rng, [f"theme {k + 1}" for k in range(200)], 1, 1.0)
    tags += [f"{_script_name(rng, org=False)} {w} {index + 1}" for w in rng.sample(("case", "leak", "op"), rng.randint(2, 3))]
    title = f"{_words(rng, rng.randint(12, 26)).capitalize()} in {countries[0]}: {actors[0]} (no. {index + 1})"
    lines = frontmatter_head(title, date, _words(rng, 30).capitalize() + ".", countries, platforms,
                             actors + [c for c in claimants if c not in actors], elections)
    lines += [f"targets: {_flow(countries[:1])}", f"tags: {_flow(tags)}",
              f"techniques: {_flow(rng.sample(TECHNIQUES, rng.randint(4, 12)))}"]
    n_sources = rng.randint(8, 20)
    lines.append("attribution:")
    for k in range(rng.randint(3, 8)):
        denial = k > 0 and rng.random() < 0.15  # the first accused denies it
        accused = actors[0] if denial else actors[k % len(actors)]
        lines += [f"  - actor: {_quote(accused)}", f"    confidence: {rng.choice(CONFIDENCE)}",
                  f"    claimed_by: {_quote(accused if denial else rng.choice(claimants))}",
                  f"    basis: {_quote(_words(rng, 14).capitalize() + '.')}", f"    source: {rng.randint(1, n_sources)}",
                  f"    date: {(date - dt.timedelta(days=rng.randrange(60))).isoformat()}"]
        if denial:
            lines.append("    denial: true")
    lines.append("sources:")
    for s in range(n_sources):
        lines += [f"  - publisher: {_quote(_script_name(rng, org=True))}", f"    title: {_quote(_words(rng, 9).capitalize())}",
                  f"    url: https://news.example/{date.year}/{index + 1}/{s + 1}", f"    id: s{s + 1}",
                  f"    published: {(date - dt.timedelta(days=rng.randrange(90))).isoformat()}"]
        if rng.random() < 0.4:
            lines += [f"    author: {_quote(_script_name(rng, org=False))}",
                      f"    archived: https://archive.example/{index + 1}/{s + 1}"]
    lines.append("events:")
    for _ in range(rng.randint(10, 30)):
        lines += [f"  - date: {(date - dt.timedelta(days=rng.randrange(400))).isoformat()}",
                  f"    title: {_quote(_words(rng, rng.randint(6, 14)).capitalize())}",
                  f"    countries: {_flow(rng.sample(countries, 1))}", f"    actors: {_flow(rng.sample(actors, 1))}",
                  f"    source: s{rng.randint(1, n_sources)}"]
    lines.append("---")
    body = _body(rng, countries + platforms + actors, index, pictures)
    return f"briefing-{index + 1:06d}.md", "\n".join(lines) + "\n" + body
