"""Ingest, first stage: bytes to text, and saved web pages to one article each."""
