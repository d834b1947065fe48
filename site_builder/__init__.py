"""site_builder: turns briefings on election interference into a static site.

The pipeline reads top to bottom in the package listing:

    content files -> load -> validate -> resolve -> link & index -> render -> write
    raw articles  -> ingest (split, clean, extract) -> draft briefings
"""

__version__ = "0.1.0"
