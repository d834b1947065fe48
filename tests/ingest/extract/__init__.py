"""Tests of site_builder.ingest.extract."""
