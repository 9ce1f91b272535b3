"""`feeds add|remove|list|import|export` and `refresh`: subscriptions from the command line.

Only the `Library` facade is called; JSON shapes are a contract, like the other subcommands'.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from corpus.safety import sanitize_line
from search.errors import SearchError
from search.library import Library
from tui import output

if TYPE_CHECKING:  # the feed parser and HTTP client: loaded by the feed commands, not by every start
    from search.feed_refresh import RefreshReport

COMMANDS = frozenset({"feeds", "refresh"})
MEGABYTE = 1024 * 1024


def add_parsers(commands: Any) -> None:
    feeds = commands.add_parser("feeds", help="subscribe to news feeds (add, remove, list, import, export)")
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="subscribe to a feed (a web page that links its feed works too)")
    add.add_argument("url")
    add.add_argument("--name", help="a short name to show and to remove it by")
    add.add_argument("--no-full-text", action="store_true", help="keep the feed's summaries; never fetch pages")
    remove = actions.add_parser("remove", help="unsubscribe from a feed")
    remove.add_argument("feed", metavar="URL|NAME")
    keep = remove.add_mutually_exclusive_group()
    keep.add_argument("--keep-articles", action="store_true", help="keep the articles already stored")
    keep.add_argument("--delete-articles", action="store_true", help="delete the articles already stored")
    listing = actions.add_parser("list", help="the subscribed feeds and how their last refresh went")
    listing.add_argument("--json", action="store_true", help="print JSON")
    opml_in = actions.add_parser("import", help="subscribe to every feed of an OPML file")
    opml_in.add_argument("file", type=Path, metavar="FILE.opml")
    opml_out = actions.add_parser("export", help="write the subscriptions as OPML 2.0 (stdout without FILE)")
    opml_out.add_argument("file", type=Path, nargs="?", metavar="FILE")
    full = actions.add_parser("full-text", help="turn fetching of full article pages on or off for a feed")
    full.add_argument("feed", metavar="URL|NAME")
    full.add_argument("state", choices=["on", "off"])

    refresh = commands.add_parser("refresh", help="check every feed now and index the new articles")
    refresh.add_argument("--json", action="store_true", help="print JSON")
    refresh.add_argument("--max-size", type=float, metavar="MB", help="largest response accepted (default 20)")
    refresh.add_argument("--timeout", type=float, metavar="SECONDS", help="connect and read timeout")
    refresh.add_argument("--delay", type=float, metavar="SECONDS", help="pause between requests to one host (1)")


def run(library: Library, args: argparse.Namespace) -> int:
    if library.sources is not None:
        raise SearchError("feeds fill the default library; run without --corpus")
    if args.command == "refresh":
        return _refresh(library, args)
    feeds = library.feeds
    action = args.feeds_command
    if action == "add":
        sub = feeds.subscribe(args.url, name=args.name, full_text=not args.no_full_text)
        output.message(f"subscribed to {sub.label} ({sub.url}); run `alliance-reader refresh` to fetch it")
    elif action == "remove":
        return _remove(library, args)
    elif action == "list":
        payload = [_feed_row(info) for info in feeds.list()]
        return output.emit(args.json, payload, lambda: _feeds_table(payload))
    elif action == "import":
        report = feeds.import_opml(args.file)
        for url in report.refused:
            output.message(f"not subscribed (only http and https feeds are): {url}")
        output.message(f"imported {len(report.added)} feed(s); {report.already} already subscribed; "
                       f"{len(report.refused)} refused")
    elif action == "export":
        data = feeds.export_opml()
        if args.file is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            temp = args.file.with_name(args.file.name + ".tmp")
            temp.write_bytes(data)
            temp.replace(args.file)
            output.message(f"wrote {len(feeds.subscriptions())} feed(s) to {args.file}")
    elif action == "full-text":
        sub = feeds.set_full_text(args.feed, args.state == "on")
        output.message(f"full text {'on' if sub.full_text else 'off'} for {sub.label}")
    return 0


def _remove(library: Library, args: argparse.Namespace) -> int:
    keep = not args.delete_articles
    if not args.keep_articles and not args.delete_articles and sys.stdin.isatty():
        answer = input("Keep the articles already stored from this feed? [Y/n] ").strip().lower()
        keep = answer in ("", "y", "yes")
    sub = library.feeds.unsubscribe(args.feed, keep_articles=keep)
    hint = "" if args.keep_articles or not keep else " (--delete-articles deletes them)"
    output.message(f"unsubscribed from {sub.label}; its stored articles were {'kept' if keep else 'deleted'}{hint}")
    if not keep and library.exists():
        output.run_sync(library, rebuild=False, entities=True)
    return 0


def _refresh(library: Library, args: argparse.Namespace) -> int:
    feeds = library.feeds
    if args.max_size is not None:
        feeds.policy = replace(feeds.policy, max_bytes=max(1, int(args.max_size * MEGABYTE)))
    if args.timeout is not None:
        feeds.policy = replace(feeds.policy, connect_timeout=args.timeout, read_timeout=args.timeout)
    if args.delay is not None:
        feeds.policy = replace(feeds.policy, host_delay=max(0.0, args.delay))
    if not feeds.subscriptions():
        output.message("no feeds yet: subscribe with `alliance-reader feeds add URL` or `feeds import FILE.opml`")
    report = feeds.refresh()
    if not args.json:
        for outcome in report.feeds:
            if outcome.error:  # one unwrapped line each, so scripts can read them
                print(sanitize_line(f"{outcome.url}: {outcome.error}"), file=sys.stderr)
    output.run_sync(library, rebuild=False, entities=True)
    payload = refresh_payload(report)
    return output.emit(args.json, payload, lambda: _refresh_summary(report))


def refresh_payload(report: RefreshReport) -> dict[str, Any]:
    return {
        "feeds": [{"url": o.url, "status": o.status, "new": o.new, "updated": o.updated, "error": o.error}
                  for o in report.feeds],
        "new_articles": report.new_articles,
    }


def _feed_row(info: Any) -> dict[str, Any]:
    return {"url": info.url, "name": info.name, "title": info.title, "status": info.status,
            "last_checked": info.last_checked, "last_new": info.last_new, "articles": info.articles,
            "error": info.error}


def _feeds_table(rows: list[dict[str, Any]]) -> None:
    table = Table("feed", "status", "articles", "last checked", "url", box=None, header_style="bold")
    table.add_column("problem", no_wrap=True, overflow="ellipsis", max_width=24)
    for row in rows:
        table.add_row(Text(row["name"] or row["title"] or "—"), Text(row["status"]), str(row["articles"]),
                      Text(row["last_checked"] or "never"), Text(row["url"]), Text(row["error"] or ""))
    output.stdout.print(table)
    output.stdout.print(f"{len(rows)} feed(s)", style="dim")


def _refresh_summary(report: RefreshReport) -> None:
    failed = sum(1 for o in report.feeds if o.status in ("error", "gone"))
    updated = sum(o.updated for o in report.feeds)
    output.stdout.print(Text(f"{len(report.feeds)} feed(s) checked: {report.new_articles} new article(s), "
                             f"{updated} updated, {failed} failed"))
