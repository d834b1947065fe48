"""Page shapes that ingest must read on pages nobody tuned it on (dumps we wrote ourselves).

Each test is one mechanism: a headline found above its standfirst and date line, a date line
that also names the desk, promotion lines, a body that never opens with a subheading (live
blogs, reports), a newsletter digest cut into its items, and sentences about the US not taken
for the publisher's own pitch.
"""

from __future__ import annotations

import datetime as dt

from site_builder.ingest.extract.localdates import parse_local_date
from site_builder.ingest.pipeline import ingest_bytes
from site_builder.ingest.split.clean import classify_why

TODAY = dt.date(2026, 12, 3)

BODY = (
    "Officials in Vilnius said on Monday that a network of 200 accounts on X and Telegram had posted the same claims "
    "about the municipal vote, copying the look of two regional newspapers and paying for advertising in the final week.\n\n"
    "Researchers at the Baltic Media Lab said the accounts were created within a few days of each other and mostly "
    "posted at night, and that several had earlier shared material about the war in Ukraine.\n\n"
    "The electoral commission said it had asked both platforms to remove the accounts before polling day.\n"
)


def _one(kb, matcher, text: str, name: str = "dump.txt", html: bool = False):
    result = ingest_bytes(text.encode(), name, kb, matcher, TODAY, html=html)
    assert result.error is None, result.error
    assert len(result.articles) == 1, [a.title for a in result.articles]
    return result.articles[0]


def test_a_headline_with_a_standfirst_above_its_date_line_is_the_title_under_section_labels(kb, matcher):
    text = ("Lakeside Courier\n\nRegional Affairs\n\nMunicipal vote 2025\n\n"
            "Copied news sites targeted Lithuanian voters, officials say\n\n"
            "A network of accounts spread the same claims about the municipal vote in its final week\n\n"
            "Tuesday 14 October 2025 09:10 EET\n\n" + BODY)
    article = _one(kb, matcher, text)
    assert article.title == "Copied news sites targeted Lithuanian voters, officials say"
    assert article.standfirst.startswith("A network of accounts spread")
    assert article.author == ""  # "Regional Affairs" is a section label, not a person
    assert article.published == dt.date(2025, 10, 14)
    assert article.paragraphs[0].startswith("Officials in Vilnius said on Monday")


def test_a_date_line_that_also_says_updated_gives_both_dates(kb, matcher):
    text = ("Copied news sites targeted Lithuanian voters, officials say\n\n"
            "The accounts posted at night and bought advertising, researchers found.\n\n"
            "Oct. 14, 2025, 9:10 AM EET / Updated Oct. 15, 2025, 11:02 AM EET\n\nBy Rasa Petraitė\n\n" + BODY)
    article = _one(kb, matcher, text)
    assert (article.published, article.updated) == (dt.date(2025, 10, 14), dt.date(2025, 10, 15))
    assert article.paragraphs[0].startswith("Officials in Vilnius said on Monday")


def test_a_date_line_that_also_names_the_desk_is_read(kb, matcher):
    assert parse_local_date("14 October 2025 | Baltic Service / Lakeside Desk") == dt.date(2025, 10, 14)
    text = "BALTICS\n\nCopied news sites targeted Lithuanian voters\n\n14 October 2025 | Baltic Service / Lakeside Desk\n\n" + BODY
    article = _one(kb, matcher, text)
    assert article.title == "Copied news sites targeted Lithuanian voters"
    assert article.published == dt.date(2025, 10, 14)


def test_promotion_lines_are_furniture_with_a_reason(kb, matcher):
    for line in ("Get the Baltic news you need, every morning.", "The day's top stories, straight to your inbox.",
                 "Receive our best reporting every week."):
        kind, why = classify_why(line)
        assert kind == "furniture" and why, line
    assert classify_why("Officials get the news every morning from the agency's briefing.")[0] == "content"
    text = "Copied news sites targeted Lithuanian voters\n\n14 October 2025\n\n" + BODY + "\nGet the Baltic news you need, every morning.\n"
    article = _one(kb, matcher, text)
    assert not any("every morning" in p for p in article.paragraphs)
    assert any("every morning" in line for line, _ in article.dropped)


def test_sentences_about_the_us_are_not_the_publishers_pitch(kb, matcher):
    line = ("The Independent Electoral Commission has warned voters about doctored clips after one in which a former "
            "US president seems to back a new party spread on X.")
    assert classify_why(line)[0] == "content"
    assert classify_why("Independent journalism needs us: support our newsroom today.")[0] == "furniture"


