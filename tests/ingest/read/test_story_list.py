"""A topic page whose headlines are each an <article> of their own: the page holds no article,
even when the body finder settles on the first entry."""

from site_builder.ingest.read.html import parse_page

ENTRY = ('<li><article><h2><a href="/s{n}">{title}</a></h2><p class="meta">Desk · Mar {n}, 2025 · 2 min read</p>'
         '<p class="teaser">{teaser}</p></article></li>')
STORIES = [("Regulator fines broadcaster over paid election segments", "The fine follows a complaint from two parties."),
           ("Observers report bussed voters in two border towns", "Monitors counted dozens of coaches on polling day."),
           ("Parliament debates a ban on foreign-funded adverts", "The bill would cap spending by outside groups."),
           ("Court orders recount in a disputed district", "Judges found errors in three polling stations.")]


def _page(entries: str) -> str:
    return ("<html><head><title>Elections | Example Post</title></head><body><header><nav><a>World</a><a>Politics</a></nav>"
            f"</header><main><h1>Elections</h1><p>Our coverage of elections.</p><ul>{entries}</ul></main></body></html>")


def test_a_list_of_article_entries_gives_no_article():
    entries = "".join(ENTRY.format(n=i + 1, title=t, teaser=s) for i, (t, s) in enumerate(STORIES))
    articles, notes = parse_page(_page(entries), "topic.html")
    assert articles == []
    assert any("list of headlines" in note for note in notes)


def test_one_long_article_inside_a_list_item_is_still_read():
    body = " ".join(["The electoral commission said on Monday that it had found no sign of tampering in the count."] * 12)
    page = _page(f'<li><article><h2>Commission finds no tampering</h2><p>{body}</p><p>{body}</p></article></li>')
    articles, _ = parse_page(page, "one.html")
    assert len(articles) == 1
