"""Append one entry to ``content/entities/<kind>.yaml`` without touching the others.

Editors' comments, ordering and formatting in the knowledge base matter, so
the file is never parsed and re-dumped: the new entry is appended as text.
Before writing, the name, aliases and demonyms are checked against the whole
knowledge base (a name may mean only one entity); after writing, the
knowledge base is loaded again and the file restored if the entry made it
invalid, so a failed ``entity add`` leaves the file exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from site_builder.content.entities import is_country_code, load_knowledge_base
from site_builder.errors import command_name
from site_builder.model import ACTOR_TYPES, ENTITY_KINDS, SINGULAR


class EntityError(Exception):
    def __init__(self, where: str, message: str, hint: str = ""):
        self.where, self.message, self.hint = where, message, hint
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.where}: error: {self.message}" + (f"\n    fix: {self.hint}" if self.hint else "")


def scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain when that reads back the same, quoted otherwise."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    dumped = dumped.removesuffix("\n").removesuffix("\n...").strip()
    if yaml.safe_load(dumped) == value and re.fullmatch(r"[^\s\"'#&*!|>%@`{}\[\],?:-][^#:]*[^\s:]|\w", dumped):
        return dumped
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def voting_day(text: str) -> tuple[str, str]:
    """("2025-09-28", "first round") from "2025-09-28:first round"; the label is optional."""
    day, _, label = text.partition(":")
    return day.strip(), " ".join(label.split())


def entry_text(kind: str, name: str, aliases: list[str], description: str, actor_type: str = "", country: str = "",
               code: str = "", demonyms: list[str] | None = None, election_kind: str = "", dates: list[str] | None = None,
               website: str = "", owner: str = "", outcome: str = "") -> str:
    lines = [f"- name: {scalar(name)}"]
    if kind == "countries":
        lines.append(f"  code: {code.upper()}")
        if demonyms:
            lines.append(f"  demonyms: {_flow(demonyms)}")
    if kind == "actors":
        lines.append(f"  type: {actor_type}")
    if kind in ("actors", "elections") and country:
        lines.append(f"  country: {scalar(country)}")
    if kind == "elections":
        lines.append(f"  kind: {scalar(election_kind)}")
        lines.append("  dates:")
        for day, label in map(voting_day, dates or []):
            lines.append(f"    - {{date: {day}, label: {scalar(label)}}}" if label else f"    - {day}")
        if outcome:
            lines.append(f"  outcome: {scalar(outcome)}")
    if kind == "platforms" and owner:
        lines.append(f"  owner: {scalar(owner)}")
    if kind == "platforms" and website:
        lines.append(f"  website: {scalar(website)}")
    if aliases:
        lines.append(f"  aliases: {_flow(aliases)}")
    if description:
        lines.append(f"  description: {scalar(description)}")
    return "\n".join(lines) + "\n"


def add_entity(content: Path, kind: str, name: str, aliases: list[str] | None = None, description: str = "",
               actor_type: str = "", country: str = "", code: str = "", demonyms: list[str] | None = None,
               election_kind: str = "", dates: list[str] | None = None, website: str = "", force: bool = False,
               owner: str = "", outcome: str = "") -> Path:
    """Append the entry and return the file's path; raise ``EntityError`` with a fix otherwise.

    A name close to a known entity's ("Bulgria" beside Bulgaria) is refused
    unless ``force`` says it is another entity; a country code names one country.
    """
    if kind not in ENTITY_KINDS:
        raise EntityError("entity add", f"unknown kind '{kind}'", f"use one of: {', '.join(ENTITY_KINDS)}")
    path = content / "entities" / f"{kind}.yaml"
    where = str(path)
    aliases = [a.strip() for a in aliases or [] if a.strip()]
    demonyms = [d.strip() for d in demonyms or [] if d.strip()]
    dates = [d.strip() for d in dates or [] if d.strip()]
    name = " ".join(name.split())
    description, owner, outcome = (" ".join(text.split()) for text in (description, owner, outcome))
    if not name:
        raise EntityError(where, "the name is empty", "give the name in quotes, e.g. \"Jane Doe\"")
    if not (content / "entities").is_dir():
        raise EntityError(str(content / "entities"), "no knowledge base folder here",
                          "run the command from the site's folder, or pass --content PATH")
    _check_fields(where, kind, actor_type, country, code, election_kind, dates, website)
    for option, value, kinds in (("--owner", owner, "platforms"), ("--outcome", outcome, "elections")):
        if value and kind != kinds:
            raise EntityError(where, f"{option} is for {kinds}, not {kind}", f"leave out {option}")
    kb, problems = load_knowledge_base(content)
    own = [p for p in problems if Path(p.path).name == path.name]
    if own:
        raise EntityError(where, f"the file already has problems ({own[0].message})",
                          f"run '{command_name()} check' and fix them first")
    for form in [name, *aliases, *demonyms]:
        holder = kb.resolve(kind, form)
        if holder is None:
            continue
        if kind == "countries" and holder.source.startswith("ISO") and getattr(holder, "code", "") == code.upper():
            continue  # describing a country the site knows only from ISO 3166
        at = f" ({holder.source}, line {holder.line})" if holder.line else f" ({holder.source})"
        raise EntityError(where, f"'{form}' is already known as '{holder.name}'{at}",
                          f"edit that entry instead, or add '{form}' there as an alias")
    if kind == "countries":
        _check_code(where, kb, name, code.upper(), force)
    elif not force:
        _check_close(where, kb, kind, [name, *aliases])
    if kind in ("actors", "elections") and country and kb.resolve("countries", country) is None:
        close = kb.suggest("countries", country)
        raise EntityError(where, f"unknown country '{country}'",
                          f"did you mean {', '.join(repr(c) for c in close)}?" if close else "use the country's English name")
    original = path.read_bytes() if path.exists() else None
    if original is not None:
        data = yaml.safe_load(original.decode("utf-8-sig")) if original.strip() else None
        if data is not None and not isinstance(data, list):
            raise EntityError(where, "the file is not a list of entries", "each entry must start with '- name: ...'")
        if re.search(rb"^\s*\[\s*\]\s*$", original, re.MULTILINE):
            raise EntityError(where, "the file holds an empty list written as '[]'", "delete the '[]' line and run the command again")
    entry = entry_text(kind, name, aliases, description, actor_type, country, code, demonyms, election_kind, dates,
                       website, owner, outcome)
    prefix = b""
    if original:
        prefix = b"" if original.endswith(b"\n") else b"\n"
        prefix += b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as handle:
        handle.write(prefix + entry.encode("utf-8"))
    _, after = load_knowledge_base(content)
    new = [p for p in after if Path(p.path).name == path.name]
    if new:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
        raise EntityError(where, f"the new entry is not valid: {new[0].message}", new[0].hint or "check the values given")
    return path


def _check_code(where: str, kb, name: str, code: str, force: bool) -> None:
    """One entry per country code; describing a country known only from ISO 3166 keeps one of its names."""
    holder = next((c for c in kb.entities["countries"] if getattr(c, "code", "") == code), None)
    if holder is None:
        return
    if not holder.source.startswith("ISO"):
        raise EntityError(where, f"{code} is already '{holder.name}' ({holder.source}, line {holder.line})",
                          "edit that entry instead: add the new name there as an alias")
    if not force and kb.resolve("countries", name) is not holder:
        raise EntityError(where, f"{code} is '{holder.name}', and '{name}' is not one of its names",
                          f"add it as '{holder.name}' (with --alias '{name}' if that is a real variant of the name), "
                          "or pass --force to name the country so")


def _check_close(where: str, kb, kind: str, forms: list[str]) -> None:
    """Refuse a name that is most likely a typo of a known one (``KnowledgeBase.typo_of``)."""
    for form in forms:
        known = kb.typo_of(kind, form)
        if known is not None:
            raise EntityError(where, f"'{form}' is very close to '{known.name}', which is already known",
                              f"if it is the same {SINGULAR[kind].lower()}, use that name or add '{form}' to it as an "
                              "alias; if it is another one, run the command again with --force")


def _check_fields(where: str, kind: str, actor_type: str, country: str, code: str, election_kind: str,
                  dates: list[str], website: str) -> None:
    if kind == "actors" and actor_type not in ACTOR_TYPES:
        raise EntityError(where, "an actor needs a type", f"add --type with one of: {', '.join(ACTOR_TYPES)}")
    if kind == "countries":
        if not code or not is_country_code(code):
            raise EntityError(where, f"a country needs its ISO 3166 two-letter code (got {code!r})", "add e.g. --code MD")
    if kind == "elections":
        if not country:
            raise EntityError(where, "an election needs its country", "add e.g. --country Moldova")
        if not election_kind:
            raise EntityError(where, "an election needs its kind", "add e.g. --election-kind parliamentary")
        if not dates:
            raise EntityError(where, "an election needs at least one voting day", "add e.g. --date 2025-09-28")
        for day, _ in map(voting_day, dates):
            try:
                dt.date.fromisoformat(day)
            except ValueError:
                raise EntityError(where, f"'{day}' is not a date written YYYY-MM-DD",
                                  "e.g. --date 2025-09-28, or with a label: --date '2025-09-28:first round'") from None
    if kind == "platforms" and website and not re.match(r"https?://[^\s/]+", website):
        raise EntityError(where, f"'{website}' is not a web address", "start it with https://")
