"""The top of an article cut from a dump: title, standfirst, author, date and address; the rest is body.

Kept apart from ``cut`` (which finds where articles start) because it reads one article at a
time: which line is the headline among the site's masthead, menus, section lines and the
reader's visit date above it, and which lines under it are its byline and date.
"""

from __future__ import annotations

import re

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.extract.dates import ambiguous_numeric, find_dates
from site_builder.ingest.split.clean import is_url, sentence_like, words
from site_builder.ingest.split.header import (byline, byline_place, date_line, dateline, is_header_item, is_title_like,
                                              stamp_dates, take_dateline)

HEADER_ZONE = 6  # paragraphs at the top of an article that may hold its header


def _in_order(when, text: str, order: str, notes: list[str]):
    """A date line's "03/04/2024" read in the page's own order, or day first and flagged for review."""
    hit = ambiguous_numeric(text)
    if hit is None or hit.date != when:
        return when
    if order == "mdy":
        return when.replace(month=when.day, day=when.month)
    if order != "dmy":
        notes.append(f"published: \"{hit.text}\" reads either way; taken day first ({when:%-d %B %Y}), "
                     "nothing else on the page says which")
    return when


def read_header(blocks: list[Block], source: str, order: str = "", sites: tuple[str, ...] = ()) -> RawArticle:
    """Title, standfirst, author, date and address from the top of an article; the rest is body.

    ``sites``: the outlet's names that furniture elsewhere in the dump gives ("© 2017 Example News").
    """
    article = RawArticle(source=source)
    while len(blocks) > 1 and _masthead_line(blocks[0].text) and any(
            is_title_like(b.text) and not _shouted(b.text) for b in blocks[1:HEADER_ZONE]):
        article.dropped.append((blocks[0].text, "the site's masthead above the headline"))
        blocks = blocks[1:]
    anchor = _headline_index(blocks, sites)
    if anchor > 0:  # masthead, the reader's visit date, menus: the site's header above the headline
        article.dropped += [(b.text, "the site's header above the headline") for b in blocks[:anchor]]
        blocks = blocks[anchor:]
    else:
        blocks = _without_masthead(blocks, article.dropped)
    places: list[str] = []  # "By Jane Doe in Riga"
    zone_end = -1
    for i, block in enumerate(blocks[:HEADER_ZONE]):
        if dateline(block.text):
            break
        loose = i > 0 and (is_title_like(blocks[i - 1].text) or bool(date_line(blocks[min(i + 1, len(blocks) - 1)].text))
                           or bool(date_line(blocks[i - 1].text)))
        if is_header_item(block.text, loose=loose):
            zone_end = i
    header: list[Block] = []
    dated_after_title = False
    if zone_end >= 0:
        header, body = blocks[: zone_end + 1], blocks[zone_end + 1:]
        for i, block in enumerate(header):
            text = block.text
            when = date_line(text)
            loose = i > 0 or zone_end == 0
            found = None if when or not article.title and _menu_like(text) else byline(text, loose=loose)
            address = is_url(text)
            stamped, changed = stamp_dates(text) if when else (None, None)
            article.updated = article.updated or changed
            if when and changed and not stamped:
                pass  # "Updated Oct. 2, 2025": never the published date
            elif when:
                when = _in_order(stamped or when, text, order, article.notes)
                # A date above the headline is often the site header's (the reader's visit): one under it wins.
                if article.published is None or (article.title and not dated_after_title):
                    article.published = when
                dated_after_title = dated_after_title or bool(article.title)
            elif found:
                article.author = article.author or found[0]
                article.published = article.published or found[1]
                article.updated = article.updated or stamp_dates(text)[1]  # "By X | Updated 14:03 IST, 30 May 2024"
                place = byline_place(text)
                if place:
                    places.append(place)
            elif address:
                article.url = article.url or address
            elif len(text.split()) <= 2 and not text.endswith((".", "?", "!")) or not article.title and _menu_like(text):
                article.dropped.append((text, "a menu or section word above the headline"))
                continue
            elif not article.title and is_title_like(text):
                article.title = text
            elif not article.standfirst:
                article.standfirst = text
            else:
                body.insert(0, block)  # more than a header holds: treat as text
    else:
        body = list(blocks)
        if len(body) > 1 and is_title_like(body[0].text) and not dateline(body[0].text):
            article.title = body.pop(0).text
            if len(body) > 1 and _standfirst_like(body[0].text, body[1].text):
                article.standfirst = body.pop(0).text
    if not article.title and len(body) > 1 and is_title_like(body[0].text) and not dateline(body[0].text) \
            and dateline(body[1].text):  # a headline right above the datelined first paragraph, under a byline
        article.title = body.pop(0).text
    article.blocks = [b for b in take_dateline(article, body) if b.text.strip()]
    article.dateline = article.dateline or (places[0] if places else "")
    if article.published is None:
        article.published = _date_above_headline(article.dropped)
    return article


