"""Zero errors from the Nu Html Checker (vnu) over every HTML page of the built site."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from .conftest import VNU


def test_every_page_is_valid_html(site_dir):
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java is not installed (bash scripts/test.sh installs default-jre-headless)")
    if not VNU.is_file():
        pytest.skip("vnu.jar is not installed: bash scripts/browser-deps.sh (needs npm)")
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(site_dir)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or "{}").get("messages", []) if result.stderr.strip().startswith("{") else []
    errors = [f"{m.get('url', '').split(str(site_dir))[-1]}:{m.get('lastLine')}: {m.get('message')}"
              for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert result.returncode == 0 and not errors, "\n".join(errors[:40]) or result.stderr[-2000:]
