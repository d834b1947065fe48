"""Markdown bodies to safe HTML, with the first mention of each named entity linked.

Bodies are untrusted text: raw HTML is allowed in markdown, so everything the
converter emits is passed through nh3 (the Ammonia sanitizer) with a strict
allowlist. Entity links are added on the element tree inside Python-Markdown,
never by pasting strings, so a name cannot smuggle markup into a page.

Mentions are found with an Aho-Corasick automaton of the briefing's name forms
(pyahocorasick); a mention has no word character just before or after it, and
where several start at one place the longest wins.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import ahocorasick
import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from site_builder.content.config import under_base
from site_builder.render.markdown_links import LinearLinks
from site_builder.content.slugs import slugify, strip_diacritics

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "q": {"cite"}, "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}
SKIP_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}


@dataclass(frozen=True)
class LinkTarget:
    """An entity that may be linked from a body: every form it is written in, and its URL."""

    forms: tuple[str, ...]
    url: str
    title: str


STATIC_PREFIX = "/static/"  # how a body names a file of static/: /static/img/a.jpg


def statics_used(body: str, statics: dict[str, str]) -> dict[str, str]:
    """The static files a body names ("/static/img/a.jpg"), with their fingerprinted paths."""
    if STATIC_PREFIX not in body:
        return {}
    return {name: output for name, output in statics.items() if STATIC_PREFIX + name in body}


def sanitize(html: str, base_path: str = "/", statics: dict[str, str] | None = None) -> str:
    """Allowlist-sanitize HTML; scripts, styles, handlers and unsafe URLs are dropped.

    Images must be files of the site itself: an image from another server would
    tell that server who reads which briefing, and the site's Content-Security-Policy
    blocks it anyway. A site published under a path (``base_path`` "/watch/" for
    https://example.org/watch/) gets that path before every link from the site's
    root ("/countries/czechia/" becomes "/watch/countries/czechia/"), entity
    links and links an editor wrote alike, as the templates' ``url()`` does.
    """
    if base_path == "/" and not statics:
        attribute_filter = _site_urls
    else:
        attribute_filter = functools.partial(_site_urls, base=base_path, statics=statics or {})
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     allowed_classes={"a": {"entity", "heading-anchor"}}, link_rel=None, attribute_filter=attribute_filter)


URL_ATTRIBUTES = {"href", "src", "cite"}


def _site_urls(tag: str, attribute: str, value: str, base: str = "/", statics: dict[str, str] = {}) -> str | None:  # noqa: B006
    """Only local images; a static file's path becomes its fingerprinted one; links from the
    site's root put under ``base``."""
    if attribute not in URL_ATTRIBUTES:
        return value
    local = is_local_url(value)
    if tag == "img" and attribute == "src" and not local:
        return None
    if statics and value.startswith(STATIC_PREFIX):
        path, mark, rest = value[len(STATIC_PREFIX):].partition("#")
        if path in statics:
            value = "/" + statics[path] + mark + rest
    if base != "/" and local and value.startswith("/"):
        return under_base(base, value)
    return value


def is_local_url(value: str) -> bool:
    """True for a URL on this site: a path, with no scheme and no other host."""
    # Read as a browser does: tabs and newlines vanish, control characters and
    # spaces at the ends are trimmed, and a backslash counts as a slash.
    url = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(33)))).replace("\\", "/")
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//") and ":" not in url.split("/", 1)[0]


def render_markdown(text: str, targets: list[LinkTarget] = (), base_path: str = "/",
                    statics: dict[str, str] | None = None) -> str:
    """Markdown to sanitized HTML, linking the first mention of each target; links from the
    site's root go under ``base_path``, static files to their fingerprinted paths (see ``sanitize``)."""
    converter = _converter()
    if targets:
        converter.treeprocessors.register(_EntityLinker(converter, list(targets)), "entity-links", 1)
    try:
        return sanitize(converter.convert(_demote_h1(text)), base_path, statics)
    except BaseException:  # a conversion cut short (RecursionError) leaves the parser's state half-way
        _shared.clear()
        raise
    finally:
        if targets:
            converter.treeprocessors.deregister("entity-links")


