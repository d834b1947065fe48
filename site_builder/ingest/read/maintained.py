"""What a maintained extractor finds in a saved page: trafilatura's body, htmldate's dates.

Our own reader (``html.py``) trusts the page's metadata; these fill the gaps:
the body when our container misses most of it (``<br>`` blogs, script-built
pages), the published date when no metadata names it, and the updated date.
Imported lazily, so text dumps never pay for loading them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.extract.localdates import UPDATED_WORDS
from site_builder.ingest.split.clean import CONTENT, classify_why
from site_builder.ingest.split.furniture import drop_repeats, is_foreign, mostly_english

_UPDATED_LINE = re.compile(rf"\b{UPDATED_WORDS}\b", re.I)


def _iso(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def better_body(article: RawArticle, ours: list[Block], html: str, modified: dt.date | None) -> list[Block]:
    """Per field, the better of our reading and trafilatura's: its body when ours misses most of it, its dates as fallback."""
    their_drops: list[tuple[str, str]] = []
    theirs, published, updated = extract_page(html, their_drops)
    article.published = article.published or published
    article.updated = modified if modified and article.published and modified > article.published else updated
    theirs = [p for p in theirs if p not in (article.title, article.standfirst)]
    blocks = ours
    if sum(map(len, theirs)) > 1.6 * sum(len(b.text) for b in ours) + 200:
        blocks = [Block(p, 0) for p in theirs]
        article.dropped.extend(d for d in their_drops if d not in article.dropped)
    if mostly_english([b.text for b in blocks]):
        for block in [b for b in blocks if is_foreign(b.text)]:
            article.dropped.append((block.text, "a line in another language than the article (menus, banners)"))
            blocks.remove(block)
    return drop_repeats(blocks, article.dropped)


def extract_page(html: str, dropped: list[tuple[str, str]] | None = None) -> tuple[list[str], dt.date | None, dt.date | None]:
    """(body paragraphs without furniture, published, updated) as trafilatura and htmldate read them."""
    try:
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)
        from htmldate import find_date
        from trafilatura import bare_extraction
    except ImportError:  # an install without the extractor still reads pages with our own rules
        return [], None, None
    try:
        found = bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
        original = _iso(find_date(html, original_date=True, extensive_search=False))
        latest = _iso(find_date(html, original_date=False, extensive_search=False))
    except Exception:  # the extractor must never stop an ingest; our own reading stands
        return [], None, None
    text = getattr(found, "text", "") or ""
    paragraphs: list[str] = []
    for line in (" ".join(line.split()) for line in text.split("\n")):
        if line and paragraphs and (line[0].islower() or not paragraphs[-1].endswith((".", "!", "?", "”", "\"", ":"))) \
                and len(paragraphs[-1].split()) > 8 and classify_why(paragraphs[-1])[0] == CONTENT \
                and not _ends_with_date(paragraphs[-1]) \
                and not broken_in_page(html, paragraphs[-1], line):  # a caption ends unstopped; a stamp line ends with its date
            paragraphs[-1] += " " + line  # a line the page's source wrapped mid-sentence
        elif line:
            paragraphs.append(line)
    kept = []
    for p in filter(None, paragraphs):
        kind, why = classify_why(p)
        if kind == CONTENT:
            kept.append(p)
        elif dropped is not None:
            dropped.append((p, why))
    paragraphs = kept
    published = _iso(getattr(found, "date", None)) or original
    if published and _date_only_in_updated_line(html, published):
        published = None
    updated = latest if latest and published and latest > published else None
    return paragraphs, published, updated


# A paragraph break in a page's markup: two line breaks, or a block element opening or closing.
_PAGE_BREAK = re.compile(r"<br\s*/?>(?:\s|<(?!br\b)[^>]*>)*<br\b|</?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|"
                         r"header|footer|figure|figcaption|table|tr|td|pre|aside)\b", re.I)


def broken_in_page(html: str, before: str, after: str) -> bool:
    """Whether the page puts a paragraph break between two lines the extractor gave (``before``'s last word,
    ``after``'s first): such lines are never joined, whatever their punctuation."""
    last, first = before.split()[-1], after.split()[0]
    for m in re.finditer(rf"{re.escape(last)}((?:\s|<[^>]*>)*){re.escape(first)}", html):
        if _PAGE_BREAK.search(m.group(1)):
            return True
    return False


