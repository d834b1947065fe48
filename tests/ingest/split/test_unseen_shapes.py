"""Shapes of pages from sites nobody tuned on, judged by the shape and place of a line, not its words:
menus in another script, a masthead above a headline with no byline, paragraphs wrapped several
elements deep, captions closed by a bracketed credit, a note on the author under the last paragraph,
the publisher speaking to the reader."""

from __future__ import annotations

from site_builder.ingest.read.html import parse_page
from site_builder.ingest.split.clean import FURNITURE, classify_why
from site_builder.ingest.split.cut import split_articles
from site_builder.ingest.split.furniture import shape_reason
from site_builder.ingest.split.reflow import reflow

BODY = [
    "Election officials in the northern district said on Monday that a network of pages had posted the same "
    "claims about the count for three weeks, and that most of the pages had been set up in a single month.",
    "The commission asked the platform to remove the pages and said it would publish the list of accounts "
    "once its own review of the posts and the money behind them was finished later in the year.",
    "Two of the parties named in the posts denied any part in the campaign and called for an inquiry "
    "into who had paid for the advertisements that carried the claims to voters in the district.",
]


def cut(text: str):
    articles, _ = split_articles(reflow(text), "dump.txt")
    return articles


def paragraphs(article) -> list[str]:
    return [b.text for b in article.blocks]


def test_lines_in_another_script_around_the_article_are_furniture():
    # Georgian menus and labels around an English story; the date line in both scripts stays a date.
    text = "\n".join([
        "მთავარი | პოლიტიკა | ეკონომიკა | სპორტი",
        "Count dispute grows over fake election pages",
        "By Nino Example",
        "გამოქვეყნდა 4 June 2024",
        BODY[0], "რეკლამა", BODY[1], BODY[2],
        "ყველაზე კითხვადი",
    ])
    [article] = cut(text)
    assert paragraphs(article) == BODY
    dropped = [line for line, _ in article.dropped]
    assert "რეკლამა" in dropped and "ყველაზე კითხვადი" in dropped


def test_the_headline_is_the_line_above_the_first_paragraph_under_a_masthead():
    text = "\n".join([
        "---",
        "Harbour Post",
        "Home  World  Politics  Sport  Opinion",
        "Politics desk, Tuesday 4 June 2024",
        "Commission orders fake election pages taken down",
        *BODY,
    ])
    [article] = cut(text)
    assert article.title == "Commission orders fake election pages taken down"
    assert paragraphs(article)[0] == BODY[0]
    assert ("Politics desk, Tuesday 4 June 2024", "the site's header above the headline") in article.dropped


def test_paragraphs_wrapped_several_elements_deep_are_all_read():
    wrapped = "".join(f'<div class="w1"><div class="w2"><div class="w3"><p>{p}</p></div></div></div>'
                      f'<div class="w1"><div class="w2"><div class="w3"><p>{p}</p></div></div></div>' for p in BODY)
    page = (f"<html><head><title>Fake pages</title></head><body><main><h1>Fake pages</h1>"
            f'<section class="story">{wrapped}</section></main></body></html>')
    [article], _ = parse_page(page, "x.html")
    assert len(article.blocks) == 6
    assert article.blocks[0].text == BODY[0]


def test_a_caption_closed_by_a_bracketed_credit_is_furniture():
    assert shape_reason("Queues outside a school in the north on 3 May 2024, the first day of voting. "
                        "(Photo: Example Agency/Jan Roe)") == "a picture caption or credit"
    assert shape_reason("Turnout rose to 61 per cent (photo finish in two districts).") == ""


def test_a_disclaimer_line_is_furniture():
    assert shape_reason("Disclaimer: the opinions in this column are the writer's own.")
    assert shape_reason("Opinions expressed in readers' letters do not necessarily reflect those of the editors.")
    assert not shape_reason("Opinions expressed by voters in the survey varied widely by region.")


def test_the_publisher_speaking_to_the_reader_is_furniture():
    assert classify_why("Follow our channel on the app and get every update sent to you.")[0] == FURNITURE
    # A report of what an official told voters is not the publisher's voice.
    assert classify_why("Our message to you is simple, the minister told voters at the rally.")[0] != FURNITURE


