"""Ingest: turn raw article text and saved web pages into draft briefings.

``site-builder ingest PATH...`` reads text dumps and saved pages, cuts them
into articles, extracts what it can and writes one draft per article to
``content/briefings/`` (``status: draft`` and a ``review:`` list of what the
editor must confirm). See ``README.md`` beside this file for the editor's guide.

Pipeline (one module per job)::

    read      bytes -> text (encodings, BOM, CRLF, size limit, clear errors)
    reflow    hard-wrapped lines -> paragraphs
    clean     paragraphs -> furniture / end matter / related links / content
    header    title, standfirst, byline, date line, dateline shapes
    split     a dump -> articles (text sources)
    furniture furniture by shape and language, with the reason for each dropped line
    html      a saved page -> one article (metadata + body)
    maintained  trafilatura's body and htmldate's dates where our page reader misses
    match     knowledge-base names, aliases, demonyms, variants in text
    names     proper names, titles, descriptions (for suggestions, speakers)
    figures   counts, percentages, money, reach
    statements  quotations and who said them
    codenames  Storm-1516, acronyms, camel-case names, capitals standing for governments
    dates     absolute and relative dates (localdates: other languages via dateparser)
    events    publication date inference, elections, dated events
    roles     proposed target country and attribution claims
    extract   orchestration, summary, review flags
    draft     frontmatter writing, idempotency records
    entity_add  append a knowledge-base entry as text
    commands  the ``ingest`` and ``entity add`` commands
    pipeline  file -> articles, for the command and the benchmark

``--json`` output (stable; new keys may be added, none removed or renamed)::

    {"articles": [
      {"source": "path/to/dump.txt#2",          # "#n" when a file holds several articles
       "title": "...",                          # proposed from the lead when the source has none
       "standfirst": "...", "author": "...", "publisher": "...",
       "published": "2025-09-29" | null,        # ISO date; inferred ones are flagged in review
       "dateline": "Chișinău, Moldova",
       "url": "https://..." | "",               # canonical address of a saved page
       "paragraphs": ["...", ...],              # body, re-flowed, without furniture
       "countries": [...], "platforms": [...], "actors": [...], "elections": [...],  # canonical KB names
       "mentions": [{"kind": "countries", "name": "Moldova", "found": ["paragraph 2: \\"Moldovan\\""]}],
       "suggestions": [{"name": "...", "context": "..."}],   # people/organisations not in the KB
       "figures": [{"text": "286 accounts", "kind": "count|percentage|money|reach", "value": 286.0,
                    "context": "the sentence"}],
       "statements": [{"speaker": "...", "quote": "..."}],
       "events": [{"date": "2025-09-28" | null, "title": "the sentence"}],  # null: could not be resolved
       "summary": "draft summary to rewrite",
       "review": ["title", "published", ...],    # fields the editor must confirm
       "notes": ["published: why it was flagged", ...],
       "updated": "2025-09-30" | null,           # an "Updated" date, never taken as published
       "dropped": [{"line": "Share: Facebook X", "reason": "a share row"}],  # every line left out of the body
       "targets": ["Moldova"],                  # proposed: the country whose election or public was targeted
       "attribution": [{"actor": "Russian government", "claimed_by": "Moldovan police",
                        "confidence": "confirmed|likely|alleged|disputed", "cue": "linked to"}]}  # proposed claims
    ]}
"""
