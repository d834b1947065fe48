"""The link & index stage over the fixture content."""

from site_builder.build import BuildOptions, load_content
from site_builder.site import build_site
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