def _new_converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc", LinearLinks()],
        extension_configs={"toc": {"slugify": lambda value, sep: slugify(value) or "section", "toc_depth": "2-6"}},
        output_format="html",
    )
    converter.treeprocessors.register(_HeadingAnchors(converter), "heading-anchors", 3)  # after toc's ids (5)
    for name, needs in _BLOCK_NEEDS.items():
        if name in converter.parser.blockprocessors:
            processor = converter.parser.blockprocessors[name]
            processor.test = _needing(needs, processor.test)
    if "abbr" not in converter.inlinePatterns:  # before 3.7 abbreviations were inline patterns matching plain words
        shielded: list[tuple[etree.Element, str]] = []
        converter.treeprocessors.register(_PlainTextShield(converter, shielded), "plain-text-shield", 21)
        converter.treeprocessors.register(_PlainTextUnshield(converter, shielded), "plain-text-unshield", 19)
    return converter


class _HeadingAnchors(Treeprocessor):
    """Every heading with an id links to itself (``<h2 id="x"><a class="heading-anchor" href="#x">…</a></h2>``),
    so a reader can copy a link to a section; a heading that holds a link of its own is left as it is."""

    HEADINGS = {"h2", "h3", "h4", "h5", "h6"}

    def run(self, root: etree.Element) -> None:
        for heading in root.iter():
            if heading.tag not in self.HEADINGS or not heading.get("id") or any(e.tag == "a" for e in heading.iter()):
                continue
            anchor = etree.Element("a", {"class": "heading-anchor", "href": "#" + heading.get("id")})
            anchor.text, heading.text = heading.text, None
            for child in list(heading):
                heading.remove(child)
                anchor.append(child)
            heading.append(anchor)


# Block processors that can take a block only if it holds one of these strings.
# Python-Markdown asks each processor in turn about each block, most of them with
# a regular expression searched over the whole block: a quarter of converting a
# body of prose, whose paragraphs take none of these. (The footnote, abbreviation
# and reference processors always say yes, and search in ``run``, which puts
# the block back when nothing matches.)
_BLOCK_NEEDS = {
    "table": ("|",), "hashheader": ("#",), "setextheader": ("\n=", "\n-"), "hr": ("-", "_", "*"),
    "deflist": (":",), "quote": (">",), "footnote": ("[^",), "abbr": ("*[",), "reference": ("]:",),
}


def _needing(needs: tuple[str, ...], test):
    """``test``, asked only about blocks holding one of ``needs``; any other block is not for it."""
    def prefiltered(parent: etree.Element, block: str) -> bool:
        for need in needs:
            if need in block:
                return test(parent, block)
        return False
    return prefiltered


# Making a converter costs about a third of converting a body, so each process
# keeps one and resets it between bodies. Before Python-Markdown 3.7 the abbr
# extension kept abbreviations across resets, so older versions get a new one.
_REUSABLE = tuple(int(p) for p in re.findall(r"\d+", markdown.__version__)[:2]) >= (3, 7)
_shared: list[markdown.Markdown] = []


def _converter() -> markdown.Markdown:
    if not _REUSABLE:
        return _new_converter()
    if not _shared:
        _shared.append(_new_converter())
    return _shared[0].reset()


def _demote_h1(text: str) -> str:
    """The page title is the only h1; a '# Heading' in a body becomes h2."""
    return re.sub(r"^# ", "## ", text, flags=re.MULTILINE)


_WORD = re.compile(r"\w")
# A character (or the two spaces of a line break) that some inline pattern starts
# from: code, escapes, emphasis, links, images, footnotes, autolinks, HTML,
# entities; STX and ETX mark HTML set aside by the block parser.
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]!<>&\x02\x03]|  \n")


class _Shielding(Treeprocessor):
    """The shield and the unshield share the list of text they marked."""

    def __init__(self, md: markdown.Markdown, shielded: list[tuple[etree.Element, str]]):
        super().__init__(md)
        self.shielded = shielded


