"""Tests of site_builder.ingest.read."""
