"""Saved web pages: metadata from the page's head, the article body without furniture.

Metadata comes from what publishers put there for search engines and social
networks, in order of trust: JSON-LD (``NewsArticle`` and friends), Open
Graph and ``article:`` meta tags, ``<meta name="author">``, ``<time>``, then
the ``<h1>`` and ``<title>``. The body is the element holding most paragraph
text once navigation, headers, footers, asides, forms, figures and anything
whose class or id says ad, promo, related, newsletter, share or comments are
removed; link-heavy paragraphs (lists of other stories) are dropped, and the
same text rules as for plain text remove the remaining furniture.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.read.digest import as_articles, digest_items, is_story_list
from site_builder.ingest.read.maintained import better_body, shown_updated
from site_builder.ingest.split.clean import CONTENT, RELATED, classify, classify_why, publisher_hint
from site_builder.ingest.extract.dates import find_dates, parse_date_line
from site_builder.ingest.split.header import (byline, byline_place, is_title_like, take_dateline,
                                              without_opening_subheading, without_page_top)

_JUNK_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe", "svg",
              "figure", "figcaption", "picture", "video", "audio", "template", "select", "input", "textarea", "dialog",
              "object", "embed", "canvas", "map")
_JUNK_ROLES = {"navigation", "banner", "complementary", "contentinfo", "search", "dialog", "alert", "menu", "menubar"}
_JUNK_NAMES = re.compile(
    r"(?:^|[-_\s])(?:ads?|advert\w*|adslot|dfp|promo\w*|sponsor\w*|related|recommend\w*|more-?stories|most-?(?:read|popular)|"
    r"popular|trending|newsletter\w*|signup|sign-up|subscribe\w*|subscription|paywall|share|sharing|social|comments?|"
    r"disqus|breadcrumbs?|nav|navbar|navigation|menu|footer|sidebar|rail|outbrain|taboola|cookie\w*|consent|banner|"
    r"modal|popup|toolbar|tags|topics|author-bio|bio|caption|credit|byline|dateline|timestamp|read-?more|see-?also|"
    r"teaser|widget|embed|video|podcast|audio|print|skip)(?:$|[-_\s])",
    re.IGNORECASE,
)
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "opinionnewsarticle", "backgroundnewsarticle", "socialmediaposting", "webpage", "liveblogposting"}
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
_SPACE = re.compile(r"\s+")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


MAX_DEPTH = 100  # elements inside each other; real pages stay under 40
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s[^>]*)?>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_RAW_TEXT = {"script", "style", "textarea", "title"}


def flatten(html: str, limit: int = MAX_DEPTH) -> tuple[str, int]:
    """``html`` without the tags of elements nested deeper than ``limit``, and how many were removed.

    Their text stays, in the element ``limit`` deep; a paragraph, heading, list item
    or quote one level deeper is kept, so that text is still read as blocks. Finding
    the body of a page looks at each element's descendants, so depth multiplies the
    work: 550 KB of unclosed ``<div>`` took minutes. Elements nest as Python's HTML
    parser nests them: nothing closes by itself; an end tag closes up to its element.
    """
    pieces: list[str] = []
    stack: list[tuple[str, bool]] = []  # (name, kept) of each open element
    kinds: dict[str, list[bool]] = {}  # for each name, whether each open element of it was kept
    at = skip = removed = depth = 0  # depth: elements kept and open
    lower = ""
    for tag in _TAG.finditer(html):
        if tag.start() < skip:
            continue  # inside a script or a style
        closing, name = tag.group(1), tag.group(2).lower()
        if closing:
            if not kinds.get(name):
                continue
            drop = not kinds[name][-1]
            if drop:  # its start tag was left out, so the parser never sees it: it closes nothing else
                index = len(stack) - 1
                while stack[index][0] != name:
                    index -= 1
                del stack[index]
                kinds[name].pop()
            else:
                while True:
                    top, kept = stack.pop()
                    kinds[top].pop()
                    depth -= kept
                    if top == name:
                        break
        else:
            if name in _VOID or tag.group().endswith("/>"):
                continue
            drop = name not in _RAW_TEXT and depth >= limit + (name in _BLOCK_TAGS)  # a script holds no elements
            removed += drop
            depth += not drop
            stack.append((name, not drop))
            kinds.setdefault(name, []).append(not drop)
            if name in _RAW_TEXT:
                lower = lower or html.lower()
                end = lower.find("</" + name, tag.end())
                skip = len(html) if end < 0 else end
        if drop:
            pieces.append(html[at:tag.start()])
            at = tag.end()
    if not removed:
        return html, 0
    pieces.append(html[at:])
    return "".join(pieces), removed


def parse_page(html: str, source: str) -> tuple[list[RawArticle], list[str]]:
    """One article from a saved page, and notes about what could not be found."""
    html, flattened = flatten(html)
    notes = [f"{source}: {flattened:,} elements nested over {MAX_DEPTH} deep were read as part of the one around them"
             ] if flattened else []
    soup = BeautifulSoup(html, "html.parser")
    meta = _meta(soup)
    ld = _json_ld(soup)
    article = RawArticle(source=source)
    article.title = _first(ld.get("headline"), meta.get("og:title"), meta.get("twitter:title"), _h1(soup), _title(soup))
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
    shown = shown_updated(soup)  # before the timestamp boxes go with the furniture
    ours, container = _body_blocks(soup, ld, article.dropped)
    items, above = digest_items(container, f"{ld.get('@type', '')} {article.title}")  # type and title: a live blog?
    if items:  # a newsletter digest: one article per dated item
        return as_articles(article, items, above), notes
    if is_story_list(container):
        return [], notes + [f"{source}: skipped a list of headlines: a topic page or aggregator holds no article of its own"]
    blocks = better_body(article, ours, html, modified)
    article.updated = article.updated or shown
    blocks = take_dateline(article, without_page_top(article, blocks))
    article.blocks = [b for b in blocks if b.text and b.text != article.title and b.text != article.standfirst]
    without_opening_subheading(article)
    if not article.blocks:
        return [], notes + [f"{source}: no article text found in the page"]
    return [article], notes


def _publisher_from_page(soup: BeautifulSoup) -> str:
    """The site's name from "Headline | Section | Site" in <title>, else from a "© 2025 Site" line."""
    if soup.title is not None:
        parts = [p.strip() for p in re.split(r"\s+[|–—]\s+|\s+-\s+", _text(soup.title)) if p.strip()]
        if len(parts) > 1 and 1 <= len(parts[-1].split()) <= 5:
            return parts[-1]
    for node in soup.find_all(string=re.compile("©|Copyright", re.I)):
        hint = publisher_hint(str(node))
        if hint:
            return hint
    return ""


