"""Convert a content folder into a Hugo site with the same pages, for a fair time comparison.

Briefings become Hugo pages with five taxonomies (countries, platforms, actors,
elections, tags); term pages are paginated with the site's ``per_page``; the
home page, the paginated briefing list, one page per briefing, term pages and
their RSS feeds, a sitemap and a timeline page are rendered by small layouts
that show roughly what ours show (cards, chips, related briefings).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

TAXONOMIES = ("countries", "platforms", "actors", "elections", "tags")

LAYOUTS = {
    "_default/baseof.html": """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="canonical" href="{{ .Permalink }}"></head>
<body><header><a href="/">{{ .Site.Title }}</a><nav>{{ range $k, $v := .Site.Taxonomies }}<a href="/{{ $k }}/">{{ $k }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Params.description }}</footer></body></html>
""",
    "partials/card.html": """<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time>{{ .Date.Format "2 January 2006" }}</time></p><p class="summary">{{ .Params.summary }}</p>
<p>{{ range .Params.countries }}<a class="chip" href="{{ "countries/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}{{ range .Params.platforms }}<a class="chip" href="{{ "platforms/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p></article>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="lead">{{ .Params.summary }}</p>
<dl>{{ range $tax := slice "countries" "platforms" "actors" "elections" "tags" }}{{ with $.Param $tax }}<dt>{{ $tax }}</dt>{{ range . }}<dd><a href="/{{ $tax }}/{{ . | urlize }}/">{{ . }}</a></dd>{{ end }}{{ end }}{{ end }}</dl>
<div class="prose">{{ .Content }}</div>
<ol class="events">{{ range .Params.events }}<li><time>{{ .date }}</time> {{ .title }}</li>{{ end }}</ol>
<ol class="sources">{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a>, {{ .publisher }}</li>{{ end }}</ol></article>
{{ $related := .Site.RegularPages.Related . | first 4 }}{{ with $related }}<section><h2>Related briefings</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
""",
    "_default/term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Params.description }}<p class="lead">{{ . }}</p>{{ end }}
{{ $p := .Paginate .Pages }}{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ len .Site.RegularPages }} briefings</p>
{{ range first 6 .Site.RegularPages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}{{ end }}
""",
    "timeline/list.html": """{{ define "main" }}<h1>Timeline</h1>{{ range (where .Site.RegularPages "Section" "briefings").GroupByDate "2006" }}<h2>{{ .Key }}</h2><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ range .Params.events }}<br>{{ .date }} {{ .title }}{{ end }}</li>{{ end }}</ol>{{ end }}{{ end }}
""",
}


def _split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def convert(content: Path, site: Path, per_page: int = 10) -> Path:
    """Write a Hugo site for ``content`` into ``site`` (emptied first)."""
    if site.exists():
        shutil.rmtree(site)
    (site / "content" / "briefings").mkdir(parents=True)
    (site / "content" / "timeline").mkdir(parents=True)
    (site / "content" / "timeline" / "_index.md").write_text("---\ntitle: Timeline\n---\n", encoding="utf-8")
    config = {
        "baseURL": "https://bench.example/", "title": "Interference Watch (benchmark corpus)",
        "languageCode": "en", "paginate": per_page, "disableKinds": [],
        "taxonomies": {t[:-1] if t != "countries" else "country": t for t in TAXONOMIES},
        "related": {"threshold": 1, "includeNewer": True, "toLower": False,
                    "indices": [{"name": t, "weight": 1 if t == "tags" else 2} for t in TAXONOMIES]},
        "params": {"description": "Synthetic briefings for measuring build speed."},
    }
    config["taxonomies"] = {"country": "countries", "platform": "platforms", "actor": "actors",
                            "election": "elections", "tag": "tags"}
    (site / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    for path in sorted((content / "briefings").glob("*.md")):
        meta, body = _split(path.read_text(encoding="utf-8"))
        meta["date"] = str(meta["date"])
        for event in meta.get("events", []) or []:
            event["date"] = str(event["date"])
        for source in meta.get("sources", []) or []:
            source["published"] = str(source.get("published", ""))
        front = json.dumps(meta, ensure_ascii=False, indent=1, default=str)  # claims carry dates too
        (site / "content" / "briefings" / path.name).write_text(front + "\n\n" + body, encoding="utf-8")
    for name, text in LAYOUTS.items():
        target = site / "layouts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return site
