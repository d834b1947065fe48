"""Ingest, third stage: names, dates, events, figures and quotations found in an article."""
