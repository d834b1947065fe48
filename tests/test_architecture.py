"""The package's shape, read from its source with ``ast`` (nothing is imported): no import cycles,
stages import only the stages before them, a short top level, short modules, and tests that mirror it.

Each check is a function over a package folder, tried first on small made-up trees in ``tmp_path``
(so each is seen to fail), then on ``site_builder/``.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

from conftest import REPO, SLOW, SLOW_FILES, TESTS

PACKAGE = REPO / "site_builder"
MAX_TOP_MODULES = 8  # .py files directly in site_builder/, __init__ and __main__ included
MAX_LINES = 400  # every module has fewer
# A stage imports none of the stages after it, nor what drives the stages (cli, build).
FORBIDDEN = {
    "content": ("render", "output", "serve", "ingest", "cli", "build"),
    "render": ("output", "serve", "ingest", "cli", "build"),
    "output": ("serve", "ingest", "cli", "build"),
}
STAGES = ("content", "render", "output", "serve", "ingest")


# --- the checks -------------------------------------------------------------------------------

def modules(package: Path) -> dict[str, Path]:
    """Every module of ``package`` by dotted name; a package by its own name (its ``__init__.py``)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _statements(tree: ast.Module, top_level_only: bool):
    """Import statements; with ``top_level_only``, those run when the module is imported (not in functions)."""
    stack = list(tree.body) if top_level_only else [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        if top_level_only and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(node))


def imports(name: str, path: Path, known: dict[str, Path], top_level_only: bool) -> set[str]:
    """The modules of ``known`` that ``name`` (at ``path``) imports: ``from p import m`` is p.m if m is a module."""
    found = set()
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in _statements(ast.parse(path.read_text(encoding="utf-8")), top_level_only):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
        found.update(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names)
    return {target for target in found if target in known}


def import_cycle(package: Path) -> list[str]:
    """One cycle of top-level imports between the modules of ``package``, or []."""
    known = modules(package)
    graph = {name: imports(name, path, known, top_level_only=True) for name, path in known.items()}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def layer_crossings(package: Path, forbidden: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """{module path: what it imports from a part it may not}, for imports anywhere in a module (lazy ones too)."""
    known = modules(package)
    root = package.name
    found = {}
    for name, path in known.items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in forbidden:
            continue
        banned = tuple(f"{root}.{part}" for part in forbidden[parts[1]])
        bad = sorted(t for t in imports(name, path, known, top_level_only=False)
                     if any(t == b or t.startswith(b + ".") for b in banned))
        if bad:
            found[path.relative_to(package.parent).as_posix()] = bad
    return found


def top_modules(package: Path) -> list[str]:
    return sorted(path.name for path in package.glob("*.py"))


def long_modules(package: Path, limit: int) -> dict[str, int]:
    """{module path: lines} of the modules of ``package`` with ``limit`` lines or more."""
    lines = {path.relative_to(package.parent).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in modules(package).values()}
    return {path: n for path, n in lines.items() if n >= limit}


def unmirrored(package: Path, tests: Path) -> list[str]:
    """Subpackages of ``package`` with no test folder of their own name holding a test_*.py."""
    return sorted(sub.name for sub in package.iterdir()
                  if (sub / "__init__.py").is_file() and not any((tests / sub.name).glob("test_*.py")))


# --- each check can fail ----------------------------------------------------------------------

def fake_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_a_cycle_of_top_level_imports_is_found_and_an_import_in_a_function_is_no_part_of_one(tmp_path: Path):
    package = fake_package(tmp_path, {"__init__.py": "", "a.py": "from pkg import b\n",
                                      "sub/__init__.py": "", "sub/c.py": "from .. import a\n",
                                      "b.py": "if True:\n    import pkg.sub.c\n"})
    assert sorted(set(import_cycle(package))) == ["pkg.a", "pkg.b", "pkg.sub.c"]
    (package / "b.py").write_text("def later():\n    import pkg.sub.c\n", encoding="utf-8")
    assert import_cycle(package) == []


def test_a_stage_importing_a_later_one_is_found_even_inside_a_function(tmp_path: Path):
    package = fake_package(tmp_path, {"__init__.py": "", "build.py": "", "content/__init__.py": "",
                                      "content/early.py": "from pkg.render.late import x\n",
                                      "content/lazy.py": "def f():\n    from ..build import run\n",
                                      "content/fine.py": "from pkg.content import early\nimport pkg.rendering\n",
                                      "rendering.py": "", "render/__init__.py": "", "render/late.py": "x = 1\n",
                                      "render/ok.py": "from pkg.content import fine\n"})
    assert layer_crossings(package, FORBIDDEN) == {"pkg/content/early.py": ["pkg.render.late"],
                                                   "pkg/content/lazy.py": ["pkg.build"]}


def test_a_long_module_and_a_crowded_top_level_are_found(tmp_path: Path):
    package = fake_package(tmp_path, {f"m{i}.py": "" for i in range(MAX_TOP_MODULES)}
                           | {"deep/long.py": "x = 1\n" * MAX_LINES, "deep/short.py": "x = 1\n" * (MAX_LINES - 1)})
    assert len(top_modules(package)) == MAX_TOP_MODULES
    (package / "one_more.py").touch()
    assert len(top_modules(package)) == MAX_TOP_MODULES + 1
    assert long_modules(package, MAX_LINES) == {"pkg/deep/long.py": MAX_LINES}


def test_a_subpackage_without_a_test_folder_is_found(tmp_path: Path):
    package = fake_package(tmp_path, {"__init__.py": "", "a/__init__.py": "", "b/__init__.py": "",
                                      "c/__init__.py": "", "data/x.json": "{}"})
    tests = tmp_path / "tests"
    (tests / "a").mkdir(parents=True)
    (tests / "a" / "test_x.py").touch()
    (tests / "b").mkdir()
    (tests / "b" / "helpers.py").touch()
    assert unmirrored(package, tests) == ["b", "c"]


# --- site_builder/ ----------------------------------------------------------------------------

def test_no_cycle_of_top_level_imports():
    assert import_cycle(PACKAGE) == []


def test_stages_import_only_earlier_stages():
    crossings = layer_crossings(PACKAGE, FORBIDDEN)
    assert crossings == {}


def test_top_level_of_the_package_is_short():
    assert len(top_modules(PACKAGE)) <= MAX_TOP_MODULES, top_modules(PACKAGE)


def test_modules_are_short():
    assert long_modules(PACKAGE, MAX_LINES) == {}


def test_tests_mirror_the_package():
    assert {sub.name for sub in PACKAGE.iterdir() if (sub / "__init__.py").is_file()} >= set(STAGES)
    assert unmirrored(PACKAGE, TESTS) == []


def test_every_file_marked_slow_by_name_exists():
    """The slow marks in tests/conftest.py are by path: a moved file would silently lose them."""
    assert [where for where in sorted(SLOW_FILES | SLOW.keys()) if not (TESTS / where).is_file()] == []
