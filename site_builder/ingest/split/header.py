"""The parts of an article that are not its body: title, standfirst, byline,
date line, source address and the dateline that opens the first paragraph.

Layouts differ ("By Jane Doe | 3 March 2025", "Kelvin Chan" then
"Friday 06 December 2024 07:43 EST", "LONDON (Reuters) - ", "CHIȘINĂU,
Moldova — "), but each part has a shape: a title is short and does not end
like a sentence, a byline is a few capitalised names, a date line holds
nothing but a date. These functions recognise the shapes; ``split`` decides
where each article starts from them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from site_builder.ingest.split.clean import is_url, sentence_like, words
from site_builder.ingest.extract.dates import MONTHS, find_dates, parse_date_line, year_for
from site_builder.ingest.extract.localdates import UPDATED_WORDS

_DASH = r"(?:—|–|--|-|‒|―)"
_MONTH_DAY = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-3]?\d"
# "PRAGUE — ", "CHIȘINĂU, Moldova — ", "LONDON (Reuters) - ", "WASHINGTON, D.C. — ", "Kyiv, Ukraine —", "Taipei (CNA) A"
_DATELINE = re.compile(
    rf"^(?P<place>[^\W\d_][^\W\d_.'’ -]*(?:[ .'’-]+[^\W\d_][^\W\d_.'’-]*){{0,3}}\.?)"
    rf"(?:,\s*(?P<region>[^\W\d_][\w.'’ -]{{1,30}}?))?"
    rf"(?:,\s*(?P<when>{_MONTH_DAY}))?"
    # the dash may be left out after a wire's name: "Taipei, April 5 (CNA) A group ..."
    rf"\s*(?:\((?P<agency>[^)]{{2,30}})\)\s*(?:{_DASH}\s+|(?<=\) )(?=[A-Z][a-z]* [a-z]))|{_DASH}\s+)(?P<rest>\S)",
)
# "By", or a label in another script than Latin before a name ("โดย Pim Sukhapan", "نویسنده: Parisa Ahmadi"):
# a word wholly in letters outside ASCII, where the names after it must still be a person's.
_BY = re.compile(r"^(?:by|written by|words by|text by|reporting by|von|par|por|[^\s\x00-\x7f\u00C0-\u024F]{2,}\s*[:：]?)\s+(?P<names>.+)$",
                 re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w’'.-]*)$")
_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "dos", "das", "del", "della", "ter", "af", "zu"}
_BYLINE_TAIL = re.compile(
    r"\s*(?:,|\bin\b|\bfor\b|\bat\b|\|)\s*(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}|(?:senior |chief |political |foreign |staff )*(?:writer|reporter|correspondent|editor|journalist)s?)\s*$"
)
_TITLE_END_OK = ("?", "!", "”", "\"", "’", "'", ")")
_SPLIT_PARTS = re.compile(r"\s+[|·•/]\s+|\s+[—–-]\s+(?=\S)")
_ROLE_WORDS = re.compile(r"\b(?:writer|reporter|correspondent|editor|journalist|staff|contributor|columnist)s?\b", re.IGNORECASE)


@dataclass
class Dateline:
    place: str
    country_hint: str
    length: int  # characters to strip from the paragraph
    agency: str = ""  # "LONDON (Reuters) -": the wire that filed it
    month_day: tuple[int, int] | None = None  # "LONDON, March 3 (Reuters) -"
    day: dt.date | None = None  # "October 23, 2023 - Ottawa, Ontario - ": the date written first


# "October 23, 2023 - Ottawa, Ontario - ", "27.03.2024 – Prague – ": a government release's date, then its place.
_DATE_FIRST = re.compile(rf"^(?P<when>[^\n]{{6,40}}?)\s+{_DASH}\s+(?P<place>[A-Z][\w.'’ -]{{1,30}}?)"
                         rf"(?:,\s*(?P<region>[A-Z][\w.'’ -]{{1,30}}?))?\s+{_DASH}\s+(?P<rest>\S)")


# Words of story text a dateline must open: "KHAVAR REVIEW — English" is a masthead, not a dateline.
_STORY_WORDS = 3


def dateline(text: str) -> Dateline | None:
    """The dateline opening a paragraph: ALL-CAPS place ("PRAGUE — "), or "Place, Country — ", when story
    text follows it (a site's name and its edition, "NEWS — English", open no story)."""
    found = _dateline(text)
    return found if found and len(text[found.length:].split()) >= _STORY_WORDS else None


def _dateline(text: str) -> Dateline | None:
    m = _DATELINE.match(text)
    if not m:
        first = _DATE_FIRST.match(text)
        when = parse_date_line(first.group("when")) if first and re.search(r"\d", first.group("when")) else None
        if not when:
            return None
        place = ", ".join(p.strip() for p in first.group("place", "region") if p)
        return Dateline(place, (first.group("region") or "").strip(), first.start("rest"), day=when)
    place, region = m.group("place").strip(), (m.group("region") or "").strip()
    when = (m.group("when") or "").strip()
    if re.fullmatch(_MONTH_DAY, region):
        region, when = "", region
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 3:
        return None
    all_caps = all(c.isupper() for c in letters)
    if not all_caps:
        # Title-case places only with a region after the comma ("Kyiv, Ukraine — ") or an agency.
        if not (region or m.group("agency")) or not place[0].isupper() or len(place.split()) > 3:
            return None
        if region and not region[0].isupper():
            return None
    if region and (len(region.split()) > 4 or not region[0].isupper()):
        return None
    name = _title_case(place) if all_caps else place
    full = f"{name}, {region}" if region else name
    month_day = None
    if when:
        month_name, day = when.split()
        month_day = (MONTHS.get(month_name.lower().rstrip("."), 0), int(day))
        month_day = month_day if month_day[0] and 1 <= month_day[1] <= 31 else None
    return Dateline(full, region, m.start("rest"), (m.group("agency") or "").strip(), month_day)


def _title_case(text: str) -> str:
    out = text.title()
    return re.sub(r"(?<=[’'])S\b", "s", out)


def strip_dateline(text: str) -> tuple[str, Dateline | None]:
    found = dateline(text)
    if not found:
        return text, None
    rest = text[found.length:].lstrip()
    return (rest[:1].upper() + rest[1:]) if rest else rest, found


def byline(text: str, loose: bool = False) -> tuple[str, dt.date | None] | None:
    """Author name(s) (and a date on the same line) when the paragraph is a byline.

    "By Jane Doe and John Roe", "By JANE DOE | 3 March 2025", "Jane Doe, Reuters",
    and with ``loose`` (next to a date line or under a title) a bare "Kelvin Chan".
    """
    stripped = text.strip()
    if len(stripped) > 160 or stripped.endswith((".", "?", "!")) and not stripped.endswith(("Jr.", "Sr.")):
        if not _BY.match(stripped):
            return None
    when = None
    parts = [p.strip() for p in _SPLIT_PARTS.split(stripped) if p.strip()]
    names_part = None
    for part in parts:
        date = parse_date_line(part) if re.search(r"\d", part) else None
        if date:
            label = _STAMP_LABEL.search(part)
            when = when or (None if label and label.group("upd") else date)  # "| Updated 30 May 2024": not published
            continue
        if names_part is None:
            names_part = part
    if names_part is None:
        return None
    # "The Balkan Lens / by Marko Stojanovski / Nov 4, 2016": the part that says "by" names the author
    names_part = next((p for p in parts if _BY.match(p)), names_part)
    if when is None:  # "Jane Doe  Chisinau  BIRN  September 24, 2025": columns whose spacing was lost
        last = [h for h in find_dates(names_part) if h.kind == "absolute"][-1:]
        if last and last[0].end >= len(names_part.rstrip(" .")) and last[0].start > 0:
            when, names_part = last[0].date, names_part[: last[0].start].strip(" ,|·•-–—")
    m = _BY.match(names_part)
    if m:
        names = m.group("names")
    elif loose:
        names = names_part
    else:
        return None
    names = _BYLINE_TAIL.sub("", names).strip(" ,")
    if m:  # "By Baltic Wire staff": the desk stands for its reporters
        names = re.sub(r"\s+(?:staff|reporters|correspondents|writers)$", "", names)
    names = re.sub(r"\s+(?:and|&)\s+", ", ", names)
    people = [n.strip() for n in names.split(",") if n.strip()]
    people = [p for p in people if not _ROLE_WORDS.fullmatch(p)]
    if not people or not all(_is_person_name(p) for p in people):
        return None
    people = [_title_case(p) if p.isupper() else p for p in people]
    if len(people) == 1:
        return people[0], when
    return ", ".join(people[:-1]) + " and " + people[-1], when


def _is_person_name(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(token) or not token[0].isupper():
            return False
    return True


def date_line(text: str) -> dt.date | None:
    return parse_date_line(text.strip())


_STAMP_LABEL = re.compile(rf"\b(?:(?P<upd>{UPDATED_WORDS})|(?P<rep>re-?published|reposted)|(?:first |originally )?published|posted|publié)\b", re.I)

_TIME_ONLY = re.compile(r"(?:at |à )?[0-2]?\d[:.h][0-5]\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}(?:[+-]\d{1,2})?)?", re.I)


def stamp_dates(text: str) -> tuple[dt.date | None, dt.date | None]:
    """(published, updated) of a line that labels its dates, in either order and with any separator:
    "Updated May 10, 2024 / Published May 9, 2024"; an unlabelled first date is the published one. Of
    several publication dates the earliest is the article's: "First published 11 September 2020 ·
    Republished here 14 September 2020" (a republication's date only when there is no other)."""
    labels = list(_STAMP_LABEL.finditer(text))
    published = updated = republished = None
    if not labels or labels[0].start() > 0:
        published = date_line(text[: labels[0].start()] if labels else text)
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        when = date_line(text[m.start(): end].strip(" :/|·•,;-–—")) or date_line(text[m.end(): end].strip(" :/|·•,;-–—"))
        if m.group("upd"):  # "Published 4 Nov 2024, 07:58 • Updated 09:41": a time alone is later the same day
            same_day = not when and published and _TIME_ONLY.fullmatch(text[m.end(): end].strip(" :/|·•,;-–—"))
            updated = updated or when or (published if same_day else None)
        elif m.group("rep"):
            republished = republished or when
        elif when:
            published = min(published, when) if published else when
    return published or republished, updated


def is_title_like(text: str) -> bool:
    """Short, capitalised and not ending like a sentence: a headline (or a subheading)."""
    stripped = text.strip()
    n = len(stripped.split())
    if not 2 <= n <= 25 or len(stripped) > 200:
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "“\"‘'«„‹¿¡"):
        return False
    if stripped.endswith((".", ",", ";", ":", "…")) and not stripped.endswith(_TITLE_END_OK):
        return False
    if dateline(stripped) or is_url(stripped) or date_line(stripped):
        return False
    return True


def is_header_item(text: str, loose: bool = False) -> bool:
    """Byline, date line or address: the things that sit under a headline."""
    return bool(date_line(text) or byline(text, loose=loose) or is_url(text))


def take_dateline(article, blocks: list) -> list:
    """Move the dateline that opens the first paragraph into ``article`` (and its wire agency into the
    publisher when none is known); return the blocks with the dateline cut from the first one."""
    from site_builder.ingest.article import Block

    if not blocks:
        return blocks
    text, found = strip_dateline(blocks[0].text)
    if found is None:
        text, found = _colon_dateline(blocks)
    if found is None:
        return blocks
    article.dateline = found.place
    article.publisher = article.publisher or found.agency
    article.dateline_date = found.month_day
    article.published = article.published or found.day
    return [Block(text, blocks[0].line), *blocks[1:]]


# "NEW DELHI: Facebook said ...": a place in capitals and a colon, as South Asian and some wire copy write it
_COLON_PLACE = re.compile(r"^(?P<place>[^\W\d_a-z]{2,}(?: [^\W\d_a-z]{2,}){0,2}):\s+(?P<rest>[A-Z])")


def _colon_dateline(blocks: list) -> tuple[str, Dateline | None]:
    """The first paragraph without a "PLACE: " dateline, and the dateline; never a speaker's label in a
    transcript ("GUEST: ..."), which other paragraphs open with too."""
    first = blocks[0].text
    m = _COLON_PLACE.match(first)
    if not m or len(first.split()) < 20 or any(_COLON_PLACE.match(b.text) for b in blocks[1:]):
        return first, None
    return first[m.start("rest"):], Dateline(_title_case(m.group("place")), "", m.start("rest"))


_BYLINE_PLACE = re.compile(r"\s(?:in|from)\s+(?P<place>[A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+){0,2})\s*$")


def byline_place(text: str) -> str:
    """"Ana Popa in Chișinău" -> "Chișinău": where the reporter filed from, when there is no dateline."""
    m = _BYLINE_PLACE.search(text or "")
    return m.group("place") if m and len(text) < 120 else ""


def without_opening_subheading(article) -> None:
    """A body never opens with a subheading or a short line: the newest post's headline in a live blog,
    "Key findings" in a report, "Listen (6:42)" / "Save for later" / a translator's credit under a byline.

    The first paragraph is the first running text under them, when it comes within a few lines; the
    lines above it are kept in the review record.
    """
    blocks = article.blocks
    if not article.title or len(blocks) < 2:
        return
    first, following = blocks[0].text.strip(), blocks[1].text.strip()
    if (is_title_like(first) and len(first.split()) <= 15 and not dateline(first)
            and (len(following.split()) >= 15 or following.endswith((".", "”", "\"")))):
        article.dropped.append((blocks[0].text, "a subheading above the first paragraph"))
        blocks = blocks[1:]
    running = next((i for i, b in enumerate(blocks[:_LEAD_LINES + 1]) if sentence_like(b.text)), 0)
    if all(_short_line(b.text) for b in blocks[:running]):
        article.dropped += [(b.text, "a short line between the header and the first paragraph") for b in blocks[:running]]
        blocks = blocks[running:]
    if blocks is article.blocks:
        return
    article.blocks = blocks if article.dateline else take_dateline(article, blocks)


_LEAD_LINES = 5  # short lines that may sit between a header and the first paragraph


def _short_line(text: str) -> bool:
    """Not running text: a headline-like line, or a few words ("記者 Chen Yu-ting／綜合報導", "Translated by X.")."""
    text = text.strip()
    return not dateline(text) and (is_title_like(text) and words(text) <= 15 or words(text) <= 8)


def without_author_note(article) -> None:
    """The body without the note on its author after the last paragraph ("Jane Doe is a senior writer at ...").

    It opens with a name from the byline and tells what the author does; it is kept in the review record.
    """
    names = [n.strip() for n in re.split(r",\s*|\s+and\s+", article.author or "") if len(n.split()) >= 2]
    for block in list(article.blocks[-2:]):
        text = block.text.strip()
        if len(text.split()) <= 40 and any(re.match(rf"{re.escape(n)}\s+(?:is|was|has|writes|covers|reports)\b", text)
                                           for n in names):
            article.dropped.append((block.text, "a note about the author after the article"))
            article.blocks.remove(block)


def without_page_top(article, blocks: list) -> list:
    """The body of a saved page without the site's header that text read from its layout can carry.

    Above the headline: a strapline, a section name. The headline run into its standfirst
    ("Headline Standfirst sentence.") by an extractor. Under it: a byline or a date line alone.
    Each line left out is kept in the review record.
    """
    from site_builder.ingest.article import Block

    title = " ".join(article.title.split())
    texts = [" ".join(b.text.split()) for b in blocks[:8]]
    at = next((i for i, t in enumerate(texts) if title and (t == title or t.startswith(title + " "))), -1)
    if at >= 0:
        article.dropped += [(b.text, "the site's header above the headline") for b in blocks[:at]]
        blocks = list(blocks[at:])
        rest = texts[at][len(title):].strip()
        if not rest:
            blocks = blocks[1:]  # the headline itself: it is the title
        else:
            if rest == " ".join(article.standfirst.split()) or not article.standfirst:
                article.standfirst = article.standfirst or rest
                article.dropped.append((blocks[0].text, "the headline run into its standfirst"))
                blocks = blocks[1:]
            else:
                blocks[0] = Block(rest, blocks[0].line)
    while blocks and len(blocks[0].text) < 120 and (date_line(blocks[0].text) or byline(blocks[0].text)):
        article.dropped.append((blocks[0].text, "a date line or byline above the body"))
        blocks = blocks[1:]
    return blocks


_YEAR_SAID = re.compile(r"\b(?:in|since|of|by|until|during|early|late|mid-?)\s+((?:19|20)\d\d)\b|"
                        r"\b((?:19|20)\d\d)\s+(?:election|elections|vote|polls?|referendum|campaign|ballot)\b", re.I)


def dateline_years(articles: list) -> None:
    """A dateline's "Oct 14" without a year: the year of the other copies in the same dump, else the year the
    article itself names most ("in 2024", "the 2024 election", "March 3, 2024"), never the year ingest runs in."""
    known = [a.published for a in articles if a.published]
    for article in articles:
        if article.published is not None or not article.dateline_date:
            continue
        month, day = article.dateline_date
        if known:
            candidates = [(abs((found - ref).days), found) for ref in known
                          if (found := year_for(month, day, ref))]
            article.published = min(candidates)[1] if candidates else None
            why = "the year from the other articles in the same file"
        else:
            years = [h.date.year if h.date else h.day for b in article.blocks for h in find_dates(b.text)
                     if h.kind in ("absolute", "month")]
            years += [int(y) for b in article.blocks for pair in _YEAR_SAID.findall(b.text) for y in pair if y]
            if not years:
                continue
            year = max(set(years), key=lambda y: (years.count(y), y))
            try:
                article.published = dt.date(year, month, day)
            except ValueError:
                continue
            why = "the year from the years the article names"
        if article.published:
            article.notes.append(f"published: day and month from the dateline, {why}")
