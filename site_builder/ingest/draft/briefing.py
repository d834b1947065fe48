"""Draft briefings on disk, written so that ingesting twice changes nothing.

Each draft is ``content/briefings/<slug>.md`` with ``status: draft`` and a
``review:`` list. Beside the content, ``content/.ingest/<slug>.json`` records
which article the draft came from (a hash of its paragraphs, so the same
story from a re-saved file or with other line endings is the same article),
the day it was first written, the SHA-256 of the file as written, and hashes
of the source's 12-word runs, with which ``check`` finds copied passages.
Design notes: docs/architecture.md ("site_builder/ingest/draft/briefing.py").
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

import yaml

from site_builder.ingest.extract.techniques import draft_lines
from site_builder.content.body_limits import MAX_MARKUP, MAX_PARAGRAPH_CHARS, body_problems, markup_count
from site_builder.ingest.article import Article
from site_builder.content.load import split_frontmatter
from site_builder.model import ENTITY_KINDS
from site_builder.content.fields import MAX_ITEMS
from site_builder.content.desk import MAX_RECORD, RECORDS, SOURCE_MARKER, source_runs
from site_builder.content.invisible import without_invisible
from site_builder.content.regular import read_regular
from site_builder.content.slugs import slugify
from site_builder.content.yamlfile import MAX_BYTES

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
    return _escape_line_start(_MD_INLINE.sub(lambda m: "&lt;" if m.group(1) == "<" else "\\" + m.group(1), text))


def _escape_line_start(escaped: str) -> str:
    """A backslash before what would start a heading, quote, list or table at the start of a line."""
    def line_start(m: re.Match) -> str:
        if m.group(2):
            return m.group(1) + "\\" + m.group(2)
        return m.group(1) + m.group(3) + "\\" + m.group(4)

    return _MD_LINE_START.sub(line_start, escaped)


def render_draft(article: Article, today: dt.date) -> str:
    """The draft's file content (frontmatter and markdown body), deterministic for a given ``today``.

    Every field ``new`` writes is here, and each field to review carries its reason as a
    YAML comment on its line. The body is the source's text, marked as such at its top.
    """
    date = article.published if article.published and article.published <= today else today
    why = review_reasons(article)
    source: dict = {"publisher": article.publisher or (_host(article.url) if article.url else ""), "title": article.title,
                    "url": article.url}
    if article.author or not article.url:
        source["author"] = article.author
    if article.published:
        source["published"] = article.published
    events = []
    for event in article.events:
        if event.date is None:
            continue
        entry: dict = {"date": event.date, "title": event.title}
        if article.url:  # the draft's one source, which the event comes from
            entry["source"] = 1
        if event.countries:
            entry["countries"] = list(event.countries)
        if event.actors:
            entry["actors"] = list(event.actors)
        if event.date > date:  # "will vote on Sunday": planned, so check does not warn about its date
            entry["scheduled"] = True
        events.append(entry)
    lines = ["---"]
    for key, value in (("title", article.title), ("date", date), ("summary", article.summary or article.title),
                       ("status", "draft"), *((kind, article.names(kind)) for kind in ENTITY_KINDS),
                       ("tags", []), ("attribution", _claims(article, known=True)),
                       ("sources", [source] if article.url else []), ("events", events)):
        if key == "tags":
            lines += _proposed_targets(article, why.pop("targets", ""))
        found = len(value) if isinstance(value, list) else 0
        field_lines = _dump({key: value[:MAX_ITEMS] if found > MAX_ITEMS else value}).splitlines()
        field_lines[0] += _comment(why.pop("published" if key == "date" else key, ""))
        if key == "date" and article.updated:
            field_lines.append(f"# updated: {article.updated.isoformat()}  # the source's 'Updated' date, not its published date")
        if key == "attribution":
            field_lines += ["#  " + line for line in _dump(unknown).splitlines()] if (unknown := _claims(article, False)) else []
        if key == "sources":
            if not article.url:  # the entry to fill in, commented out: check would refuse it without an address
                field_lines += ["#  " + line for line in _dump([source]).splitlines()]
            field_lines = [line + _comment(why.pop(m.group(1), "")) if (m := _SOURCE_FIELD.match(line)) else line
                           for line in field_lines]
        lines += field_lines
        if found > MAX_ITEMS:  # check refuses a longer list; the rest stays in the source
            lines.append(f"# ingest kept the first {MAX_ITEMS} of the {found:,} {key} it found (the limit for one "
                         "list); the others are in the source")
    lines += draft_lines(article.techniques)  # commented out: for the editor to confirm
    credit = md_escape(_credit(article))
    names = list(article.review)
    cut = {**why, "body": why.get("body", "too long for one draft: see the note at the end of the body")}
    head = "\n".join(lines + _review_lines(names + ["body"], cut)) + "\n---\n" + SOURCE_MARKER + "\n\n"
    room = MAX_BYTES - len(head.encode()) - len(credit.encode())  # the largest the frontmatter can get
    paragraphs, notes = _within_limits([md_escape(p) for p in article.paragraphs], room - _NOTE_ROOM, article.source)
    if notes and "body" not in names:
        names.append("body")
        why = cut
    lines += _dropped_lines(article) + _review_lines(names, why)
    body = "\n\n".join([*paragraphs, credit, *notes])
    head, removed = without_invisible("\n".join(lines))  # check refuses them in frontmatter
    if removed:
        head += f"\n# ingest removed invisible characters from the fields above: {removed}"
    return head + "\n---\n" + SOURCE_MARKER + "\n\n" + body + "\n"


def _claims(article: Article, known: bool) -> list[dict]:
    """Proposed claims whose accused the knowledge base knows (real entries) or does not (commented out)."""
    actors = set(article.names("actors"))
    out = []
    for claim in article.attribution:
        actor = claim.entity or claim.actor  # an accused state: the knowledge base's actor for it
        if (actor in actors) == known:
            entry = {"actor": actor, "confidence": claim.confidence}
            if claim.claimed_by:
                entry["claimed_by"] = claim.claimed_by
            if claim.confidence == "disputed" and claim.claimed_by == claim.actor:
                entry["denial"] = True  # the accused denies it
            entry["basis"] = f"proposed by ingest from the cue '{claim.cue}'; confirm"
            out.append(entry)
    return out


def _proposed_targets(article: Article, reason: str) -> list[str]:
    """The proposed target countries: a real ``targets:`` field (flagged in ``review``) for those the
    knowledge base knows, a comment for the others, which ``check`` would refuse."""
    known = set(article.names("countries"))
    lines = []
    if found := [name for name in article.targets if name in known]:
        lines = _dump({"targets": found}).splitlines()
        lines[0] += _comment(reason)
    if other := [name for name in article.targets if name not in known]:
        lines.append(f"# targets: [{', '.join(other)}]  # not in the knowledge base: add them, or leave them out")
    return lines


def _dropped_lines(article: Article) -> list[str]:
    """Every line left out of the body as page furniture, with why: nothing pasted is lost."""
    if not article.dropped:
        return []
    out = ["# dropped from the body as page furniture (copy back any line that is article text):"]
    for line, reason in article.dropped:
        out.append(f"#   {' '.join(line.split())[:300]}  <- {reason}")
    return out


def _review_lines(names: list[str], reasons: dict[str, str]) -> list[str]:
    """The ``review:`` list, with every field's reason in a comment on its first line."""
    found = _dump({"review": names}).splitlines()
    found[0] += _comment("; ".join(f"{name}: {reason}" for name, reason in reasons.items()))
    return found


