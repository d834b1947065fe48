"""The DISARM pages: the matrix at ``/techniques/`` and a term page per technique briefings use.

A technique's own pages (its briefings, timeline and Atom feed) are made by
the same code as every other term's (``term_pages.render_term``), with the
``technique.html`` template and the framework's facts added.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.content import techniques as disarm
from site_builder.model import Briefing


@dataclass(frozen=True)
class Credit:
    """The framework's attribution and licence (CC BY-SA 4.0 asks for both wherever its text is shown)."""

    name: str = disarm.NAME
    owner: str = disarm.OWNER
    license: str = disarm.LICENSE
    license_url: str = disarm.LICENSE_URL
    home_url: str = disarm.HOME_URL
    repository_url: str = disarm.REPOSITORY_URL
    version: str = ""


def credit() -> Credit:
    return Credit(version=disarm.framework().version)


def by_tactic(briefing: Briefing) -> list[tuple[disarm.Tactic, list]]:
    """A briefing's techniques grouped by tactic, in the framework's phase order."""
    used = briefing.entities.get(disarm.KIND, ())
    if not used:
        return []
    groups = []
    for tactic in disarm.framework().tactics:
        items = [t for t in used if tactic.name in t.tactics]
        if items:
            groups.append((tactic, sorted(items, key=lambda t: t.slug)))
    return groups


def render(site, page, render_term) -> None:
    """``/techniques/`` and, through ``render_term``, each used technique's pages (their data made when rendered)."""
    known = disarm.framework()
    facts = credit()

    def matrix() -> dict:
        columns = disarm.matrix(site)
        phases: list[tuple[str, int]] = []
        for column in columns:
            if phases and phases[-1][0] == column.tactic.phase:
                phases[-1] = (column.tactic.phase, phases[-1][1] + 1)
            else:
                phases.append((column.tactic.phase, 1))
        return dict(columns=columns, phases=phases, credit=facts, used=len(site.terms.get(disarm.KIND, [])),
                    total=len(known.techniques), ranked=sorted((c for column in columns for c in column.used),
                                                               key=lambda c: (-c.count, c.technique.slug)))
    page("techniques.html", "techniques/index.html", True, matrix, page_url="/techniques/")
    for technique in site.terms.get(disarm.KIND, []):
        parent = known.get(technique.slug.split(".")[0]) if "." in technique.slug else None
        render_term(technique, template="technique.html", extra=lambda technique=technique, parent=parent: dict(
            credit=facts, tactics=[t for t in (known.tactic(n) for n in technique.tactics) if t is not None],
            description=disarm.paragraphs(technique.description), parent=parent,
            targets=disarm.targeted_countries(site.term_briefings(technique))))
