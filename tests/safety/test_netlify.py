"""netlify.toml: Netlify's own parser accepts it, it builds and publishes the
site, and its security headers hold: a Content-Security-Policy without
'unsafe-inline' that every built page satisfies, HSTS, nosniff, a referrer and
a permissions policy, no framing, and long caching only for fingerprinted assets.

Netlify's parser is ``@netlify/config`` from npm, installed (pinned by
``netlify/package-lock.json``) into ``.cache/netlify-config/`` on first use.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from site_builder.cli import make_parser

from .helpers import REPO, Project, built_pages, policy_violations

NETLIFY_TOML = REPO / "netlify.toml"
CHECKER = Path(__file__).parent / "netlify"
INSTALL = REPO / ".cache" / "netlify-config"
BASE_URL = "https://fixture.example.org/"
YEAR = 365 * 24 * 3600


def headers_for(config: dict, pattern: str) -> dict[str, str]:
    for rule in config.get("headers", []):
        if rule["for"] == pattern:
            return rule["values"]
    raise AssertionError(f"no [[headers]] for {pattern!r}")


def csp_directives(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0].lower() not in directives, f"directive {words[0]} given twice"
            directives[words[0].lower()] = words[1:]
    return directives


@pytest.fixture(scope="module")
def toml() -> dict:
    return tomllib.loads(NETLIFY_TOML.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csp(toml: dict) -> dict[str, list[str]]:
    return csp_directives(headers_for(toml, "/*")["Content-Security-Policy"])


def test_csp_forbids_inline_code_and_other_servers(csp: dict[str, list[str]]) -> None:
    everything = [source for sources in csp.values() for source in sources]
    assert "'unsafe-inline'" not in everything and "'unsafe-eval'" not in everything
    assert "'unsafe-hashes'" not in everything and "'strict-dynamic'" not in everything
    for source in everything:
        assert source in ("'self'", "'none'", "'wasm-unsafe-eval'", "data:"), f"{source} lets in another server"
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"], "Pagefind needs its same-origin scripts and WebAssembly"
    assert csp["style-src"] == ["'self'"]
    assert "data:" not in csp["script-src"] + csp["style-src"] + csp["default-src"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"] and csp["worker-src"] == ["'self'"]  # Pagefind's index and worker


def test_security_headers(toml: dict) -> None:
    values = headers_for(toml, "/*")
    hsts = dict(re.findall(r"([\w-]+)(?:=(\d+))?", values["Strict-Transport-Security"].lower()))
    assert int(hsts["max-age"]) >= YEAR and "includesubdomains" in hsts
    assert values["X-Content-Type-Options"] == "nosniff"
    assert values["X-Frame-Options"] == "DENY"
    assert values["Referrer-Policy"] in ("no-referrer", "strict-origin-when-cross-origin", "same-origin")
    features = dict(item.strip().split("=", 1) for item in values["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "interest-cohort"):
        assert features[feature] == "()", feature
    assert "Cache-Control" not in values, "pages must not be cached for long: a correction has to reach readers"


def test_long_cache_only_for_fingerprinted_assets(toml: dict) -> None:
    for rule in toml.get("headers", []):
        cache = rule["values"].get("Cache-Control", "")
        max_age = int(re.search(r"max-age=(\d+)", cache).group(1)) if "max-age" in cache else 0
        if rule["for"] == "/assets/*":
            assert max_age >= YEAR and "immutable" in cache
        else:
            assert max_age < 3600 and "immutable" not in cache, rule


def test_assets_are_the_only_fingerprinted_files(project: Project) -> None:
    """What /assets/* caches for a year is exactly the files whose names carry their content hash."""
    project.build()
    assets = [p for p in (project.output / "assets").rglob("*") if p.is_file()]
    assert assets
    for path in assets:
        assert re.search(r"\.[0-9a-f]{10}(\.\w+)?$", path.name), f"{path.name} is cached for a year but not fingerprinted"


def test_build_settings(toml: dict) -> None:
    build = toml["build"]
    assert build["publish"] == "public"
    python = build["environment"]["PYTHON_VERSION"]
    required = re.search(r'requires-python = ">=(\d+)\.(\d+)"', (REPO / "pyproject.toml").read_text()).groups()
    assert tuple(map(int, python.split(".")[:2])) >= tuple(map(int, required))
    steps = [shlex.split(step) for step in build["command"].split("&&")]
    assert steps[0][:4] == ["python", "-m", "pip", "install"] and steps[0][4].startswith(".")
    builder = [step for step in steps if step[0] == "site-builder"]
    assert builder and builder[-1][1] == "build"
    args = make_parser().parse_args(builder[-1][1:])  # the command the build runs is one the CLI accepts
    assert str(args.output) == build["publish"]
    redirect = toml["redirects"][-1]
    assert (redirect["from"], redirect["to"], redirect["status"]) == ("/*", "/404.html", 404)


def test_every_built_page_satisfies_the_policy(project: Project) -> None:
    """Nothing on a built page needs what the CSP forbids: inline scripts (JSON-LD data blocks aside),
    inline styles, style attributes, event handlers, or anything from another server."""
    project.build()
    pages = built_pages(project.output)
    assert len(pages) > 10
    for page in pages:
        problems, _ = policy_violations(page.read_text(encoding="utf-8"), BASE_URL)
        assert problems == [], f"{page.relative_to(project.output)}: {problems}"
    for css in project.output.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text):
            assert not re.match(r"^(https?:)?//", url.strip()), f"{css.name} loads {url}"
    for js in project.output.rglob("*.js"):
        text = js.read_text(encoding="utf-8")
        assert not re.search(r"\beval\s*\(|new\s+Function\s*\(", text), f"{js.name} needs 'unsafe-eval'"
        assert not re.search(r"\.setAttribute\(\s*['\"]style['\"]|\.style\.cssText\s*=", text), \
            f"{js.name} writes style attributes"


def test_the_404_page_exists(project: Project) -> None:
    project.build()
    assert (project.output / "404.html").is_file()


# --- Netlify's own parser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def netlify_config_checker() -> Path:
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        pytest.skip("npm/node are not installed, so Netlify's own config parser (@netlify/config) cannot run")
    stamp = INSTALL / ".installed-from"
    lock = (CHECKER / "package-lock.json").read_bytes()
    if not stamp.is_file() or stamp.read_bytes() != lock:
        shutil.rmtree(INSTALL, ignore_errors=True)
        INSTALL.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(CHECKER / name, INSTALL / name)
        result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                                cwd=INSTALL, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"npm ci @netlify/config failed:\n{result.stderr}"
        stamp.write_bytes(lock)
    shutil.copy(CHECKER / "check_config.mjs", INSTALL / "check_config.mjs")
    return INSTALL / "check_config.mjs"


def netlify_resolve(checker: Path, config: Path, root: Path, context: str = "production") -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(checker), str(config), str(root), context], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.external
def test_netlify_parser_accepts_the_config(netlify_config_checker: Path, toml: dict) -> None:
    for context in ("production", "deploy-preview"):
        result = netlify_resolve(netlify_config_checker, NETLIFY_TOML, REPO, context)
        assert result.returncode == 0, result.stderr
        parsed = json.loads(result.stdout)
        assert parsed["warnings"] == []
        config = parsed["config"]
        assert Path(config["build"]["publish"]) == REPO / "public"
        assert config["build"]["command"] == toml["build"]["command"]
        assert config["build"]["environment"]["PYTHON_VERSION"] == toml["build"]["environment"]["PYTHON_VERSION"]
        assert headers_for(config, "/*") == headers_for(toml, "/*")
        assert headers_for(config, "/assets/*")["Cache-Control"] == "public, max-age=31536000, immutable"
        assert any(r["from"] == "/*" and r["to"] == "/404.html" and r["status"] == 404 for r in config["redirects"])


@pytest.mark.external
@pytest.mark.parametrize("broken", [
    "[build\ncommand = 'x'\n",
    "[build]\npublish = 5\n",
    "[[headers]]\n  values = { X-Test = \"1\" }\n",
    "[[redirects]]\n  to = \"/404.html\"\n",
])
def test_netlify_parser_rejects_a_broken_config(netlify_config_checker: Path, tmp_path: Path, broken: str) -> None:
    """The check is real: the same parser refuses broken files."""
    config = tmp_path / "netlify.toml"
    config.write_text(NETLIFY_TOML.read_text(encoding="utf-8") + "\n" + broken, encoding="utf-8")
    result = netlify_resolve(netlify_config_checker, config, tmp_path)
    assert result.returncode in (3, 4), result.stdout[:500]
    assert result.stderr.strip()
