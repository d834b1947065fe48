"""Ingest, second stage: re-flow lines, set page furniture aside, cut dumps into articles."""
