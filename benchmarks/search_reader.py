"""What a reader's search costs and finds, on two builds of the same site side by side.

    python -m benchmarks.search_reader BUILD_A BUILD_B [--chromium /usr/bin/chromium]

For each query, chromium opens ``/search/?q=...`` on each build (served by
``http.server``) and counts the requests and bytes under ``/pagefind/`` until
the page is idle; then Pagefind's API, with the bundles of ``shards.json``
merged as the search page merges them, lists every result (its URL, in score
order) and the filter counts. The line per query says whether both builds
find the same pages with the same counts, and how many of the first 10 and 20
results they share. Used to weigh smaller search runs (cheaper edits) against
more bundles for the reader (benchmarks/README.md, "Body edits, fifth pass").
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading

QUERIES = ["fraud", "videos amplified", "United States", "telegram", "observers warned", "election"]

EVERY_RESULT = """async (q) => {
  const pf = await import(location.origin + '/pagefind/pagefind.js');
  await pf.options({baseUrl: '/'});
  const listing = await (await fetch('/pagefind/shards.json')).json();
  await Promise.all(listing.bundles.slice(1).map((p) => pf.mergeIndex('/' + p, {baseUrl: '/'})));
  const found = await pf.search(q);
  const urls = [];
  for (const result of found.results) urls.push((await result.data()).url);
  return {urls, filters: found.filters, total: await pf.filters()};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(folder: str) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def measure(browser, folder: str, query: str) -> dict:
    """Requests, bytes and the status line of the search page; every result of the API."""
    base = _serve(folder)
    page, seen = browser.new_page(), []
    page.on("requestfinished", lambda r: seen.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(base + "/search/?q=" + query.replace(" ", "%20"))
    page.wait_for_function("(document.getElementById('search-status') || {}).textContent", timeout=120_000)
    page.wait_for_load_state("networkidle")
    status = page.locator("#search-status").inner_text()
    page.close()
    api = browser.new_page()
    api.goto(base + "/robots.txt")  # a page of the site that does not load the search page's own script
    found = api.evaluate(EVERY_RESULT, query)
    api.close()
    search = [size for url, size in seen if "/pagefind/" in url]
    return dict(requests=len(search), kb=sum(search) // 1024, status=status, **found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builds", nargs=2)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for query in QUERIES:
            a, b = (measure(browser, folder, query) for folder in args.builds)
            same = sorted(a["urls"]) == sorted(b["urls"]) and (a["filters"], a["total"]) == (b["filters"], b["total"])
            print(f"{query!r}: requests {a['requests']} -> {b['requests']}, KB {a['kb']} -> {b['kb']}; "
                  f"{len(a['urls'])} -> {len(b['urls'])} results, same results and counts {same}, "
                  f"top 10 shared {len(set(a['urls'][:10]) & set(b['urls'][:10]))}, "
                  f"top 20 shared {len(set(a['urls'][:20]) & set(b['urls'][:20]))}; {b['status']}")
        browser.close()


if __name__ == "__main__":
    main()
