"""DISARM techniques: the framework's data, resolving the ids briefings give, and their index.

Briefings list DISARM technique ids (``T0049``, sub-techniques ``T0049.001``)
under ``techniques:``. Names, descriptions and tactics are never typed by hand:
they come from the DISARM galaxy that MISP maintains and ships in the
``pymispgalaxies`` package (pinned in pyproject.toml), read straight from the
package's JSON file (without importing the package, whose API loads every
galaxy) once per process, about 3 ms.
Design notes: docs/architecture.md ("site_builder/content/techniques.py").
"""

from __future__ import annotations

import difflib
import functools
import importlib.metadata
import importlib.util
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.errors import Problem
from site_builder.model import Briefing, Ref, Technique
from site_builder.content.slugs import fold

PACKAGE = "pymispgalaxies"
GALAXY_FILE = "data/misp-galaxy/clusters/disarm-techniques.json"
KIND = "techniques"

# Credit the framework wherever its text is shown (CC BY-SA 4.0 asks for it).
NAME = "DISARM Framework"
OWNER = "DISARM Foundation"
LICENSE = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
HOME_URL = "https://www.disarm.foundation/"
REPOSITORY_URL = "https://github.com/DISARMFoundation/DISARMframeworks"

# The red framework's tactics in its phase order: (name as the galaxy writes it, TA id, phase).
TACTICS: tuple[tuple[str, str, str], ...] = (
    ("Plan Strategy", "TA01", "Plan"),
    ("Plan Objectives", "TA02", "Plan"),
    ("Target Audience Analysis", "TA13", "Plan"),
    ("Develop Narratives", "TA14", "Prepare"),
    ("Develop Content", "TA06", "Prepare"),
    ("Establish Assets", "TA15", "Prepare"),
    ("Establish Legitimacy", "TA16", "Prepare"),
    ("Microtarget", "TA05", "Prepare"),
    ("Select Channels and Affordances", "TA07", "Prepare"),
    ("Conduct Pump Priming", "TA08", "Execute"),
    ("Deliver Content", "TA09", "Execute"),
    ("Maximise Exposure", "TA17", "Execute"),
    ("Drive Online Harms", "TA18", "Execute"),
    ("Drive Offline Activity", "TA10", "Execute"),
    ("Persist in the Information Environment", "TA11", "Execute"),
    ("Assess Effectiveness", "TA12", "Assess"),
)

ID_PATTERN = re.compile(r"^[Tt](\d{4})(?:\.(\d{3}))?$")
ID_LIKE = re.compile(r"^[Tt]\s*(\d{1,4})(?:\.(\d{1,3}))?")  # what an editor meant as an id, however mistyped


@dataclass(frozen=True)
class Tactic:
    name: str
    id: str  # "TA17", or "" for a tactic the table above does not know
    phase: str