def _byline_text(soup: BeautifulSoup) -> str:
    node = soup.select_one('.byline, [class*="byline"], address, [itemprop="author"]')
    return _text(node) if node is not None else ""


def _without_site_name(title: str, publisher: str) -> str:
    """"Vote count begins | Example News" -> "Vote count begins" when the tail is the publisher."""
    if publisher:
        for separator in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(separator + publisher):
                return title[: -len(separator + publisher)].strip()
    return title


def _text(node: Tag) -> str:
    return _SPACE.sub(" ", node.get_text(" ", strip=True)).replace(" ,", ",").replace(" .", ".").strip()


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
        text = _text(node)
        found = byline(text, loose=True)
        if found:
            return found[0]
    return ""


def _time(soup: BeautifulSoup) -> str:
    node = soup.find("time", attrs={"datetime": True})
    if node is not None:
        return node.get("datetime", "")
    node = soup.find("time")
    return _text(node) if node is not None else ""


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
    return _text(node) if node is not None else ""


def _title(soup: BeautifulSoup) -> str:
    if soup.title is None:
        return ""
    return _TITLE_SUFFIX.sub("", _text(soup.title))


def _is_junk(node: Tag) -> bool:
    if node.name in _JUNK_TAGS:
        return True
    attrs = getattr(node, "attrs", None) or {}
    if (attrs.get("role") or "").lower() in _JUNK_ROLES:
        return True
    if attrs.get("aria-hidden") == "true" or "hidden" in attrs or "display:none" in (attrs.get("style") or "").replace(" ", ""):
        return True
    names = " ".join(attrs.get("class") or []) + " " + (attrs.get("id") or "")
    if names.strip() and _JUNK_NAMES.search(names) and not re.search(r"article-?body|story-?body|post-?content|entry-content", names, re.I):
        return True
    return False


def _strip(root: Tag) -> None:
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for node in list(root.find_all(True)):
        if node.parent is not None and not getattr(node, "decomposed", False) and _is_junk(node):
            node.decompose()


def _body_blocks(soup: BeautifulSoup, ld: dict, dropped: list[tuple[str, str]]) -> tuple[list[Block], Tag]:
    """The body's paragraphs, and the element they were read from."""
    body = soup.body or soup
    root = (soup.find(attrs={"itemprop": "articleBody"}) or soup.find("article") or soup.find("main")
            or soup.find(attrs={"role": "main"}) or body)
    _strip(root)
    container = _densest(root) or root
    blocks: list[Block] = []
    in_related = ended = False  # ended: past "- 30 -", "- End -": a release's contacts follow
    for node in container.find_all(_BLOCK_TAGS):
        if node.find(_BLOCK_TAGS):
            continue  # the inner block carries the text
        text = _text(node)
        if not text or _link_density(node) > 0.6:
            continue
        kind, why = classify_why(text)
        if kind == CONTENT and in_related and is_title_like(text):
            kind, why = RELATED, "a headline in a 'related' list"
        in_related = kind == RELATED or in_related and kind != CONTENT
        if kind != CONTENT or ended:
            dropped.append((text, why or "after the end mark that closes the release"))
            ended = ended or why == "an end mark"
            continue
        in_related = False
        line = getattr(node, "sourceline", None) or 0
        blocks.append(Block(text, line))
    if not blocks and isinstance(ld.get("articleBody"), str):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", ld["articleBody"]) if p.strip()]
        blocks = [Block(p, 0) for p in paragraphs if classify(p) == CONTENT]
    if not blocks:
        # Text laid out with <br> or bare <div>s: read it as a text dump.
        from site_builder.ingest.split.reflow import reflow

        blocks = [b for b in reflow(container.get_text("\n")) if classify(b.text) == CONTENT and len(b.text.split()) > 3]
    return blocks, container


def _link_density(node: Tag) -> float:
    text = len(_text(node)) or 1
    links = sum(len(_text(a)) for a in node.find_all("a"))
    return links / text


def _densest(root: Tag) -> Tag | None:
    """The element whose direct paragraphs hold the most text: the article body, not the page around it."""
    scores: dict[int, tuple[int, Tag]] = {}
    for p in root.find_all("p"):
        parent = p.parent
        if parent is None:
            continue
        length = len(_text(p))
        if length < 25:
            continue
        score, _ = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (score + length, parent)
    if not scores:
        return None
    best_score, best = max(scores.values(), key=lambda x: x[0])
    # Paragraphs split over sibling wrappers: climb while the parent holds much more paragraph text.
    node = best
    while node.parent is not None and node is not root:
        total = sum(len(_text(p)) for p in node.parent.find_all("p") if len(_text(p)) >= 25)
        if total > best_score * 1.4:
            node, best_score = node.parent, total
        else:
            break
    return node