_SOURCE_FIELD = re.compile(r"^#?\s*-?\s*(publisher|author|published|url):")


def review_reasons(article: Article) -> dict[str, str]:
    """Each reviewed field's reasons, from the article's notes ("publisher: not found in the source")."""
    out: dict[str, str] = {}
    for note in article.notes:
        name, _, text = note.partition(": ")
        out[name] = f"{out[name]}; {text}" if name in out else text
    names = [*article.review, *(name for name in out if name not in article.review)]  # in the draft's order
    return {name: out.get(name, "check it against the source") for name in names}


def _comment(reason: str) -> str:
    return f"  # review: {' '.join(reason.split())}" if reason else ""


def _dump(value) -> str:
    return yaml.dump(value, Dumper=_PlainDumper, sort_keys=False, width=10**9, allow_unicode=True)


_NOTE_ROOM = 4096  # bytes kept for the notes on what was split or left out


def _within_limits(paragraphs: list[str], room: int, source: str) -> tuple[list[str], list[str]]:
    """Paragraphs that ``check`` accepts: a long one split at spaces, and only as many as the file
    size limit holds; with a note for the draft on each thing done, so nothing goes unrecorded."""
    out: list[str] = []
    notes: list[str] = []
    for number, paragraph in enumerate(paragraphs, 1):
        pieces = _split(paragraph, MAX_PARAGRAPH_CHARS)
        if len(pieces) > 1:
            notes.append(f"Ingest note: paragraph {number} had {len(paragraph):,} characters, over the limit of "
                         f"{MAX_PARAGRAPH_CHARS:,} for one paragraph; it was split into {len(pieces)}.")
        out.extend(pieces)
    used = kept = markup = 0
    for piece in out:
        markup += markup_count(piece)
        if used + len(piece.encode()) + 2 > room or markup > MAX_MARKUP - 100:  # the notes and the credit hold a few
            break
        used += len(piece.encode()) + 2
        kept += 1
    if kept < len(out):
        left = out[kept:]
        why = (f"the draft would be over the {MAX_BYTES // 1024 // 1024} MB limit for a file" if markup <= MAX_MARKUP - 100
               else f"the draft would hold more than {MAX_MARKUP:,} markup characters")
        notes.append(f"Ingest note: the last {len(left):,} paragraphs ({sum(map(len, left)):,} characters) were left out, "
                     f"as {why}; they are in {md_escape(source)}.")
    return out[:kept], notes


