"""The frontmatter schema of briefings and pages: the one place that knows it.

``read_briefing`` turns a ``Document`` into a ``Briefing`` and a list of
located problems (a briefing comes back whenever its title, date and summary
are usable, even with other problems, so later stages can report theirs too). Names of entities are kept as ``Ref`` values with their
line; the resolve stage turns them into entities.
"""

from __future__ import annotations

import datetime as dt

from site_builder.content.body_limits import body_problems
from site_builder.errors import Problem
from site_builder.content.fields import FieldReader
from site_builder.content.load import Document
from site_builder.model import (
    CONFIDENCE_LEVELS,
    ENTITY_KINDS,
    STATUSES,
    Attribution,
    Briefing,
    Citation,
    Event,
    Page,
    Ref,
    Source,
)
from site_builder.content.desk import unready
from site_builder.content.slugs import slug_problem, slugify, windows_reserved

BRIEFING_FIELDS = (
    "title", "date", "summary", "updated", "status", "slug",
    *ENTITY_KINDS, "tags", "targets", "responders", "sources", "events", "attribution", "no_attribution", "review",
    "techniques",  # DISARM technique ids (content/techniques.py)
)
# Roles: names resolved like the entity lists, kept under these keys of ``Briefing.refs``.
ROLE_FIELDS = ("targets", "responders")
SOURCE_FIELDS = ("publisher", "title", "url", "author", "published", "id", "archived")
CITING_FIELDS = ("source", "locator")  # on events and claims: which source, and where in it
EVENT_FIELDS = ("date", "title", "countries", "actors", "scheduled", *CITING_FIELDS)
ATTRIBUTION_FIELDS = ("actor", "confidence", "claimed_by", "basis", "note", "date", "denial", *CITING_FIELDS)
PAGE_FIELDS = ("title", "slug", "description")


def read_briefing(doc: Document, today: dt.date) -> tuple[Briefing | None, list[Problem]]:
    meta = doc.meta.data
    r = FieldReader(doc.name, doc.meta.positions)
    r.unknown_keys(meta, (), BRIEFING_FIELDS)
    title = r.text(meta, ("title",), required=True)
    date = r.date(meta, ("date",), required=True)
    summary = r.text(meta, ("summary",), required=True)
    updated = r.date(meta, ("updated",))
    status = r.choice(meta, ("status",), STATUSES, default="published") or "published"
    for key, when in (("date", date), ("updated", updated)):
        if when and when > today:
            r.error((key,), f"'{key}' {when.isoformat()} is in the future (today is {today.isoformat()})",
                    hint="use the day the briefing was written, as YYYY-MM-DD; check the year and the month", at_value=True)
    if date and updated and updated < date:
        r.error(("updated",), f"'updated' {updated} is before 'date' {date}", hint="'updated' must be on or after 'date'",
                at_value=True)
    slug = _slug(r, meta, title, doc)
    refs = {kind: _refs(r, meta, (kind,)) for kind in ENTITY_KINDS}
    refs["tags"] = _refs(r, meta, ("tags",))
    for key in ROLE_FIELDS:
        refs[key] = _refs(r, meta, (key,))
    if "techniques" in meta:
        refs["techniques"] = _refs(r, meta, ("techniques",))
    sources = tuple(_source(r, at, raw) for at, raw in r.mapping_list(meta, ("sources",)))
    _check_source_ids(r, sources)
    events = tuple(e for at, raw in r.mapping_list(meta, ("events",)) if (e := _event(r, at, raw, today, date, sources)))
    attribution = tuple(a for at, raw in r.mapping_list(meta, ("attribution",))
                        if (a := _attribution(r, at, raw, sources, today, updated or date)))
    no_attribution = _no_attribution(r, meta, status)
    review = tuple(name for name, _ in r.text_list(meta, ("review",)))
    r.problems += body_problems(doc.body, doc.name, doc.body_line)
    if status == "published":
        unready(r, meta, doc.body, doc.body_line, bool(sources))
        _uncited(r, meta)
    warnings = tuple(p for p in r.problems if p.severity == "warning")
    problems = [p for p in r.problems if p.severity == "error"]
    if not (title and date and summary):
        return None, problems
    # With other problems the briefing is still returned, so that its names are
    # resolved and every problem is reported in one run; the build refuses it.
    return Briefing(
        source=doc.name, slug=slug, title=title, date=date, summary=summary, body=doc.body,
        body_line=doc.body_line, status=status, updated=updated, refs=refs, sources=sources,
        events=events, attribution=attribution, no_attribution=no_attribution, review=review, lines=_key_lines(doc),
        warnings=warnings,
    ), problems


