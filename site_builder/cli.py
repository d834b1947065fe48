"""Command line: ``site-builder build|serve|new|check|ingest|entity``.

A thin layer: parse arguments, call the library, print problems, exit non-zero
on failure. Problems are printed as ``file:line:col: error: ...`` with a fix;
an unexpected failure prints one line, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from pathlib import Path

from site_builder.build import DEFAULT_STATIC, DEFAULT_TEMPLATES, BuildOptions, build, check_content
from site_builder.cache import DEFAULT_CACHE_DIR, PREVIEW_OUTPUT
from site_builder.errors import Problem, SiteError, command_name, display_path, plural
from site_builder.ingest.arguments import register as register_ingest


def run() -> None:
    """The installed command: ``main``, then the process ends without taking down what it built.

    Freeing a large built site object by object is slow (benchmarks/README.md)
    and nothing needs it: the files are written and closed, worker
    processes have ended. So once the output is flushed the process exits at once.
    """
    code = main(exit_process=True)
    raise SystemExit(code)  # reached only when main did not exit the process itself


def main(argv: list[str] | None = None, exit_process: bool = False) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    code = _dispatch(args)
    if exit_process:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):  # a closed pipe: nothing more can be said
                stream.flush()
        os._exit(code)  # ``args`` still holds what the command built: it is never freed
    return code


def _dispatch(args: argparse.Namespace) -> int:
    try:
        return args.func(args)
    except SiteError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # the disk, not the content: a full disk, a folder that cannot be written
        print(os_error_report(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # last resort: a clear line instead of a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("This is a bug in site-builder; please report it with the command you ran.", file=sys.stderr)
        return 70


def os_error_report(exc: OSError) -> str:
    """A file-system failure as a located problem; the previous site is untouched (the write is atomic)."""
    where = display_path(exc.filename) if exc.filename else "site-builder"
    reason = exc.strerror or str(exc)
    problem = Problem(str(where), f"cannot read or write this path: {reason}",
                      hint="check that the folder exists, that you may write to it and that the disk is not full; "
                           "for --output, choose a folder, e.g. --output public")
    return SiteError([problem]).report()


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Build the election-interference briefing site.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("build", help="build the site into the output folder")
    _content_args(p)
    p.add_argument("--output", type=Path, default=Path("public"), help="output folder (default: public)")
    p.add_argument("--verbose", "-v", action="store_true", help="print stage timings")
    _cache_args(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="build, serve on localhost and rebuild on every change")
    _content_args(p)
    p.add_argument("--output", type=Path, default=PREVIEW_OUTPUT,
                   help=f"the preview's own output folder, never public/ (default: {PREVIEW_OUTPUT.as_posix()})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    _cache_args(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("check", help="validate all content and report every problem")
    _content_args(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", help="create a new draft briefing with every field")
    p.add_argument("title", help="the briefing's title")
    p.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    p.set_defaults(func=cmd_new)

    register_ingest(sub)  # only the arguments: the ingest stack is imported when its command runs
    return parser


def _content_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    p.add_argument("--drafts", action="store_true", help="include briefings with status: draft")
    p.add_argument("--base-url", default=None, help="override base_url from site.yaml")
    p.add_argument("--templates", type=Path, default=DEFAULT_TEMPLATES, help=argparse.SUPPRESS)
    p.add_argument("--static", type=Path, default=DEFAULT_STATIC, help=argparse.SUPPRESS)
    p.add_argument("--today", type=_iso_date, default=None, help=argparse.SUPPRESS)


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def _cache_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR,
                   help=f"folder of the build cache (default: {DEFAULT_CACHE_DIR.as_posix()}); safe to delete")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache: a cold, full build")


def options_from(args: argparse.Namespace) -> BuildOptions:
    options = BuildOptions(content=args.content, output=getattr(args, "output", Path("public")), drafts=args.drafts,
                           base_url=args.base_url, templates=args.templates, static=args.static)
    if args.today is not None:
        options.today = args.today
    if hasattr(args, "cache_dir"):
        options.cache_dir = None if args.no_cache else args.cache_dir
    return options


def cmd_build(args: argparse.Namespace) -> int:
    options = options_from(args)
    options.keep_state = True  # held until the process ends (see ``run``), not freed on the way out
    report = args.report = build(options)
    print(f"Built {plural(report.briefings, 'briefing')}: {plural(report.pages, 'page')}, "
          f"{plural(report.files, 'file')} in {args.output}"
          + (f" ({plural(report.drafts_skipped, 'draft')} left out; use --drafts to include them)"
             if report.drafts_skipped else ""))
    if args.verbose:
        print(f"  {report.rendered} pages rendered, {report.written} files written (the rest unchanged)")
        for reason in report.reasons if report.rendered else ():
            print(f"    {reason}")
        for stage, seconds in report.timings:
            print(f"  {stage:<28} {seconds * 1000:8.1f} ms")
        print(f"  {'total':<28} {sum(s for _, s in report.timings) * 1000:8.1f} ms")
        if report.early_search:
            took, beside = report.early_search
            print(f"  (search indexing took {took * 1000:.0f} ms, {beside * 1000:.0f} ms of it beside rendering)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Every problem and warning; exit 1 on any error, 0 when there are only warnings."""
    found = check_content(options_from(args))
    errors = [p for p in found if p.severity == "error"]
    warnings = [p for p in found if p.severity != "error"]
    for warning in warnings:
        print(warning, file=sys.stderr)
    if errors:
        print(SiteError(errors).report(wrote=False), file=sys.stderr)
        return 1
    print(f"No problems found ({plural(len(warnings), 'warning')})." if warnings else "No problems found.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from site_builder.serve.server import serve

    return serve(options_from(args), args.host, args.port)


def cmd_new(args: argparse.Namespace) -> int:
    from site_builder.content.invisible import without_invisible
    from site_builder.content.yamlfile import CONTROL
    from site_builder.content.scaffold import new_briefing

    title, removed = without_invisible(CONTROL.sub(" ", args.title))  # check refuses both in a title
    path = new_briefing(args.content, title)
    if removed:
        print(f"Removed invisible characters from the title: {removed}.")
    print(f"Created {path}; edit it, then run '{command_name()} check'.")
    return 0