def _refusal(text: str, path: Path) -> str:
    """Why ``check`` would refuse this draft, if it would: then it is not written."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return f"{path} would be {size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB limit; not written"
    _, body, line = split_frontmatter(text, str(path))
    problems = body_problems(body, str(path), line)
    return f"not written, as check would refuse it: {problems[0]}" if problems else ""


def _split(paragraph: str, limit: int) -> list[str]:
    """``paragraph`` in pieces of at most ``limit`` characters, cut after a sentence or else at a space."""
    pieces = []
    while len(paragraph) > limit:
        window = paragraph[:limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 1 if cut > limit // 2 else window.rfind(" ")
        if cut <= 0:  # no space: cut anywhere but between a backslash and the character it escapes
            cut = limit - (len(window) - len(window.rstrip("\\"))) % 2
        pieces.append(paragraph[:cut].rstrip())
        paragraph = _escape_line_start(paragraph[cut:].lstrip())
    return [*pieces, paragraph] if paragraph else pieces


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
                record = json.loads(read_regular(path, MAX_RECORD).decode("utf-8"))  # a pipe is skipped
            except (OSError, ValueError):
                continue
            if isinstance(record, dict) and isinstance(record.get("key"), str):
                out[record["key"]] = {**record, "stem": path.stem}
    return out


def _relative(source: str, content_dir: Path) -> str:
    """The source file as a path from the project folder (the content folder's parent), "#n" kept."""
    name, hash_, number = source.partition("#")
    try:
        name = Path(os.path.relpath(Path(name).resolve(), content_dir.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        name = Path(name).name
    return name + hash_ + number


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
            try:
                current = read_regular(path, MAX_BYTES)
            except OSError as exc:  # a folder or a pipe in its place: never read nor replaced
                return DraftResult(path, "refused", f"{path} is {getattr(exc, 'what', exc.strerror)}; not written")
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
    refusal = _refusal(text, path)
    if refusal:
        return DraftResult(path, "refused", refusal)
    if dry_run:
        return DraftResult(path, f"would-{'create' if status == 'created' else 'update'}", f"{path} (dry run: not written)")
    _atomic_write(path, text)
    entry = {"source": _relative(article.source, content_dir), "key": key, "date": day.isoformat(),
             "sha256": _sha(text.encode("utf-8")), "runs": source_runs("\n".join([article.standfirst, *article.paragraphs]))}
    _atomic_write(records / f"{stem}.json", json.dumps(entry, indent=2, ensure_ascii=False) + "\n")
    return DraftResult(path, status, str(path))
