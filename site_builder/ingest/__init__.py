"""Ingest: turn raw article text and saved web pages into draft briefings.

Work in progress; see README.md beside this file.
"""
