"""Live preview benchmark: one briefing's body edited while ``serve`` runs.

    python -m benchmarks.corpus 1000 /tmp/corpus-1000
    python -m benchmarks.live_edit /tmp/corpus-1000 [--work /tmp/live-edit-1000]

Copies the corpus folder (the corpus itself is never changed) with the
project's templates and static files, then does what ``serve`` does: the first
build (cache kept in memory, no Pagefind run: the figure is the edit, and
``serve`` keeps the last search bundle anyway), then starts the live session.
It appends a sentence to one briefing's body and times the rebuild ``serve``
runs for the file event that names it, which applies the edit to the session,
and prints the milliseconds, the pages rendered and the files written; then
the check of every input file that ``serve`` runs once the saves stop.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import time
from pathlib import Path

from site_builder.output import search
from site_builder.build import BuildOptions
from site_builder.serve.server import PreviewState, live_session, rebuild, settle

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 1, 1)


def live_edit(corpus: Path, work: Path) -> dict:
    """First build and live session for ``corpus`` in ``work``, then one body edit timed; returns the figures."""
    shutil.rmtree(work, ignore_errors=True)
    for source, name in ((corpus, "content"), (ROOT / "templates", "templates"), (ROOT / "static", "static")):
        shutil.copytree(source, work / name, ignore=shutil.ignore_patterns(".complete"))
    options = BuildOptions(content=work / "content", output=work / "public", templates=work / "templates",
                           static=work / "static", today=TODAY, cache_dir=work / "cache", progress=False,
                           reindex_search=False, keep_state=True)  # as ``serve`` sets them
    search.pagefind_executable = lambda: None  # no Pagefind in this process: the figure is the edit
    state = PreviewState(output=options.output.resolve())
    started = time.perf_counter()
    if not rebuild(options, state):
        raise SystemExit("the first build failed")
    built = time.perf_counter()
    session = live_session(state)
    if session is None:
        raise SystemExit("no live session was kept")
    ready = time.perf_counter()
    briefing = sorted((work / "content" / "briefings").glob("*.md"))[len(session.files) // 2]
    briefing.write_text(briefing.read_text(encoding="utf-8") + "\nAn editor adds one more sentence.\n",
                        encoding="utf-8")
    started_edit = time.perf_counter()
    if not rebuild(options, state, [str(briefing)]) or state.edits != 1:  # the file the file event names
        raise SystemExit("the body edit took the full build")
    wall = time.perf_counter() - started_edit
    edit = session.last_edit
    started_check = time.perf_counter()
    if settle(options, state):
        raise SystemExit("the check after the edit found a change the edit missed")
    check = time.perf_counter() - started_check
    return {"briefings": len(session.files), "pages": len(session.jobs), "first_build_s": built - started,
            "session_s": ready - built, "edit_ms": wall * 1000, "rendered": len(edit.rendered),
            "written": len(edit.written), "check_ms": check * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time one briefing body edit applied by serve's live session.")
    parser.add_argument("corpus", type=Path, help="content folder made by 'python -m benchmarks.corpus N DIR'")
    parser.add_argument("--work", type=Path, help="scratch folder (default: the corpus folder's name + '-live')")
    args = parser.parse_args(argv)
    work = args.work or args.corpus.with_name(args.corpus.name + "-live")
    figures = live_edit(args.corpus, work)
    print(f"{figures['briefings']} briefings, {figures['pages']} pages: first build {figures['first_build_s']:.1f} s, "
          f"live session ready {figures['session_s']:.1f} s later; body edit {figures['edit_ms']:.0f} ms, "
          f"{figures['rendered']} pages rendered, {figures['written']} files written; "
          f"check of every input file afterwards {figures['check_ms']:.0f} ms (after the reload)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
