"""Bodies shaped to slow Python-Markdown down, timed at growing sizes against upstream.

For each shape and size it prints the seconds upstream Python-Markdown (with nh3, in
a child process stopped after ``--timeout`` seconds) takes, the seconds the site
takes (the shape limits of ``site_builder.body_limits``, then the rendering if the
body is within them), what became of the body, and the ratio of the site's time at
ten times the size to its time at the size. ``--layout paragraphs`` cuts the body
into paragraphs of 10,000 characters, as an editor within the limits would.

    .venv/bin/python -m benchmarks.worst_case --sizes 10000,100000,1000000 --timeout 60
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from site_builder.content.body_limits import body_problems
from site_builder.render.markdown_body import render_markdown

SHAPES = {
    "[": "[", "[ word": "[ word ", "[a](": "[a](", "![": "![", "[a][": "[a][", "nested [ ]": None,
    '[a](b"x)': '[a](b"x)', "*a": "*a", "_a": "_a ", "`": "`", "<": "<", "<a": "<a ", "<div>": "<div>",
    "> quote": ">", "table": "| a | b |\n", "one line": "word ",
}

STOCK = """
import sys, time, markdown, nh3
text = sys.stdin.read()
start = time.perf_counter()
html = markdown.Markdown(extensions=["extra", "sane_lists", "toc"], output_format="html").convert(text)
nh3.clean(html)
print(time.perf_counter() - start)
"""


def body(shape: str, size: int, layout: str) -> str:
    if SHAPES[shape] is None:
        text = "[" * (size // 2) + "]" * (size // 2)
    else:
        unit = SHAPES[shape]
        text = (unit * (size // len(unit) + 1))[:size]
    if layout == "paragraphs":
        text = "\n\n".join(text[i:i + 10_000].strip("\n") or "x" for i in range(0, len(text), 10_000))
    return text


def stock_seconds(text: str, timeout: float) -> float | None:
    """Upstream Python-Markdown and nh3 on ``text`` in a child process; None past ``timeout``."""
    try:
        run = subprocess.run([sys.executable, "-c", STOCK], input=text, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return float(run.stdout) if run.returncode == 0 else None


def site_seconds(text: str, anyway: bool = False) -> tuple[float, str]:
    start = time.perf_counter()
    problems = body_problems(text, "body.md", 1)
    outcome = "refused: " + problems[0].message.split(",")[0] if problems else "rendered"
    if anyway or not problems:
        render_markdown(text)
    return time.perf_counter() - start, outcome


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="body sizes in characters")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="which shapes, separated by commas")
    parser.add_argument("--render-anyway", action="store_true", help="render bodies over the limits too (the converter alone)")
    parser.add_argument("--layout", choices=("one", "paragraphs"), default="one")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds upstream gets per body")
    parser.add_argument("--no-stock", action="store_true", help="time the site only")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    render_markdown("warm up")
    print(f"layout: {args.layout}; seconds; upstream stopped after {args.timeout:g} s")
    print(f"{'shape':<11} {'size':>9} {'upstream':>9} {'site':>8} {'x10':>6}  outcome")
    for shape in shapes:
        last = None
        stock_stopped = False
        for size in sizes:
            text = body(shape, size, args.layout)
            stock = None if args.no_stock or stock_stopped else stock_seconds(text, args.timeout)
            stock_stopped = stock_stopped or (not args.no_stock and stock is None)
            seconds, outcome = site_seconds(text, args.render_anyway)
            ratio = f"{seconds / last:6.1f}" if last else ""
            shown = "-" if args.no_stock else (f">{args.timeout:g}" if stock is None else f"{stock:.3f}")
            print(f"{shape:<11} {size:>9,} {shown:>9} {seconds:8.3f} {ratio:>6}  {outcome}", flush=True)
            last = max(seconds, 1e-4)


if __name__ == "__main__":
    main()
