"""Tests of site_builder.ingest.draft."""
