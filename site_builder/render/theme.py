"""The packaged theme: its templates and static files.

An installed wheel carries the project's top-level ``templates/`` and ``static/``
as package data in ``site_builder/theme/``; a source checkout (an editable
install) reads them where the project keeps them. A content folder may bring
its own ``templates/`` and ``static/``: a file there overrides the theme's file
of the same path (see ``BuildOptions.template_dirs``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # site_builder/
_INSTALLED = PACKAGE / "theme"  # where pyproject.toml's package-dir puts the theme in a wheel
THEME_ROOT = _INSTALLED if (_INSTALLED / "templates").is_dir() else PACKAGE.parent

TEMPLATES = THEME_ROOT / "templates"
STATIC = THEME_ROOT / "static"
