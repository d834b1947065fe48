"""A deterministic synthetic corpus in the site's content model, for benchmarks.

``generate(folder, n)`` writes ``n`` briefings and the knowledge base they
reference: 60 countries, 20 platforms, 500 actors, elections and 50 tags. Each
briefing names 1-3 countries, 0-3 platforms, 1-5 actors, 0-1 elections and 1-4
tags, has a 400-900 word markdown body that mentions some of them, events,
sources and attribution claims. The same ``n`` and ``seed`` always give the
same bytes, so figures from two runs (or two machines) are comparable.

The ``term-heavy`` profile (``--profile term-heavy``) follows the shape of a
real briefing site where term pages dominate: the same knowledge base, 1-3
countries, 0-3 platforms and 1-4 tags per briefing, but 1-5 actors drawn from
the 500 with a Zipf-like skew (the most cited actors are in hundreds of
briefings, most in a handful: a long tail), countries, platforms and tags
skewed the same way, one source and one or two events each. The default
profile's bytes are unchanged by it.

The ``long-tail`` and ``long-tail-hub`` profiles (``benchmarks.corpus_long_tail``)
are a third shape, kept apart from speed tuning: long bodies, many sources,
events, claims and techniques, Unicode names, a heavy tail of tags, 30 years;
the hub variant puts one country and one platform on most briefings.

    python -m benchmarks.corpus 1000 /tmp/corpus-1k
    python -m benchmarks.corpus 1000 /tmp/corpus-1k-th --profile term-heavy
    python -m benchmarks.corpus 1000 /tmp/corpus-1k-lt --profile long-tail
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pycountry

N_COUNTRIES = 60
N_PLATFORMS = 20
N_ACTORS = 500
N_TAGS = 50
YEARS = range(2012, 2025)
PROFILES = ("default", "term-heavy", "long-tail", "long-tail-hub")
ACTOR_SKEW = 1.0  # Zipf exponent of the term-heavy profile's actor popularity (rank r weighs 1 / r**s)
TERM_SKEW = 0.8   # the same for its countries, platforms and tags

ACTOR_TYPES = ("person", "party", "government", "agency", "company", "media", "research-group", "network")
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "dor", "sel", "tam", "qui", "zu", "bel", "nor", "ast", "vik",
             "pel", "gra", "son", "mar", "tel", "han", "ros", "lin", "cor", "dan", "ber", "wal", "fen", "ist")
ORG_WORDS = ("Agency", "Party", "Institute", "Network", "Media Group", "Foundation", "Bureau", "Council",
             "Movement", "Observatory", "Union", "Alliance")
TAG_WORDS = (
    "disinformation", "influence operation", "bot network", "paid influencers", "deepfake", "vote buying",
    "hack and leak", "cyberattack", "election annulment", "coordinated inauthentic behaviour", "FIMI",
    "proxy media", "dark money", "illicit financing", "troll farm", "state media", "sanctions", "takedown",
    "fact-checking", "platform policy", "diaspora voting", "polling station threats", "bomb threats",
    "voter suppression", "microtargeting", "political advertising", "encrypted messaging", "election observation",
    "Digital Services Act", "transparency report", "narrative laundering", "impersonation", "doppelganger sites",
    "search manipulation", "AI-generated content", "astroturfing", "leaked documents", "public attribution",
    "intelligence assessment", "court ruling", "electoral commission", "referendum", "cross-border funding",
    "religious networks", "youth outreach", "influencer marketing", "language minorities", "energy blackmail",
    "protest mobilisation", "media literacy",
)
# DISARM ids a briefing may list (0-4 each, from a random stream of their own, so the other fields stay as they were).
TECHNIQUES = (
    "T0049", "T0049.001", "T0049.003", "T0057.001", "T0084", "T0085.001", "T0086.002", "T0087.001", "T0089",
    "T0090", "T0090.003", "T0091", "T0098", "T0099.004", "T0099.005", "T0100.003", "T0105", "T0114", "T0121",
    "T0123", "T0127", "T0139",
)
PLATFORM_NAMES = (
    "Chirpline", "Vidlo", "Gramly", "Talkboard", "Snapshare", "Clipstream", "Linkhub", "Pingwave", "Forumly",
    "Streamly", "Postbox", "Loopvid", "Echoroom", "Reelio", "Buzzfeedly", "Groupchat", "Newsgrid", "Spacechat",
    "Tubely", "Voicecast",
)
WORDS = (
    "the", "campaign", "network", "accounts", "voters", "officials", "said", "report", "posted", "content",
    "election", "ahead", "of", "vote", "claims", "pages", "videos", "researchers", "found", "that", "were",
    "coordinated", "amplified", "messages", "across", "several", "groups", "targeting", "undecided", "in",
    "regions", "and", "funding", "linked", "to", "foreign", "sources", "according", "documents", "reviewed",
    "by", "investigators", "who", "traced", "payments", "through", "intermediaries", "while", "platform",
    "removed", "dozens", "of", "profiles", "for", "breaching", "rules", "on", "authenticity", "observers",
    "warned", "a", "wave", "narratives", "about", "fraud", "before", "polls", "opened", "with", "claims",
    "spread", "quickly", "on", "messaging", "channels", "analysts", "estimated", "reach", "millions", "within",
    "days", "authorities", "opened", "an", "inquiry", "into", "suspected", "interference", "as", "parties",
    "traded", "accusations", "over", "who", "benefited", "from", "surge", "attention", "late", "in", "race",
)


@dataclass
class KB:
    countries: list[str]
    platforms: list[str]
    actors: list[str]
    elections: list[tuple[str, str, dt.date]]  # name, country, first voting day
    tags: list[str]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def make_kb(rng: random.Random) -> KB:
    records = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    step = len(records) / N_COUNTRIES
    countries = [records[int(i * step)] for i in range(N_COUNTRIES)]
    country_names = [getattr(c, "common_name", None) or c.name for c in countries]
    actors: list[str] = []
    seen: set[str] = set()
    while len(actors) < N_ACTORS:
        if rng.random() < 0.5:
            name = f"{_name(rng, 2)} {_name(rng, 3)}"
        else:
            name = f"{_name(rng, 2)} {rng.choice(ORG_WORDS)}"
        if name.casefold() not in seen:
            seen.add(name.casefold())
            actors.append(name)
    elections = []
    for i, country in enumerate(country_names):
        for year in (2014 + i % 4, 2019 + i % 5):
            kind = "presidential" if (i + year) % 2 else "parliamentary"
            elections.append((f"{year} {country} {kind} election", country, dt.date(year, 1 + (i * 7) % 12, 1 + i % 27)))
    return KB(country_names, list(PLATFORM_NAMES[:N_PLATFORMS]), actors, elections, list(TAG_WORDS[:N_TAGS]))


def write_kb(kb: KB, folder: Path, rng: random.Random) -> None:
    ent = folder / "entities"
    ent.mkdir(parents=True, exist_ok=True)
    by_name = {(getattr(c, "common_name", None) or c.name): c for c in pycountry.countries}
    lines = []
    for name in kb.countries:
        lines += [f"- name: {_quote(name)}", f"  code: {by_name[name].alpha_2}",
                  f"  description: {_quote(f'{name}, as covered by the briefings in this corpus.')}", ""]
    (ent / "countries.yaml").write_text("\n".join(lines), encoding="utf-8")
    lines = []
    for i, name in enumerate(kb.platforms):
        lines += [f"- name: {name}", f"  owner: {_name(rng, 2)} Inc.", f"  website: https://{name.lower()}.example/",
                  f"  description: {_quote(f'Social platform number {i + 1} in the synthetic corpus.')}", ""]
    (ent / "platforms.yaml").write_text("\n".join(lines), encoding="utf-8")
    lines = []
    for name in kb.actors:
        lines += [f"- name: {_quote(name)}", f"  type: {rng.choice(ACTOR_TYPES)}",
                  f"  country: {_quote(rng.choice(kb.countries))}",
                  f"  description: {_quote(' '.join(rng.choice(WORDS) for _ in range(12)).capitalize() + '.')}", ""]
    (ent / "actors.yaml").write_text("\n".join(lines), encoding="utf-8")
    lines = []
    for name, country, day in kb.elections:
        lines += [f"- name: {_quote(name)}", f"  country: {_quote(country)}",
                  f"  kind: {name.split()[-2]}", "  dates:", f"    - {{date: {day.isoformat()}, label: first round}}",
                  f"    - {{date: {(day + dt.timedelta(days=14)).isoformat()}, label: runoff}}",
                  f"  outcome: {_quote('The result was contested amid interference claims.')}",
                  f"  description: {_quote(f'Election in {country} in {day.year}.')}", ""]
    (ent / "elections.yaml").write_text("\n".join(lines), encoding="utf-8")


def _sentence(rng: random.Random, mentions: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if mentions and rng.random() < 0.35:
        words.insert(rng.randrange(len(words)), rng.choice(mentions))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, mentions: list[str]) -> str:
    target = rng.randint(400, 900)
    out: list[str] = []
    words = 0
    section = 0
    while words < target:
        if words and rng.random() < 0.2:
            section += 1
            out.append(f"## {' '.join(rng.choice(WORDS) for _ in range(4)).capitalize()} {section}")
        if rng.random() < 0.12:
            items = [_sentence(rng, mentions) for _ in range(rng.randint(2, 4))]
            out.append("\n".join(f"- {item}" for item in items))
            words += sum(len(i.split()) for i in items)
        else:
            para = [_sentence(rng, mentions) for _ in range(rng.randint(3, 6))]
            if rng.random() < 0.15:
                para[0] = f"**{para[0]}**"
            if rng.random() < 0.1:
                para.append(f"[Read more](https://news.example/{rng.randrange(10**6)}).")
            out.append(" ".join(para))
            words += sum(len(p.split()) for p in para)
    return "\n\n".join(out) + "\n"


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_quote(i) for i in items) + "]"


def _weights(count: int, skew: float) -> list[float]:
    """Cumulative Zipf weights: rank r (from 1) weighs 1 / r**skew."""
    total, out = 0.0, []
    for rank in range(1, count + 1):
        total += 1 / rank ** skew
        out.append(total)
    return out


_CUMULATIVE: dict[tuple[int, float], list[float]] = {}


def _skewed_sample(rng: random.Random, items: list[str], k: int, skew: float) -> list[str]:
    """``k`` distinct items, the earlier ones of ``items`` much more often (Zipf-like)."""
    weights = _CUMULATIVE.setdefault((len(items), skew), _weights(len(items), skew))
    chosen: list[str] = []
    while len(chosen) < k:
        item = rng.choices(items, cum_weights=weights)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def briefing_text(kb: KB, rng: random.Random, index: int, profile: str = "default") -> tuple[str, str]:
    """(file name, file text) of briefing ``index``."""
    if profile == "term-heavy":
        return _term_heavy_text(kb, rng, index)
    year = rng.choice(YEARS)
    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    countries = rng.sample(kb.countries, rng.randint(1, 3))
    platforms = rng.sample(kb.platforms, rng.randint(0, 3))
    actors = rng.sample(kb.actors, rng.randint(1, 5))
    elections = [e[0] for e in rng.sample(kb.elections, 1)] if rng.random() < 0.6 else []
    tags = rng.sample(kb.tags, rng.randint(1, 4))
    slug = f"briefing-{index + 1:06d}"
    lines = _head(rng, index, date, countries, platforms, actors, elections, tags)
    used = random.Random(f"techniques:{index}").sample(TECHNIQUES, random.Random(f"n:{index}").randint(0, 4))
    if used:
        lines.append(f"techniques: {_flow(used)}")
    if rng.random() < 0.5:
        lines += ["attribution:", f"  - actor: {_quote(actors[0])}",
                  f"    confidence: {rng.choice(('confirmed', 'likely', 'alleged', 'disputed'))}",
                  f"    claimed_by: {_quote(rng.choice(kb.actors))}"]
    lines.append("sources:")
    for s in range(rng.randint(1, 3)):
        lines += [f"  - publisher: {_quote(_name(rng, 2) + ' News')}",
                  f"    title: {_quote(' '.join(rng.choice(WORDS) for _ in range(7)).capitalize())}",
                  f"    url: https://news.example/{year}/{index + 1}/{s + 1}",
                  f"    published: {date.isoformat()}"]
    n_events = rng.randint(0, 3)
    if n_events:
        lines.append("events:")
        for _ in range(n_events):
            lines += _event(rng, date, countries, actors)
    lines.append("---")
    body = _body(rng, countries + platforms + actors)
    return f"{slug}.md", "\n".join(lines) + "\n" + body


def frontmatter_head(title: str, date: dt.date, summary: str, countries: list, platforms: list, actors: list,
                     elections: list) -> list[str]:
    """The first frontmatter lines of a generated briefing, in the order every profile writes them."""
    lines = ["---", f"title: {_quote(title)}", f"date: {date.isoformat()}", f"summary: {_quote(summary)}",
             f"countries: {_flow(countries)}"]
    if platforms:
        lines.append(f"platforms: {_flow(platforms)}")
    lines.append(f"actors: {_flow(actors)}")
    if elections:
        lines.append(f"elections: {_flow(elections)}")
    return lines


def _head(rng: random.Random, index: int, date: dt.date, countries: list, platforms: list, actors: list,
          elections: list, tags: list) -> list[str]:
    """A briefing's opening frontmatter lines, the same in both profiles."""
    title = f"{' '.join(rng.choice(WORDS) for _ in range(6)).capitalize()} in {countries[0]} (no. {index + 1})"
    lines = frontmatter_head(title, date, _sentence(rng, countries + actors), countries, platforms, actors, elections)
    if not elections:  # a published briefing needs a target: the country of its election, else one stated (no draw: same corpus)
        lines.append(f"targets: {_flow(countries[:1])}")
    lines.append(f"tags: {_flow(tags)}")
    return lines


