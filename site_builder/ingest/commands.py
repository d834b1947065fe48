"""The ``ingest`` and ``entity add`` commands: a thin layer over the library.

``register(subparsers)`` adds both to the main command line. Every failure
an editor can cause ends in a message on stderr that names the file, says
what is wrong and how to fix it, and a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from site_builder.content.entities import load_knowledge_base
from site_builder.errors import command_name, plural
from site_builder.ingest.article import Article
from site_builder.ingest.draft.briefing import DraftResult, review_reasons, write_draft
from site_builder.ingest.draft.entity_add import EntityError, add_entity
from site_builder.ingest.extract.match import Matcher
from site_builder.ingest.pipeline import SourceResult, expand, ingest_file
from site_builder.model import SINGULAR, Actor, Country, Election, Platform
from site_builder.content.slugs import fold
from site_builder.ingest.arguments import register

__all__ = ["register", "cmd_ingest", "cmd_entity_add", "cmd_entity_list"]


def cmd_entity_add(args: argparse.Namespace) -> int:
    try:
        path = add_entity(args.content, args.kind, args.name, aliases=args.alias, description=args.description,
                          actor_type=args.type or "", country=args.country, code=args.code, demonyms=args.demonym,
                          election_kind=args.election_kind, dates=args.date, website=args.website, force=args.force,
                          owner=args.owner, outcome=args.outcome)
    except EntityError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Added {SINGULAR[args.kind].lower()} '{args.name}' to {path}.")
    return 0


def cmd_entity_list(args: argparse.Namespace) -> int:
    """One line per entity of the kind; exit 1 when none matches the filter."""
    if _no_knowledge_base(args.content, sys.stderr):
        return 2
    kb, problems = load_knowledge_base(args.content, include_iso_countries=bool(args.filter))
    for problem in problems:
        print(problem, file=sys.stderr)
    key = fold(args.filter)
    shown = [e for e in kb.entities[args.kind]
             if not key or any(key in fold(form) for form in (e.name, e.slug, *e.aliases))]
    for entity in sorted(shown, key=lambda e: fold(e.name)):
        print(entity_line(entity))
    if not shown:
        what = f" match '{args.filter}'" if args.filter else " are listed"
        print(f"No {args.kind}{what} in {args.content / 'entities' / (args.kind + '.yaml')}.", file=sys.stderr)
        return 1
    return 0


def _no_knowledge_base(content: Path, err) -> bool:
    """True, having said so with a fix, when ``content`` has no entities/ folder."""
    if (content / "entities").is_dir():
        return False
    print(f"{content}: error: no knowledge base folder {content / 'entities'}\n"
          f"    fix: run the command from the site's folder, or pass --content PATH", file=err)
    return True


def entity_line(entity) -> str:
    """"Moldova (moldova) code MD; aliases: Republic of Moldova" and the like."""
    details = []
    if isinstance(entity, Country):
        details.append(f"code {entity.code}" + (" (ISO 3166 only; not in countries.yaml)"
                                                if entity.source.startswith("ISO") else ""))
    if isinstance(entity, Actor):
        details.append(f"type {entity.type}")
    if isinstance(entity, Platform) and entity.owner:
        details.append(f"owner {entity.owner}")
    if isinstance(entity, Election):
        details.append(entity.election_type)
        details.append(", ".join(d.date.isoformat() + (f" ({d.label})" if d.label else "") for d in entity.dates))
    country = getattr(entity, "country", None)
    if country is not None:
        details.append(f"country {country.name}")
    if entity.aliases:
        details.append("aliases: " + ", ".join(entity.aliases))
    return f"{entity.name} ({entity.slug})" + (" " + "; ".join(d for d in details if d) if details else "")


def cmd_ingest(args: argparse.Namespace, today: dt.date | None = None, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    today = today or dt.date.today()
    content: Path = args.content
    if _no_knowledge_base(content, err):
        return 2
    kb, problems = load_knowledge_base(content)
    if problems:
        for problem in problems:
            print(problem, file=err)
        print(f"The knowledge base has problems; fix them first (run '{command_name()} check').", file=err)
        return 1
    matcher = Matcher.build(kb)
    files = expand(args.paths)
    if not files:
        print("error: no article files found in the paths given\n    fix: pass .txt or .html files, or folders holding them",
              file=err)
        return 2
    results: list[SourceResult] = []
    drafts: list[tuple[Article, DraftResult]] = []
    failed = False
    for path in files:
        result = ingest_file(path, kb, matcher, today)
        results.append(result)
        if result.error is not None:
            failed = True
            continue
        for article in result.articles:
            try:
                drafts.append((article, write_draft(article, content, today, dry_run=args.dry_run)))
                if drafts[-1][1].status == "refused":
                    failed = True
                    print(f"{drafts[-1][1].path}: error: {drafts[-1][1].message}\n"
                          f"    fix: save a shorter part of the article and ingest that", file=err)
            except OSError as exc:
                failed = True
                print(f"{content / 'briefings'}: error: cannot write the draft: {exc.strerror or exc}\n"
                      f"    fix: check that the folder exists and is writable", file=err)
    for result in results:
        if result.error is not None:
            print(result.error, file=err)
    report = render_report(results, drafts, dry_run=args.dry_run)
    if args.json:
        payload = {"articles": [a.to_json() for r in results for a in r.articles]}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
        print(report, file=err)
    else:
        print(report, file=out)
    return 1 if failed else 0


def render_report(results: list[SourceResult], drafts: list[tuple[Article, DraftResult]], dry_run: bool = False) -> str:
    """The short terminal report: per article what was found, then totals."""
    lines: list[str] = []
    by_article = {id(a): d for a, d in drafts}
    totals = {"articles": 0, "entities": 0, "suggestions": 0, "flags": 0}
    for result in results:
        if result.error is not None:
            continue  # printed on stderr by the command
        lines.append(f"{result.source}: {len(result.articles)} article{'s' if len(result.articles) != 1 else ''}")
        for note in result.notes:
            lines.append(f"  note: {note}")
        for article in result.articles:
            totals["articles"] += 1
            matched = sum(1 for _ in article.mentions)
            totals["entities"] += matched
            totals["suggestions"] += len(article.suggestions)
            totals["flags"] += len(article.review)
            draft = by_article.get(id(article))
            lines.append(f"  - {article.title}")
            if draft is not None:
                lines.append(f"    {draft.status}: {draft.message}")
            published = article.published.isoformat() if article.published else ""
            for name, value in (("date", published), ("author", article.author), ("publisher", article.publisher),
                                ("url", article.url)):
                lines.append(f"    {name}: {value or '(not found)'}")
            for kind in ("countries", "platforms", "actors", "elections"):
                names = article.names(kind)
                if names:
                    lines.append(f"    {kind}: {', '.join(names)}")
            if article.suggestions:
                lines.append("    not in the knowledge base (add with the command shown):")
                for s in article.suggestions:
                    lines.append(f"      {s.name} — “{s.context}”")
                    lines.append(f"        {suggestion_command(s)}")
            if article.review:
                lines.append("    to review (also written beside each field in the draft):")
                lines += [f"      {name}: {reason}" for name, reason in review_reasons(article).items()]
    verb = "would write" if dry_run else "wrote"
    written = sum(1 for _, d in drafts if d.status in ("created", "updated", "would-create", "would-update"))
    kept = sum(1 for _, d in drafts if d.status == "kept")
    unchanged = sum(1 for _, d in drafts if d.status == "unchanged")
    failed = sum(1 for r in results if r.error is not None)
    if failed:
        lines.append(f"{plural(failed, 'file')} could not be ingested (see the errors above).")
    lines.append(f"{plural(totals['articles'], 'article')} found, {plural(totals['entities'], 'entity', 'entities')} "
                 f"matched, {plural(totals['suggestions'], 'suggestion')}, {plural(totals['flags'], 'field')} to review; "
                 f"{verb} {plural(written, 'draft')}, {unchanged} unchanged, {kept} kept (edited by hand).")
    return "\n".join(lines)


def suggestion_command(s) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'

    parts = [f"{command_name()} entity add actors", q(s.name), "--type", s.type or "network"]
    if s.country:
        parts += ["--country", q(s.country)]
    if s.alias:
        parts += ["--alias", q(s.alias)]
    if s.description:
        parts += ["--description", q(s.description)]
    return " ".join(parts)
