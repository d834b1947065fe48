"""What a saved page says about its article outside the body: JSON-LD, Open Graph and ``article:``
meta tags, ``<meta name="author">``, ``<time>``, the ``<h1>`` and ``<title>``, in that order of trust.

Kept apart from ``html`` (which finds the body among the page's elements) because these fields
come from what publishers write for search engines and social networks, not from the layout.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from site_builder.ingest.article import RawArticle
from site_builder.ingest.extract.dates import find_dates, parse_date_line
from site_builder.ingest.split.clean import publisher_hint
from site_builder.ingest.split.header import byline, byline_place

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "backgroundnewsarticle", "socialmediaposting", "webpage", "liveblogposting"}
_SPACE = re.compile(r"\s+")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


def read_head(soup: BeautifulSoup, source: str) -> tuple[RawArticle, dict, dt.date | None]:
    """The article's fields from the page's metadata, its JSON-LD article object, and the modified date it gives."""
    article = RawArticle(source=source)
    meta = _meta(soup)
    ld = _json_ld(soup)
    article.title = _first(ld.get("headline"), meta.get("og:title"), meta.get("twitter:title"), _h1(soup), _headline_element(soup),
                           _title(soup))
    article.standfirst = _first(ld.get("description"), meta.get("og:description"), meta.get("description"),
                                meta.get("twitter:description"))
    article.author = _first(_ld_names(ld.get("author")), _author_meta(meta), _byline_in_page(soup))
    article.publisher = _first(_ld_names(ld.get("publisher")), meta.get("og:site_name"), meta.get("application-name"))
    article.published = _date(_first(ld.get("datePublished"), meta.get("article:published_time"),
                                     meta.get("og:article:published_time"), meta.get("datePublished"),
                                     meta.get("date"), meta.get("pubdate"), meta.get("publish-date"),
                                     meta.get("dc.date"), meta.get("dcterms.created"), _time(soup)))
    article.url = _http(_first(_canonical(soup), meta.get("og:url"), _ld_url(ld)))
    if not article.publisher:
        article.publisher = _publisher_from_page(soup)
        if article.publisher:
            article.notes.append("publisher: taken from the page's title or copyright line")
    article.title = _without_site_name(article.title, article.publisher)
    if not article.dateline:
        article.dateline = byline_place(_first(meta.get("author"), _byline_text(soup)))
    modified = _date(_first(ld.get("dateModified"), meta.get("article:modified_time")))
    return article, ld, modified


def _publisher_from_page(soup: BeautifulSoup) -> str:
    """The site's name from "Headline | Section | Site" in <title>, else from a "© 2025 Site" line."""
    if soup.title is not None:
        parts = [p.strip() for p in re.split(r"\s+[|–—]\s+|\s+-\s+", text_of(soup.title)) if p.strip()]
        if len(parts) > 1 and 1 <= len(parts[-1].split()) <= 5:
            return parts[-1]
    for node in soup.find_all(string=re.compile("©|Copyright", re.I)):
        hint = publisher_hint(str(node))
        if hint:
            return hint
    return ""


def _byline_text(soup: BeautifulSoup) -> str:
    node = soup.select_one('.byline, [class*="byline"], address, [itemprop="author"]')
    return text_of(node) if node is not None else ""


def _without_site_name(title: str, publisher: str) -> str:
    """"Vote count begins | Example News" -> "Vote count begins" when the tail is the publisher."""
    if publisher:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(separator + publisher):
                return title[: -len(separator + publisher)].strip()
    return title


def text_of(node: Tag) -> str:
    return _SPACE.sub(" ", node.get_text(" ", strip=True)).replace(" ,", ",").replace(" .", ".").strip()