def _event(rng: random.Random, date: dt.date, countries: list, actors: list) -> list[str]:
    """One event's frontmatter lines, the same in both profiles (and drawn in the same order)."""
    when = date - dt.timedelta(days=rng.randrange(30))
    lines = [f"  - date: {when.isoformat()}",
             f"    title: {_quote(' '.join(rng.choice(WORDS) for _ in range(7)).capitalize())}",
             f"    countries: {_flow(rng.sample(countries, 1))}"]
    if rng.random() < 0.6:
        lines.append(f"    actors: {_flow(rng.sample(actors, 1))}")
    return lines


def _term_heavy_text(kb: KB, rng: random.Random, index: int) -> tuple[str, str]:
    """(file name, file text) of briefing ``index`` in the term-heavy profile (see the module's docstring)."""
    year = rng.choice(YEARS)
    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    countries = _skewed_sample(rng, kb.countries, rng.randint(1, 3), TERM_SKEW)
    platforms = _skewed_sample(rng, kb.platforms, rng.randint(0, 3), TERM_SKEW)
    actors = _skewed_sample(rng, kb.actors, rng.randint(1, 5), ACTOR_SKEW)
    elections = [e[0] for e in rng.sample(kb.elections, 1)] if rng.random() < 0.6 else []
    tags = _skewed_sample(rng, kb.tags, rng.randint(1, 4), TERM_SKEW)
    slug = f"briefing-{index + 1:06d}"
    lines = _head(rng, index, date, countries, platforms, actors, elections, tags)
    if rng.random() < 0.5:
        lines += ["attribution:", f"  - actor: {_quote(actors[0])}",
                  f"    confidence: {rng.choice(('confirmed', 'likely', 'alleged', 'disputed'))}",
                  f"    claimed_by: {_quote(_skewed_sample(rng, kb.actors, 1, ACTOR_SKEW)[0])}"]
    lines += ["sources:", f"  - publisher: {_quote(_name(rng, 2) + ' News')}",
              f"    title: {_quote(' '.join(rng.choice(WORDS) for _ in range(7)).capitalize())}",
              f"    url: https://news.example/{year}/{index + 1}/1",
              f"    published: {date.isoformat()}",
              "events:"]
    for _ in range(rng.randint(1, 2)):
        lines += _event(rng, date, countries, actors)
    lines.append("---")
    body = _body(rng, countries + platforms + actors)
    return f"{slug}.md", "\n".join(lines) + "\n" + body


