"""Files saved with a byte-order mark or Windows line endings are accepted:
they build the same site as their plain UTF-8 twins, and problems in them are
reported at the same line and column."""

from __future__ import annotations

from .helpers import Project, find_problem, snapshot, without_search

BOM = b"\xef\xbb\xbf"
FILES = ("briefings/tiktok-czech-accounts.md", "briefings/moldova-vote-buying.md", "entities/actors.yaml",
         "entities/countries.yaml", "site.yaml", "pages/about.md")


def windows(data: bytes, bom: bool = True, crlf: bool = True, cr_only: bool = False) -> bytes:
    if cr_only:
        data = data.replace(b"\n", b"\r")
    elif crlf:
        data = data.replace(b"\n", b"\r\n")
    return (BOM if bom else b"") + data


def test_bom_and_crlf_files_build_the_same_site(project: Project, tmp_path) -> None:
    plain_out = tmp_path / "plain"
    project.build(output=plain_out)
    for number, rel in enumerate(FILES):
        path = project.path(rel)
        # every mix: BOM + CRLF, BOM only, CRLF only, old Mac CR only
        variant = number % 4
        path.write_bytes(windows(path.read_bytes(), bom=variant in (0, 1), crlf=variant in (0, 2), cr_only=variant == 3))
    assert project.check() == []
    windows_out = tmp_path / "windows"
    project.build(output=windows_out)
    assert without_search(snapshot(windows_out)) == without_search(snapshot(plain_out))
    page = (windows_out / "briefings" / "tiktok-czech-accounts" / "index.html").read_text(encoding="utf-8")
    assert "\r" not in page and "\ufeff" not in page
    assert "TikTok removes accounts targeting the Czech election" in page


def test_positions_stay_right_with_bom_and_crlf(project: Project) -> None:
    rel = "briefings/tiktok-czech-accounts.md"
    project.edit(rel, "countries: [Czechia, Russia]", "countries: [Russia, Czechai]")
    project.edit("entities/actors.yaml", "country: Moldova", "country: Moldovaa")
    expected = [(rel, 5, 21, "unknown country 'Czechai'"), ("entities/actors.yaml", 8, 3, "unknown country 'Moldovaa'")]
    for path, line, column, message in expected:
        find_problem(project.check(), path, line, message, column)
    for path in (rel, "entities/actors.yaml"):
        file = project.path(path)
        file.write_bytes(windows(file.read_bytes()))
    problems = project.check()
    for path, line, column, message in expected:
        find_problem(problems, path, line, message, column)
    run = project.cli("check")
    assert f"content/{rel}:5:21: error: unknown country 'Czechai'" in run.stderr
    assert "content/entities/actors.yaml:8:3: error: unknown country 'Moldovaa'" in run.stderr


def test_yaml_errors_after_a_bom_keep_their_column(project: Project) -> None:
    rel = "briefings/moldova-vote-buying.md"
    project.edit(rel, "tags: [vote buying]", "tags: [vote buying")
    plain = [p for p in project.check() if p.path.endswith(rel)]
    path = project.path(rel)
    path.write_bytes(windows(path.read_bytes()))
    with_bom = [p for p in project.check() if p.path.endswith(rel)]
    assert [(p.line, p.column) for p in with_bom] == [(p.line, p.column) for p in plain] != []