LIVE = """Vilnius municipal vote: results as they came in

Baltic Live Desk

14 October 2025

LIVE

23.40 EET

Mayor concedes in the capital

The outgoing mayor conceded defeat shortly before midnight, telling supporters in the old town that the count had been fair and that she would lead the opposition in the council.

Turnout was about 52%, the electoral commission said, the highest for a municipal vote since independence.

21.05 EET

Commission flags copied news sites

The electoral commission said it had asked X and Telegram to remove dozens of accounts that copied the look of regional newspapers and posted the same claims about the vote.

18.30 EET

Polls close

Polling stations closed at 8pm; officials said the vote had passed without serious incidents across the country.
"""


def test_a_live_blog_is_one_article_opening_with_the_newest_posts_text(kb, matcher):
    article = _one(kb, matcher, LIVE)
    assert article.title == "Vilnius municipal vote: results as they came in"
    assert article.paragraphs[0].startswith("The outgoing mayor conceded defeat")
    assert "Commission flags copied news sites" in article.paragraphs  # later post headlines stay in the body
    assert ("Mayor concedes in the capital", "a subheading above the first paragraph") in article.dropped


DIGEST = """<html lang="en"><head><title>Baltic Signals – Issue 31</title>
<meta property="og:site_name" content="Baltic Signals"></head><body>
<header>Baltic Signals <nav><a href="/archive">Archive</a></nav></header>
<main>
<div class="issue-line">Issue 31 – 20 October 2025</div>
<div class="toc"><h3>In this issue</h3><ul><li>Lithuania: copied news sites before the municipal vote</li>
<li>Latvia: a fake poll on Telegram</li></ul></div>
<div class="intro"><p>Two ballots, one toolkit. The week in brief.</p></div>
<section><h2>Lithuania: copied news sites before the municipal vote</h2><div class="when">14 Oct 2025</div>
<p>Officials in Vilnius said a network of 200 accounts on X and Telegram had posted the same claims about the municipal vote, copying the look of two regional newspapers.</p>
<p>Researchers said the accounts were created within days of each other and mostly posted at night.</p></section>
<section><h2>Latvia: a fake poll on Telegram</h2><div class="when">17 Oct 2025</div>
<p>A poll said to come from the national statistics office and showing a collapse in support for the governing party spread on Telegram channels in Riga this week.</p>
<p>The office said it had published no such figures and asked the platform to label the posts as false.</p></section>
<div class="fwd">Forward to a friend</div>
</main><footer>© 2025 Baltic Signals</footer></body></html>"""


def test_a_newsletter_digest_is_cut_into_its_items_each_with_its_own_date(kb, matcher):
    result = ingest_bytes(DIGEST.encode(), "digest.html", kb, matcher, TODAY, html=True)
    assert result.error is None
    titles = [a.title for a in result.articles]
    assert titles == ["Lithuania: copied news sites before the municipal vote", "Latvia: a fake poll on Telegram"]
    first, second = result.articles
    assert first.paragraphs[0].startswith("Officials in Vilnius said")
    assert second.paragraphs[0].startswith("A poll said to come from")
    assert (first.published, second.published) == (dt.date(2025, 10, 14), dt.date(2025, 10, 17))
    assert first.publisher == second.publisher == "Baltic Signals"
    body = " ".join(first.paragraphs + second.paragraphs)
    assert "In this issue" not in body and "Two ballots" not in body
    assert any(line == "In this issue" for line, _ in first.dropped)


READING = """The Baltic Brief

A weekly round-up of election interference news

Issue #58 · Sunday 19 October 2025

Hello all, a busy week in Vilnius. Here is what we read.

THIS WEEK'S READING

Copied news sites flood the Lithuanian municipal race

Lakeside Courier

Tue, Oct 14, 2025 · 4 min read

Inside the night shift of a Telegram bot farm

Riga Review

Thu, Oct 16, 2025 · 9 min read

OUR VIEW

""" + BODY + """
That's all for this week. Forward this to a friend.
"""


def test_a_reading_lists_entries_are_dropped_and_the_issue_line_dates_the_own_article(kb, matcher):
    article = _one(kb, matcher, READING)
    assert article.paragraphs[0].startswith("Officials in Vilnius said on Monday")
    body = " ".join(article.paragraphs)
    for line in ("Lakeside Courier", "Riga Review", "Inside the night shift"):
        assert line not in body
    assert ("Riga Review", "an entry of a reading list (headline, outlet, date)") in article.dropped
    assert article.published == dt.date(2025, 10, 19)


