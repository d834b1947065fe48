"""The ``ingest`` and ``entity`` commands' arguments, without the ingest stack behind them.

The main command line registers these for every command, so this module imports
nothing heavy: the commands (``ingest.commands``, which brings trafilatura,
dateparser and the extractors) are imported only when one of them runs, and a
``build`` or ``serve`` does not pay for them (benchmarks/README.md, "Body edits,
sixth pass").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_builder.errors import command_name
from site_builder.model import ACTOR_TYPES, ENTITY_KINDS


def register(subparsers) -> None:
    p = subparsers.add_parser("ingest", help="turn saved articles (text or HTML) into draft briefings",
                              description="Read article text dumps and saved web pages and write one draft briefing "
                                          "per article into content/briefings/, with a review list of what to check.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="text files, saved .html pages, or folders of them")
    p.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    p.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    p.add_argument("--json", action="store_true", help="print the extracted articles as JSON on stdout")
    p.set_defaults(func=_later("cmd_ingest"))

    entity = subparsers.add_parser("entity", help="manage the knowledge base in content/entities/")
    entity_sub = entity.add_subparsers(dest="entity_command", metavar="ACTION")
    add = entity_sub.add_parser("add", help="add a country, platform, actor or election",
                                description="Append an entry to content/entities/<kind>.yaml, leaving the "
                                            "existing entries exactly as they are.")
    add.add_argument("kind", choices=list(ENTITY_KINDS), help="which list to add to")
    add.add_argument("name", help="the canonical name, as the site should show it")
    add.add_argument("--alias", action="append", default=[], help="another name or spelling (repeatable)")
    add.add_argument("--description", default="", help="one sentence on who or what this is")
    add.add_argument("--type", choices=ACTOR_TYPES, help="actors: what kind of actor")
    add.add_argument("--country", default="", help="actors and elections: the country (a known country name)")
    add.add_argument("--code", default="", help="countries: ISO 3166 two-letter code")
    add.add_argument("--demonym", action="append", default=[], help="countries: e.g. Moldovan (repeatable)")
    add.add_argument("--election-kind", default="", help="elections: e.g. parliamentary, presidential, referendum")
    add.add_argument("--date", action="append", default=[],
                     help="elections: a voting day YYYY-MM-DD, with a label after a colon if it has one: "
                          "'2024-11-24:first round' (repeatable)")
    add.add_argument("--outcome", default="", help="elections: one sentence on the result")
    add.add_argument("--website", default="", help="platforms: the platform's web address")
    add.add_argument("--owner", default="", help="platforms: the company that owns it")
    add.add_argument("--force", action="store_true",
                     help="add it even though its name is close to a known entity's (a different entity, not a typo)")
    add.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    add.set_defaults(func=_later("cmd_entity_add"))
    listing = entity_sub.add_parser("list", help="list the countries, platforms, actors or elections",
                                    description="Print the entities of a kind, one a line, with their slugs, aliases "
                                                "and main fields; a filter keeps those whose name, alias or slug "
                                                "contains it (ignoring case and diacritics).")
    listing.add_argument("kind", choices=list(ENTITY_KINDS), help="which list to show")
    listing.add_argument("filter", nargs="?", default="",
                         help="part of a name, e.g. 'babis' (countries known only from ISO 3166 are listed with a filter)")
    listing.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    listing.set_defaults(func=_later("cmd_entity_list"))
    entity.set_defaults(func=lambda args: _entity_usage(entity))


def _entity_usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print(f"error: say what to do, e.g. '{command_name()} entity add actors \"Jane Doe\" --type person'", file=sys.stderr)
    return 2


def _later(name: str):
    """The command ``name`` of ``ingest.commands``, imported when it is called."""
    def command(args: argparse.Namespace, *more, **named) -> int:
        from site_builder.ingest import commands

        return getattr(commands, name)(args, *more, **named)
    command.__name__ = command.__qualname__ = name
    return command