def read_page(doc: Document) -> tuple[Page | None, list[Problem]]:
    meta = doc.meta.data
    r = FieldReader(doc.name, doc.meta.positions)
    r.unknown_keys(meta, (), PAGE_FIELDS)
    title = r.text(meta, ("title",), required=True)
    slug = _slug(r, meta, title, doc)
    description = r.text(meta, ("description",))
    r.problems += body_problems(doc.body, doc.name, doc.body_line)
    if r.problems:
        return None, r.problems
    return Page(source=doc.name, slug=slug, title=title, body=doc.body, body_line=doc.body_line,
                description=description, lines=_key_lines(doc)), []


def _key_lines(doc: Document) -> dict[str, int]:
    """Lines of the top-level keys that problems across files point at."""
    return {key: doc.meta.positions[(key,)][0] for key in ("title", "slug", "summary", "targets", "elections")
            if (key,) in doc.meta.positions}


def _slug(r: FieldReader, meta: dict, title: str, doc: Document) -> str:
    given = r.text(meta, ("slug",))
    problem = slug_problem(given) if given else None
    if problem:
        r.error(("slug",), problem, hint=f"use e.g. slug: {slugify(given) or 'my-briefing'}")
    if windows_reserved(doc.path.name):
        r.error((), f"the file name '{doc.path.name}' is a name Windows keeps for a device: the repository cannot "
                    "be checked out on Windows", hint=f"rename the file, e.g. to {slugify(doc.path.stem)}.md")
    return given or slugify(doc.path.stem) or slugify(title) or "briefing"


def _refs(r: FieldReader, meta: dict, at: tuple) -> tuple[Ref, ...]:
    return tuple(Ref(name, line, col) for name, (line, col) in r.text_list(meta, at))


def _source(r: FieldReader, at: tuple, raw: dict) -> Source:
    r.unknown_keys(raw, at, SOURCE_FIELDS)
    return Source(
        publisher=r.text(raw, at + ("publisher",), required=True),
        title=r.text(raw, at + ("title",), required=True),
        url=r.url(raw, at + ("url",), required=True),
        author=r.text(raw, at + ("author",)),
        published=r.date(raw, at + ("published",)),
        id=r.text(raw, at + ("id",)),
        archived=r.url(raw, at + ("archived",)),
    )


def _check_source_ids(r: FieldReader, sources: tuple[Source, ...]) -> None:
    seen: set[str] = set()
    for index, source in enumerate(sources):
        if not source.id:
            continue
        at = ("sources", index, "id")
        if source.id.isdigit():
            r.error(at, f"source id '{source.id}' is a number, which would be mistaken for a source's position",
                    hint="use a short name, e.g. id: ap-2024-12-06")
        elif source.id in seen:
            r.error(at, f"two sources have the id '{source.id}'", hint="give each source its own id")
        seen.add(source.id)


def _uncited(r: FieldReader, meta: dict) -> None:
    """A warning for each event and claim of a published briefing that names no source (drafts may lack them)."""
    for key, what in (("events", "event"), ("attribution", "claim")):
        for at, raw in r.mapping_list(meta, (key,)):
            if raw.get("source") in (None, ""):
                r.error(at, f"this {what} names no source it rests on",
                        hint="add 'source:' with the number (1 for the first) or the id of one of the briefing's sources",
                        severity="warning")


def _citation(r: FieldReader, raw: dict, at: tuple, sources: tuple[Source, ...]) -> Citation | None:
    """The source an event or claim cites: a source's ``id``, or its number in the list (1 for the first)."""
    value = raw.get("source")
    if value is None or value == "":
        return None
    ids = {s.id: n for n, s in enumerate(sources, 1) if s.id}
    number = ids.get(value) if isinstance(value, str) else None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if number is None and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(sources):
        number = value
    if number is None:
        known = [f"{n} or {s.id}" if s.id else str(n) for n, s in enumerate(sources, 1)]
        r.error(at + ("source",), f"source {value!r} is not one of this briefing's sources",
                hint=(f"use one of: {', '.join(known)} (a source's number in 'sources:', or its id)" if known
                      else "add the source under 'sources:' first, then cite it here by its number or id"))
        return None
    return Citation(number, r.text(raw, at + ("locator",)))