PAGE = """<html><head><title>Copied news sites targeted Lithuanian voters - Lakeside Courier</title>
<meta property="og:site_name" content="Lakeside Courier"></head><body>
<div class="strap">The Baltic's independent regional daily</div>
<div class="story"><h1>Copied news sites targeted Lithuanian voters</h1>
<div class="stamp">Tuesday, October 14, 2025 - 9:10 AM</div>
<div class="text">
<div class="para">Officials in Vilnius said on Monday that a network of 200 accounts on X and Telegram had posted the same claims about the municipal vote, copying the look of two regional newspapers.</div>
<div class="gap"></div>
<div class="para">Researchers at the Baltic Media Lab said the accounts were created within a few days of each other and mostly posted at night, and that several had earlier shared material about the war in Ukraine.</div>
<div class="gap"></div>
<div class="para">The electoral commission said it had asked both platforms to remove the accounts before polling day.</div>
</div></div></body></html>"""


def test_a_pages_strapline_and_date_line_above_a_body_of_divs_stay_out_of_it(kb, matcher):
    article = _one(kb, matcher, PAGE, "page.html", html=True)
    assert article.paragraphs[0].startswith("Officials in Vilnius said on Monday")
    dropped = dict(article.dropped)
    assert dropped["The Baltic's independent regional daily"] == "the site's header above the headline"
    assert article.published == dt.date(2025, 10, 14)


def test_sponsored_and_most_read_lists_in_any_language_take_their_headlines_with_them(kb, matcher):
    text = ("Copied news sites targeted Lithuanian voters\n\n14 October 2025\n\n" + BODY +
            "\nRegional Desk Campaign AD\n\nSponsored Stories by Outbrain\n\nDoctors hate this one simple trick\n\n"
            "Terpopuler\n\nHarga cabai naik lagi\n\nJadwal kereta hari ini\n")
    article = _one(kb, matcher, text)
    body = " ".join(article.paragraphs)
    for line in ("Campaign AD", "Doctors hate", "Harga cabai", "Jadwal kereta"):
        assert line not in body
    dropped = dict(article.dropped)
    assert dropped["Regional Desk Campaign AD"] == "an advertisement label"
    assert dropped["Doctors hate this one simple trick"] == "a headline in a 'related' list"


def test_a_byline_run_together_with_its_date_dates_the_article_under_a_menu_line(kb, matcher):
    text = ("Lakeside Courier\n\nHome  News  Analysis  Interviews  Investigations\n\nINTERVIEW\n\n"
            "'The accounts never sleep': a researcher on Lithuania's municipal vote\n\n"
            "Rasa Petraitė  Vilnius  Lakeside  October 14, 2025\n\n" + BODY)
    article = _one(kb, matcher, text)
    assert article.title == "'The accounts never sleep': a researcher on Lithuania's municipal vote"
    assert article.published == dt.date(2025, 10, 14)
    assert article.paragraphs[0].startswith("Officials in Vilnius said on Monday")


def test_a_slashed_date_that_reads_either_way_follows_the_pages_own_dates_or_is_flagged(kb, matcher):
    head = "Copied news sites targeted Lithuanian voters\n\n03/04/2024\n\n"
    flagged = _one(kb, matcher, head + BODY)
    assert flagged.published == dt.date(2024, 4, 3)
    assert "published" in flagged.review
    assert any("reads either way" in note for note in flagged.notes)
    us = _one(kb, matcher, head + BODY + "\nThe commission first warned about the accounts on 12/28/2023.\n")
    assert us.published == dt.date(2024, 3, 4)
    assert not any("reads either way" in note for note in us.notes)
    uk = _one(kb, matcher, head + BODY + "\nThe commission first warned about the accounts on 28/12/2023.\n")
    assert uk.published == dt.date(2024, 4, 3)


def test_a_saved_pages_visible_updated_line_gives_the_updated_date(kb, matcher):
    page = PAGE.replace('<div class="stamp">Tuesday, October 14, 2025 - 9:10 AM</div>',
                        '<div class="byline"><span class="timestamp">Updated Oct. 16, 2025, 8:02 a.m. EET | '
                        'Published Oct. 14, 2025, 9:10 a.m. EET</span></div>')
    page = page.replace("</head>", '<meta property="article:published_time" content="2025-10-14T07:10:00Z"></head>')
    article = _one(kb, matcher, page, "page.html", html=True)
    assert (article.published, article.updated) == (dt.date(2025, 10, 14), dt.date(2025, 10, 16))


