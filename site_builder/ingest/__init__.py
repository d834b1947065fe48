"""Ingest: turn raw article text and saved web pages into draft briefings.

``site-builder ingest PATH...`` reads text dumps and saved pages, cuts them
into articles, extracts what it can and writes one draft per article to
``content/briefings/`` (``status: draft`` and a ``review:`` list of what the
editor must confirm). Stages: ``read/`` -> ``split/`` -> ``extract/`` ->
``draft/``. The editor's guide, the modules and the stable ``--json`` shape
are in ``README.md`` beside this file.
"""
