"""The preview follows the output's _redirects as Netlify does (real files, no server)."""

from __future__ import annotations

from pathlib import Path

from site_builder.serve.redirects import redirect_for


def test_an_old_address_leads_where_redirects_says_with_or_without_its_slash(tmp_path: Path) -> None:
    (tmp_path / "_redirects").write_text("# moved pages\n/actors/x/timeline/ /actors/x/ 301\n/a/ /b/ 302\n",
                                         encoding="utf-8")
    assert redirect_for(tmp_path, "/actors/x/timeline/") == ("/actors/x/", 301)
    assert redirect_for(tmp_path, "/actors/x/timeline") == ("/actors/x/", 301)
    assert redirect_for(tmp_path, "/a/") == ("/b/", 302)
    assert redirect_for(tmp_path, "/actors/x/") is None


def test_only_site_paths_are_followed_and_a_missing_file_sends_nowhere(tmp_path: Path) -> None:
    assert redirect_for(tmp_path, "/a/") is None
    (tmp_path / "_redirects").write_text("/a/ //elsewhere.example/ 301\n/b/ https://elsewhere.example/\n/c/\n",
                                         encoding="utf-8")
    assert [redirect_for(tmp_path, p) for p in ("/a/", "/b/", "/c/")] == [None, None, None]
