"""Draft briefings on disk, written so that ingesting twice changes nothing.

Each draft is ``content/briefings/<slug>.md`` with ``status: draft`` and a
``review:`` list. Beside the content, ``content/.ingest/<slug>.json`` records
which article the draft came from (a hash of its paragraphs, so the same
story from a re-saved file or with other line endings is the same article),
the day it was first written, and the SHA-256 of the file as written.

On a later ingest of the same article:

* the file's hash still matches the record: nobody touched it, so the draft
  is regenerated (with the recorded day, so the output is identical) and only
  written if the rules now extract something different;
* the hash differs: an editor has worked on it; it is never overwritten, and
  the report points to the file;
* the file is gone: it is written again.

A record per draft (rather than one shared index) keeps concurrent ingests
and merges simple, and the record lives outside ``briefings/`` and holds no
frontmatter, so nothing about it reaches the site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from site_builder.ingest.article import Article
from site_builder.slugs import slugify

RECORDS = ".ingest"
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>+=|-])|(\d+)([.)]))")
_MD_INLINE = re.compile(r"([\\`*_\[\]<])")


@dataclass
class DraftResult:
    path: Path
    status: str  # created | updated | unchanged | kept | would-create | would-update
    message: str = ""


def article_key(article: Article) -> str:
    text = "\n".join(" ".join(p.split()) for p in article.paragraphs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def md_escape(text: str) -> str:
    """Plain text as markdown that renders as the same text: no markup, no links, no HTML."""
    escaped = _MD_INLINE.sub(lambda m: "&lt;" if m.group(1) == "<" else "\\" + m.group(1), text)
    def line_start(m: re.Match) -> str:
        if m.group(2):
            return m.group(1) + "\\" + m.group(2)
        return m.group(1) + m.group(3) + "\\" + m.group(4)

    return _MD_LINE_START.sub(line_start, escaped)


def render_draft(article: Article, today: dt.date) -> str:
    """The draft's file content (frontmatter and markdown body), deterministic for a given ``today``."""
    date = article.published if article.published and article.published <= today else today
    meta: dict = {"title": article.title, "date": date, "summary": article.summary or article.title, "status": "draft"}
    for kind in ("countries", "platforms", "actors", "elections"):
        names = article.names(kind)
        if names:
            meta[kind] = names
    if article.url:
        source = {"publisher": article.publisher or _host(article.url), "title": article.title, "url": article.url}
        if article.author:
            source["author"] = article.author
        if article.published:
            source["published"] = article.published
        meta["sources"] = [source]
    events = []
    for event in article.events:
        if event.date is None:
            continue
        entry: dict = {"date": event.date, "title": event.title}
        if event.countries:
            entry["countries"] = list(event.countries)
        if event.actors:
            entry["actors"] = list(event.actors)
        if event.date > date:  # "will vote on Sunday": planned, so check does not warn about its date
            entry["scheduled"] = True
        events.append(entry)
    if events:
        meta["events"] = events
    meta["review"] = list(article.review)
    body = "\n\n".join(md_escape(p) for p in article.paragraphs)
    body += "\n\n" + md_escape(_credit(article))
    post = frontmatter.Post(body, **meta)
    return frontmatter.dumps(post, Dumper=_PlainDumper, sort_keys=False, width=1000) + "\n"


class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """No YAML anchors or aliases ("&id001"): the site refuses them, and editors should not meet them."""

    def ignore_aliases(self, data) -> bool:
        return True


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc.removeprefix("www.")


def _credit(article: Article) -> str:
    parts = [article.publisher or "unknown publisher", f"“{article.title}”"]
    if article.author:
        parts.append(f"by {article.author}")
    if article.published:
        parts.append(article.published.isoformat())
    text = "Source: " + ", ".join(parts) + "."
    if article.url:
        text += f" {article.url}"
    return text


def stem_for(article: Article) -> str:
    stem = slugify(article.title)[:60].rstrip("-")
    if "-" in stem and len(slugify(article.title)) > 60:
        stem = stem.rsplit("-", 1)[0]
    return stem or "ingested-article"


def _records(folder: Path) -> dict[str, dict]:
    out = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(record, dict) and isinstance(record.get("key"), str):
                out[record["key"]] = {**record, "stem": path.stem}
    return out


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_draft(article: Article, content_dir: Path, today: dt.date, dry_run: bool = False) -> DraftResult:
    briefings = content_dir / "briefings"
    records = content_dir / RECORDS
    key = article_key(article)
    record = _records(records).get(key)
    if record is not None:
        path = briefings / f"{record['stem']}.md"
        try:
            day = dt.date.fromisoformat(record.get("date", ""))
        except ValueError:
            day = today
        text = render_draft(article, day)
        if path.exists():
            current = path.read_bytes()
            if _sha(current) != record.get("sha256"):
                return DraftResult(path, "kept", f"{path} was edited after it was ingested; it was not overwritten")
            if current == text.encode("utf-8"):
                return DraftResult(path, "unchanged", f"{path} is up to date")
            status = "updated"
        else:
            status = "created"
        stem = record["stem"]
    else:
        day = today
        text = render_draft(article, day)
        stem = stem_for(article)
        path = briefings / f"{stem}.md"
        number = 2
        while path.exists() or (records / f"{stem}.json").exists():
            stem = f"{stem_for(article)}-{number}"
            path = briefings / f"{stem}.md"
            number += 1
        status = "created"
    if dry_run:
        return DraftResult(path, f"would-{'create' if status == 'created' else 'update'}", f"{path} (dry run: not written)")
    _atomic_write(path, text)
    entry = {"source": article.source, "key": key, "date": day.isoformat(), "sha256": _sha(text.encode("utf-8"))}
    _atomic_write(records / f"{stem}.json", json.dumps(entry, indent=2, ensure_ascii=False) + "\n")
    return DraftResult(path, status, str(path))
