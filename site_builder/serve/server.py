"""Preview server: build, serve on localhost, rebuild and reload on every change.

A small tornado app over the preview's own output folder (never ``public/``):
the pages, the problems page while content is broken, and livereload's client
and websocket, all from the same origin. Every response carries the headers
``netlify.toml`` gives the deployed site; only the Host names the server
listens on are answered (DNS rebinding). Rebuilds run in a thread while the
last good site is served; an edit to a briefing alone is applied to the
build kept in memory (``live.LiveSession``). Details: docs/preview.md.
"""

from __future__ import annotations

import asyncio
import ipaddress
import mimetypes
import socket
import sys
from collections.abc import Callable, Collection
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tornado import web

from site_builder.build import PROJECT_ROOT, BuildOptions, build
from site_builder.content.config import SiteConfig
from site_builder.render.templating import make_environment
from site_builder.cache import PREVIEW_OUTPUT, BuildCache
from site_builder.errors import Problem, SiteError, display_path
from site_builder.serve.live import LiveSession, scan_inputs, start_in_background
from site_builder.serve.headers import DEFAULT_HEADERS, HeaderRule, deployed_headers, headers_for, read_header_rules  # noqa: F401 (read by tests)
from site_builder.serve.redirects import redirect_for

ERROR_TEMPLATE = Path(__file__).with_name("error_page.html")
ERROR_CSS = Path(__file__).with_name("error_page.css")
ERROR_CSS_URL = "/__site-builder/error.css"  # the problems page's style: a file, as the site's CSP wants
PUBLISH_FOLDER = Path("public")  # what ``build`` writes and netlify.toml publishes
MAX_PATH = 2048  # characters of a request's path; longer ones get 414
MAX_REQUEST = 1 << 20  # bytes of a request's line and headers read; past that the connection is closed


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
    reload: list[str] | None = None  # the output files whose browsers the last rebuild reloads (None: all)


def rebuild(options: BuildOptions, state: PreviewState, paths: list[str] | None = None,
            first: Collection[str] | None = None) -> bool:
    """Apply the change to the last good build, or build once; remember the problems instead of raising.

    ``paths``: the files that file events name, the only ones the quick path
    then looks at (``settle`` catches anything the events missed). ``first``:
    the output files the browsers show, which the quick path renders with the
    edited briefings' own pages, leaving the rest for ``finish``.
    """
    state.builds += 1
    live = live_session(state)  # waits for a session still starting: it uses the cache
    if live is not None and apply_edit(state, live, paths, first):
        return True
    state.reload = None
    if state.cache is None:
        state.cache = BuildCache(options.cache_dir)
    snapshot = scan_inputs(options)  # before building: a change made meanwhile is seen by the next rebuild
    print("Full build started", flush=True)  # the server keeps answering from the last good site
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


def rebuild_for(options: BuildOptions, state: PreviewState, paths: list[str], showing: Collection[str]) -> list[str] | None:
    """``rebuild`` for saved files, the browsers showing ``showing``; the output files whose browsers
    must reload now (None: every browser)."""
    rebuild(options, state, paths, showing)
    return state.reload


def finish(options: BuildOptions, state: PreviewState, stop: Callable[[], bool] = lambda: False,
           written: Callable[[list[str]], object] = lambda files: None) -> bool:
    """Render and write what the last quick edits left (``LiveSession.finish``: ``stop``, ``written``).
    True when that failed and the full build ran instead (to show why): every browser must reload."""
    live = state.live.result() if state.live is not None and state.live.done() and not state.live.exception() else None
    if live is None or not live.left:
        return False
    try:
        edit = live.finish(stop, written)
    except Exception:  # e.g. a template failing on the new text: the output is as the last good build left it
        state.live = None
        rebuild(options, state)
        return True
    print(f"Then {len(edit.rendered)} pages rendered, {len(edit.written)} files written in {edit.seconds * 1000:.0f} ms"
          + (f" ({edit.left} left for the next save)" if edit.left else ""), flush=True)
    return False


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