@dataclass
class Framework:
    """The DISARM techniques and tactics, as one version of the galaxy gives them."""

    package_version: str = ""  # of pymispgalaxies; "" when it is not installed
    galaxy_version: int = 0
    tactics: tuple[Tactic, ...] = ()
    techniques: dict[str, Technique] = field(default_factory=dict)  # by id, in id order
    names: dict[str, str] = field(default_factory=dict)  # folded name -> id

    @property
    def version(self) -> str:
        """What the site records: the galaxy's version and the package that carried it."""
        if not self.package_version:
            return ""
        return f"MISP galaxy disarm-techniques v{self.galaxy_version} ({PACKAGE} {self.package_version})"

    def tactic(self, name: str) -> Tactic | None:
        return next((t for t in self.tactics if t.name == name), None)

    def get(self, technique_id: str) -> Technique | None:
        match = ID_PATTERN.match(technique_id.strip())
        return self.techniques.get(technique_id.strip().upper()) if match else None

    def resolve(self, text: str) -> Technique | None:
        """A technique by its id (any case) or by its exact name (case, diacritics and punctuation aside)."""
        return self.get(text) or self.techniques.get(self.names.get(fold(text), ""))

    def nearest_ids(self, technique_id: str, n: int = 3) -> list[Technique]:
        """Valid techniques nearest an unknown id: a sub-technique's siblings and parent, else the nearest numbers."""
        match = ID_LIKE.match(technique_id.strip())
        if not match or not self.techniques:
            return []
        number = int(match.group(1))
        parent = self.techniques.get(f"T{number:04d}")
        if match.group(2) and parent is not None:
            family = [t for i, t in self.techniques.items() if i.startswith(parent.slug + ".")]
            sub = int(match.group(2))
            family.sort(key=lambda t: abs(int(t.slug.split(".")[1]) - sub))
            return [parent, *family][:n]
        parents = [t for i, t in self.techniques.items() if "." not in i]
        parents.sort(key=lambda t: (abs(int(t.slug[1:]) - number), t.slug))
        return parents[:n]

    def similar_names(self, text: str, n: int = 3) -> list[Technique]:
        """Techniques whose names are close to ``text``: close spellings, else the most words shared."""
        key = fold(text)
        close = difflib.get_close_matches(key, list(self.names), n=n, cutoff=0.6)
        if close:
            return [self.techniques[self.names[c]] for c in close]
        words = {w for w in key.split() if len(w) > 2}
        scored = sorted(((-len(words & set(name.split())), self.names[name]) for name in self.names
                         if words & set(name.split())))
        return [self.techniques[i] for _, i in scored[:n]]

    def by_tactic(self) -> list[tuple[Tactic, list[Technique]]]:
        """Each tactic, in phase order, with its techniques in id order (a sub-technique after its parent)."""
        groups: dict[str, list[Technique]] = {t.name: [] for t in self.tactics}
        for technique in self.techniques.values():
            for name in technique.tactics:
                groups.setdefault(name, []).append(technique)
        return [(t, groups[t.name]) for t in self.tactics]


def _locate() -> Path | None:
    """The galaxy file inside the installed package, found without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / GALAXY_FILE
        if path.is_file():
            return path
    return None


@functools.lru_cache(maxsize=1)
def framework() -> Framework:
    """The framework, parsed once per process (about 3 ms); empty when the package is missing."""
    path = _locate()
    if path is None:
        return Framework()
    data = json.loads(path.read_bytes())
    known = [name for name, _, _ in TACTICS]
    techniques: dict[str, Technique] = {}
    seen_tactics: list[str] = []
    for item in sorted(data.get("values", []), key=lambda v: v["meta"]["external_id"]):
        meta = item.get("meta", {})
        tactics = tuple(chain.split(":", 1)[-1] for chain in meta.get("kill_chain", ()))
        seen_tactics += [t for t in tactics if t not in seen_tactics]
        technique_id = meta["external_id"]
        techniques[technique_id] = Technique(kind=KIND, name=item["value"].strip(), slug=technique_id,
                                             description=_clean(item.get("description", "")),
                                             tactics=tuple(sorted(tactics, key=lambda t: (t not in known, known.index(t) if t in known else 0))))
    tactics = [Tactic(name, ta, phase) for name, ta, phase in TACTICS]
    tactics += [Tactic(name, "", "") for name in seen_tactics if name not in known]
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return Framework(package_version=version, galaxy_version=int(data.get("version", 0)), tactics=tuple(tactics),
                     techniques=techniques, names={fold(t.name): i for i, t in techniques.items()})


def _clean(text: str) -> str:
    """The description with its paragraphs kept (blank lines), spaces tidied."""
    paragraphs = [" ".join(p.replace("\xa0", " ").split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def _described(techniques: list[Technique]) -> str:
    return ", ".join(f"{t.slug} ({t.name})" for t in techniques[:-1]) + (" or " if len(techniques) > 1 else "") + \
        f"{techniques[-1].slug} ({techniques[-1].name})"


def resolve_techniques(briefing: Briefing, problems: list[Problem]) -> tuple[Technique, ...]:
    """The briefing's techniques; an unknown id or name is a problem at its line with the nearest valid ones."""
    refs: tuple[Ref, ...] = briefing.refs.get(KIND, ())
    if not refs:
        return ()
    known = framework()
    found: list[Technique] = []
    warnings = list(briefing.warnings)
    for ref in refs:
        if not known.techniques:
            problems.append(Problem(briefing.source, f"cannot check DISARM technique '{ref.name}': the framework "
                                    f"({PACKAGE}) is not installed", ref.line, ref.column,
                                    f"install the project's dependencies (pip install -e .), which include {PACKAGE}"))
            continue
        technique = known.resolve(ref.name)
        if technique is None:
            is_id = ID_LIKE.match(ref.name.strip()) is not None
            close = known.nearest_ids(ref.name) if is_id else known.similar_names(ref.name)
            what = "id" if is_id else "name"
            hint = (f"did you mean {_described(close)}? " if close else "") + \
                "write the technique's DISARM id, e.g. T0049; every technique is listed on /techniques/ " \
                "and at " + REPOSITORY_URL
            problems.append(Problem(briefing.source, f"unknown DISARM technique {what} '{ref.name}'",
                                    ref.line, ref.column, hint))
            continue
        if not ID_PATTERN.match(ref.name.strip()):
            warnings.append(Problem(briefing.source, f"DISARM technique '{ref.name}' is given by name",
                                    ref.line, ref.column, f"write its id instead: {technique.slug} ({technique.name})",
                                    severity="warning"))
        if all(technique is not t for t in found):
            found.append(technique)
    briefing.warnings = tuple(warnings)
    return tuple(found)


