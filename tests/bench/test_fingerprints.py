"""The fingerprints behind render keys: equal content, equal hash; changed content, new hash.

The memo is keyed by object identity, so it must keep every value it has seen
alive: otherwise a new value made at the address of a dropped one would get
the dropped one's hash, and a changed page would be skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from site_builder.render.incremental import Fingerprinter


@dataclass
class Card:
    title: str
    tags: tuple[str, ...]
    when: dt.date


def test_equal_content_hashes_alike_and_any_change_shows():
    fingerprints = Fingerprinter()
    card = Card("Takedown", ("fimi", "x"), dt.date(2024, 5, 1))
    same = fingerprints.of({"cards": [Card("Takedown", ("fimi", "x"), dt.date(2024, 5, 1))]})
    assert fingerprints.of({"cards": [card]}) == same
    assert fingerprints.of({"cards": [Card("Takedown", ("fimi",), dt.date(2024, 5, 1))]}) != same
    assert fingerprints.of({"cards": [Card("Takedown", ("fimi", "x"), dt.date(2024, 5, 2))]}) != same
    assert fingerprints.of({"cards": [card, card]}) != same


def test_a_dropped_value_never_lends_its_hash_to_a_new_one():
    fingerprints = Fingerprinter()
    seen: dict[int, bytes] = {}
    reused = 0
    for number in range(2000):
        value = [Card(f"Briefing {number}", (), dt.date(2024, 1, 1))]  # dropped after each turn
        digest = fingerprints.of({"cards": value})
        if id(value) in seen:
            reused += 1
        seen[id(value)] = digest
        assert digest == Fingerprinter().of({"cards": [Card(f"Briefing {number}", (), dt.date(2024, 1, 1))]})
    assert reused == 0  # the memo kept every list alive, so no address came round again


def test_seeded_hashes_are_used_for_the_same_object_only():
    fingerprints = Fingerprinter()
    card = Card("Seeded", (), dt.date(2024, 1, 1))
    fingerprints.seed([card], [(b"from a worker", b"reached through another")])
    assert fingerprints.of([card]) == fingerprints.of([b"from a worker"]) != fingerprints.of([b"reached through another"])
    assert fingerprints.of([Card("Seeded", (), dt.date(2024, 1, 1))]) != fingerprints.of([b"from a worker"])


@dataclass(frozen=True)
class Name:
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Shown:
    text: str
    line: int | None = None


def test_frozen_values_hash_in_place_yet_every_field_and_their_type_show():
    fingerprints = Fingerprinter()
    card = Card("Takedown", (Name("Babiš", 3), Name("X", 4)), dt.date(2024, 5, 1))
    same = Fingerprinter().of([Card("Takedown", (Name("Babiš", 3), Name("X", 4)), dt.date(2024, 5, 1))])
    assert fingerprints.of([card]) == same
    for changed in ((Name("Babis", 3), Name("X", 4)), (Name("Babiš", 5), Name("X", 4)), (Name("Babiš", 3),),
                    (Shown("Babiš", 3), Name("X", 4)), (Name("Babiš", 3), ("X", 4)), ("Babiš", Name("X", 4))):
        assert fingerprints.of([Card("Takedown", changed, dt.date(2024, 5, 1))]) != same, changed
    alone = Fingerprinter()
    alone.of([card])
    assert len(alone._memo) == 3, "the list, the card and its tuple; the names are hashed with them"