def apply_edit(state: PreviewState, live: LiveSession, paths: list[str] | None = None,
               first: Collection[str] | None = None) -> bool:
    """Apply the change to ``live``; False when the full build must run (it then reports any problem)."""
    try:
        edit = live.apply(paths, first)
    except Exception:  # e.g. a template failing on the new text: the full build reports it
        state.live = None
        return False
    if edit is None:
        return False
    state.reload = None if state.problems else edit.written  # the problems page was on every page
    state.problems = []
    state.edits += 1
    if edit.briefings:
        print(f"Updated {', '.join(map(display_path, edit.briefings))}: {len(edit.rendered)} pages rendered, "
              f"{len(edit.written)} files written in {edit.seconds * 1000:.0f} ms"
              + (f" ({edit.left} left for later)" if edit.left else ""), flush=True)
    return True


def render_error_page(problems: list[Problem]) -> bytes:
    """The problems page, made by the same kind of environment as the site's pages (autoescaped,
    strict), from the builder's own template: the site's templates may be what is broken."""
    env = make_environment([ERROR_TEMPLATE.parent], SiteConfig(), {})
    return env.get_template(ERROR_TEMPLATE.name).render(problems=problems).encode("utf-8")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def plain(status: int, text: str) -> Response:
    return Response(status, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"},
                    text.encode("utf-8"))


def respond(state: PreviewState, raw_path: str, rules: list[HeaderRule] = (), reload_tag: bytes = b"") -> Response:
    """The answer to a GET of ``raw_path`` (as sent, percent-encoded): a file of the output folder,
    the problems page while content is broken, a redirect to the site's path, or an error status."""
    if len(raw_path) > MAX_PATH:
        return plain(414, "URI too long")
    try:
        requested = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return plain(400, "Bad request: the path is not UTF-8")
    if "\0" in requested or not requested.startswith("/"):
        return plain(400, "Bad request: malformed path")
    if requested == ERROR_CSS_URL:
        return Response(200, {**headers_for(rules, requested), "Content-Type": "text/css; charset=utf-8",
                              "Cache-Control": "no-store"}, ERROR_CSS.read_bytes())
    base = state.base_path
    if not requested.startswith(base) and requested in ("/", base.rstrip("/")):  # the site's path left out
        return Response(302, {"Location": base, "Cache-Control": "no-store"}, b"")
    path = "/" + requested[len(base):] if requested.startswith(base) else None  # within the site
    target = resolve_request(state.output, path) if path is not None else None
    headers = headers_for(rules, path or requested)
    if state.problems and (target is None or target.suffix == ".html"):
        status, body, kind = 500, render_error_page(state.problems), "text/html; charset=utf-8"
    else:
        status = 200
        if target is None and (moved := redirect_for(state.output, requested)):  # _redirects, as Netlify reads it
            return Response(moved[1], {**headers, "Location": moved[0], "Cache-Control": "no-store"}, b"")
        if target is None:
            status, target = 404, resolve_request(state.output, "/404.html")
            if target is None:
                return plain(404, "Not found")
        try:
            body = target.read_bytes()
        except OSError:  # replaced by a rebuild between the look-up and the read
            return plain(503, "The site is being rebuilt; reload in a moment")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/xml", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
    if kind.startswith("text/html") and reload_tag:
        body = body.replace(b"</head>", reload_tag + b"</head>", 1)
    # Fingerprinted assets change name when they change: the browser may keep them (as netlify.toml
    # says), so a reload after an edit fetches only the page. Everything else is fetched every time.
    if status != 200 or "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    return Response(status, {**headers, "Content-Type": kind}, body)


