"""The GitHub Actions workflow: on every push and pull request it installs, runs
the tests, checks the content and builds; it deploys to Netlify only when the
deploy secrets are present, production from main and a preview for pull
requests. zizmor (the GitHub Actions auditor, a PyPI wheel installed into
``.cache/zizmor`` on first use) checks it strictly, offline.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_builder.cli import make_parser

from .helpers import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
ZIZMOR = "zizmor==1.32.0"
ZIZMOR_DIR = REPO / ".cache" / "zizmor"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def commands(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_runs_on_push_and_pull_request(workflow: dict) -> None:
    assert "push" in workflow["on"] and "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}, "the workflow needs no write access to the repository"


def test_installs_tests_checks_and_builds(workflow: dict) -> None:
    job = workflow["jobs"]["test-and-build"]
    runs = "\n".join(commands(job))
    order = [runs.index(fragment) for fragment in
             ("pip install -e '.[test,search]'", "python -m pytest", "site-builder check",
              "pip install '.[search]'", "/wheel/bin/site-builder\" build")]
    assert order == sorted(order), "install, test, check, install as Netlify does, build, in that order"
    build_line = next(line for line in runs.splitlines() if "site-builder\" build" in line)
    assert build_line.startswith('"$RUNNER_TEMP/wheel/bin/'), "the deployed site comes from the non-editable install"
    args = make_parser().parse_args(build_line.split()[1:])
    assert str(args.output) == "public"
    python = next(step for step in job["steps"] if "setup-python" in step.get("uses", ""))
    assert python["with"]["python-version"] == "3.11"
    upload = next(step for step in job["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "public"


def test_deploys_only_with_secrets(workflow: dict) -> None:
    job = workflow["jobs"]["deploy"]
    assert job["needs"] == "test-and-build"
    assert "refs/heads/main" in job["if"] and "pull_request" in job["if"]
    assert job["env"]["NETLIFY_AUTH_TOKEN"] == "${{ secrets.NETLIFY_AUTH_TOKEN }}"
    assert job["env"]["NETLIFY_SITE_ID"] == "${{ secrets.NETLIFY_SITE_ID }}"
    gate = job["steps"][0]
    assert 'if [ -n "$NETLIFY_AUTH_TOKEN" ] && [ -n "$NETLIFY_SITE_ID" ]' in gate["run"]
    for step in job["steps"][1:]:
        assert "steps.secrets.outputs.present == 'true'" in step["if"], step
    production = next(step for step in job["steps"] if step.get("name") == "Deploy to production")
    preview = next(step for step in job["steps"] if step.get("name") == "Deploy a preview of the pull request")
    assert "github.event_name == 'push'" in production["if"] and "--prod" in production["run"]
    assert "github.event_name == 'pull_request'" in preview["if"] and "--alias" in preview["run"]
    assert "--prod" not in preview["run"]
    for step in (production, preview):
        assert "--no-build --dir public" in step["run"], "deploy the tested build, do not build again"
        assert "${{" not in step["run"], "no expressions inside shell commands (script injection)"


def test_actions_are_pinned_to_commits(workflow: dict) -> None:
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                ref = step["uses"].split("@", 1)[1]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
            if "checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False


@pytest.fixture(scope="module")
def zizmor() -> Path:
    binary = ZIZMOR_DIR / "bin" / "zizmor"
    stamp = ZIZMOR_DIR / ".installed"
    if not (binary.is_file() and stamp.is_file() and stamp.read_text() == ZIZMOR):
        shutil.rmtree(ZIZMOR_DIR, ignore_errors=True)
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                                 str(ZIZMOR_DIR), ZIZMOR], capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            pytest.skip(f"could not install {ZIZMOR} from PyPI: {result.stderr.strip()[-300:]}")
        stamp.write_text(ZIZMOR)
    return binary


@pytest.mark.external
def test_zizmor_finds_nothing(zizmor: Path) -> None:
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", "--persona=pedantic", str(WORKFLOW)],
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.external
def test_zizmor_is_a_real_check(zizmor: Path, tmp_path: Path) -> None:
    """The same audit flags a workflow that pastes untrusted text into a shell command."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    bad = folder / "bad.yml"
    bad.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        'run: site-builder check', 'run: site-builder check "${{ github.event.pull_request.title }}"'))
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", str(bad)], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode != 0 and "template-injection" in result.stdout + result.stderr
