"""Whole articles from the sources we wrote, checked field by field."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.ingest.split.clean import CONTENT, classify

FURNITURE_WORDS = ("newsletter", "Advertisement", "Share this", "Tags:", "Photo:", "Reporting by", "Related",
                   "©", "notifications", "registering", "donation", "log in", "Caucasus Images", "cookies")


def article(ingest, name, index=0):
    result = ingest(name)
    assert result.error is None
    return result.articles[index]


def fields(a, **expected):
    """Compare many scalar fields at once, so a failure shows every difference."""
    assert {name: getattr(a, name) for name in expected} == expected


def no_furniture(a):
    for paragraph in a.paragraphs:
        assert classify(paragraph) == CONTENT, paragraph
        for word in FURNITURE_WORDS:
            assert word not in paragraph, (word, paragraph)


def test_three_articles_in_a_crlf_dump(ingest):
    result = ingest("three_articles_crlf.txt")
    assert len(result.articles) == 3
    assert [a.source.rsplit("#", 1)[1] for a in result.articles] == ["1", "2", "3"]
    for a in result.articles:
        no_furniture(a)


def test_dump_article_with_headline_byline_and_dateline(ingest):
    a = article(ingest, "three_articles_crlf.txt", 0)
    fields(a, title="Election commission flags coordinated Telegram campaign before Georgian vote",
           author="Nino Beridze", published=dt.date(2024, 10, 24), dateline="Tbilisi, Georgia")
    # Named only by another article's copyright line in the same dump: a guess, flagged.
    assert a.publisher == "Northern Courier" and "publisher" in a.review
    assert len(a.paragraphs) == 6
    assert a.paragraphs[0].startswith("Georgia's Central Election Commission said on Thursday")
    assert a.names("countries") == ["Georgia", "Russia"]
    assert a.names("platforms") == ["Telegram", "Facebook", "TikTok"]
    assert a.names("actors") == ["Central Election Commission of Georgia", "Digital Forensic Watch",
                                 "Levan Gelashvili", "Russian government", "Georgian Dream"]
    assert a.names("elections") == ["2024 Georgian parliamentary election"]
    assert [(s.name, s.context) for s in a.suggestions] == [
        ("Irakli Mchedlishvili", "Irakli Mchedlishvili, a senior analyst at the group"),
        ("Salome Tsereteli", "Opposition leader Salome Tsereteli"),
    ]
    assert [(f.kind, f.text, f.value) for f in a.figures] == [
        ("count", "37 Telegram channels", 37.0),
        ("reach", "more than 410,000 subscribers", 410_000.0),
        ("percentage", "about 12 percent", 12.0),
        ("money", "2.3 million lari", 2_300_000.0),
    ]
    assert [(s.speaker, s.quote) for s in a.statements] == [
        ("Irakli Mchedlishvili", "We are seeing the same text, the same typos and the same timing across dozens "
                                 "of accounts … That is not how real people talk about an election."),
        ("Russian officials", "a familiar attempt to blame Moscow."),  # "called the accusations “…”"
    ]
    assert [(e.date, e.phrase) for e in a.events] == [(dt.date(2024, 10, 24), "on Thursday"),
                                                      (dt.date(2024, 10, 26), "Saturday's")]
    assert a.review[:5] == ["summary", "publisher", "sources", "actors", "targets"]
    assert a.targets == ["Georgia"]


def test_dump_article_without_headline_or_date(ingest):
    a = article(ingest, "three_articles_crlf.txt", 1)
    assert a.title == "Estonia's security service dismantled a network of 240 fake Facebook accounts"
    assert a.author == ""
    assert a.publisher == "Baltic Ledger"  # from the dateline "TALLINN (Baltic Ledger) —"
    assert a.dateline == "Tallinn"
    # Inferred: the only Estonian local election on a Sunday, and "said on Monday" before it.
    assert a.published == dt.date(2025, 10, 13)
    assert a.names("countries") == ["Estonia", "Belarus", "Russia"]
    assert a.names("actors") == ["Estonian Internal Security Service", "Kristjan Saar", "Baltic Ledger"]
    assert a.names("elections") == ["2025 Estonian local elections"]
    assert [(s.speaker, s.quote[:30]) for s in a.statements] == [("Kristjan Saar", "Their aim was to make voters b")]
    assert [(e.date, e.phrase) for e in a.events] == [
        (dt.date(2025, 8, 14), "August 14"),
        (dt.date(2025, 10, 10), "on Friday"),
        (dt.date(2025, 10, 13), "on Monday"),
        (dt.date(2025, 10, 19), "Sunday's"),  # the election day, from the same sentence
        (None, "Last year"),  # no European Parliament election in the knowledge base to anchor it
    ]
    for field in ("title", "published", "events", "elections", "author", "sources", "summary"):
        assert field in a.review


def test_dump_article_with_byline_and_date_on_one_line(ingest):
    a = article(ingest, "three_articles_crlf.txt", 2)
    fields(a, title="Video platform removes network praising candidate",
           standfirst="Short clips in Georgian and Russian pushed the same slogans", author="Tamar Abashidze",
           published=dt.date(2024, 11, 2), publisher="Northern Courier")  # from its copyright line
    assert a.names("platforms") == ["YouTube"]
    assert a.names("elections") == ["2024 Georgian parliamentary election"]
    assert [(e.date, e.phrase) for e in a.events] == [(dt.date(2024, 10, 26), "October 26"), (dt.date(2024, 11, 1), "on Friday")]
    assert [(s.speaker, s.quote) for s in a.statements] == [
        ("Salome Tsereteli", "This was a coordinated effort to make one message look popular")]
    assert [f.text for f in a.figures] == ["58 YouTube channels", "1.2 million views"]
    assert "Estonia dismantles fake account network" not in a.paragraphs  # a "Related" headline


def test_windows_1252_dump(ingest):
    a = article(ingest, "observers_cp1252.txt")
    assert a.title == "Observers question late changes to Georgian voter lists"
    assert a.published == dt.date(2024, 10, 21)
    assert a.dateline == "Kutaisi, Georgia"
    assert a.paragraphs[1].startswith("“Changes of this size")
    assert [(s.name, s.context) for s in a.suggestions] == [
        ("José Álvarez Peña", "José Álvarez Peña, who leads the observer mission’s regional team")]
    assert [(e.date, e.phrase) for e in a.events] == [
        (dt.date(2024, 10, 21), "Monday"), (dt.date(2024, 10, 23), "by Wednesday"),
        (dt.date(2024, 10, 26), "Saturday’s")]  # "five days before Saturday’s election": the known vote
    assert a.names("elections") == ["2024 Georgian parliamentary election"]
    assert a.statements[0].speaker == "José Álvarez Peña"


def test_bom_dump_with_prompts_and_a_donation_pitch(ingest):
    a = article(ingest, "bot_farm_bom.txt")
    no_furniture(a)
    fields(a, title="Estonia warns of Telegram bot farm ahead of local vote",
           standfirst="Security service says hundreds of automated accounts pushed invented stories about candidates",
           author="Mari Kask", published=dt.date(2025, 10, 14),
           publisher="Northern Courier")  # "Get alerts from the Northern Courier"
    assert len(a.paragraphs) == 4
    assert a.names("actors") == ["Estonian Internal Security Service", "Kristjan Saar"]
    assert a.names("elections") == ["2025 Estonian local elections", "2023 Estonian parliamentary election"]
    assert a.summary == a.standfirst


def test_saved_page_with_json_ld(ingest):
    a = article(ingest, "georgia_bots_jsonld.html")
    no_furniture(a)
    fields(a, title="Bot accounts amplified ruling party posts on election eve",
           standfirst="Researchers traced thousands of identical comments to a small group of operators.",
           author="Giorgi Tsintsadze and Eka Maisuradze", publisher="Caucasus Wire", published=dt.date(2024, 10, 27),
           url="https://caucasuswire.example/2024/10/27/georgia-election-bots", dateline="Tbilisi")
    assert len(a.paragraphs) == 6
    assert not any("<" in p or "script" in p for p in a.paragraphs)
    assert not any(word in " ".join(a.paragraphs) for word in ("Storm hits", "Most read", "Home", "Accept"))
    assert a.names("countries") == ["Georgia"]
    assert a.names("elections") == ["2024 Georgian parliamentary election"]
    assert [(s.speaker, s.quote[:27]) for s in a.statements] == [("Ketevan Chachava", "The pattern is unmistakable")]
    assert [(s.name, s.context) for s in a.suggestions] == [("Ketevan Chachava", "the group's lead researcher, Ketevan Chachava")]
    assert [(f.kind, f.text) for f in a.figures] == [("count", "1,150 accounts"), ("count", "14 messages"),
                                                     ("reach", "an estimated 2 million users")]
    assert "sources" not in a.review and "published" not in a.review


def test_saved_page_with_open_graph_and_time(ingest):
    a = article(ingest, "estonia_ads_opengraph.html")
    no_furniture(a)
    fields(a, title="Security service links political ad network to Belarus", author="Mari Kask",
           publisher="Baltic Ledger", published=dt.date(2025, 10, 13),
           url="https://balticledger.example/news/ad-network-belarus", dateline="Tallinn, Estonia")
    assert len(a.paragraphs) == 5
    assert "Bot farm targeted older voters" not in a.paragraphs
    assert a.names("countries") == ["Estonia", "Belarus", "Latvia", "Lithuania"]
    assert a.statements[0].speaker == "Kristjan Saar"
    assert [(e.date, e.phrase) for e in a.events] == [
        (dt.date(2025, 9, 1), "September 1"), (dt.date(2025, 10, 11), "on Saturday"), (dt.date(2025, 10, 13), "on Monday"),
        (dt.date(2025, 10, 19), "Sunday’s")]
    assert a.review == ["summary", "targets"]


@pytest.mark.parametrize("name", ["three_articles_crlf.txt", "observers_cp1252.txt", "bot_farm_bom.txt",
                                  "georgia_bots_jsonld.html", "estonia_ads_opengraph.html"])
def test_every_mention_says_where_it_was_found(ingest, name):
    for a in ingest(name).articles:
        for mention in a.mentions:
            assert mention.found and all(
                place.split(":")[0] in ("title", "standfirst", "dateline") or place.startswith("paragraph ")
                for place in mention.found), mention


def test_dump_with_menus_byline_details_and_captions(ingest):
    a = article(ingest, "section_menu_captions.txt")
    no_furniture(a)
    fields(a, title="Georgia election: Ruling party accused of buying votes in rural areas", standfirst="",
           author="Nana Kapanadze", dateline="Tbilisi",  # from "Reporting from Tbilisi"
           published=dt.date(2024, 10, 27))  # after Saturday's vote, the Sunday it speaks of
    assert len(a.paragraphs) == 6
    assert not any("rallied" in p or "refused to recognise" in p for p in a.paragraphs)  # captions
    assert [(s.name, s.context) for s in a.suggestions] == [
        ("Organization for Security and Co-operation in Europe",
         "Observers from the Organization for Security and Co-operation in Europe (OSCE) said they had received "
         "credible reports of pressure on public sector workers."),
        ("Tamta Lomidze", "Tamta Lomidze, a former minister who now leads an election monitoring group"),
        ("Levan Ivanidze", "Georgian Dream's founder, Levan Ivanidze"),
        ("European Union", "The European Union has called for an investigation."),
        ("Anna Lindqvist", "EU foreign policy chief Anna Lindqvist"),
    ]
    assert a.suggestions[0].alias == "OSCE"
    assert [s.speaker for s in a.statements] == ["Tamta Lomidze", "Levan Ivanidze", "Anna Lindqvist"]
    assert [(e.date, e.phrase) for e in a.events] == [(dt.date(2024, 10, 26), "Saturday's"),
                                                      (dt.date(2024, 10, 27), "on Sunday")]
    assert [f.text for f in a.figures] == ["58.9%", "53.9%"]


def test_page_without_site_name_metadata(ingest):
    a = article(ingest, "moldova_title_suffix.html")
    no_furniture(a)
    fields(a, title="Moldova accuses Russia of paying voters via crypto scheme", author="Ana Popa",
           publisher="The Daily Ledger",  # the last part of <title>, flagged
           dateline="Chișinău",  # "Ana Popa in Chișinău"
           published=dt.date(2025, 9, 21), url="https://dailyledger.example/world/2025/sep/21/moldova-crypto-vote-buying")
    assert "publisher" in a.review
    assert not any(text in " ".join(a.paragraphs) for text in (
        "tough test", "Photograph", "Explore more", "Reuse this content", "Most viewed", "Celebrity"))
    assert a.names("countries") == ["Moldova", "Russia"]
    assert [(s.name, s.context) for s in a.suggestions] == [
        ("Vasile Rotaru", "the head of the national police, Vasile Rotaru"),
        ("Doina Cebotaru", "Doina Cebotaru, the president"),
        ("Pavel Orlov", "Its spokesperson, Pavel Orlov"),
        # a public body written in lower case, with its sentence as context
        ("Moldovan police", "Moldovan police have accused Russia of funnelling money to more than 100,000 voters "
                            "through a network of crypto wallets and a sanctioned Russian bank, a week before the "
                            "country's parliamentary…"),
    ]
    assert [s.speaker for s in a.statements] == ["Doina Cebotaru", "Pavel Orlov"]
    assert [(e.date, e.phrase) for e in a.events] == [(dt.date(2025, 9, 18), "on Thursday"), (None, "Last year’s")]
    assert [f.text for f in a.figures] == ["more than 100,000 voters", "about $39m", "50.35%"]