def broken_paragraphs(node: Tag) -> list[str]:
    """The paragraphs of an element with no block inside, cut where the page breaks the line twice
    ("<b>Headline</b><br><br>First paragraph ..."): text is never joined across a paragraph break."""
    if node.find("br") is None:
        return [text_of(node)]
    pieces: list[list[str]] = [[]]
    breaks = 0
    for child in node.descendants:
        if getattr(child, "name", None) == "br":
            breaks += 1
        elif isinstance(child, str) and child.strip() and not isinstance(child, Comment):
            if breaks >= 2 and pieces[-1]:
                pieces.append([])
            pieces[-1].append(child.strip())
            breaks = 0
    joined = (_SPACE.sub(" ", " ".join(p)).replace(" ,", ",").replace(" .", ".").strip() for p in pieces)
    return [text for text in joined if text]


def _first(*values) -> str:
    for value in values:
        if isinstance(value, str) and value.strip():
            return _SPACE.sub(" ", value).strip()
    return ""


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        value = tag.get("content")
        if key and isinstance(value, str) and key not in out:
            out[key] = value.strip()
    return out


def _json_ld(soup: BeautifulSoup) -> dict:
    """The page's article object from JSON-LD, if any (searching @graph and lists)."""
    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        raw = (script.string or script.get_text() or "").strip()
        raw = re.sub(r"^\s*(?://)?\s*<!\[CDATA\[|\]\]>\s*$", "", raw)
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        found = _find_article(data)
        if found:
            return found
    return {}


def _find_article(data) -> dict | None:
    if isinstance(data, list):
        for item in data:
            found = _find_article(item)
            if found:
                return found
        return None
    if not isinstance(data, dict):
        return None
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds) and (data.get("headline") or data.get("articleBody")):
        return data
    return _find_article(data.get("@graph")) if "@graph" in data else None


def _ld_names(value) -> str:
    if isinstance(value, str):
        return "" if value.startswith("http") else value
    if isinstance(value, dict):
        return _ld_names(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_names(v) for v in value) if n]
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return names[0] if names else ""
    return ""


def _ld_url(ld: dict) -> str:
    page = ld.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    return _first(ld.get("url"), page if isinstance(page, str) else "")


def _author_meta(meta: dict[str, str]) -> str:
    for key in ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator"):
        value = meta.get(key, "")
        if value and not value.startswith("http"):
            found = byline(value, loose=True)
            return found[0] if found else value.removeprefix("By ").removeprefix("by ")
    return ""


def _byline_in_page(soup: BeautifulSoup) -> str:
    for node in soup.select('[rel~="author"], [itemprop="author"], .byline, .author, .article-author'):
        text = text_of(node)
        found = byline(text, loose=True)
        if found:
            return found[0]
    return ""


def _time(soup: BeautifulSoup) -> str:
    node = soup.find("time", attrs={"datetime": True})
    if node is not None:
        return node.get("datetime", "")
    node = soup.find("time")
    return text_of(node) if node is not None else ""


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    found = parse_date_line(value)
    if found:
        return found
    hits = [h for h in find_dates(value) if h.kind == "absolute"]
    return hits[0].date if hits else None


def _canonical(soup: BeautifulSoup) -> str:
    link = soup.find("link", rel=lambda r: r and "canonical" in (r if isinstance(r, list) else [r]))
    return link.get("href", "") if link is not None else ""


def _http(url: str) -> str:
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc and " " not in url.strip() else ""


def _h1(soup: BeautifulSoup) -> str:
    node = soup.find("h1")
    return text_of(node) if node is not None else ""


_HEADLINE_CLASS = {"title", "headline", "entry-title", "post-title", "article-title", "story-title", "page-title"}


def _headline_element(soup: BeautifulSoup) -> str:
    """A page without ``<h1>`` that marks its headline by class or microdata: a Google Docs export's
    ``<p class="title">``, a CMS's ``<div class="entry-title">``, ``itemprop="headline"``."""
    body = soup.body or soup
    for node in body.find_all(True):
        classes = {c.lower() for c in node.get("class") or []}
        if classes & _HEADLINE_CLASS or node.get("itemprop") == "headline":
            text = text_of(node)
            if text and len(text.split()) <= 30:
                return text
    return ""


def _title(soup: BeautifulSoup) -> str:
    if soup.title is None:
        return ""
    return _TITLE_SUFFIX.sub("", text_of(soup.title))