SITE_YAML = """title: Interference Watch (benchmark corpus)
description: Synthetic briefings for measuring build speed.
base_url: https://bench.example/
language: en
per_page: 10
"""

PAGE = """---
title: {title}
description: {title} of the benchmark corpus.
---
This page exists so that the corpus has every page kind.

## Coverage

Briefings are generated, not reported.
"""


def generate(folder: Path, n: int, seed: int = 1, profile: str = "default") -> Path:
    """Write a corpus of ``n`` briefings into ``folder`` (emptied first); returns ``folder``.

    ``profile`` is one of ``PROFILES`` (see the module's docstring)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r} (choose from {', '.join(PROFILES)})")
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "briefings").mkdir(parents=True)
    (folder / "pages").mkdir()
    rng = random.Random(seed)
    long_tail = None
    if profile.startswith("long-tail"):
        from benchmarks import corpus_long_tail as long_tail  # it builds on this module
    kb = long_tail.make_kb(rng) if long_tail else make_kb(rng)
    (long_tail.write_kb if long_tail else write_kb)(kb, folder, rng)
    pictures = long_tail.write_static(folder) if long_tail else []
    (folder / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    for slug in ("about", "methodology"):
        (folder / "pages" / f"{slug}.md").write_text(PAGE.format(title=slug.capitalize()), encoding="utf-8")
    for i in range(n):
        if long_tail:
            name, text = long_tail.briefing_text(kb, random.Random(f"{seed}:{i}"), i, profile, pictures)
        else:
            name, text = briefing_text(kb, random.Random(f"{seed}:{i}"), i, profile)
        (folder / "briefings" / name).write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic synthetic content folder.")
    parser.add_argument("count", type=int, help="number of briefings")
    parser.add_argument("folder", type=Path, help="content folder to (re)create")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", choices=PROFILES, default="default",
                        help="corpus shape (default: default; term-heavy: skewed actors, term pages dominate;"
                        " long-tail: long bodies, many sources and claims, Unicode names, a heavy tail of tags;"
                        " long-tail-hub: the same, one country and one platform on most briefings)")
    args = parser.parse_args(argv)
    generate(args.folder, args.count, args.seed, args.profile)
    print(f"Wrote {args.count} briefings ({args.profile} profile) to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
