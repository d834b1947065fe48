"""Newsletter digests saved as web pages: several short items, each under its own dated headline.

A digest's archive page lays its items out one after another, each a heading with its
own date right under it, often below an "In this issue" list that repeats the headlines.
Read as one article it gets the issue line as its title and every item as one body, so
the page is cut at each dated heading instead. What stops a cut elsewhere: a report's
section headings carry no date, a live blog's posts carry times and the page says it is
a live blog, and a list of other stories (a heading and a date, no text) is not an item.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from bs4 import Tag

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.extract.dates import parse_date_line
from site_builder.ingest.split.clean import CONTENT, classify_why

_HEADINGS = ("h2", "h3", "h4")
_TEXT_TAGS = ("p", "li", "blockquote", *_HEADINGS)
_LEAVES = (*_TEXT_TAGS, "div", "span", "time")
MIN_ITEM_WORDS = 25
_LIVE = re.compile(r"liveblog|\blive\b|as it happened", re.I)  # an item with less text than this is a headline in a list, not an article


@dataclass
class Item:
    title: str
    published: dt.date
    blocks: list[Block] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)


def _leaves(container: Tag) -> list[Tag]:
    """Elements holding text and no other text element, in reading order."""
    return [node for node in container.find_all(_LEAVES) if node.get_text(strip=True) and not node.find(_LEAVES)]


def _links_away(node: Tag) -> bool:
    """A heading that is a link: an entry of a topic page or a list of other stories, not an item of this page."""
    linked = sum(len(a.get_text(strip=True)) for a in node.find_all("a"))
    return linked > 0.6 * len(node.get_text(strip=True))


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def digest_items(container: Tag, page_kind: str) -> tuple[list[Item], list[tuple[str, str]]]:
    """The items of a digest (two or more), and the lines above the first one; ([], []) for any other page.

    ``page_kind`` is the page's JSON-LD type and its title: a live blog says so in one of them.
    The body's container is read first, then the whole page (items laid out in table cells
    or sibling boxes, where the container holds only one of them).
    """
    if _LIVE.search(page_kind):
        return [], []
    items, above, starts = _items(_leaves(container))
    if items or starts != 1:
        return items, above
    top = container  # the container is one dated item: the others are its siblings elsewhere on the page
    while top.parent is not None:
        top = top.parent
    return _items(_leaves(top))[:2]


def _items(leaves: list[Tag]) -> tuple[list[Item], list[tuple[str, str]], int]:
    """The items, the lines above the first, and how many dated headings were seen."""
    # (first leaf of the item, the heading, the first leaf of its text, its date): the date under or above the heading
    starts: list[tuple[int, int, int, dt.date]] = []
    for i, node in enumerate(leaves[:-1]):
        if node.name in _HEADINGS and not _links_away(node):
            below = parse_date_line(_text(leaves[i + 1]))
            above = parse_date_line(_text(leaves[i - 1])) if i and not below else None
            if below or above:
                starts.append((i - 1 if above else i, i, i + 2 if below else i + 1, below or above))
    tags = [leaves[heading].name for _, heading, _, _ in starts]
    starts = [start for start in starts if leaves[start[1]].name == max(set(tags), key=tags.count)]  # one level
    own_text = sum(len(_text(n).split()) for n in leaves[:starts[0][0]] if n.name == "p") if starts else 0
    if len(starts) < 2 or own_text >= 60:
        return [], [], len(starts)  # (text of its own above the first: an article with dated teasers under it)
    items: list[Item] = []
    above_first = [(_text(n), "the digest's contents and introduction above its first item")
                   for n in leaves[:starts[0][0]] if n.name in _TEXT_TAGS]
    for number, (_, heading, first, when) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(leaves)
        item = Item(_text(leaves[heading]), when)
        tail = _trailing_heading(leaves[first:end])
        for at, node in enumerate(leaves[first:end]):
            if node.name not in _TEXT_TAGS:
                continue
            text = _text(node)
            kind, why = classify_why(text)
            if tail is not None and at >= tail:
                kind, why = "furniture", "a heading and list after the item's last paragraph"
            if kind == CONTENT:
                item.blocks.append(Block(text, getattr(node, "sourceline", None) or 0))
            else:
                item.dropped.append((text, why))
        items.append(item)
    real = [item for item in items if sum(len(b.text.split()) for b in item.blocks) >= MIN_ITEM_WORDS]
    if len(real) < 2:
        return [], [], len(starts)
    return real, above_first, len(starts)


def _trailing_heading(nodes: list[Tag]) -> int | None:
    """Where the matter after an item's text starts: a heading with no running paragraph under it
    ("Also noted" over a list of links, the footer), or None."""
    running = [i for i, node in enumerate(nodes) if node.name in ("p", "blockquote") and _running(_text(node))]
    last = running[-1] if running else -1
    return next((i for i, node in enumerate(nodes) if i > last and node.name in _HEADINGS), None)


def _running(text: str) -> bool:
    return len(text.split()) >= 12 and text.rstrip().endswith((".", "!", "?", "”", "\""))


def as_articles(page: RawArticle, items: list[Item], above: list[tuple[str, str]]) -> list[RawArticle]:
    """One article per item, sharing the page's publisher, author and address; the issue's own blurb is not theirs."""
    articles = []
    seen = {line for line, _ in page.dropped}
    above = [(line, why) for line, why in above if line not in seen]
    for number, item in enumerate(items, 1):
        article = replace(page, source=f"{page.source}#{number}", title=item.title, standfirst="", published=item.published,
                          updated=None, blocks=item.blocks, notes=list(page.notes),
                          dropped=(list(page.dropped) + above if number == 1 else []) + item.dropped)
        articles.append(article)
    return articles


def is_story_list(container: Tag) -> bool:
    """A topic page or an aggregator: three or more linked headlines, each with a date or a teaser, and no text of its own above them.

    The container found may be only the list's first entry (an ``<article>`` per headline): a short
    container whose own headline links away is judged with the list around it.
    """
    if _is_list(container):
        return True
    entry = container.find(_HEADINGS)
    if entry is None or not _links_away(entry) or len(_text(container).split()) > 80:
        return False
    for parent in list(container.parents)[:3]:
        if parent.name in ("body", "html", "[document]"):
            break
        if _is_list(parent):
            return True
    return False


def _is_list(container: Tag) -> bool:
    leaves = _leaves(container)
    linked = [i for i, node in enumerate(leaves) if node.name in _HEADINGS and _links_away(node)]
    if len(linked) < 3:
        return False
    own = sum(len(_text(n).split()) for n in leaves[:linked[0]] if n.name in ("p", "blockquote"))
    return own < 60
