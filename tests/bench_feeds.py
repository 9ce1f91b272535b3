"""Refresh benchmark on a local server: N feeds x M items, first refresh, indexing, then an all-304 round.

    python tests/bench_feeds.py                     # 200 feeds x 50 items
    python tests/bench_feeds.py --feeds 20 --items 10 --json

The server runs in a child process, so the peak RSS printed is the refresh's own (this process). The
per-host delay is 0 here: every feed lives on 127.0.0.1, and a real refresh spreads over many hosts.
Full text is off (items carry ~200 words, above the summary threshold), so no article pages are fetched.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WORDS = ["alliance", "deterrence", "Tokyo", "Washington", "ministers", "talks", "missile", "defense",
         "bases", "Okinawa", "supply", "chains"]


def feed_document(feed: int, items: int) -> bytes:
    rows = []
    for n in range(items):
        words = " ".join(WORDS[(feed * 7 + n * 3 + i) % len(WORDS)] for i in range(200))
        rows.append(f"<item><title>Feed {feed} story {n}</title><link>http://example.org/{feed}/{n}</link>"
                    f"<guid>f{feed}-{n}</guid><pubDate>{formatdate(1767225600 + n * 3600 + feed, usegmt=True)}"
                    f"</pubDate><description>{escape(words)} story {feed}-{n}.</description></item>")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed {feed}</title>'
            f"<link>http://example.org/</link><description>d</description>{''.join(rows)}</channel></rss>").encode()


def serve(feeds: int, items: int, port_out: Any) -> None:
    documents = {f"/feed/{n}": feed_document(n, items) for n in range(feeds)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = documents.get(self.path)
            etag = f'"{self.path}"'
            if body is None:
                status, body = 404, b""
            elif self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            else:
                status = 200
            self.send_response(status)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port_out.put(httpd.server_address[1])
    httpd.serve_forever()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """This process's CPU time and its finished children's (the index workers), user and system: on
    shared cores it says what a step costs when wall time mostly says how busy the machine was."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--no-index", action="store_true", help="measure fetching only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from corpus.feeds.http import FetchPolicy
    from search.feeds import Subscription, feed_key
    from search.library import Library

    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(args.feeds, args.items, ports), daemon=True)
    server.start()
    port = ports.get(timeout=60)
    figures: dict[str, Any] = {"feeds": args.feeds, "items_per_feed": args.items}
    with tempfile.TemporaryDirectory(prefix="bench-feeds-") as home:
        library = Library(Path(home))
        library.feeds.policy = FetchPolicy(host_delay=0.0)
        urls = [f"http://127.0.0.1:{port}/feed/{n}" for n in range(args.feeds)]
        library.feeds.store.add_many([Subscription(url=u, key=feed_key(u), full_text=False) for u in urls])

        start, cpu = time.perf_counter(), cpu_seconds()
        first = library.feeds.refresh()
        figures["first_refresh_s"] = round(time.perf_counter() - start, 2)
        figures["first_refresh_cpu_s"] = round(cpu_seconds() - cpu, 2)
        figures["first_new_articles"] = first.new_articles
        figures["first_failed"] = sum(1 for f in first.feeds if f.status != "ok")
        figures["peak_rss_after_first_refresh_mb"] = round(peak_rss_mb(), 1)
        if not args.no_index:
            start, cpu = time.perf_counter(), cpu_seconds()
            report = library.sync(entities=False)
            figures["index_s"] = round(time.perf_counter() - start, 2)
            figures["index_cpu_s"] = round(cpu_seconds() - cpu, 2)
            figures["indexed_added"] = report.added
            figures["peak_rss_after_index_mb"] = round(peak_rss_mb(), 1)

        start = time.perf_counter()
        second = library.feeds.refresh()
        figures["second_refresh_304_s"] = round(time.perf_counter() - start, 2)
        figures["second_not_modified"] = sum(1 for f in second.feeds if f.status == "not_modified")
        figures["second_new_articles"] = second.new_articles
        library.close()
    server.terminate()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
