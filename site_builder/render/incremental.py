"""Which pages must be rendered again: render keys and the site facts each page read.

A page's templates and data are hashed into its *render key*; what it asks the
``Site`` while rendering is recorded by a ``SiteRecorder`` with a hash of each
answer. The next build skips a page whose key is unchanged and whose questions
get the same answers again. How and why: docs/architecture.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import sys
from typing import Any, Callable, Iterator


from site_builder.content import techniques as disarm
from site_builder.model import TERM_KINDS, Briefing, Entity, Event
from site_builder.render.template_deps import BRIEFING_DETAILS, DETAILS, detail_readers, template_hashes

__all__ = ["BRIEFING_DETAILS", "DETAILS", "Fingerprinter", "Replayer", "SiteRecorder", "detail_readers",
           "template_hashes"]

_ATOMS = (str, int, float, bool, type(None), bytes)
UNREPLAYABLE = "?"


class IdMemo:
    """Results memoised by the id of the value they are of (``results``, keyed as the user likes),
    each value kept alive while its results are, so that no id is reused.

    Within ``page()`` the values first memoised are noted; at its end those that
    nothing else holds any more (the page's own lists and dicts, once its data
    is let go) are forgotten with their results: no later page can ask about
    them, as no one can hand them over again. Values something else still holds
    (a briefing, a list the site keeps) stay memoised for the later pages.
    """

    def __init__(self) -> None:
        self.results: dict[int, Any] = {}
        self._alive: list[Any] = []
        self._fresh: dict[int, tuple[Any, list[int]]] | None = None  # id -> (value, its keys), in ``page()``

    def put(self, key: int, value: Any, result: Any) -> None:
        self.results[key] = result
        if self._fresh is None:
            self._alive.append(value)
        else:
            self._fresh.setdefault(id(value), (value, []))[1].append(key)

    @contextlib.contextmanager
    def page(self) -> Iterator[None]:
        self._fresh = {}
        try:
            yield
        finally:
            fresh, self._fresh = self._fresh, None
            while fresh:  # the latest first: a list before its items, so that letting it go frees them
                _, (value, keys) = fresh.popitem()
                if sys.getrefcount(value) > 2:  # held by more than ``value`` and the call's argument
                    self._alive.append(value)
                else:
                    for key in keys:
                        del self.results[key]
            value = None


class Fingerprinter:
    """Content hashes of the values passed to templates, memoised for one build.

    Dataclasses hash their fields (so a briefing's hash covers its body HTML;
    frozen ones are values, hashed in place with what holds them); lists,
    tuples and dicts hash their items in order. An event hashes its briefing,
    and a briefing hashes its events without that back reference, so there is
    no cycle. A value of an unknown type hashes to something new every time:
    its pages always render.

    An entity handed to the template (a term page's, or one in a list) hashes
    all its fields. An entity reached *through* another object (a briefing's
    actors, an actor's country) hashes only what names and links it: not its
    ``DETAILS`` (description, and where in the knowledge base it was written),
    so editing an actor's description leaves the briefings that name it
    unchanged. Likewise a briefing reached through another object (an event
    on a timeline) hashes without its body (``BRIEFING_DETAILS``). The pages
    of templates that may show those details of what they reach through other
    objects (``detail_readers``) are hashed with ``whole_entities`` or
    ``whole_briefings``, which hash them whole wherever they are. The pages
    of templates that show no briefing's details at all (``body_readers``)
    are hashed without ``bodies``: every briefing as if reached through another.
    """

    def __init__(self, whole_entities: bool = False, whole_briefings: bool = False, bodies: bool = True) -> None:
        self._bodies = bodies or whole_briefings
        self._inner_kinds = ((list, tuple, dict, set, frozenset) + (() if whole_entities else (Entity,))
                             + (() if whole_briefings else (Briefing,)))
        # Keyed by ``4 * id(value) + 2 * inner + sans_briefing``. The contexts of all 23,655 pages
        # of 10,000 briefings memoise 680,000 values: int keys, with the values kept
        # in a list, held 31 MB where (id, flag) keys and (value, hash) pairs held
        # 56 MB, and hashing the contexts took 2.1 s instead of 2.3 s.
        self._ids = IdMemo()
        self._memo: dict[int, bytes] = self._ids.results

    def page(self) -> contextlib.AbstractContextManager:
        """Values hashed first in this page are forgotten at its end unless something else holds them (``IdMemo``)."""
        return self._ids.page()

    def of(self, value: Any) -> bytes:
        return _hash(repr(self._part(value)))

    def briefing_hashes(self, briefing: Briefing, fields: bool = True) -> tuple[bytes, bytes, dict[str, bytes]]:
        """A briefing's hash, its hash reached through another object, and its fields' (``seed`` takes the first two)."""
        return (self._object(briefing, False), self._object(briefing, False, True),
                self.field_hashes(briefing) if fields else {})

    def field_hashes(self, value: Any) -> dict[str, bytes]:
        """A hash of each field of a dataclass, as its own hash sees it (what ``--verbose`` says changed)."""
        skip = ("events",) if isinstance(value, Briefing) else ()
        out = {name: _hash(repr(self._part(getattr(value, name), True))) for name in _field_names(type(value))
               if name not in skip}
        if skip:
            out["events"] = _hash(repr(tuple(self._object(e, True, True) for e in value.events)))
        return out

    def seed(self, values: list[Any], hashes: list[bytes]) -> None:
        """Take ``object_hash`` results computed elsewhere, e.g. in worker processes."""
        for value, (whole, inner) in zip(values, hashes):
            self._ids.put(4 * id(value), value, whole)
            self._ids.put(4 * id(value) + 2, value, inner)

    def _part(self, value: Any, inner: bool = False) -> Any:
        """Plain values stand for themselves (``repr`` tells types apart); others by their hash.

        ``inner``: reached through a field of another object, where an entity is only named.
        """
        kind = type(value)
        if kind in _PLAIN:
            return value
        if isinstance(value, _ATOMS) or isinstance(value, (dt.date, dt.datetime)):
            return (kind.__name__, repr(value))
        fields = _VALUES[kind] if kind in _VALUES else _value_fields(kind)
        if fields is not None:  # a frozen value: its fields in place, no hash or memo of its own
            return ("value", kind.__qualname__, *(self._part(f, inner) for f in fields(value)))
        return self._object(value, False, inner)

    def _object(self, value: Any, sans_briefing: bool, inner: bool = False) -> bytes:
        # Only entities, briefings and containers (which may hold them) hash differently when inner.
        inner = inner and isinstance(value, self._inner_kinds)
        key = 4 * id(value) + 2 * inner + sans_briefing
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        attributes = getattr(value, "__dict__", None)  # (a missing attribute would cost an exception)
        known = attributes.get("input_hash") if attributes is not None else None  # a picture, by what made it
        result = known if isinstance(known, bytes) else _hash(repr(self._parts(value, sans_briefing, inner)))
        self._ids.put(key, value, result)
        return result

    def _parts(self, value: Any, sans_briefing: bool, inner: bool) -> tuple:
        def part(item: Any) -> Any:
            return self._part(item, inner)
        if isinstance(value, (list, tuple)):
            return (type(value).__name__, *map(part, value))
        if isinstance(value, dict):
            return ("dict", *((part(k), part(v)) for k, v in value.items()))
        if isinstance(value, (set, frozenset)):
            return ("set", *sorted(self.of(v) for v in value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts: list = [type(value).__qualname__]
            skip = (DETAILS if isinstance(value, Entity) else BRIEFING_DETAILS) if inner else ()
            if not self._bodies and isinstance(value, Briefing):
                skip = BRIEFING_DETAILS
            for name in _field_names(type(value)):
                if name in skip:
                    continue
                item = getattr(value, name)
                if sans_briefing and name == "briefing" and isinstance(value, Event):
                    continue
                if name == "events" and isinstance(value, Briefing):
                    parts.append(tuple(self._object(e, True, True) for e in item))
                    continue
                parts.append(self._part(item, True))  # what an object holds is reached through it
            return tuple(parts)
        return ("unknown", repr(value), id(value), repr(dt.datetime.now()))




_PLAIN = {str, int, float, bool, type(None), bytes, dt.date}
# Frozen dataclasses are values (in the model: names as written, sources, voting
# days, a dozen in every briefing), hashed in place with what holds them rather
# than each on its own and memoised: hashing the 10,000 briefings of a site took
# 1.91-1.97 s instead of 2.28-2.33 s, its pages' contexts 1.87-1.98 s instead of
# 2.06-2.15 s, and the memo held 523,000 values instead of 682,000.
_VALUES: dict[type, Callable[[Any], tuple] | None] = {}


def _value_fields(kind: type) -> Callable[[Any], tuple] | None:
    """A frozen dataclass's fields as a tuple (``_VALUES``, filled here); None for any other type."""
    params = getattr(kind, "__dataclass_params__", None)
    names = _field_names(kind) if params is not None and params.frozen else ()
    _VALUES[kind] = (lambda value: tuple(getattr(value, name) for name in names)) if names else None
    return _VALUES[kind]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return _FIELDS[kind]


def _hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def argument_key(value: Any) -> Any:
    """How a question's argument is remembered: entities and briefings by identity."""
    if isinstance(value, Entity):
        return ("entity", value.kind, value.slug)
    if isinstance(value, Briefing):
        return ("briefing", value.slug)
    if isinstance(value, _ATOMS):
        return value
    return UNREPLAYABLE


class _Seq:
    """A list answer that notes whether the template used more than its length."""

    __slots__ = ("_items", "full")

    def __init__(self, items: list):
        self._items, self.full = items, False

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def _use(self):
        self.full = True
        return self._items

    def __iter__(self):
        return iter(self._use())

    def __reversed__(self):
        return reversed(self._use())

    def __getitem__(self, index):
        return self._use()[index]

    def __contains__(self, item) -> bool:
        return item in self._use()

    def __add__(self, other):
        return self._use() + list(other)

    def __radd__(self, other):
        return list(other) + self._use()

    def __eq__(self, other) -> bool:
        return self._use() == other

    __hash__ = None  # type: ignore[assignment]

    def __getattr__(self, name: str):
        return getattr(self._use(), name)


# A template sees a list; its errors say so ("'list' object is not callable"), as
# they would if the page were rendered without a recorder, not this wrapper's name.
_Seq.__name__ = "list"


class SiteRecorder:
    """Stands in for the ``Site`` in templates and records each question asked of it."""

    def __init__(self, site: Any):
        object.__setattr__(self, "_site", site)
        object.__setattr__(self, "_asked", [])

    def __getattr__(self, name: str):
        value = getattr(self._site, name)
        if callable(value):
            def ask(*args, **kwargs):
                if kwargs:
                    self._asked.append((name, UNREPLAYABLE, None))
                    return value(*args, **kwargs)
                return self._answer(name, tuple(argument_key(a) for a in args), value(*args))
            return ask
        return self._answer(name, None, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("templates cannot change the site")

    def _answer(self, name: str, args: Any, value: Any) -> Any:
        if isinstance(value, list):
            value = _Seq(value)
        self._asked.append((name, args, value))
        return value

    def questions(self, fingerprints: Fingerprinter) -> list[tuple] | None:
        """(name, arguments, mode, answer hash) for every question; None if one cannot be asked again."""
        out = []
        for name, args, value in self._asked:
            if args == UNREPLAYABLE or (isinstance(args, tuple) and UNREPLAYABLE in args):
                return None
            out.append(answer(name, args, value, fingerprints))
        return sorted(set(out))


def answer(name: str, args: Any, value: Any, fingerprints: Fingerprinter) -> tuple:
    if isinstance(value, _Seq):
        if not value.full:
            return (name, args, "len", len(value))
        value = value._items
    return (name, args, "hash", fingerprints.of(value))


class Replayer:
    """Asks recorded questions again of a new site; answers are memoised for the build."""

    def __init__(self, site: Any, fingerprints: Fingerprinter):
        self.site, self.fingerprints = site, fingerprints
        self.entities: dict[tuple[str, str], Entity] = {}
        for kind in TERM_KINDS:
            for entity in site.kb.entities.get(kind, []):
                self.entities.setdefault((kind, entity.slug), entity)
            for entity in site.terms.get(kind, []):
                self.entities[(kind, entity.slug)] = entity
        for entity in disarm.framework().techniques.values():  # a sub-technique's parent (``has_page(parent)``)
            self.entities.setdefault(("techniques", entity.slug), entity)
        for entity in site.terms.get("techniques", []):  # DISARM techniques' pages (content/techniques.py)
            self.entities[("techniques", entity.slug)] = entity
        self.briefings = {b.slug: b for b in site.briefings}
        self._memo: dict[tuple, tuple | None] = {}

    def still_true(self, questions: list[tuple] | None) -> bool:
        if questions is None:
            return False
        for question in questions:
            name, args, mode, _ = question
            key = (name, args, mode)
            if key not in self._memo:
                self._memo[key] = self._ask(name, args, mode)
            if self._memo[key] != question:
                return False
        return True

    def _ask(self, name: str, args: Any, mode: str) -> tuple | None:
        try:
            value = getattr(self.site, name)
            if args is not None:
                value = value(*(self._argument(a) for a in args))
        except (AttributeError, KeyError, TypeError, LookupError):
            return None
        if mode == "len":
            return (name, args, mode, len(value)) if isinstance(value, list) else None
        return (name, args, mode, self.fingerprints.of(value))

    def _argument(self, key: Any) -> Any:
        if isinstance(key, tuple) and key and key[0] == "entity":
            return self.entities[(key[1], key[2])]
        if isinstance(key, tuple) and key and key[0] == "briefing":
            return self.briefings[key[1]]
        return key
