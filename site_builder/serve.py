"""Preview server: build, serve on localhost, rebuild and reload on every change.

The server is a small WSGI app over the preview's own output folder (never
``public/``, see docs/preview.md), run by livereload. When
a rebuild fails, every page answers with the list of problems (file, line,
fix) until the content is fixed; the next good build brings the site back
without a restart.

After a good build the server keeps it in memory (``live.LiveSession``): an
edit that changes only briefing files and none of what the site's indexes are
made of is applied to it, rendering and replacing only the pages that show
those briefings, in milliseconds. Every other change runs the full build.

A site published under a path (``base_url`` https://example.org/watch/)
is previewed under it too (http://127.0.0.1:8000/watch/), since its pages
link there; ``/`` leads to it.

Rebuilds while serving do not run Pagefind: the search bundle stays the one
from the last build that made it (the first build makes one when there is
none), so search results may miss edits made while serving until the next
``site-builder build``.
"""

from __future__ import annotations

import dataclasses
import mimetypes
import socket
import sys
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import jinja2

from site_builder.build import PROJECT_ROOT, BuildOptions, build
from site_builder.cache import PREVIEW_OUTPUT, BuildCache
from site_builder.errors import Problem, SiteError, display_path
from site_builder.live import LiveSession, scan_inputs, start_in_background

ERROR_TEMPLATE = Path(__file__).with_name("error_page.html")
PUBLISH_FOLDER = Path("public")  # what ``build`` writes and netlify.toml publishes


@dataclass
class PreviewState:
    """What the server shows: the output folder, or the problems of the last build."""

    output: Path
    problems: list[Problem] = field(default_factory=list)
    builds: int = 0
    cache: BuildCache | None = None  # kept in memory between rebuilds, so only changes are redone
    live: Future | None = None  # the last good build (a LiveSession, made in a thread), to apply edits to
    edits: int = 0  # changes applied to the live session instead of a full build
    base_path: str = "/"  # where the site's pages link to (its base_url's path), as of the last good build


def rebuild(options: BuildOptions, state: PreviewState, paths: list[str] | None = None) -> bool:
    """Apply the change to the last good build, or build once; remember the problems instead of raising.

    ``paths``: the files that file events name, the only ones the quick path
    then looks at (``settle`` catches anything the events missed).
    """
    state.builds += 1
    live = live_session(state)  # waits for a session still starting: it uses the cache
    if live is not None and apply_edit(state, live, paths):
        return True
    if state.cache is None:
        state.cache = BuildCache(options.cache_dir)
    snapshot = scan_inputs(options)  # before building: a change made meanwhile is seen by the next rebuild
    print("Rebuilding (the last good site is served meanwhile)", flush=True)
    try:
        report = build(options, state.cache)
    except SiteError as exc:
        state.problems = exc.problems  # ``live`` still holds the last good build, which is still on disk
        print(exc.report(), file=sys.stderr, flush=True)
        return False
    except Exception as exc:  # a bug must not stop the preview: show it like a content problem
        state.cache = state.live = None  # start afresh next time
        state.problems = [Problem("site-builder", f"unexpected error while building: {type(exc).__name__}: {exc}",
                                  hint="this is a bug in site-builder; please report it with the file you changed")]
        print(f"error: {state.problems[0].message}", file=sys.stderr, flush=True)
        return False
    state.problems = []
    if report.state is not None:
        state.base_path = report.state.content.config.base_path
    print(f"Rebuilt: {report.pages} pages ({report.rendered} rendered, {report.written} files written)"
          f" in {sum(s for _, s in report.timings) * 1000:.0f} ms", flush=True)
    state.live = start_in_background(options, state.cache, snapshot, report.state)
    state.live.add_done_callback(_announce)
    return True


def live_session(state: PreviewState) -> LiveSession | None:
    """The live session of the last good build, once it is ready; None when there is none."""
    if state.live is None:
        return None
    try:
        return state.live.result()
    except Exception:  # only costs speed: the change takes the full build, which starts a new session
        state.live = None
        return None


def _announce(future: Future) -> None:
    if future.exception() is not None:
        print(f"warning: edits take full rebuilds: {future.exception()!r}", file=sys.stderr, flush=True)
    elif future.result() is not None:
        print(f"Ready for quick edits ({future.result().started_in:.1f} s)", flush=True)


def settle(options: BuildOptions, state: PreviewState) -> bool:
    """After a quick edit: rebuild if the input files differ from what the live session applied
    (a change the file events did not name); True when it rebuilt, so the browser reloads again."""
    live = live_session(state)
    if live is None or not live.pending():
        return False
    rebuild(options, state)
    return True


