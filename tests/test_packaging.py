"""The project as Netlify installs it: not editable, from a copy outside the checkout.

Every other test runs against an editable install, which finds files beside the
package that a wheel does not carry; these tests install the wheel for real.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from setuptools import find_packages

from conftest import FIXTURE_SITE, REPO, TODAY, build_into
from site_builder.build import BuildOptions, build

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
NETLIFY = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))


def test_every_package_is_listed_for_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = set(find_packages(str(REPO), include=["site_builder*"]))
    for top in ("templates", "static"):  # every theme folder, which the wheel would otherwise leave out
        found |= {".".join(("site_builder.theme", *folder.relative_to(REPO).parts))
                  for folder in [REPO / top, *(REPO / top).rglob("*")] if folder.is_dir()}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages in pyproject.toml"


def _tracked_copy(target: Path) -> None:
    """The files git tracks (what a clone has), copied without the checkout's venv, caches or output."""
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.mark.slow
@pytest.mark.external
def test_netlify_build_command_in_a_fresh_non_editable_install(tmp_path):
    project, env_dir = tmp_path / "project", tmp_path / "venv"
    _tracked_copy(project)
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    environ = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
               "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    environ.pop("PYTHONPATH", None)
    install, build_cmd = NETLIFY["build"]["command"].split(" && ", 1)
    installed = subprocess.run(f"{install} -v", shell=True, cwd=project, env=environ, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    warnings = [line for line in (installed.stdout + installed.stderr).splitlines()
                if "Deprecat" in line or "BuildBackendWarning" in line or "would be ignored" in line]
    assert not warnings, warnings

    where = subprocess.run([bin_dir / "python", "-c", "import site_builder; print(site_builder.__file__)"],
                           cwd=tmp_path, env=environ, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(env_dir), where  # the wheel, not the checkout

    built = subprocess.run(NETLIFY["build"]["command"], shell=True, cwd=project, env=environ,
                           capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert build_cmd.split()[0] == "site-builder"
    public = project / NETLIFY["build"]["publish"]

    reference = tmp_path / "reference"
    build(BuildOptions(content=REPO / "content", output=reference, cache_dir=None))
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and "pagefind" not in p.relative_to(root).parts}
    ours, theirs = files(public), files(reference)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert {"index.html", "robots.txt", "404.html", "briefings.json"} <= ours.keys()
    entry = json.loads((public / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        assert (public / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file()


def test_a_content_folder_overrides_theme_templates_and_static_files(tmp_path, content):
    (content / "templates").mkdir()
    (content / "templates" / "robots.txt").write_text("User-agent: *\nDisallow: /drafts-of-our-own/\n", encoding="utf-8")
    (content / "static" / "css").mkdir(parents=True)
    (content / "static" / "css" / "site.css").write_text("body { color: rebeccapurple }\n", encoding="utf-8")
    (content / "static" / "img").mkdir()
    (content / "static" / "img" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    out = build_into(content, tmp_path / "public", cache_dir=None)
    assert (out / "robots.txt").read_text(encoding="utf-8").endswith("Disallow: /drafts-of-our-own/\n")
    css = [p.read_text(encoding="utf-8") for p in (out / "assets" / "css").glob("site.*.css")]
    assert css == ["body { color: rebeccapurple }\n"]
    assert list((out / "assets" / "img").glob("logo.*.svg"))
    assert list((out / "assets" / "js").glob("search.*.js"))  # the theme's other files are still there
    home = (out / "index.html").read_text(encoding="utf-8")
    assert any(f"/assets/css/{p.name}" in home for p in (out / "assets" / "css").glob("site.*.css"))


def test_an_override_template_with_a_syntax_error_is_reported_in_the_content_folder(tmp_path, content):
    (content / "templates").mkdir()
    (content / "templates" / "page.html").write_text("{% block %}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "site_builder", "check", "--content", str(content)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "templates/page.html:1" in result.stdout + result.stderr
