"""The link & index stage over the fixture content."""

from site_builder.build import BuildOptions, load_content
from site_builder.content.site import build_site
from conftest import FIXTURE_SITE, TODAY


def fixture_site():
    content, problems = load_content(BuildOptions(content=FIXTURE_SITE, today=TODAY))
    assert problems == []
    published = [b for b in content.briefings if not b.is_draft]
    return build_site(content.config, content.kb, published, content.pages)


def test_briefings_newest_first_and_neighbours():
    site = fixture_site()
    assert [b.slug for b in site.briefings] == ["czech-accounts", "moldova-vote", "older-x"]
    older, newer = site.neighbours["moldova-vote"]
    assert older.slug == "older-x" and newer.slug == "czech-accounts"


def test_terms_list_exactly_the_briefings_that_name_them():
    site = fixture_site()
    czechia = site.kb.resolve("countries", "Czechia")
    assert [b.slug for b in site.term_briefings(czechia)] == ["czech-accounts", "older-x"]
    tags = {t.slug: [b.slug for b in site.briefings_by_term[("tags", t.slug)]] for t in site.terms["tags"]}
    assert tags["takedown"] == ["czech-accounts", "moldova-vote"]  # "Takedown" and "takedown" are one tag


def test_related_ranked_by_shared_entities():
    site = fixture_site()
    assert [b.slug for b in site.related["older-x"]][0] == "czech-accounts"


def test_timeline_in_date_order_with_votes_and_events():
    site = fixture_site()
    dates = [e.date for e in site.timeline]
    assert dates == sorted(dates)
    kinds = {e.kind for e in site.timeline}
    assert kinds == {"vote", "event", "briefing"}
    election = site.kb.resolve("elections", "2025 Czech parliamentary election")
    assert [e.date.isoformat() for e in site.term_events(election) if e.kind == "vote"] == ["2025-10-03", "2025-10-04"]


def test_companions_count_co_occurrence():
    site = fixture_site()
    tiktok = site.kb.resolve("platforms", "TikTok")
    names = [e.name for e, _ in site.companions[("platforms", tiktok.slug)]]
    assert "Czechia" in names and "Moldova" not in names


def test_a_country_lists_its_elections_and_actors_that_have_pages():
    site = fixture_site()
    named = lambda country: {kind: [e.name for e in items] for kind, items in site.affiliated(country).items()}
    resolve = lambda name: site.kb.resolve("countries", name)
    assert named(resolve("Czechia")) == {"elections": ["2025 Czech parliamentary election"],
                                         "actors": ["Andrej Babiš", "Stačilo!"]}
    assert named(resolve("Moldova")) == {"elections": ["2025 Moldovan parliamentary election"], "actors": []}
    assert named(resolve("Russia")) == {"elections": [], "actors": ["Russian government"]}


def test_affiliates_of_every_country_of_a_generated_archive_match_a_scan(tmp_path):
    from benchmarks.corpus import generate

    content, problems = load_content(BuildOptions(content=generate(tmp_path / "content", 120), today=TODAY))
    assert problems == []
    site = build_site(content.config, content.kb, content.briefings, content.pages)
    listed = 0
    for country in site.kb.entities["countries"]:
        expected = {kind: [e for e in site.terms[kind] if getattr(e, "country", None) is country]
                    for kind in ("elections", "actors")}
        assert site.affiliated(country) == expected
        listed += sum(map(len, expected.values()))
    assert listed > 20


# --- related briefings: the bit-set scoring against a plain reference -------------------------------

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
import pytest

from site_builder.model import Briefing, Entity

KINDS_FOR_TEST = ("countries", "actors", "tags")
TERM_POOL = [Entity(kind, f"{kind} {n}", f"{kind[:1]}{n}") for kind in KINDS_FOR_TEST for n in range(6)]


def reference_related(briefings: list[Briefing], count: int) -> dict[str, list[str]]:
    """Score every pair directly: the definition the fast ranking must match."""
    def weight(entity):
        return 1 if entity.kind == "tags" else 2

    out = {}
    for b in briefings:
        mine = {(e.kind, e.slug): weight(e) for e in b.terms()}
        scored = []
        for other in briefings:
            if other is b:
                continue
            score = sum(w for key, w in mine.items() if key in {(e.kind, e.slug) for e in other.terms()})
            if score:
                scored.append((-score, abs((other.date - b.date).days), other.slug))
        out[b.slug] = [slug for _, _, slug in sorted(scored)[:count]]
    return out


@st.composite
def archives(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    briefings = []
    for i in range(n):
        named = draw(st.sets(st.sampled_from(range(len(TERM_POOL))), max_size=6))
        entities: dict[str, list[Entity]] = {}
        for index in sorted(named):
            entities.setdefault(TERM_POOL[index].kind, []).append(TERM_POOL[index])
        day = draw(st.integers(min_value=0, max_value=60))
        briefings.append(Briefing(source=f"b{i}.md", slug=f"b{i:02d}", title=f"B {i}", summary="s", body="",
                                  date=dt.date(2024, 1, 1) + dt.timedelta(days=day),
                                  entities={k: tuple(v) for k, v in entities.items()}))
    return briefings


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(archives(), st.integers(min_value=1, max_value=5))
def test_related_equals_pairwise_scoring(briefings, count):
    content, _ = load_content(BuildOptions(content=FIXTURE_SITE, today=TODAY))
    site = build_site(content.config, content.kb, briefings, [], related_count=count)
    expected = reference_related(site.briefings, count)
    assert {slug: [b.slug for b in items] for slug, items in site.related.items()} == expected


def test_related_prefers_a_shared_actor_to_a_shared_tag():
    actor, tag, other_tag = TERM_POOL[6], TERM_POOL[12], TERM_POOL[13]
    day = dt.date(2024, 1, 1)
    make = lambda slug, ents, d=day: Briefing(source=slug, slug=slug, title=slug, summary="s", body="", date=d,
                                              entities=ents)
    base = make("base", {"actors": (actor,), "tags": (tag,)})
    by_tag = make("by-tag", {"tags": (tag,)})  # same day: nearer in date than by-actor
    by_actor = make("by-actor", {"actors": (actor,)}, day + dt.timedelta(days=30))
    unrelated = make("unrelated", {"tags": (other_tag,)})
    content, _ = load_content(BuildOptions(content=FIXTURE_SITE, today=TODAY))
    site = build_site(content.config, content.kb, [base, by_tag, by_actor, unrelated], [])
    assert [b.slug for b in site.related["base"]] == ["by-actor", "by-tag"]