def apply_edit(state: PreviewState, live: LiveSession, paths: list[str] | None = None) -> bool:
    """Apply the change to ``live``; False when the full build must run (it then reports any problem)."""
    try:
        edit = live.apply(paths)
    except Exception:  # e.g. a template failing on the new text: the full build reports it
        state.live = None
        return False
    if edit is None:
        return False
    state.problems = []
    state.edits += 1
    if edit.briefings:
        print(f"Updated {', '.join(map(display_path, edit.briefings))}: {len(edit.rendered)} pages rendered, "
              f"{len(edit.written)} files written in {edit.seconds * 1000:.0f} ms", flush=True)
    return True


def render_error_page(problems: list[Problem]) -> bytes:
    env = jinja2.Environment(autoescape=True, loader=jinja2.FileSystemLoader(str(ERROR_TEMPLATE.parent)))
    return env.get_template(ERROR_TEMPLATE.name).render(problems=problems).encode("utf-8")


def make_app(state: PreviewState):
    """WSGI app: files from the output folder, or the error page while content is broken."""

    def app(environ, start_response):
        requested = unquote(environ.get("PATH_INFO", "/"))
        base = state.base_path
        if not requested.startswith(base) and requested in ("/", base.rstrip("/")):  # the site's path left out
            start_response("302 Found", [("Location", base), ("Content-Length", "0")])
            return [b""]
        path = "/" + requested[len(base):] if requested.startswith(base) else None  # within the site
        target = resolve_request(state.output, path) if path is not None else None
        if state.problems and (target is None or target.suffix == ".html"):
            body = render_error_page(state.problems)
            start_response("500 Content error", [("Content-Type", "text/html; charset=utf-8"),
                                                 ("Content-Length", str(len(body)))])
            return [body]
        status = "200 OK"
        if target is None:
            status, target = "404 Not Found", state.output / "404.html"
            if not target.is_file():
                start_response(status, [("Content-Type", "text/plain")])
                return [b"Not found"]
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/xml", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        # Fingerprinted assets change name when they change: the browser may keep them, so a
        # reload after an edit fetches only the page. Everything else is fetched every time.
        fingerprinted = path is not None and path.startswith("/assets/") and status.startswith("200")
        caching = "public, max-age=31536000, immutable" if fingerprinted else "no-store"
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                                ("Cache-Control", caching)])
        return [body]

    return app


def resolve_request(root: Path, path: str) -> Path | None:
    """Map a URL path to a file under ``root``; None for missing files or escapes."""
    root = root.resolve()
    candidate = (root / path.lstrip("/")).resolve()
    if not candidate.is_relative_to(root):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def serve(options: BuildOptions, host: str, port: int) -> int:
    from livereload import Server

    from site_builder.watch import EventWatcher

    check_port_free(host, port)
    refuse_publish_folder(options.output)
    # Input folders as absolute paths: file events name files that way, and the
    # live session matches them against the files it read.
    options = dataclasses.replace(options, reindex_search=False, keep_state=True, content=options.content.absolute(),
                                  templates=options.templates.absolute(), static=options.static.absolute())
    state = PreviewState(output=options.output.resolve())
    rebuild(options, state)
    if state.problems:  # else the build said where its pages link to
        state.base_path = _configured_base_path(options)
    watcher = EventWatcher([options.content, options.templates, options.static],
                           lambda paths: rebuild(options, state, paths), lambda: settle(options, state))
    server = Server(app=make_app(state), watcher=watcher)
    print(f"Serving on http://{host}:{port}{state.base_path} from {display_path(state.output)} (Ctrl+C to stop)",
          flush=True)
    server.serve(host=host, port=port, debug=False, restart_delay=0)
    return 0


def refuse_publish_folder(output: Path) -> None:
    """The preview may not write into the folder ``build`` publishes: drafts would ship from there."""
    publish = {PUBLISH_FOLDER.resolve(), (PROJECT_ROOT / PUBLISH_FOLDER).resolve()}
    if output.resolve() in publish:
        raise SiteError([Problem("--output", f"{display_path(output)} is the folder 'site-builder build' publishes; "
                                             "the preview (drafts included) must not write there",
                                 hint=f"leave --output out (the preview then uses {PREVIEW_OUTPUT.as_posix()}), "
                                      "or pass a folder of its own")])


def _configured_base_path(options: BuildOptions) -> str:
    """The base path site.yaml (or --base-url) asks for, read on its own when the first build failed."""
    from site_builder.config import load_config

    config, problems = load_config(options.content, options.base_url)
    return "/" if problems else config.base_path


def check_port_free(host: str, port: int) -> None:
    """Refuse early, with a fix, when another program already listens on the port."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise SiteError([Problem("--host", f"cannot listen on {host!r}: {exc.strerror}",
                                 hint="use --host 127.0.0.1 (the default) to preview on this computer")]) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise SiteError([Problem("--port", f"cannot listen on {host}:{port}: {exc.strerror}",
                                     hint=f"stop the other program using port {port}, or pass another port, "
                                          f"e.g. --port {port + 1}")]) from None
