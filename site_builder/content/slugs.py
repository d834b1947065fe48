"""Slugs and name matching that survive diacritics and spelling variants.

"Chișinău", "Chisinau" and "CHIȘINĂU" must all be the same place; "Stačilo!"
and "Stacilo" the same party. ``fold`` gives the key names are matched on and
``slugify`` the URL-safe form used in paths.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from slugify import slugify as _slugify

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def strip_diacritics(text: str) -> str:
    """Remove combining marks: "Babiš" -> "Babis", "Chișinău" -> "Chisinau"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Matching key for a name: no diacritics, no punctuation, case-folded.

    Apostrophes and typographic quotes vanish; dashes become spaces. Memoised:
    an archive names the same few hundred entities tens of thousands of times
    (folding them took 0.8 s of loading at 10,000 briefings).
    """
    text = strip_diacritics(name).replace("’", "").replace("'", "")
    text = text.replace("&", " and ")
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip().casefold()


# Names Windows keeps for devices, whatever follows a dot: a folder public/tags/con/ or a file
# con.md cannot be checked out there (git fails on the whole clone).
_WINDOWS_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)", re.IGNORECASE)


def windows_reserved(name: str) -> bool:
    """True for "con", "AUX", "nul.md", "com1": names no file or folder may have on Windows."""
    return bool(_WINDOWS_RESERVED.match(name.strip(" ")))


def slugify(text: str) -> str:
    """URL slug for a name or title, ASCII only: "Stačilo!" -> "stacilo"; "CON" -> "con-1" (see
    ``windows_reserved``)."""
    slug = _slugify(text, max_length=80, word_boundary=True)
    return slug + "-1" if windows_reserved(slug) else slug


def slug_problem(slug: str) -> str | None:
    """Why an editor's ``slug:`` cannot be used, if it cannot."""
    if not is_valid_slug(slug):
        return f"slug {slug!r} may only hold lowercase letters, digits and single hyphens"
    if windows_reserved(slug):
        return (f"slug '{slug}' is a name Windows keeps for a device: a folder of that name cannot be checked "
                "out on Windows")
    return None


def is_valid_slug(slug: str) -> bool:
    """True for lowercase ASCII words joined by single hyphens, nothing that could be a path."""
    return bool(_SLUG_OK.match(slug)) and len(slug) <= 120