def test_a_note_on_the_author_after_the_last_paragraph_is_furniture():
    text = "\n".join(["Commission orders fake election pages taken down", "By Jane Roe", "4 June 2024", *BODY,
                      "Jane Roe is a reporter covering elections for the Harbour Post."])
    [article] = cut(text)
    assert paragraphs(article) == BODY
    assert article.dropped[-1] == ("Jane Roe is a reporter covering elections for the Harbour Post.",
                                   "a note about the author after the article")


def test_a_heading_and_list_after_a_digest_item_are_not_its_text():
    items = "".join(f"<h2>Item {n} headline about the fake pages</h2><p>{3 + n} March 2024</p><p>{BODY[n]}</p>"
                    f"<p>{BODY[2]}</p>" for n in (0, 1))
    page = (f"<html><head><title>Weekly letter</title></head><body><div class='letter'>{items}"
            "<h3>Elsewhere this week</h3><ul><li>Listen: the week in two minutes</li>"
            "<li>Map: where the pages were run from</li></ul></div></body></html>")
    articles, _ = parse_page(page, "x.html")
    assert [a.title for a in articles] == ["Item 0 headline about the fake pages", "Item 1 headline about the fake pages"]
    assert paragraphs(articles[1]) == [BODY[1], BODY[2]]
    assert ("Elsewhere this week", "a heading and list after the item's last paragraph") in articles[1].dropped


def test_a_menu_line_under_the_masthead_is_not_the_title():
    text = "\n".join(["Harbour Post", "Home  World  Politics  Sport  Opinion",
                      "Commission orders fake election pages taken down", "Jane Roe", *BODY])
    [article] = cut(text)
    assert article.title == "Commission orders fake election pages taken down"
    assert article.author == "Jane Roe"


def test_a_list_of_tags_in_lower_case_does_not_make_the_header_wrapped_text():
    text = "\n".join(["Harbour Post", "Subscribe | Sign in", "Elections 2024",
                      "Commission orders fake election pages taken down", "Jane Roe", "Published 4 June 2024, 06:00",
                      *BODY, "More on:", "fake pages election commission"])
    [article] = cut(text)
    assert article.title == "Commission orders fake election pages taken down"
    assert paragraphs(article) == BODY


def test_lines_in_a_latin_script_language_around_an_english_article_are_furniture():
    text = "\n".join(["Commission orders fake election pages taken down", "By Jane Roe", "4 June 2024",
                      BODY[0], "Zobacz także: wszystkie nasze teksty są tylko dla subskrybentów", BODY[1], BODY[2],
                      "Lees ook het nieuws van de dag voor kiezers en partijen"])
    [article] = cut(text)
    assert paragraphs(article) == BODY


def test_a_menu_copied_one_item_a_line_is_furniture():
    text = "\n".join(["Harbour Post", "Fishing", "Tides", "Ferries", "Gardens",
                      "Commission orders fake election pages taken down", "By Jane Roe", "4 June 2024", *BODY])
    [article] = cut(text)
    assert article.title == "Commission orders fake election pages taken down"
    assert ("Ferries", "an item of a menu (a run of short lines)") in article.dropped


def test_headlines_after_the_last_paragraph_are_not_the_body():
    text = "\n".join(["Commission orders fake election pages taken down", "By Jane Roe", "4 June 2024", *BODY,
                      "Ballot printing begins in the capital"])
    [article] = cut(text)
    assert paragraphs(article) == BODY
    assert article.dropped[-1] == ("Ballot printing begins in the capital", "a headline after the article's last paragraph")


def test_a_published_label_shown_on_a_page_without_date_metadata_dates_it():
    page = ("<html><head><title>Fake pages</title></head><body><main><h1>Commission orders fake election pages taken down</h1>"
            "<div class='when'><span>Updated June 10, 2024, 8:12 a.m. / Published June 9, 2024, 4:47 p.m.</span></div>"
            f"<article>{''.join(f'<p>{p}</p>' for p in BODY)}</article></main></body></html>")
    [article], _ = parse_page(page, "x.html")
    assert str(article.published) == "2024-06-09"
    assert str(article.updated) == "2024-06-10"
