"""Countries an article only names in passing, which it does not discuss.

A story about a hack of Hungary's foreign ministry may date it "after
Russia's invasion of Ukraine"; a story about Cambodia may say a firm is "based
in California" or that followers are "based in India and the Philippines".
Those countries are background (a war that sets the time, the seat of a firm
or a court, where someone sought asylum), not what the article is about, and
proposing them costs the editor a deletion each. A country is left out only
when every mention of it sits in one paragraph after the lead and each is the
object of such a background phrase, the rest of a list with it ("based in India
and the Philippines"); one mention anywhere else keeps it.
"""

from __future__ import annotations

import re

# The nouns and participles whose object is a background place, not a subject of the story.
_BACKGROUND = (r"(?:invasion|invaded|annexation|annexed|occupation|occupied|wars?|fighting|forces|troops|offensive|"
               r"bombing|shelling|based|headquartered|registered|asylum|exiled?|filed|unsealed|lodged|courts?)")
_LISTED = r"(?:[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*(?:,\s*|\s+and\s+|\s+or\s+)(?:the\s+)?)*"
_BEFORE = re.compile(rf"\b{_BACKGROUND}\s+(?:of|in|on|against|into|to)\s+(?:the\s+)?{_LISTED}$")
# "attacks on Ukraine's power grid": the country's infrastructure as an earlier target.
_ATTACKS_ON = re.compile(r"\battacks?\s+on\s+(?:the\s+)?$")
LEAD_PARAGRAPHS = 2


def in_passing(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` is the object of a background phrase in its sentence."""
    before = re.split(r"[.;:!?]\s", text[max(0, start - 120):start])[-1]
    if _BEFORE.search(before):
        return True
    return bool(_ATTACKS_ON.search(before)) and text[end:end + 2] in ("'s", "’s")


def passing_countries(header_hits, hits_by_paragraph, paragraphs: list[str]) -> set[int]:
    """ids of the country entities named only in passing (see the module's docstring)."""
    kept: set[int] = set()
    where: dict[int, set[int]] = {}
    background: dict[int, bool] = {}
    for _where, _text, hits in header_hits:
        kept.update(id(h.entity) for h in hits if h.kind == "countries")
    for index, hits in enumerate(hits_by_paragraph):
        for hit in hits:
            if hit.kind != "countries":
                continue
            key = id(hit.entity)
            if index < LEAD_PARAGRAPHS:
                kept.add(key)
            where.setdefault(key, set()).add(index)
            background[key] = background.get(key, True) and in_passing(paragraphs[index], hit.start, hit.end)
    return {key for key, indexes in where.items() if key not in kept and len(indexes) == 1 and background[key]}
