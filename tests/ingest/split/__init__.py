"""Tests of site_builder.ingest.split."""
