"""One call from a file to extracted articles: read, detect HTML or text, cut, extract."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.content.entities import KnowledgeBase
from site_builder.ingest.article import Article, RawArticle
from site_builder.ingest.extract.findings import extract
from site_builder.ingest.extract.match import Matcher
from site_builder.ingest.read.decode import InputError, SourceText, decode, read_source
from site_builder.ingest.split.reflow import reflow
from site_builder.ingest.split.cut import split_articles

SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md")


@dataclass
class SourceResult:
    source: str
    articles: list[Article] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: InputError | None = None


def raw_articles(text: SourceText) -> tuple[list[RawArticle], list[str]]:
    if text.is_html:
        from site_builder.ingest.read.html import parse_page

        return parse_page(text.text, text.name)
    return split_articles(reflow(text.text), text.name)


def ingest_text(text: SourceText, kb: KnowledgeBase, matcher: Matcher, today: dt.date) -> SourceResult:
    raws, notes = raw_articles(text)
    result = SourceResult(text.name, notes=notes)
    if not raws and any("list of headlines" in note for note in notes):
        result.error = InputError(text.name, "no article found: this page is a list of headlines (a reading list, "
                                  "an aggregator or a topic page)", "open the story you want and save or copy that page")
        return result
    if not raws:
        result.error = InputError(text.name, "no article found in this file",
                                  "check that it holds the article's text or its saved web page, not only a menu or a prompt")
        return result
    result.articles = [extract(raw, kb, matcher, today) for raw in raws]
    _share_publisher(result.articles)
    return result


def _share_publisher(articles: list[Article]) -> None:
    """Articles cut from one dump usually come from one outlet: lend a missing publisher, flagged."""
    named = [a.publisher for a in articles if a.publisher]
    if len(set(named)) != 1 or len(named) < 2:
        return  # only when several articles agree and none disagrees
    publisher = named[0]
    for article in articles:
        if not article.publisher:
            article.publisher = publisher
            article.notes = [n for n in article.notes if not n.startswith("publisher:")]
            article.flag("publisher", "taken from the other articles in the same file")


def ingest_file(path: Path, kb: KnowledgeBase, matcher: Matcher, today: dt.date, name: str | None = None) -> SourceResult:
    try:
        text = read_source(path, name)
    except InputError as error:
        return SourceResult(error.source, error=error)
    return ingest_text(text, kb, matcher, today)


def ingest_bytes(raw: bytes, name: str, kb: KnowledgeBase, matcher: Matcher, today: dt.date, html: bool = False) -> SourceResult:
    try:
        text = decode(raw, name, html_hint=html)
    except InputError as error:
        return SourceResult(name, error=error)
    return ingest_text(text, kb, matcher, today)


def expand(paths: list[Path]) -> list[Path]:
    """Files to ingest: each file given, and the article files inside each folder given."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                              and not p.name.startswith(".")))
        else:
            out.append(path)
    return out
