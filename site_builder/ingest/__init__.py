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
    html      a saved page -> one article (metadata + body)
    match     knowledge-base names, aliases, demonyms, variants in text
    names     proper names, titles, descriptions (for suggestions, speakers)
    figures   counts, percentages, money, reach
    statements  quotations and who said them
    dates     absolute and relative dates
    events    publication date inference, elections, dated events
    extract   orchestration, summary, review flags
    techniques  DISARM techniques suggested from the wording (a table of cues)
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
       "techniques": [{"id": "T0049.003", "name": "...", "tactic": "Maximise Exposure",
                       "cue": "bot farm", "found": "title"}]}   # DISARM suggestions (extract/techniques.py)
    ]}
"""