class _PlainTextShield(_Shielding):
    """Before the inline patterns run (priority 20): mark text none of them can match as atomic.

    Python-Markdown tries each of its inline patterns on every piece of text, a
    Python loop that was half of converting a body; most paragraphs of prose
    hold no markup at all. Text with no character an inline pattern starts
    from comes out of that loop unchanged, so it may skip it.
    """

    def run(self, root: etree.Element) -> None:
        self.shielded.clear()
        for element in root.iter():
            for attribute in ("text", "tail"):
                text = getattr(element, attribute)
                if text and not isinstance(text, markdown.util.AtomicString) and not _INLINE_MARKUP.search(text):
                    setattr(element, attribute, markdown.util.AtomicString(text))
                    self.shielded.append((element, attribute))


class _PlainTextUnshield(_Shielding):
    """After the inline patterns (priority 20): the shielded text is plain text again for later steps."""

    def run(self, root: etree.Element) -> None:
        for element, attribute in self.shielded:
            text = getattr(element, attribute)
            if isinstance(text, markdown.util.AtomicString):
                setattr(element, attribute, str(text))
        self.shielded.clear()


class _EntityLinker(Treeprocessor):
    def __init__(self, md: markdown.Markdown, targets: list[LinkTarget]):
        super().__init__(md)
        by_key: dict[str, LinkTarget] = {}
        forms: list[str] = []
        for target in targets:
            for form in target.forms:
                for variant in _variants(form):
                    by_key.setdefault(variant.casefold(), target)
                    forms.append(variant)
        # Forms match case for case; a form written like another target's form
        # once case-folded links to whichever target named it first.
        self.lookup = {form: by_key[form.casefold()] for form in forms}
        self.automaton = _automaton(self.lookup) if forms else None
        self.pending = {target.url for target in self.lookup.values()}  # not linked yet

    def run(self, root: etree.Element) -> None:
        if self.automaton is not None:
            self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP_TAGS:
            return
        element.text = self._link_in(element.text, element, 0)
        index = 0
        while index < len(element) and self.pending:
            child = element[index]
            self._walk(child)
            before = len(element)
            child.tail = self._link_in(child.tail, element, index + 1)
            index += 1 + (len(element) - before)

    def _link_in(self, text: str | None, parent: etree.Element, position: int) -> str | None:
        """Link the first unlinked mention in ``text``; returns the text left before it."""
        if not text or not self.pending:
            return text
        for start, end in self._mentions(text):
            target = self.lookup[text[start:end]]
            if target.url not in self.pending:
                continue
            self.pending.remove(target.url)
            link = etree.Element("a", {"href": target.url, "title": target.title, "class": "entity"})
            link.text = text[start:end]
            parent.insert(position, link)
            rest = text[end:]
            link.tail = self._link_in(rest, parent, position + 1) if rest else None
            return text[:start]
        return text

    def _mentions(self, text: str) -> list[tuple[int, int]]:
        """Start and end of each mention, left to right, as ``re.finditer`` gives them.

        A mention is a form with no word character just before or after it; at
        one start the longest such form wins, and the next mention starts at or
        after its end.
        """
        longest: dict[int, int] = {}
        for last, length in self.automaton.iter(text):
            start, end = last + 1 - length, last + 1
            if (start and _WORD.match(text, start - 1)) or _WORD.match(text, end):
                continue
            if longest.get(start, start) < end:
                longest[start] = end
        found: list[tuple[int, int]] = []
        for start in sorted(longest):
            if not found or start >= found[-1][1]:
                found.append((start, longest[start]))
        return found


@functools.lru_cache(maxsize=4096)
def _variants(form: str) -> tuple[str, ...]:
    """The spellings of a form that are looked for: as written and without diacritics.

    One lowercase letter is too common a word to be a name; one capital ("X")
    may be one. Cached: every briefing naming an entity asks again.
    """
    return tuple(v for v in dict.fromkeys((form, strip_diacritics(form))) if len(v) >= 2 or v.isupper())


def _automaton(forms: Iterable[str]) -> ahocorasick.Automaton:
    """An automaton reporting each occurrence of a form as (index of its last character, its length)."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for form in forms:
        automaton.add_word(form)
    automaton.make_automaton()
    return automaton