def _date_above_headline(dropped: list[tuple[str, str]]):
    """The date of a short line between the site's menu and the headline ("General News of Friday, 13 March
    2020"), where some sites print the article's date; a date above the menu is the reader's visit."""
    above = [text for text, why in dropped if why == "the site's header above the headline"]
    menus = [i for i, text in enumerate(above) if _menu_like(text)]
    for text in above[menus[-1] + 1:] if menus else []:
        found = [h.date for h in find_dates(text) if h.kind == "absolute"]
        if found and words(text) <= 12 and not sentence_like(text):
            return found[0]
    return None


def _without_masthead(blocks: list[Block], dropped: list[tuple[str, str]]) -> list[Block]:
    """The blocks from the headline on, when the site's masthead, menu and section or date lines sit above it.

    With no byline or date under the headline, the headline is the line right above the first
    running paragraph; the lines above it are the site's when each is a name of a word or two,
    a menu, or a short line carrying a date ("General News of Friday, 13 March 2020").
    """
    first = next((i for i, b in enumerate(blocks[:HEADER_ZONE + 2]) if sentence_like(b.text)), -1)
    if first < 2 or not is_title_like(blocks[first - 1].text) or words(blocks[first - 1].text) < 4:
        return blocks
    above = blocks[:first - 1]
    if not all(_masthead_like(b.text) for b in above) or not any(_site_name_or_menu(b.text) for b in above):
        return blocks
    dropped.extend((b.text, "the site's header above the headline") for b in above)
    return blocks[first - 1:]


def _site_name_or_menu(text: str) -> bool:
    return words(text) <= 2 or _menu_like(text)


def _masthead_like(text: str) -> bool:
    """A site name, a menu or a short section or date line: what a site prints above every headline."""
    if _site_name_or_menu(text):
        return True
    return words(text) <= 10 and not sentence_like(text) and any(h.kind == "absolute" for h in find_dates(text))


def _headline_index(blocks: list[Block], sites: tuple[str, ...] = ()) -> int:
    """The last headline in the top blocks that a date line or byline follows, before any body paragraph.

    A title-like line right above it makes it a standfirst, unless that line names the site ("Example
    News — English"): a masthead, not a headline."""
    found = 0
    for i, block in enumerate(blocks[:HEADER_ZONE + 2]):
        if words(block.text) >= 25 or dateline(block.text):
            break
        following = [b.text for b in blocks[i + 1:i + 3]]
        above = blocks[i - 1].text if i else ""
        above = "" if any(above.startswith(site) for site in sites) or _shouted(above) and not _shouted(block.text) else above
        dated = bool(following) and _under_headline(following[0])
        # "Headline" / "A standfirst of a sentence or two" / "14 October 2025": the date sits under the standfirst.
        dated = dated or (len(following) > 1 and 5 <= words(following[0]) <= 60 and not dateline(following[0])
                          and not _under_headline(following[0]) and _under_headline(following[1]))
        if (i and is_title_like(block.text) and dated and not _menu_like(block.text)
                and words(block.text) >= 4 and not (is_title_like(above) and words(above) >= 4 and not _menu_like(above)
                                                    and not _NUMBERED.match(above))):  # "3. Reading": a list's item
            found = i  # (a title-like line under a headline is its standfirst)
    return found


def _shouted(text: str) -> bool:
    """In capitals up to any dash ("GULF LEDGER — ENGLISH EDITION", "RIVER POST — English"): a masthead's
    lettering, not a headline's, when the line under it is in ordinary case."""
    cased = [c for c in re.split(r"\s[—–|-]\s", text)[0] if c.isupper() or c.islower()]
    return len(cased) >= 4 and all(c.isupper() for c in cased)


def _masthead_line(text: str) -> bool:
    """A site's name in capitals, with its edition after a dash ("LA VOCE — English edition", "CONO SUR
    DIGEST"): a few words, where a headline set in capitals runs longer."""
    return _shouted(text) and words(re.split(r"\s[—–|-]\s", text)[0]) <= 4 and not sentence_like(text)


_NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
_SMALL_WORDS = frozenset("a an the of in on to for and or with over as by at from after is are was says say".split())


def _menu_like(text: str) -> bool:
    """"Home  News  Analysis  Interviews": capitalised words only, no small word or punctuation a headline has."""
    tokens = text.split()
    return (len(tokens) >= 4 and all(t[:1].isupper() or t == "&" for t in tokens)
            and not any(t.lower() in _SMALL_WORDS for t in tokens) and not re.search(r"[,:;'’\"“”?!]", text))


def _under_headline(text: str) -> bool:
    """A date line, a byline, or names with a date ("Jane Doe  Chisinau  September 24, 2025")."""
    if date_line(text) or byline(text):
        return True
    found = byline(text, loose=True)
    return bool(found and found[1])


def _standfirst_like(text: str, following: str) -> bool:
    """A standfirst under a headline: one or two sentences, often without a full stop, before the body."""
    if words(text) > 60:
        return False
    if dateline(text):
        return False
    end = (".", "”", "\"", "?", "!", "’", ")", "…") if words(text) >= 25 else (".", "”", "\"")  # a long one is a lead
    return not text.rstrip().endswith(end) or bool(dateline(following))