WIRE = """VILNIUS, Oct 14 (Baltic Wire) - Lithuania's electoral commission said on Tuesday it had asked X and Telegram to remove about 200 accounts that copied the look of regional newspapers and pushed the same claims about Sunday's municipal vote.

The accounts were created within days of each other and mostly posted at night, researchers at the Baltic Media Lab said, adding that several had earlier shared material about the war in Ukraine.

Officials said they could not yet say who ran the network. Moscow has denied interfering in elections in the Baltic states.

(Reporting by Rasa Petraitė; Editing by Tom Hale)
"""


def test_wire_copy_pasted_three_times_is_cut_at_each_copys_start_and_dated_by_its_siblings(kb, matcher):
    dump = ("Lakeside Courier\n\nLithuania asks platforms to remove copied news accounts\n\nOct 14, 2025 | 16:05\n\n" + WIRE
            + "\nRiga Daily Mirror\n\nWORLD NEWS\n\nLithuania asks X, Telegram to pull 200 accounts before vote\n\n"
            "Published: 14 October 2025 17:20\n\n" + WIRE
            + "\nCopyright 2025 Riga Daily Mirror\n\nThird Outlet Online\n\nLithuania asks platforms to act on fake news sites\n\n"
            "By Baltic Wire staff\n\n" + WIRE)
    result = ingest_bytes(dump.encode(), "wire.txt", kb, matcher, TODAY)
    assert len(result.articles) == 3
    for article in result.articles:
        assert article.paragraphs[0].startswith("Lithuania's electoral commission said on Tuesday")
        assert article.published == dt.date(2025, 10, 14)  # never Oct 14 of the year ingest runs in
    assert result.articles[2].title == "Lithuania asks platforms to act on fake news sites"
    assert any("other articles in the same file" in note for note in result.articles[2].notes)


def test_a_relative_date_line_is_dropped_and_flagged_never_taken_as_a_day(kb, matcher):
    for line in ("Updated 2 hours ago", "Yesterday at 14:30", "Tuesday 09:10"):
        text = "Copied news sites targeted Lithuanian voters\n\n" + line + "\n\n" + BODY
        article = _one(kb, matcher, text)
        assert article.published is None
        assert (line, "a relative date (the day it counts from is not given)") in article.dropped
        assert any(f'"{line}"' in note for note in article.notes if note.startswith("published"))
        assert "published" in article.review


def test_a_live_blogs_posts_with_their_own_date_stamps_stay_one_article(kb, matcher):
    text = LIVE.replace("23.40 EET", "14 October 2025, 23:40").replace("21.05 EET", "14 October 2025, 21:05") \
        .replace("18.30 EET", "14 October 2025, 18:30")
    article = _one(kb, matcher, text)
    assert article.paragraphs[0].startswith("The outgoing mayor conceded defeat")
    assert any(p.startswith("Polling stations closed at 8pm") for p in article.paragraphs)


RELEASE = """Government of Lakeland

Home > News > Foreign affairs

News release

Lakeland's rapid response unit detects copied news sites targeting municipal vote

October 14, 2025 - Lakeside, Northern Province - The Ministry of Foreign Affairs said today that its rapid response unit had found a network of 200 accounts on X and Telegram that copied the look of regional newspapers and pushed the same claims about the municipal vote.

The unit said the accounts were created within days of each other, mostly posted at night, and had earlier shared material about the war in Ukraine. The ministry has asked both platforms to remove them.

- 30 -

Contacts

Media Relations Office
Ministry of Foreign Affairs
media@example.org
"""


def test_a_release_dated_before_its_place_and_closed_by_an_end_mark(kb, matcher):
    article = _one(kb, matcher, RELEASE)
    assert article.paragraphs[0].startswith("The Ministry of Foreign Affairs said today")
    assert article.dateline == "Lakeside, Northern Province"
    assert article.published == dt.date(2025, 10, 14)
    body = " ".join(article.paragraphs)
    assert "30" not in body and "Media Relations Office" not in body
    assert ("- 30 -", "an end mark") in article.dropped


TEASER = ("Officials said a network of accounts on X and Telegram had pushed the same claims about the municipal vote "
          "in its final week, copying the look of regional newspapers.")


def test_a_saved_topic_page_of_linked_headlines_gives_no_article(kb, matcher):
    cards = "".join(f'<div class="card"><h3><a href="/s/{i}">Copied news sites story {i} from the Baltic states</a></h3>'
                    f'<div class="when">{10 + i} October 2025</div><p>{TEASER}</p></div>' for i in range(4))
    page = f"<html><head><title>Topic: Disinformation | Lakeside Courier</title></head><body><main><h1>Disinformation</h1>{cards}</main></body></html>"
    result = ingest_bytes(page.encode(), "topic.html", kb, matcher, TODAY, html=True)
    assert result.articles == []
    assert "list of headlines" in result.error.message


