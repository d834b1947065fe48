"""Convert a content folder into a Pelican 4.x project with comparable pages, for a time comparison.

    python -m benchmarks.pelican_site CONTENT SITE      # then: cd SITE && pelican

``convert(content, site)`` writes ``SITE/content/`` (markdown with Pelican
metadata) and ``SITE/pelicanconf.py``; Pelican builds it with its default
theme (``notmyidea``) into ``SITE/output/``. The mapping, ours → Pelican:

- briefing → article ``content/briefings/<slug>.md``, one file per briefing,
  with metadata ``Title``, ``Date``, ``Slug`` (the briefing's file name, so
  URLs are ``/briefings/<slug>/`` as ours), ``Summary`` (used as-is: Pelican
  does not cut the body for it) and ``Category``/``Tags`` below. The body is
  the briefing's markdown followed by its attribution claims, events and
  sources as markdown lists (our templates render those from front matter;
  in Pelican they go through markdown, so Pelican does slightly more
  markdown work).
- countries, platforms, actors, elections and tags → Pelican ``Tags``: the
  union of the five, in that order, so each term gets a tag page
  ``/tags/<slug>/`` paginated like our term pages and an Atom feed
  ``/tags/<slug>/feed.xml`` like our term feeds (``FEED_MAX_ITEMS`` = our 20
  feed items); ``/tags/`` lists them all, like our five term index pages. The
  names do not clash across kinds in the corpus. Tags are separated by ``;``
  because some country names contain commas.
- the briefing's year → its ``Category``, so category pages
  ``/briefings/year/<year>/`` are the paginated per-year listings, like ours.
  No category, author or per-tag RSS feeds (we have none); no author pages
  (``AUTHOR_SAVE_AS`` is empty: our site has no authors).
- the paginated briefing listing ``/briefings/`` → Pelican's paginated index
  (``index.html``); ``/timeline/`` and ``/timeline/<year>/`` → Pelican's
  archives and yearly period archives; ``/feed.xml`` → ``FEED_ALL_ATOM``.
- ``pages/*.md`` → Pelican pages ``/<slug>/``.
- pagination: ``DEFAULT_PAGINATION`` = ``per_page`` of the corpus'
  ``site.yaml``, pretty ``page/N/`` URLs as ours.
- markdown: Python-Markdown with ``extra``, ``sane_lists`` and ``toc`` as our
  builder uses (plus ``meta``, which Pelican reads metadata with).
- cache: ``CACHE_CONTENT`` and ``LOAD_CONTENT_CACHE`` on (``cache/``), so a
  second build reuses parsed articles, Pelican's counterpart of our build
  cache; a cold build deletes ``output/`` and ``cache/``.

Not reproduced, as Pelican has no counterpart without plugins: entity
descriptions and pictures on term pages, per-term timelines, related
briefings, the sitemap, the search page and index (Pagefind), the JSON data
export. Compare with our cold time less the search index stage.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TERM_KINDS = ("countries", "platforms", "actors", "elections", "tags")
FEED_ITEMS = 20  # site_builder.render.FEED_ITEMS

PELICANCONF = '''"""Pelican settings for the benchmark corpus (written by benchmarks.pelican_site)."""

SITENAME = {title!r}
SITEURL = {base_url!r}
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
PATH = "content"
OUTPUT_PATH = "output"
ARTICLE_PATHS = ["briefings"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
TIMEZONE = "UTC"
DEFAULT_LANG = {language!r}
DEFAULT_DATE_FORMAT = "%d %B %Y"
DELETE_OUTPUT_DIRECTORY = False

MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.extra": {{}},
        "markdown.extensions.sane_lists": {{}},
        "markdown.extensions.toc": {{}},
        "markdown.extensions.meta": {{}},
    }},
    "output_format": "html5",
}}

CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"

DEFAULT_PAGINATION = {per_page}
PAGINATED_TEMPLATES = {{"index": None, "tag": None, "category": None}}
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)

ARTICLE_URL = "briefings/{{slug}}/"
ARTICLE_SAVE_AS = "briefings/{{slug}}/index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORY_URL = "briefings/year/{{slug}}/"
CATEGORY_SAVE_AS = "briefings/year/{{slug}}/index.html"
CATEGORIES_SAVE_AS = "briefings/year/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = "timeline/index.html"
YEAR_ARCHIVE_URL = "timeline/{{date:%Y}}/"
YEAR_ARCHIVE_SAVE_AS = "timeline/{{date:%Y}}/index.html"

FEED_ALL_ATOM = "feed.xml"
TAG_FEED_ATOM = "tags/{{slug}}/feed.xml"
FEED_MAX_ITEMS = {feed_items}
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
'''


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a ``---``-delimited markdown file."""
    _, front, body = text.split("---\n", 2)
    return yaml.load(front, Loader=SafeLoader) or {}, body


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def terms(meta: dict) -> list[str]:
    """The briefing's countries, platforms, actors, elections and tags, in that order, without repeats."""
    names: list[str] = []
    for kind in TERM_KINDS:
        for name in meta.get(kind) or ():
            if name not in names:
                names.append(str(name))
    return names


