"""Saved web pages: the article body without furniture (its fields from the page's head: ``metadata``).

The body is the element holding most paragraph
text once navigation, headers, footers, asides, forms, figures and anything
whose class or id says ad, promo, related, newsletter, share or comments are
removed; link-heavy paragraphs (lists of other stories) are dropped, and the
same text rules as for plain text remove the remaining furniture.
"""

from __future__ import annotations

import re
from html import escape as html_escape

from bs4 import BeautifulSoup, Comment, Tag

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.read.digest import as_articles, digest_items, is_story_list
from site_builder.ingest.read.maintained import better_body, date_under_headline, shown_published, shown_updated
from site_builder.ingest.read.metadata import broken_paragraphs, read_head, text_of
from site_builder.ingest.split.labelled import without_closing_headlines
from site_builder.ingest.split.clean import CONTENT, RELATED, classify, classify_why
from site_builder.ingest.split.furniture import END_SECTION
from site_builder.ingest.split.header import (is_title_like, take_dateline, without_author_note, without_opening_subheading,
                                              without_page_top)

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
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
_WRAPPERS = 4  # elements around one paragraph that hold nothing else


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
    later = _later_stories(soup)
    if later:  # an endless-scroll page: each story in its own <article>, read one by one
        found, more_notes = parse_page(str(soup), f"{source}#1")
        for number, node in enumerate(later, 2):
            heading = html_escape(text_of(node.find(["h1", "h2"])))  # the story's own headline names its page
            more, extra = parse_page(f"<html><head><title>{heading}</title></head><body>{node}</body></html>",
                                     f"{source}#{number}")
            found += more
            more_notes += extra
        return found, notes + more_notes
    article, ld, modified = read_head(soup, source)
    shown = shown_updated(soup, near=modified or article.published)  # before the timestamp boxes go with the furniture
    article.published = article.published or shown_published(soup) or date_under_headline(soup)
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
    without_closing_headlines(article)
    without_author_note(article)
    if not article.blocks:
        return [], notes + [f"{source}: no article text found in the page"]
    return [article], notes


STORY_PARAGRAPHS = 2  # paragraphs of running text (80 characters or more) that make an <article> a story, not a card


def _later_stories(soup: BeautifulSoup) -> list[Tag]:
    """The second and later stories of a page that shows several one under another (an endless-scroll page),
    taken out of ``soup``: outermost <article> elements that each have a headline and paragraphs of running
    text; a teaser card (a headline and a line) is not a story."""
    stories = [node for node in soup.find_all("article") if node.find_parent("article") is None
               and node.find(["h1", "h2"]) is not None
               and sum(len(text_of(p)) >= 80 for p in node.find_all("p")) >= STORY_PARAGRAPHS]
    if len(stories) < 2:
        return []
    return [node.extract() for node in stories[1:]]


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
        if node.parent is not None and not getattr(node, "decomposed", False) and _is_junk(node) and not _date_box(node):
            node.decompose()


def _date_box(node: Tag) -> bool:
    """A byline or timestamp box holding only a date ("<div class="byline">March 16, 2021</div>"): left in place,
    because a digest's items are found by the date under each heading; no paragraph is read from it."""
    from site_builder.ingest.extract.dates import parse_date_line

    return (node.name in ("div", "span", "time") and node.find(_BLOCK_TAGS) is None and len(text_of(node)) <= 60
            and parse_date_line(text_of(node)) is not None)