def index_techniques(site) -> None:
    """Put the techniques briefings use into the site's term index, so they get term pages like tags."""
    by_term: dict[tuple[str, str], list[Briefing]] = {}
    for briefing in site.briefings:  # newest first, as every term's list
        for technique in briefing.entities.get(KIND, ()):
            by_term.setdefault((KIND, technique.slug), []).append(briefing)
    site.briefings_by_term.update(by_term)
    used = framework().techniques
    site.terms[KIND] = [used[key[1]] for key in sorted(by_term) if key[1] in used]


def targets_of(briefing: Briefing) -> tuple:
    """The countries a briefing's operation targeted: its ``targets`` once the roles work has landed, else the
    countries of its elections, else its countries."""
    stated = tuple(getattr(briefing, "targets", ()) or ())
    if stated:
        return stated
    from_elections = []
    for election in briefing.entities.get("elections", ()):
        country = getattr(election, "country", None)
        if country is not None and all(country is not c for c in from_elections):
            from_elections.append(country)
    return tuple(from_elections) or tuple(briefing.entities.get("countries", ()))


def targeted_countries(briefings: list[Briefing]) -> list[tuple]:
    """(country, briefings) for the countries targeted in ``briefings``, most first, then by name."""
    counts: dict[str, list] = {}
    for briefing in briefings:
        for country in targets_of(briefing):
            counts.setdefault(country.slug, [country, 0])[1] += 1
    return sorted(((c, n) for c, n in counts.values()), key=lambda item: (-item[1], item[0].name.casefold()))


@dataclass(frozen=True)
class Cell:
    technique: Technique
    count: int
    heat: int  # 0 (no briefing) to 4 (the most used)


@dataclass(frozen=True)
class Column:
    tactic: Tactic
    used: tuple[Cell, ...]
    unused: tuple[Cell, ...]


def matrix(site) -> list[Column]:
    """The matrix: a column per tactic in phase order, each technique with its number of briefings."""
    counts = {t.slug: len(site.term_briefings(t)) for t in site.terms.get(KIND, [])}
    top = max(counts.values(), default=0)
    columns = []
    for tactic, techniques in framework().by_tactic():
        cells = [Cell(t, counts.get(t.slug, 0), _heat(counts.get(t.slug, 0), top)) for t in techniques]
        columns.append(Column(tactic, tuple(c for c in cells if c.count), tuple(c for c in cells if not c.count)))
    return columns


def _heat(count: int, top: int) -> int:
    """Four shades: a quarter of the largest count each (any use is at least 1)."""
    return 0 if count <= 0 or top <= 0 else max(1, min(4, -(-4 * count // top)))