def resolve_request(root: Path, path: str) -> Path | None:
    """Map a URL path to a file under ``root``; None for missing files, escapes and impossible names."""
    try:
        root = root.resolve()
        candidate = (root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return None


def allowed_host(value: str, names: set[str], port: int) -> bool:
    """True when a Host header (or an Origin's host) names this server: one of ``names``, or an IP
    address, which DNS rebinding cannot use, with no port or ``port``."""
    host, sep, given = value.lower().rpartition(":")
    if not sep or host.endswith(":") or (host.startswith("[") != host.endswith("]")):
        host, given = value.lower(), ""  # no port (or a bare IPv6 address)
    if given and given != str(port):
        return False
    if host in names:
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def host_names(host: str) -> set[str]:
    """The names the server answers to when listening on ``host``."""
    names = {"localhost", "127.0.0.1", "[::1]", host.lower()}
    if ":" in host:
        names.add(f"[{host.lower().strip('[]')}]")
    return names


def make_app(state: PreviewState, host: str, port: int, rules: list[HeaderRule]) -> web.Application:
    """The pages, livereload's client and websocket, each only for requests that name this server."""
    from livereload.handlers import LiveReloadJSHandler

    from site_builder.serve.browsers import PageSocket

    names = host_names(host)
    reload_tag = f'<script src="/livereload.js?port={port}" async></script>'.encode()  # the page need not wait for it

    class Guarded(web.RequestHandler):
        def prepare(self) -> None:
            if not allowed_host(self.request.headers.get("Host", ""), names, port):
                raise web.HTTPError(400, reason="Unknown host")

        def write_error(self, status_code: int, **kwargs) -> None:
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"{status_code} {self._reason}\n")

    class Page(Guarded):
        def get(self) -> None:
            answer = respond(state, self.request.path, rules, reload_tag)
            self.set_status(answer.status)
            for name, value in answer.headers.items():
                self.set_header(name, value)
            self.finish(answer.body)  # HEAD: the same headers, tornado leaves out the body

        head = get

    class Client(Guarded, LiveReloadJSHandler):
        def get(self) -> None:
            for name, value in headers_for(rules, "/livereload.js").items():
                self.set_header(name, value)
            self.set_header("Cache-Control", "no-store")
            super().get()

    class Socket(Guarded, PageSocket):
        def check_origin(self, origin: str) -> bool:
            return allowed_host(urlsplit(origin).netloc, names, port)

    # No access log: a bug in a handler is still printed, with its traceback, by tornado.
    return web.Application([(r"/livereload", Socket), (r"/livereload\.js", Client), (r".*", Page)],
                           log_function=lambda handler: None)


def serve(options: BuildOptions, host: str, port: int, headers: Path | None = DEFAULT_HEADERS) -> int:
    from livereload.handlers import LiveReloadHandler

    from site_builder.serve.browsers import Browsers
    from site_builder.serve.watch import EventWatcher

    check_port_free(host, port)
    refuse_publish_folder(options.output)
    rules = deployed_headers(headers)
    # Input folders as absolute paths: file events name files that way, and the
    # live session matches them against the files it read.
    options = replace(options, reindex_search=False, keep_state=True, content=options.content.absolute(),
                      templates=options.templates.absolute(), static=options.static.absolute())
    state = PreviewState(output=options.output.resolve())
    rebuild(options, state)
    if state.problems:  # else the build said where its pages link to
        state.base_path = _configured_base_path(options)
    watcher = EventWatcher([options.content, options.templates, options.static],
                           lambda paths, showing: rebuild_for(options, state, paths, showing),
                           lambda: settle(options, state), lambda stop, written: finish(options, state, stop, written),
                           Browsers(lambda: state.base_path))
    LiveReloadHandler.watcher = watcher
    LiveReloadHandler.live_css = False  # the whole page: asset names change with their bytes

    async def run() -> None:
        # Request lines up to MAX_REQUEST bytes are read, so a long path gets its 414.
        make_app(state, host, port, rules).listen(port, address=host, max_header_size=MAX_REQUEST)
        print(f"Serving on http://{host}:{port}{state.base_path} from {display_path(state.output)}"
              " (Ctrl+C to stop)", flush=True)
        LiveReloadHandler.start_tasks()
        await asyncio.Event().wait()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
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
    from site_builder.content.config import load_config

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