def _body_blocks(soup: BeautifulSoup, ld: dict, dropped: list[tuple[str, str]]) -> tuple[list[Block], Tag]:
    """The body's paragraphs, and the element they were read from."""
    body = soup.body or soup
    root = (soup.find(attrs={"itemprop": "articleBody"}) or soup.find("article") or soup.find("main")
            or soup.find(attrs={"role": "main"}) or body)
    _without_embedded_posts(root, dropped)
    _strip(root)
    container = _densest(root) or root
    blocks: list[Block] = []
    in_related, ended = False, ""  # ended: why the rest is not the article ("- 30 -": a release's contacts follow)
    for node in container.find_all(_BLOCK_TAGS):
        if node.find(_BLOCK_TAGS):
            continue  # the inner block carries the text
        if not text_of(node) or _link_density(node) > 0.6:
            continue
        for text in broken_paragraphs(node):
            kind, why = classify_why(text)
            if kind == CONTENT and in_related and is_title_like(text):
                kind, why = RELATED, "a headline in a 'related' list"
            in_related = kind == RELATED or in_related and kind != CONTENT
            if kind != CONTENT or ended:
                dropped.append((text, why or ended))
                if why == "an end mark":
                    ended = "after the end mark that closes the release"
                elif why == END_SECTION and blocks:  # "Notes to editors" under the body: the rest is notes
                    ended = f"under '{text}', after the article"
                continue
            in_related = False
            blocks.append(Block(text, getattr(node, "sourceline", None) or 0))
    if not blocks and isinstance(ld.get("articleBody"), str):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", ld["articleBody"]) if p.strip()]
        blocks = [Block(p, 0) for p in paragraphs if classify(p) == CONTENT]
    if not blocks:
        # Text laid out with <br> or bare <div>s: read it as a text dump.
        from site_builder.ingest.split.reflow import reflow

        blocks = [b for b in reflow(container.get_text("\n")) if classify(b.text) == CONTENT and len(b.text.split()) > 3]
    return blocks, container


_EMBED_CLASS = re.compile(r"(?:^|[-_\s])(?:twitter-tweet|twitter-timeline|instagram-media|tiktok-embed|fb-post|"
                          r"bluesky-embed|reddit-embed|telegram-post|threads-post|mastodon-embed)(?:$|[-_\s])", re.I)
# "— Jane Doe (@jdoe) April 4, 2023": the signature an embedded post carries under its text
_POST_SIGNATURE = re.compile(r"[—–-]\s*[^()@]{1,60}\(@\w{1,30}\)")


def _without_embedded_posts(root: Tag, dropped: list[tuple[str, str]]) -> None:
    """Posts from social networks embedded in the body (by their class, or a quotation signed "— Name (@handle)"):
    what someone posted, not the article's text. Each is kept in the review record."""
    for node in root.find_all("blockquote"):
        if getattr(node, "decomposed", False) or node.parent is None:
            continue
        names = " ".join(node.get("class") or [])
        text = text_of(node)
        if _EMBED_CLASS.search(names) or _POST_SIGNATURE.search(text):
            dropped.append((text, "an embedded social media post"))
            node.decompose()


def _link_density(node: Tag) -> float:
    text = len(text_of(node)) or 1
    links = sum(len(text_of(a)) for a in node.find_all("a"))
    return links / text


def _densest(root: Tag) -> Tag | None:
    """The element whose direct paragraphs hold the most text: the article body, not the page around it."""
    scores: dict[int, tuple[int, Tag]] = {}
    for p in root.find_all("p"):
        parent = p.parent
        if parent is None:
            continue
        length = len(text_of(p))
        if length < 25:
            continue
        score, _ = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (score + length, parent)
    if not scores:
        return None
    best_score, best = max(scores.values(), key=lambda x: x[0])
    # Paragraphs split over sibling wrappers, each paragraph maybe several wrappers deep
    # ("<div><div><div><p>"): climb to the nearest ancestor that holds much more paragraph text,
    # through wrappers that hold no more than the node itself.
    node = best
    while node is not root and node.parent is not None:
        up, total = node.parent, best_score
        for _ in range(_WRAPPERS):
            total = sum(len(text_of(p)) for p in up.find_all("p") if len(text_of(p)) >= 25)
            if total > best_score or up is root or up.parent is None:
                break
            up = up.parent
        if total <= best_score * 1.4:
            break
        node, best_score = up, total
    return node