def _ends_with_date(line: str) -> bool:
    """"Posted by Jane Doe on Friday, 6 December 2019": a short line ending with a full date is a stamp, not
    the first half of a wrapped sentence (the extractor keeps it apart from the paragraph under it)."""
    from site_builder.ingest.extract.dates import find_dates

    stripped = line.rstrip(" .")
    hits = [h for h in find_dates(stripped) if h.kind == "absolute"]
    return len(line.split()) <= 14 and bool(hits) and hits[-1].end >= len(stripped) and bool(re.search(r"\d{4}$", stripped))


def _date_only_in_updated_line(html: str, day: dt.date) -> bool:
    """True when every visible mention of ``day`` sits on an "Updated ..." line (not a publication date)."""
    text = re.sub(r"(?s)<(script|style)\b.*?</\1>|<meta[^>]*>", " ", html)
    text = re.sub(r"<[^>]+>", "\n", text)
    forms = {day.isoformat(), f"{day.day} {day:%B}", f"{day:%B} {day.day}", f"{day.day:02d}.{day.month:02d}.{day.year}",
             f"{day:%b} {day.day}", f"{day.day} {day:%b}"}
    lines = [line.lower() for line in text.splitlines() if any(f.lower() in line.lower() for f in forms)]
    # "Monday, August 27, 2018 — Updated Tuesday, August 28, 2018": the date before the label is the published one
    before = [_UPDATED_LINE.split(line, 1)[0] for line in lines]
    return bool(lines) and all(_UPDATED_LINE.search(line) and not any(f.lower() in head for f in forms)
                               for line, head in zip(lines, before))


_SHOWN_UPDATED = re.compile(rf"\b{UPDATED_WORDS}(?!\w)\s*(?:on|at|le|am|em|el|il|pada)?\s*[:：]?\s*(?P<rest>[^|·•]{{6,60}})", re.I)


_SHOWN_PUBLISHED = re.compile(r"\b(?:first )?(?:published|posted)\b\s*(?:on|at)?\s*:?\s*(?P<rest>[^|·•/]{6,60})", re.I)


def shown_updated(soup, label: re.Pattern = _SHOWN_UPDATED, near: dt.date | None = None) -> dt.date | None:
    """The date of an "Updated ..." line the page shows ("Updated Sept. 5, 2024, 9:02 a.m. ET | Published ...").

    Read before the byline and timestamp boxes are stripped as furniture. "Last Updated: January 28"
    without a year takes the year of ``near`` (the page's metadata date).
    """
    from site_builder.ingest.extract.dates import find_dates, parse_date_line, year_for

    for node in soup.find_all(string=label):
        if node.parent is not None and node.parent.name in ("script", "style", "title"):
            continue
        text = " ".join(str(node).split())
        if len(text) > 160:
            continue  # a sentence that mentions an update, not a date line
        m = label.search(text)
        found = parse_date_line(m.group("rest").strip()) if m else None
        partial = [h for h in find_dates(m.group("rest")) if h.kind == "partial"][:1] if m and near else []
        found = found or (year_for(partial[0].month, partial[0].day, near) if partial else None)
        if found:
            return found
    return None


def shown_published(soup) -> dt.date | None:
    """The date of a "Published ..." line the page shows, for a page whose metadata gives none
    ("Updated May 10, 2019 / Published May 9, 2019": the maintained extractor takes the first)."""
    return shown_updated(soup, _SHOWN_PUBLISHED)


UNDER_HEADLINE = 12  # strings of text under the headline where its date may sit, before the body


def date_under_headline(soup) -> dt.date | None:
    """The published date of a short line right under the page's headline ("Nai-post: Setyembre 23, 2020 - 8:05
    AM"), never an "Updated" one: where the article prints its own date, so it is read before htmldate's guess,
    which may take the reader's visit date from the site's top bar."""
    from site_builder.ingest.extract.localdates import parse_local_date
    from site_builder.ingest.split.header import stamp_dates

    headline = soup.find("h1")
    if headline is None:
        return None
    seen = 0
    for node in headline.find_all_next(string=True):
        if node.parent is None or node.parent.name in ("script", "style") or node.parent is headline or not node.strip():
            continue
        text = " ".join(node.parent.get_text(" ").split())  # "<span>March 3</span>, <span>2024</span>": the element's text
        text = text if len(text) <= 100 else " ".join(node.split())
        seen += 1
        if seen > UNDER_HEADLINE or len(text.split()) >= 25:
            return None  # the body has started
        found = stamp_dates(text)[0] if len(text) <= 100 else None
        if not found and len(text) <= 100 and not _UPDATED_LINE.search(text):
            found = parse_local_date(text, True, True)  # "Nai-post: Setyembre 23, 2020": any language's month names
        if found:
            return found
    return None

