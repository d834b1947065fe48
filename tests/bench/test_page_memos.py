"""Memos by identity, scoped to a page: what only one page held is forgotten after it, not kept for the build.

A render worker hashes and walks each page's data; the lists and dicts made
for one page can never be handed over again once the page lets them go, so
keeping them (and their memo entries) only made a worker grow with every page.
What the site still holds (its briefings, lists shared by pages) stays memoised.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from dataclasses import dataclass

from site_builder.model import Briefing
from site_builder.render.dependencies import DependencyWalker, let_go
from site_builder.render.incremental import Fingerprinter
from site_builder.render.pages import PageJob


@dataclass
class Card:
    title: str
    when: dt.date


def test_a_pages_own_values_are_forgotten_and_the_shared_ones_kept():
    fingerprints = Fingerprinter()
    shared = [Card(f"Briefing {n}", dt.date(2024, 1, n + 1)) for n in range(20)]  # the site's: held outside
    sizes, digests = [], []
    for page in range(60):
        with fingerprints.page():
            data = {"cards": shared[page % 5:page % 5 + 10], "page": page, "pair": [shared[0], [shared[1]]]}
            digests.append(fingerprints.of(data))
            del data
        sizes.append(len(fingerprints._memo))
    assert sizes[-1] == sizes[9] <= 15, f"the memo grew with the pages rendered: {sizes[:3]} ... {sizes[-3:]}"
    for card in shared[:14]:
        assert 4 * id(card) in fingerprints._memo, "a value something else holds stays memoised"
    fresh = Fingerprinter()
    assert digests == [fresh.of({"cards": shared[p % 5:p % 5 + 10], "page": p, "pair": [shared[0], [shared[1]]]})
                       for p in range(60)]


def test_a_value_still_held_after_its_page_stays_memoised_and_alive():
    fingerprints = Fingerprinter()
    kept = []
    for page in range(30):
        with fingerprints.page():
            value = [Card(f"Briefing {page}", dt.date(2024, 1, 1))]
            fingerprints.of({"cards": value})
            kept.append(value)  # e.g. a list the site keeps for later pages
    assert all(4 * id(value) in fingerprints._memo for value in kept)
    kept.clear()
    # Each list is kept alive by the memo, so no new value can come at its address and borrow its hash.
    seen = {id(value) for value in fingerprints._ids._alive}
    for number in range(500):
        with fingerprints.page():
            value = [Card(f"New {number}", dt.date(2024, 1, 1))]
            assert id(value) not in seen
            assert fingerprints.of({"cards": value}) == Fingerprinter().of({"cards": value})


def _briefing(slug: str) -> Briefing:
    return Briefing(slug=slug, title=slug, date=dt.date(2024, 1, 1), summary="", body="", html="", source=slug)


def test_the_dependency_walker_forgets_a_pages_own_lists_too():
    walker = DependencyWalker()
    briefings = [_briefing(f"b{n}") for n in range(12)]
    sizes = []
    for page in range(40):
        with walker.page():
            deps = walker.of({"briefings": briefings[page % 4:page % 4 + 6], "pair": [briefings[0]]})
        assert deps.whole == {b.slug for b in briefings[page % 4:page % 4 + 6]} | {"b0"}
        sizes.append(len(walker._memo))
    assert sizes[-1] == sizes[4] <= 12, f"the memo grew with the pages rendered: {sizes[:3]} ... {sizes[-3:]}"


def _context_kept_in_a_worker(queue) -> None:
    job = PageJob("a/index.html", "page.html", lambda: {"items": [1, 2]})
    with let_go(job):
        assert job.context == {"items": [1, 2]}
    queue.put("context" in job.__dict__)


def test_a_worker_lets_a_pages_data_go_and_the_planning_process_keeps_it():
    job = PageJob("a/index.html", "page.html", lambda: {"items": [1, 2]})
    with let_go(job):
        assert job.context["items"] == [1, 2]
    assert "context" in job.__dict__, "kept where the pages were planned (a preview reads it again)"
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_context_kept_in_a_worker, args=(queue,))
    worker.start()
    kept = queue.get(timeout=60)
    worker.join()
    assert kept is False
