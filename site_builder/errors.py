"""Problems found in content, reported as ``file:line:col: error: message`` with a hint.

Editors are journalists, not programmers: every problem must say where it is,
what is wrong and how to fix it. Stages collect problems into a list instead of
raising on the first one, so ``check`` can report everything in one run. A
warning (``severity="warning"``) is printed by ``check`` and stops nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str = ""
    severity: str = "error"  # or "warning": reported by check, never stops a build

    def location(self) -> str:
        loc = self.path
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


class SiteError(Exception):
    """Raised when content cannot be turned into a site; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self, wrote: bool = True) -> str:
        """Every problem, then how many; ``wrote`` says whether the command would have written anything."""
        lines = [str(p) for p in self.problems]
        lines.append(f"{plural(len(self.problems), 'problem')} found" + ("; nothing was written." if wrote else "."))
        return "\n".join(lines)


def plural(count: int, word: str, many: str = "") -> str:
    """"1 problem", "2 problems", "0 briefings"; ``many`` for irregular plurals ("entities")."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def display_path(path: Path | str, root: Path | None = None) -> str:
    """Path as an editor would type it: relative to the working directory when possible."""
    p = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return str(p.resolve().relative_to(Path(base).resolve()))
        except ValueError:
            continue
    return str(p)


def command_name() -> str:
    """How the editor runs the builder, for commands that messages suggest.

    ``scripts/dev.sh`` sets ``SITE_BUILDER_COMMAND`` to itself, so a README user
    is told ``bash scripts/dev.sh check``, which works for them, not
    ``site-builder check``, which is not on their PATH.
    """
    return os.environ.get("SITE_BUILDER_COMMAND", "").strip() or "site-builder"
