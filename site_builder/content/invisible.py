"""Invisible characters that change how text around them is shown, or hide inside it.

A right-to-left override (U+202E) makes "gpj.exe" look like "exe.jpg"; a
zero-width space makes two names that look alike differ, so a tag splits in two
and a search misses it. ``check`` refuses them in frontmatter (titles, names,
sources, slugs, addresses); ``new`` and ``ingest`` remove them from what they
write and say so. Bodies may keep them: a zero-width non-joiner is a letter's
shape in Persian.
"""

from __future__ import annotations

import re
from collections import Counter

NAMES = {
    "\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark", "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding", "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override", "\u202e": "right-to-left override",
    "\u2060": "word joiner", "\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate", "\u2069": "pop directional isolate", "\ufeff": "zero-width no-break space (BOM)",
}
INVISIBLE = re.compile("[" + "".join(NAMES) + "]")


def describe(char: str) -> str:
    """'U+202E (right-to-left override)'."""
    return f"U+{ord(char):04X} ({NAMES[char]})"


def without_invisible(text: str) -> tuple[str, str]:
    """``text`` without invisible characters, and what was removed ('' when nothing was):
    "U+202E (right-to-left override) ×2, U+200B (zero-width space) ×1"."""
    if not INVISIBLE.search(text):
        return text, ""
    removed = Counter(INVISIBLE.findall(text))
    return INVISIBLE.sub("", text), ", ".join(f"{describe(c)} ×{n}" for c, n in removed.items())
