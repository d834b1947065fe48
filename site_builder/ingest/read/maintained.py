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

from site_builder.ingest.split.clean import CONTENT, classify

_UPDATED_LINE = re.compile(r"\b(?:updated|last modified|modified|actualizat|aktualisiert|mis à jour|atualizado)\b", re.I)


def _iso(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def extract_page(html: str) -> tuple[list[str], dt.date | None, dt.date | None]:
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
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = [p for p in paragraphs if p and classify(p) == CONTENT]
    published = _iso(getattr(found, "date", None)) or original
    if published and _date_only_in_updated_line(html, published):
        published = None
    updated = latest if latest and published and latest > published else None
    return paragraphs, published, updated


def _date_only_in_updated_line(html: str, day: dt.date) -> bool:
    """True when every visible mention of ``day`` sits on an "Updated ..." line (not a publication date)."""
    text = re.sub(r"(?s)<(script|style)\b.*?</\1>|<meta[^>]*>", " ", html)
    text = re.sub(r"<[^>]+>", "\n", text)
    forms = {day.isoformat(), f"{day.day} {day:%B}", f"{day:%B} {day.day}", f"{day.day:02d}.{day.month:02d}.{day.year}",
             f"{day:%b} {day.day}", f"{day.day} {day:%b}"}
    lines = [line for line in text.splitlines() if any(f.lower() in line.lower() for f in forms)]
    return bool(lines) and all(_UPDATED_LINE.search(line) for line in lines)
