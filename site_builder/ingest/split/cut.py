"""Cut a text dump into articles (each one's header is read by ``top``).

Dumps concatenate articles with no separator. An article starts where a
dateline opens a paragraph ("PRAGUE — "), where a headline is followed
within a few paragraphs by a byline or a date line, or after end matter
("X contributed to this report.", "Tag - ..."), whatever comes first once
the current article has a body; inside a live blog (a LIVE badge, "Key events",
an "as it happened" headline) a post's headline and stamp start nothing. Entries
of a reading list (headline, outlet, dated reading time) go with the furniture.
Furniture is dropped on the way, and a
fragment too short to be an article (a stray prompt the rules did not know)
is dropped with a note rather than becoming a draft.
"""

from __future__ import annotations

import re

from site_builder.ingest.article import Block, RawArticle
from site_builder.ingest.extract.dates import find_dates, numeric_order
from site_builder.ingest.split.clean import (
    CONTENT,
    END,
    FURNITURE,
    RELATED,
    classify_why,
    is_credit,
    is_publisher_voice,
    is_url,
    publisher_hint,
    reporting_from,
    words,
)
from site_builder.ingest.split.furniture import RELATIVE, drop_repeats, mostly_english
from site_builder.ingest.split.labelled import foreign_and_labelled, record_headers, without_closing_headlines
from site_builder.ingest.split.top import HEADER_ZONE, read_header, sentence_like
from site_builder.ingest.split.header import (
    byline,
    date_line,
    dateline,
    dateline_years,
    is_header_item,
    is_title_like,
    stamp_dates,
    without_author_note,
    without_opening_subheading,
)

_LIVE_MARK = re.compile(r"^(?:live|live updates?|live blog|live coverage|key events|show key events only)\W*$", re.I)
_LIVE_TITLE = re.compile(r"\b(?:as it happened|live updates?|live blog|live coverage)\b|^live\s*[:|–—-]", re.I)
MIN_WORDS = 40  # fewer words of body than this is a fragment, not an article
LOOKAHEAD = 3  # paragraphs a byline or date may sit below its headline


