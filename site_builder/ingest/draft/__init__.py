"""Ingest, last stage: draft briefings and knowledge-base entries written as text."""