def _event(r: FieldReader, at: tuple, raw: dict, today: dt.date, published: dt.date | None,
           sources: tuple[Source, ...]) -> Event | None:
    r.unknown_keys(raw, at, EVENT_FIELDS)
    when = r.date(raw, at + ("date",), required=True)
    title = r.text(raw, at + ("title",), required=True)
    refs = {kind: _refs(r, raw, at + (kind,)) for kind in ("countries", "actors")}
    citation = _citation(r, raw, at, sources)
    scheduled = r.flag(raw, at + ("scheduled",))
    if when is not None and not scheduled:
        later = (f"in the future (today is {today.isoformat()})" if when > today else
                 f"after the briefing's date {published.isoformat()}" if published and when > published else "")
        if later:
            r.error(at + ("date",), f"'{r.name(at + ('date',))}' {when.isoformat()} is {later}",
                    hint="if the event is planned, add 'scheduled: true' to it; otherwise check the year, "
                         "the month and the day", at_value=True, severity="warning")
    if when is None or not title:
        return None
    return Event(date=when, title=title, refs=refs, scheduled=scheduled, citation=citation)


def _attribution(r: FieldReader, at: tuple, raw: dict, sources: tuple[Source, ...], today: dt.date,
                 briefing_date: dt.date | None) -> Attribution | None:
    r.unknown_keys(raw, at, ATTRIBUTION_FIELDS)
    citation = _citation(r, raw, at, sources)
    actor = r.text(raw, at + ("actor",), required=True)
    confidence = r.choice(raw, at + ("confidence",), CONFIDENCE_LEVELS, required=True)
    basis = r.text(raw, at + ("basis",))
    note = r.text(raw, at + ("note",))
    if basis and note:
        r.error(at + ("note",), "this claim has both 'basis' and 'note' ('note' is the old name of 'basis')",
                hint="keep one sentence under 'basis:' and remove the 'note:' line")
    when = r.date(raw, at + ("date",))
    if when is not None and when > today:
        r.error(at + ("date",), f"'{r.name(at + ('date',))}' {when.isoformat()} is in the future "
                                f"(today is {today.isoformat()})",
                hint="give the day the claim was made or last stood so, as YYYY-MM-DD", at_value=True)
    elif when is not None and briefing_date is not None and when > briefing_date:
        r.error(at + ("date",), f"'{r.name(at + ('date',))}' {when.isoformat()} is after the briefing's "
                                f"date {briefing_date.isoformat()}",
                hint="a claim reported later needs 'updated:' on the briefing; otherwise check the year, "
                     "the month and the day", at_value=True, severity="warning")
    denial = r.flag(raw, at + ("denial",))
    if not actor or not confidence:
        return None
    line, col = r.positions.get(at + ("actor",), (None, None))
    return Attribution(actor_ref=Ref(actor, line, col), confidence=confidence,
                       claimed_by=r.text(raw, at + ("claimed_by",)), basis=basis or note,
                       citation=citation, date=when, denial=denial)


def _no_attribution(r: FieldReader, meta: dict, status: str | None) -> str:
    """The stated "no attribution claimed" and why; an error beside claims, a warning when a published
    briefing has neither."""
    statement = r.text(meta, ("no_attribution",))
    claims = meta.get("attribution")
    if statement and claims:
        r.error(("no_attribution",), "'no_attribution' says no one has claimed who is behind it, "
                                     "but 'attribution' lists claims",
                hint="keep the claims and remove the 'no_attribution:' line, or remove the claims "
                     "if no one has said who is behind it")
    elif not statement and not claims and status == "published":
        r.error(("attribution",) if "attribution" in meta else ("title",),
                "this briefing neither lists attribution claims nor says that none was made",
                hint="add 'attribution:' with who is said to be behind it, or 'no_attribution: \"…\"' saying "
                     "that no one has claimed it, and why (e.g. the platform did not say who ran the accounts)",
                severity="warning")
    return statement