def split_articles(blocks: list[Block], source: str) -> tuple[list[RawArticle], list[str]]:
    """Articles found in the paragraphs of one text source, and notes on what was dropped."""
    kept: list[tuple[Block, str]] = []
    hints: list[tuple[int, str]] = []  # (index in kept, publisher named by furniture)
    places: list[tuple[int, str]] = []  # (index in kept, "Reporting from Tbilisi")
    in_related = False
    after_credit = False
    dropped: list[tuple[int, str, str]] = []  # (index in kept, line, reason)
    found = [classify_why(block.text) for block in blocks]
    kinds, reasons = [k for k, _ in found], [r for _, r in found]
    english = mostly_english([b.text for b in blocks])
    foreign_and_labelled(blocks, kinds, reasons, english)
    entries = _reading_list_entries(blocks, kinds, reasons)
    records = record_headers(blocks, kinds, reasons)
    opened: dict[int, object] = {}  # index in kept of a record's first line: the date its header gives
    for i in range(1, len(blocks) - 1):
        # A paragraph in the publisher's "we" voice between two pieces of a pitch is part of the pitch.
        if kinds[i] == CONTENT and kinds[i - 1] == FURNITURE and kinds[i + 1] == FURNITURE and is_publisher_voice(blocks[i].text):
            kinds[i], reasons[i] = FURNITURE, "the publisher's own pitch"
    for number, (block, kind, reason) in enumerate(zip(blocks, kinds, reasons)):
        if number in records:
            opened[len(kept)] = records[number]
        if kind == CONTENT and after_credit and not block.text.rstrip().endswith((".", "!", "?", "”", "\"", "’")):
            kind, reason = FURNITURE, "the caption under a picture credit"
        after_credit = kind == FURNITURE and is_credit(block.text)
        place = reporting_from(block.text)
        hint = publisher_hint(block.text)
        if hint:
            hints.append((len(kept), hint))
        if kind == RELATED:
            in_related = True
            dropped.append((len(kept), block.text, reason))
            continue
        if in_related and kind == CONTENT and is_title_like(block.text):
            dropped.append((len(kept), block.text, "a headline in a 'related' list"))
            continue
        in_related = False
        if kind != FURNITURE:
            kept.append((block, kind))
            if kind == END:
                dropped.append((len(kept) - 1, block.text, reason))
        else:
            dropped.append((len(kept), block.text, reason))
            if place:
                places.append((len(kept), place))
    segments: list[list[Block]] = []
    starts: list[int] = []
    current: list[Block] = []
    body_words = 0  # words in the current article that are not header lines
    live_marks = {i for i, line, _ in dropped if _LIVE_MARK.match(line.strip())}
    live = False  # inside a live blog: its posts' headlines and time stamps start no article
    for index, (block, kind) in enumerate(kept):
        live = live or index in live_marks or bool(_LIVE_TITLE.search(block.text) and is_title_like(block.text))
        if kind == END and body_words < MIN_WORDS and current:
            continue  # end matter above any body ("Copyright © AFP" under a headline) ends nothing
        if kind == END:
            if current:
                segments.append(current)
                starts.append(index - len(current))
            current, body_words, live = [], 0, False
            continue
        if current and index in opened or body_words >= MIN_WORDS and not live and _starts_article(kept, index):
            segments.append(current)
            starts.append(index - len(current))
            current, body_words = [], 0
        current.append(block)
        if not (is_title_like(block.text) or is_header_item(block.text, loose=True)):
            body_words += words(block.text)
    if current:
        segments.append(current)
        starts.append(len(kept) - len(current))

    articles: list[RawArticle] = []
    notes: list[str] = []
    order = numeric_order([b.text for b in blocks])  # "03/04/2024" read as the page's other dates are written
    file_hints = sorted({h for _, h in hints})
    for segment, start in zip(segments, starts):
        article = read_header(segment, source, order, tuple(file_hints))
        article.published = article.published or opened.get(start)  # a record's "Date:" field
        before = len(article.blocks)
        article.blocks = _without_headline_runs(article.blocks, article.dropped)
        without_opening_subheading(article)
        without_closing_headlines(article)
        without_author_note(article)
        body_words = sum(words(b.text) for b in article.blocks)
        listed = before - len(article.blocks) >= 3 and body_words < MIN_WORDS
        if listed or body_words >= MIN_WORDS and not any(sentence_like(b.text) for b in article.blocks):
            notes.append(f"{source}:{segment[0].line}: skipped a list of headlines (\"{_short(segment[0].text)}\"): "
                         "a reading list or topic page holds no article of its own")
            continue
        if body_words < MIN_WORDS:
            if body_words or article.title:
                notes.append(f"{source}:{segment[0].line}: skipped a fragment of {body_words} words "
                             f"(\"{_short(segment[0].text)}\"); it is too short to be an article")
            continue
        if not article.dateline:
            article.dateline = next((p for i, p in places if start <= i <= start + len(segment)), "")
        own = [h for i, h in hints if start <= i <= start + len(segment)]
        if article.publisher:
            pass  # named in the dateline: "TALLINN (Baltic Ledger) —"
        elif own:
            article.publisher = own[0]
        elif len(file_hints) == 1:
            article.publisher = file_hints[0]
            if len(segments) > 1:
                article.notes.append(f"publisher: named by page furniture elsewhere in {source}")
        article.blocks = drop_repeats(article.blocks, article.dropped)
        article.dropped[:0] = [(line, why) for i, line, why in dropped
                               if start <= i <= start + len(segment) and not any(line == l for l, _ in article.dropped)]
        top = [line for i, line, why in dropped if start <= i <= start + HEADER_ZONE and why == "a reading time"]
        for line in top[:1] if article.published is None and not entries else []:  # "30 November 2019 · 18 min read"
            article.published = date_line(line)
        for line, why in article.dropped:
            stamped, changed = stamp_dates(line) if words(line) <= 12 else (None, None)
            article.updated = article.updated or changed  # "Atualizado 16.nov.2022 | 09h05", whatever dropped it
            if why.startswith("an 'Updated' line"):  # "Updated May 10, 2024 / Published May 9, 2024"
                article.published = article.published or stamped
            if why.startswith("a byline line") and not article.author:  # "Autor: Mihai Popescu"
                article.author = re.split(r"\s*[|·•]\s*", line.partition(":")[2].strip())[0]
        articles.append(article)
    if entries and not articles:
        notes.append(f"{source}:{blocks[entries[0]].line}: skipped a list of headlines: "
                     "a reading list or topic page holds no article of its own")
    if articles:  # furniture above the first article belongs to it
        first = articles[0]
        first.dropped[:0] = [(line, why) for i, line, why in dropped if i < starts[0]]
    # A newsletter's items: the issue line dates each one that gives no date of its own, in any place of the dump.
    issues = ({h.date for _, line, why in dropped if why == "an issue line" for h in find_dates(line) if h.date}
              or {h.date for _, line, why in dropped if why == "an e-mail header line" and re.match(r"(?i)(?:date|sent)\s*:", line)
                  for h in find_dates(line) if h.date})  # else the day the e-mail was sent
    for article in articles:
        issue = [h.date for line, why in article.dropped if why == "an issue line" for h in find_dates(line) if h.date]
        issue = issue or (sorted(issues) if len(issues) == 1 else [])
        if article.published is None and issue:
            article.published = issue[0]
            article.notes.append("published: the date of the newsletter issue it appeared in")
        relative = [line for line, why in article.dropped if why == RELATIVE]
        if article.published is None and relative:
            article.notes.append(f"published: the page dates it only as \"{relative[0]}\", counted from a day it does not give")
    dateline_years(articles)
    if len(articles) > 1:
        for number, article in enumerate(articles, 1):
            article.source = f"{source}#{number}"
    return articles, notes


