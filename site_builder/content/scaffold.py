"""``site-builder new``: a new draft briefing with every field, ready to fill in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from site_builder.errors import Problem, SiteError, display_path
from site_builder.content.slugs import slugify

# What ``new`` writes for the editor to replace. ``check`` refuses a published briefing that
# still holds any of them (``site_builder.publish``), so they are kept here, in one place.
SUMMARY_PLACEHOLDER = "One or two sentences: what happened, where, and who is said to be behind it."
BODY_PLACEHOLDER = ("Write the briefing here, in your own words. Mention people, parties and\n"
                    "platforms by their names: the first mention of each is linked automatically.")
NO_ATTRIBUTION_PLACEHOLDER = "Why no attribution is claimed, e.g. the platform did not say who ran the accounts."
# The commented examples, which an editor may uncomment and forget to fill in: (list, field) -> text.
EXAMPLE_PLACEHOLDERS = {
    ("attribution", "claimed_by"): "Who makes the attribution",
    ("attribution", "basis"): "One sentence, in our own words, on what the claim rests on",
    ("attribution", "note"): "Optional short note",  # what earlier versions wrote for 'basis'

    ("sources", "publisher"): "Publisher name",
    ("sources", "title"): "Headline of the article",
    ("sources", "url"): "https://example.org/article",
    ("sources", "author"): "Author name",
    ("events", "title"): "What happened on that day",
}

TEMPLATE = """---
title: {title}
date: {today}
summary: "{summary}"
status: draft
# updated: {today}
countries: []      # names from content/entities/countries.yaml, e.g. [Czechia]
platforms: []      # e.g. [TikTok, X]
actors: []         # people, parties, agencies, media, research groups
elections: []      # e.g. [2025 Czech parliamentary election]
tags: []           # topics, e.g. [coordinated inauthentic behaviour, takedown]
targets: []        # countries whose election or public was targeted, e.g. [Czechia]; default: the elections' countries
responders: []     # platforms, actors or countries that acted (took down, probed, annulled, sanctioned), e.g. [TikTok]
attribution: []    # who is said to be behind it; or, when no one has said, use no_attribution instead
#  - actor: Russian government
#    confidence: alleged        # confirmed | likely | alleged | disputed (see /methodology/)
#    claimed_by: {attribution_claimed_by}
#    basis: {attribution_basis}
#    source: 1                  # the source the claim rests on: its number or id
#    date: {today}           # optional: when the claim stood so (default: the briefing's date)
#    denial: true               # optional: the accused denies it (claimed_by is who denies)
# no_attribution: "{no_attribution}"
sources: []
#  - publisher: {sources_publisher}
#    title: {sources_title}
#    url: {sources_url}
#    author: {sources_author}
#    published: {today}
events: []
#  - date: {today}
#    title: {events_title}
#    countries: []
#    actors: []
---
{body}
"""


def new_briefing(content_dir: Path, title: str, today: dt.date | None = None) -> Path:
    """Create ``content/briefings/<slug>.md``; never overwrites an existing file."""
    slug = slugify(title)
    if not title.strip() or not slug:
        raise SiteError([Problem("new", "the title is empty or has no letters or digits",
                                 hint='pass a title, e.g. site-builder new "TikTok removes accounts before vote"')])
    folder = content_dir / "briefings"
    path = folder / f"{slug}.md"
    if path.exists():
        raise SiteError([Problem(display_path(path), "a briefing with this file name already exists",
                                 hint="edit that file, or choose a different title")])
    folder.mkdir(parents=True, exist_ok=True)
    examples = {f"{kind}_{key}": text for (kind, key), text in EXAMPLE_PLACEHOLDERS.items()}
    text = TEMPLATE.format(title=json.dumps(title.strip(), ensure_ascii=False), today=(today or dt.date.today()).isoformat(),
                           summary=SUMMARY_PLACEHOLDER, body=BODY_PLACEHOLDER,
                           no_attribution=NO_ATTRIBUTION_PLACEHOLDER, **examples)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path
