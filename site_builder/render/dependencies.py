"""The dependency index: which briefings each page shows, so that an edit renders only their pages.

Hashing every page's data (``incremental.Fingerprinter``) costs as much on an
edit as on a cold build: at 1,000 briefings it was most of a body edit's time.
Most edits change only what a briefing shows on its own pages (its body: the
fields of ``BRIEFING_DETAILS``), and leave everything the page plan and the
``Site`` are made from as it was: which pages there are, what each lists and in
which order, every entity, every other field. Such an edit is recognised by the
site's *structure digest* (``structure_digest``), which covers all of that and
leaves those fields out. When it is unchanged, the pages are exactly those of
the last build with exactly the same data, except inside the briefings whose
whole hash changed, and the pages to render are those whose recorded
dependencies (``briefing_deps``) hold one of them as a whole object.

Any other change (a title, a date, an entity, an added or removed briefing, a
template, a setting) changes the digest, and the build decides page by page
from render keys as before. A page whose data holds something this module does
not know is always rendered.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
from typing import Any, Iterable, Iterator

from site_builder.cache import digest
from site_builder.model import Briefing, Entity, Event
from site_builder.render.incremental import Fingerprinter, IdMemo, _value_fields

# What a page's data may hold that depends on nothing a briefing's details can change.
_ATOMS = (str, int, float, bool, type(None), bytes, dt.date, dt.datetime)


@dataclasses.dataclass(frozen=True)
class Deps:
    """The briefings a page's data holds: as themselves (``whole``), or reached through another object."""

    whole: frozenset[str]
    inner: frozenset[str]

    def shows(self, changed: set[str], whole_briefings: bool) -> bool:
        """Whether the page shows one of the ``changed`` briefings' details.

        A briefing reached through another object (an event's) shows only its
        title, date and names, unless the page's template may read its details
        (``whole_briefings``, ``template_deps.detail_readers``).
        """
        return not changed.isdisjoint(self.whole) or (whole_briefings and not changed.isdisjoint(self.inner))


_NONE: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


class DependencyWalker:
    """The briefings each page's data holds (``of``), memoised for one build like ``Fingerprinter``.

    Mirrors ``Fingerprinter``: an item of a list, tuple or dict, or a field of
    a frozen value, is reached as its holder was; a field of any other
    dataclass (an event's briefing, a claim's actor) is reached *through* it.
    Entities and what they hold are left out: any change to an entity changes
    the structure digest. The lists many pages share (a term's briefings, a
    year's events) are walked once.
    """

    def __init__(self) -> None:
        self._ids = IdMemo()
        self._memo: dict[int, tuple[frozenset[str], frozenset[str]] | None] = self._ids.results
        self.page = self._ids.page  # what one page alone held is forgotten after it (``IdMemo.page``)

    def of(self, context: dict) -> Deps | None:
        """None when the data holds a value of a kind this does not know (the page always renders)."""
        found = _union(self._walk(value, False) for key, value in context.items() if key != "site")
        return None if found is None else Deps(*found)

    def _walk(self, value: Any, reached: bool) -> tuple[frozenset[str], frozenset[str]] | None:
        if isinstance(value, _ATOMS) or isinstance(value, Entity):
            return _NONE
        key = 2 * id(value) + reached
        if key in self._memo:
            return self._memo[key]
        if isinstance(value, Briefing):
            found = (frozenset(), frozenset((value.slug,))) if reached else (frozenset((value.slug,)), frozenset())
        elif isinstance(value, Event):
            found = _NONE if value.briefing is None else self._walk(value.briefing, True)
        else:
            found = self._parts(value, reached)
        self._ids.put(key, value, found)
        return found

    def _parts(self, value: Any, reached: bool) -> tuple[frozenset[str], frozenset[str]] | None:
        if isinstance(value, (list, tuple)):
            items = [(item, reached) for item in value]
        elif isinstance(value, (set, frozenset)):  # hashed each on its own (``Fingerprinter.of``)
            items = [(item, False) for item in value]
        elif isinstance(value, dict):
            items = [(item, reached) for pair in value.items() for item in pair]
        elif isinstance(getattr(value, "__dict__", {}).get("input_hash"), bytes):
            return _NONE  # a picture: named by what made it, which the structure digest covers
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = _value_fields(type(value))
            if fields is not None:  # a frozen value, hashed in place with what holds it
                items = [(item, reached) for item in fields(value)]
            else:
                items = [(getattr(value, f.name), True) for f in dataclasses.fields(value)]
        else:
            return None
        return _union(self._walk(item, how) for item, how in items)


def _union(parts: Iterable[tuple[frozenset[str], frozenset[str]] | None]
           ) -> tuple[frozenset[str], frozenset[str]] | None:
    """The briefings all ``parts`` hold; None if one is unknown. A lone part is kept as it is, not copied."""
    held = []
    for part in parts:
        if part is None:
            return None
        if part[0] or part[1]:
            held.append(part)
    if len(held) < 2:
        return held[0] if held else _NONE
    return frozenset().union(*(p[0] for p in held)), frozenset().union(*(p[1] for p in held))


@contextlib.contextmanager
def let_go(job: Any) -> Iterator[None]:
    """In a worker process, a page's data (``PageJob.context``, cached on the page) is let go once
    the page is done, so that ``IdMemo.page`` can forget what only it held. The process that plans
    the pages keeps it: a preview session reads it again."""
    try:
        yield
    finally:
        if multiprocessing.parent_process() is not None:
            job.__dict__.pop("context", None)


def briefing_deps(context: dict) -> Deps | None:
    """The briefings one page's data holds (``DependencyWalker.of``, without a memo across pages)."""
    return DependencyWalker().of(context)


def structure_digest(site: Any, inner_hashes: Iterable[bytes], entity_hashes: dict[str, dict[str, bytes]],
                     templates: dict[str, bytes], globals_key: bytes) -> bytes:
    """Everything the page plan and the pages' data are made of, except the details of briefings.

    ``inner_hashes``: each briefing's hash as reached through another object
    (which leaves out ``BRIEFING_DETAILS``), in the site's order; with each
    briefing's slug and the order, they give every list of briefings.
    ``entity_hashes``: every entity's field hashes. The extra pages, the
    settings, the templates and the globals complete it.
    """
    fingerprints = Fingerprinter()
    return digest(repr([b.slug for b in site.briefings]), b"".join(inner_hashes),
                  repr(sorted(entity_hashes.items())), fingerprints.of(list(getattr(site, "pages", []))),
                  fingerprints.of(getattr(site, "config", None)), repr(sorted(templates.items())), globals_key)