def test_a_saved_live_blog_with_dated_posts_is_one_article_not_a_digest(kb, matcher):
    posts = "".join(f'<div class="post"><h3>Count update number {i}</h3><div class="stamp">14 October 2025, 2{i}:00</div>'
                    f'<p>{TEASER} Post {i} of the night.</p></div>' for i in (3, 2, 1))
    page = (f"<html><head><title>Lithuania municipal vote: live updates</title></head><body><main>"
            f"<h1>Lithuania municipal vote: live updates</h1>{posts}</main></body></html>")
    article = _one(kb, matcher, page, "live.html", html=True)
    assert article.paragraphs[0].endswith("Post 3 of the night.")
    assert "Count update number 2" in article.paragraphs


def test_a_dateline_without_a_year_takes_the_year_the_article_names_not_todays(kb, matcher):
    text = ("Vilnius says copied news sites are back\n\n"
            "Vilnius, March 5 (Baltic Wire) - Lithuania's electoral commission said the network of copied news sites "
            "first seen before the 2023 municipal vote had returned, with about 200 accounts on X and Telegram posting "
            "the same claims in the run-up to the 2023 election and again this week.\n\n"
            "Researchers at the Baltic Media Lab said the accounts had been dormant since November 2022 and were "
            "reactivated within days of each other, mostly posting at night.\n")
    article = _one(kb, matcher, text)
    assert article.published == dt.date(2023, 3, 5)
    assert any("the year from the years the article names" in note for note in article.notes)


def test_a_saved_releases_contact_block_after_its_end_mark_stays_out_of_the_body(kb, matcher):
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip())
    page = (f"<html><head><title>Copied news sites found</title></head><body><main><h1>Copied news sites found</h1>"
            f"{paragraphs}<p>- 30 -</p><h3>Contacts</h3><p>Media Relations Office</p><p>Ministry of Foreign Affairs of Lakeland</p>"
            f"</main></body></html>")
    article = _one(kb, matcher, page, "release.html", html=True)
    assert article.paragraphs[-1].startswith("The electoral commission said")
    assert ("Media Relations Office", "after the end mark that closes the release") in article.dropped


ITEM_1 = ("<p>Officials in Vilnius said a network of 200 accounts on X and Telegram had posted the same claims about the "
          "municipal vote, copying the look of two regional newspapers.</p><p>Researchers said the accounts were new.</p>")
ITEM_2 = ("<p>A poll said to come from the national statistics office and showing a collapse in support for the governing "
          "party spread on Telegram channels in Riga this week.</p><p>The office said it published no such figures.</p>")


def _page(body: str) -> bytes:
    return f"<html><head><title>Baltic Signals – Issue 31</title></head><body>{body}</body></html>".encode()


def test_digest_items_dated_above_their_headline_or_laid_out_in_table_cells_are_cut_too(kb, matcher):
    above = (f'<main><article><p>14 Oct 2025</p><h2>Lithuania: copied news sites</h2>{ITEM_1}</article>'
             f'<article><p>17 Oct 2025</p><h2>Latvia: a fake poll</h2>{ITEM_2}</article></main>')
    cells = (f'<table><tr><td><h2>Lithuania: copied news sites</h2><p>Tuesday 14 October 2025</p>{ITEM_1}</td></tr>'
             f'<tr><td><h2>Latvia: a fake poll</h2><p>Friday 17 October 2025</p>{ITEM_2}</td></tr></table>')
    for body in (above, cells):
        result = ingest_bytes(_page(body), "digest.html", kb, matcher, TODAY, html=True)
        assert [(a.title, a.published) for a in result.articles] == [
            ("Lithuania: copied news sites", dt.date(2025, 10, 14)), ("Latvia: a fake poll", dt.date(2025, 10, 17))]
        assert result.articles[1].paragraphs[0].startswith("A poll said to come from")


def test_an_article_with_dated_teasers_under_it_is_not_a_digest(kb, matcher):
    own = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip())
    body = (f"<main><h1>Copied news sites targeted Lithuanian voters</h1>{own}"
            f"<h2>Lithuania: copied news sites</h2><p>14 Oct 2025</p>{ITEM_1}<h2>Latvia: a fake poll</h2><p>17 Oct 2025</p>{ITEM_2}</main>")
    result = ingest_bytes(_page(body), "article.html", kb, matcher, TODAY, html=True)
    assert len(result.articles) == 1
    assert result.articles[0].paragraphs[0].startswith("Officials in Vilnius said on Monday")
