"""Date lines our own parser cannot read, through ``dateparser``.

Month and weekday names in other languages ("Rabu, 14 Februari 2024",
"joi, 6 decembrie 2024"), numeric days ("09.03.2025", day first unless the
page says otherwise) and labels before the date ("Publicat:", "Published on"), a time after the date ("à 18h12") and a modified date after a comma.
Only a line that is a date (with a year) and a few short parts beside it
("| 19:30 WIB | World News") counts; relative phrases ("2 hours ago") never.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

LANGUAGES = ["en", "ro", "de", "fr", "es", "pt", "id", "it", "pl", "nl", "ru", "uk", "cs", "sk", "hu", "bg", "tr", "ka",
             "el", "sv", "fi", "nb", "da", "ar", "fa", "hi", "bn", "ja", "zh", "ko"]
# The words that label a page's "updated" date, in the languages of its furniture; the one list
# every stage that tells an updated date from a published one reads ("last updated" included).
UPDATED_WORDS = (r"(?:(?:last|son|ultimo|τελευταία) )?(?:updated|modified|modifié|mis à jour|actualizado|actualizat|aktualisiert|"
                 r"atualizado|diperbarui|aggiornat[oa]|aggiornamento|zaktualizowano|aktualizacja|bijgewerkt|aktualizováno|"
                 r"frissítve|uppdaterad|oppdatert|opdateret|päivitetty|обновлено|обновлен[оа]?|оновлено|актуализирано|"
                 r"güncelleme|güncellendi|ενημερώθηκε|ενημέρωση|تم التحديث|آخر تحديث|تحديث|अपडेट|अद्यतन|"
                 r"最終更新日?|更新日時|更新日|更新时间|更新於|更新)")
_PARTS = re.compile(rf"\s*[|·•]\s*|\s{{2,}}|\s[-–—/]\s|,\s+(?={UPDATED_WORDS}\b)", re.I)
_MODIFIED = re.compile(rf"{UPDATED_WORDS}\b", re.I)
# "26 juin 2024 à 18h12": the time after the date
_CLOCK_TAIL = re.compile(r"(?:\s+(?:à|at|um|às|a las|la|pukul|o)|,)\s+[0-2]?\d\s*[h:.]\s*[0-5]\d.*$", re.I)
_LABEL = re.compile(r"^(?:[^\d:：]{1,30}[:：]\s*|(?:published|posted|publicat|publié|publicado|veröffentlicht|diterbitkan|"
                    rf"pubblicato|opublikowano|{UPDATED_WORDS})(?:\s+(?:on|le|em|am|pada|el|il|în|w|at))?\s+)", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # "2025年7月16日": no word boundary after the year
_RELATIVE = re.compile(r"\b(?:ago|yesterday|today|tomorrow|last|next|hours?|minutes?)\b", re.I)


_OTHER_DIGITS = re.compile(r"[^\x00-\x7f]")


def ascii_digits(text: str) -> str:
    """Digits of any script as ASCII ("۳ اکتبر ۲۰۱۹", "३ अक्टूबर २०१९"): dates are read from the numbers."""
    if text.isascii():
        return text
    return _OTHER_DIGITS.sub(lambda m: str(unicodedata.decimal(m.group(), "")) or m.group(), text)


@lru_cache(maxsize=4096)
def parse_local_date(text: str, day_first: bool = True, any_language: bool = False) -> dt.date | None:
    """The date of a short date line in any of ``LANGUAGES``, else None. ``any_language``: also in every
    language dateparser knows, for a line whose place says it is the article's date (under its headline);
    elsewhere a word that is a month only in some rare language would make a menu or a visit date one."""
    text = ascii_digits(text)
    line = " ".join(text.split()) if "  " not in text else text.strip()
    if len(line) > 100 or not _YEAR.search(line) or _RELATIVE.search(line) or len(line.split()) > 18:
        return None
    parts = [p.strip() for p in _PARTS.split(text.strip()) if p.strip()]
    for i, part in enumerate(parts):
        if not _YEAR.search(part):
            continue
        others = parts[:i] + parts[i + 1:]
        if any(len(o.split()) > 4 and not _MODIFIED.match(o) or re.match(r"(?i)by\s", o) for o in others):
            return None  # a sentence or a byline, not a date line
        bare = _CLOCK_TAIL.sub("", _LABEL.sub("", part))
        found = _parse(bare, day_first) or any_language and _parse(bare, day_first, _month_languages(bare))
        if found:
            return found
    return None


# "Setyembre 23, 2020", "23 Settembre 2020": a word beside a day and a year, the place of a month's name.
_MONTH_SHAPE = re.compile(r"(?:^|\s)([^\W\d_]{3,})\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|"
                          r"(?:^|\s)[0-3]?\d\.?\s+(?:de\s+)?([^\W\d_]{3,})\.?,?\s+(?:de\s+)?(?:19|20)\d\d")


def _month_languages(text: str) -> tuple[str, ...]:
    """The languages beyond ``LANGUAGES`` whose month names (dateparser's own data for every language it
    knows) include the word in a month's place in ``text``; () when there is none."""
    words = {w.casefold() for m in _MONTH_SHAPE.finditer(text) for w in m.groups() if w}
    if not words:
        return ()
    index = _month_index()
    return tuple(sorted({lang for w in words for lang in index.get(w, ())} - set(LANGUAGES)))


@lru_cache(maxsize=1)
def _month_index() -> dict[str, frozenset[str]]:
    """Month name (folded) -> the dateparser languages that write it; built once, on the first line that needs it."""
    import importlib

    try:
        from dateparser.data import language_locale_dict
    except ImportError:
        return {}
    months = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
    index: dict[str, set[str]] = {}
    for lang in language_locale_dict:
        try:
            info = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
        except ImportError:
            continue
        for month in months:
            for name in info.get(month, ()):
                index.setdefault(name.casefold().rstrip("."), set()).add(lang)
    return {name: frozenset(langs) for name, langs in index.items()}


def _parse(text: str, day_first: bool, languages=None) -> dt.date | None:
    if languages is not None and not languages:
        return None
    try:
        import dateparser
    except ImportError:  # without dateparser only our own formats are read
        return None
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
                "DATE_ORDER": "DMY" if day_first else "MDY", "PREFER_LOCALE_DATE_ORDER": False}
    try:
        found = dateparser.parse(text, languages=list(languages or LANGUAGES), settings=settings)
    except Exception:  # a malformed phrase must not stop an ingest
        return None
    return found.date() if found else None
