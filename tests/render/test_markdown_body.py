"""Entity links in markdown bodies: which mention is linked, and equality with the regular-expression rules."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import Treeprocessor

from site_builder.render import markdown_body
from site_builder.render.markdown_body import LinkTarget, render_markdown
from site_builder.content.slugs import strip_diacritics


def target(*forms: str, url: str | None = None) -> LinkTarget:
    url = url or f"/actors/{forms[0].lower().replace(' ', '-')}/"
    return LinkTarget(forms, url, f"Actor: {forms[0]}")


def links(html: str) -> list[tuple[str, str]]:
    """(text, href) of each entity link, in document order."""
    return [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").select("a.entity")]


# -- which mention is linked ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, names, expected", [
    pytest.param("Rallies in Chisinau, a post by Babis and a page of Stacilo! too.", ["Chișinău", "Babiš", "Stačilo!"],
                 [("Chisinau", 0), ("Babis", 1), ("Stacilo!", 2)], id="diacritics left out"),
    pytest.param("Rallies in Chișinău and Babiš with Stačilo! there.", ["Chișinău", "Babiš", "Stačilo!"],
                 [("Chișinău", 0), ("Babiš", 1), ("Stačilo!", 2)], id="diacritics written"),
    pytest.param("czechia, CZECHIA and then Czechia.", ["Czechia"], [("Czechia", 0)], id="case for case"),
    pytest.param("The New York Times wrote about New York.", ["New York", "New York Times"],
                 [("New York Times", 1), ("New York", 0)], id="longest form wins"),
    pytest.param("Party Xavier met Party X.", ["Party", "Party X"], [("Party", 0), ("Party X", 1)],
                 id="shorter form where the longer runs into a word"),
    pytest.param("Xavier, TwitterX, X_Y and X2 posted; then X did.", ["X"], [("X", 0)], id="whole words only"),
    pytest.param("Babišovi and Chișinăuans", ["Babiš", "Chișinău"], [], id="no name inside a word"),
    pytest.param("a b c", ["a"], [], id="one lowercase letter is no name"),
    pytest.param("Czechia voted.\n\nThe Czech Republic and Czechia again.", [("Czech Republic", "Czechia")],
                 [("Czechia", 0)], id="first mention only"),
    pytest.param("New York Times, New York Times and York.", ["New York Times", "York"],
                 [("New York Times", 0), ("York", 1)], id="a linked entity's mention hides names inside it"),
])
def test_which_mentions_are_linked(body: str, names: list, expected: list[tuple[str, int]]):
    targets = [target(*name) if isinstance(name, tuple) else target(name) for name in names]
    assert links(render_markdown(body, targets)) == [(text, targets[i].url) for text, i in expected]


def test_a_linked_name_keeps_the_text_around_it():
    html = render_markdown("Xavier, X_Y and X2 posted; then X did.", [target("X")])
    assert html == '<p>Xavier, X_Y and X2 posted; then <a class="entity" href="/actors/x/" title="Actor: X">X</a> did.</p>'


def test_code_links_and_headings_are_left_alone():
    czechia = target("Czechia")
    body = "## Czechia\n\n`Czechia` and [Czechia](https://example.org/) and\n\n    Czechia\n\nthen **Czechia** here."
    html = render_markdown(body, [czechia])
    assert links(html) == [("Czechia", czechia.url)]
    assert '<strong><a class="entity" href="/actors/czechia/"' in html


def test_a_text_that_changes_length_when_case_folded_keeps_positions():
    chisinau, strasse = target("Chișinău"), target("Straße")
    body = "Die Straße ß ẞ İstanbul ﬃ nach Chisinau; STRASSE und Straße."
    html = render_markdown(body, [chisinau, strasse])
    assert links(html) == [("Straße", strasse.url), ("Chisinau", chisinau.url)]
    assert "Die <a" in html and "ẞ İstanbul ﬃ nach <a" in html and "; STRASSE und Straße.</p>" in html


def test_names_become_link_text_not_markup():
    hearts = target("Tom & Jerry <3", url="/actors/hearts/")
    html = render_markdown("Tom & Jerry <3 here.", [hearts])
    assert '<a class="entity" href="/actors/hearts/" title="Actor: Tom &amp; Jerry &lt;3">Tom &amp; Jerry &lt;3</a>' in html


# -- equality with the regular-expression rules ---------------------------------------------------------------------

class ReferenceLinker(Treeprocessor):
    """The rules as one regular expression per body: the specification the automaton must match."""

    def __init__(self, md, targets: list[LinkTarget]):
        super().__init__(md)
        self.lookup: dict[str, LinkTarget] = {}
        forms: list[str] = []
        for item in targets:
            for form in item.forms:
                for variant in {form, strip_diacritics(form)}:
                    if len(variant) >= 2 or variant.isupper():
                        self.lookup.setdefault(variant.casefold(), item)
                        forms.append(variant)
        forms = sorted(set(forms), key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w])") if forms else None
        self.done: set[str] = set()

    def run(self, root: etree.Element) -> None:
        if self.pattern is not None:
            self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in markdown_body.SKIP_TAGS:
            return
        element.text = self._link_in(element.text, element, 0)
        index = 0
        while index < len(element):
            child = element[index]
            self._walk(child)
            before = len(element)
            child.tail = self._link_in(child.tail, element, index + 1)
            index += 1 + (len(element) - before)

    def _link_in(self, text, parent, position):
        if not text:
            return text
        for match in self.pattern.finditer(text):
            found = self.lookup.get(match.group(1).casefold())
            if found is None or found.url in self.done:
                continue
            self.done.add(found.url)
            link = etree.Element("a", {"href": found.url, "title": found.title, "class": "entity"})
            link.text = match.group(1)
            parent.insert(position, link)
            rest = text[match.end():]
            link.tail = self._link_in(rest, parent, position + 1) if rest else None
            return text[: match.start()]
        return text


def render_reference(text: str, targets: list[LinkTarget]) -> str:
    with mock.patch.object(markdown_body, "_EntityLinker", ReferenceLinker):
        return render_markdown(text, targets)


FORMS = ["Chișinău", "Chisinau", "Babiš", "Andrej Babiš", "Stačilo!", "X", "Xi", "New York", "New York Times",
         "York", "Party", "Party X", "Straße", "STRASSE", "strasse", "İzmir", "ﬁle", "file", "US", "Us", "EU",
         ".NET", "AB", "(x)", "a|b", "C++", "O'Brien", "O’Brien", "Ünal", "Ünal Ünal", "ß", "İ", "é", "É", "_X",
         "Moldova", "Moldovan", "Czech Republic", "Czechia", "Nord Stream 2", "2", "😀 Emoji", "東京", "Ꙋ"]
FILLER = [" ", "  ", ", ", ". ", "!", "x", "s", "n", "Xavier", "ß", "ẞ", "İ", "\u0307", "\u0301", "_", "-", "'",
          "2", "\n", "\n\n", "`", "**", "*", "[", "](/x)", "# ", "- ", "> ", "    ", "<b>", "</b>", "&amp;",
          "\\", "😀", "ﬃ", "東", "\t"]

TARGETS = st.lists(
    st.tuples(st.lists(st.sampled_from(FORMS), min_size=1, max_size=3), st.integers(0, 5)),
    max_size=6,
).map(lambda drawn: [LinkTarget(tuple(forms), f"/t/{url}/", f"T: {forms[0]}") for forms, url in drawn])
TEXT = st.lists(st.one_of(st.sampled_from(FORMS), st.sampled_from(FILLER), st.text(max_size=3)), max_size=40).map("".join)
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(max_examples=400, **SETTINGS)
@given(text=TEXT, targets=TARGETS)
def test_mentions_are_where_the_regular_expression_finds_them(text: str, targets: list[LinkTarget]) -> None:
    reference = ReferenceLinker(None, targets)
    linker = markdown_body._EntityLinker(None, targets)
    expected = [m.span(1) for m in reference.pattern.finditer(text)] if reference.pattern else []
    assert (linker._mentions(text) if linker.automaton else []) == expected


@settings(max_examples=300, **SETTINGS)
@given(text=TEXT, targets=TARGETS)
def test_bodies_render_as_with_the_regular_expression(text: str, targets: list[LinkTarget]) -> None:
    assert render_markdown(text, targets) == render_reference(text, targets)


def test_examples_render_as_with_the_regular_expression():
    targets = [target(*FORMS[i:i + 3], url=f"/t/{i}/") for i in range(0, len(FORMS), 3)]
    for body in ("AB.NET and .NET", "Party Xavier Party X Party", "STRASSE Straße strasse",
                 "ﬁle file İzmir İ", "Ünal Ünal Ünal", "Us US us", "X_Y _X X", "東京 東京都"):
        assert render_markdown(body, targets) == render_reference(body, targets), body


MARKUP = ["  \n", "[^1]", "\n\n[^1]: A note.\n\n", "\n\n*[EU]: European Union\n\n", "EU", "{: .x }", "\n\n{: #id }\n",
          '<div markdown="1">', "</div>", "\n\n| a | b |\n|---|---|\n| c | d |\n\n", "\n```\ncode *x*\n```\n",
          "&#x41;", "&copy;", "<https://example.org>", "<a@b.org>", "![alt](/a.png)", "\n\nTerm\n: Definition\n\n",
          "\n1. one\n2. two\n", "\n## Heading\n", "_", "__", "~~", "[a][r]", "\n\n[r]: /r\n", "\x02", "\x03"]
INLINE = ["*word*", "**bold**", "_it_", "__strong__", "`code`", "[link](/x)", "![img](/i.png)", "<i>x</i>", "\\*",
          "&copy;", "<https://example.org>", "word  \nbreak", "[^1]", "[ref][r]", "***both***"]
WORDS = st.sampled_from(["word", "Babiš", " ", " ", "\n", "\n\n", ". ", "Chișinău"])
# Mostly plain words, so that many paragraphs hold no markup, with a little markup among them.
RICH = st.lists(st.one_of(WORDS, WORDS, WORDS, st.sampled_from(INLINE), st.sampled_from(FILLER), st.sampled_from(MARKUP),
                          st.text(max_size=2)), max_size=16).map("".join)


def _without_shield():
    converter = markdown_body._new_converter()
    converter.treeprocessors.deregister("plain-text-shield")
    converter.treeprocessors.deregister("plain-text-unshield")
    return converter


@settings(max_examples=400, **SETTINGS)
@given(text=RICH, targets=TARGETS)
def test_text_without_markup_skips_the_inline_patterns_with_the_same_output(text: str, targets) -> None:
    assert "plain-text-shield" in markdown_body._converter().treeprocessors
    shielded = render_markdown(text, targets)
    converter = _without_shield()
    with mock.patch.object(markdown_body, "_converter", lambda: converter.reset()):
        assert shielded == render_markdown(text, targets)


# Block constructs, and the characters block processors look for, alone or in prose.
BLOCKS = ["\n---\n", "\n***\n", "\n___\n", "\n- - -\n", "\n* * *\n", "Title\n===\n", "Title\n---\n", "\n> quoted\n",
          "\n   > x\n", "\n# h\n", "\n## h ##\n", "#", "\nTerm\n: definition\n", "\nTerm\n   :   d\n", ":", "\n: x",
          "\n| a | b |\n|---|---|\n| c | d |\n", "\n|a|\n|-|\n", "a | b\n--|--\n", "|", "\n[^1]: note\n", "[^",
          "\n*[EU]: Union\n", "*[", "\n[r]: /r\n", "\n[a]: /a \"A\"\n", "[a]", "]:", ">", "-", "*", "_", "=", "\n\n", "\n", "    ", "\t"]
BLOCKY = st.lists(st.one_of(WORDS, WORDS, st.sampled_from(BLOCKS), st.sampled_from(BLOCKS), st.sampled_from(MARKUP),
                            st.sampled_from(INLINE), st.text(max_size=2)), max_size=20).map("".join)


def _without_block_shortcuts():
    converter = markdown_body._new_converter()
    for name in markdown_body._BLOCK_NEEDS:
        del converter.parser.blockprocessors[name].test  # the processor's own test again
    return converter


@settings(max_examples=500, **SETTINGS)
@given(text=BLOCKY)
def test_blocks_skip_the_processors_they_cannot_be_for_with_the_same_output(text: str) -> None:
    processors = markdown_body._converter().parser.blockprocessors
    assert all(name in processors for name in markdown_body._BLOCK_NEEDS)
    shortcut = render_markdown(text)
    converter = _without_block_shortcuts()
    with mock.patch.object(markdown_body, "_converter", lambda: converter.reset()):
        assert shortcut == render_markdown(text)


def test_abbreviations_and_attribute_lists_still_apply_to_plain_text():
    html = render_markdown("The EU met.\n\n*[EU]: European Union\n\nA plain paragraph.\n{: .lead }\n")
    assert '<abbr title="European Union">EU</abbr>' in html
    assert "{: .lead }" not in html


@pytest.mark.parametrize("markdown_text, base, expected", [
    ("[Czechia](/countries/czechia/)", "/watch/", '<a href="/watch/countries/czechia/">'),
    ("![map](/media/map.png)", "/watch/", '<img alt="map" src="/watch/media/map.png">'),
    ('<blockquote cite="/sources/a/"><p>q</p></blockquote>', "/watch/", '<blockquote cite="/watch/sources/a/">'),
    ("[frag](#sources)", "/watch/", '<a href="#sources">'),
    ("[relative](page/)", "/watch/", '<a href="page/">'),
    ("[away](https://example.org/a)", "/watch/", '<a href="https://example.org/a">'),
    ("[other host](//example.org/a)", "/watch/", '<a href="//example.org/a">'),
    ("[Czechia](/countries/czechia/)", "/", '<a href="/countries/czechia/">'),
])
def test_links_from_the_site_root_go_under_its_base_path(markdown_text: str, base: str, expected: str):
    html = render_markdown(markdown_text, base_path=base)
    assert expected in html
    assert "/watch/watch/" not in html


def test_entity_links_go_under_the_base_path_once():
    target = LinkTarget(("Czechia",), "/countries/czechia/", "Country: Czechia")
    html = render_markdown("Votes in Czechia and [Czechia](/countries/czechia/) again.", [target], "/watch/")
    assert html.count('href="/watch/countries/czechia/"') == 2 and "/watch/watch/" not in html


def test_a_raw_html_link_goes_under_the_base_path_and_a_foreign_image_is_still_dropped():
    html = render_markdown('<p><a href="/tags/x/">x</a> <img src="https://tracker.example/p.gif" alt="t"></p>',
                           base_path="/watch/")
    assert '<a href="/watch/tags/x/">' in html and "tracker" not in html
