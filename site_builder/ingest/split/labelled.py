"""Lines marked furniture by their neighbours and place: lines in another language or script around
the article, the short items listed under a label ("Topics:", "Tags"), a menu copied one item a
line, headlines after the article's last running paragraph, and the "Source: / Date: / Length:" fields
that head each record of a clippings export or a database print-out.

Kept apart from ``cut`` because it judges a line by the lines around it, after each line has
been classified on its own and before the dump is cut into articles.
"""

from __future__ import annotations

import datetime as dt
import re

from site_builder.ingest.article import Block
from site_builder.ingest.split.clean import CONTENT, FURNITURE, words
from site_builder.ingest.split.furniture import END_SECTION, is_foreign, main_script, other_script
from site_builder.ingest.split.header import byline, date_line, dateline, is_header_item, is_title_like
from site_builder.ingest.split.top import sentence_like

# A fact-check's label on its own line, over the claim or the rating it gives ("THE CLAIM", "Our verdict").
_VERDICT_LABEL = re.compile(r"^(?:the |our )?(?:claim|verdict|rating|ruling|conclusion|what was claimed|"
                            r"affirmation|allégation|verdicto|veredicto|afirmação|behauptung|bewertung)\W*$", re.I)
_LIST_LABEL = re.compile(r"^(?:topics|tags|categories|related topics|more on)$", re.I)  # a label over a list, without its colon


def foreign_and_labelled(blocks: list[Block], kinds: list[str], reasons: list[str], english: bool) -> None:
    """Lines in another language or script around the article, and the short items listed under a label."""
    main = main_script([b.text for b in blocks])
    for i, block in enumerate(blocks):
        if kinds[i] != FURNITURE and other_script(block.text, main) and not is_header_item(block.text):
            kinds[i], reasons[i] = FURNITURE, "a line in another script than the article (menus, labels, banners)"
    for _ in range(2):  # twice: a foreign line makes its neighbours' one foreign word enough
        for i, block in enumerate(blocks):
            near = any(0 <= j < len(blocks) and kinds[j] != CONTENT for j in (i - 1, i + 1))
            if kinds[i] == CONTENT and english and is_foreign(block.text, loose=near) and not is_header_item(block.text):
                kinds[i], reasons[i] = FURNITURE, "a line in another language than the article (menus, banners)"
    _menu_runs(blocks, kinds, reasons)
    closing_sections(blocks, kinds, reasons)
    for i in range(len(blocks) - 1):  # the claim or rating under its label is not the report's text
        if _VERDICT_LABEL.match(blocks[i].text.strip()) and kinds[i + 1] == CONTENT and words(blocks[i + 1].text) <= 60:
            kinds[i + 1], reasons[i + 1] = FURNITURE, f"a fact-check claim or rating (under '{blocks[i].text.strip()}')"
    label, label_ui, listed = "", False, 0
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if reasons[i] in ("a label", "a page label or prompt", "a share row") and (text.endswith(":") or _LIST_LABEL.match(text)):
            label, label_ui, listed = text, reasons[i] == "a page label or prompt", 0
        elif label and kinds[i] == CONTENT and (words(text) <= 6 and not text.endswith((".", "?", "!", "”"))
                                                or label_ui and words(text) <= 20 and listed < 5):
            kinds[i], reasons[i] = FURNITURE, f"an item listed under '{label}'"
            listed += 1
        elif not (label and kinds[i] != CONTENT and words(text) <= 6):
            label = ""  # an item already known as furniture ("VK" in another script) keeps the list going


def closing_sections(blocks: list[Block], kinds: list[str], reasons: list[str]) -> None:
    """The lines under a heading of the notes after an article ("Notes to editors", "About the authors"):
    notes, bios, references, up to the next article's headline (a title over a byline or date) or dateline.
    Only after running text: such a heading above any article heads nothing of it."""
    heading, seen_text = "", False
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if reasons[i] == END_SECTION:
            heading = text if seen_text else ""
            continue
        if heading and (dateline(text) or is_title_like(text) and any(
                date_line(b.text) or byline(b.text) for b in blocks[i + 1: i + 4])):
            heading = ""  # the next article
        if heading and kinds[i] == CONTENT:
            kinds[i], reasons[i] = FURNITURE, f"under '{heading}', after the article"
        seen_text = seen_text or kinds[i] == CONTENT and sentence_like(text)


MENU_RUN = 4  # short lines in a row that make a menu


def _menu_item(text: str) -> bool:
    return 1 <= words(text) <= 3 and not re.search(r"[.!?,;:\d]", text) and not is_header_item(text)


def _menu_runs(blocks: list[Block], kinds: list[str], reasons: list[str]) -> None:
    """A menu copied one item a line: four or more lines in a row of a word or three, no punctuation, no number,
    three of them not known as furniture already (so a byline among "Share" and "Save" buttons stays)."""
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _menu_item(blocks[j].text.strip()):
            j += 1
        if j - i >= MENU_RUN and sum(kinds[k] == CONTENT for k in range(i, j)) >= MENU_RUN - 1:
            for k in range(i, j):
                if kinds[k] == CONTENT:
                    kinds[k], reasons[k] = FURNITURE, "an item of a menu (a run of short lines)"
        i = max(j, i + 1)


def without_closing_headlines(article) -> None:
    """The body without headline-like lines after its last running paragraph (other stories, a list's heading)."""
    running = [i for i, b in enumerate(article.blocks) if sentence_like(b.text)]
    if not running:
        return
    for block in article.blocks[running[-1] + 1:]:
        text = block.text.strip()
        # "Legolvasottabb", "Chapters": a word or two with no sentence's end is a list's heading too
        if is_title_like(text) and not sentence_like(text) or words(text) <= 2 and not text.endswith((".", "!", "?", "”", "\"")):
            article.dropped.append((block.text, "a headline after the article's last paragraph"))
            article.blocks.remove(block)


RECORD_FIELDS = 3  # "Label: value" lines in a row that make a record's header
_FIELD = re.compile(r"^[^\W\d_][^\W\d_&/.-]*(?: [^\W\d_&/.-]+){0,2}\s*:\s*\S")


def _field(text: str) -> bool:
    """"Source: The Example Chronicle", "Length: 412 words", "Date: 18 February 2019": a label and a short value."""
    return bool(_FIELD.match(text)) and words(text) <= 10 and not text.endswith((".", "?", "!", "”", "\""))


def record_headers(blocks: list[Block], kinds: list[str], reasons: list[str]) -> dict[int, dt.date | None]:
    """Runs of "Label: value" lines (a clippings service's or a database's record header) are furniture, and
    each opens a record: {index of the first text line under the run: the date its fields give, if any}."""
    starts: dict[int, dt.date | None] = {}
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _field(blocks[j].text.strip()):
            j += 1
        if j - i >= RECORD_FIELDS:
            when = None
            for k in range(i, j):
                if kinds[k] != FURNITURE:  # an e-mail's "Date:" keeps its own reason
                    kinds[k], reasons[k] = FURNITURE, "a field of a record's header (source, date, length ...)"
                when = when or date_line(blocks[k].text.partition(":")[2].strip())
            first = next((k for k in range(j, len(blocks)) if kinds[k] == CONTENT), None)
            if first is not None:
                starts[first] = when
        i = max(j, i + 1)
    return starts