def _reading_list_entries(blocks: list[Block], kinds: list[str], reasons: list[str]) -> list[int]:
    """Entries of a reading list: "Headline" / "Outlet" / "Fri, Dec 6, 2024 · 3 min read", two or more of them.

    One dated reading time is an article's own header; several are a list of other stories, and the
    headline and outlet lines above each one go with it.
    """
    dated = [i for i, block in enumerate(blocks) if reasons[i] == "a reading time" and find_dates(block.text)]
    if len(dated) < 2:
        return []
    for i in dated:
        for j in (i - 1, i - 2):
            if j < 0 or kinds[j] != CONTENT or sentence_like(blocks[j].text) or words(blocks[j].text) > 20:
                break
            kinds[j], reasons[j] = FURNITURE, "an entry of a reading list (headline, outlet, date)"
    return dated


def _without_headline_runs(blocks: list[Block], dropped: list[tuple[str, str]]) -> list[Block]:
    """The body without runs of two or more headlines (a reading list inside a page); a lone subheading stays.

    A short line beside a run that opens as its neighbour does ("45:10 Listener questions" under
    "38:30 Attribution ...") is one more entry, and a word or three right above a run is its heading
    ("Links", "Chapters")."""
    headline = [is_title_like(b.text) and not sentence_like(b.text) and words(b.text) >= 4 for b in blocks]
    run = [headline[i] and ((i and headline[i - 1]) or (i + 1 < len(blocks) and headline[i + 1])) for i in range(len(blocks))]
    for i in range(len(blocks)):
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(blocks) and run[j]]
        if not run[i] and near and _unpunctuated(blocks[i].text, 8) and _opening(blocks[i].text) \
                and _opening(blocks[i].text) == _opening(blocks[near[0]].text):
            run[i] = True
    kept = []
    for i, block in enumerate(blocks):
        if run[i]:
            dropped.append((block.text, "a headline in a list of other stories"))
        elif i + 1 < len(blocks) and run[i + 1] and _unpunctuated(block.text, 3):
            dropped.append((block.text, "the heading of a list of other stories"))
        else:
            kept.append(block)
    return kept


def _unpunctuated(text: str, most: int) -> bool:
    text = text.strip()
    return 1 <= words(text) <= most and not text.endswith((".", "!", "?", "”", "\"", ":", ","))


def _opening(text: str) -> str:
    """The shape of a line's first word when it is a number or a time ("45:10" -> "00:00"), else ''."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return re.sub(r"\d", "0", first) if re.fullmatch(r"[\d:.)]+", first) else ""


def _short(text: str, n: int = 50) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _starts_article(kept: list[tuple[Block, str]], index: int) -> bool:
    text = kept[index][0].text
    if dateline(text):
        return True
    if not is_title_like(text):
        return False
    following = [b.text for b, _ in kept[index + 1: index + 2]]
    if byline(text, loose=True) and following and date_line(following[0]):
        return False  # "Kelvin Chan" above its date: a byline, not a headline
    for block, kind in kept[index + 1: index + 1 + LOOKAHEAD]:
        if kind == END:
            return False
        if date_line(block.text) or byline(block.text) or is_url(block.text) or dateline(block.text):
            return True  # a headline over a byline, a date, an address or a datelined first paragraph
        if byline(block.text, loose=True) and any(date_line(b.text) for b, _ in kept[index + 1: index + 2 + LOOKAHEAD]):
            return True
    return False