def tag_field(names: list[str]) -> str:
    """A Pelican ``Tags`` value that splits back into exactly ``names``.

    Pelican splits on ``;`` when the value has one and on ``,`` otherwise; names
    contain no ``;``, so ``;`` always separates, with a trailing one when there
    is a single name.
    """
    if any(";" in n for n in names):
        raise ValueError(f"a term name contains ';': {names}")
    return "; ".join(names) + (";" if len(names) == 1 else "")


def _extras(meta: dict) -> str:
    """Attribution, events and sources as markdown, as our briefing page shows them."""
    parts = []
    if attribution := meta.get("attribution"):
        items = [f"- {a['actor']}: {a.get('confidence', '')}" + (f", according to {a['claimed_by']}"
                                                                   if a.get("claimed_by") else "")
                 for a in attribution]
        parts.append("## Attribution\n\n" + "\n".join(items))
    if events := meta.get("events"):
        items = []
        for e in sorted(events, key=lambda e: (str(e["date"]), e["title"])):
            who = "; ".join(list(e.get("countries") or ()) + list(e.get("actors") or ()))
            items.append(f"- {e['date']}: {e['title']}" + (f" ({who})" if who else ""))
        parts.append("## Events\n\n" + "\n".join(items))
    if sources := meta.get("sources"):
        items = [f"- [{s['title']}]({s['url']}), {s.get('publisher', '')}"
                 + (f", {s['published']}" if s.get("published") else "") for s in sources]
        parts.append("## Sources\n\n" + "\n".join(items))
    return "\n\n".join(parts)


def article_text(meta: dict, body: str, slug: str) -> str:
    """A Pelican markdown article for one briefing."""
    date = meta["date"]
    lines = [
        f"Title: {_one_line(meta['title'])}",
        f"Date: {date}",
        f"Slug: {slug}",
        f"Summary: {_one_line(meta.get('summary', ''))}",
        f"Category: {str(date)[:4]}",
        f"Tags: {tag_field(terms(meta))}",
    ]
    extras = _extras(meta)
    return "\n".join(lines) + "\n\n" + body.strip("\n") + "\n" + (f"\n{extras}\n" if extras else "")


def page_text(meta: dict, body: str, slug: str) -> str:
    return f"Title: {_one_line(meta.get('title', slug))}\nSlug: {slug}\n\n{body.strip()}\n"


def site_settings(content: Path) -> dict:
    path = content / "site.yaml"
    return (yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}) if path.exists() else {}


def convert(content: Path, site: Path, per_page: int | None = None) -> Path:
    """Write a Pelican project for ``content`` into ``site`` (emptied first); returns ``site``.

    ``per_page`` defaults to the ``per_page`` of the content's ``site.yaml`` (10 when unset).
    """
    content, site = Path(content), Path(site)
    config = site_settings(content)
    if per_page is None:
        per_page = int(config.get("per_page", 10))
    if site.exists():
        shutil.rmtree(site)
    articles = site / "content" / "briefings"
    pages = site / "content" / "pages"
    articles.mkdir(parents=True)
    pages.mkdir(parents=True)
    for path in sorted((content / "briefings").glob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        (articles / path.name).write_text(article_text(meta, body, path.stem), encoding="utf-8")
    for path in sorted((content / "pages").glob("*.md")) if (content / "pages").is_dir() else ():
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        (pages / path.name).write_text(page_text(meta, body, path.stem), encoding="utf-8")
    settings = PELICANCONF.format(
        title=str(config.get("title", "Benchmark")), base_url=str(config.get("base_url", "https://bench.example/")).rstrip("/"),
        language=str(config.get("language", "en")), per_page=per_page, feed_items=FEED_ITEMS)
    (site / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Convert a content folder into a Pelican project.")
    parser.add_argument("content", type=Path, help="content folder (e.g. from benchmarks.corpus)")
    parser.add_argument("site", type=Path, help="Pelican project folder to (re)create")
    args = parser.parse_args(argv)
    convert(args.content, args.site)
    print(f"Wrote a Pelican project to {args.site}: cd {args.site} && pelican")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
